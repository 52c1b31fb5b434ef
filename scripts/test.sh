#!/usr/bin/env bash
# Install what the tests need and run them all: ruff, mypy, the knowledge-base checks, pytest.
# This is the README's test command; .ci/run calls it.
#
#   bash scripts/test.sh [PYTEST ARGS...]   # everything (pytest runs one worker per core; -n 0 for one)
#   bash scripts/test.sh --plan             # only say what would be installed and run, change nothing
#
# The widget's browser tests drive Debian's Chromium at exactly /usr/bin/chromium. If it is missing:
# with CI=true it is installed with apt-get (a failure to install fails the run); elsewhere it is
# installed with apt-get when apt-get exists (via sudo unless root), and without apt-get the browser
# tests are skipped with one loud notice (FAQBOT_SKIP_BROWSER=1, read by the browser tests).
set -euo pipefail

CHROMIUM=/usr/bin/chromium
PIP_PACKAGES="faqbot (editable) with its web and test extras: starlette, uvicorn, pytest, pytest-xdist, hypothesis, httpx, playwright, ruff, mypy, types-pyyaml"

# browser_plan HAS_CHROMIUM HAS_APT CI -> present | install | skip | fail
browser_plan() {
  if [ "$1" = yes ]; then echo present
  elif [ "$2" = yes ]; then echo install
  elif [ "$3" = true ]; then echo fail
  else echo skip
  fi
}

if [ "${1:-}" = "--functions" ]; then return 0 2>/dev/null || exit 0; fi  # sourced by tests/test_test_script.py

cd "$(dirname "$0")/.."
has_chromium=no; [ -x "$CHROMIUM" ] && has_chromium=yes
has_apt=no; command -v apt-get >/dev/null 2>&1 && has_apt=yes
plan=$(browser_plan "$has_chromium" "$has_apt" "${CI:-}")

echo "== plan"
echo "   python packages into .venv: $PIP_PACKAGES"
case "$plan" in
  present) echo "   browser tests: $CHROMIUM is installed" ;;
  install) echo "   browser tests: $CHROMIUM is missing; will install Debian's chromium package with apt-get" ;;
  skip)    echo "   browser tests: $CHROMIUM is missing and there is no apt-get; they will be SKIPPED" ;;
  fail)    echo "   browser tests: $CHROMIUM is missing and CI=true, but there is no apt-get to install it" ;;
esac
echo "   then: ruff, mypy, faqbot validate, faqbot eval on the labelled sets, pytest"
if [ "${1:-}" = "--plan" ]; then exit 0; fi

case "$plan" in
  install)
    echo "== installing Debian's Chromium for the browser tests (apt-get install chromium)"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
    [ -x "$CHROMIUM" ] || { echo "error: apt-get installed chromium, but not at $CHROMIUM" >&2; exit 1; }
    ;;
  fail)
    echo "error: CI=true needs $CHROMIUM for the browser tests, and apt-get is not available to install it" >&2
    exit 1
    ;;
  skip)
    export FAQBOT_SKIP_BROWSER=1
    echo
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    echo "!! NOTICE: the widget's BROWSER TESTS WILL BE SKIPPED: $CHROMIUM is missing and apt-get is not"
    echo "!! available. Install Chromium at $CHROMIUM to run them (CI=true makes its absence an error)."
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    echo
    ;;
esac

echo "== installing $PIP_PACKAGES into .venv"
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'

# The tests run the CLI many times; keep its cache of built bots out of the user's home.
XDG_CACHE_HOME=$(mktemp -d)
export XDG_CACHE_HOME
trap 'rm -rf "$XDG_CACHE_HOME"' EXIT

echo "== ruff"
.venv/bin/ruff check faqbot tests scripts
echo "== mypy"
.venv/bin/mypy
echo "== faqbot validate"
.venv/bin/faqbot validate faq.yaml
echo "== faqbot eval (our own labelled cases; the bars sit a little below the current scores)"
# (every referral and every emergency must be caught, so those bars are 100%)
.venv/bin/faqbot eval tests/cases.yaml --min-accuracy 0.95 --min-referral-recall 1 \
  --min-emergency-recall 1 --max-over-referral 0.03
echo "== faqbot eval (held-out questions written blind by others on the team; measured, then kept as regressions)"
for cases in bench/holdout*_cases.yaml; do
  .venv/bin/faqbot eval "$cases" --min-accuracy 0.94 --min-referral-recall 1 --min-emergency-recall 1 \
    --max-over-referral 0.03
done
echo "== pytest (one worker per core; pass -n 0 to run in one process)"
.venv/bin/python -m pytest -n auto "$@"
if [ "$plan" = skip ]; then
  echo "!! NOTICE: the browser tests were SKIPPED ($CHROMIUM is missing; see the notice above)."
fi
