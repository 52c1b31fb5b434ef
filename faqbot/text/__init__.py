"""Text: the sanitiser, words and word lists, the normaliser, and the dose-figure detector.

Nothing here knows about knowledge bases, safety rules or replies; every layer above reads text
through these functions.
"""

from faqbot.text.asking import last_question
from faqbot.text.figures import find_dose_figure
from faqbot.text.normalize import Analysis, Normalizer
from faqbot.text.sanitize import clean, strip_controls
from faqbot.text.words import CONDITIONS, STOPWORDS, common_words, stem, words

__all__ = [
    "CONDITIONS",
    "STOPWORDS",
    "Analysis",
    "Normalizer",
    "clean",
    "common_words",
    "find_dose_figure",
    "last_question",
    "stem",
    "strip_controls",
    "words",
]
