"""The Kubernetes manifests (deploy/kustomization.yaml, deploy/kubernetes/) say what an operator
relies on: every container non-root, probed, with resource requests and limits; tokens and the
database's password only from the Secret; the scale-out settings wired; settings the service
accepts. No cluster or podman needed: `make deploy-test` runs them first, and so does `make test`."""

from __future__ import annotations

import json
import os
import re
import string
import subprocess
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from deploy.podman import play as kube

ROOT = Path(__file__).resolve().parents[2]

DOCS = kube.manifests()
WORKLOADS = [d for d in DOCS if d["kind"] in ("Deployment", "StatefulSet")]
SECRET_NAMES = ("TRIVSEL_RASA_TOKEN", "TRIVSEL_OPS_TOKEN", "TRIVSEL_TRACKER_DB", "TRIVSEL_GATEWAY_DB", "POSTGRES_PASSWORD")


def named(kind: str, name: str) -> dict:
    return kube.find(DOCS, kind, name)


def pod_env(container: dict) -> dict:
    """The container's environment as the kubelet gives it: the settings ConfigMap, then its own
    env (Secret references as placeholders)."""
    values = {}
    for source in container.get("envFrom", []):
        values.update(named("ConfigMap", source["configMapRef"]["name"])["data"])
    for item in container.get("env", []):
        ref = item.get("valueFrom", {}).get("secretKeyRef")
        values[item["name"]] = (
            "postgresql://trivsel:pw@trivsel-postgres:5432/trivsel"
            if ref and ref["key"] == "database-url"
            else item.get("value", "secret")
        )
    return values


@pytest.mark.parametrize("workload", WORKLOADS, ids=lambda d: d["metadata"]["name"])
def test_every_container_is_non_root_probed_and_limited(workload):
    pod = workload["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] != 0
    for container in pod["containers"]:
        assert container["securityContext"]["allowPrivilegeEscalation"] is False
        assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]
        assert "readinessProbe" in container and "livenessProbe" in container, container["name"]
        for need in ("requests", "limits"):
            assert set(container["resources"][need]) == {"cpu", "memory"}, (container["name"], need)


def test_gateways_and_engine_pairs_run_twice_and_the_gateway_is_probed_on_its_own_checks():
    gateway, engine = named("Deployment", "trivsel-gateway"), named("Deployment", "trivsel-engine")
    assert gateway["spec"]["replicas"] == engine["spec"]["replicas"] == 2
    (container,) = kube.containers(gateway)
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    # An engine pair: Rasa and its action server in one pod, from one image.
    rasa, actions = kube.containers(engine)
    assert (rasa["args"], actions["args"]) == (["rasa"], ["actions"]) and rasa["image"] == actions["image"]
    assert pod_env(rasa)["TRIVSEL_ACTION_URLS"] == "http://127.0.0.1:5055"  # its own, on the pod's loopback


def test_tokens_and_the_database_password_come_only_from_the_secret():
    for workload in WORKLOADS:
        for container in kube.containers(workload):
            for item in container.get("env", []):
                if item["name"] in SECRET_NAMES:
                    assert item["valueFrom"]["secretKeyRef"]["name"] == "trivsel-secrets", item
    settings = named("ConfigMap", "trivsel-settings")["data"]
    assert not set(settings) & set(SECRET_NAMES)
    assert not any(re.search(r"(token|password)", k, re.I) for k in settings)


def test_the_scale_out_settings_reach_every_gateway_and_rasa_and_the_gateway_accepts_them():
    from bot.settings import Settings

    (gateway,) = kube.containers(named("Deployment", "trivsel-gateway"))
    rasa, _ = kube.containers(named("Deployment", "trivsel-engine"))
    for container in (gateway, rasa):
        env = pod_env(container)
        assert env["TRIVSEL_TRACKER_DB"].startswith("postgresql://")  # the tracker store on PostgreSQL
        assert env["TRIVSEL_REDIS_URL"].startswith("redis://")  # lock store, rooms, rate limits on Redis
    settings = Settings.from_env(pod_env(gateway))  # a bad value would stop the gateway at start
    assert settings.gateway_db.startswith("postgresql://") and settings.host == "0.0.0.0"
    assert settings.rasa_urls == ["http://trivsel-engine:5005"]


def test_every_setting_in_the_config_map_is_in_the_operators_guide():
    guide = (kube.ROOT / "docs" / "operator.md").read_text(encoding="utf-8")
    missing = [k for k in named("ConfigMap", "trivsel-settings")["data"] if k not in guide]
    assert not missing


def test_the_proxy_serves_the_tested_server_block_with_every_blank_filled_in():
    site = named("ConfigMap", "trivsel-proxy-site")["data"]["default.conf.template"]
    assert site == (kube.ROOT / "deploy" / "nginx-site.conf").read_text(encoding="utf-8")
    (nginx,) = kube.containers(named("Deployment", "trivsel-proxy"))
    blanks = {m.group("braced") for m in string.Template.pattern.finditer(site)} - {None}  # ${X}; $x is nginx's own
    given = {e["name"] for e in nginx["env"]}
    assert blanks <= given, blanks - given
    assert named("Service", "trivsel-proxy")["spec"]["ports"][0]["port"] == 443
    # Only the proxy is reachable from outside the cluster.
    exposed = [
        d["metadata"]["name"] for d in DOCS if d["kind"] == "Service" and d["spec"].get("type") in ("LoadBalancer", "NodePort")
    ]
    assert exposed == ["trivsel-proxy"]


