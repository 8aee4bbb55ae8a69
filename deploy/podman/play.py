"""The Kubernetes manifests (deploy/kustomization.yaml) as a file for `podman kube play` on one
machine, and the podman secret they read (docs/operator.md, "The deployed shape by hand on one
machine"). Run with the web env's Python from the repository's folder:

    .venv/web/bin/python deploy/podman/play.py --prefix trivsel-demo --out /tmp/demo.yaml
    scripts/images/podman.sh kube play /tmp/demo.yaml
    .venv/web/bin/python deploy/podman/play.py --prefix trivsel-demo --out /tmp/demo.yaml --down

What it changes from the manifests, and why (one machine, podman 4.3, no registry):
- host networking (this machine cannot make network namespaces), so every replica gets its own
  ports: each replica of a Deployment becomes a Deployment of one, with its ports in its env and
  probes, and the gateways list the Rasa servers by those ports instead of the engine Service
  (podman has no Services);
- PostgreSQL, Redis and the TLS proxy are left out: they are the machine's own (their images come
  from a registry);
- the Secret is a podman secret (`--prefix`-secrets): podman 4.3 reads `secretKeyRef` from its own
  secrets (a JSON map of base64 values), not from a Secret in the played file;
- every name starts with `--prefix` (default `trivsel`), so deployments beside each other (an
  operator's and `make deploy-test`'s) never take each other's pods or secret.
"""

from __future__ import annotations

import argparse
import base64
import copy
import json
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Sequence

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
PODMAN = str(ROOT / "scripts" / "images" / "podman.sh")
NAME = "trivsel"  # what every object's name in the manifests starts with

Doc = Dict[str, Any]


