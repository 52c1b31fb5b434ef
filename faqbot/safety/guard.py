"""The outgoing guard: the last check before a reply leaves, whatever produced its text."""

from __future__ import annotations

from faqbot.text.figures import find_dose_figure

__all__ = ["find_dose_figure"]
