"""Checks of the benchmark's own logic (run by scripts/test): how calls are named, what the minimum and the
rate-limit floor are, and how the results are summarised. The measuring itself needs bench/run."""
import http.client
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from pathlib import Path

import fleet_bench as fb
import layouts


class OperationNames(unittest.TestCase):
    def test_rest_paths_of_lambda_and_api_gateway(self):
        self.assertEqual(fb.operation("GET", "/2015-03-31/functions/f/aliases?MaxItems=10000", {}, b""),
                         "lambda:ListAliases")
        self.assertEqual(fb.operation("PUT", "/2015-03-31/functions/f/aliases/live", {}, b"{}"), "lambda:UpdateAlias")
        self.assertEqual(fb.operation("GET", "/2015-03-31/functions/f?Qualifier=2", {}, b""), "lambda:GetFunction")
        self.assertEqual(fb.operation("GET", "/restapis/abc/stages", {}, b""), "apigateway:GetStages")
        self.assertEqual(fb.operation("PATCH", "/restapis/abc/stages/live", {}, b"{}"), "apigateway:UpdateStage")

    def test_json_and_query_protocols(self):
        target = {"X-Amz-Target": "AmazonEC2ContainerServiceV20141113.DescribeServices"}
        self.assertEqual(fb.operation("POST", "/", target, b"{}"), "ecs:DescribeServices")
        self.assertEqual(fb.operation("POST", "/", {}, b"Action=GetCallerIdentity&Version=2011-06-15"),
                         "sts:GetCallerIdentity")

    def test_anything_else_is_named_not_dropped(self):
        self.assertEqual(fb.operation("GET", "/2099/new/thing", {}, b""), "other:GET /*/*/*")


class Minimum(unittest.TestCase):
    def test_one_list_per_function_one_get_stages_per_api_ten_services_per_call(self):
        self.assertEqual(fb.minimum_sweep(3000),
                         {"lambda:ListAliases": 3000, "apigateway:GetStages": 100, "ecs:DescribeServices": 30})
        self.assertEqual(fb.minimum_sweep(30)["ecs:DescribeServices"], 1)

    def test_the_busiest_family_bounds_a_pass(self):
        seconds, family = fb.read_floor({"lambda:ListAliases": 300, "lambda:GetFunction": 300,
                                         "apigateway:GetStages": 10})
        self.assertEqual(family, "lambda")
        self.assertAlmostEqual(seconds, (300 - 3) / 7.5, places=1)


def fleet_result(**fields):
    """A result of bench_size() at N=30 as summarise() reads it: converged sweeps, one footprint, two loads;
    fields replace or add keys."""
    footprint = {"rss_mb": 150.0, "peak_rss_mb": 151.0, "heap_after_gc_mb": 16.0}
    result = {"n": 30, "aliases": 90, "stages": 3, "services": 3,
              "promotion_webhook_during_sweep": [],
              "promotion_polling": [{"latency_ms": 500.0, "emulator_ms": 3.0, "calls": {"lambda:UpdateAlias": 1}}],
              "sweep_calls": fb.minimum_sweep(30), "sweep_minimum": fb.minimum_sweep(30), "sweep_s": 3.4,
              "first_reconcile_s": 4.8, "first_reconcile_calls": {"lambda:ListAliases": 30},
              "footprint_after_sweeps": footprint, "footprint_after_promotions": footprint,
              "manifest_loads": [(35, 80, 35, 0), (35, 2, 1, 34)]}
    result.update(fields)
    return result


