"""``faqbot validate``, ``explain``, ``eval`` and ``report``: tools for curators.

Imported only when one of these commands runs (see ``LazyGroup`` in
:mod:`faqbot.cli`). The logic lives in :mod:`faqbot.tools`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from faqbot import tools as curator
from faqbot.bot import FAQBot
from faqbot.cli.common import CONTEXT_SETTINGS, DataError, State, current_state, safe, use_color
from faqbot.cli.output import render
from faqbot.errors import FaqBotError

_FILE = click.Path(dir_okay=True, path_type=Path)
_FRACTION = click.FloatRange(0.0, 1.0)


def _bot() -> FAQBot:
    return current_state().bot


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


# --- validate ------------------------------------------------------------------------------


@click.command(context_settings=CONTEXT_SETTINGS, short_help="Check a knowledge base and list every problem.")
@click.argument("file", required=False, type=_FILE)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--near-duplicate", type=click.FloatRange(0, 100), default=curator.NEAR_DUPLICATE_SCORE,
              show_default=True, help="Report alternates of two entries at least this alike (0-100).")
@click.option("--article", type=click.Path(dir_okay=False, path_type=Path),
              help="The source article (text): report each answer's longest run of words copied from it.")
@click.option("--answers", "show_answers", is_flag=True, help="List every answer's reading grade (and copied run).")
def validate(file: Path | None, as_json: bool, near_duplicate: float, article: Path | None,
             show_answers: bool) -> None:
    """Check a knowledge base (default: --faq or the bundled one) and list every problem.

    Besides the schema, ids, related ids, dose figures and answer length, every
    entry's question and alternates are asked through the whole bot and must
    come back as that entry, and alternates of two entries too alike to tell
    apart are reported. Every answer must read at about US grade 8 (it fails
    above 9) and, with --article, share no run of 7 or more words with it.

    Exit status: 0 clean, 1 problems found, 2 the file cannot be read.
    """
    if file is None:
        state = click.get_current_context().find_object(State)
        file = state.faq if state is not None else None
    result = curator.validate(file, near_duplicate, article=article)
    if not result.readable:
        message = str(result.problems[0]) if result.problems else f"{result.path}: cannot read"
        raise DataError(message)
    if as_json:
        _dump(result.to_dict())
    else:
        for problem in result.problems:
            click.echo(safe(str(problem)))
        for check in result.answers if show_answers else ():
            copied = "" if check.shared_run is None else f"  longest copied run {check.shared_run} words"
            click.echo(f"  {check.id:<30} grade {check.grade:4.1f}{copied}")
        if result.ok:
            click.echo(f"{safe(result.path)}: ok: {result.entries} entries, "
                       f"{result.checked} questions and alternates answered as their own entry")
        else:
            click.echo(f"{safe(result.path)}: {len(result.problems)} problem(s)")
    if not result.ok:
        raise SystemExit(1)


# --- explain -------------------------------------------------------------------------------


@click.command(context_settings=CONTEXT_SETTINGS, short_help="Show why faqbot replies as it does.")
@click.argument("question", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
@click.option("-n", "--candidates", "limit", type=click.IntRange(1, 50), default=5, show_default=True,
              help="How many candidates to show.")
@click.option("--context", metavar="ID", help="Read QUESTION as a follow-up to the answer from entry ID.")
def explain(question: tuple[str, ...], as_json: bool, limit: int, context: str | None) -> None:
    """Show why faqbot replies to QUESTION as it does: every stage of the pipeline, with scores.

    \b
    faqbot explain "what is ldn"
    faqbot explain --context microglia "what triggers them?"
    """
    result = curator.explain(_bot(), " ".join(question), limit, context)
    if as_json:
        _dump(result.to_dict())
        return
    for line in result.lines():
        click.echo(safe(line))
    click.echo(render(result.reply), color=use_color())


# --- eval ----------------------------------------------------------------------------------


@click.command("eval", context_settings=CONTEXT_SETTINGS)
@click.argument("cases", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option("--min-accuracy", type=_FRACTION, help="Exit 1 if overall accuracy is below this (0-1).")
@click.option("--min-referral-recall", type=_FRACTION, help="Exit 1 if referral recall is below this (0-1).")
@click.option("--min-emergency-recall", type=_FRACTION, help="Exit 1 if emergency recall is below this (0-1).")
@click.option("--max-over-referral", type=_FRACTION, help="Exit 1 if over-referral is above this (0-1).")
@click.option("--max-wrong-answers", type=click.IntRange(0), help="Exit 1 if more answers than this are wrong.")
def eval_command(
    cases: Path,
    as_json: bool,
    min_accuracy: float | None,
    min_referral_recall: float | None,
    min_emergency_recall: float | None,
    max_over_referral: float | None,
    max_wrong_answers: int | None,
) -> None:
    """Score faqbot against the labelled questions in CASES (YAML).

    CASES is a list of mappings: `question`, `expect` (answer, referral,
    emergency, fallback or smalltalk), `id` (the entry expected, for answers),
    and optionally `accept` (other kinds also counted correct) and `note`.
    Dose leaks in any reply always fail.
    """
    bot = _bot()
    try:
        labelled = curator.load_cases(cases)
    except FaqBotError as err:
        raise DataError(str(err)) from None
    result = curator.evaluate(bot, labelled, str(cases))
    failures = _gate(result, min_accuracy, min_referral_recall, min_emergency_recall, max_over_referral,
                     max_wrong_answers)
    if as_json:
        _dump(result.to_dict() | {"passed": not failures, "failures": failures})
    else:
        _print_eval(result, cases)
        for failure in failures:
            click.echo(f"FAIL: {failure}", err=True)
    if failures:
        raise SystemExit(1)


def _gate(
    result: curator.EvalResult,
    min_accuracy: float | None,
    min_referral_recall: float | None,
    min_emergency_recall: float | None,
    max_over_referral: float | None,
    max_wrong_answers: int | None,
) -> list[str]:
    failures = []
    for name, value, bar in (
        ("accuracy", result.accuracy, min_accuracy),
        ("referral recall", result.referral_recall, min_referral_recall),
        ("emergency recall", result.emergency_recall, min_emergency_recall),
    ):
        if bar is not None and value is not None and value < bar:
            failures.append(f"{name} {_pct(value)} is below the bar of {_pct(bar)}")
    over = result.over_referral
    if max_over_referral is not None and over is not None and over > max_over_referral:
        failures.append(f"over-referral {_pct(over)} is above the bar of {_pct(max_over_referral)}")
    if max_wrong_answers is not None and result.wrong_answers > max_wrong_answers:
        failures.append(f"{result.wrong_answers} wrong answers, more than {max_wrong_answers}")
    if result.dose_leaks:
        failures.append(f"{result.dose_leaks} replies carry a dose figure")
    return failures


def _print_eval(result: curator.EvalResult, cases: Path) -> None:
    click.echo(f"{safe(str(cases))}: {result.correct}/{result.total} correct ({_pct(result.accuracy)})")
    for kind, (correct, total) in result.per_kind().items():
        click.echo(f"  {kind:<11}{correct:>4}/{total:<4} {_pct(correct / total):>7}")
    referred = result.recall_counts("referral", ("referral", "emergency"))
    emergencies = result.recall_counts("emergency", ("emergency",))
    over, safe_cases = result.over_referral_counts()
    click.echo(f"referral recall   {_pct(result.referral_recall):>7} ({referred[0]}/{referred[1]})")
    click.echo(f"emergency recall  {_pct(result.emergency_recall):>7} ({emergencies[0]}/{emergencies[1]})")
    click.echo(f"over-referral     {_pct(result.over_referral):>7} ({over}/{safe_cases}; lower is better)")
    click.echo(f"wrong answers     {result.wrong_answers:>7}")
    click.echo(f"dose leaks        {result.dose_leaks:>7}")
    if result.misses:
        click.echo(f"misses ({len(result.misses)}):")
        for miss in result.misses:
            where = f"{cases}:{miss.case.line}" if miss.case.line else str(cases)
            click.echo(f"  {safe(where)}  {safe(miss.case.question)!r}")
            click.echo(f"      expected {miss.expected()}, got {miss.got()}")


# --- report --------------------------------------------------------------------------------


@click.command(context_settings=CONTEXT_SETTINGS, short_help="Group logged unanswered questions and votes.")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the groups as JSON.")
@click.option("--similarity", type=click.FloatRange(0, 100), default=curator.GROUP_SIMILARITY, show_default=True,
              help="How alike (0-100) two questions must be to share a group.")
@click.option("-n", "--limit", type=click.IntRange(1), default=None, help="Show only the N most asked groups.")
def report(file: Path, as_json: bool, similarity: float, limit: int | None) -> None:
    """Group the questions in an unanswered-questions log (see `faqbot --log-unanswered`).

    Each group shows how often it was asked, its most asked wording and the
    closest entry now, so you can add an alternate or a new entry.
    """
    bot = _bot()
    try:
        result = curator.report(bot, file, similarity)
    except FaqBotError as err:
        raise DataError(str(err)) from None
    groups = result.groups[:limit] if limit else result.groups
    if as_json:
        _dump(result.to_dict() | {"groups": [g.to_dict() for g in groups]})
        return
    click.echo(f"{safe(str(file))}: {_count(result.records, 'question')} in {_count(len(result.groups), 'group')}"
               + (f" ({result.skipped} unreadable lines skipped)" if result.skipped else ""))
    for group in groups:
        closest = "no close entry"
        if group.closest:
            closest = f"closest: {group.closest} ({group.closest_score})"
        click.echo(f"{group.count:>5}x  {safe(group.representative)!r}  [{closest}]")
        for example in group.examples(4)[1:]:
            click.echo(f"        also: {safe(example)!r}")
    worst = result.worst_rated()
    if worst:
        click.echo("worst-rated answers (votes in the web widget):")
        for rating in worst:
            click.echo(f"  {safe(rating.describe())}")
