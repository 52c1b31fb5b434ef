"""Shared fixtures. Kept minimal on purpose: several test files rely on it."""

from __future__ import annotations

import pytest

from faqbot import FAQBot


@pytest.fixture(scope="session")
def bot() -> FAQBot:
    """The bot on the bundled knowledge base, built once per test session."""
    return FAQBot.from_yaml()
