#!/usr/bin/env python3
"""Create the AWS resources that manifests-example/ expects, in the local emulator.

Idempotent: existing functions are kept and only missing published versions are added. Pointsman itself
never creates functions or versions (build once, deploy many); this script plays the part of the CI
pipeline that builds and publishes them.
"""
import io
import os
import sys
import zipfile

import boto3
from botocore.exceptions import ClientError

ENDPOINT = os.environ.get("AWS_ENDPOINT_URL")
REGION = os.environ.get("AWS_REGION", "us-east-1")
FUNCTIONS = ["ProcessOrder", "OrderWorker"]
VERSIONS = 3
ROLE = "arn:aws:iam::000000000000:role/lambda-basic"


def code(function, build):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("handler.py", f"def handler(event, context):\n    return {{'function': '{function}', 'build': {build}}}\n")
    return buf.getvalue()


def main():
    if not ENDPOINT:
        sys.exit("AWS_ENDPOINT_URL is not set: refusing to seed anything but a local emulator")
    lam = boto3.client("lambda", endpoint_url=ENDPOINT, region_name=REGION)
    for fn in FUNCTIONS:
        try:
            lam.get_function(FunctionName=fn)
        except ClientError as e:
            if e.response["Error"]["Code"] != "ResourceNotFoundException":
                raise
            lam.create_function(FunctionName=fn, Runtime="python3.12", Role=ROLE, Handler="handler.handler",
                                Code={"ZipFile": code(fn, 1)})
            lam.get_waiter("function_active_v2").wait(FunctionName=fn)
        published = [v for v in lam.list_versions_by_function(FunctionName=fn)["Versions"] if v["Version"] != "$LATEST"]
        for build in range(len(published) + 1, VERSIONS + 1):
            lam.update_function_code(FunctionName=fn, ZipFile=code(fn, build))
            lam.get_waiter("function_updated_v2").wait(FunctionName=fn)
            v = lam.publish_version(FunctionName=fn, Description=f"build {build}")
            print(f"  published {fn}:{v['Version']} (code sha256 {v['CodeSha256']})")
        print(f"  {fn}: {VERSIONS} published versions")


if __name__ == "__main__":
    main()
