"""Retrieval: the index over every entry's questions, the scorers, and the rankers."""

from faqbot.retrieval.matcher import Candidate, Matcher

__all__ = ["Candidate", "Matcher"]
