"""`make eval`: how well the bot understands messages nobody tuned it to.

Reads eval/heldout/messages.yml (written apart from the training data, never
trained on, read only through these scores), parses every message with the
trained model (NLU pipeline and guard, as Rasa runs them), lets the actions
read it at the question it was typed at (actions/reading.py, the same code the
conversation runs), and prints per-class precision and recall, the false-alarm
rate on ordinary answers, theme and yes/no accuracy, the date forms read, and
the parse latency. Writes bench/understanding.md. Runs in the engine env.
"""

from __future__ import annotations

import asyncio
import collections
import datetime as dt
import os
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any, Dict, List, Tuple

import yaml

warnings.filterwarnings("ignore")  # Rasa's dependencies warn on import; the figures are what this prints
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import catalogue  # noqa: E402
from actions import dates, reading  # noqa: E402
from actions.choices import choice_value, yes_or_no  # noqa: E402
from bot.conversations.as_meant import as_meant  # noqa: E402
from catalogue import StepKind  # noqa: E402

# To score an earlier version for comparison: a checkout of it with its trained
# model (EVAL_BEFORE=/path/to/checkout). Its own NLU and date reader are used;
# what it did at a theme question (the classifier's top theme from 0.2, stated
# as fact) is reproduced here.
BEFORE = os.environ.get("EVAL_BEFORE")
HELDOUT = (
    [Path(p).resolve() for p in os.environ["EVAL_SET"].split(",")]
    if os.environ.get("EVAL_SET")
    else sorted((ROOT / "eval" / "heldout").glob("*.yml"))
)
MODEL = Path(os.environ.get("EVAL_MODEL", ROOT / "models" / "trivsel.tar.gz"))
REPORT = Path(os.environ.get("EVAL_REPORT", ROOT / "bench" / "understanding.md"))
LEADER = catalogue.tool("leader")
STEPS = {
    "text": LEADER.known_step("leader_theme1_works"),
    "yesno": LEADER.known_step("leader_has_leader"),
    "theme": LEADER.known_step("leader_theme1"),
    "theme_optional": LEADER.known_step("leader_theme3"),
    "date": catalogue.tool("group").known_step("group_followup_date"),
    "agenda": catalogue.tool("maturity").known_step("maturity_agenda"),
    "initiatives": catalogue.tool("maturity").known_step("maturity_initiatives"),
    "status": catalogue.tool("followup").known_step("followup_item1_status"),
    "who": catalogue.tool("organisation").known_step("organisation_lead"),
}
# Outcomes that put the message's words into the document as the answer.
STORED = ("answer", "choice/", "theme/", "date/", "name/")


def person(text: str) -> str:
    """Who a name question's answer names, as it would be printed ("ask" when the bot asks back)."""
    try:
        from actions.names import person as named
    except ImportError:  # an earlier version printed what was typed
        return "name/" + text.strip()
    value, _ = named(text)
    return f"name/{value}" if value else "ask"


def outcome(item: Dict[str, Any], parse: Dict[str, Any], today: dt.date) -> str:
    """What the bot does with the message, in the held-out set's vocabulary."""
    step = STEPS[item["step"]]
    read = reading.read(None if BEFORE else step, parse)  # the earlier version acted on any typed request
    if read.kind == reading.DISTRESS:
        return "distress/acute"
    if read.kind == reading.STRAIN:
        return "distress/strain"
    if read.kind == reading.REQUEST:
        return f"request/{read.request}"
    if read.kind == reading.CLARIFY:
        return f"clarify/{read.request}" + (f",{getattr(read, 'also', None)}" if getattr(read, "also", None) else "")
    text = item["text"]
    if item["step"] == "who":
        return person(text)
    if step.kind == StepKind.CHOICE:
        chosen = choice_value(step, text)
        return f"choice/{chosen}" if chosen else "unclear"
    if step.kind == StepKind.THEME and BEFORE:
        best = next((r for r in parse.get("intent_ranking") or [] if r["name"].startswith("theme_")), None)
        return f"theme/{best['name'][6:]}" if best and best["confidence"] >= 0.2 else "theme/own"
    if step.kind == StepKind.THEME and step.optional_round and yes_or_no(text) == "no":
        return "request/skip"  # "nej tak, to er nok": the form takes it as two themes (actions/form.py)
    if step.kind == StepKind.THEME:
        theme = reading.theme(parse)
        if theme.key:
            return f"theme/{theme.key}"
        if theme.candidates:
            return "ask/" + ",".join(theme.candidates)
        return "theme/own"
    if step.kind == StepKind.DATE:
        day = (before_dates(BEFORE) if BEFORE else dates).parse(text, today)
        return f"date/{day.isoformat()}" if day else "unclear"
    return "answer"


