#!/usr/bin/env python3
"""Fleet-scale benchmark of the Pointsman agent (docs/benchmarks.md explains every figure).

For each fleet size N it seeds a fresh emulator with N Lambda functions (3 aliases each), N/30 REST APIs
(3 stages each) and N/10 ECS services, writes a manifests repository that describes exactly that fleet (in
subfolders of 100 files, or flat with --layout flat) served over Git's smart HTTP protocol by C git (or as a
file:// path with --remote file), and runs the real agent jar (`pointsman run`) against it through a counting
HTTP proxy. It measures:

  * start to first completed reconcile, and the manifest load times the agent logs;
  * promotion latency (push of a commit changing one alias -> alias live in the emulator), triggered by the
    GitHub webhook with the sweep idle, by the webhook during a drift sweep, and by 1 s polling; with the
    agent's own time for the commit (its metrics: whole pass, Git fetch, manifests), and the CPU time the agent,
    the emulator and the Git server's processes had meanwhile (on two cores they compete);
  * AWS calls per drift sweep by operation (counted by the proxy) against the minimum, and the sweep time;
  * agent RSS (now and peak) and heap after a full GC;
  * the emulator's own latency per operation (measured by the proxy).

Usage: bench/run [--sizes 30,300,3000] [--promotions 7]   (bench/run sets up the venv and the jar)
"""
import argparse
import hashlib
import hmac
import http.client
import http.server
import io
import json
import os
import platform
import random
import re
import resource
import shutil
import signal
import socket
import socketserver
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3
import botocore.config

import layouts
from git_http import GitHttpServer

ACCOUNT = "000000000000"
REGION = "us-east-1"
ENV = "fleet"
IMAGE = "registry.example.com/bench/app@sha256:" + "a" * 64
ALIASES = ["live", "canary", "stable"]
STAGES = ["dev", "beta", "live"]
# Same heap, collector and C-heap trimming as docs/operations.md gives for production (see "Memory"); one file
# for every benchmark (bench/commit-path reads it too).
DEFAULT_JVM = (Path(__file__).resolve().parent / "agent-jvm-options").read_text().strip()

# The agent's default client-side rates per API family (--aws-quota-share 0.5 of the published quotas; see
# Quotas.java), keyed by the proxy's operation names: exact operation first, then the service.
RATES = {"lambda:GetFunction": ("lambda-getfunction", 50.0), "lambda": ("lambda", 7.5),
         "apigateway": ("apigateway", 5.0), "ecs:DescribeServices": ("ecs-describeservices", 10.0),
         "ecs": ("ecs", 10.0), "sts": ("sts", 50.0), "ssm": ("ssm", 20.0), "secretsmanager": ("secretsmanager", 20.0)}


def read_floor(calls):
    """About the least time the rate limits allow for these calls (kinds are read in parallel, so the busiest
    API family bounds it; each limiter hands out a burst of 3 at once), and that family."""
    by_family = {}
    for op, count in calls.items():
        family, rate = RATES.get(op) or RATES.get(op.split(":")[0], ("other", 5.0))
        by_family.setdefault(family, [0, rate])[0] += count
    if not by_family:
        return 0.0, None
    seconds = {f: max(0, c - 3) / rate for f, (c, rate) in by_family.items()}
    busiest = max(seconds, key=seconds.get)
    return round(seconds[busiest], 1), busiest


WRITE_PREFIXES = ("Create", "Update", "Put", "Delete", "Register", "Add", "Remove", "Publish", "Flush", "Tag")


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------------------------------------------------
# Counting proxy: every AWS call of the agent goes through here and is named by its operation.

LAMBDA_ROUTES = [
    ("GET", r"/2015-03-31/functions/[^/]+/aliases", "lambda:ListAliases"),
    ("POST", r"/2015-03-31/functions/[^/]+/aliases", "lambda:CreateAlias"),
    ("GET", r"/2015-03-31/functions/[^/]+/aliases/[^/]+", "lambda:GetAlias"),
    ("PUT", r"/2015-03-31/functions/[^/]+/aliases/[^/]+", "lambda:UpdateAlias"),
    ("GET", r"/2015-03-31/functions/[^/]+", "lambda:GetFunction"),
    ("GET", r"/2015-03-31/functions/[^/]+/configuration", "lambda:GetFunctionConfiguration"),
    ("GET", r"/2015-03-31/functions/[^/]+/policy", "lambda:GetPolicy"),
    ("POST", r"/2015-03-31/functions/[^/]+/policy", "lambda:AddPermission"),
    ("GET", r"/restapis", "apigateway:GetRestApis"),
    ("GET", r"/restapis/[^/]+/stages", "apigateway:GetStages"),
    ("POST", r"/restapis/[^/]+/stages", "apigateway:CreateStage"),
    ("GET", r"/restapis/[^/]+/stages/[^/]+", "apigateway:GetStage"),
    ("PATCH", r"/restapis/[^/]+/stages/[^/]+", "apigateway:UpdateStage"),
    ("GET", r"/restapis/[^/]+/deployments/[^/]+", "apigateway:GetDeployment"),
]
TARGET_SERVICES = {"AmazonEC2ContainerServiceV20141113": "ecs", "AmazonSSM": "ssm", "secretsmanager": "secretsmanager",
                   "DynamoDB_20120810": "dynamodb", "GraniteServiceVersion20100801": "cloudwatch"}


def operation(method, path, headers, body):
    target = headers.get("X-Amz-Target")
    if target:
        prefix, _, op = target.partition(".")
        return f"{TARGET_SERVICES.get(prefix, prefix)}:{op}"
    m = re.search(r"/service/([^/]+)/operation/([A-Za-z]+)$", path)
    if m:
        return f"{TARGET_SERVICES.get(m.group(1), m.group(1))}:{m.group(2)}"
    if body.startswith(b"Action="):
        action = body.split(b"&", 1)[0][len(b"Action="):].decode()
        return ("sts:" if action in ("GetCallerIdentity", "AssumeRole") else "query:") + action
    bare = path.split("?", 1)[0]
    for verb, pattern, name in LAMBDA_ROUTES:
        if verb == method and re.fullmatch(pattern, bare):
            return name
    return f"other:{method} {re.sub(r'/[^/]+', '/*', bare)}"


