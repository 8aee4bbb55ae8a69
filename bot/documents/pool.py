"""PDF rendering off the event loop, in a small process pool."""

from __future__ import annotations

import asyncio
import concurrent.futures
import concurrent.futures.process
import logging
import multiprocessing
import os
import signal
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

from renderer import render

log = logging.getLogger("trivsel.documents")


def _yield_the_cpu() -> None:
    """Chat turns get the CPU first: a PDF may wait a little, a reply should not. Nice alone is
    not enough on Linux, where the scheduler first shares the CPU between sessions (autogroups):
    a busy worker in the gateway's session took a whole session's share from the Rasa servers
    (chat p95 2x while 20 PDFs rendered). So each worker leads a session of its own, and that
    session is niced too."""
    os.nice(19)
    try:
        os.setsid()
        with open("/proc/self/autogroup", "w") as autogroup:
            autogroup.write("19")
    except OSError:  # no autogroups here (or not allowed): the plain nice holds
        pass


def _worker_start(gateway_pid: int) -> None:
    """In each PDF worker: it yields the CPU to chat turns, and ends with the gateway that
    started it, even a killed one."""
    _yield_the_cpu()
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        # The gateway was gone before that took effect. (Not "the parent is 1": in a container
        # the gateway itself is process 1.)
        if os.getppid() != gateway_pid:
            os._exit(0)


def _rss_mb() -> float:
    """This process's resident memory now; 0 where there is no /proc (never recycled by memory there)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _measured(function, *args):
    """Runs in a worker: the result, and which worker it was and how big it is now."""
    return function(*args), os.getpid(), _rss_mb()


# WeasyPrint's workers grow with every render (60 MB to 280 MB over 1,800 renders, measured):
# each worker is replaced by a fresh one after this many renders, or once it holds this much.
RENDERS_PER_WORKER = 200
WORKER_MB = 400


class DocumentRenderer:
    def __init__(
        self, workers: int = 2, renders_per_worker: Optional[int] = RENDERS_PER_WORKER, worker_mb: Optional[float] = WORKER_MB
    ):
        self.workers = workers
        self.renders_per_worker = renders_per_worker
        self.worker_mb = worker_mb
        self._pool: Optional[concurrent.futures.ProcessPoolExecutor] = None
        self.replaced = 0  # pools replaced after a worker died (metrics, tests)
        self.retired = 0  # pools retired because a worker had grown past worker_mb

    def start(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=_worker_start,
            initargs=(os.getpid(),),
            max_tasks_per_child=self.renders_per_worker,
        )

    @property
    def healthy(self) -> bool:
        """False while the pool is broken (a worker was killed) and not yet replaced."""
        return self._pool is not None and not getattr(self._pool, "_broken", False)

    def _replace(self, broken: concurrent.futures.ProcessPoolExecutor) -> None:
        if self._pool is broken:  # one replacement, however many renders saw it break
            broken.shutdown(wait=False, cancel_futures=True)
            self.replaced += 1
            self.start()

    def _retire(self, grown: concurrent.futures.ProcessPoolExecutor, pid: int, mb: float) -> None:
        """A worker has grown past worker_mb. A worker cannot leave a ProcessPoolExecutor on its own
        without breaking it, so the whole pool is retired: renders from now on go to a fresh pool,
        and the old one finishes what it was given (nothing fails) before its workers exit."""
        if self._pool is grown:
            log.info("PDF worker %d holds %.0f MB (limit %s MB): its pool is retired", pid, mb, self.worker_mb)
            self.retired += 1
            self.start()
            grown.shutdown(wait=False)

    async def _run(self, function, *args):
        """Runs in the pool; when a worker died (the OOM killer's SIGKILL), a fresh pool, and once more."""
        loop = asyncio.get_running_loop()
        for attempt in (1, 2):
            pool = self._pool
            if pool is None:  # not started yet, or stopped: no worker to ask
                raise RuntimeError("the PDF pool is not running")
            try:
                result, pid, mb = await loop.run_in_executor(pool, _measured, function, *args)
            except concurrent.futures.process.BrokenProcessPool:
                self._replace(pool)
                if attempt == 2:
                    raise
                continue
            if self.worker_mb and mb > self.worker_mb:
                self._retire(pool, pid, mb)
            return result

    def worker_pids(self) -> List[int]:
        """The process ids of the running pool's workers (none before start()): for the tests and bench/pdf_memory."""
        return list(self._pool._processes) if self._pool is not None else []

    def heal(self) -> None:
        """Replaces a broken pool now (readyz calls this after reporting it)."""
        if self._pool is not None and not self.healthy:
            self._replace(self._pool)

    async def warm_up(self) -> None:
        """Imports WeasyPrint in every worker so the first leader does not wait for it."""
        await asyncio.gather(*(self._run(render.warm_up) for _ in range(self.workers)))

    async def pdf(self, document: Dict[str, Any], variant: str = "") -> bytes:
        return await self._run(render.render_pdf, document, variant)

    def close(self) -> None:
        if self._pool:
            self._pool.shutdown(wait=False, cancel_futures=True)
