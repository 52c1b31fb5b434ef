#!/usr/bin/env bash
# Install everything the tests need (Chromium for the widget tests included) and run them all.
# This is the README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's Chromium for the browser tests"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

echo "== installing faqbot with its test extras into .venv"
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'

echo "== ruff"
.venv/bin/ruff check faqbot tests
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
echo "== pytest"
.venv/bin/python -m pytest "$@"
