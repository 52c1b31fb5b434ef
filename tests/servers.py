"""A real `faqbot serve` for tests: a uvicorn subprocess on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

LOOPBACK = "127.0.0.1"


def child_env() -> dict[str, str]:
    """The environment for a faqbot subprocess: unbuffered, no colour."""
    return {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    port: int
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_server(log: Path, *args: str) -> Server:
    """Start ``python -m faqbot serve`` on a free loopback port; wait until /healthz answers."""
    env = child_env()
    for _attempt in range(3):  # the free port may be taken between finding it and binding it
        port = free_port()
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "faqbot", "serve", "--host", LOOPBACK, "--port", str(port), *args],
                stdout=out, stderr=subprocess.STDOUT, env=env,
            )
        server = Server(process, f"http://{LOOPBACK}:{port}", port, log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if httpx.get(server.url + "/healthz", timeout=1).status_code == 200:
                    return server
            except httpx.TransportError:
                time.sleep(0.05)
        stop(server)
        if "address already in use" not in server.output().lower():
            break
    raise AssertionError(f"faqbot serve did not start:\n{server.output()}")


def stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:  # pragma: no cover - only if shutdown hangs
            server.process.kill()
            server.process.wait()