def stored(got: str) -> bool:
    return got.startswith(STORED)


def same_name(expect: str, got: str) -> bool:
    return got.startswith("name/") and " ".join(got[5:].lower().split()) == " ".join(expect[5:].lower().split())


def handled(expect: str, got: str) -> bool:
    """Whether the leader gets what they meant (an unsure case asked with the right button counts)."""
    if expect == got:
        return True
    if expect.startswith("name/"):
        return same_name(expect, got) or got == "ask"
    kind, _, value = expect.partition("/")
    if kind == "request" and got.startswith("clarify/") and value in got[len("clarify/") :].split(","):
        # asked with the right request among the buttons (the likeliest and, when about as likely, the second)
        return True
    if kind == "theme" and got.startswith("ask/"):
        return value in got[4:].split(",") or value == "own"  # "Mit eget tema" is always offered
    return expect == "distress/strain" and got == "distress/acute"  # more care than needed, never less


def before_dates(checkout: str) -> Any:
    """The earlier checkout's actions/dates.py, as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("dates_before", Path(checkout) / "actions" / "dates.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"{checkout}/actions/dates.py cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_before(texts: List[str], checkout: str) -> Tuple[List[Dict[str, Any]], List[float]]:
    """Parses with the earlier checkout's model and code, in a process of its own."""
    import json
    import subprocess

    script = (
        "import asyncio, json, logging, sys, time\n"
        "from rasa.core.agent import Agent\n"
        "from rasa.utils.log_utils import configure_structlog\n"
        "logging.getLogger().setLevel(logging.WARNING); configure_structlog(logging.WARNING)\n"
        "agent = Agent.load('models/trivsel.tar.gz')\n"
        "out = []\n"
        "for text in json.load(sys.stdin):\n"
        "    t = time.perf_counter(); p = asyncio.run(agent.parse_message(text)); out.append([p, time.perf_counter() - t])\n"
        "print('RESULT' + json.dumps(out))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        cwd=checkout,
        env={**os.environ, "PYTHONPATH": checkout},
        check=True,
    )
    result = json.loads(done.stdout.split("RESULT", 1)[1])
    return [p for p, _ in result], [t for _, t in result]


def quiet() -> None:
    """Rasa logs every parsed message at debug level: the held-out texts must stay unread."""
    import logging

    from rasa.utils.log_utils import configure_structlog

    logging.getLogger().setLevel(logging.WARNING)
    configure_structlog(logging.WARNING)


async def parse_all(texts: List[str]) -> Tuple[List[Dict[str, Any]], List[float]]:
    from rasa.core.agent import Agent

    from rasa_components import patches

    quiet()
    patches.install()  # as the Rasa server runs (rasa_components.cli)
    agent = Agent.load(str(MODEL))
    parses, times = [], []
    for text in texts:
        started = time.perf_counter()
        parses.append(await agent.parse_message(text))
        times.append(time.perf_counter() - started)
    return parses, times


