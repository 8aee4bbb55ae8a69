"""What our patches of Rasa's internals are fenced by: the Rasa release they were read against,
and the source of each Rasa function they replace or wrap.

A patched internal may change its meaning in another release without changing its name. So
each patch module names its targets ("module:qualified.name"), the tests hash their source
as this release ships it (tests/actions/test_speedups.py, test_whole_turns.py), and a Rasa
whose patched code changed fails those tests before anything runs; at run time another
release gets Rasa's own code (the speed-ups) or a clear refusal to start (whole turns).

The same fence stands before a model: rasa_components/domain_fence.py refuses, at start, a model
whose domain would break conversations in progress. Every refusal is a `Refusal`, which the
engine's entry point (rasa_components.cli) turns into one plain message and a failed start.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
from typing import Any, Dict, Iterable, Mapping, Optional


class Refusal(RuntimeError):
    """The engine must not start: the message says why and what to do."""


# The release every patch was written against and read line by line.
RASA_VERSION = "3.6.21"


def running_rasa() -> str:
    from rasa.version import __version__

    return __version__


def resolve(target: str) -> Any:
    """The function a "module:qualified.name" target names, as the class holds it."""
    module_name, _, qualified = target.partition(":")
    found: Any = importlib.import_module(module_name)
    for name in qualified.split("."):
        found = inspect.getattr_static(found, name) if isinstance(found, type) else getattr(found, name)
    return found.__func__ if isinstance(found, (staticmethod, classmethod)) else found


def sources(targets: Iterable[str]) -> Dict[str, str]:
    return {t: inspect.getsource(resolve(t)) for t in targets}


def source_hashes(targets: Iterable[str], taken: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """sha256 of each target's source: as taken before a patch was installed, or as it is now."""
    found = dict(taken) if taken else sources(targets)
    return {t: hashlib.sha256(src.encode("utf-8")).hexdigest() for t, src in found.items()}


def changed(now: Mapping[str, str], read_against: Mapping[str, str]) -> list[str]:
    """The targets whose source hash is not the one the patch was read against (the tests' check)."""
    return sorted(t for t, h in now.items() if read_against.get(t) != h)
