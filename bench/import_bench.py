#!/usr/bin/env python3
"""How long `pointsman import` takes for a fleet of N Lambda functions (3 aliases each), against the floor the
agent's own rate limit sets (two ListAliases per function, one to write and one for the plan that proves the
result, at 7.5/s: half the published Lambda control-plane quota). Seeds a fresh emulator per size with bench/fleet_bench.py's fleet, runs the real jar, checks that it
exits 0 (the written manifests plan with zero changes) and prints a markdown table.

Usage: bench/import [--sizes 300,3000]     (bench/import sets up the venv and the jar)
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import fleet_bench as fb


def run(jar, port, n, out):
    env = dict(os.environ, AWS_ENDPOINT_URL=f"http://127.0.0.1:{port}", AWS_REGION=fb.REGION,
               AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test")
    started = time.monotonic()
    p = subprocess.run(["java", "-jar", jar, "import", "--env", "fleet", "--region", fb.REGION, "--out", out,
                        "--function-prefix", "bench-fn-"], env=env, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        raise SystemExit(f"import of {n} functions exited {p.returncode}")
    files = len(list((Path(out) / "fleet").glob("*.yaml")))
    return seconds, files


def main():
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("--sizes", default="300,3000")
    a.add_argument("--jar", required=True)
    a.add_argument("--venv", required=True)
    args = a.parse_args()
    rows = ["| functions | aliases | import (s) | floor (s) | ratio | files written |", "|---|---|---|---|---|---|"]
    for n in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            proc, port = fb.start_emulator(args.venv, os.path.join(tmp, "ministack.log"))
            try:
                fb.log(f"seeding {n} functions")
                fb.seed(port, n)
                fb.log(f"importing {n} functions")
                seconds, files = run(args.jar, port, n, os.path.join(tmp, "out"))
            finally:
                fb.stop(proc)
        # Floor: ListFunctions pages (50 each), one ListAliases per function to write the manifests and one
        # more per function for the plan that proves them all share the Lambda family's 7.5/s.
        floor = (2 * n + (n + 49) // 50) / fb.RATES["lambda"][1]
        rows.append(f"| {n} | {3 * n} | {seconds:.1f} | {floor:.1f} | {seconds / floor if floor else 0:.2f} | {files} |")
        print("\n".join(rows), flush=True)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
