"""faqbot: an offline FAQ chatbot that answers from a curated knowledge base.

    >>> from faqbot import FAQBot
    >>> bot = FAQBot.from_yaml()          # the bundled knowledge base
    >>> reply = bot.ask("what is ldn")
    >>> reply.kind, reply.id
    ('answer', 'what-is-ldn')
"""

from typing import TYPE_CHECKING

from faqbot.lazy import exports
from faqbot.version import __version__

if TYPE_CHECKING:
    from faqbot.bot import FAQBot
    from faqbot.errors import FaqBotError, KnowledgeBaseError
    from faqbot.kb import Entry, KnowledgeBase, load_knowledge_base
    from faqbot.reply import KINDS, Reply, Suggestion
else:
    # Imported on first use: `faqbot ask` starts without loading what it does not run (issue #14).
    __getattr__ = exports(__name__, {
        "FAQBot": "faqbot.bot",
        "FaqBotError": "faqbot.errors",
        "KnowledgeBaseError": "faqbot.errors",
        "Entry": "faqbot.kb.schema",
        "KnowledgeBase": "faqbot.kb.schema",
        "load_knowledge_base": "faqbot.kb.loader",
        "KINDS": "faqbot.reply",
        "Reply": "faqbot.reply",
        "Suggestion": "faqbot.reply",
    })

__all__ = [
    "KINDS",
    "Entry",
    "FAQBot",
    "FaqBotError",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Reply",
    "Suggestion",
    "__version__",
    "load_knowledge_base",
]
