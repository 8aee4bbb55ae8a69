"""Renders an agreement (renderer/agreement.schema.json) to HTML and to PDF.

The renderer knows nothing about tools: every text arrives in the agreement.
Everything a leader typed is escaped by Jinja2, and the URL fetcher only
serves this folder's own stylesheet, so no text can make WeasyPrint fetch
anything from the network.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict

import jinja2
import jsonschema

HERE = Path(__file__).resolve().parent
SCHEMA = json.loads((HERE / "agreement.schema.json").read_text(encoding="utf-8"))


class InvalidAgreement(ValueError):
    """The agreement does not match the schema."""


def validate(agreement: Dict[str, Any]) -> None:
    try:
        jsonschema.validate(agreement, SCHEMA)
    except jsonschema.ValidationError as error:
        # The message names the place, never the content, which may be private.
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise InvalidAgreement(f"agreement does not match schema at {where}") from None


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
    )


VARIANTS = {"poster": ("", "a4"), "cards": ("", "a4")}


def render_html(document: Dict[str, Any], variant: str = "") -> str:
    """`variant` "a4": the poster on A4, or two action cards to an A4 sheet."""
    validate(document)
    if variant and variant not in VARIANTS.get(document["layout"], ("",)):
        variant = ""  # layouts without that variant print as they are
    template = _environment().get_template(f"{document['layout']}.html.j2")
    return template.render(doc=document, variant=variant)


def _local_fetcher():
    """WeasyPrint URL fetcher: our own files under renderer/, nothing else."""
    from weasyprint.urls import URLFetcher

    class LocalOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file://"):
                path = Path(url[len("file://") :]).resolve()
                if path.is_relative_to(HERE) and path.is_file():
                    return super().fetch(url, headers)
            raise ValueError("external resources are not fetched")

    return LocalOnly(allowed_protocols={"file"}, timeout=2)


def render_pdf(document: Dict[str, Any], variant: str = "") -> bytes:
    from weasyprint import HTML  # heavy import, kept out of the gateway's start-up

    html = render_html(document, variant)
    page = HTML(string=html, base_url=str(HERE) + "/", url_fetcher=_local_fetcher())
    return page.write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1", uncompressed_pdf=False)


def warm_up() -> None:
    import weasyprint  # noqa: F401
