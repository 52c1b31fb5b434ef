"""``faqbot serve``'s banner and start-up errors, on a real server (issue #13, item 11)."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

pytest.importorskip("uvicorn")

from servers import child_env

BANNER = re.compile(r"faqbot: demo page at (http://\S+/) , API at /api/ask")
#: guards against a hung child, not timing assertions
GIVE_UP_SECONDS = 60


@contextmanager
def serving(*args: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Start ``python -m faqbot serve ARGS``; yield the banner line once it is printed, and the process."""
    process = subprocess.Popen([sys.executable, "-m", "faqbot", "serve", *args], stderr=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, text=True, env={**child_env(), "FAQBOT_NO_CACHE": "1"})
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        yield line, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=GIVE_UP_SECONDS)
        except subprocess.TimeoutExpired:  # pragma: no cover - only if shutdown hangs
            process.kill()
            process.wait()


def wait_until_up(url: str) -> httpx.Response:
    """GET url + healthz, retrying while the server starts (up to the give-up guard)."""
    with httpx.Client(timeout=5) as client:
        for _attempt in range(GIVE_UP_SECONDS * 10):
            try:
                return client.get(url + "healthz")
            except httpx.TransportError:
                time.sleep(0.1)
    raise AssertionError(f"{url} never answered")


def test_port_0_announces_the_port_really_bound():
    with serving("--host", "127.0.0.1", "--port", "0") as (line, _process):
        match = BANNER.search(line)
        assert match, line
        url = match.group(1)
        port = int(url.rsplit(":", 1)[1].rstrip("/"))
        assert port != 0
        assert url == f"http://127.0.0.1:{port}/"
        assert wait_until_up(url).status_code == 200


@pytest.mark.parametrize(("host", "browsable"), [("0.0.0.0", "127.0.0.1"), ("::", "[::1]")])
def test_every_interface_offers_a_url_a_browser_can_open(host, browsable):
    if host == "::" and not socket.has_ipv6:
        pytest.skip("no IPv6 here")
    with serving("--host", host, "--port", "0") as (line, process):
        if process.poll() is not None and "Address family" in line:
            pytest.skip("IPv6 disabled on this machine")
        match = BANNER.search(line)
        assert match, line
        url = match.group(1)
        assert url.startswith(f"http://{browsable}:")
        assert "0.0.0.0" not in line and "http://[::]" not in line
        assert f"http://{socket.gethostname()}:" in line
        assert wait_until_up(url).status_code == 200


def test_two_workers_announce_the_bound_port_and_serve():
    with serving("--host", "127.0.0.1", "--port", "0", "--workers", "2") as (line, _process):
        match = BANNER.search(line)
        assert match, line
        url = match.group(1)
        assert wait_until_up(url).status_code == 200
        reply = httpx.post(url + "api/ask", json={"question": "what is ldn"}, timeout=10)
        assert reply.json()["id"] == "what-is-ldn"


def test_a_busy_port_is_one_line_exit_2_and_no_url():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "faqbot", "serve", "--host", "127.0.0.1", "--port", str(port)],
                                capture_output=True, text=True, env=child_env(), timeout=GIVE_UP_SECONDS)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"127.0.0.1:{port}" in lines[0]
    assert "address already in use" in lines[0]
    assert "http://" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_an_unknown_host_is_one_line_exit_2():
    result = subprocess.run([sys.executable, "-m", "faqbot", "serve", "--host", "no-such-host.invalid", "--port", "0"],
                            capture_output=True, text=True, env=child_env(), timeout=GIVE_UP_SECONDS)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cannot listen on no-such-host.invalid:0" in result.stderr
    assert "http://" not in result.stderr


def test_without_the_web_extra_the_hint_works_from_a_clone():
    code = ("import sys; sys.modules['uvicorn'] = None; sys.argv = ['faqbot', 'serve']\n"
            "from faqbot.cli import main; main()")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=child_env(),
                            timeout=GIVE_UP_SECONDS)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "pip install 'faqbot[web]'" in result.stderr  # from PyPI
    assert "pip install -e '.[web]'" in result.stderr  # from a clone, where 'faqbot[web]' is not on an index


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_stops_the_server_cleanly(workers):
    with serving("--host", "127.0.0.1", "--port", "0", "--workers", workers) as (line, process):
        match = BANNER.search(line)
        assert match, line
        assert wait_until_up(match.group(1)).status_code == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=GIVE_UP_SECONDS) == 0
        assert process.stderr is not None
        assert "Traceback" not in process.stderr.read()
