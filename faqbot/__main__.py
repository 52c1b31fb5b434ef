"""``python -m faqbot``."""

from faqbot.cli import main

main()