class CountingProxy:
    def __init__(self, upstream_port):
        self.upstream_port = upstream_port
        self.lock = threading.Lock()
        self.counts = {}
        self.upstream_seconds = {}
        self.total_upstream = 0.0
        self.alias_writes = []  # (function, alias, version, when the emulator answered: perf_counter)
        self.written = threading.Condition(self.lock)
        proxy = self
        local = threading.local()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else Nagle + delayed ACKs add ~40 ms to every answer

            def log_message(self, *args):
                pass

            def _body(self):
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    out = b""
                    while True:
                        size = int(self.rfile.readline().strip().split(b";")[0], 16)
                        if size == 0:
                            self.rfile.readline()
                            return out
                        out += self.rfile.read(size)
                        self.rfile.readline()
                n = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(n) if n else b""

            def _forward(self):
                body = self._body()
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("transfer-encoding", "connection", "content-length")}
                if body or self.command in ("POST", "PUT", "PATCH"):
                    headers["Content-Length"] = str(len(body))
                conn = getattr(local, "conn", None)
                if conn is None:
                    conn = local.conn = http.client.HTTPConnection("127.0.0.1", proxy.upstream_port, timeout=120)
                    conn.connect()
                    conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                start = time.perf_counter()
                try:
                    conn.request(self.command, self.path, body=body, headers=headers)
                    resp = conn.getresponse()
                    data = resp.read()
                except (http.client.HTTPException, OSError):
                    local.conn = None
                    conn.close()
                    raise
                took = time.perf_counter() - start
                op = operation(self.command, self.path, self.headers, body)
                proxy.record(op, took)
                if op == "lambda:UpdateAlias" and resp.status < 300:
                    proxy.alias_written(self.path, body, start + took)
                self.send_response(resp.status)
                for k, v in resp.getheaders():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _forward

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def record(self, op, took):
        with self.lock:
            self.counts[op] = self.counts.get(op, 0) + 1
            self.upstream_seconds.setdefault(op, []).append(took)
            self.total_upstream += took

    def snapshot(self):
        with self.lock:
            return dict(self.counts), self.total_upstream

    def alias_written(self, path, body, when):
        """An UpdateAlias the emulator answered with success: the alias points where the body says from then on."""
        function, alias = (urllib.parse.unquote(part) for part in re.fullmatch(
            r"/2015-03-31/functions/([^/]+)/aliases/([^/]+)", path.split("?", 1)[0]).groups())
        version = json.loads(body or b"{}").get("FunctionVersion")
        with self.written:
            self.alias_writes.append((function, alias, version, when))
            self.written.notify_all()

    def wait_alias_write(self, function, alias, version, since, timeout):
        """When the emulator answered the first UpdateAlias of function's alias to version made after since
        (perf_counter); waits for it without polling anything."""
        def found():
            return next((w for f, a, v, w in self.alias_writes
                         if f == function and a == alias and v == version and w >= since), None)
        with self.written:
            if not self.written.wait_for(found, timeout):
                raise SystemExit(f"no UpdateAlias of {function} {alias} to version {version} within {timeout} s")
            return found()

    def close(self):
        self.server.shutdown()


def delta(after, before):
    out = {k: v - before.get(k, 0) for k, v in after.items()}
    return {k: v for k, v in sorted(out.items()) if v}


# ---------------------------------------------------------------------------------------------------------
# The emulator, seeded with a fleet.

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_emulator(venv, logfile):
    port = free_port()
    # Its temporary files (a folder per Lambda function it runs, a pid file) beside its log, not left in /tmp.
    tmp = Path(logfile).parent / "ministack-tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, GATEWAY_PORT=str(port), BIND_HOST="127.0.0.1", IOT_MTLS_ENABLED="0", TMPDIR=str(tmp))
    proc = subprocess.Popen([str(Path(venv) / "bin" / "ministack")], env=env, stdout=open(logfile, "w"),
                            stderr=subprocess.STDOUT, start_new_session=True)
    for _ in range(240):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_ministack/health", timeout=1).read()
            return proc, port
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"the emulator exited at start; see {logfile}")
            time.sleep(0.25)
    raise SystemExit("the emulator did not become ready in 60 s")


def stop(proc):
    if proc and proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def aws(name, port):
    return boto3.client(name, endpoint_url=f"http://127.0.0.1:{port}", region_name=REGION,
                        aws_access_key_id="test", aws_secret_access_key="test",
                        config=botocore.config.Config(max_pool_connections=32, retries={"max_attempts": 8}))


def zip_code(name, build):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("handler.py", f"def handler(event, context):\n    return '{name} build {build}'\n")
    return buf.getvalue()


def fn_name(i):
    return f"bench-fn-{i:05d}"


def seed(port, n, layout):
    """Creates the fleet; returns {api index: (rest api id, [deployment ids])}."""
    alias_names = layouts.ENVS if layout == "envs" else ALIASES
    stage_names = layouts.ENVS if layout == "envs" else STAGES
    lam, apigw, ecs = aws("lambda", port), aws("apigateway", port), aws("ecs", port)

    def ready(name):
        for _ in range(1200):
            c = lam.get_function_configuration(FunctionName=name)
            if c.get("State") == "Active" and c.get("LastUpdateStatus", "Successful") != "InProgress":
                return
            time.sleep(0.05)
        raise SystemExit(f"function {name} did not become ready")

    def function(i):
        name = fn_name(i)
        lam.create_function(FunctionName=name, Runtime="python3.12", Handler="handler.handler",
                            Role=f"arn:aws:iam::{ACCOUNT}:role/bench", Code={"ZipFile": zip_code(name, 1)})
        for build in (1, 2):  # versions 1 and 2, each with its own code, as a CI pipeline would publish them
            if build > 1:
                lam.update_function_code(FunctionName=name, ZipFile=zip_code(name, build))
            ready(name)
            lam.publish_version(FunctionName=name, Description=f"build {build}")
        for alias in alias_names:
            lam.create_alias(FunctionName=name, Name=alias, FunctionVersion="1")

    apis = {}

    def api(a):
        rest = apigw.create_rest_api(name=f"bench-api-{a:04d}")["id"]
        root = [r for r in apigw.get_resources(restApiId=rest)["items"] if r["path"] == "/"][0]["id"]
        apigw.put_method(restApiId=rest, resourceId=root, httpMethod="GET", authorizationType="NONE")
        apigw.put_integration(restApiId=rest, resourceId=root, httpMethod="GET", type="MOCK")
        deployments = [apigw.create_deployment(restApiId=rest)["id"] for _ in range(2)]
        for stage in stage_names:
            apigw.create_stage(restApiId=rest, stageName=stage, deploymentId=deployments[0])
        apis[a] = (rest, deployments)

    ecs.create_cluster(clusterName=ENV)

    def service(s):
        family = f"bench-svc-{s:04d}"
        arn = ecs.register_task_definition(
            family=family, containerDefinitions=[{"name": "app", "image": IMAGE, "memory": 128}]
        )["taskDefinition"]["taskDefinitionArn"]
        ecs.create_service(cluster=ENV, serviceName=family, taskDefinition=arn, desiredCount=1)

    with ThreadPoolExecutor(16) as pool:
        for f in [pool.submit(function, i) for i in range(n)] + \
                 [pool.submit(api, a) for a in range(api_count(n))] + \
                 [pool.submit(service, s) for s in range(service_count(n))]:
            f.result()
    return apis


