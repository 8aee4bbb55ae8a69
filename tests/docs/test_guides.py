"""The guides name what the code offers: every setting the service reads is in the operator's
guide, every API route in the partner's, so a new one cannot ship undocumented."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import yaml

from tests.support import guides

ROOT = Path(__file__).resolve().parents[2]
# The code that runs in production: the gateway, the launcher, the engine's actions and Rasa components.
PRODUCTION = ["bot", "launcher", "actions", "rasa_components", "catalogue"]
SETTING = re.compile(r"\bTRIVSEL_[A-Z][A-Z0-9_]*[A-Z0-9]\b")
METHODS = {"get", "post", "put", "patch", "delete"}


def settings_read() -> set[str]:
    names: set[str] = set()
    for folder in PRODUCTION:
        for source in (ROOT / folder).rglob("*.py"):
            names.update(SETTING.findall(source.read_text(encoding="utf-8")))
    return names


def test_the_operators_guide_names_every_setting():
    found = settings_read()
    # The scan finds them at all. (The gateway's own are fields of bot/settings.py's Settings, named
    # without their prefix there: tests/gateway/test_settings.py checks each has a row in the guide.)
    assert {"TRIVSEL_SPEEDUPS", "TRIVSEL_CONTENT", "TRIVSEL_BREAKING_MODEL"} <= found
    for guide, names in (
        ("operator.md", {n for n in found if not n.startswith("TRIVSEL_TEST_")}),
        ("testing.md", {n for n in found if n.startswith("TRIVSEL_TEST_")}),  # where the tests find their servers
    ):
        missing = sorted(names - set(SETTING.findall(guides.read(guide))))
        assert not missing, f"read by the code but not in docs/{guide}: {missing}"


def routes(spec: dict) -> list[tuple[str, str]]:
    return [(method.upper(), path) for path, ops in spec["paths"].items() for method in ops if method in METHODS]


def test_the_partners_guide_names_every_route_of_the_api():
    spec = yaml.safe_load((ROOT / "bot" / "api" / "openapi.yaml").read_text(encoding="utf-8"))
    guide = guides.read("partner.md")
    listed = routes(spec)
    assert ("POST", "/api/v1/conversations") in listed
    missing = []
    for method, path in listed:
        # "GET /api/v1/hosted/{host_key}" in the guide matches "{key}" in the description, and back
        # (and "{file}" there is "{kind}.pdf", "{kind}.json" … here)
        shape = re.sub(r"\\\{[^}]*\\\}", r"\\{[^}]+\\}(\\.\\w+)?", re.escape(f"{method} {path}"))
        if not re.search(rf"`{shape}[`?\s]", guide):
            missing.append(f"{method} {path}")
    assert not missing, f"in the API's description but not in docs/partner.md: {missing}"


def test_the_partners_guide_gives_the_widgets_size_as_sent():
    """A partner weighs what the widget adds to their page by these numbers: within 5 % of the files
    as they are, and as the gateway compresses them (bot/web/site.py: gzip level 9)."""
    found = re.search(r"([\d.]+) kB \+ ([\d.]+) kB, sent as \*\*([\d.]+) kB \+ ([\d.]+) kB gzipped", guides.read("partner.md"))
    assert found, "docs/partner.md no longer says how large the widget is"
    plain_js, plain_css, sent_js, sent_css = (float(n) * 1000 for n in found.groups())
    for name, plain, sent in (("widget.js", plain_js, sent_js), ("widget.css", plain_css, sent_css)):
        body = (ROOT / "bot" / "static" / name).read_bytes()
        assert abs(len(body) - plain) <= 0.05 * plain, f"{name} is {len(body)} bytes; the guide says {plain:.0f}"
        packed = len(gzip.compress(body, compresslevel=9, mtime=0))
        assert abs(packed - sent) <= 0.05 * sent, f"{name} is sent as {packed} bytes gzipped; the guide says {sent:.0f}"


def texts_in(node: object) -> set[str]:
    if isinstance(node, str):
        return {" ".join(node.split())}
    if isinstance(node, dict):
        return set().union(*(texts_in(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(texts_in(v) for v in node))
    return set()


def test_the_facilitators_steps_name_the_buttons_as_the_pages_do():
    """A facilitator looks for the words the guide quotes: each is a text the pages show (or the
    start of one, as "Ord, der aldrig må vises på skærmen" for its label with "(valgfrit)")."""
    guide = guides.read("facilitator.md")
    steps = " ".join(guide[guide.index("## Running a warm-up") : guide.index("## Facilitator rooms")].split())
    quoted = set(re.findall(r'"([A-ZÆØÅ][^"]*?)"', steps))
    assert {"Åbn rummet", "Skjul resultaterne", "Slet rummet nu"} <= quoted
    shown = texts_in(yaml.safe_load((ROOT / "content" / "common.yml").read_text(encoding="utf-8")))
    unknown = sorted(q for q in quoted if not any(text.startswith(q.rstrip(" …")) for text in shown))
    assert not unknown, f"docs/facilitator.md quotes what no page shows: {unknown}"
