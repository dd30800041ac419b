#!/usr/bin/env python3
"""How long a hand change takes to reach chat as a drift message, with a change-event queue and with the
timer sweep alone, and how many CloudTrail LookupEvents calls each drift costs (docs/benchmarks.md, "Drift:
who, and how fast").

For each fleet size N it seeds a fresh emulator (started with CLOUDTRAIL_RECORDING=1) with bench/fleet_bench.py's
fleet, writes the fleet's manifests with `changeEvents.queueUrl` naming a real SQS queue of the emulator, and runs
the real agent jar with a chat webhook received here. Then, with the sweep idle (24 h), it changes one alias by
hand (as another access key) and puts the EventBridge "AWS API Call via CloudTrail" event on the queue (the
emulator does not route API calls to EventBridge), timing the change -> chat message; then, with back-to-back
sweeps and no event, it times a hand change -> chat message (where the change falls in a round is random).

Usage: bench/drift [--sizes 30,3000] [--samples 5] [--sweep-samples 3]
"""
import argparse
import http.server
import json
import os
import random
import statistics
import subprocess
import threading
import time
import urllib.request
import uuid
from datetime import datetime, timezone
from pathlib import Path

import boto3

import fleet_bench as fb


class Chat:
    """A local chat webhook: every drift.appeared message with the time it arrived."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        chat = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with chat.lock:
                    chat.messages.append((time.perf_counter(), json.loads(body or b"{}")))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def wait_drift(self, needle, after, timeout):
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            with self.lock:
                for t, m in self.messages:
                    if t >= after and m.get("type") == "drift.appeared" and needle in m.get("title", ""):
                        return t, m
            time.sleep(0.005)
        raise SystemExit(f"no drift message for {needle} within {timeout} s")


def start_emulator(venv, logfile):
    os.environ["CLOUDTRAIL_RECORDING"] = "1"  # inherited by the emulator fleet_bench starts
    try:
        return fb.start_emulator(venv, logfile)
    finally:
        os.environ.pop("CLOUDTRAIL_RECORDING", None)


def event(function, version):
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return json.dumps({
        "version": "0", "id": str(uuid.uuid4()), "detail-type": "AWS API Call via CloudTrail",
        "source": "aws.lambda", "account": fb.ACCOUNT, "time": now, "region": fb.REGION, "resources": [],
        "detail": {"eventVersion": "1.09", "eventTime": now, "eventSource": "lambda.amazonaws.com",
                   "eventName": "UpdateAlias20150331", "awsRegion": fb.REGION, "readOnly": False,
                   "userIdentity": {"type": "IAMUser", "userName": "bench-human",
                                    "arn": f"arn:aws:iam::{fb.ACCOUNT}:user/bench-human"},
                   "userAgent": "aws-cli/2.15.30", "sourceIPAddress": "203.0.113.7",
                   "requestParameters": {"functionName": function, "name": "live", "functionVersion": version},
                   "recipientAccountId": fb.ACCOUNT}})


def lookups(proxy):
    counts, _ = proxy.snapshot()
    return sum(v for k, v in counts.items() if k.endswith("LookupEvents"))


def bench_size(n, args, out):
    work = out / f"drift-n{n}"
    subprocess.run(["rm", "-rf", str(work)], check=True)
    work.mkdir(parents=True)
    emulator, port = start_emulator(args.venv, work / "ministack.log")
    agent = proxy = None
    try:
        fb.log(f"N={n}: seeding")
        apis = fb.seed(port, n)
        sqs = fb.aws("sqs", port)
        queue = sqs.create_queue(QueueName="pointsman-changes")["QueueUrl"]
        bare, clone = fb.make_repo(work, n, apis, "nested")
        env = clone / fb.ENV / "environment.yaml"
        env.write_text(env.read_text() + f"  changeEvents:\n    queueUrl: {queue}\n")
        fb.git(clone, "commit", "-q", "-am", "Change events from a queue")
        fb.git(clone, "push", "-q", "origin", "main")
        human = boto3.client("lambda", endpoint_url=f"http://127.0.0.1:{port}", region_name=fb.REGION,
                             aws_access_key_id="AKIABENCHHUMAN", aws_secret_access_key="x")
        chat = Chat()
        proxy = fb.CountingProxy(port)
        rnd = random.Random(n)
        result = {"n": n}

        agent = fb.Agent(args.jar, fb.DEFAULT_JVM, work, bare.as_uri(), proxy.port, "queue", "2s", "24h", None,
                         {"POINTSMAN_WEBHOOK_URL": chat.url})
        agent.wait_metric(fb.APPLIED, lambda v: v > 0, timeout=3600)
        time.sleep(4)  # the poller starts within two seconds of the commit going live
        before = lookups(proxy)
        queued = []
        for k in range(args.samples):
            i = rnd.randrange(n)
            human.update_alias(FunctionName=fb.fn_name(i), Name="live", FunctionVersion="2")
            t0 = time.perf_counter()
            sqs.send_message(QueueUrl=queue, MessageBody=event(fb.fn_name(i), "2"))
            t, m = chat.wait_drift(fb.fn_name(i) + "/live", t0, 120)
            queued.append(t - t0)
            human.update_alias(FunctionName=fb.fn_name(i), Name="live", FunctionVersion="1")
            sqs.send_message(QueueUrl=queue, MessageBody=event(fb.fn_name(i), "1"))
            time.sleep(1)
        result["queue_s"] = [round(x, 3) for x in queued]
        result["queue_lookups"] = lookups(proxy) - before
        agent.stop()

        agent = fb.Agent(args.jar, fb.DEFAULT_JVM, work, bare.as_uri(), proxy.port, "sweep", "2s", "1s", None,
                         {"POINTSMAN_WEBHOOK_URL": chat.url})
        agent.wait_metric("pointsman_drifts_open", lambda v: True, timeout=600)
        before = lookups(proxy)
        swept = []
        for k in range(args.sweep_samples):
            i = rnd.randrange(n)
            human.update_alias(FunctionName=fb.fn_name(i), Name="live", FunctionVersion="2")
            t0 = time.perf_counter()
            t, m = chat.wait_drift(fb.fn_name(i) + "/live", t0, 3600)
            swept.append(t - t0)
            fb.log(f"N={n}: sweep found a hand change after {t - t0:.1f} s; who: {m['facts'].get('Who')}")
        result["sweep_s"] = [round(x, 1) for x in swept]
        result["sweep_lookups_per_drift"] = round((lookups(proxy) - before) / len(swept), 2)
        fb.log(f"N={n}: {result}")
        return result
    finally:
        if agent:
            agent.stop()
        if proxy:
            proxy.close()
        fb.stop(emulator)


def main():
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("--sizes", default="30,3000")
    a.add_argument("--samples", type=int, default=5)
    a.add_argument("--sweep-samples", type=int, default=3)
    a.add_argument("--jar", required=True)
    a.add_argument("--venv", required=True)
    a.add_argument("--out", default="../target/bench")
    args = a.parse_args()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    rows = ["| functions | hand change → chat, with the queue: median / max (s) | LookupEvents (queue) "
            "| with the sweep alone: median / max (s) | LookupEvents per drift (sweep) |",
            "|---|---|---|---|---|"]
    results = []
    for n in [int(s) for s in args.sizes.split(",")]:
        r = bench_size(n, args, out)
        results.append(r)
        rows.append(f"| {n} | {statistics.median(r['queue_s']):.2f} / {max(r['queue_s']):.2f} | {r['queue_lookups']} "
                    f"| {statistics.median(r['sweep_s']):.1f} / {max(r['sweep_s']):.1f} | {r['sweep_lookups_per_drift']} |")
        (out / "drift-results.json").write_text(json.dumps(results, indent=2))
        print("\n".join(rows), flush=True)


if __name__ == "__main__":
    main()