def test_postgresql_keeps_its_data_on_a_persistent_volume():
    postgres = named("StatefulSet", "trivsel-postgres")
    (claim,) = postgres["spec"]["volumeClaimTemplates"]
    (container,) = kube.containers(postgres)
    assert any(m["name"] == claim["metadata"]["name"] for m in container["volumeMounts"])


def test_only_the_proxy_reaches_the_gateways_and_only_the_service_reaches_engines_and_databases():
    policies = [d for d in DOCS if d["kind"] == "NetworkPolicy"]

    def allowed_into(name: str) -> set:
        sources = set()
        for policy in policies:
            selector = policy["spec"]["podSelector"]
            chosen = selector.get("matchLabels", {}).get("app.kubernetes.io/name") == name or any(
                name in e["values"] for e in selector.get("matchExpressions", [])
            )
            for rule in policy["spec"]["ingress"] if chosen else []:
                for source in rule["from"]:
                    pods = source["podSelector"]
                    sources |= (
                        {pods["matchLabels"]["app.kubernetes.io/name"]}
                        if "matchLabels" in pods
                        else set(pods["matchExpressions"][0]["values"])
                    )
        return sources

    assert allowed_into("trivsel-gateway") == {"trivsel-proxy"}
    assert allowed_into("trivsel-engine") == {"trivsel-gateway"}
    assert allowed_into("trivsel-postgres") == allowed_into("trivsel-redis") == {"trivsel-gateway", "trivsel-engine"}


def test_the_gateways_reach_the_engine_pairs_action_servers_as_their_readiness_asks():
    """The gateway's /readyz asks TRIVSEL_ACTION_URLS: in a pod, the action server must listen on
    the pod's address, not only on loopback (its default, for the Rasa beside it)."""
    (gateway,) = kube.containers(named("Deployment", "trivsel-gateway"))
    _, actions = kube.containers(named("Deployment", "trivsel-engine"))
    service = named("Service", "trivsel-engine")
    port = next(p["port"] for p in service["spec"]["ports"] if p["name"] == "actions")
    assert pod_env(gateway)["TRIVSEL_ACTION_URLS"] == f"http://trivsel-engine:{port}"
    args, extra = started("actions", pod_env(actions))
    assert extra["SANIC_HOST"] == "0.0.0.0" and args[args.index("--port") + 1] == str(port)
    assert started("actions", {})[1]["SANIC_HOST"] == "127.0.0.1"  # on one machine: loopback only


def started(which: str, env: Dict[str, str]) -> Tuple[List[str], Dict[str, str]]:
    """The command and environment the engine image's entrypoint starts `which` with, given a
    container's variables: its settings are read with the engine's own pydantic, so in its Python."""
    code = (
        "import json, sys; from rasa_components import serve, settings; "
        "print(json.dumps(serve.command_from_settings(sys.argv[1], settings.load_start())))"
    )
    done = subprocess.run(
        [str(ROOT / ".venv" / "engine" / "bin" / "python"), "-c", code, which],
        env={"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    args, extra = json.loads(done.stdout.strip().splitlines()[-1])
    return args, extra


def test_the_one_machine_file_names_every_pod_and_reference_with_its_prefix():
    """deploy/podman/play.py: with a prefix of its own a deployment on one machine shares no pod,
    ConfigMap or secret name with another (an operator's beside `make deploy-test`), and each
    replica is a pod of one on its own ports."""
    played = kube.for_podman(
        prefix="trivsel-a",
        gateway_ports=[18801, 18802, 18803],
        rasa_ports=[18811],
        action_ports=[18821],
        redis_url="redis://127.0.0.1:6379/9",
        public_url="https://localhost:18843",
        settings={"TRIVSEL_MESSAGES_PER_MINUTE": "50"},
    )
    names = [(d["kind"], d["metadata"]["name"]) for d in played]
    assert names == [
        ("ConfigMap", "trivsel-a-settings"),
        ("Deployment", "trivsel-a-gateway-0"),
        ("Deployment", "trivsel-a-gateway-1"),
        ("Deployment", "trivsel-a-gateway-2"),
        ("Deployment", "trivsel-a-engine-0"),
    ]
    config = played[0]["data"]
    assert config["TRIVSEL_RASA_URLS"] == "http://127.0.0.1:18811" and config["TRIVSEL_MESSAGES_PER_MINUTE"] == "50"
    for deployment in played[1:]:
        assert deployment["spec"]["replicas"] == 1 and deployment["spec"]["template"]["spec"]["hostNetwork"] is True
        for container in kube.containers(deployment):
            assert [s["configMapRef"]["name"] for s in container["envFrom"]] == ["trivsel-a-settings"]
            refs = {e["valueFrom"]["secretKeyRef"]["name"] for e in container["env"] if "valueFrom" in e}
            assert refs == (set() if container["name"] == "actions" else {"trivsel-a-secrets"}), container["name"]
    (third,) = kube.containers(played[3])
    assert kube.env(third)["TRIVSEL_PORT"]["value"] == "18803" and third["readinessProbe"]["httpGet"]["port"] == 18803
    assert kube.pod_container("trivsel-a", "actions", 0) == "trivsel-a-engine-0-pod-0-actions"
