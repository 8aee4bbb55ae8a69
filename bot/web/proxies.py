"""Behind a TLS reverse proxy: the client's address, scheme and host come from the
X-Forwarded-* headers, but only on requests from a trusted proxy
(`TRIVSEL_TRUSTED_PROXIES`, loopback by default, as uvicorn and gunicorn do), so a
client elsewhere cannot claim another address or host. Everything keyed by address
(rate limits, /usage) or built from scheme and host (the same-origin check, join
links) then sees the leader's, not nginx's. aiohttp-remotes reads the headers.
"""

from __future__ import annotations

import ipaddress
from typing import Iterable, Optional

from aiohttp import web
from aiohttp_remotes import XForwardedFiltered

# Set on requests that came from a trusted proxy or from the machine itself: their
# Host may be used to build links.
TRUSTED = web.RequestKey("trusted_route", bool)


class TrustedProxies:
    def __init__(self, networks: Iterable[str]):
        self.networks = [ipaddress.ip_network(n.strip(), strict=False) for n in networks if n.strip()]
        self._forwarded = XForwardedFiltered({str(n) for n in self.networks}) if self.networks else None

    def trusts(self, address: Optional[str]) -> bool:
        try:
            ip = ipaddress.ip_address(address or "")
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    @web.middleware
    async def middleware(self, request: web.Request, handler):
        if self._forwarded is None or not self.trusts(request.remote):
            return await handler(request)

        async def marked(forwarded: web.Request):
            forwarded[TRUSTED] = True
            return await handler(forwarded)

        return await self._forwarded.middleware(request, marked)