class Summary(unittest.TestCase):
    def test_medians_and_exactness(self):
        promotion = {"latency_ms": 40.0, "emulator_ms": 3.0, "calls": {"lambda:ListAliases": 1}}
        footprint = {"rss_mb": 150.0, "peak_rss_mb": 151.0, "heap_after_gc_mb": 16.0}
        r = {"n": 30, "aliases": 90, "stages": 3, "services": 3,
             "promotion_webhook_idle": [promotion, dict(promotion, latency_ms=60.0), dict(promotion, latency_ms=50.0)],
             "promotion_webhook_during_sweep": [], "promotion_polling": [promotion],
             "sweep_calls": {"lambda:ListAliases": 30, "apigateway:GetStages": 1, "ecs:DescribeServices": 1},
             "sweep_minimum": fb.minimum_sweep(30), "sweep_s": 3.4, "first_reconcile_s": 4.8,
             "first_reconcile_calls": {"lambda:ListAliases": 30},
             "footprint_after_sweeps": footprint, "footprint_after_promotions": footprint,
             "manifest_loads": [(35, 80, 35, 0), (35, 2, 1, 34), (35, 1, 1, 34)]}
        s = fb.summarise(r)
        self.assertIsNone(s["webhook_agent_ms"])  # results from before the agent's own times were recorded
        self.assertEqual(s["webhook_ms"], 50.0)
        self.assertIsNone(s["webhook_during_sweep_ms"])
        self.assertTrue(s["sweep_exact"])
        self.assertEqual(s["load_incremental_ms"], 1.5)
        self.assertEqual(s["files_parsed_incremental"], 1)
        r["sweep_calls"]["lambda:GetFunction"] = 1
        self.assertFalse(fb.summarise(r)["sweep_exact"])
        r["promotion_webhook_idle"] = [dict(promotion, agent_commit_ms=ms, agent_fetch_ms=ms / 2) for ms in (9, 7, 8)]
        r["warmup_webhook_idle"] = [dict(promotion, latency_ms=90.0)]
        s = fb.summarise(r)
        self.assertEqual(s["webhook_agent_ms"], 8)
        self.assertEqual(s["webhook_fetch_ms"], 4)
        self.assertEqual(s["webhook_warmup_ms"], [90.0])

    def test_the_webhook_figure_is_the_median_of_the_runs_medians(self):
        def p(ms):
            return {"latency_ms": ms, "emulator_ms": 3.0, "calls": {"lambda:UpdateAlias": 1}}
        r = fleet_result(
            webhook_idle_runs=[{"warmup": [p(99.0)], "measured": [p(10.0), p(20.0), p(30.0)]},
                               {"warmup": [], "measured": [p(40.0), p(50.0), p(60.0)]},
                               {"warmup": [p(98.0)], "measured": [p(31.0), p(32.0), p(33.0)]}],
            promotion_webhook_idle=[p(10.0), p(20.0), p(30.0)])
        s = fb.summarise(r)
        self.assertEqual(s["webhook_run_medians_ms"], [20.0, 50.0, 32.0])
        self.assertEqual(s["webhook_ms"], 32.0)
        self.assertEqual(s["webhook_warmup_ms"], [99.0, 98.0])
        self.assertEqual(s["promotion_calls"], 1)
        self.assertIsNone(s["first_pass_promotion_ms"])
        # One promotion during each new replica's first pass: their median, each shown, and whether every one
        # was live while its replica's first pass still ran. Results from before kept one replica's.
        r["promotions_during_first_pass"] = [dict(p(ms), first_pass_still_running=ms < 100) for ms in (90.0, 70.0, 80.0)]
        s = fb.summarise(r)
        self.assertEqual(s["first_pass_promotion_ms"], 80.0)
        self.assertEqual(s["first_pass_promotions_ms"], [90.0, 70.0, 80.0])
        self.assertTrue(s["first_pass_still_running"])
        r["promotions_during_first_pass"].append(dict(p(120.0), first_pass_still_running=False))
        self.assertFalse(fb.summarise(r)["first_pass_still_running"])
        del r["promotions_during_first_pass"]
        r["promotion_during_first_pass"] = dict(p(108.0), first_pass_still_running=True)
        self.assertEqual(fb.summarise(r)["first_pass_promotions_ms"], [108.0])

    def test_the_sweep_figure_is_the_median_of_the_runs_medians_and_cpu_is_per_process(self):
        def p(ms, **cpu):
            return {"latency_ms": ms, "emulator_ms": 3.0, "calls": {"lambda:UpdateAlias": 1}, **cpu}
        runs = [{"warmup": [p(99.0)], "measured": [p(60.0), p(70.0), p(80.0)]},
                {"warmup": [p(98.0)], "measured": [p(40.0), p(45.0), p(50.0)]},
                {"warmup": [p(97.0)], "measured": [p(62.0), p(64.0), p(66.0)]}]
        r = fleet_result(
            promotion_webhook_idle=[p(10.0, agent_cpu_ms=12.0, emulator_cpu_ms=5.0, git_server_cpu_ms=9.0),
                                    p(20.0, agent_cpu_ms=14.0, emulator_cpu_ms=7.0, git_server_cpu_ms=11.0),
                                    p(30.0, agent_cpu_ms=13.0, emulator_cpu_ms=6.0, git_server_cpu_ms=10.0)],
            sweep_runs=runs, promotion_webhook_during_sweep=[x for run in runs for x in run["measured"]])
        s = fb.summarise(r)
        self.assertEqual(s["webhook_during_sweep_run_medians_ms"], [70.0, 45.0, 64.0])
        self.assertEqual(s["webhook_during_sweep_ms"], 64.0)  # not 62.0, the median of all nine
        self.assertEqual(s["webhook_during_sweep_p95_ms"], layouts.p95([x["latency_ms"] for x in r[
            "promotion_webhook_during_sweep"]]))
        self.assertEqual((s["webhook_agent_cpu_ms"], s["webhook_emulator_cpu_ms"], s["webhook_git_cpu_ms"]),
                         (13.0, 6.0, 10.0))
        # Results from before: the promotions during sweeps made by one agent, no CPU recorded.
        del r["sweep_runs"]
        r["promotion_webhook_idle"] = [p(10.0), p(20.0)]
        s = fb.summarise(r)
        self.assertEqual(s["webhook_during_sweep_ms"], 62.0)
        self.assertIsNone(s["webhook_agent_cpu_ms"])


