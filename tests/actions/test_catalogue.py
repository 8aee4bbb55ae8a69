"""The tool files are checked when the catalogue loads: a typo names its file and place."""

from __future__ import annotations

import copy

import pytest

import catalogue
from catalogue import StepKind, schema


def test_every_tool_file_is_valid_and_every_step_has_a_known_kind():
    for tool_id, spec in catalogue.specs().items():
        assert schema.problems(spec, catalogue.common()) == [], tool_id
    kinds = {s.kind for t in catalogue.tools().values() for s in t.steps}
    assert kinds == set(StepKind)  # every kind is used somewhere, none other exists
    assert all(isinstance(s.kind, StepKind) for t in catalogue.tools().values() for s in t.steps)


def _leader():
    return copy.deepcopy(catalogue.specs()["leader"])


def _first_step(spec):
    return next(s for s in spec["steps"] if "kind" in s)


@pytest.mark.parametrize(
    "mistake, named",
    [
        (lambda s: _first_step(s).update(kind="choise"), "steps/0/kind"),
        (lambda s: _first_step(s).update(lable=_first_step(s)["label"]), "'lable' was unexpected"),
        (lambda s: _first_step(s)["label"].pop("en"), "'en' is a required property"),
        (lambda s: _first_step(s).update(section="refelction"), "section `refelction` is not in `sections`"),
        (lambda s: s["steps"].append(copy.deepcopy(s["steps"][-1])), "the id is used 2 times"),
        (lambda s: s["documents"][0]["sections"][0].update(steps="agrement"), "`steps: agrement` names no section or step"),
        (lambda s: s.update(followup_items=["keep_doin"]), "followup_items: `keep_doin` is no step"),
    ],
)
def test_a_mistake_in_a_tool_file_is_refused_with_its_place(mistake, named):
    spec = _leader()
    mistake(spec)
    with pytest.raises(schema.ToolFileError) as refused:
        schema.check(spec, "leader.yml", catalogue.common())
    assert "content/tools/leader.yml" in str(refused.value) and named in str(refused.value)


def test_every_example_at_a_theme_question_is_about_that_theme():
    """A user test saw an example about a sounding-board network at "Pauser og restitution". An example
    at a question about a chosen theme comes from that theme's own list (common.yml, `examples:`), and
    every theme has every kind of example the questions ask for, in both languages."""
    import re

    from rasa_sdk import Tracker

    from actions.conversation import Conversation

    themes = catalogue.common()["themes"]
    kinds = {kind for theme in themes.values() for kind in theme["examples"]}
    assert all(set(theme["examples"]) == kinds for theme in themes.values())
    assert all(text.get("da") and text.get("en") for theme in themes.values() for text in theme["examples"].values())
    assert len({text["da"] for theme in themes.values() for text in theme["examples"].values()}) == len(themes) * len(kinds)
    asked = 0
    for tool in catalogue.tools().values():
        for step in tool.steps:
            if not step.round or step.kind == StepKind.THEME or step.bound_to_upload or not step.spec.get("example"):
                continue  # not a question about a chosen theme (choosing one is), or no example
            if step.person or step.spec.get("when"):
                continue  # who and when: a name or a day, about no theme
            for language in ("da", "en"):
                written = step.spec["example"][language]
                kind = re.fullmatch(r"{example_(\w+)}", written)
                assert kind and kind.group(1) in kinds, (tool.id, step.id, written)
                for key, theme in themes.items():
                    slots = {
                        "tool": tool.id,
                        "language": language,
                        f"{tool.id}_{step.theme_group}{step.round}": {"key": key, "words": None},
                    }
                    bare = Tracker("examples", slots, {}, [], False, None, {}, "action_listen")
                    shown = Conversation(bare).text(step.spec["example"], step)
                    assert shown == theme["examples"][kind.group(1)][language]
                    asked += 1
    assert asked > 100


def test_a_step_named_in_code_is_there_or_the_name_is_reported():
    leader = catalogue.tool("leader")
    assert leader.known_step("leader_theme2").round_number == 2
    with pytest.raises(KeyError, match="leader has no step leader_theme9"):
        leader.known_step("leader_theme9")
    with pytest.raises(AssertionError, match="leader/has_leader is asked outside a group's rounds"):
        leader.known_step("leader_has_leader").round_number  # noqa: B018