def manifests() -> List[Doc]:
    """Every object `kubectl apply -k deploy` creates (resources and generated ConfigMaps;
    kustomize's name suffixes and common labels left out)."""
    kustomization = yaml.safe_load((DEPLOY / "kustomization.yaml").read_text(encoding="utf-8"))
    docs: List[Doc] = []
    for resource in kustomization["resources"]:
        docs += [d for d in yaml.safe_load_all((DEPLOY / resource).read_text(encoding="utf-8")) if d]
    for generated in kustomization.get("configMapGenerator", []):
        data = {}
        for entry in generated["files"]:
            key, _, path = entry.partition("=")
            data[key] = (DEPLOY / (path or key)).read_text(encoding="utf-8")
        docs.append({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": generated["name"]}, "data": data})
    tags = {i["name"]: i.get("newTag", "latest") for i in kustomization.get("images", [])}
    for doc in docs:
        for container in containers(doc):
            if container["image"] in tags:
                container["image"] += ":" + tags[container["image"]]
    return docs


def find(docs: Sequence[Doc], kind: str, name: str) -> Doc:
    return next(d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name)


def containers(doc: Doc) -> List[Doc]:
    if doc["kind"] not in ("Deployment", "StatefulSet"):
        return []
    return doc["spec"]["template"]["spec"]["containers"]


def env(container: Doc) -> Dict[str, Doc]:
    return {e["name"]: e for e in container.get("env", [])}


def secret_name(prefix: str) -> str:
    return f"{prefix}-secrets"


def pod_container(prefix: str, kind: str, i: int) -> str:
    """The name podman gives a played container: the Deployment's (one replica), `-pod-0`, the
    container's. kind: gateway, rasa or actions."""
    deployment = "gateway" if kind == "gateway" else "engine"
    return f"{prefix}-{deployment}-{i}-pod-0-{kind}"


def _renamed(name: str, prefix: str) -> str:
    return prefix + name[len(NAME) :] if name.startswith(NAME + "-") else name


def _set_env(container: Doc, **values: str) -> None:
    found = env(container)
    for name, value in values.items():
        if name in found:
            found[name].clear()
            found[name].update({"name": name, "value": value})
        else:
            container.setdefault("env", []).append({"name": name, "value": value})


def _prefix_references(container: Doc, prefix: str) -> None:
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            source["configMapRef"]["name"] = _renamed(source["configMapRef"]["name"], prefix)
    for variable in container.get("env", []):
        for ref in ("secretKeyRef", "configMapKeyRef"):
            if ref in variable.get("valueFrom", {}):
                variable["valueFrom"][ref]["name"] = _renamed(variable["valueFrom"][ref]["name"], prefix)


def _probe_port(container: Doc, port: int) -> None:
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        check = container.get(probe, {})
        for kind in ("httpGet", "tcpSocket"):
            if kind in check:
                check[kind]["port"] = port
    container.pop("ports", None)  # on the host's network a process's port is the machine's: nothing to map


def _one_replica(deployment: Doc, i: int, prefix: str) -> Doc:
    single = copy.deepcopy(deployment)
    single["metadata"]["name"] = f"{_renamed(deployment['metadata']['name'], prefix)}-{i}"
    single["spec"]["replicas"] = 1
    labels = single["spec"]["template"]["metadata"]["labels"]
    labels["trivsel.replica"] = str(i)
    labels["trivsel.prefix"] = prefix
    single["spec"]["selector"]["matchLabels"] = dict(labels)
    single["spec"]["template"]["spec"]["hostNetwork"] = True
    for container in containers(single):
        _prefix_references(container, prefix)
    return single


def for_podman(
    *,
    prefix: str = NAME,
    gateway_ports: Sequence[int],
    rasa_ports: Sequence[int],
    action_ports: Sequence[int],
    redis_url: str,
    public_url: str,
    settings: Dict[str, str],
) -> List[Doc]:
    """The objects `podman kube play` runs on this machine: the settings' ConfigMap, one
    Deployment per gateway and per engine pair (see the module's docstring). The Secret they read
    is made beside it (`create_secret`)."""
    if len(rasa_ports) != len(action_ports):
        raise ValueError("one action server port for each Rasa port")
    docs = manifests()
    config = copy.deepcopy(find(docs, "ConfigMap", f"{NAME}-settings"))
    config["metadata"]["name"] = _renamed(config["metadata"]["name"], prefix)
    config["data"].update(
        {
            "TRIVSEL_HOST": "127.0.0.1",  # the machine's network: nothing but the proxy is reachable
            "TRIVSEL_RASA_HOST": "127.0.0.1",
            "TRIVSEL_RASA_URLS": ",".join(f"http://127.0.0.1:{p}" for p in rasa_ports),
            "TRIVSEL_ACTION_URLS": ",".join(f"http://127.0.0.1:{p}" for p in action_ports),
            "TRIVSEL_REDIS_URL": redis_url,
            "TRIVSEL_PUBLIC_URL": public_url,
            "TRIVSEL_TRUSTED_PROXIES": "127.0.0.1,::1",  # nginx on the machine
            **settings,
        }
    )
    played: List[Doc] = [config]
    gateway = find(docs, "Deployment", f"{NAME}-gateway")
    for i, port in enumerate(gateway_ports):
        single = _one_replica(gateway, i, prefix)
        (container,) = containers(single)
        _set_env(container, TRIVSEL_PORT=str(port))
        _probe_port(container, port)
        played.append(single)
    engine = find(docs, "Deployment", f"{NAME}-engine")
    for i, (rasa_port, action_port) in enumerate(zip(rasa_ports, action_ports)):
        single = _one_replica(engine, i, prefix)
        by_name = {c["name"]: c for c in containers(single)}
        _set_env(by_name["rasa"], TRIVSEL_RASA_PORT=str(rasa_port), TRIVSEL_ACTION_URLS=f"http://127.0.0.1:{action_port}")
        _probe_port(by_name["rasa"], rasa_port)
        _set_env(by_name["actions"], TRIVSEL_ACTION_PORT=str(action_port), TRIVSEL_ACTIONS_HOST="127.0.0.1")
        _probe_port(by_name["actions"], action_port)
        played.append(single)
    return played


def write(docs: Sequence[Doc], path: Path) -> Path:
    path.write_text(yaml.safe_dump_all(docs, sort_keys=False), encoding="utf-8")
    return path


def podman(*args: str, check: bool = True, podman_command: str = PODMAN) -> subprocess.CompletedProcess:
    done = subprocess.run([podman_command, *args], capture_output=True, text=True, timeout=300)
    if check and done.returncode != 0:
        raise RuntimeError(f"podman {' '.join(args)}: {done.stderr.strip()}")
    return done


def create_secret(prefix: str, values: Dict[str, str], *, replace: bool = False, podman_command: str = PODMAN) -> str:
    """The podman secret the played pods read (`<prefix>-secrets`), as podman 4.3 reads one for
    secretKeyRef: a JSON map of base64 values. Refuses to replace one that exists unless asked."""
    name = secret_name(prefix)
    exists = podman("secret", "inspect", name, check=False, podman_command=podman_command).returncode == 0
    if exists and not replace:
        raise RuntimeError(f"the podman secret {name} exists already (--replace-secret replaces it)")
    if exists:
        podman("secret", "rm", name, podman_command=podman_command)
    with tempfile.TemporaryDirectory() as folder:  # mode 0700: the values never sit readable
        path = Path(folder) / "secret.json"
        path.write_text(json.dumps({k: base64.b64encode(v.encode()).decode() for k, v in values.items()}), encoding="utf-8")
        podman("secret", "create", name, str(path), podman_command=podman_command)
    return name


def down(prefix: str, play: Path, *, podman_command: str = PODMAN) -> None:
    """Stops and removes the pods of the played file and the prefix's secret."""
    if play.exists():
        podman("kube", "down", str(play), check=False, podman_command=podman_command)
    else:  # podman finds the pods by the file's names: write it again (same options) and --down
        print(f"play.py: {play} is not there, so its pods were left running", file=sys.stderr)
    podman("secret", "rm", secret_name(prefix), check=False, podman_command=podman_command)


def _ports(first: int, count: int) -> List[int]:
    return [first + i for i in range(count)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write the file `podman kube play` runs on one machine from deploy/'s manifests, "
        "and create the podman secret it reads (or, with --down, remove both's pods and secret).",
        epilog="Secrets come from the environment: TRIVSEL_DATABASE_URL (required), TRIVSEL_RASA_TOKEN "
        "and TRIVSEL_OPS_TOKEN (made up when not set, and written to <out>.tokens, readable by you only).",
    )
    parser.add_argument(
        "--prefix", default=NAME, help="what every pod's and the secret's name starts with (default: %(default)s)"
    )
    parser.add_argument("--out", type=Path, required=True, help="the file to write (and, with --down, to take down)")
    parser.add_argument("--gateways", type=int, default=2, help="how many gateways (default: %(default)s)")
    parser.add_argument("--engines", type=int, default=2, help="how many engine pairs (default: %(default)s)")
    parser.add_argument(
        "--gateway-port", type=int, default=18701, help="the first gateway's port; the next ones count up (default: %(default)s)"
    )
    parser.add_argument("--rasa-port", type=int, default=18711, help="the first Rasa server's port (default: %(default)s)")
    parser.add_argument("--action-port", type=int, default=18721, help="the first action server's port (default: %(default)s)")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0", help="(default: %(default)s)")
    parser.add_argument("--public-url", required=False, help="the address leaders use, through the proxy (TRIVSEL_PUBLIC_URL)")
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="another TRIVSEL_* setting for every pod (repeatable)"
    )
    parser.add_argument("--replace-secret", action="store_true", help="replace the prefix's podman secret if it exists")
    parser.add_argument(
        "--podman", default=PODMAN, help="the podman command (default: the repository's scripts/images/podman.sh)"
    )
    parser.add_argument("--down", action="store_true", help="stop and remove the pods of --out and the prefix's secret")
    args = parser.parse_args(argv)
    tokens = Path(f"{args.out}.tokens")
    try:
        if args.down:
            down(args.prefix, args.out, podman_command=args.podman)
            for path in (args.out, tokens):
                path.unlink(missing_ok=True)
            print(f"Removed the pods of {args.out} and the podman secret {secret_name(args.prefix)}")
            return 0
        if not args.public_url:
            parser.error("--public-url is required (the proxy's address, e.g. https://localhost:18743)")
        if not os.environ.get("TRIVSEL_DATABASE_URL"):
            parser.error("set TRIVSEL_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/trivsel)")
        settings = dict(item.split("=", 1) for item in args.set)
        docs = for_podman(
            prefix=args.prefix,
            gateway_ports=_ports(args.gateway_port, args.gateways),
            rasa_ports=_ports(args.rasa_port, args.engines),
            action_ports=_ports(args.action_port, args.engines),
            redis_url=args.redis_url,
            public_url=args.public_url,
            settings=settings,
        )
        values = {
            "rasa-token": os.environ.get("TRIVSEL_RASA_TOKEN") or secrets.token_hex(24),
            "ops-token": os.environ.get("TRIVSEL_OPS_TOKEN") or secrets.token_hex(24),
            "database-url": os.environ["TRIVSEL_DATABASE_URL"],
        }
        name = create_secret(args.prefix, values, replace=args.replace_secret, podman_command=args.podman)
        write(docs, args.out)
        if not (os.environ.get("TRIVSEL_RASA_TOKEN") and os.environ.get("TRIVSEL_OPS_TOKEN")):
            tokens.touch(mode=0o600)
            tokens.chmod(0o600)
            tokens.write_text(
                f"TRIVSEL_RASA_TOKEN={values['rasa-token']}\nTRIVSEL_OPS_TOKEN={values['ops-token']}\n", encoding="utf-8"
            )
            print(f"Made up the tokens: {tokens} (readable by you only)")
        print(f"Wrote {args.out} ({args.gateways} gateways, {args.engines} engine pairs) and the podman secret {name}")
        print(f"Next: {args.podman} kube play {args.out}")
    except (RuntimeError, ValueError) as error:
        print(f"play.py: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
