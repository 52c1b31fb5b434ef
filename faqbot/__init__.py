"""faqbot: an offline FAQ chatbot that answers from a curated knowledge base.

    >>> from faqbot import FAQBot
    >>> bot = FAQBot.from_yaml()          # the bundled knowledge base
    >>> reply = bot.ask("what is ldn")
    >>> reply.kind, reply.id
    ('answer', 'what-is-ldn')
"""

from faqbot.bot import FAQBot
from faqbot.errors import FaqBotError, KnowledgeBaseError
from faqbot.kb import Entry, KnowledgeBase, load_knowledge_base
from faqbot.reply import KINDS, Reply, Suggestion
from faqbot.version import __version__

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
