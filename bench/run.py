"""`make bench`: starts the real stack, measures, prints a table, writes bench/results.md.

Figures are for this machine; ratios against a baseline measured in the same run
(Rasa's REST channel called directly) say more than the absolute times.
"""
from __future__ import annotations

import json
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.client import Api, button
from tests.stack import RunningStack

HERE = Path(__file__).resolve().parent
ANSWERS = ["Søndagene er fri", "Telefonen om aftenen", "Lydløs efter kl. 19"]


def conversation(api: Api, timings: list) -> str:
    """One whole Værktøj 1 conversation; appends each message's round trip in ms."""
    def timed(call, *args):
        t = time.perf_counter()
        reply = call(*args)
        timings.append((time.perf_counter() - t) * 1000)
        return reply

    cid = timed(api.start, "leader", "da")["id"]
    timed(api.tap, cid, '/choose{"value": "yes"}')
    timed(api.tap, cid, '/choose{"value": "recovery"}')
    for a in ANSWERS:
        timed(api.say, cid, a)
    timed(api.tap, cid, '/choose{"value": "support"}')
    for a in ANSWERS:
        r = timed(api.say, cid, a)
    timed(api.tap, cid, "/skip")
    for a in ["Gå tur", "Mere sparring", "Færre mails", "Frokost", "Mandag", "Bedre søvn", "Min kone",
              "Min leder", "At jeg er presset", "En ekstra hånd", "Torsdag"]:
        r = timed(api.say, cid, a)
    timed(api.tap, cid, button(r, "lav dokumentet"))
    return cid


# Scripted conversations for the other tools: typed answers, or payloads starting with "/".
SCRIPTS = {
    "group": ["Ledergruppen", "5", "Tirsdag", "Et travlt år", '/choose{"value": "trust"}', '/choose{"value": "workload"}', "/skip",
              '/choose{"value": "__continue__"}', *["Mødesvar"] * 6, *["Aftalesvar"] * 8, "15. marts 2027"],
    "organisation": ["Hansen", "Mette", "Direktøren", "Januar", '/choose{"value": "support"}', "Folk bliver",
                     '/choose{"value": "recovery"}', "Færre fejl", "Ledermøde", "Februar", *["Svar"] * 14,
                     '/choose{"value": "__draft__"}', "To linjer", "1. juni 2027"],
    "maturity": ['/choose{"value": "2"}', '/choose{"value": "3"}', '/choose{"value": "2"}', '/choose{"value": "3"}',
                 '/choose{"value": "2"}', '/choose{"value": "3"}'],
}


def finished_documents(api: Api, tool: str) -> dict:
    """Runs a tool's script to the end; returns every document offered along the way."""
    cid = api.start(tool, "da")["id"]
    offered = {}
    for step in [*SCRIPTS[tool], '/choose{"value": "confirm"}']:
        reply = api.tap(cid, step) if step.startswith("/") else api.say(cid, step)
        offered.update({m["document"]["kind"]: m["document"] for m in reply["messages"] if "document" in m})
    return offered


def rasa_direct(base: str, timings: list) -> None:
    """The same first turns sent straight to Rasa's REST channel (the gateway's baseline)."""
    sender = f"bench-{time.time_ns()}"
    for message in ['/start{"tool": "leader", "language": "da"}', '/choose{"value": "yes"}', '/choose{"value": "recovery"}', *ANSWERS]:
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(f"{base}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"})
        t = time.perf_counter()
        urllib.request.urlopen(request).read()
        timings.append((time.perf_counter() - t) * 1000)


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    pids = [pid]
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split() if Path(f"/proc/{pid}/task/{pid}/children").exists() else []:
        pids.append(int(child))
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        stack = RunningStack(Path(tmp))
        t = time.perf_counter()
        stack.start()
        ready_s = time.perf_counter() - t
        api = Api(stack.base)
        try:
            gateway, direct = [], []
            conversation(api, [])  # warm-up
            cid = None
            for _ in range(5):
                cid = conversation(api, gateway)
                rasa_direct(stack.settings.rasa_urls[0], direct)
            pdf = []
            for _ in range(20):
                t = time.perf_counter()
                status, _, _ = api.call("GET", f"/api/v1/conversations/{cid}/documents/leader-agreement.pdf")
                assert status == 200
                pdf.append((time.perf_counter() - t) * 1000)
            renders = {}
            offered = {"leader-agreement": {"url": f"/api/v1/conversations/{cid}/documents/leader-agreement.pdf"}}
            for tool in SCRIPTS:
                offered.update(finished_documents(api, tool))
            for kind, document in offered.items():
                urls = {kind: document["url"]}
                if document.get("a4_url"):
                    urls[f"{kind} (A4)"] = document["a4_url"]
                for name, url in urls.items():
                    times = []
                    for _ in range(5):
                        t = time.perf_counter()
                        status, _, _ = api.call("GET", url)
                        assert status == 200, name
                        times.append((time.perf_counter() - t) * 1000)
                    renders[name] = statistics.median(times)
            memory = {name: rss_mb(p.pid) for name, p in stack.engine.processes.items()}
            memory["gateway"] = rss_mb(stack.gateway.pid)
        finally:
            stack.stop()
    rows = [
        ("start-up until ready (action server + Rasa + gateway)", f"{ready_s:.1f} s", ""),
        ("message round trip through the gateway, p50", f"{statistics.median(gateway):.1f} ms", f"n={len(gateway)}"),
        ("message round trip through the gateway, p95", f"{pct(gateway, 95):.1f} ms", ""),
        ("same turns to Rasa's REST channel directly, p50", f"{statistics.median(direct):.1f} ms", f"n={len(direct)}"),
        ("gateway / direct (p50)", f"{statistics.median(gateway) / statistics.median(direct):.2f}x", "baseline: Rasa direct"),
        ("PDF download (render included), p50", f"{statistics.median(pdf):.1f} ms", f"n={len(pdf)}"),
        *[(f"PDF download: {name}, p50", f"{ms:.0f} ms", "n=5") for name, ms in renders.items()],
        *[(f"resident memory: {name}", f"{mb:.0f} MB", "after the runs") for name, mb in memory.items()],
    ]
    table = ["| measure | value | note |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in rows]
    text = "\n".join(table)
    print(text)
    (HERE / "results.md").write_text("# Benchmark results\n\nSingle leader, whole Værktøj 1 conversations, this machine.\n\n" + text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
