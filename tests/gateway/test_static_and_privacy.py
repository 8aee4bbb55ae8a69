"""The served files (compressed when the client accepts it, made at start-up, the landing pages'
facts), the favicon, and no cache ever keeping what a leader wrote."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import brotli
import pytest
from markupsafe import escape

from bot import keys
from bot.conversations import tools
from bot.settings import ROOT, Settings
from bot.web import site
from tests.support.fakes import app_with

PAGES = ["/", "/en", "/facilitator", "/host/somekey", "/r", "/r/ABC123"]


@pytest.fixture
async def client(aiohttp_client, tmp_path):
    return await aiohttp_client(app_with(tmp_path, messages_per_minute=6000, conversations_per_minute=6000))


@pytest.fixture
def engine(client):
    return client.app[keys.ENGINE]


async def fetch(client, path, encoding):
    """The bytes as sent, with the client accepting `encoding` (or nothing but identity)."""
    response = await client.get(path, headers={"Accept-Encoding": encoding}, auto_decompress=False)
    assert response.status == 200, path
    return response, await response.read()


UNPACK = {"br": brotli.decompress, "gzip": gzip.decompress}


@pytest.mark.parametrize("path", ["/widget.js", "/widget.css", "/landing.js", "/landing.css", "/favicon.svg", *PAGES])
async def test_every_text_file_comes_compressed_when_the_client_accepts_it(client, path):
    _, plain = await fetch(client, path, "identity")
    for accepted, expected in (("gzip, deflate, br, zstd", "br"), ("gzip, deflate", "gzip")):
        response, sent = await fetch(client, path, accepted)
        assert response.headers["Content-Encoding"] == expected, (path, accepted)
        assert response.headers["Vary"] == "Accept-Encoding"
        assert UNPACK[expected](sent) == plain
        assert len(sent) < len(plain)
    response, _ = await fetch(client, path, "identity")
    assert "Content-Encoding" not in response.headers
    assert response.headers["Vary"] == "Accept-Encoding"  # a shared cache must keep the forms apart
    assert response.headers["Cache-Control"] == "no-cache"


async def test_each_encoding_has_its_own_etag_and_a_revalidation_costs_nothing(client):
    tags = {}
    for accepted in ("br", "gzip", "identity"):
        response, _ = await fetch(client, "/widget.js", accepted)
        tags[accepted] = response.headers["ETag"]
        again = await client.get("/widget.js", headers={"Accept-Encoding": accepted, "If-None-Match": tags[accepted]})
        assert again.status == 304
    assert len(set(tags.values())) == 3


async def test_the_files_are_compressed_at_start_up_not_per_request(client, tmp_path, monkeypatch):
    made = tmp_path / "static"
    assert (made / "widget.js.br").is_file() and (made / "widget.js.gz").is_file()

    def refuse(_body):
        raise AssertionError("compressed while answering a request")

    monkeypatch.setattr(site, "PACKERS", ((".gz", refuse), (".br", refuse)))
    response, sent = await fetch(client, "/widget.js", "br")
    assert sent == (made / "widget.js.br").read_bytes()
    assert brotli.decompress(sent) == (ROOT / "bot" / "static" / "widget.js").read_bytes()


def test_a_restart_leaves_unchanged_files_as_they_were(tmp_path):
    settings = Settings(var_dir=tmp_path)
    first = site.build(settings)
    stamps = {p.name: p.stat().st_mtime_ns for p in first.iterdir()}
    site.build(settings)
    assert {p.name: p.stat().st_mtime_ns for p in first.iterdir()} == stamps  # so the ETags hold


async def test_the_favicon_is_an_svg_linked_from_every_page(client):
    response = await client.get("/favicon.svg")
    assert response.status == 200 and response.headers["Content-Type"] == "image/svg+xml"
    assert (await response.text()).startswith("<svg")
    for path in PAGES:
        assert '<link rel="icon" href="/favicon.svg" type="image/svg+xml">' in await (await client.get(path)).text(), path
    for page in (ROOT / "bot" / "static").glob("*.html"):
        if not page.name.startswith("_"):
            assert "/favicon.svg" in page.read_text(encoding="utf-8") or page.name in site.PAGES, page.name


async def test_the_landing_pages_state_what_the_service_does(aiohttp_client, tmp_path):
    client = await aiohttp_client(app_with(tmp_path, retention_days=45))
    da, en = await (await client.get("/")).text(), await (await client.get("/en")).text()
    assert '<html lang="da">' in da and '<html lang="en">' in en
    assert "45 dage uden et nyt svar" in da and "45 days pass without a new answer" in en
    for tool_id, title in tools.available().items():
        fewest, most = tools.step_counts(tool_id)
        minutes = tools.spec(tool_id)["minutes"]
        steps = f"{fewest} trin" if fewest == most else f"{fewest}–{most} trin"
        assert f"ca. {minutes} minutter · {steps}</p>" in da, tool_id
        assert f">{escape(title['da'])}</button>" in da and f">{escape(title['en'])}</button>" in en
    # In the order a leader chooses: their own wellbeing first, then the group, the organisation, the ladder.
    order = re.findall(r'data-tool="([a-z]+)"', da)
    assert order == ["leader", "group", "organisation", "maturity"] == list(tools.available())
    assert re.findall(r'data-tool="([a-z]+)"', en) == order
    # The widget counts the same steps: "Trin 1 af 26" for Værktøj 1 with all three themes.
    assert tools.step_counts("leader") == (23, 26)
    assert "{{" not in da + en and "{%" not in da + en


async def test_the_tools_come_in_the_order_a_leader_chooses(client):
    body = await (await client.get("/api/v1/tools")).json()
    assert [t["id"] for t in body["tools"]] == ["leader", "group", "organisation", "maturity"]
    # Whom each speaks to, for the answer field ("Jeres svar"): the group's meeting is prepared alone first.
    spoken = {t["id"]: (t["address"], t["prepared_alone"]) for t in body["tools"]}
    assert spoken == {
        "leader": ("singular", False),
        "group": ("plural", True),
        "organisation": ("plural", False),
        "maturity": ("plural", False),
    }


async def test_nothing_a_leader_wrote_is_kept_by_a_cache(client, engine):
    started = await client.post("/api/v1/conversations", json={"tool": "leader", "language": "da"})
    assert started.status == 201 and started.headers["Cache-Control"] == "no-store"
    cid = (await started.json())["id"]
    answered = await client.post(f"/api/v1/conversations/{cid}/messages", json={"text": "mine egne ord"})
    assert answered.status == 200 and answered.headers["Cache-Control"] == "no-store"
    replayed = [
        await client.post(f"/api/v1/conversations/{cid}/messages", json={"text": "igen"}, headers={"Idempotency-Key": "k" * 32})
        for _ in range(2)
    ]
    assert replayed[1].headers.get("Idempotent-Replayed") == "true"
    assert all(r.headers["Cache-Control"] == "no-store" for r in replayed)
    transcript = await client.get(f"/api/v1/conversations/{cid}")
    assert transcript.status == 200 and transcript.headers["Cache-Control"] == "no-store"
    assert "mine egne ord" in await transcript.text()

    document = json.loads((ROOT / "tests" / "fixtures" / "documents" / "group-agreement_short.json").read_text("utf-8"))
    engine.slots = {"documents": {"group-agreement": document}}
    for ext, kind in (("pdf", "application/pdf"), ("json", "application/json"), ("ics", "text/calendar")):
        response = await client.get(f"/api/v1/conversations/{cid}/documents/group-agreement.{ext}")
        assert response.status == 200 and response.content_type == kind, ext
        assert response.headers["Cache-Control"] == "no-store", ext
        assert "attachment" in response.headers["Content-Disposition"]
    missing = await client.get(f"/api/v1/conversations/{cid}/documents/leader-agreement.pdf")
    assert missing.status == 404 and missing.headers["Cache-Control"] == "no-store"

    rasa = await client.post("/webhooks/rest/webhook", json={"sender": "sender-1234", "message": "hej"})
    assert rasa.status == 200 and rasa.headers["Cache-Control"] == "no-store"
    # What is public stays cacheable.
    assert (await client.get("/api/v1/texts")).headers["Cache-Control"] == "public, max-age=300"
    deleted = await client.delete(f"/api/v1/conversations/{cid}")
    assert deleted.status == 204 and deleted.headers["Cache-Control"] == "no-store"


def test_the_widget_as_served(tmp_path):
    """widget.js raw, gzipped and brotli'd, as the gateway sends it (written for the closing note)."""
    made = site.build(Settings(var_dir=tmp_path))
    sizes = {name: (made / name).stat().st_size for name in ("widget.js", "widget.js.gz", "widget.js.br")}
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "widget-served-bytes.json").write_text(json.dumps(sizes))
    assert sizes["widget.js.br"] < sizes["widget.js.gz"] < sizes["widget.js"]
    assert Path(made / "widget.js").read_bytes() == (ROOT / "bot" / "static" / "widget.js").read_bytes()