def api_count(n):
    return max(1, n // 30)


def service_count(n):
    return max(1, n // 10)


# ---------------------------------------------------------------------------------------------------------
# The manifests repository.

def alias_doc(i, alias, version):
    return (f"---\napiVersion: pointsman.dev/v1\nkind: LambdaAlias\nmetadata:\n  name: fn-{i}-{alias}\n"
            f"spec:\n  functionName: {fn_name(i)}\n  alias: {alias}\n  version: {version}\n")


def function_file(i, live_version):
    return "".join(alias_doc(i, a, live_version if a == "live" else 1) for a in ALIASES)


GROUP = 100  # files per subfolder in the nested layout


def manifest_path(kind, i, layout):
    """Where the manifest of function/api/service i lives: kind-NN/ subfolders of 100 files, or all in one."""
    name = {"fn": f"fn-{i:05d}.yaml", "api": f"api-{i:04d}.yaml", "svc": f"svc-{i:04d}.yaml"}[kind]
    return f"{ENV}/{kind}-{i // GROUP:02d}/{name}" if layout == "nested" else f"{ENV}/{name}"


def write_manifests(root, n, apis, layout):
    if layout == "envs":
        layouts.write(root, n, apis, fn_name, service_count(n), REGION, ACCOUNT, ENV, IMAGE)
        return
    d = root / ENV
    d.mkdir(parents=True)
    (d / "environment.yaml").write_text(
        "apiVersion: pointsman.dev/v1\nkind: Environment\nmetadata:\n  name: fleet\nspec:\n"
        f"  region: {REGION}\n  accountId: \"{ACCOUNT}\"\n  drift: report\n")

    def write(kind, i, text):
        path = root / manifest_path(kind, i, layout)
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)

    for i in range(n):
        write("fn", i, function_file(i, 1))
    for a, (rest, deployments) in apis.items():
        write("api", a, "".join(
            f"---\napiVersion: pointsman.dev/v1\nkind: ApiStage\nmetadata:\n  name: api-{a}-{stage}\nspec:\n"
            f"  restApiId: \"{rest}\"\n  stage: {stage}\n  deploymentId: \"{deployments[0]}\"\n"
            for stage in STAGES))
    for s in range(service_count(n)):
        write("svc", s,
              f"apiVersion: pointsman.dev/v1\nkind: EcsService\nmetadata:\n  name: svc-{s}\nspec:\n"
              f"  cluster: {ENV}\n  service: bench-svc-{s:04d}\n  containers:\n    - name: app\n"
              f"      image: {IMAGE}\n")


def git(cwd, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.com",
               GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.com")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


def make_repo(work, n, apis, layout):
    bare, clone = work / "fleet.git", work / "clone"
    git(work, "init", "-q", "--bare", "-b", "main", str(bare))
    git(work, "init", "-q", "-b", "main", str(clone))
    write_manifests(clone, n, apis, layout)
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", f"Fleet of {n} functions")
    git(clone, "remote", "add", "origin", bare.as_uri())
    git(clone, "push", "-q", "origin", "main")
    return bare, clone


# ---------------------------------------------------------------------------------------------------------
# The agent.

class Agent:
    def __init__(self, jar, jvm, work, repo_url, proxy_port, name, interval, drift_interval, secret_file,
                 extra_env=None, state="agent-state"):
        self.port = free_port()
        self.log = work / f"agent-{name}.log"
        cmd = ["java", *jvm.split(), "-jar", str(jar), "run", "--repo", repo_url,
               "--workdir", str(work / state), "--interval", interval, "--drift-interval", drift_interval,
               "--http-port", str(self.port), "--http-bind", "127.0.0.1"]
        if secret_file:
            cmd += ["--github-webhook-secret-file", str(secret_file)]
        env = dict(os.environ, AWS_ENDPOINT_URL=f"http://127.0.0.1:{proxy_port}", AWS_REGION=REGION,
                   AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", **(extra_env or {}))
        env.pop("JAVA_TOOL_OPTIONS", None)
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(cmd, env=env, stdout=open(self.log, "w"), stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def metrics(self):
        try:
            text = urllib.request.urlopen(f"http://127.0.0.1:{self.port}/metrics", timeout=5).read().decode()
        except OSError:
            if self.proc.poll() is not None:
                raise SystemExit(f"the agent exited; see {self.log}")
            return {}
        out = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                key, _, value = line.rpartition(" ")
                out[key] = float(value)
        return out

    def wait_metric(self, key, pred, timeout, poll=0.02):
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            value = self.metrics().get(key)
            if value is not None and pred(value):
                return value
            time.sleep(poll)
        raise SystemExit(f"timed out waiting for {key}; see {self.log}")

    def wait_ready(self, timeout=600):
        """Until /readyz answers 200: a Kubernetes Service routes webhooks only to a ready pod."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=5).status == 200:
                    return
            except OSError:
                if self.proc.poll() is not None:
                    raise SystemExit(f"the agent exited; see {self.log}")
            time.sleep(0.02)
        raise SystemExit(f"the agent was not ready within {timeout} s; see {self.log}")

    def footprint(self):
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        rss = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024
        peak = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024
        subprocess.run(["jcmd", str(self.proc.pid), "GC.run"], check=True, capture_output=True)
        info = subprocess.run(["jcmd", str(self.proc.pid), "GC.heap_info"], check=True, capture_output=True,
                              text=True).stdout
        heap = sum(int(m) for m in re.findall(r"(?:generation|heap)\s+total \d+K, used (\d+)K", info)) / 1024
        return {"rss_mb": round(rss, 1), "peak_rss_mb": round(peak, 1), "heap_after_gc_mb": round(heap, 1)}

    def loads(self):
        """(files, ms, parsed, unchanged) of every manifest load the agent logged."""
        pattern = re.compile(r"(\d+) manifest files validated in (\d+) ms \((\d+) parsed, (\d+) unchanged\)")
        return [tuple(int(g) for g in m.groups()) for m in pattern.finditer(self.log.read_text())]

    def stop(self):
        stop(self.proc)


DRIFT_COUNT = 'pointsman_reconcile_duration_seconds_count{trigger="drift"}'
DRIFT_SUM = 'pointsman_reconcile_duration_seconds_sum{trigger="drift"}'
APPLIED = "pointsman_last_applied_commit_time_seconds"


def webhook(agent, secret):
    body = json.dumps({"ref": "refs/heads/main", "repository": {"default_branch": "main"}}).encode()
    sig = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    req = urllib.request.Request(f"http://127.0.0.1:{agent.port}/hooks/github", data=body, method="POST",
                                 headers={"X-GitHub-Event": "push", "X-Hub-Signature-256": sig,
                                          "Content-Type": "application/json"})
    urllib.request.urlopen(req, timeout=10).read()


COMMIT_COUNT = 'pointsman_reconcile_duration_seconds_count{trigger="commit"}'
COMMIT_SUM = 'pointsman_reconcile_duration_seconds_sum{trigger="commit"}'
FETCH_SUM = 'pointsman_git_fetch_duration_seconds_sum{outcome="success"}'
LOAD_SUM = "pointsman_manifests_load_duration_seconds_sum"
LOAD_COUNT = "pointsman_manifests_load_duration_seconds_count"


def cpu_ns(pid):
    """The CPU time each live thread of process pid has had so far, ns, by thread id: the scheduler's own account
    (/proc/<pid>/task/*/schedstat), fine-grained where /proc/<pid>/stat counts 10 ms ticks. A thread that ends
    takes its time with it, so compare two of these with cpu_between, never their sums: a sum falls when a
    thread ends (run 13 recorded -1048 ms for a promotion during which a warm-start thread ended)."""
    times = {}
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return times
    for task in tasks:
        try:
            times[task.name] = int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pass  # ended meanwhile
    return times


def cpu_between(before, after):
    """The CPU time, ns, that the threads alive at the end had between two cpu_ns snapshots: a thread that
    started meanwhile counts whole, one that ended meanwhile is left out (a lower bound, never negative; the
    agent's threads live as long as it does, the prefetch's and the read-ahead's until idle for 30 s)."""
    return sum(ns - before.get(tid, 0) for tid, ns in after.items())


def cpu_spent(before, after):
    """ms between two readings of Promoter.cpu's: per thread for a cpu_ns snapshot, else a plain difference."""
    if isinstance(after, dict):
        return cpu_between(before, after) / 1e6
    return after - before


def children_cpu_s():
    """CPU time of this process's children that ended so far (the Git server's upload-pack processes), s."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


class Promoter:
    """Promotes one function's alias per call, each time another function (1 -> 2, or 2 -> 1). In the
    three-environment layout it alternates between a prod alias (one document among N in prod/functions.yaml)
    and a staging alias (alone in its file); otherwise it moves the live alias."""

    def __init__(self, clone, n, emulator_port, layout):
        self.clone, self.n, self.next, self.layout = clone, n, 0, layout
        self.live = {}  # (function, alias) -> version, when not 1
        self.random = random.Random(n)
        self.window = None
        self.emulator_pid = None  # when set, its CPU during each promotion is recorded
        self.live_by = "proxy"  # or "poll": GetAlias every 5 ms until it answers the new version
        self.lam = aws("lambda", emulator_port)  # straight to the emulator: not counted as agent calls

    def edit(self, count=1):
        """Commits (not pushes) the next promotion; returns [(function, alias, version, docs in its file)]."""
        i = (self.next * 7919 + 11) % self.n
        alias = ("prod" if self.next % 2 == 0 else "staging") if self.layout == "envs" else "live"
        self.next += 1
        # 1 -> 2, or back to 1 when a small fleet has more promotions than functions.
        target = 1 if self.live.get((i, alias), 1) == 2 else 2
        self.live[(i, alias)] = target
        if self.layout != "envs":
            (self.clone / manifest_path("fn", i, self.layout)).write_text(function_file(i, target))
            docs = len(ALIASES)
        elif alias == "prod":
            versions = {f: v for (f, a), v in self.live.items() if a == "prod"}
            (self.clone / layouts.PROD_FILE).write_text(layouts.prod_file(fn_name, self.n, versions))
            docs = self.n
        else:
            (self.clone / layouts.own_file(alias, i)).write_text(layouts.alias_doc(fn_name(i), alias, target))
            docs = 1
        git(self.clone, "commit", "-q", "-am", f"Promote {fn_name(i)} {alias} to version {target}")
        return i, alias, target, docs

    def live_at(self, i, alias, target):
        return self.lam.get_alias(FunctionName=fn_name(i), Name=alias)["FunctionVersion"] == str(target)

    def promote(self, proxy, agent, trigger, pause=True):
        # A random pause first, so that pushes fall at random points of the poll interval.
        if pause:
            time.sleep(self.random.uniform(0.2, 1.2))
        i, alias, target, docs = self.edit()
        git(self.clone, "push", "-q", "origin", "main")
        m0 = agent.metrics()
        before, upstream_before = proxy.snapshot()
        cpu_before = self.cpu(agent)
        pushed = time.perf_counter()
        trigger()
        if self.live_by == "proxy":
            # Live when the emulator answered the agent's UpdateAlias to the new version (seen by the proxy, which
            # no polling loads); checked once afterwards.
            live = proxy.wait_alias_write(fn_name(i), alias, str(target), pushed, 120)
            cpu_after = self.cpu(agent)
            if not self.live_at(i, alias, target):
                raise SystemExit(f"{fn_name(i)} {alias} is not at version {target} after the agent's UpdateAlias")
        else:
            while not self.live_at(i, alias, target):
                if time.perf_counter() - pushed > 120:
                    raise SystemExit(f"promotion of {fn_name(i)} {alias} not live after 120 s")
                time.sleep(0.005)
            live = time.perf_counter()
            cpu_after = self.cpu(agent)
        latency = live - pushed
        after, upstream_after = proxy.snapshot()
        # The agent's own account of the commit (fetch, diff, load, reads, writes), once it has recorded it.
        agent.wait_metric(COMMIT_COUNT, lambda v: v >= m0.get(COMMIT_COUNT, 0) + 1, timeout=60)
        m1 = agent.metrics()

        def took(key):
            return round((m1.get(key, 0) - m0.get(key, 0)) * 1000, 1)

        self.window = (pushed, pushed + latency)  # when it was pushed and live (perf_counter)
        return {"latency_ms": round(latency * 1000, 1), "calls": delta(after, before),
                "emulator_ms": round((upstream_after - upstream_before) * 1000, 1),
                "agent_commit_ms": took(COMMIT_SUM), "agent_fetch_ms": took(FETCH_SUM),
                "agent_load_ms": took(LOAD_SUM), "alias": alias, "docs_in_file": docs,
                **{k: round(cpu_spent(cpu_before[k], cpu_after[k]), 1) for k in cpu_after}}

    def cpu(self, agent):
        """CPU so far of the agent and the emulator (by thread, cpu_ns) and of the Git server's processes (ms);
        promote() takes the difference over a promotion's latency, from the webhook to the alias seen live, with
        cpu_spent."""
        out = {"agent_cpu_ms": cpu_ns(agent.proc.pid), "git_server_cpu_ms": children_cpu_s() * 1000}
        if self.emulator_pid:
            out["emulator_cpu_ms"] = cpu_ns(self.emulator_pid)
        return out

    def burst(self, agent, trigger, pushes):
        """pushes commits, each pushed and announced by webhook within about a second; how many commit
        passes the agent ran until all were live, and how long that took."""
        m0 = agent.metrics()
        edits = []
        start = time.perf_counter()
        answers = []
        for k in range(pushes):
            edits.append(self.edit())
            git(self.clone, "push", "-q", "origin", "main")
            t = time.perf_counter()
            trigger()
            answers.append(round((time.perf_counter() - t) * 1000, 1))
            pace = start + (k + 1) / pushes - time.perf_counter()
            if pace > 0:
                time.sleep(pace)
        sent = time.perf_counter() - start
        while not all(self.live_at(i, alias, v) for i, alias, v, _ in edits):
            if time.perf_counter() - start > 120:
                raise SystemExit("burst not live after 120 s")
            time.sleep(0.02)
        live = time.perf_counter() - start
        time.sleep(3)  # longer than a burst may wait for its pass: any pass still to come has run
        passes = agent.metrics().get(COMMIT_COUNT, 0) - m0.get(COMMIT_COUNT, 0)
        return {"pushes": pushes, "sent_s": round(sent, 2), "all_live_s": round(live, 2), "passes": int(passes),
                "webhook_answer_ms": answers}

    def promotions(self, proxy, agent, trigger, count, warmup):
        """{"warmup": [...], "measured": [...]}: the first promotions after a start run on a cold JIT."""
        warm = [self.promote(proxy, agent, trigger) for _ in range(warmup)]
        return warm, [self.promote(proxy, agent, trigger) for _ in range(count)]


class RoundWatch:
    """Watches an agent's drift sweep rounds (its round counter, every 20 ms, on a thread of its own): when each
    ended, so that a promotion can be timed inside a round (rounds run back to back, 1 s apart)."""

    GAP_S = 1.0  # the drift interval of the sweep mode: a round starts this long after the previous one ended

    def __init__(self, agent):
        self.agent, self.ends, self.stopped = agent, [], threading.Event()
        self.count = agent.metrics().get(DRIFT_COUNT, 0)
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self):
        while not self.stopped.wait(0.02):
            count = self.agent.metrics().get(DRIFT_COUNT, 0)
            if count != self.count:
                self.count = count
                self.ends.append(time.perf_counter())

    def wait_running(self):
        """Until a round is running: more than the gap after the last round's end (the first round starts the
        gap after the loop does, long before the warm-up promotions end)."""
        while self.ends and time.perf_counter() < self.ends[-1] + self.GAP_S + 0.1:
            time.sleep(0.02)

    def spanned(self, pushed, live):
        """True when one round ran from before the push until the promotion was live (no round ended within the
        promotion, nor in the gap before it)."""
        time.sleep(0.05)  # the watcher has seen any round end up to now
        return not any(pushed - self.GAP_S - 0.05 <= end <= live + 0.03 for end in self.ends)

    def stop(self):
        self.stopped.set()
        self.thread.join()


def minimum_sweep(n):
    return {"lambda:ListAliases": n, "apigateway:GetStages": api_count(n),
            "ecs:DescribeServices": -(-service_count(n) // 10)}


def bench_size(n, args, jar, venv, out):
    work = out / f"n{n}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    result = {"n": n, "functions": n, "aliases": 3 * n, "apis": api_count(n), "stages": 3 * api_count(n),
              "services": service_count(n)}
    emulator, port = start_emulator(venv, work / "ministack.log")
    proxy = None
    agent = None
    git_server = None
    try:
        t = time.perf_counter()
        apis = seed(port, n, args.layout)
        result["seed_s"] = round(time.perf_counter() - t, 1)
        log(f"N={n}: seeded {n} functions x3 aliases, {api_count(n)} APIs x3 stages, {service_count(n)} "
            f"services in {result['seed_s']} s")
        bare, clone = make_repo(work, n, apis, args.layout)
        if args.remote == "http":
            git_server = GitHttpServer(bare)
            repo_url = git_server.url
        else:
            repo_url = bare.as_uri()
        result["layout"], result["remote"] = args.layout, args.remote
        proxy = CountingProxy(port)
        secret = "bench-" + hashlib.sha256(str(time.time()).encode()).hexdigest()[:16]
        secret_file = work / "webhook-secret"
        secret_file.write_text(secret)
        secret_file.chmod(0o600)
        promoter = Promoter(clone, n, port, args.layout)
        promoter.emulator_pid = emulator.pid
        promoter.live_by = args.live_by

        # 1. Start to first reconcile, then promotions by webhook with the sweep idle.
        agent = Agent(jar, args.jvm, work, repo_url, proxy.port, "webhook", "1h", "24h", secret_file)
        agent.wait_metric(APPLIED, lambda v: v > 0, timeout=3600)
        result["first_reconcile_s"] = round(time.perf_counter() - agent.started, 2)
        first_calls, _ = proxy.snapshot()
        result["first_reconcile_calls"] = first_calls
        result["first_reconcile_writes"] = sum(v for k, v in first_calls.items()
                                               if k.split(":")[1].startswith(WRITE_PREFIXES))
        log(f"N={n}: first reconcile after {result['first_reconcile_s']} s, calls {first_calls}")
        if args.first_pass_only:
            result["footprint_after_first_pass"] = agent.footprint()
            log(f"N={n}: footprint after the first pass {result['footprint_after_first_pass']}")
            return result
        agent.wait_ready()
        result["warmup_webhook_idle"], result["promotion_webhook_idle"] = promoter.promotions(
            proxy, agent, lambda: webhook(agent, secret), args.promotions, args.warmup)
        # 1a. A burst: 20 pushes within about a second, each announced by its webhook.
        result["burst"] = promoter.burst(agent, lambda: webhook(agent, secret), 20)
        log(f"N={n}: burst {result['burst']}")
        result["manifest_loads"] = agent.loads()
        result["footprint_after_promotions"] = agent.footprint()
        agent.stop()
        result["webhook_idle_runs"] = [{"warmup": result["warmup_webhook_idle"],
                                        "measured": result["promotion_webhook_idle"]}]
        # 1b. The same again with a fresh agent each time (a restart: the live commit is loaded at its first
        # idle poll), so that the headline figure is a median of several runs, not of one.
        for run in range(2, args.runs + 1):
            agent = Agent(jar, args.jvm, work, repo_url, proxy.port, f"webhook-{run}", "1h", "24h", secret_file)
            agent.wait_ready()
            warm, measured = promoter.promotions(proxy, agent, lambda: webhook(agent, secret), args.promotions,
                                                 args.warmup)
            result["webhook_idle_runs"].append({"warmup": warm, "measured": measured})
            agent.stop()

        # 2. Promotions found by polling every second (no webhook).
        agent = Agent(jar, args.jvm, work, repo_url, proxy.port, "polling", "1s", "24h", None)
        agent.wait_ready()
        time.sleep(2)
        result["warmup_polling"], result["promotion_polling"] = promoter.promotions(
            proxy, agent, lambda: None, args.promotions, args.warmup)
        agent.stop()

        # 3. Drift sweeps back to back (1 s apart): promotions during rounds, in several runs as with the sweep idle
        # (each a fresh agent on the work directory; the figure is the median of the runs' medians), then the cost
        # and time of a later round in the last run. As in the other modes the first promotions after each start
        # are not counted; each counted promotion was pushed while a round was running (more than 1 s after the
        # last round ended) and live before it ended.
        result["sweep_runs"] = []
        for run in range(1, args.sweep_runs + 1):
            agent = Agent(jar, args.jvm, work, repo_url, proxy.port, f"sweep-{run}", "1h", "1s", secret_file)
            agent.wait_ready()
            rounds = RoundWatch(agent)
            try:
                warm = [promoter.promote(proxy, agent, lambda: webhook(agent, secret)) for _ in range(args.warmup)]
                during, overlapped = [], 0
                deadline = time.perf_counter() + 900
                while len(during) < args.promotions and time.perf_counter() < deadline:
                    rounds.wait_running()
                    p = promoter.promote(proxy, agent, lambda: webhook(agent, secret))
                    if rounds.spanned(*promoter.window):
                        during.append(p)
                    else:
                        overlapped += 1
            finally:
                rounds.stop()
            log(f"N={n}: sweep run {run}: {len(during)} promotions during sweep rounds ({overlapped} not counted: a "
                f"round boundary fell within them)")
            result["sweep_runs"].append({"warmup": warm, "measured": during})
            if run < args.sweep_runs:
                agent.stop()
        result["promotion_webhook_during_sweep"] = [p for run in result["sweep_runs"] for p in run["measured"]]
        # Count a round that started after the last promotion: the next round boundary from now on.
        now = agent.metrics().get(DRIFT_COUNT, 0)
        base_count = agent.wait_metric(DRIFT_COUNT, lambda v: v >= now + 1, timeout=7200, poll=0.05)
        before, _ = proxy.snapshot()
        base_sum = agent.metrics()[DRIFT_SUM]
        agent.wait_metric(DRIFT_COUNT, lambda v: v >= base_count + 1, timeout=7200, poll=0.05)
        after, _ = proxy.snapshot()
        m = agent.metrics()
        result["sweep_calls"] = delta(after, before)
        result["sweep_s"] = round(m[DRIFT_SUM] - base_sum, 2)
        result["sweep_minimum"] = minimum_sweep(n)
        result["footprint_after_sweeps"] = agent.footprint()
        log(f"N={n}: one sweep took {result['sweep_s']} s with {result['sweep_calls']}")
        agent.stop()
        agent = None

        # 4. New replicas (each an empty work directory): a promotion pushed while the replica's first pass is still
        # reading, cold (the replica is not ready yet). Several replicas, since each gives one figure.
        result["promotions_during_first_pass"] = []
        for k in range(args.first_pass_replicas):
            state = f"agent-state-new-replica-{k}"
            agent = Agent(jar, args.jvm, work, repo_url, proxy.port, f"new-replica-{k}", "1h", "24h", secret_file,
                          state=state)
            base, _ = proxy.snapshot()
            end = time.perf_counter() + 600
            while proxy.snapshot()[0].get("lambda:ListAliases", 0) - base.get("lambda:ListAliases", 0) < min(20, n // 5):
                if time.perf_counter() > end:
                    raise SystemExit("the new replica's first pass did not start")
                time.sleep(0.01)
            p = promoter.promote(proxy, agent, lambda: webhook(agent, secret), pause=False)
            p["first_pass_still_running"] = agent.metrics().get(APPLIED, 0) == 0
            result["promotions_during_first_pass"].append(p)
            log(f"N={n}: promotion during new replica {k}'s first pass: {p['latency_ms']} ms "
                f"(first pass still running: {p['first_pass_still_running']})")
            agent.stop()
            agent = None
            shutil.rmtree(work / state, ignore_errors=True)

        result["emulator_latency_ms"] = {
            op: {"calls": len(v), "median": round(statistics.median(v) * 1000, 2),
                 "p90": round(sorted(v)[int(len(v) * 0.9)] * 1000, 2)}
            for op, v in sorted(proxy.upstream_seconds.items())}
        return result
    finally:
        if agent:
            agent.stop()
        if proxy:
            proxy.close()
        if git_server:
            git_server.close()
        stop(emulator)


LIVE_BY = {"proxy": "the emulator answered the agent's UpdateAlias",
           "poll": "GetAlias answered the new version (polled every 5 ms)"}


def median(values):
    return round(statistics.median(values), 1) if values else None


def summarise(r):
    def lat(key):
        return median([p["latency_ms"] for p in r[key]])

    runs = r.get("webhook_idle_runs") or [{"warmup": r.get("warmup_webhook_idle", []),
                                           "measured": r["promotion_webhook_idle"]}]
    run_medians = [median([p["latency_ms"] for p in run["measured"]]) for run in runs]
    webhook = [p for run in runs for p in run["measured"]]
    loads = r["manifest_loads"]
    incremental = [ms for files, ms, parsed, _ in loads[1:] if parsed <= 1]
    during = [p["latency_ms"] for p in r["promotion_webhook_during_sweep"]]
    # Runs before 2026-12-01 14:00 made the promotions during sweeps with one agent: one run.
    sweep_run_medians = [median([p["latency_ms"] for p in run["measured"]])
                         for run in r.get("sweep_runs", [{"measured": r["promotion_webhook_during_sweep"]}])
                         if run["measured"]]
    firsts = [run["warmup"][0]["latency_ms"] for run in runs if run["warmup"]]
    # Runs before 2026-11-30 21:30 pushed during one new replica's first pass; later runs during several.
    first_passes = r.get("promotions_during_first_pass") or (
        [r["promotion_during_first_pass"]] if r.get("promotion_during_first_pass") else [])
    burst = r.get("burst")

    def cpu(key):
        """The median CPU time a process had during a webhook promotion (runs from 2026-12-01 14:00 on)."""
        return median([p[key] for p in webhook if key in p])

    def by_file(shared):
        return median([p["latency_ms"] for p in webhook if "docs_in_file" in p and
                       (p["docs_in_file"] > 1 if shared else p["docs_in_file"] == 1)])

    return {
        "N": r["n"],
        "resources": r["aliases"] + r["stages"] + r["services"],
        "webhook_ms": median(run_medians),
        "webhook_p95_ms": layouts.p95([p["latency_ms"] for p in webhook]),
        "webhook_run_medians_ms": run_medians,
        "webhook_shared_file_ms": by_file(True),
        "webhook_own_file_ms": by_file(False),
        "webhook_emulator_ms": median([p["emulator_ms"] for p in webhook]),
        "webhook_agent_ms": median([p["agent_commit_ms"] for p in webhook if "agent_commit_ms" in p]),
        "webhook_fetch_ms": median([p["agent_fetch_ms"] for p in webhook if "agent_fetch_ms" in p]),
        "webhook_warmup_ms": [p["latency_ms"] for run in runs for p in run["warmup"]],
        "webhook_agent_cpu_ms": cpu("agent_cpu_ms"),
        "webhook_emulator_cpu_ms": cpu("emulator_cpu_ms"),
        "webhook_git_cpu_ms": cpu("git_server_cpu_ms"),
        "webhook_during_sweep_ms": median(sweep_run_medians),
        "webhook_during_sweep_run_medians_ms": sweep_run_medians,
        "webhook_during_sweep_p95_ms": layouts.p95(during),
        "first_after_start_ms": firsts,
        "first_pass_promotion_ms": median([p["latency_ms"] for p in first_passes]) if first_passes else None,
        "first_pass_promotions_ms": [p["latency_ms"] for p in first_passes],
        "first_pass_still_running": all(p["first_pass_still_running"] for p in first_passes) if first_passes else None,
        "burst_passes": burst["passes"] if burst else None,
        "burst_all_live_s": burst["all_live_s"] if burst else None,
        "polling_ms": lat("promotion_polling"),
        "promotion_calls": median([sum(p["calls"].values()) for p in webhook]),
        "sweep_calls": sum(r["sweep_calls"].values()),
        "sweep_minimum": sum(r["sweep_minimum"].values()),
        "sweep_exact": r["sweep_calls"] == r["sweep_minimum"],
        "sweep_s": r["sweep_s"],
        "sweep_floor_s": read_floor(r["sweep_calls"])[0],
        "sweep_bound_by": read_floor(r["sweep_calls"])[1],
        "first_reconcile_s": r["first_reconcile_s"],
        "first_reconcile_floor_s": read_floor(r["first_reconcile_calls"])[0],
        "rss_mb": r["footprint_after_sweeps"]["rss_mb"],
        "peak_rss_mb": max(r["footprint_after_sweeps"]["peak_rss_mb"], r["footprint_after_promotions"]["peak_rss_mb"]),
        "heap_mb": r["footprint_after_sweeps"]["heap_after_gc_mb"],
        "load_cold_ms": loads[0][1] if loads else None,
        "load_incremental_ms": median(incremental),
        "files_parsed_incremental": max((p for _, _, p, _ in loads[1:]), default=None),
    }


TABLE = [
    ("N functions", "N"), ("resources", "resources"),
    ("promotion, webhook (median of the runs' medians, ms)", "webhook_ms"),
    ("  p95 (ms)", "webhook_p95_ms"),
    ("  each run's median (ms)", "webhook_run_medians_ms"),
    ("  document alone in its file (median ms)", "webhook_own_file_ms"),
    ("  document among N in one file (median ms)", "webhook_shared_file_ms"), ("  of which in the emulator (ms)", "webhook_emulator_ms"),
    ("  the agent's own commit pass (ms)", "webhook_agent_ms"), ("    of which Git fetch (ms)", "webhook_fetch_ms"),
    ("  CPU meanwhile: the agent, all threads (ms)", "webhook_agent_cpu_ms"),
    ("  CPU meanwhile: the emulator (ms)", "webhook_emulator_cpu_ms"),
    ("  CPU meanwhile: the Git server's upload-pack (ms)", "webhook_git_cpu_ms"),
    ("  first promotions after start, not in the median (ms)", "webhook_warmup_ms"),
    ("  the first after each start (ms)", "first_after_start_ms"),
    ("promotion, webhook during a sweep (median of the runs' medians, ms)", "webhook_during_sweep_ms"),
    ("  each run's median (ms)", "webhook_during_sweep_run_medians_ms"),
    ("  p95 (ms)", "webhook_during_sweep_p95_ms"),
    ("promotion during a new replica's first pass (median ms)", "first_pass_promotion_ms"),
    ("  each replica's (ms)", "first_pass_promotions_ms"),
    ("  first pass still running when each was live", "first_pass_still_running"),
    ("20 pushes in about 1 s: commit passes", "burst_passes"),
    ("  all 20 live after (s)", "burst_all_live_s"),
    ("promotion, 1 s polling (median ms)", "polling_ms"), ("AWS calls per promotion", "promotion_calls"),
    ("AWS calls per drift sweep", "sweep_calls"), ("minimum", "sweep_minimum"), ("exactly the minimum", "sweep_exact"),
    ("drift sweep time (s)", "sweep_s"), ("  rate-limit floor (s)", "sweep_floor_s"),
    ("  bounded by the limit of", "sweep_bound_by"),
    ("start to first reconcile (s)", "first_reconcile_s"), ("  rate-limit floor (s)", "first_reconcile_floor_s"),
    ("RSS after sweeps (MB)", "rss_mb"), ("peak RSS (MB)", "peak_rss_mb"), ("heap after GC (MB)", "heap_mb"),
    ("manifest load, cold (ms)", "load_cold_ms"), ("manifest reload, one file changed (ms)", "load_incremental_ms"),
    ("files parsed on reload", "files_parsed_incremental"),
]


def markdown(summaries):
    head = "| | " + " | ".join(f"N={s['N']}" for s in summaries) + " |\n|---|" + "---:|" * len(summaries) + "\n"
    rows = "".join(f"| {label} | " + " | ".join(str(s[key]) for s in summaries) + " |\n" for label, key in TABLE)
    return head + rows


def plot(summaries, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    ns = [s["N"] for s in summaries]
    fig, (a, b) = plt.subplots(1, 2, figsize=(11, 4.2))
    for key, label, style in [("webhook_ms", "webhook, sweep idle (median)", "-"),
                              ("webhook_p95_ms", "webhook, sweep idle (p95)", ":"),
                              ("webhook_during_sweep_ms", "webhook, during a sweep (median)", "-"),
                              ("webhook_during_sweep_p95_ms", "webhook, during a sweep (p95)", ":")]:
        pts = [(s["N"], s.get(key)) for s in summaries if s.get(key) is not None]
        a.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", linestyle=style, label=label)
    a.axhline(80, color="grey", linestyle="--", label="target: median 80 ms")
    a.axhline(150, color="grey", linestyle=":", label="target: p95 150 ms")
    a.set_xscale("log")
    a.set_xlabel("functions in the fleet (N; 3 aliases each: dev, staging, prod)")
    a.set_ylim(bottom=0)
    a.set_ylabel("promotion latency (ms)")
    a.set_title("Push to alias live")
    a.legend(fontsize=8)
    b.plot(ns, [s["sweep_calls"] for s in summaries], marker="o", label="AWS calls per drift sweep (measured)")
    b.plot(ns, [s["sweep_minimum"] for s in summaries], linestyle="--", label="minimum")
    b.plot(ns, [s["promotion_calls"] for s in summaries], marker="s", label="AWS calls per promotion")
    b.set_xscale("log")
    b.set_yscale("log")
    b.set_xlabel("functions in the fleet (N)")
    b.set_ylabel("calls")
    b.set_title("AWS calls")
    b.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((int(l.split()[1]) // 1024 // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": mem, "os": platform.platform(), "java": java,
            "python": platform.python_version()}


def main():
    # Stopped with SIGTERM (kill, CI), unwind like Ctrl-C so that the agent and the emulator are stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="30,300,3000")
    p.add_argument("--promotions", type=int, default=7, help="promotions per mode (medians are reported)")
    p.add_argument("--runs", type=int, default=5,
                   help="runs of the webhook promotions per N, each with a fresh agent (median of their medians)")
    p.add_argument("--sweep-runs", type=int, default=3,
                   help="runs of the promotions during drift sweeps per N, each with a fresh agent (median of "
                        "their medians)")
    p.add_argument("--live-by", choices=["proxy", "poll"], default="proxy",
                   help="when a promotion is live: the emulator answered the agent's UpdateAlias to the new version "
                        "(seen by the counting proxy; proxy), or GetAlias, polled every 5 ms, answers it (poll: runs "
                        "before 2026-12-01 14:00, whose polling took a core's share from what it measured)")
    p.add_argument("--warmup", type=int, default=2,
                   help="promotions per agent start before those measured (kept apart in results.json)")
    p.add_argument("--layout", choices=["envs", "nested", "flat"], default="envs",
                   help="the seeds' layout: dev, staging and prod aliases of each function in three environments, "
                        "prod's in one file (envs); or one environment, three aliases per function, in "
                        "subfolders of 100 files (nested) or all in the environment folder (flat)")
    p.add_argument("--remote", choices=["http", "file"], default="http",
                   help="serve the repository over smart HTTP by C git (http) or as a file:// path, where JGit "
                        "runs the server side inside the agent")
    p.add_argument("--jar", required=True)
    p.add_argument("--venv", required=True, help="venv with ministack installed")
    p.add_argument("--out", default="target/bench")
    p.add_argument("--jvm", default=DEFAULT_JVM, help="JVM options of the agent")
    p.add_argument("--docs", default=None, help="write the table and the plot here (docs/bench)")
    p.add_argument("--first-pass-replicas", type=int, default=3,
                   help="new replicas started on an empty work directory, each promoted once during its first pass")
    p.add_argument("--first-pass-only", action="store_true",
                   help="measure the first reconcile (and the footprint after it) only; no table")
    p.add_argument("--report-only", default=None, metavar="RESULTS_JSON",
                   help="measure nothing: rebuild the table and plot from an earlier results.json")
    args = p.parse_args()
    if args.sweep_runs < 1 or args.runs < 1:
        p.error("--runs and --sweep-runs must be at least 1")
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    if args.report_only:
        info = json.loads(Path(args.report_only).read_text())
        summaries = [summarise(r) for r in info["sizes"]]
    else:
        info = {"machine": machine(), "jvm_options": args.jvm, "layout": args.layout, "remote": args.remote,
                "warmup": args.warmup, "runs": args.runs, "sweep_runs": args.sweep_runs,
                "live_by": args.live_by,
                "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "sizes": []}
        summaries = []
        for n in [int(s) for s in args.sizes.split(",")]:
            r = bench_size(n, args, Path(args.jar).resolve(), args.venv, out)
            info["sizes"].append(r)
            if args.first_pass_only:
                (out / "results.json").write_text(json.dumps(info, indent=2))
                continue
            summaries.append(summarise(r))
            (out / "results.json").write_text(json.dumps(info, indent=2))
            log(f"N={n}: {summaries[-1]}")
    if args.first_pass_only:
        log(f"results in {out}")
        return
    table = markdown(summaries)
    print(table)
    info["summary"] = summaries
    (out / "results.json").write_text(json.dumps(info, indent=2))
    (out / "results.md").write_text(table)
    plot(summaries, out / "fleet.png")
    if args.docs:
        docs = Path(args.docs)
        docs.mkdir(parents=True, exist_ok=True)
        shutil.copy(out / "fleet.png", docs / "fleet.png")
        shutil.copy(out / "results.json", docs / "results.json")
        (docs / "results.md").write_text(
            f"Measured {info['date']} on {info['machine']['cores']} cores ({info['machine']['cpu']}), "
            f"{info['machine']['memory_gib']} GiB, {info['machine']['java']}; agent JVM options "
            f"`{info['jvm_options']}`; manifests layout {info.get('layout', 'flat')}, Git remote "
            f"{info.get('remote', 'file')}; medians of {args.promotions} promotions per mode after "
            f"{info.get('warmup', 0)} not counted; webhook promotions in {info.get('runs', 1)} runs, promotions "
            f"during a sweep in {info.get('sweep_runs', 1)}; live when "
            f"{LIVE_BY[info.get('live_by', 'poll')]}.\n\n" + table)
    log(f"results in {out}")


if __name__ == "__main__":
    main()
