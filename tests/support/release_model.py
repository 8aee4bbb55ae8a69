"""A second trained model, as the next release would ship it: trained from the same sources as
models/trivsel.tar.gz with one response added to the domain (a change the domain fence lets
through), so it has its own model id and, in the dialogue, the first model's behaviour.

Trained once per trained models/trivsel.tar.gz (`make train` trains that again whenever its
sources change) and kept under var/test-models/, named by the hash of that model and the addition;
models/trivsel.tar.gz itself is never touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RASA = ROOT / ".venv" / "engine" / "bin" / "rasa"
MODEL = ROOT / "models" / "trivsel.tar.gz"
CACHE = ROOT / "var" / "test-models"
# What the release adds to the domain: a response no conversation has used yet.
ADDED = "version: '3.1'\nresponses:\n  utter_release_note:\n  - text: Denne version er ny.\n"


def fingerprint() -> str:
    digest = hashlib.sha256(ADDED.encode())
    digest.update(MODEL.read_bytes())
    return digest.hexdigest()[:16]


def model_id(model: Path) -> str:
    with tarfile.open(model, mode="r:gz") as archive:
        member = archive.extractfile("metadata.json")
        assert member is not None, f"{model} is no Rasa model"
        return json.load(member)["model_id"]


def release_model() -> Path:
    """The next release's model, trained now if its inputs changed since it was last trained."""
    cached = CACHE / f"release-{fingerprint()}.tar.gz"
    if cached.exists():
        return cached
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        domain = Path(tmp) / "domain"
        shutil.copytree(ROOT / "domain", domain)
        (domain / "release.yml").write_text(ADDED, encoding="utf-8")
        trained = subprocess.run(
            [str(RASA), "train", "--domain", str(domain), "--data", "data", "--config", "config.yml"]
            + ["--out", tmp, "--fixed-model-name", "release"],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONWARNINGS": "ignore"},
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert trained.returncode == 0, trained.stdout[-3000:] + trained.stderr[-3000:]
        partial = cached.with_suffix(".part")
        shutil.move(str(Path(tmp) / "release.tar.gz"), partial)
        partial.replace(cached)  # whole or not at all: a test run killed mid-training leaves no half model
    for older in CACHE.glob("release-*.tar.gz"):
        if older != cached:
            older.unlink()  # made for a model trained before the current one
    return cached
