"""The knowledge base: its schema, the loader that reads ``faq.yaml``, and the content policy it enforces."""

from faqbot.kb.builder import ID_PATTERN, MAX_ANSWER_CHARS
from faqbot.kb.loader import MAX_FILE_BYTES, bundled_path, check_knowledge_base, load_knowledge_base
from faqbot.kb.schema import Entry, KnowledgeBase, Problem, Settings, Smalltalk, Texts

__all__ = [
    "ID_PATTERN",
    "MAX_ANSWER_CHARS",
    "MAX_FILE_BYTES",
    "Entry",
    "KnowledgeBase",
    "Problem",
    "Settings",
    "Smalltalk",
    "Texts",
    "bundled_path",
    "check_knowledge_base",
    "load_knowledge_base",
]
