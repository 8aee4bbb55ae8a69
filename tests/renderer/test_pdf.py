"""The PDF: every answer in it, Danish letters and emoji intact, markup inert, tagged."""

from __future__ import annotations

import copy
import http.server
import json
import re
import threading
from pathlib import Path

import pytest

from renderer.render import InvalidAgreement, render_html, render_pdf
from tests.support.client import pdf_text

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "leader_da.json"


@pytest.fixture
def agreement():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def answers(doc):
    for section in doc["sections"]:
        for block in section["blocks"]:
            for item in block["items"]:
                yield item["answer"]


def flat(text):
    """The text without spaces, line breaks, hyphens added at line ends and page numbers ("1/2",
    which pdftotext reads inside a word that runs over the page)."""
    text = re.sub(r"(?m)^\d+ ?/ ?\d+$", "", text)
    return "".join(text.replace("\u2010\n", "").replace("-\n", "").split())


def test_every_answer_and_heading_is_in_the_pdf(agreement):
    text = pdf_text(render_pdf(agreement))
    for expected in [agreement["title"], agreement["date"], *answers(agreement), *agreement["notes"]]:
        assert flat(expected) in flat(text), expected
    for section in agreement["sections"]:
        assert section["heading"] in text


def test_danish_letters_and_emoji_survive(agreement):
    text = pdf_text(render_pdf(agreement))
    assert "Søndagene er fredede 🌿" in text
    assert "Åse" in text and "bestyrelsesmødet" in text


def test_markup_and_urls_in_answers_are_shown_as_text_and_never_fetched(agreement):
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    try:
        hostile = [
            f'<img src="{url}/img.png">',
            f"<script>fetch('{url}/js')</script>",
            f'<style>@import url("{url}/css");</style>',
            f'<link rel="stylesheet" href="{url}/link">',
            f"{url}/plain-url",
        ]
        doc = copy.deepcopy(agreement)
        doc["sections"][0]["blocks"][0]["items"] = [{"label": "Svar", "answer": h} for h in hostile]
        doc["notes"] = [f'<iframe src="{url}/frame"></iframe>']
        html = render_html(doc)
        assert "<script>" not in html and "<img " not in html and "<iframe" not in html
        text = pdf_text(render_pdf(doc))
        assert "<script>fetch(" in text and "<img src=" in text
        assert hits == []
    finally:
        server.shutdown()


def test_one_very_long_word_wraps_inside_the_page(agreement):
    doc = copy.deepcopy(agreement)
    word = "trivsel" * 285 + "x"  # 1,996 characters without a space
    doc["sections"][1]["blocks"][0]["items"][0]["answer"] = word
    data = render_pdf(doc)
    text = pdf_text(data)
    before = flat(pdf_text(render_pdf(agreement))).count("trivsel")
    # Every piece of the word is there (it may run across a page break), the first with its capital.
    assert flat(text).count("trivsel") + flat(text).count("Trivsel") == before + 285
    assert "trivselx" in flat(text)
    import io

    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(data)).pages) <= 4


def test_pdf_is_tagged_with_language_and_title(agreement):
    import io

    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

    reader = PdfReader(io.BytesIO(render_pdf(agreement)))
    root = reader.root_object
    mark_info = root["/MarkInfo"]
    assert "/StructTreeRoot" in root and isinstance(mark_info, DictionaryObject) and mark_info["/Marked"]
    assert reader.metadata is not None and reader.metadata.title == agreement["title"]
    assert root.get("/Lang") == "da"


def test_not_an_agreement_is_refused_without_echoing_content(agreement):
    doc = copy.deepcopy(agreement)
    doc["sections"][0]["blocks"][0]["items"][0]["answer"] = {"secret": "mine"}
    with pytest.raises(InvalidAgreement) as error:
        render_pdf(doc)
    assert "mine" not in str(error.value)
    with pytest.raises(InvalidAgreement):
        render_pdf({**agreement, "version": 99})


def test_mixed_scripts_survive(agreement):
    mixed = "Ελληνικά Кириллица العربية עברית 中文 日本語 한국어 👍🏽 ✅"
    doc = copy.deepcopy(agreement)
    doc["notes"] = [mixed]
    text = pdf_text(render_pdf(doc))
    for word in ["Ελληνικά", "Кириллица", "中文", "日本語", "한국어", "👍", "✅"]:
        assert word in text, word
