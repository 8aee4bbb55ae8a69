"""A room's results: what the shared screen may show, and nothing more.

Anonymity rules, applied to every chart:
- nothing is shown until at least K_MIN participants have answered it;
- a category chosen by only one participant is never drawn on its own: it is
  left out and counted in `hidden` ("n answers in categories with only one").
Ratings are shown as an average per theme, and only for themes rated by K_MIN or more.
Shared words pass the word filter first (bot/rooms/words.py), and spellings of one word count together.
Everything the host gets (screen, live feed, summary PDF, CSV export) is computed here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Dict, Iterable, List, Tuple

from bot.conversations import tools
from bot.rooms import words as shared_words

K_MIN = 3
LONE = 1  # a category with this many answers or fewer is not singled out


def compute(
    room: Dict[str, Any],
    answers: Iterable[Tuple[str, str, str]],
    members: int,
    state: str,
    hidden: frozenset = frozenset(),
    revealed: bool = True,
) -> Dict[str, Any]:
    """`answers`: (participant, question, answer) rows as stored; `hidden`: the room's own filter entries
    (words the host added or took off the screen); `revealed` False: how many answered each chart, nothing more."""
    language = room["language"]
    filtered = shared_words.default_entries() + tuple(shared_words.entry(w) for w in hidden if shared_words.fold(w))
    spec = tools.spec(room["warmup"])
    by_question: Dict[str, Dict[str, str]] = defaultdict(dict)
    for participant, question, answer in answers:
        by_question[question][participant] = answer
    answered = {p for given in by_question.values() for p in given}
    return {
        "code": room["code"],
        "warmup": room["warmup"],
        "language": language,
        "title": spec["title"][language],
        "state": state,
        "expires_at": room["expires_at"],
        "members": members,
        "answered": len(answered),
        "min_answers": K_MIN,
        "revealed": revealed,
        "charts": [_chart(chart, by_question, language, filtered, revealed) for chart in spec["room"]["charts"]],
    }


def _chart(
    chart: Dict[str, Any],
    by_question: Dict[str, Dict[str, str]],
    language: str,
    filtered: Tuple[shared_words.Entry, ...],
    revealed: bool,
) -> Dict[str, Any]:
    kind, key = chart["kind"], chart["key"]
    given: Dict[str, Any] = {}  # per theme (ratings) or per participant (the rest)
    if kind == "ratings":
        given.update({q.split(":", 1)[1]: v for q, v in by_question.items() if q.startswith(key + ":")})
        answered = len({p for per_theme in given.values() for p in per_theme})
    else:
        given.update(by_question.get(key, {}))
        answered = len(given)
    out: Dict[str, Any] = {"key": key, "kind": kind, "title": chart["title"][language], "answered": answered}
    if answered < K_MIN or not revealed:  # held back by the host: how many answered, nothing more
        return {**out, "ready": False, "bars": [], "hidden": 0}
    if kind == "ratings":
        return {**out, "ready": True, "hidden": 0, "bars": _ratings(given, language)}
    if kind == "words":
        passed = [w for w in given.values() if not shared_words.blocked(shared_words.fold(w), filtered)]
        shown = [w for w in passed if not shared_words.names_a_person(w)]
        return {**out, "ready": True, "hidden": 0, "hidden_names": len(passed) - len(shown), "bars": _words(shown)}
    labels = _labels(kind, language)
    counts = Counter(v for v in given.values() if v in labels)
    shown = [(value, n) for value, n in counts.items() if n > LONE]
    too_few = sum(n for n in counts.values() if n <= LONE)  # kept off the screen: someone could be spotted
    order = list(labels)
    if kind == "themes":
        shown.sort(key=lambda vn: (-vn[1], order.index(vn[0])))  # ranked, most chosen first
    else:
        shown.sort(key=lambda vn: order.index(vn[0]))  # levels keep their order
    bars = [{"value": value, "label": labels[value], "count": n} for value, n in shown]
    if kind == "levels":  # every step of the ladder is drawn, empty or not
        present = {b["value"] for b in bars}
        bars = sorted(
            bars + [{"value": v, "label": labels[v], "count": 0} for v in order if v not in present],
            key=lambda b: order.index(str(b["value"])),
        )
    return {**out, "ready": True, "hidden": too_few, "bars": bars}


def _labels(kind: str, language: str) -> Dict[str, str]:
    if kind == "levels":
        return {str(i): f"{i}. {name}" for i, name in enumerate(tools.level_names(language), start=1)}
    return tools.theme_names(language)


def _ratings(given: Dict[str, Dict[str, str]], language: str) -> List[Dict[str, Any]]:
    """Themes by the group's average rating (1 going well .. 3 we need to talk about it), highest first."""
    names = tools.theme_names(language)
    bars = []
    for theme, per_person in given.items():
        scores = [int(v) for v in per_person.values() if v in ("1", "2", "3")]
        if theme in names and len(scores) >= K_MIN:
            bars.append(
                {"value": theme, "label": names[theme], "count": len(scores), "score": round(sum(scores) / len(scores), 2)}
            )
    order = list(names)
    return sorted(bars, key=lambda b: (-b["score"], order.index(b["value"])))


def _words(words: Iterable[str]) -> List[Dict[str, Any]]:
    """Shared words, the same word counted together whatever its case and punctuation; most shared first.

    A word is shown in its most common spelling (ties: the one with the least punctuation, then the
    one that sorts first), so the screen does not depend on who answered first.
    """
    spellings: Dict[str, Counter] = defaultdict(Counter)
    for word in words:
        tidy = " ".join(word.split())
        folded = shared_words.fold(tidy)
        if folded:  # punctuation alone is no word
            spellings[folded][tidy] += 1
    bars = []
    for variants in spellings.values():
        shown = min(variants.items(), key=lambda sn: (-sn[1], len(sn[0]) - len(shared_words.fold(sn[0])), sn[0]))[0]
        bars.append({"value": shown, "label": shown, "count": sum(variants.values())})
    return sorted(bars, key=lambda b: (-b["count"], b["label"].casefold()))


def prepared(results: Dict[str, Any]) -> Dict[str, Any]:
    """What the host's Værktøj 2 conversation receives from a preparation room."""
    ratings = next((c for c in results["charts"] if c["kind"] == "ratings"), None)
    themes = [{"key": b["value"], "score": b["score"], "count": b["count"]} for b in (ratings or {}).get("bars", [])]
    return {"members": results["answered"], "themes": themes}
