#!/usr/bin/env python3
"""Create, in the local emulator, the AWS resources that manifests-example/ expects.

Plays the part of the CI pipeline and the platform team: publishes function versions, creates the orders REST
API with three deployments, ECS clusters and services, SSM parameters and secrets. Pointsman itself never
creates any of these (build once, deploy many); it only moves pointers between them.

Idempotent: what exists is kept. Prints a sed script (to --ids) that maps the example's deployment ids to the
ones the emulator generated, so the example repository can refer to real deployments.
"""
import argparse
import io
import os
import sys
import zipfile

import boto3
from botocore.exceptions import ClientError

ENDPOINT = os.environ.get("AWS_ENDPOINT_URL")
REGION = os.environ.get("AWS_REGION", "us-east-1")
ACCOUNT = "000000000000"
ENVS = ["dev", "staging", "prod"]
FUNCTIONS = ["ProcessOrder", "OrderWorker"]
VERSIONS = 3
EXAMPLE_DEPLOYMENTS = ["3kq8zd", "9fw2mx", "b7n4tc"]  # ids written in manifests-example/
IMAGE_A = "registry.example.com/shop/orders@sha256:" + "a" * 64


def client(name):
    return boto3.client(name, endpoint_url=ENDPOINT, region_name=REGION)


def code(function, build):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("handler.py", f"def handler(event, context):\n    return {{'function': '{function}', 'build': {build}}}\n")
    return buf.getvalue()


def functions(lam):
    for fn in FUNCTIONS:
        try:
            lam.get_function(FunctionName=fn)
        except ClientError as e:
            if e.response["Error"]["Code"] != "ResourceNotFoundException":
                raise
            lam.create_function(FunctionName=fn, Runtime="python3.12", Role=f"arn:aws:iam::{ACCOUNT}:role/lambda-basic",
                                Handler="handler.handler", Code={"ZipFile": code(fn, 1)})
            lam.get_waiter("function_active_v2").wait(FunctionName=fn)
        published = [v for v in lam.list_versions_by_function(FunctionName=fn)["Versions"] if v["Version"] != "$LATEST"]
        for build in range(len(published) + 1, VERSIONS + 1):
            lam.update_function_code(FunctionName=fn, ZipFile=code(fn, build))
            lam.get_waiter("function_updated_v2").wait(FunctionName=fn)
            lam.publish_version(FunctionName=fn, Description=f"build {build}")
        aliases = {a["Name"] for a in lam.list_aliases(FunctionName=fn)["Aliases"]}
        for env in ENVS:  # the API's permission statements need the aliases to exist; Pointsman moves them
            if env not in aliases:
                lam.create_alias(FunctionName=fn, Name=env, FunctionVersion="1")
        print(f"  Lambda {fn}: versions 1-{VERSIONS}, aliases {', '.join(ENVS)} (at version 1 until Pointsman moves them)")


def rest_api(apigw):
    apis = [a for a in apigw.get_rest_apis(limit=500)["items"] if a["name"] == "orders-api"]
    if apis:
        api_id = apis[0]["id"]
    else:
        api_id = apigw.create_rest_api(name="orders-api")["id"]
        root = [r for r in apigw.get_resources(restApiId=api_id)["items"] if r["path"] == "/"][0]["id"]
        apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
        uri = (f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/"
               f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:ProcessOrder:${{stageVariables.env}}/invocations")
        apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="AWS_PROXY",
                              integrationHttpMethod="POST", uri=uri)
    deployments = sorted(apigw.get_deployments(restApiId=api_id)["items"], key=lambda d: d["createdDate"])
    for i in range(len(deployments), len(EXAMPLE_DEPLOYMENTS)):
        deployments.append(apigw.create_deployment(restApiId=api_id, description=f"release {i + 1}"))
    stages = {s["stageName"] for s in apigw.get_stages(restApiId=api_id)["item"]}
    for env in ENVS:
        if env not in stages:
            apigw.create_stage(restApiId=api_id, stageName=env, deploymentId=deployments[0]["id"], variables={"env": env})
    print(f"  API Gateway orders-api ({api_id}): deployments {', '.join(d['id'] for d in deployments[:3])}, stages {', '.join(ENVS)}")
    return [d["id"] for d in deployments[:len(EXAMPLE_DEPLOYMENTS)]]


def ecs_services(ecs):
    for env in ENVS:
        cluster = f"shop-{env}"
        ecs.create_cluster(clusterName=cluster)
        live = [s for s in ecs.describe_services(cluster=cluster, services=["orders"])["services"] if s["status"] == "ACTIVE"]
        if live:
            continue
        td = ecs.register_task_definition(
            family=f"orders-{env}", cpu="256", memory="512", networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
            executionRoleArn=f"arn:aws:iam::{ACCOUNT}:role/ecsTaskExecutionRole",
            containerDefinitions=[{"name": "web", "image": IMAGE_A, "essential": True,
                                   "portMappings": [{"containerPort": 8080}],
                                   "environment": [{"name": "LOG_LEVEL", "value": "info"}]}])["taskDefinition"]
        ecs.create_service(cluster=cluster, serviceName="orders", taskDefinition=td["taskDefinitionArn"], desiredCount=1)
    print(f"  ECS: clusters {', '.join('shop-' + e for e in ENVS)}, each with service orders")


