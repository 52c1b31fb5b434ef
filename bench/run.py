"""faqbot's benchmarks: one command, results in bench/RESULTS.md.

    .venv/bin/python bench/run.py                 # everything (about 10 minutes on 2 cores)
    .venv/bin/python bench/run.py --quick         # no 100,000-entry knowledge base, shorter HTTP runs
    .venv/bin/python bench/run.py --skip-peers --skip-cli --skip-http --sizes 1000,10000

Parts (see bench/README.md for what each figure means):
  1. in-process ``bot.ask`` latency, load time and peak memory, bundled and generated knowledge bases
     (each size in its own process, so memory and caches do not leak between sizes);
  2. peers on the same knowledge base and labelled cases: rapidfuzz ``extractOne`` and BM25 (``bm25s``);
  3. CLI start-up against ``python -c "import click, yaml, rapidfuzz"``;
  4. HTTP ``POST /api/ask`` with ``wrk`` against a bare Starlette endpoint served the same way.
Every comparison is made within the same run on the same machine; timings are never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
RESULTS = HERE / "RESULTS.md"
WARM_ROUNDS = 4


# -- shared helpers -----------------------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def cases_path() -> Path:
    own = REPO / "tests" / "cases.yaml"
    return own if own.is_file() else HERE / "cases.yaml"


def load_cases() -> list[dict[str, Any]]:
    import yaml

    data = yaml.safe_load(cases_path().read_text(encoding="utf-8")) or []
    return [c for c in data if isinstance(c, dict) and "question" in c and "expect" in c]


def correct(case: dict[str, Any], kind: str, entry_id: str | None) -> bool:
    kinds = {case["expect"], *case.get("accept", ())}
    if kind not in kinds:
        return False
    return not (kind == "answer" and case["expect"] == "answer" and case.get("id") and entry_id != case["id"])


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                 text=True, check=False).stdout.strip(),
    }


def build_bot(size: int) -> tuple[Any, float, float]:
    """(bot, seconds to get the knowledge base, seconds to build the bot on it)."""
    sys.path.insert(0, str(HERE))
    from generate import generated_kb

    from faqbot import FAQBot
    from faqbot.kb import load_knowledge_base

    start = time.perf_counter()
    kb = load_knowledge_base() if size == 0 else generated_kb(size)
    loaded = time.perf_counter()
    bot = FAQBot(kb)
    return bot, loaded - start, time.perf_counter() - loaded


# -- 1. in-process latency (runs in a child process per size) ---------------------------------------------
def inprocess(size: int) -> dict[str, Any]:
    from generate import generated_questions

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    bot, kb_seconds, build_seconds = build_bot(size)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cases = load_cases()
    mix = [c["question"] for c in cases] + [q for q, _ in generated_questions(bot.kb, 200)]
    cold: list[float] = []
    for q in mix:  # first sight of each question: spelling-correction caches are empty
        start = time.perf_counter()
        bot.ask(q)
        cold.append(time.perf_counter() - start)
    warm: list[float] = []
    for _ in range(WARM_ROUNDS):
        for q in mix:
            start = time.perf_counter()
            bot.ask(q)
            warm.append(time.perf_counter() - start)
    ok = answers_ok = answers = 0
    for case in cases:
        reply = bot.ask(case["question"])
        ok += correct(case, reply.kind, reply.id)
        if case["expect"] == "answer":
            answers += 1
            answers_ok += correct(case, reply.kind, reply.id)
    return {
        "size": len(bot.kb.entries),
        "choices": len(bot.retriever.index.choices),
        "kb_seconds": kb_seconds,
        "build_seconds": build_seconds,
        "rss_mb": rss_after / 1024,
        "rss_growth_mb": (rss_after - rss_before) / 1024,
        "questions": len(mix),
        "cold_p50": percentile(cold, 50), "cold_p99": percentile(cold, 99),
        "warm_p50": percentile(warm, 50), "warm_p99": percentile(warm, 99),
        "all_p50": percentile(cold + warm, 50), "all_p99": percentile(cold + warm, 99),
        "accuracy": ok / max(len(cases), 1),
        "answer_accuracy": answers_ok / max(answers, 1),
    }


def run_child(args: list[str], timeout: float = 3600) -> dict[str, Any]:
    proc = subprocess.run([PYTHON, __file__, *args], capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"child {args} failed:\n{proc.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def bundled_load() -> dict[str, float]:
    """Median of several cold loads of the bundled knowledge base (each in a fresh process)."""
    code = (
        "import time; t0 = time.perf_counter(); from faqbot.kb import load_knowledge_base; "
        "t1 = time.perf_counter(); kb = load_knowledge_base(); t2 = time.perf_counter(); "
        "from faqbot import FAQBot; t3 = time.perf_counter(); FAQBot(kb); t4 = time.perf_counter(); "
        "print(t2 - t1, t4 - t3)"
    )
    parse, build = [], []
    for _ in range(7):
        out = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        parse.append(float(out[0]))
        build.append(float(out[1]))
    return {"parse": statistics.median(parse), "build": statistics.median(build)}


# -- 2. peers ---------------------------------------------------------------------------------------------------
def peers(size: int) -> dict[str, Any]:
    import bm25s
    from rapidfuzz import fuzz, process, utils

    bot, _, _ = build_bot(size)
    kb = bot.kb
    cases = load_cases()
    ids = [e.id for e in kb.entries]
    canon = [e.question for e in kb.entries]
    documents = [" ".join((e.question, *e.alternates)) for e in kb.entries]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(documents, stopwords="en", show_progress=False), show_progress=False)

    def rapidfuzz_peer(q: str) -> tuple[str, float]:
        best = process.extractOne(q, canon, scorer=fuzz.WRatio, processor=utils.default_process)
        return (ids[best[2]], float(best[1])) if best else ("", 0.0)

    def bm25_peer(q: str) -> tuple[str, float]:
        tokens = bm25s.tokenize([q], stopwords="en", show_progress=False)
        if not tokens.vocab:
            return "", 0.0
        found, scores = retriever.retrieve(tokens, k=1, show_progress=False)
        return ids[int(found[0][0])], float(scores[0][0])

    out: dict[str, Any] = {"size": len(kb.entries)}
    for name, peer in (("rapidfuzz", rapidfuzz_peer), ("bm25", bm25_peer)):
        times, results = [], []
        for case in cases:
            start = time.perf_counter()
            results.append(peer(case["question"]))
            times.append(time.perf_counter() - start)
        # The peer's one knob, its threshold, tuned on these very cases: the peer's best case.
        candidates = sorted({score for _, score in results} | {0.0, float("inf")})
        best_threshold, best_ok = 0.0, -1
        for threshold in candidates:
            ok = sum(
                correct(c, "answer" if score >= threshold else "fallback", entry)
                for c, (entry, score) in zip(cases, results, strict=True)
            )
            if ok > best_ok:
                best_threshold, best_ok = threshold, ok
        answer_cases = [(c, r) for c, r in zip(cases, results, strict=True) if c["expect"] == "answer"]
        out[name] = {
            "threshold": best_threshold,
            "accuracy": best_ok / len(cases),
            "answer_accuracy": sum(
                correct(c, "answer" if s >= best_threshold else "fallback", e) for c, (e, s) in answer_cases
            ) / max(len(answer_cases), 1),
            "referral_recall": 0.0,
            "p50": percentile(times, 50), "p99": percentile(times, 99),
        }
    times, ok, answers_ok, answers, referral_hits, referrals = [], 0, 0, 0, 0, 0
    for case in cases:
        start = time.perf_counter()
        reply = bot.ask(case["question"])
        times.append(time.perf_counter() - start)
        ok += correct(case, reply.kind, reply.id)
        if case["expect"] == "answer":
            answers += 1
            answers_ok += correct(case, reply.kind, reply.id)
        if case["expect"] in ("referral", "emergency"):
            referrals += 1
            referral_hits += reply.kind in ("referral", "emergency")
    out["faqbot"] = {
        "threshold": kb.settings.answer_threshold,
        "accuracy": ok / len(cases),
        "answer_accuracy": answers_ok / max(answers, 1),
        "referral_recall": referral_hits / max(referrals, 1),
        "p50": percentile(times, 50), "p99": percentile(times, 99),
    }
    out["cases"] = len(cases)
    out["referral_cases"] = referrals
    return out


# -- 3. CLI start-up ----------------------------------------------------------------------------------------------
def cli_startup(runs: int) -> dict[str, Any]:
    """Median wall time of a one-shot ``faqbot ask`` (bot from the cache, and built from faq.yaml) and of
    importing the three libraries it cannot do without, interleaved so all three see the same noise."""
    question = [str(BIN / "faqbot"), "ask", "What is LDN?"]
    commands = {
        "bare": [PYTHON, "-c", "import click, yaml, rapidfuzz"],
        "faqbot": question,  # the cache of built bots in use (the default)
        "faqbot_no_cache": question,
    }
    with tempfile.TemporaryDirectory(prefix="faqbot-bench-cache-") as cache:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FAQBOT_")}
        env.update(NO_COLOR="1", XDG_CACHE_HOME=cache)
        envs = {"bare": env, "faqbot": env, "faqbot_no_cache": {**env, "FAQBOT_NO_CACHE": "1"}}
        # The libraries' .pyc files were written when pip installed them; faqbot's are written here, as pip
        # does for an installed wheel (an editable install under PYTHONDONTWRITEBYTECODE never has them).
        subprocess.run([PYTHON, "-c", "import compileall, os, faqbot; "
                        "compileall.compile_dir(os.path.dirname(faqbot.__file__), quiet=1)"], env=env, check=True)
        subprocess.run(question, capture_output=True, env=env, check=True)  # fills the cache
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(command, capture_output=True, env=envs[name], check=True)
                times[name].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    medians = {name: statistics.median(values) for name, values in times.items()}
    # CPU time (user + system) of each process as well: on a shared, loaded machine it moves far less
    # than wall time, so it shows whether a change in the ratio is real.
    cpu_medians = {f"{name}_cpu": statistics.median(values) for name, values in cpu.items()}
    return {"runs": runs, **medians, **cpu_medians, "ratio": medians["faqbot"] / medians["bare"],
            "ratio_no_cache": medians["faqbot_no_cache"] / medians["bare"],
            "cpu_ratio": cpu_medians["faqbot_cpu"] / cpu_medians["bare_cpu"],
            "cpu_ratio_no_cache": cpu_medians["faqbot_no_cache_cpu"] / cpu_medians["bare_cpu"],
            "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}


# -- 4. HTTP ---------------------------------------------------------------------------------------------------------
BARE_APP = '''
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

REPLY = {"kind": "answer", "text": "constant", "id": None, "question": None, "score": None, "section": None,
         "suggestions": []}


async def ask(request):
    await request.json()
    return JSONResponse(REPLY)

app = Starlette(routes=[Route("/api/ask", ask, methods=["POST"])])
'''
LUA = '''
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local bodies = %s
local i = 0
request = function()
  i = i + 1
  return wrk.format(nil, nil, nil, bodies[(i %% #bodies) + 1])
end
'''


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def served(app: str, workdir: Path, env: dict[str, str]) -> Iterator[int]:
    port = free_port()
    proc = subprocess.Popen(
        [PYTHON, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
         "--no-access-log", "--log-level", "warning"],
        cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        for _ in range(200):  # bounded wait for the port
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            if proc.poll() is not None:
                raise RuntimeError(f"{app} exited: {proc.stderr.read().decode()[-1000:] if proc.stderr else ''}")
            time.sleep(0.1)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def wrk(port: int, script: Path, seconds: int, connections: int) -> dict[str, Any]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script),
         f"http://127.0.0.1:{port}/api/ask"],
        capture_output=True, text=True, check=True, timeout=seconds + 60,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99_text = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 1e-6, "ms": 1e-3, "s": 1.0}
    p99 = float(p99_text.group(1)) * scale[p99_text.group(2)] if p99_text else float("nan")
    errors = 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket_errors:
        errors += sum(int(x) for x in socket_errors.groups())
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        errors += int(non2xx.group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    return {"rps": rps, "p99": p99, "errors": errors, "requests": total}


def http(seconds: int, connections: int) -> dict[str, Any]:
    if not (REPO / "faqbot" / "web.py").is_file():
        return {"skipped": "faqbot/web.py does not exist yet"}
    if shutil.which("wrk") is None:
        return {"skipped": "wrk is not installed (apt-get install wrk)"}
    questions = [c["question"] for c in load_cases() if c["expect"] in ("answer", "fallback", "smalltalk")][:40]
    bodies = "{" + ", ".join(json.dumps(json.dumps({"question": q})) for q in questions) + "}"
    with tempfile.TemporaryDirectory(prefix="faqbot-bench-") as tmp:
        workdir = Path(tmp)
        (workdir / "bare_app.py").write_text(BARE_APP, encoding="utf-8")
        script = workdir / "post.lua"
        script.write_text(LUA % bodies, encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=str(workdir))
        results: dict[str, Any] = {"seconds": seconds, "connections": connections, "workers": 1}
        for name, app in (("bare", "bare_app:app"), ("faqbot", "faqbot.web:app")):
            with served(app, workdir, env) as port:
                wrk(port, script, 2, connections)  # warm-up
                results[name] = wrk(port, script, seconds, connections)
        results["ratio"] = results["faqbot"]["rps"] / results["bare"]["rps"]
        return results


# -- the report -----------------------------------------------------------------------------------------------------
def measured_on(data: dict[str, Any], part: str, meta: dict[str, str]) -> list[str]:
    """A line naming when a part was measured, if that was an earlier run than the rest of the report."""
    stamp = data.get("measured", {}).get(part)
    if not stamp or (stamp["date"], stamp["commit"]) == (meta["date"], meta["commit"]):
        return []
    return [f"Measured in an earlier run: {stamp['date']}, commit {stamp['commit']}, {stamp['cpu']}, "
            f"{stamp['cores']} cores, Python {stamp['python']}.", ""]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def report(meta: dict[str, str], data: dict[str, Any], command: str) -> str:
    lines = [
        "# faqbot benchmark results",
        "",
        f"Command: `{command}` (see bench/README.md). Generated by bench/run.py; do not edit by hand.",
        "",
        f"- Machine: {meta['cpu']}, {meta['cores']} cores (shared, noisy: compare ratios, not absolute times)",
        f"- Python {meta['python']} on {meta['platform']}",
        f"- Date: {meta['date']}, commit {meta['commit']}",
        "",
    ]
    targets: list[tuple[str, str, str]] = []
    sizes = data.get("inprocess", [])
    if sizes:
        lines += [
            "## 1. In-process `bot.ask` latency, load time, memory",
            "",
            *measured_on(data, "inprocess", meta),
            "Question mix: the labelled cases plus 200 generated paraphrases (typos, filler, dropped words) per "
            f"knowledge base. *Cold*: each question's first sight; *warm*: {WARM_ROUNDS} more rounds.",
            "",
            "| knowledge base | entries | choices | load (build bot) | peak RSS | cold p50 | cold p99 "
            "| warm p50 | warm p99 | case accuracy | answer-case accuracy |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in sizes:
            lines.append(
                f"| {r['label']} | {r['size']:,} | {r['choices']:,} | {ms(r['kb_seconds'] + r['build_seconds'])}"
                f" ({ms(r['build_seconds'])}) | {r['rss_mb']:.0f} MB | {ms(r['cold_p50'])} | {ms(r['cold_p99'])} "
                f"| {ms(r['warm_p50'])} | {ms(r['warm_p99'])} | {r['accuracy']:.1%} | {r['answer_accuracy']:.1%} |"
            )
        lines += ["", "For generated knowledge bases, load = generating the entries + building the bot "
                  "(the bundled one: parsing and validating faq.yaml + building the bot).", ""]
        if "bundled_load" in data:
            b = data["bundled_load"]
            lines += [f"Bundled knowledge base, fresh process, median of 7: parse and validate faq.yaml "
                      f"{ms(b['parse'])}, build the bot {ms(b['build'])}, total {ms(b['parse'] + b['build'])}.", ""]
            targets.append(("bundled load < 50 ms", ms(b["parse"] + b["build"]),
                            verdict(b["parse"] + b["build"] < 0.050)))
        by_label = {r["label"]: r for r in sizes}
        if "bundled" in by_label:
            r = by_label["bundled"]
            targets.append(("bundled p99 ask < 1 ms", f"cold {ms(r['cold_p99'])}, warm {ms(r['warm_p99'])}",
                            verdict(r["warm_p99"] < 0.001)))
        if "10,000" in by_label:
            r = by_label["10,000"]
            bundled_acc = by_label.get("bundled", r)["accuracy"]
            targets.append(("10k p50 < 5 ms, p99 < 20 ms",
                            f"cold p50 {ms(r['cold_p50'])} p99 {ms(r['cold_p99'])}; warm p50 {ms(r['warm_p50'])} "
                            f"p99 {ms(r['warm_p99'])}",
                            verdict(r["warm_p50"] < 0.005 and r["warm_p99"] < 0.020)))
            targets.append(("10k accuracy no worse than bundled", f"{r['accuracy']:.1%} vs {bundled_acc:.1%}",
                            verdict(r["accuracy"] >= bundled_acc)))
        if "1,000" in by_label and "100,000" in by_label:
            small, big = by_label["1,000"], by_label["100,000"]
            growth = big["warm_p50"] / small["warm_p50"]
            tail = big["warm_p99"] / small["warm_p99"]
            targets.append(("sub-linear growth 1k -> 100k (100x entries)",
                            f"warm p50 x{growth:.1f}, warm p99 x{tail:.1f}",
                            "met for p50, **missed** for p99" if growth < 100 <= tail else verdict(tail < 100)))
    if "peers" in data:
        lines += ["## 2. Peers on the same knowledge base and cases", "", *measured_on(data, "peers", meta)]
        for p in data["peers"]:
            lines += [
                f"Knowledge base of {p['size']:,} entries, {p['cases']} labelled cases from "
                f"`{cases_path().relative_to(REPO)}` ({p['referral_cases']} referral/emergency).",
                "",
                "| system | answer threshold | case accuracy | answer-case accuracy | referral recall | p50 | p99 |",
                "|---|---:|---:|---:|---:|---:|---:|",
            ]
            for name, label in (("faqbot", "faqbot"), ("rapidfuzz", "rapidfuzz extractOne (WRatio, canonical "
                                                                       "questions)"),
                                ("bm25", "BM25 (bm25s, question + alternates)")):
                r = p[name]
                lines.append(f"| {label} | {r['threshold']:.2f} | {r['accuracy']:.1%} | {r['answer_accuracy']:.1%} "
                             f"| {r['referral_recall']:.2f} | {ms(r['p50'])} | {ms(r['p99'])} |")
            lines.append("")
            best_peer = max(p["rapidfuzz"]["accuracy"], p["bm25"]["accuracy"])
            targets.append((f"accuracy >= both peers ({p['size']:,} entries)",
                            f"{p['faqbot']['accuracy']:.1%} vs {best_peer:.1%}",
                            verdict(p["faqbot"]["accuracy"] >= best_peer)))
            targets.append((f"referral recall 1.0 ({p['size']:,} entries)", f"{p['faqbot']['referral_recall']:.2f}",
                            verdict(p["faqbot"]["referral_recall"] >= 1.0)))
        lines += ["The peers' thresholds are tuned on these same cases (their best case); they answer or fall "
                  "back and cannot refer, so every referral/emergency case counts against them.", ""]
    if "cli" in data:
        c = data["cli"]
        lines += ["## 3. CLI start-up", "", *measured_on(data, "cli", meta),
                  f"Median of {c['runs']} interleaved runs of each: `faqbot ask \"What is LDN?\"` {ms(c['faqbot'])} "
                  f"with the cache of built bots (the default), {ms(c['faqbot_no_cache'])} without it "
                  f"(`FAQBOT_NO_CACHE=1`: faq.yaml parsed and the bot built); "
                  f"`python -c \"import click, yaml, rapidfuzz\"` {ms(c['bare'])}. "
                  f"Ratio **{c['ratio']:.2f}x** with the cache, {c['ratio_no_cache']:.2f}x without.", ""]
        if "cpu_ratio" in c:
            load = f", load average {c['load_average']:.1f} at the end" if c.get("load_average") is not None else ""
            lines += [f"CPU time (user + system, median): {ms(c['faqbot_cpu'])} with the cache, "
                      f"{ms(c['faqbot_no_cache_cpu'])} without, {ms(c['bare_cpu'])} bare; ratio "
                      f"{c['cpu_ratio']:.2f}x with the cache, {c['cpu_ratio_no_cache']:.2f}x without{load}.", ""]
        targets.append(("CLI ask <= 1.5x bare imports (issue 14)", f"{c['ratio']:.2f}x (no cache: "
                        f"{c['ratio_no_cache']:.2f}x)", verdict(c["ratio"] <= 1.5)))
    if "http" in data:
        h = data["http"]
        lines += ["## 4. HTTP `POST /api/ask`", "", *measured_on(data, "http", meta)]
        if "skipped" in h:
            lines += [f"Skipped: {h['skipped']}.", ""]
        else:
            lines += [
                f"wrk, 2 threads, {h['connections']} connections, {h['seconds']} s per server, loopback; "
                f"uvicorn with {h['workers']} worker for both.",
                "",
                "| server | requests/s | p99 | errors |",
                "|---|---:|---:|---:|",
                f"| bare Starlette endpoint (constant reply) | {h['bare']['rps']:.0f} | {ms(h['bare']['p99'])} "
                f"| {h['bare']['errors']} |",
                f"| faqbot `POST /api/ask` | {h['faqbot']['rps']:.0f} | {ms(h['faqbot']['p99'])} "
                f"| {h['faqbot']['errors']} |",
                "",
                f"Throughput ratio faqbot / bare: **{h['ratio']:.2f}x**.",
                "",
            ]
            targets.append(("HTTP >= 0.7x bare, zero errors", f"{h['ratio']:.2f}x, {h['faqbot']['errors']} errors",
                            verdict(h["ratio"] >= 0.7 and h["faqbot"]["errors"] == 0)))
    if targets:
        lines += ["## Targets (issue 5)", "", "| target | measured | |", "|---|---|---|"]
        lines += [f"| {t} | {m} | {v} |" for t, m, v in targets]
        lines.append("")
    notes = HERE / "NOTES.md"
    if notes.is_file():
        lines += [notes.read_text(encoding="utf-8").strip(), ""]
    return "\n".join(lines)


#: The parts of a run, as keys of RESULTS.json (``bundled_load`` goes with ``inprocess``).
PARTS = {"inprocess": ("inprocess", "bundled_load"), "peers": ("peers",), "cli": ("cli",), "http": ("http",)}


def keep_earlier(data: dict[str, Any], saved: Path) -> None:
    """Parts skipped in this run keep their figures from the previous results, marked with their own date,
    so measuring one part (``--skip-...``) does not wipe the others from RESULTS.md."""
    with contextlib.suppress(OSError, ValueError):
        earlier = json.loads(saved.read_text(encoding="utf-8"))
        for part, keys in PARTS.items():
            if part in data or part not in earlier:
                continue
            for key in keys:
                if key in earlier:
                    data[key] = earlier[key]
            data["measured"][part] = earlier.get("measured", {}).get(part, earlier["machine"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="generated knowledge-base sizes")
    parser.add_argument("--quick", action="store_true", help="no 100,000-entry knowledge base, 5 s HTTP runs")
    parser.add_argument("--skip-inprocess", action="store_true")
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--cli-runs", type=int, default=15)
    parser.add_argument("--http-seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--render", type=Path, metavar="RESULTS.json",
                        help="only rewrite the report from a previous run's RESULTS.json (e.g. after editing NOTES.md)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.render:
        saved = json.loads(args.render.read_text(encoding="utf-8"))
        meta = saved.pop("machine")
        args.output.write_text(report(meta, saved, saved.pop("command", "bench/run.py")),
                               encoding="utf-8")
        return 0
    if args.child:
        sys.path.insert(0, str(HERE))
        kind, size = args.child[0], int(args.child[1])
        print(json.dumps(inprocess(size) if kind == "inprocess" else peers(size)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.quick:
        sizes = [s for s in sizes if s < 100_000]
        args.http_seconds = min(args.http_seconds, 5)
    data: dict[str, Any] = {}
    meta = machine()
    if not args.skip_inprocess:
        data["inprocess"] = []
        for size in [0, *sizes]:
            label = "bundled" if size == 0 else f"{size:,}"
            print(f"in-process: {label}", file=sys.stderr)
            result = run_child(["--child", "inprocess", str(size)])
            result["label"] = label
            data["inprocess"].append(result)
        data["bundled_load"] = bundled_load()
    if not args.skip_peers:
        data["peers"] = []
        for size in [0, *[s for s in sizes if s == 10_000]]:
            print(f"peers: {size or 'bundled'}", file=sys.stderr)
            data["peers"].append(run_child(["--child", "peers", str(size)]))
    if not args.skip_cli:
        print("cli", file=sys.stderr)
        data["cli"] = cli_startup(args.cli_runs)
    if not args.skip_http:
        print("http", file=sys.stderr)
        data["http"] = http(args.http_seconds, args.connections)
    data["measured"] = {part: meta for part in PARTS if part in data}
    keep_earlier(data, args.output.with_suffix(".json"))
    command = " ".join(["bench/run.py", *sys.argv[1:]])
    args.output.write_text(report(meta, data, command), encoding="utf-8")
    (args.output.with_suffix(".json")).write_text(json.dumps({"machine": meta, "command": command, **data}, indent=1),
                                                  encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
