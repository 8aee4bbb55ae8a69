"""Which option a typed answer to a button question means."""

from __future__ import annotations

from typing import Any, List, Optional

import catalogue
from catalogue import Step


def words(text: str) -> List[str]:
    return [w.strip(".,!?:;\"'()").lower() for w in text.replace("’", "'").split()]


def choice_value(step: Step, value: Any, language: str = "da") -> Optional[str]:
    """The option a tapped or typed answer means, or None when unclear."""
    text = str(value).strip()
    values = [o["value"] for o in step.spec["options"]]
    if text in values:
        return text
    lowered = text.lower()
    for option in step.spec["options"]:
        if any(lowered == label.lower() for label in option["label"].values()):
            return option["value"]
    typed = words(text)
    # A leading "ja"/"nej" says it most plainly; then other ways to put it; then the labels' words.
    return _yes_or_no(values, typed) or _said(step, " ".join(typed)) or _closest_label(step, set(typed))


def yes_or_no(text: str) -> Optional[str]:
    """ "yes", "no" or None for a typed reply to a yes/no question."""
    return _yes_or_no(["yes", "no"], words(text))


def _yes_or_no(values: List[str], typed: List[str]) -> Optional[str]:
    # "ja", "nej tak", "yes I do", "nope not really": the first word or two say it.
    common = catalogue.common()
    heads = [" ".join(typed[:n]) for n in (4, 3, 2, 1)]
    for value, key in (("yes", "yes_words"), ("no", "no_words")):
        if value in values and any(head in common[key] for head in heads):
            return value
    return None


def _said(step: Step, typed: str) -> Optional[str]:
    """An option whose `says:` phrases (other ways to put it, in the tool's YAML) occur in the text."""
    hits = {
        option["value"]
        for option in step.spec["options"]
        for phrase in option.get("says", [])
        if f" {phrase.lower()} " in f" {typed} "
    }
    return hits.pop() if len(hits) == 1 else None


def _closest_label(step: Step, typed: set) -> Optional[str]:
    """The option whose label shares most of its words with the typed text (at least half)."""
    scored = []
    for option in step.spec["options"]:
        for label in option["label"].values():
            label_words = set(words(label))
            shared = label_words & typed
            if len(label_words) == 1 and len(typed) > 3:
                continue  # "Ingen" or "Nej" inside a long sentence says little about which option is meant
            if label_words and any(len(w) > 2 for w in shared):  # "i" or "at" alone says nothing
                scored.append((len(shared) / len(label_words), option["value"]))
    scored.sort(reverse=True)
    if scored and scored[0][0] >= 0.5 and (len(scored) == 1 or scored[1][0] < scored[0][0] or scored[1][1] == scored[0][1]):
        return scored[0][1]
    return None
