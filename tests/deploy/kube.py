"""The Kubernetes manifests (deploy/kustomization.yaml) as an operator applies them, and the
overlay that plays them with `podman kube play` on one machine.

The overlay changes only what one machine with podman needs (docs/operator.md, "make deploy-test"):
- host networking (this machine cannot make network namespaces), so every replica gets its own
  ports: each replica of a Deployment becomes a Deployment of one, with its ports in its env and
  probes, and the gateways list the Rasa servers by those ports instead of the engine Service
  (podman has no Services);
- PostgreSQL and Redis are the machine's (a database and a Redis db number of the test's own):
  their images come from a registry, which this machine cannot reach;
- the proxy is Debian's nginx on the machine with the same server block (tests/support/nginx.py),
  for the same reason;
- the Secret is a podman secret with the test's own values: podman 4.3 reads `secretKeyRef` from
  its own secrets (a JSON map of base64 values), not from a Secret in the played file.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Dict, List, Sequence

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"

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


def _set_env(container: Doc, **values: str) -> None:
    found = env(container)
    for name, value in values.items():
        if name in found:
            found[name].clear()
            found[name].update({"name": name, "value": value})
        else:
            container.setdefault("env", []).append({"name": name, "value": value})


def _probe_port(container: Doc, port: int) -> None:
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        check = container.get(probe, {})
        for kind in ("httpGet", "tcpSocket"):
            if kind in check:
                check[kind]["port"] = port
    container.pop("ports", None)  # on the host's network a process's port is the machine's: nothing to map


def _one_replica(deployment: Doc, i: int) -> Doc:
    single = copy.deepcopy(deployment)
    single["metadata"]["name"] = f"{deployment['metadata']['name']}-{i}"
    single["spec"]["replicas"] = 1
    labels = single["spec"]["template"]["metadata"]["labels"]
    labels["trivsel.replica"] = str(i)
    single["spec"]["selector"]["matchLabels"] = dict(labels)
    single["spec"]["template"]["spec"]["hostNetwork"] = True
    return single


def for_podman(
    *,
    gateway_ports: Sequence[int],
    rasa_ports: Sequence[int],
    action_ports: Sequence[int],
    redis_url: str,
    public_url: str,
    settings: Dict[str, str],
) -> List[Doc]:
    """The objects `podman kube play` runs on this machine: the settings' ConfigMap, one
    Deployment per gateway and per engine pair (see the module's docstring). The Secret
    trivsel-secrets is made beside it (tests/deploy/deployed.py)."""
    docs = manifests()
    config = copy.deepcopy(find(docs, "ConfigMap", "trivsel-settings"))
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
    gateway = find(docs, "Deployment", "trivsel-gateway")
    for i, port in enumerate(gateway_ports):
        single = _one_replica(gateway, i)
        (container,) = containers(single)
        _set_env(container, TRIVSEL_PORT=str(port))
        _probe_port(container, port)
        played.append(single)
    engine = find(docs, "Deployment", "trivsel-engine")
    for i, (rasa_port, action_port) in enumerate(zip(rasa_ports, action_ports)):
        single = _one_replica(engine, i)
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
