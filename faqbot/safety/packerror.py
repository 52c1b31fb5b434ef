"""The error a rule pack that cannot be used raises (kept apart so the pack's parts can raise it too)."""


class PackError(Exception):
    """A rule pack that cannot be used as it is."""
