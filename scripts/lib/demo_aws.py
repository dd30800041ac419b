#!/usr/bin/env python3
"""Small AWS helpers for the demo (against the emulator only): read or change an alias by hand, wait for one."""
import os
import sys
import time

import boto3

lam = boto3.client("lambda", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name=os.environ.get("AWS_REGION", "us-east-1"))


def alias(fn, name):
    a = lam.get_alias(FunctionName=fn, Name=name)
    weights = (a.get("RoutingConfig") or {}).get("AdditionalVersionWeights") or {}
    return a["FunctionVersion"] + "".join(f" (+{v}: {w:.0%})" for v, w in weights.items())


cmd, fn, name = sys.argv[1:4]
if cmd == "show":
    print(f"  {fn}:{name} -> version {alias(fn, name)}")
elif cmd == "set":
    lam.update_alias(FunctionName=fn, Name=name, FunctionVersion=sys.argv[4])
    print(f"  by hand: {fn}:{name} -> version {sys.argv[4]}")
elif cmd == "wait":
    deadline = time.time() + 60
    while alias(fn, name).split()[0] != sys.argv[4]:
        if time.time() > deadline:
            sys.exit(f"timed out waiting for {fn}:{name} to reach version {sys.argv[4]}")
        time.sleep(0.3)
    print(f"  {fn}:{name} -> version {alias(fn, name)}")
