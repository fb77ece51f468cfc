"""Where in a JSON text a problem is, for the problems Python's json module reports without
a place: a duplicate key (json keeps the last one silently), NaN or Infinity, and an integer
too long to convert. Only called once reading has already failed, so it may be slow.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import re
from typing import Any


def position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of `index` in `text`."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


class DuplicateKey(ValueError):
    """An object names the same key twice; `index` is where that object starts."""

    def __init__(self, key: str, index: int = -1) -> None:
        self.key = key
        self.index = index
        super().__init__(key)


def refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """object_pairs_hook for json.loads: a dict, or DuplicateKey (without its place)."""
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKey(key)
            seen.add(key)
    return out


def find_duplicate(text: str) -> DuplicateKey | None:
    """The first duplicate key in `text` with the index of its object, found by parsing
    again with the pure-Python scanner, which tells each object where it starts."""

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[dict[str, Any], int]:
        strict, scan_once, _hook, _pairs_hook, *memo = args
        pairs, end = json.decoder.JSONObject(  # type: ignore[attr-defined]
            s_and_end, strict, scan_once, None, list, *memo
        )
        try:
            return refuse_duplicates(pairs), end
        except DuplicateKey as exc:
            raise DuplicateKey(exc.key, s_and_end[1] - 1) from None

    decoder = json.JSONDecoder()
    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        decoder.decode(text)
    except DuplicateKey as exc:
        return exc
    except (ValueError, RecursionError):
        return None
    return None


# A JSON string (skipped whole), or a token Python reads but JSON does not allow / Python
# refuses to convert (an integer of more than 4,300 digits).
_STRING_OR_BAD = re.compile(r'"(?:[^"\\]|\\.)*"|(NaN|-?Infinity|-?\d{4301,})')


def find_bad_number(text: str) -> tuple[int, str] | None:
    """Index and text of the first NaN, Infinity or overlong integer outside a string."""
    for match in _STRING_OR_BAD.finditer(text):
        if match.group(1):
            token = match.group(1)
            return match.start(1), (token if len(token) < 20 else f"a {len(token):,}-digit number")
    return None
