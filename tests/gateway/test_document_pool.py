"""The PDF workers yield the CPU to chat turns and end with their gateway."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bot.documents.pool import DocumentRenderer

ROOT = Path(__file__).resolve().parents[2]


async def test_pdf_workers_run_at_a_lower_priority():
    renderer = DocumentRenderer(workers=2)
    renderer.start()
    try:
        await renderer.warm_up()
        pids = renderer.worker_pids()
        assert len(pids) == 2
        for pid in pids:
            assert os.getpriority(os.PRIO_PROCESS, pid) == min(os.getpriority(os.PRIO_PROCESS, 0) + 19, 19)
            # Linux shares the CPU between sessions first: a worker leads its own, niced too, so a
            # busy worker cannot take a whole session's share from the Rasa servers.
            assert os.getsid(pid) == pid != os.getsid(0)
            autogroup = Path(f"/proc/{pid}/autogroup")
            if autogroup.exists():  # kernels built with autogroups (Debian's are)
                assert autogroup.read_text().split()[-1] == "19", autogroup.read_text()
    finally:
        renderer.close()


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_pdf_workers_end_when_their_gateway_is_killed():
    script = (
        "import asyncio\nfrom bot.documents.pool import DocumentRenderer\nr = DocumentRenderer(2)\nr.start()\n"
        "asyncio.run(r.warm_up())\nprint(*r.worker_pids(), flush=True)\nimport time\ntime.sleep(60)\n"
    )
    gateway = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert gateway.stdout is not None  # stdout=PIPE
    workers = [int(pid) for pid in gateway.stdout.readline().split()]
    assert len(workers) == 2 and all(alive(pid) for pid in workers)
    gateway.send_signal(signal.SIGKILL)
    gateway.wait()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers)


async def test_a_killed_worker_does_not_break_the_next_download():
    import json

    document = json.loads((ROOT / "tests" / "fixtures" / "leader_da.json").read_text(encoding="utf-8"))
    renderer = DocumentRenderer(workers=1)
    renderer.start()
    try:
        await renderer.warm_up()
        (pid,) = renderer.worker_pids()
        os.kill(pid, signal.SIGKILL)  # what the OOM killer does
        deadline = time.monotonic() + 10
        while renderer.healthy and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not renderer.healthy  # what /readyz reports until the pool is replaced
        pdf = await renderer.pdf(document)
        assert pdf.startswith(b"%PDF") and renderer.replaced == 1 and renderer.healthy
    finally:
        renderer.close()


async def test_workers_are_replaced_after_a_number_of_renders():
    renderer = DocumentRenderer(workers=1, renders_per_worker=2)
    renderer.start()
    try:
        await renderer.warm_up()
        first = set(renderer.worker_pids())
        await renderer.warm_up()
        await renderer.warm_up()
        assert set(renderer.worker_pids()) - first, "a fresh worker after two renders"
    finally:
        renderer.close()


async def test_a_worker_grown_past_its_memory_limit_is_replaced_without_failing_a_render(caplog):
    import json
    import logging

    document = json.loads((ROOT / "tests" / "fixtures" / "leader_da.json").read_text(encoding="utf-8"))
    renderer = DocumentRenderer(workers=2, renders_per_worker=None, worker_mb=1)  # every worker is over 1 MB
    renderer.start()
    caplog.set_level(logging.INFO, logger="trivsel.documents")
    try:
        one_by_one = [await renderer.pdf(document) for _ in range(3)]
        at_once = await asyncio.gather(*(renderer.pdf(document) for _ in range(4)))  # some run in a pool being retired
        assert all(pdf.startswith(b"%PDF") for pdf in one_by_one + at_once)
        retired_pids = [record.args[0] for record in caplog.records if "retired" in record.getMessage()]
        assert len(retired_pids) >= 4 and len(set(retired_pids)) == len(retired_pids), "a fresh worker each time"
        assert renderer.healthy and renderer.replaced == 0
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in retired_pids) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        assert not any(alive(pid) for pid in retired_pids), "the grown workers exit, giving their memory back"
    finally:
        renderer.close()