class CpuTime(unittest.TestCase):
    def test_a_processs_threads_cpu_time_grows_with_work_and_a_gone_process_has_none(self):
        before = fb.cpu_ns(os.getpid())
        end = time.process_time() + 0.05
        while time.process_time() < end:
            pass
        self.assertGreaterEqual(fb.cpu_between(before, fb.cpu_ns(os.getpid())), 40_000_000)
        children = fb.children_cpu_s()
        subprocess.run([sys.executable, "-c", "import time\nend = time.process_time() + 0.05\n"
                        "while time.process_time() < end: pass"], check=True)
        self.assertGreater(fb.children_cpu_s() - children, 0.04)  # the child's 50 ms, once it ended
        self.assertEqual(fb.cpu_ns(2 ** 22 + 1), {})  # above the kernel's pid limit: never a process

    def test_a_thread_that_ends_meanwhile_is_left_out_and_never_makes_the_time_negative(self):
        def spin(seconds):
            end = time.thread_time() + seconds
            while time.thread_time() < end:
                pass
        before = fb.cpu_ns(os.getpid())
        late = threading.Thread(target=spin, args=(0.3,))
        late.start()
        while fb.cpu_ns(os.getpid()).get(str(late.native_id), 0) < 150_000_000:
            time.sleep(0.01)
        middle = fb.cpu_ns(os.getpid())
        late.join()  # ended: gone from the next snapshot, with the 150 ms and more it had in the middle one
        spin(0.05)
        after = fb.cpu_ns(os.getpid())
        self.assertNotIn(str(late.native_id), after)
        self.assertLess(sum(after.values()) - sum(middle.values()), 0)  # what a difference of sums said
        self.assertGreaterEqual(fb.cpu_between(middle, after), 40_000_000)  # the main thread's 50 ms
        self.assertGreaterEqual(fb.cpu_between(before, middle), 140_000_000)  # a new thread counts whole
        self.assertAlmostEqual(fb.cpu_spent(1.5, 4.0), 2.5)


class JvmOptions(unittest.TestCase):
    def test_the_benchmark_runs_the_agent_with_the_images_options(self):
        dockerfile = (Path(__file__).resolve().parent.parent / "Dockerfile").read_text()
        image = dockerfile.split('JAVA_TOOL_OPTIONS="', 1)[1].split('"', 1)[0].split()
        # The image sizes the heap from the container's memory; outside one the benchmark gives it outright.
        self.assertIn("-XX:MaxRAMPercentage=25", image)
        self.assertIn("-Xmx128m", fb.DEFAULT_JVM.split())
        for option in fb.DEFAULT_JVM.split():
            if option != "-Xmx128m":
                self.assertIn(option, image)


class Layout(unittest.TestCase):
    def test_nested_layout_keeps_a_hundred_files_per_folder(self):
        self.assertEqual(fb.manifest_path("fn", 2999, "nested"), "fleet/fn-29/fn-02999.yaml")
        self.assertEqual(fb.manifest_path("fn", 99, "nested"), "fleet/fn-00/fn-00099.yaml")
        self.assertEqual(fb.manifest_path("svc", 7, "flat"), "fleet/svc-0007.yaml")


