"""Numbers written as each language writes them: Danish with a decimal comma ("2,67"), English with a point."""

from __future__ import annotations


def decimal(value: float, language: str) -> str:
    """A score to at most two decimals, without trailing zeros ("3", "2,5", "2,67" in Danish)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if language == "da" else text
