"""Where the bundled knowledge base is, and the largest file faqbot reads as one.

Apart from the loader (which imports the YAML parser) so that the cache of built bots can find and
hash a knowledge base without loading the parser it exists to skip, nor pathlib (issue #14).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

#: Refuse files bigger than this before parsing: a knowledge base is text a
#: person curates, and an enormous file is a mistake or an attack.
MAX_FILE_BYTES = 64 * 1024 * 1024


def bundled_path() -> Path:
    """The knowledge base shipped with faqbot."""
    from pathlib import Path

    return Path(bundled_file())


def bundled_file() -> str:
    """:func:`bundled_path` as a string."""
    # In the package directory of an installed wheel: where importlib.resources finds it, without the
    # cost of importing importlib.resources on every command.
    packaged = os.path.join(os.path.dirname(os.path.dirname(__file__)), "faq.yaml")
    if os.path.isfile(packaged):
        return packaged
    # An editable install or a source checkout: the file lives at the repo root.
    return os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__)))), "faq.yaml")
