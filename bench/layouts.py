"""The seeds' layout for the fleet benchmark: one function with a dev, a staging and a prod alias, one
environment folder each (docs/benchmarks.md, "Layouts").

  * dev/ and staging/: one file per function (`<env>/fn-NN/fn-XXXXX.yaml`), one alias document each;
  * prod/: every prod alias in one file, `prod/functions.yaml` (N documents), as teams keep them;
  * REST API a: stages dev, staging, prod, one file each in its environment's folder;
  * ECS services: N/10 in one cluster, spread over the three environments.

All three environments share the account and Region, so a sweep costs what one environment would: one
ListAliases per function, one GetStages per API, one DescribeServices per ten services.
"""
import statistics

ENVS = ["dev", "staging", "prod"]
GROUP = 100


def env_of_service(s):
    return ENVS[s % len(ENVS)]


def environment_yaml(name, region, account):
    return ("apiVersion: pointsman.dev/v1\nkind: Environment\nmetadata:\n"
            f"  name: {name}\nspec:\n  region: {region}\n  accountId: \"{account}\"\n  drift: report\n")


def alias_doc(fn, env, version):
    return (f"---\napiVersion: pointsman.dev/v1\nkind: LambdaAlias\nmetadata:\n  name: {fn}-{env}\n"
            f"spec:\n  functionName: {fn}\n  alias: {env}\n  version: {version}\n")


def own_file(env, i):
    """The file of function i's alias in dev or staging (alone in its file)."""
    return f"{env}/fn-{i // GROUP:02d}/fn-{i:05d}.yaml"


PROD_FILE = "prod/functions.yaml"


def prod_file(fn_name, n, versions):
    """All prod aliases in one file; versions: {function index: version} for those not at 1."""
    return "".join(alias_doc(fn_name(i), "prod", versions.get(i, 1)) for i in range(n))


def write(root, n, apis, fn_name, services, region, account, cluster, image):
    """Writes the three environments' manifests under root."""
    for env in ENVS:
        (root / env).mkdir(parents=True)
        (root / env / "environment.yaml").write_text(environment_yaml(env, region, account))

    def put(path, text):
        p = root / path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)

    for i in range(n):
        for env in ("dev", "staging"):
            put(own_file(env, i), alias_doc(fn_name(i), env, 1))
    put(PROD_FILE, prod_file(fn_name, n, {}))
    for a, (rest, deployments) in apis.items():
        for env in ENVS:
            put(f"{env}/api-{a // GROUP:02d}/api-{a:04d}.yaml",
                f"apiVersion: pointsman.dev/v1\nkind: ApiStage\nmetadata:\n  name: api-{a}-{env}\nspec:\n"
                f"  restApiId: \"{rest}\"\n  stage: {env}\n  deploymentId: \"{deployments[0]}\"\n")
    for s in range(services):
        env = env_of_service(s)
        put(f"{env}/svc-{s // GROUP:02d}/svc-{s:04d}.yaml",
            f"apiVersion: pointsman.dev/v1\nkind: EcsService\nmetadata:\n  name: svc-{s}\nspec:\n"
            f"  cluster: {cluster}\n  service: bench-svc-{s:04d}\n  containers:\n    - name: app\n"
            f"      image: {image}\n")


def p95(values):
    """The 95th percentile (inclusive method: within the measured range even for a handful of values)."""
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 1)
    return round(statistics.quantiles(values, n=20, method="inclusive")[18], 1)
