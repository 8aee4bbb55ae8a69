"""PDF rendering off the event loop, in a small process pool."""
from __future__ import annotations

import asyncio
import concurrent.futures
import multiprocessing
import os
import signal
import sys
from typing import Any, Dict, Optional

from renderer import render


def _worker_start() -> None:
    """In each PDF worker: chat turns get the CPU first (a PDF may wait a little, a reply
    should not), and the worker ends with the gateway that started it, even a killed one."""
    os.nice(10)
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the gateway was gone before that took effect
            os._exit(0)


class DocumentRenderer:
    def __init__(self, workers: int = 2):
        self.workers = workers
        self._pool: Optional[concurrent.futures.ProcessPoolExecutor] = None

    def start(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._pool = concurrent.futures.ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                                           initializer=_worker_start)

    async def warm_up(self) -> None:
        """Imports WeasyPrint in every worker so the first leader does not wait for it."""
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(self._pool, render.warm_up) for _ in range(self.workers)))

    async def pdf(self, document: Dict[str, Any], variant: str = "") -> bytes:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, render.render_pdf, document, variant)

    def close(self) -> None:
        if self._pool:
            self._pool.shutdown(wait=False, cancel_futures=True)