def config(ssm, sm):
    for env in ENVS:
        ssm.put_parameter(Name=f"/shop/{env}/orders-config", Value=f"{{\"env\": \"{env}\"}}", Type="String", Overwrite=True)
        ssm.put_parameter(Name=f"/shop/{env}/payment-api-url", Value=f"https://pay.{env}.example.com", Type="String", Overwrite=True)
        try:
            sm.create_secret(Name=f"shop/{env}/orders-db", SecretString="demo-only-not-a-real-password")
        except ClientError as e:
            if e.response["Error"]["Code"] != "ResourceExistsException":
                raise
    print("  SSM parameters /shop/<env>/orders-config and /shop/<env>/payment-api-url; secrets shop/<env>/orders-db")


def notifier_package(build):
    """The OrderNotifier deployment package, byte for byte the same on every run (fixed zip dates),
    so that the example manifests can name its CodeSha256."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("handler.py", date_time=(2026, 1, 1, 0, 0, 0))
        z.writestr(info, f"def handler(event, context):\n    return {{'notifier': 'orders', 'build': {build}}}\n")
    return buf.getvalue()


def artifacts(s3, lam):
    """Bucket shop-artifacts with OrderNotifier builds 1-2 (what CI uploads), and the function itself
    (Pointsman updates and publishes it; it does not create functions)."""
    try:
        s3.create_bucket(Bucket="shop-artifacts")
    except ClientError as e:
        if e.response["Error"]["Code"] not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
            raise
    for build in (1, 2):
        s3.put_object(Bucket="shop-artifacts", Key=f"order-notifier/build-{build}.zip", Body=notifier_package(build))
    try:
        lam.get_function(FunctionName="OrderNotifier")
    except ClientError as e:
        if e.response["Error"]["Code"] != "ResourceNotFoundException":
            raise
        lam.create_function(FunctionName="OrderNotifier", Runtime="python3.12", Role=f"arn:aws:iam::{ACCOUNT}:role/lambda-basic",
                            Handler="handler.handler", Code={"ZipFile": notifier_package(0)})
        lam.get_waiter("function_active_v2").wait(FunctionName="OrderNotifier")
    print("  S3 shop-artifacts: order-notifier/build-1.zip, build-2.zip; Lambda OrderNotifier (no versions yet)")


def appconfig(ac):
    """AppConfig application shop with environments dev/staging/prod, hosted profile checkout-flags with
    versions 1-3, and a strategy without bake time (the predefined ones bake 10 minutes)."""
    apps = {a["Name"]: a["Id"] for a in ac.list_applications()["Items"]}
    app = apps.get("shop") or ac.create_application(Name="shop")["Id"]
    envs = {e["Name"] for e in ac.list_environments(ApplicationId=app)["Items"]}
    for env in ENVS:
        if env not in envs:
            ac.create_environment(ApplicationId=app, Name=env)
    profiles = {p["Name"]: p["Id"] for p in ac.list_configuration_profiles(ApplicationId=app)["Items"]}
    profile = profiles.get("checkout-flags") or ac.create_configuration_profile(
        ApplicationId=app, Name="checkout-flags", LocationUri="hosted")["Id"]
    have = ac.list_hosted_configuration_versions(ApplicationId=app, ConfigurationProfileId=profile)["Items"]
    for n in range(len(have) + 1, 4):
        ac.create_hosted_configuration_version(
            ApplicationId=app, ConfigurationProfileId=profile,
            Content=f'{{"newCheckout": {str(n >= 2).lower()}, "build": {n}}}'.encode(), ContentType="application/json")
    strategies = {x["Name"] for x in ac.list_deployment_strategies()["Items"]}
    if "pointsman-demo-fast" not in strategies:
        ac.create_deployment_strategy(Name="pointsman-demo-fast", DeploymentDurationInMinutes=0,
                                      FinalBakeTimeInMinutes=0, GrowthFactor=100, ReplicateTo="NONE")
    print("  AppConfig: application shop, environments dev/staging/prod, profile checkout-flags versions 1-3")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ids", help="write a sed script mapping the example's deployment ids to real ones")
    args = parser.parse_args()
    if not ENDPOINT:
        sys.exit("AWS_ENDPOINT_URL is not set: refusing to seed anything but a local emulator")
    functions(client("lambda"))
    real = rest_api(client("apigateway"))
    ecs_services(client("ecs"))
    config(client("ssm"), client("secretsmanager"))
    appconfig(client("appconfig"))
    artifacts(client("s3"), client("lambda"))
    if args.ids:
        with open(args.ids, "w") as f:
            for example, actual in zip(EXAMPLE_DEPLOYMENTS, real):
                f.write(f's/"{example}"/"{actual}"/g\n')


if __name__ == "__main__":
    main()
