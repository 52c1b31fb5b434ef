"""A bounded load test on loopback: concurrent clients against ``faqbot serve`` for a fixed time.

Zero 5xx, zero dropped connections, every reply what its request deserves, and the server's memory
flat between the first and last third of the run. The figures (requests, rate, latency percentiles,
RSS) are printed; run with ``-s`` to see them. ``FAQBOT_LOAD_SECONDS`` and ``FAQBOT_LOAD_CLIENTS``
change the duration (default 9 s, kept short for CI) and the number of clients (default 16).
"""

from __future__ import annotations

import os
import platform
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

pytest.importorskip("uvicorn")

from servers import Server, start_server, stop

DURATION = float(os.environ.get("FAQBOT_LOAD_SECONDS", "9"))
CLIENTS = int(os.environ.get("FAQBOT_LOAD_CLIENTS", "16"))

#: (method, path, JSON body or raw bytes, expected status, expected kind)
MIX: list[tuple[str, str, object, int, str | None]] = [
    ("POST", "/api/ask", {"question": "What is LDN?"}, 200, "answer"),
    ("POST", "/api/ask", {"question": "what are the side effects of low dose naltrexone"}, 200, "answer"),
    ("POST", "/api/ask", {"question": "how does ldn work for chronic pain"}, 200, None),
    ("POST", "/api/ask", {"question": "how many mg of ldn should I take"}, 200, "referral"),
    ("POST", "/api/ask", {"question": "can I take LDN with my other meds?"}, 200, "referral"),
    ("POST", "/api/ask", {"question": "I took too many pills, overdose"}, 200, "emergency"),
    ("POST", "/api/ask", {"question": "hello"}, 200, "smalltalk"),
    ("POST", "/api/ask", {"question": "what is the capital of France"}, 200, None),
    ("POST", "/api/ask", {"question": "ldn 💊 " * 100}, 200, None),
    ("POST", "/api/ask", {"question": "x" * 5000}, 413, None),
    ("POST", "/api/ask", b"{not json", 400, None),
    ("GET", "/api/topics", None, 200, None),
    ("GET", "/healthz", None, 200, None),
    ("GET", "/widget.js", None, 200, None),
]


def rss_kib(pid: int) -> int:
    """Resident set size of a process in KiB, from /proc (psutil is not a dependency)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")  # pragma: no cover


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    wrong: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def client_loop(server: Server, offset: int, deadline: float, tally: Tally) -> None:
    latencies: list[float] = []
    i = offset
    with httpx.Client(base_url=server.url, timeout=10) as http:
        while time.monotonic() < deadline:
            method, path, body, status, kind = MIX[i % len(MIX)]
            i += 1
            started = time.perf_counter()
            try:
                if isinstance(body, bytes):
                    response = http.request(method, path, content=body, headers={"content-type": "application/json"})
                else:
                    response = http.request(method, path, json=body)
            except httpx.TransportError as err:
                with tally.lock:
                    tally.dropped.append(f"{method} {path}: {type(err).__name__}: {err}")
                continue
            latencies.append(time.perf_counter() - started)
            problem = None
            if response.status_code != status:
                problem = f"{method} {path} {body!r:.60}: {response.status_code}, expected {status}"
            elif kind is not None and response.json()["kind"] != kind:
                problem = f"{body!r:.60}: {response.json()['kind']}, expected {kind}"
            with tally.lock:
                tally.statuses[response.status_code] = tally.statuses.get(response.status_code, 0) + 1
                if problem:
                    tally.wrong.append(problem)
    with tally.lock:
        tally.latencies.extend(latencies)


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:  # pragma: no cover
        pass
    return f"{model}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads RSS from /proc")
def test_bounded_load(tmp_path: Path) -> None:
    server = start_server(tmp_path / "server.log")
    pid = server.process.pid
    tally = Tally()
    samples: list[tuple[float, int]] = []
    try:
        # the bot is built on the first question, not at start-up (/healthz answers before): build it before sampling,
        # so that "flat memory" compares a loaded server with itself, not with one still building (a slow machine took
        # 3.6 s, more than the first third of the run)
        assert httpx.post(server.url + "/api/ask", json={"question": "What is LDN?"}, timeout=120).status_code == 200
        start = time.monotonic()
        deadline = start + DURATION
        clients = [threading.Thread(target=client_loop, args=(server, n, deadline, tally)) for n in range(CLIENTS)]
        for thread in clients:
            thread.start()
        while time.monotonic() < deadline:  # sample the server's memory while the clients run
            samples.append((time.monotonic() - start, rss_kib(pid)))
            time.sleep(0.1)
        for thread in clients:
            thread.join(timeout=30)
        elapsed = time.monotonic() - start
        assert not any(thread.is_alive() for thread in clients)
        assert server.process.poll() is None, "the server died"
        assert httpx.get(server.url + "/healthz", timeout=10).status_code == 200
    finally:
        stop(server)

    first = [kib for t, kib in samples if t < DURATION / 3]
    last = [kib for t, kib in samples if t >= DURATION * 2 / 3]
    first_mib, last_mib = statistics.mean(first) / 1024, statistics.mean(last) / 1024
    peak_mib = max(kib for _, kib in samples) / 1024
    total = len(tally.latencies)
    latencies = sorted(tally.latencies)
    p50 = latencies[len(latencies) // 2] * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    print(
        f"\nload test: {CLIENTS} clients for {elapsed:.1f} s on {machine()}\n"
        f"  {total} requests, {total / elapsed:.0f} req/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
        f"statuses {dict(sorted(tally.statuses.items()))}\n"
        f"  server RSS: first third {first_mib:.1f} MiB, last third {last_mib:.1f} MiB, peak {peak_mib:.1f} MiB"
    )
    assert not tally.dropped, tally.dropped[:5]
    assert not [s for s in tally.statuses if s >= 500], tally.statuses
    assert not tally.wrong, tally.wrong[:5]
    assert total >= CLIENTS * 10, "the clients hardly ran"
    assert first and last
    assert last_mib <= first_mib * 1.5 + 20, f"memory grew: {first_mib:.1f} -> {last_mib:.1f} MiB"
    assert "Traceback" not in server.output()
