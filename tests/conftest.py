"""Shared fixtures. Kept minimal on purpose: several test files rely on it."""

from __future__ import annotations

import os
import tempfile

import pytest

from faqbot import FAQBot

# The command-line tests run faqbot, which keeps built bots in the user's cache. The suite gets a
# cache of its own (inherited by every subprocess), so a test run never writes to, or reads a stale
# bot from, the cache of the person running it.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="faqbot-test-cache-")


@pytest.fixture(scope="session")
def bot() -> FAQBot:
    """The bot on the bundled knowledge base, built once per test session."""
    return FAQBot.from_yaml()
