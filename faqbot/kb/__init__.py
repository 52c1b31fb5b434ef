"""The knowledge base: its schema, the loader that reads ``faq.yaml``, and the content policy it enforces."""

from typing import TYPE_CHECKING

from faqbot.lazy import exports

if TYPE_CHECKING:
    from faqbot.kb.builder import ID_PATTERN, MAX_ANSWER_CHARS
    from faqbot.kb.files import MAX_FILE_BYTES, bundled_path
    from faqbot.kb.loader import check_knowledge_base, load_knowledge_base
    from faqbot.kb.schema import Entry, KnowledgeBase, Problem, Settings, Smalltalk, Texts
else:
    # Imported on first use: a bot from the cache needs the schema, not the YAML parser (issue #14).
    __getattr__ = exports(__name__, {
        "ID_PATTERN": "faqbot.kb.builder",
        "MAX_ANSWER_CHARS": "faqbot.kb.builder",
        "MAX_FILE_BYTES": "faqbot.kb.files",
        "bundled_path": "faqbot.kb.files",
        "check_knowledge_base": "faqbot.kb.loader",
        "load_knowledge_base": "faqbot.kb.loader",
        **dict.fromkeys(("Entry", "KnowledgeBase", "Problem", "Settings", "Smalltalk", "Texts"), "faqbot.kb.schema"),
    })

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
