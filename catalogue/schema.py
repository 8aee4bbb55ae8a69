"""Checks a tool file before any conversation uses it: the shape (tool.schema.yml) and
what a schema cannot say (sections that exist, unique ids, names that resolve).
An error names the file and the place in it, so a typo is found at start, not by a leader."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Dict, Iterator, List

import yaml
from jsonschema import Draft7Validator

SCHEMA = Path(__file__).resolve().parent / "tool.schema.yml"


class ToolFileError(ValueError):
    """A tool file that does not hold what the catalogue needs."""


@functools.lru_cache(maxsize=1)
def _validator() -> Draft7Validator:
    with open(SCHEMA, encoding="utf-8") as f:
        return Draft7Validator(yaml.safe_load(f))


def _steps(spec: Dict[str, Any]) -> Iterator[Dict[str, Any]]:
    for listed in spec.get("steps", []):
        yield from listed["steps"] if "group" in listed else [listed]


def problems(spec: Any, common: Dict[str, Any]) -> List[str]:
    """Everything wrong with one tool file, each as "where: what"."""
    found = [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
        for e in sorted(_validator().iter_errors(spec), key=lambda e: list(map(str, e.absolute_path)))
    ]
    if found:
        return found  # the rest assumes the shape
    ids: Dict[str, int] = {}
    sections = set(spec["sections"])
    groups = {g["group"] for g in spec["steps"] if "group" in g}
    for step in _steps(spec):
        ids[step["id"]] = ids.get(step["id"], 0) + 1
        if step["section"] not in sections:
            found.append(f"step {step['id']}: section `{step['section']}` is not in `sections`")
        if step["kind"] == "choice" and not (step.get("options") or step.get("options_from")):
            found.append(f"step {step['id']}: a choice needs `options` or `options_from`")
        if step.get("person") and step["kind"] != "text":
            found.append(f"step {step['id']}: `person` is for a question answered in words (kind text)")
        if step.get("each_theme") and not common.get("themes"):
            found.append(f"step {step['id']}: `each_theme` needs themes in common.yml")
    found += [f"step {i}: the id is used {n} times" for i, n in ids.items() if n > 1]
    for group in (g for g in spec["steps"] if "group" in g):
        if group.get("theme_from") and group["theme_from"] not in groups:
            found.append(f"group {group['group']}: `theme_from` names no group")
        if group.get("optional_from", 1) > group["rounds"]:
            found.append(f"group {group['group']}: `optional_from` is after the last round")
    named = set(ids) | sections | {"themes"}
    found += [f"followup_items: `{i}` is no step" for i in spec.get("followup_items", []) if i not in ids]
    if spec.get("agenda_size_from") and spec["agenda_size_from"] not in ids:
        found.append(f"agenda_size_from: `{spec['agenda_size_from']}` is no step")
    for document in spec.get("documents", []):
        for part in document["sections"]:
            for key in ("steps", "theme_questions"):
                if key in part and part[key] not in named | groups:
                    found.append(f"document {document['kind']}: `{key}: {part[key]}` names no section or step")
            found += [
                f"document {document['kind']}: `with_sections: {s}` is no section"
                for s in part.get("with_sections", [])
                if s not in sections
            ]
        if document.get("follow_up") and document["follow_up"] not in ids:
            found.append(f"document {document['kind']}: `follow_up: {document['follow_up']}` is no step")
    return found


def check(spec: Any, name: str, common: Dict[str, Any]) -> None:
    found = problems(spec, common)
    if found:
        raise ToolFileError(f"content/tools/{name}:\n  " + "\n  ".join(found))
