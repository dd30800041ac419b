#!/usr/bin/env python3
"""The first promotions after an agent start, alone (docs/benchmarks.md): a fleet of N functions in the seeds'
layout (bench/layouts.py) on a fresh emulator, one first pass, then START times a fresh agent on the same work
directory; each is promoted once `/readyz` answers 200, five times by signed webhook (so the first promotion
alternates between a prod alias among N documents in one file and a staging alias alone in its file). Prints
each start's promotions (latency, alias, the agent's pass, fetch and manifests update, ms) and summary lines: the
first promotions against the median of the others, overall and per alias.

Usage: bench/first-promotions [N] [STARTS]   (sets up the venv and the jar; N=300 and 5 starts by default)
"""
import argparse
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fleet_bench as fb  # noqa: E402


PER_START = 5


def describe(run):
    """One promotion: latency, which alias, and the agent's own commit pass, fetch and manifests update."""
    return (f"{run['latency_ms']} ms {run['alias']} (pass {run['agent_commit_ms']}, fetch {run['agent_fetch_ms']}, "
            f"manifests {run['agent_load_ms']})")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jar", required=True)
    p.add_argument("--venv", required=True, help="venv with ministack installed")
    p.add_argument("--n", type=int, default=300)
    p.add_argument("--starts", type=int, default=5)
    p.add_argument("--jvm", default=fb.DEFAULT_JVM)
    p.add_argument("--out", default="target/bench/first-promotions")
    args = p.parse_args()
    work = Path(args.out).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    emulator, port = fb.start_emulator(args.venv, work / "ministack.log")
    git_server = None
    try:
        apis = fb.seed(port, args.n, "envs")
        bare, clone = fb.make_repo(work, args.n, apis, "envs")
        git_server = fb.GitHttpServer(bare)
        proxy = fb.CountingProxy(port)
        secret_file = work / "webhook-secret"
        secret_file.write_text("first-promotions")
        secret_file.chmod(0o600)
        promoter = fb.Promoter(clone, args.n, port, "envs")
        agent = fb.Agent(args.jar, args.jvm, work, git_server.url, proxy.port, "first-pass", "1h", "24h", secret_file)
        agent.wait_metric(fb.APPLIED, lambda v: v > 0, timeout=3600)
        agent.stop()
        firsts, others = [], []
        for start in range(args.starts):
            agent = fb.Agent(args.jar, args.jvm, work, git_server.url, proxy.port, f"start-{start}", "1h", "24h",
                             secret_file)
            agent.wait_ready()
            # An odd count per start: the first promotion alternates between a prod alias (one document among
            # N in prod/functions.yaml) and a staging alias (alone in its file).
            runs = [promoter.promote(proxy, agent, lambda: fb.webhook(agent, "first-promotions"))
                    for _ in range(PER_START)]
            agent.stop()
            print(f"N={args.n} start {start}: " + "; ".join(describe(r) for r in runs), flush=True)
            firsts.append(runs[0])
            others.extend(runs[1:])
        median = statistics.median(r["latency_ms"] for r in others)
        print(f"N={args.n}: first promotions {[r['latency_ms'] for r in firsts]} ms; median of the others "
              f"{median:.1f} ms; ratios {[round(r['latency_ms'] / median, 2) for r in firsts]}", flush=True)
        for alias in ("prod", "staging"):
            same = [r["latency_ms"] for r in others if r["alias"] == alias]
            first = [r["latency_ms"] for r in firsts if r["alias"] == alias]
            if same and first:
                print(f"N={args.n} {alias} alias only: first promotions {first} ms; median of the others "
                      f"{statistics.median(same):.1f} ms", flush=True)
    finally:
        if git_server:
            git_server.close()
        fb.stop(emulator)


if __name__ == "__main__":
    main()
