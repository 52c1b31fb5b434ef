"""Tools for the people who keep ``faq.yaml``: validate, explain, eval, report, and the unanswered log.

Library logic only; the ``faqbot`` commands print what these functions return. Everything here is
deterministic: the same knowledge base and input give the same result on every run.
"""

from faqbot.errors import CuratorError
from faqbot.tools.evaluate import Case, EvalResult, evaluate, load_cases
from faqbot.tools.explain import Explanation, explain
from faqbot.tools.report import GROUP_SIMILARITY, LogReport, QuestionGroup, group_questions, read_log, report
from faqbot.tools.validate import (
    NEAR_DUPLICATE_SCORE,
    Finding,
    ValidationReport,
    near_duplicates,
    self_consistency,
    validate,
)

__all__ = [
    "GROUP_SIMILARITY",
    "NEAR_DUPLICATE_SCORE",
    "Case",
    "CuratorError",
    "EvalResult",
    "Explanation",
    "Finding",
    "LogReport",
    "QuestionGroup",
    "ValidationReport",
    "evaluate",
    "explain",
    "group_questions",
    "load_cases",
    "near_duplicates",
    "read_log",
    "report",
    "self_consistency",
    "validate",
]
