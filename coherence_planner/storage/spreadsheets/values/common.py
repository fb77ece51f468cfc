"""What every cell parser shares: the `Parsed` result, blank cells and folded keys."""

from __future__ import annotations

import re
from typing import Any

Parsed = tuple[Any, str | None]

_EMPTY_WORDS = frozenset({"", "-", "--", "—", "–", "none", "(none)", "n/a", "na", "tbd", "?"})
_LIST_SPLIT = re.compile(r"[,;|/\n\r]+")
_LIST_SPLIT_NO_COMMA = re.compile(r"[;|\n\r]+")


def _text(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def is_blank(raw: object) -> bool:
    """A cell that holds nothing a person meant (None, spaces, "(none)", "n/a", "-")."""
    return _text(raw).lower() in _EMPTY_WORDS


def _key(text: str) -> str:
    """Lower-case, punctuation folded to single spaces: "Pre-K" -> "pre k"."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())
