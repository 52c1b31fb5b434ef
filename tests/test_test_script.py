"""scripts/test.sh, the README's test command: what it plans for the browser tests, and that it says so first."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "test.sh"
BASH = shutil.which("bash") or "/bin/bash"


@pytest.mark.parametrize(
    ("has_chromium", "has_apt", "ci", "plan"),
    [
        ("yes", "yes", "true", "present"),
        ("yes", "no", "", "present"),
        ("no", "yes", "true", "install"),
        ("no", "yes", "", "install"),
        ("no", "no", "", "skip"),
        ("no", "no", "false", "skip"),
        ("no", "no", "true", "fail"),  # CI never skips the browser tests
    ],
)
def test_browser_plan(has_chromium, has_apt, ci, plan):
    command = f'source "{SCRIPT}" --functions; browser_plan {has_chromium} {has_apt} "{ci}"'
    result = subprocess.run([BASH, "-c", command], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == plan


def run_plan(path: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": path}
    env.pop("CI", None)
    return subprocess.run([BASH, str(SCRIPT), "--plan"], capture_output=True, text=True, env=env, check=True)


def test_plan_says_what_it_would_install_and_changes_nothing():
    before = sorted(p.name for p in REPO.iterdir())
    result = run_plan(os.environ["PATH"])
    out = result.stdout
    assert "python packages into .venv: faqbot (editable)" in out
    for package in ("playwright", "pytest", "ruff", "mypy"):
        assert package in out
    assert "/usr/bin/chromium" in out  # the exact path the browser tests use
    assert sorted(p.name for p in REPO.iterdir()) == before


def test_plan_without_apt_get(tmp_path):
    # a PATH with only what the script needs, and no apt-get
    for tool in ("dirname", "id", "mktemp"):
        found = shutil.which(tool)
        assert found
        (tmp_path / tool).symlink_to(found)
    out = run_plan(str(tmp_path)).stdout
    if Path("/usr/bin/chromium").exists():
        assert "browser tests: /usr/bin/chromium is installed" in out
    else:
        assert "there is no apt-get; they will be SKIPPED" in out
