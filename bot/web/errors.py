"""API errors: `{"error": {"code": ..., "message": ...}}` with a fitting status.

Messages are ours and fixed: they never echo what a leader wrote.
"""

from __future__ import annotations

import json
from typing import Optional

from aiohttp import web


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, retry_after: Optional[int] = None):
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.retry_after = retry_after

    def response(self) -> web.Response:
        headers = {"Retry-After": str(self.retry_after)} if self.retry_after else None
        return error_response(self.status, self.code, self.message, headers)


def error_response(status: int, code: str, message: str, headers=None) -> web.Response:
    body = json.dumps({"error": {"code": code, "message": message}})
    return web.Response(status=status, text=body, content_type="application/json", headers=headers)


def not_found() -> ApiError:
    return ApiError(404, "not_found", "There is no conversation with that id. It may have been deleted or expired.")


def engine_unavailable() -> ApiError:
    return ApiError(
        503,
        "engine_unavailable",
        "The conversation engine is not answering right now. Nothing was lost: send the same message again in a moment.",
        retry_after=5,
    )
