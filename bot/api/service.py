"""The service's own routes: health, readiness, the widget's texts, a partner's look, the API description and the tools offered."""

from __future__ import annotations

from aiohttp import web

from bot import keys
from bot.conversations import tools

routes = web.RouteTableDef()


@routes.get("/healthz")
async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


@routes.get("/readyz")
async def readyz(request: web.Request) -> web.Response:
    checks = await request.app[keys.ENGINE].ready()
    documents = request.app[keys.DOCUMENTS]
    checks["pdf"] = documents.healthy
    checks["database"] = await request.app[keys.STORE].can_write()  # a full disk or a lock fails only writes
    documents.heal()  # reported once, replaced at once: the next check and the next download find it working
    ready = all(checks.values())
    return web.json_response({"ready": ready, "checks": checks}, status=200 if ready else 503)


@routes.get("/api/v1/texts")
async def widget_texts(request: web.Request) -> web.Response:
    # How long a kept conversation lasts is said in the gateway's own setting.
    days = str(request.app[keys.SETTINGS].retention_days)
    texts = {lang: {k: v.replace("{days}", days) for k, v in labels.items()} for lang, labels in tools.widget_texts().items()}
    return web.json_response(texts, headers={"Cache-Control": "public, max-age=300"})


@routes.get("/api/v1/partners/{partner}")
async def partner_config(request: web.Request) -> web.Response:
    """A partner's look and tools for the widget; an unknown id gets the neutral default."""
    return web.json_response(
        request.app[keys.PARTNERS].get(request.match_info["partner"]).public(), headers={"Cache-Control": "public, max-age=300"}
    )


@routes.get("/api/v1/openapi.json")
async def openapi(request: web.Request) -> web.Response:
    return web.json_response(tools.openapi(), headers={"Cache-Control": "public, max-age=300"})


@routes.get("/api/v1/tools")
async def list_tools(request: web.Request) -> web.Response:
    listed = tools.available().items()
    return web.json_response({"tools": [{"id": k, "title": v, **tools.addressed(k)} for k, v in listed]})
