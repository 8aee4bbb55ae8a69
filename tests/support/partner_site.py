"""A partner's site on another origin, as a browser test needs one: fixed pages, with the headers
each page is sent with (a Content-Security-Policy, say)."""

from __future__ import annotations

import http.server
import threading
from typing import Dict, Tuple

Page = Tuple[str, str, Dict[str, str]]  # body, content type, more headers


def serve(port: int, pages: Dict[str, Page]) -> http.server.ThreadingHTTPServer:
    """Serves `pages` (path -> page) on 127.0.0.1:`port` until `.shutdown()`; 404 elsewhere."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            page = pages.get(self.path.split("?")[0])
            if page is None:
                self.send_error(404)
                return
            body, content_type, headers = page
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body.encode("utf-8"))

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