def component_costs(texts: List[str]) -> str:
    """What each part of the guard costs per message (median over the texts, one process)."""
    import glob
    import tarfile
    import tempfile

    import joblib

    from rasa_components import control_guard, distress
    from rasa_components.typing import concepts, fold

    with tempfile.TemporaryDirectory() as directory:
        with tarfile.open(MODEL) as model:
            model.extractall(directory)
        saved = joblib.load(glob.glob(directory + "/**/" + control_guard.MODELS_FILE, recursive=True)[0])
    models = saved["models"]
    x = models["features"]([texts[0]])
    parts = {
        "spelling folded (typing.fold)": lambda t: fold(t),
        "concept words (typing.concepts)": lambda t: concepts(fold(t)),
        "features (word and character n-grams)": lambda t: models["features"]([t]),
        "four classifiers on the features": lambda t: [models[m].probabilities(x) for m in ("request", "kind", "theme", "care")],
        "distress net (distress.tier)": lambda t: distress.tier(t),
        "the whole guard (control_guard.read, clauses included)": lambda t: control_guard.read(t, models, saved["phrases"]),
    }
    lines = ["| part of the guard | p50 per message |", "|---|---|"]
    for name, run in parts.items():
        spent = []
        for text in texts:
            started = time.perf_counter()
            run(text)
            spent.append(time.perf_counter() - started)
        lines.append(f"| {name} | {1e6 * statistics.median(spent):.0f} µs |")
    return "\n".join(lines)


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def report(items: List[Dict[str, Any]], outcomes: List[str], times: List[float]) -> str:
    lines: List[str] = []
    add = lines.append
    by = collections.defaultdict(list)
    for item, got in zip(items, outcomes):
        by[item["expect"].split("/")[0]].append((item, got))

    answers = [(i, g) for i, g in by["answer"]]
    alarms = collections.Counter(g.split("/")[0] for _, g in answers if g != "answer")
    add(
        "| ordinary answers | n | kept as the answer | asked if a request | taken as a request | taken as strain | taken as acute |"
    )
    add("|---|---|---|---|---|---|---|")
    add(
        f"| at an open question | {len(answers)} | {pct(len(answers) - sum(alarms.values()), len(answers))} | "
        f"{pct(alarms['clarify'], len(answers))} | {pct(alarms['request'], len(answers))} | "
        f"{pct(sum(1 for _, g in answers if g == 'distress/strain'), len(answers))} | "
        f"{pct(sum(1 for _, g in answers if g == 'distress/acute'), len(answers))} |"
    )
    add("")
    mistaken = sum(1 for _, g in answers if g.startswith(("request", "distress")))
    add(
        f"False alarms on ordinary answers (acted on as a request or distress): **{pct(mistaken, len(answers))}**; "
        f"with a clarifying question counted too: **{pct(mistaken + alarms['clarify'], len(answers))}**."
    )
    add("")

    # Requests: per kind, recall = handled as asked; precision = of the messages the bot acted on
    # (or asked about) as this request, the share that meant it.
    kinds = sorted({i["expect"].split("/")[1] for i, _ in by["request"]})
    add("| request | n | handled (acted on) | handled (asked, right button) | recall | precision |")
    add("|---|---|---|---|---|---|")
    total_handled = 0
    for kind in kinds:
        mine = [(i, g) for i, g in by["request"] if i["expect"] == f"request/{kind}"]
        acted = sum(1 for _, g in mine if g == f"request/{kind}")
        asked = sum(1 for i, g in mine if g.startswith("clarify/") and handled(i["expect"], g))
        said = [(i, g) for i, g in zip(items, outcomes) if g == f"request/{kind}" or g.split(",")[0] == f"clarify/{kind}"]
        right = sum(1 for i, _ in said if i["expect"] == f"request/{kind}")
        total_handled += acted + asked
        add(f"| {kind} | {len(mine)} | {acted} | {asked} | {pct(acted + asked, len(mine))} | {pct(right, len(said))} |")
    add(f"| **all** | {len(by['request'])} | | | **{pct(total_handled, len(by['request']))}** | |")
    add("")

    acute = [(i, g) for i, g in by["distress"] if i["expect"] == "distress/acute"]
    strain = [(i, g) for i, g in by["distress"] if i["expect"] == "distress/strain"]
    direct = [(i, g) for i, g in acute if i.get("direct")]
    any_care = sum(1 for _, g in by["distress"] if g.startswith("distress/"))
    flagged = [(i, g) for i, g in zip(items, outcomes) if g.startswith("distress/")]
    add("| distress | n | recognised (either tier) | on its own tier |")
    add("|---|---|---|---|")
    add(
        f"| acute | {len(acute)} | {pct(sum(1 for _, g in acute if g.startswith('distress/')), len(acute))} | "
        f"{pct(sum(1 for _, g in acute if g == 'distress/acute'), len(acute))} |"
    )
    add(
        f"| of which direct statements of suicidal thoughts | {len(direct)} | "
        f"{pct(sum(1 for _, g in direct if g.startswith('distress/')), len(direct))} | "
        f"{pct(sum(1 for _, g in direct if g == 'distress/acute'), len(direct))} |"
    )
    add(
        f"| strain | {len(strain)} | {pct(sum(1 for _, g in strain if g.startswith('distress/')), len(strain))} | "
        f"{pct(sum(1 for _, g in strain if g == 'distress/strain'), len(strain))} |"
    )
    add(f"| **all** | {len(by['distress'])} | **{pct(any_care, len(by['distress']))}** | |")
    add("")
    add(
        f"Distress precision (flagged messages that were distress): {pct(sum(1 for i, _ in flagged if i['expect'].startswith('distress')), len(flagged))} of {len(flagged)}."
    )
    add("")

    themes = by["theme"]
    sure_right = sum(1 for i, g in themes if g == i["expect"])
    asked_right = sum(1 for i, g in themes if g.startswith("ask/") and handled(i["expect"], g))
    sure_wrong = sum(1 for i, g in themes if g.startswith("theme/") and g != "theme/own" and g != i["expect"])
    add("| own-words themes | n | sure and right | asked, right one offered | on the right theme | confirmed on a wrong one |")
    add("|---|---|---|---|---|---|")
    add(
        f"| all | {len(themes)} | {sure_right} | {asked_right} | **{pct(sure_right + asked_right, len(themes))}** | **{pct(sure_wrong, len(themes))}** |"
    )
    add("")

    choices = by["choice"]
    add("| typed at a button question | n | matched | asked again | wrong |")
    add("|---|---|---|---|---|")
    for where in sorted({i["step"] for i, _ in choices}):
        mine = [(i, g) for i, g in choices if i["step"] == where]
        add(
            f"| {where} | {len(mine)} | {pct(sum(1 for i, g in mine if g == i['expect']), len(mine))} | "
            f"{sum(1 for _, g in mine if g == 'unclear')} | "
            f"{sum(1 for i, g in mine if g.startswith('choice/') and g != i['expect'])} |"
        )
    add("")
    names = by["name"]
    if names:
        add(
            f"Names at a who-question: **{sum(1 for i, g in names if same_name(i['expect'], g))} of {len(names)}** printed as the "
            f"person meant, {sum(1 for _, g in names if g == 'ask')} asked back, "
            f"{sum(1 for i, g in names if g.startswith('name/') and not same_name(i['expect'], g))} printed otherwise "
            "(with a hedge, or not the person meant)."
        )
        add("")
    days = by["date"]
    add(
        f"Dates: **{sum(1 for i, g in days if g == i['expect'])} of {len(days)}** read right "
        f"({sum(1 for _, g in days if g == 'unclear')} not read, {sum(1 for i, g in days if g.startswith('date/') and g != i['expect'])} misread)."
    )
    add("")
    add(
        f"NLU parse time per message (model + guard, one process): p50 {1000 * statistics.median(times):.1f} ms, "
        f"p95 {1000 * sorted(times)[int(0.95 * (len(times) - 1))]:.1f} ms."
    )
    return "\n".join(lines)


