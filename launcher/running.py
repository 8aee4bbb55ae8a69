"""The whole stack on free ports: action server, Rasa and a gateway process.

Used by the end-to-end and browser tests and by the benchmark.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

import asyncpg

from launcher.stack import answers

ROOT = Path(__file__).resolve().parent.parent


def _wait_http(url: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if answers(url):
            return
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


class RunningStack:
    def __init__(
        self,
        tmp: Path,
        engines: int = 1,
        tracker_db: str = "",
        redis_url: str = "",
        gateway_db: str = "",
        engine_log: str = "debug",
    ):
        sys.path.insert(0, str(ROOT))
        from bot.settings import Settings
        from launcher.ports import free_port
        from launcher.stack import Stack

        self.settings = Settings(
            var_dir=tmp,
            rasa_token="test-token-" + os.urandom(8).hex(),
            tracker_db=tracker_db,
            redis_url=redis_url,
            gateway_store=gateway_db,
        )
        # Debug logging in tests: the privacy test proves even that holds no leader's words.
        self.engine = Stack(
            self.settings,
            rasa_ports=[free_port() for _ in range(engines)],
            action_ports=[free_port() for _ in range(engines)],
            engine_log=engine_log,
        )
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.gateway: Optional[subprocess.Popen[bytes]] = None
        # A partner site on another origin that may embed the widget (tests serve a page there).
        self.partner_port = free_port()
        self.partner_origin = f"http://localhost:{self.partner_port}"
        self.partners_file = tmp / "partners.yml"
        self.partners_file.write_text(
            "partners:\n"
            "  - id: test-partner\n"
            f'    origins: ["{self.partner_origin}"]\n'
            '    colours: {accent: "#7a2350", accent_text: "#ffffff"}\n'
            "    language: da\n"
            "    tools: [leader, maturity]\n"
            '    intro: {da: "Et tilbud til medlemmer af Testforeningen.", en: "For members of the Test Association."}\n',
            encoding="utf-8",
        )

    def env(self):
        env = dict(os.environ)
        env.update(
            {
                "TRIVSEL_PORT": str(self.port),
                "TRIVSEL_VAR_DIR": str(self.settings.var_dir),
                "TRIVSEL_RASA_URLS": ",".join(self.settings.rasa_urls),
                "TRIVSEL_ACTION_URLS": ",".join(self.settings.action_urls),
                "TRIVSEL_RASA_TOKEN": self.settings.rasa_token,
                "TRIVSEL_MESSAGES_PER_MINUTE": "100000",
                "TRIVSEL_CONVERSATIONS_PER_MINUTE": "100000",
                # the bench's 200 leaders start at once from one address (the burst is 80 otherwise)
                "TRIVSEL_CONVERSATIONS_BURST": "100000",
                # the fuzzer opens rooms, guesses codes and fetches documents far faster than anyone would
                "TRIVSEL_ROOMS_PER_MINUTE": "100000",
                "TRIVSEL_OPEN_ROOMS_PER_ADDRESS": "100000",
                "TRIVSEL_CODE_MISSES_PER_MINUTE": "100000",
                "TRIVSEL_DOWNLOADS_PER_MINUTE": "100000",
                "TRIVSEL_PARTNERS_FILE": str(self.partners_file),
                "TRIVSEL_TRACKER_DB": self.settings.tracker_db,
                "TRIVSEL_GATEWAY_DB": self.settings.gateway_store,
                "TRIVSEL_REDIS_URL": self.settings.redis_url,
            }
        )
        return env

    def start_gateway(self, timeout_s: float = 60):
        with open(self.settings.var_dir / "log" / "gateway.log", "ab") as log:  # the child keeps its own handle
            self.gateway = subprocess.Popen(
                [sys.executable, "-m", "bot.gateway"], cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT
            )
        _wait_http(self.base + "/healthz", timeout_s)

    def start(self, timeout_s: float = 60):
        """`timeout_s` for the gateway to listen (it warms its PDF workers up first, at low priority)."""
        self.engine.start()
        self.start_gateway(timeout_s)
        _wait_http(self.base + "/readyz", max(120, timeout_s))

    def stop(self):
        if self.gateway:
            self.gateway.terminate()
            try:
                self.gateway.wait(15)
            except subprocess.TimeoutExpired:  # its low-priority PDF workers may be slow to go on a busy machine
                self.gateway.kill()
                self.gateway.wait()
        self.engine.stop()


PG = os.environ.get("TRIVSEL_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432")


REDIS = os.environ.get("TRIVSEL_TEST_REDIS", "redis://127.0.0.1:6379/3")


def sql(database_url: str, query: str, *args):
    async def run():
        connection = await asyncpg.connect(database_url)
        try:
            return await connection.fetch(query, *args)
        finally:
            await connection.close()

    return asyncio.run(run())
