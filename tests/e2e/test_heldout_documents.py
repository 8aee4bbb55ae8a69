"""Held-out conversations (eval/heldout/documents/*.yml), walked through the real stack as their
people would type them: every answer must be in the text of the conversation's final documents
(every PDF offered, and its A4 variant), and a private answer only in the private part.

Each conversation is data; the walker reads the buttons the guide offers and settles what it asks
(keep my words as the answer, confirm a date, which theme fits) as a person would. Each turn is
logged, and printed when a check fails. Pages are rendered at 70 dpi into test-artifacts/heldout/.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest
import yaml

import catalogue
from catalogue import StepKind, fill, pick
from tests.support.client import pdf_text, texts
from tests.support.walkthrough import buttons, squash

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CONVERSATIONS = ROOT / "eval" / "heldout" / "documents"
ARTIFACTS = ROOT / "test-artifacts" / "heldout"
# How a "who?" answer is kept when the leader saves their words after being asked who they meant (the
# product's own reading, loaded from its file: actions/__init__ belongs to the engine env).
_NAMES = importlib.util.spec_from_file_location("names", ROOT / "actions" / "names.py")
assert _NAMES is not None and _NAMES.loader is not None  # a .py file's spec always has its loader
names = importlib.util.module_from_spec(_NAMES)
_NAMES.loader.exec_module(names)
# The start of "I'm not quite sure what you mean. Please pick one of the buttons" (both variants).
PICK_A_BUTTON = {"da": "Vælg gerne en af knapperne", "en": "Please pick one of the buttons"}
DATE_IN_WORDS = {"da": r"\d{1,2}\. [a-zæøå]+ \d{4}", "en": r"\d{1,2} [A-Z][a-z]+ \d{4}"}


def load(name: str) -> Dict[str, Any]:
    with open(CONVERSATIONS / f"{name}.yml", encoding="utf-8") as f:
        return yaml.safe_load(f)


@dataclass
class Answer:
    """One answer given, and the words it must leave in a document."""

    step: str  # the step's id and label, as the tool file names it
    question: str
    given: str  # what was typed or tapped
    expect: str  # what the document must hold
    how: str  # typed | tapped | note | retapped (typed, not understood, then the button tapped)
    private: bool = False
    kind: str = ""  # the step's kind (text, choice, theme, date, ...)


@dataclass
class Walk:
    name: str
    tool: str
    language: str
    cid: str = ""
    log: List[str] = field(default_factory=list)
    answers: List[Answer] = field(default_factory=list)
    documents: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    last: Dict[str, Any] = field(default_factory=dict)

    def transcript(self) -> str:
        return f"--- {self.name} ({self.tool}, {self.language}) ---\n" + "\n".join(self.log)


def _button(key: str, language: str) -> str:
    return catalogue.button(key, language)


def _keep_offered(offered, language: str):
    """The "keep my words" button offered, as one leader or a group sees it ("Gem det som vores svar")."""
    return next((t for t in (_button("keep_answer", language), _button("keep_answer_plural", language)) if t in offered), None)


def _fragments(template: str) -> List[str]:
    return [f.strip() for f in re.split(r"\{[^}]*\}", template) if len(f.strip()) >= 3]


def asked_step(tool_id: str, language: str, reply: Dict[str, Any]):
    """The step whose question the guide asked last in this reply (by its words in the tool file)."""
    steps = catalogue.tool(tool_id).steps
    for message in reversed(reply["messages"]):
        said = message.get("text", "")
        best: Tuple[int, Any] = (0, None)
        for step in steps:
            template = step.ask_texts().get(language, "")  # with its {placeholders}, which split it
            parts = _fragments(template)
            if parts and all(p in said for p in parts) and sum(map(len, parts)) > best[0]:
                best = (sum(map(len, parts)), step)
        if best[1] is not None:
            return best[1]
    if reply["progress"]["label"] == catalogue.tool(tool_id).section_name("summary", language):
        return catalogue.tool(tool_id).review
    return None


def said_back(shown: str, language: str):
    """The name in "Jeg skriver Karin som tovholder." / "I'll put Karin down.", or None."""
    for key in ("person_check", "person_check_plain"):
        template = re.escape(catalogue.common()["messages"][key][language])
        pattern = template.replace(re.escape("{name}"), "(.+?)").replace(re.escape("{role}"), ".+?")
        found = re.search(pattern, shown)
        if found:
            return found.group(1)
    return None


def step_name(step, language: str) -> str:
    if step is None:
        return "?"
    label = (step.spec.get("label") or {}).get(language, "")  # with its {round}, filled here
    return f"{step.id}{step.round or ''} ({fill(label, round=step.round or '')})"


class Walker:
    def __init__(self, api, walk: Walk):
        self.api = api
        self.walk = walk
        self.step = None  # the step asked last

    def note(self, line: str) -> None:
        self.walk.log.append(line)

    def received(self, reply: Dict[str, Any]) -> Dict[str, Any]:
        for message in reply["messages"]:
            if "text" in message:
                self.note(f"  bot: {message['text'][:300]}")
            if message.get("buttons"):
                self.note("       [" + " | ".join(b["title"] for b in message["buttons"]) + "]")
            if "document" in message:
                self.walk.documents[message["document"]["kind"]] = message["document"]
                self.note(f"       document: {message['document']['kind']}")
        self.walk.last = reply
        asked = asked_step(self.step_tool, self.walk.language, reply)
        if asked is not None:
            self.step = asked
        return reply

    @property
    def step_tool(self) -> str:
        return self.walk.tool

    def tap_title(self, title: str) -> Dict[str, Any]:
        offered = buttons(self.walk.last)
        match = next((t for t in offered if t == title), None) or next((t for t in offered if title.lower() in t.lower()), None)
        assert match is not None, f"no button {title!r} offered\n{self.walk.transcript()}"
        self.note(f"tap: {match}")
        return self.received(self.api.tap(self.walk.cid, offered[match]))

    def turn(self, turn: Dict[str, Any]) -> None:
        language = self.walk.language
        step, question = self.step, self._question()
        if "press" in turn:
            if turn["press"] == _button("use_draft", language):  # the draft as shown is their message now
                shown = max((m.get("text", "") for m in self.walk.last["messages"]), key=len)
                draft = shown.split(catalogue.message("draft_intro", language))[-1].strip()
                self.walk.answers.append(
                    Answer(step_name(step, language), question, turn["press"], draft, "tapped", False, "draft")
                )
            self.tap_title(turn["press"])
            return
        if "tap" in turn:
            self.tap_title(turn["tap"])
            kind = str(step.kind) if step is not None else ""
            self.walk.answers.append(Answer(step_name(step, language), question, turn["tap"], turn["tap"], "tapped", False, kind))
            return
        said = turn["say"]
        self.note(f"types ({step_name(step, language)}): {said}")
        reply = self.received(self.api.say(self.walk.cid, said))
        expect = turn.get("means", said)
        how = "typed"
        for _ in range(4):
            offered = buttons(reply)
            shown = texts(reply)
            if _button("choice_yes", language) in offered:
                # A typed answer read as an option and said back ("Jeg skriver »Sjældent« – ret det, ..."):
                # the option meant if it is another one, else "Det passer".
                if turn.get("means") in offered:
                    how = "retapped"
                    reply = self.tap_title(turn["means"])
                else:
                    quoted = re.search(r"[»«“](.+?)[«»”]", shown)
                    assert quoted, shown  # the option read is said back in quotes
                    expect = quoted.group(1)
                    reply = self.tap_title(_button("choice_yes", language))
            elif _keep_offered(offered, language) and turn.get("means") in offered:
                reply = self.tap_title(turn["means"])  # asked who was meant: the name meant
            elif _keep_offered(offered, language):
                # asked whether the words were a request, or checked in with over strain: the words are the answer
                if step is not None and step.person and expect == said:
                    expect = names.without_hedges(said) or said  # a name kept without "måske"
                reply = self.tap_title(_keep_offered(offered, language))
            elif _button("date_yes", language) in offered:
                found = re.search(DATE_IN_WORDS[language], shown)
                assert found, f"a date read back without a date: {shown}\n{self.walk.transcript()}"
                expect = found.group(0)
                reply = self.tap_title(_button("date_yes", language))
            elif _button("own_theme", language) in offered:
                reply = self.tap_title(turn["theme"] if turn.get("theme") in offered else _button("own_theme", language))
            elif (
                PICK_A_BUTTON[language] in shown
                or all(f in shown for f in _fragments(catalogue.common()["messages"]["clarify_choice"][language]))
            ) and turn.get("means") in offered:
                # Not understood at a button question (or asked whether the words were a request):
                # tap the option meant, as a person would.
                if catalogue.message("choose_please", language) in shown:  # "... I've kept it as a note"
                    self.walk.answers.append(Answer(step_name(step, language), question, said, said, "note"))
                how = "retapped"
                reply = self.tap_title(turn["means"])
            else:
                break
        if step is not None and step.person and expect == said:
            named = said_back(texts(reply), language)
            if named:  # "Jeg skriver Karin som tovholder.": a name typed with hedges is printed as said back
                expect = {"dig": "mig", "you": "me"}.get(named, named)
        if step is not None and step.kind == StepKind.DATE:
            understood = re.search(DATE_IN_WORDS[language], texts(reply))
            if expect == said and understood:  # read without asking back ("Så skriver jeg ...")
                expect = understood.group(0)
        private = bool(step is not None and step.spec.get("private"))
        kind = str(step.kind) if step is not None else ""
        self.walk.answers.append(Answer(step_name(step, language), question, said, expect, how, private, kind))

    def _question(self) -> str:
        for message in reversed(self.walk.last.get("messages", [])):
            if message.get("text"):
                return message["text"][:120]
        return ""

    def finish(self) -> None:
        """Confirms the review: the documents are made."""
        assert self.walk.last["progress"]["label"] == catalogue.tool(self.step_tool).section_name(
            "summary", self.walk.language
        ), f"not at the review after the last turn\n{self.walk.transcript()}"
        reply = self.tap_title(_button("confirm", self.walk.language))
        assert reply["state"] == "completed", self.walk.transcript()


class FollowUpWalker(Walker):
    @property
    def step_tool(self) -> str:
        return "followup"


def walk_conversation(api, name: str, data: Dict[str, Any]) -> Walk:
    walk = Walk(name, data["tool"], data["language"])
    walker = Walker(api, walk)
    started = api.start(data["tool"], data["language"])
    walk.cid = started["id"]
    walker.received(started)
    for turn in data["turns"]:
        walker.turn(turn)
    walker.finish()
    return walk


def follow_up(api, name: str, saved: Dict[str, Any], turns: List[Dict[str, Any]], language: str, tool: str) -> Walk:
    """Uploads a saved file and answers its follow-up; for the ladder, takes the ladder again."""
    walk = Walk(name, tool, language)
    walker = Walker(api, walk) if tool == "maturity" else FollowUpWalker(api, walk)
    status, started, _ = api.call("POST", "/api/v1/conversations", {"followup": saved})
    assert status == 201, started
    walk.cid = started["id"]
    walk.log.append("uploads the saved file")
    walker.received(started)
    for turn in turns:
        walker.turn(turn)
    walker.finish()
    return walk


def fetch(api, url: str) -> bytes:
    status, body, headers = api.call("GET", url)
    assert status == 200 and headers["Content-Type"] == "application/pdf", (url, status)
    return body


def pdfs(api, walk: Walk) -> Dict[str, bytes]:
    """Every PDF the conversation offered, and each A4 variant: {"kind" or "kind-a4": pdf}."""
    made: Dict[str, bytes] = {}
    for kind, document in walk.documents.items():
        made[kind] = fetch(api, document["url"])
        if document.get("a4_url"):
            made[f"{kind}-a4"] = fetch(api, document["a4_url"])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{walk.name}.txt").write_text(walk.transcript() + "\n", encoding="utf-8")
    for variant, pdf in made.items():
        prefix = ARTIFACTS / f"{walk.name}-{variant}"
        for old in ARTIFACTS.glob(f"{prefix.name}-*.png"):
            if re.fullmatch(rf"{re.escape(prefix.name)}-\d+\.png", old.name):
                old.unlink()
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-", str(prefix)], input=pdf, check=True)
    return made


def private_headings(tool_id: str, language: str) -> List[str]:
    return [
        pick(part["heading"], language)
        for spec in catalogue.tool(tool_id).spec.get("documents", [])
        for part in spec.get("sections", [])
        if part.get("private")
    ]


def missing_answers(walk: Walk, made: Dict[str, bytes]) -> List[Answer]:
    """Answers not where a reader would find them: in some document, a private one only
    in the private part (after its heading) and nowhere shared."""
    read = {variant: pdf_text(pdf) for variant, pdf in made.items()}
    shared, private = "", ""
    headings = private_headings(walk.tool, walk.language)
    for text in read.values():
        at = next((text.find(h) for h in headings if h in text), -1)
        shared += squash(text if at < 0 else text[:at])
        private += squash("" if at < 0 else text[at:])
    missing = []
    for answer in walk.answers:
        words = squash(answer.expect)
        # As a heading, the leader's words start with a capital (a theme in their own words).
        forms = {words, words[:1].upper() + words[1:]}
        if answer.private:
            if not any(w in private for w in forms) or any(w in shared for w in forms):
                missing.append(answer)
        elif not any(w in shared + private for w in forms):
            missing.append(answer)
    return missing


def report(walk: Walk, missing: List[Answer]) -> str:
    typed = [a for a in walk.answers if a.how != "tapped"]
    lines = [
        f"{walk.name}: {len(typed)} typed answers, {len(typed) - len([m for m in missing if m.how != 'tapped'])} in a document;"
        f" {len(walk.answers) - len(typed)} tapped"
    ]
    lines += [
        f"  missing: {a.step} [{a.how}{', private' if a.private else ''}] {a.given!r} -> {a.expect!r}"
        f" (asked: {a.question[:80]!r})"
        for a in missing
    ]
    return "\n".join(lines)


def check_every_answer(walk: Walk, made: Dict[str, bytes]) -> List[Answer]:
    missing = missing_answers(walk, made)
    print(report(walk, missing))
    assert walk.answers, walk.transcript()
    return missing


# --- the conversations --------------------------------------------------------------------------


def walked(api, name: str) -> Dict[str, Any]:
    """One held-out conversation walked through the API, with the PDFs it was offered."""
    data = load(name)
    walk = walk_conversation(api, name, data)
    return {"data": data, "walk": walk, "pdfs": pdfs(api, walk)}


@pytest.fixture(scope="module")
def group(api):
    return walked(api, "group_da")


@pytest.fixture(scope="module")
def organisation(api):
    return walked(api, "organisation_da")


@pytest.fixture(scope="module")
def organisation_en(api):
    return walked(api, "organisation_en")


@pytest.fixture(scope="module")
def maturity(api):
    return walked(api, "maturity_da")


def _followups(api, convo: Dict[str, Any], kind: str) -> List[Tuple[Walk, Dict[str, bytes]]]:
    """Two follow-ups in a row: the first on the conversation's saved file, the second on the
    file the first one hands back."""
    walk: Walk = convo["walk"]
    document = walk.documents[kind]
    done = []
    for number, turns in enumerate(convo["data"]["followups"], start=1):
        status, saved, _ = api.call("GET", document["save_url"])
        assert status == 200, saved
        again = follow_up(api, f"{walk.name}-followup{number}", saved, turns, walk.language, walk.tool)
        assert kind in again.documents, again.transcript()
        done.append((again, pdfs(api, again)))
        document = again.documents[kind]
    return done


@pytest.fixture(scope="module")
def group_followups(api, group):
    return _followups(api, group, "group-agreement")


@pytest.fixture(scope="module")
def organisation_followups(api, organisation):
    return _followups(api, organisation, "action-cards")


def test_group_every_answer_in_a_document(group):
    missing = check_every_answer(group["walk"], group["pdfs"])
    assert not missing, report(group["walk"], missing) + "\n" + group["walk"].transcript()


def test_organisation_every_answer_in_a_document(organisation):
    missing = check_every_answer(organisation["walk"], organisation["pdfs"])
    assert not missing, report(organisation["walk"], missing) + "\n" + organisation["walk"].transcript()


def test_organisation_in_english_every_answer_in_a_document(organisation_en):
    missing = check_every_answer(organisation_en["walk"], organisation_en["pdfs"])
    assert not missing, report(organisation_en["walk"], missing) + "\n" + organisation_en["walk"].transcript()


def test_maturity_every_answer_in_the_ladder(maturity):
    missing = check_every_answer(maturity["walk"], maturity["pdfs"])
    assert not missing, report(maturity["walk"], missing) + "\n" + maturity["walk"].transcript()


def _kept(convo, kind: str) -> Walk:
    """The original answers the saved document held, less its follow-up date (a follow-up
    replaces it with the next one)."""
    walk: Walk = convo["walk"]
    saved = squash(pdf_text(convo["pdfs"][kind]))
    kept = [a for a in walk.answers if squash(a.expect) in saved and not a.private and a.kind != "date"]
    assert kept, walk.transcript()
    return Walk(walk.name, walk.tool, walk.language, log=walk.log, answers=kept)


def _problems(walk: Walk, made: Dict[str, bytes], what: str) -> List[str]:
    missing = missing_answers(walk, made)
    print(f"{what}: " + report(walk, missing))
    return [f"{what}: {report(walk, missing)}\n{walk.transcript()}"] if missing else []


def test_group_follow_up_holds_its_answers_and_the_original_ones(group, group_followups):
    (first, made), (second, made_again) = group_followups
    problems = _problems(first, made, "first follow-up, in its document")
    problems += _problems(_kept(group, "group-agreement"), made, "original answers, after the first follow-up")
    problems += _problems(second, made_again, "second follow-up, in its document")
    problems += _problems(_kept(group, "group-agreement"), made_again, "original answers, after the second follow-up")
    assert not problems, "\n".join(problems)


def test_organisation_follow_up_holds_its_answers_and_the_original_ones(organisation, organisation_followups):
    (first, made), (second, made_again) = organisation_followups
    problems = _problems(first, made, "first follow-up, in its document")
    problems += _problems(_kept(organisation, "action-cards"), made, "original answers, after the first follow-up")
    problems += _problems(second, made_again, "second follow-up, in its document")
    problems += _problems(_kept(organisation, "action-cards"), made_again, "original answers, after the second follow-up")
    assert not problems, "\n".join(problems)


def _first_follow_up_after_the_second(followups) -> List[Answer]:
    (first, _), (_, made_again) = followups
    # Its status and lessons; its next date is replaced by the second follow-up's, as it should be.
    lasting = Walk(first.name, first.tool, first.language, log=first.log, answers=[a for a in first.answers if a.kind != "date"])
    missing = missing_answers(lasting, made_again)
    print("first follow-up, after the second: " + report(lasting, missing))
    return missing


def test_group_second_follow_up_keeps_the_first_follow_ups_answers(group_followups):
    assert _first_follow_up_after_the_second(group_followups) == []


def test_organisation_second_follow_up_keeps_the_first_follow_ups_answers(organisation_followups):
    assert _first_follow_up_after_the_second(organisation_followups) == []


def test_maturity_retaken_from_its_file_shows_the_change_and_the_new_answers(api, maturity):
    (walk, made), *_ = _followups(api, maturity, "maturity-ladder")
    missing = missing_answers(walk, made)
    assert not missing, report(walk, missing) + "\n" + walk.transcript()
    said = "\n".join(line for line in walk.log if line.startswith("  bot:"))
    change = re.search(r"Sidst trin (\d), nu trin (\d)\.", said)
    assert change, walk.transcript()
    assert change.group(0) in pdf_text(made["maturity-ladder"])


def _pages(pdf: bytes) -> List[str]:
    count = len(pdf_text(pdf).split("\f")) - 1
    return [
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode("utf-8")
        for n in range(1, count + 1)
    ]


def test_every_page_of_every_document_holds_body_text(
    group, organisation, organisation_en, maturity, group_followups, organisation_followups
):
    """No page holds only a footer, a page number or a heading (a reader would call it a blank page)."""
    made = [(c["walk"].name, c["pdfs"]) for c in (group, organisation, organisation_en, maturity)]
    made += [(walk.name, pdfs_) for walk, pdfs_ in group_followups + organisation_followups]
    footers = [
        squash(pick(spec.get("footer"), language))
        for tool in ("group", "organisation", "maturity")
        for spec in catalogue.tool(tool).spec.get("documents", [])
        for language in ("da", "en")
        if spec.get("footer")
    ]
    thin = []
    for name, documents in made:
        for variant, pdf in documents.items():
            for number, page in enumerate(_pages(pdf), start=1):
                body = re.sub(r"\d+/\d+$", "", squash(page))
                for footer in footers:
                    body = body.replace(footer, "")
                if len(body) < 80:
                    thin.append(f"{name} {variant} page {number}: {' '.join(page.split())[:120]!r}")
    assert not thin, "pages with next to nothing on them:\n" + "\n".join(thin)
