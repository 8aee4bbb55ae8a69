"""Agreement JSON -> HTML (Jinja2, autoescaped) -> tagged PDF (WeasyPrint)."""