def summary(items: List[Dict[str, Any]], outcomes: List[str], times: List[float]) -> Dict[str, str]:
    """The figures the issue's bars are set on, for the table of every set side by side."""
    pairs = list(zip(items, outcomes))

    def share(rows, test) -> str:
        return pct(sum(1 for i, g in rows if test(i, g)), len(rows))

    def count(rows, test) -> str:
        return f"{sum(1 for i, g in rows if test(i, g))} of {len(rows)}" if rows else "–"

    answers = [(i, g) for i, g in pairs if i["expect"] == "answer"]
    requests = [(i, g) for i, g in pairs if i["expect"].startswith("request/")]
    acute = [(i, g) for i, g in pairs if i["expect"] == "distress/acute"]
    strain = [(i, g) for i, g in pairs if i["expect"] == "distress/strain"]
    themes = [(i, g) for i, g in pairs if i["expect"].startswith("theme/")]
    choices = [(i, g) for i, g in pairs if i["expect"].startswith("choice/")]
    names = [(i, g) for i, g in pairs if i["expect"].startswith("name/")]
    return {
        "messages": str(len(items)),
        "ordinary answers acted on as a request or distress": share(answers, lambda i, g: g.startswith(("request", "distress"))),
        "ordinary answers asked whether the leader is OK": share(answers, lambda i, g: g == "clarify/distress"),
        "requests acted on as asked": share(requests, lambda i, g: g == i["expect"]),
        "requests acted on or asked back naming the right request": share(requests, lambda i, g: handled(i["expect"], g)),
        "requests stored as the answer": share(requests, lambda i, g: stored(g)),
        "acute distress given the care message": count(acute, lambda i, g: g == "distress/acute"),
        "acute distress asked about gently (nothing kept until the leader says)": count(
            acute, lambda i, g: g == "clarify/distress"
        ),
        "acute distress kept as an answer": count(acute, lambda i, g: stored(g) or g == "distress/strain"),
        "strain given the check-in (or the care message)": count(strain, lambda i, g: g.startswith("distress/")),
        "own-words themes on the right theme": share(themes, lambda i, g: handled(i["expect"], g)),
        "own-words themes confirmed on a wrong one": share(
            themes, lambda i, g: g.startswith("theme/") and g != "theme/own" and g != i["expect"]
        ),
        "typed answers at button questions matched": share(choices, lambda i, g: g == i["expect"]),
        "names printed as meant / asked back": (
            f"{sum(1 for i, g in names if same_name(i['expect'], g))} / {sum(1 for _, g in names if g == 'ask')} of {len(names)}"
            if names
            else "–"
        ),
        "parse p50": f"{1000 * statistics.median(times):.1f} ms",
    }