class SeedsLayout(unittest.TestCase):
    def test_three_environments_with_every_prod_alias_in_one_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            layouts.write(root, 5, {0: ("abc123", ["d1", "d2"])}, fb.fn_name, 4, "us-east-1", "000000000000",
                          "fleet", fb.IMAGE)
            self.assertEqual((root / layouts.PROD_FILE).read_text().count("kind: LambdaAlias"), 5)
            self.assertIn("alias: staging", (root / layouts.own_file("staging", 3)).read_text())
            self.assertTrue((root / "dev" / "environment.yaml").exists())
            for env in layouts.ENVS:
                self.assertTrue((root / env / "api-00" / "api-0000.yaml").exists())
            services = sorted(str(p.relative_to(root)) for p in root.glob("*/svc-*/*.yaml"))
            self.assertEqual(services, ["dev/svc-00/svc-0000.yaml", "dev/svc-00/svc-0003.yaml",
                                        "prod/svc-00/svc-0002.yaml", "staging/svc-00/svc-0001.yaml"])

    def test_p95_stays_within_what_was_measured(self):
        self.assertEqual(layouts.p95([float(v) for v in range(1, 21)]), 19.1)
        self.assertEqual(layouts.p95([7.0]), 7.0)
        self.assertIsNone(layouts.p95([]))


class GitOverHttp(unittest.TestCase):
    def test_c_git_fetches_through_the_smart_http_server(self):
        with tempfile.TemporaryDirectory() as tmp:
            work, bare = Path(tmp) / "work", Path(tmp) / "fleet.git"
            fb.git(tmp, "init", "-q", "--bare", "-b", "main", str(bare))
            fb.git(tmp, "init", "-q", "-b", "main", str(work))
            (work / "a.yaml").write_text("a: 1\n")
            fb.git(work, "add", "-A")
            fb.git(work, "commit", "-q", "-m", "one")
            fb.git(work, "push", "-q", str(bare), "main")
            server = fb.GitHttpServer(bare)
            try:
                clone = Path(tmp) / "clone"
                subprocess.run(["git", "clone", "-q", "-b", "main", server.url, str(clone)], check=True,
                               capture_output=True)
                self.assertEqual((clone / "a.yaml").read_text(), "a: 1\n")
                self.assertGreaterEqual(server.requests, 2)  # refs advertisement, then the pack
            finally:
                server.close()


class ProxySeesAliasWrites(unittest.TestCase):
    def test_a_promotion_is_live_when_the_emulator_answered_its_update_alias(self):
        answers = []

        class Upstream(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_PUT(self):
                self.rfile.read(int(self.headers["Content-Length"]))
                status = answers.pop(0)
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

        upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
        threading.Thread(target=upstream.serve_forever, daemon=True).start()
        proxy = fb.CountingProxy(upstream.server_address[1])
        try:
            def update(function, alias, version):
                conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=10)
                conn.request("PUT", f"/2015-03-31/functions/{function}/aliases/{alias}",
                             body=json.dumps({"FunctionVersion": version}))
                status = conn.getresponse().status
                conn.close()
                return status

            since = time.perf_counter()
            answers.extend([409, 200, 200])
            self.assertEqual(update("fn-1", "prod", "2"), 409)  # refused: not live
            self.assertEqual(update("fn-1", "staging", "2"), 200)  # another alias
            with self.assertRaises(SystemExit):
                proxy.wait_alias_write("fn-1", "prod", "2", since, 0.2)
            self.assertEqual(update("fn-1", "prod", "2"), 200)
            live = proxy.wait_alias_write("fn-1", "prod", "2", since, 5)
            self.assertGreater(live, since)
            self.assertLess(live, time.perf_counter())
            with self.assertRaises(SystemExit):  # nothing written to version 3, nor after now
                proxy.wait_alias_write("fn-1", "prod", "3", since, 0.1)
            with self.assertRaises(SystemExit):
                proxy.wait_alias_write("fn-1", "prod", "2", time.perf_counter(), 0.1)
            self.assertEqual(proxy.snapshot()[0], {"lambda:UpdateAlias": 3})
        finally:
            proxy.close()
            upstream.shutdown()


if __name__ == "__main__":
    unittest.main()


class RoundWatchWindows(unittest.TestCase):
    """Which promotions count as during a sweep round (rounds 1 s apart)."""

    class Agent:
        def metrics(self):
            return {fb.DRIFT_COUNT: 1}

    def test_a_promotion_counts_only_inside_one_round(self):
        watch = fb.RoundWatch(self.Agent())
        watch.stop()
        watch.ends = [10.0, 20.0]
        self.assertFalse(watch.spanned(10.5, 10.6))  # pushed in the gap after a round ended
        self.assertTrue(watch.spanned(11.2, 11.3))  # pushed and live inside the next round
        self.assertFalse(watch.spanned(19.9, 20.1))  # the round ended before it was live
        self.assertTrue(watch.spanned(25.0, 25.1))