def side_by_side(columns: Dict[str, Dict[str, str]]) -> str:
    names = list(columns)
    rows = list(next(iter(columns.values())))
    lines = ["| on held-out messages | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    lines += [f"| {row} | " + " | ".join(columns[n][row] for n in names) + " |" for row in rows]
    return "\n".join(lines)


def cross_validation(folds: int = 3) -> str:
    """`rasa test nlu` three-fold cross-validation of the whole NLU pipeline on the training data."""
    import json
    import subprocess

    out = ROOT / "results" / "nlu-cv"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "rasa"),
            "test",
            "nlu",
            "--nlu",
            "data/nlu",
            "--config",
            "config.yml",
            "--domain",
            "domain",
            "--cross-validation",
            "--folds",
            str(folds),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    report = json.loads((out / "intent_report.json").read_text(encoding="utf-8"))
    errors = json.loads((out / "intent_errors.json").read_text(encoding="utf-8"))

    def said(intent: str) -> str:
        # What the guard answers by design: themes and strain are answers (with their findings beside).
        return "answer" if intent.startswith("theme_") or intent == "strain" else intent

    support: Dict[str, int] = collections.Counter()
    for name, row in report.items():
        if isinstance(row, dict) and "support" in row and name not in ("macro avg", "weighted avg", "micro avg", "accuracy"):
            support[said(name)] += row["support"]
    wrong = [(said(e["intent"]), said(e["intent_prediction"]["name"])) for e in errors]
    wrong = [(gold, got) for gold, got in wrong if gold != got]
    missed = collections.Counter(gold for gold, _ in wrong)
    extra = collections.Counter(got for _, got in wrong)
    lines = [
        f"`rasa test nlu --cross-validation --folds {folds}` on the training data, with themes and strain "
        "counted as `answer` (what the guard answers for them by design):",
        "",
        "| intent | precision | recall | n |",
        "|---|---|---|---|",
    ]
    for name in sorted(support):
        right = support[name] - missed[name]
        lines.append(f"| {name} | {pct(right, right + extra[name])} | {pct(right, support[name])} | {support[name]} |")
    return "\n".join(lines)


def main() -> None:
    parts, columns = [], {}
    for path in HELDOUT:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        today = data.get("today") or dt.date.today()
        # As the gateway passes a typed message on: without its app's footer, signature or quoted question,
        # spoken punctuation as marks (an earlier version passed it on as typed).
        items = [i if BEFORE else {**i, "text": as_meant(i["text"])} for i in data["messages"]]
        texts = [i["text"] for i in items]
        parses, times = parse_before(texts, BEFORE) if BEFORE else asyncio.run(parse_all(texts))
        outcomes = [outcome(i, p, today) for i, p in zip(items, parses)]
        columns[path.stem] = summary(items, outcomes, times)
        part = f"## {path.name}: {len(items)} messages\n\n" + report(items, outcomes, times)
        parts.append(part)
    table = "## Every set side by side\n\n" + side_by_side(columns)
    if not BEFORE:
        every = [i["text"] for path in HELDOUT for i in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]]
        table += "\n\n## What the guard's parts cost\n\n" + component_costs(every)
    print(table + "\n")
    for part in parts:
        print(part + "\n")
    parts.insert(0, table)
    if not BEFORE and not os.environ.get("EVAL_NO_CV"):
        part = "## Cross-validation of the training data\n\n" + cross_validation()
        print(part)
        parts.append(part)
    if not os.environ.get("EVAL_NO_WRITE"):
        REPORT.write_text(
            "# Understanding, on messages the model never saw\n\n"
            f"`make eval` on {dt.date.today().isoformat()}. Each set in `eval/heldout/` was written by someone "
            "outside the team's training data work, is never trained on, and is read only through these figures.\n\n"
            + "\n\n".join(parts)
            + "\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
