"""The JSON interchange file (district-format.md): read it, write it, and load either kind.

Reading refuses the whole file on any problem and says where: a JSON syntax error with its
line and column, or every format problem the codec finds. Writing is atomic and stable:
UTF-8, two-space indent, non-ASCII text as itself, a trailing newline, keys in the codec's
order, so export -> import -> export gives the same bytes.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from coherence_planner.domain.model import codec
from coherence_planner.domain.model.collector import collector_paused
from coherence_planner.domain.model.district import District
from coherence_planner.storage import json_places as places
from coherence_planner.storage import schema
from coherence_planner.storage.errors import (
    FileTooLarge,
    InvalidInterchange,
    NotACoherenceFile,
    NotJson,
    classify,
)
from coherence_planner.storage.file_kinds import require_regular_file, sniff

# A district within the size limits (codec.size_limits) takes about 15 MB as JSON; a file
# of more than this is refused before it is read, with the limits said.
MAX_JSON_BYTES = 50_000_000
_BOM = b"\xef\xbb\xbf"


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


_position = places.position


# A \\uD800-\\uDBFF escape not followed by a low half, or a \\uDC00-\\uDFFF one not preceded
# by a high half: JSON allows the text, but it is no character and cannot be stored.
_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _refuse_lone_surrogates(data: Any, text: str, path: Path) -> None:
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        match = _LONE_SURROGATE.search(text)
        line, column = _position(text, match.start()) if match else (1, 1)
        escape = match.group() if match else "an escape"
        raise NotJson(path, line, column, f"{escape} is half of a character") from None


def _deepest_opening(text: str) -> int:
    """Where the nesting of [ and { (outside strings) first reaches its deepest level."""
    depth = deepest = where = 0
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, index
        elif char in "]}":
            depth -= 1
    return where


def parse_json(raw: bytes, path: Path) -> Any:
    """The JSON value in `raw`, or NotJson naming the line and column of the first error."""
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", "replace")
        line, column = _position(before, len(before))
        raise NotJson(path, line, column, "the text is not UTF-8") from None
    try:
        with collector_paused():  # a large file is a burst of small objects: collector.py
            data = json.loads(
                text, parse_constant=_refuse_constant, object_pairs_hook=places.refuse_duplicates
            )
    except json.JSONDecodeError as exc:
        raise NotJson(path, exc.lineno, exc.colno, exc.msg.lower()) from None
    except places.DuplicateKey as exc:
        # Last-wins would silently drop the first value: refuse it, saying where.
        found = places.find_duplicate(text) or exc
        line, column = _position(text, max(found.index, 0))
        raise NotJson(
            path, line, column, f"the key {exc.key[:60]!r} appears twice in the object starting"
        ) from None
    except ValueError as exc:  # NaN / Infinity, or an integer of more than 4,300 digits
        bad = places.find_bad_number(text)
        if bad is None:
            raise NotJson(path, 1, 1, str(exc)) from None
        line, column = _position(text, bad[0])
        raise NotJson(path, line, column, f"{bad[1]} is not a number a plan can hold") from None
    except RecursionError:
        line, column = _position(text, _deepest_opening(text))
        raise NotJson(path, line, column, "brackets are nested too deeply") from None
    if "\\u" in text:
        _refuse_lone_surrogates(data, text, path)
    return data


def read_json(path: str | Path) -> District:
    """The district in a JSON interchange file.

    Raises FileMissing, FileTooLarge, NotJson (with .line/.column) or InvalidInterchange
    (with .problems, every problem found).
    """
    path = Path(path)
    require_regular_file(path)
    try:
        size = os.stat(path).st_size
        if size > MAX_JSON_BYTES:
            raise FileTooLarge(path, size, MAX_JSON_BYTES)
        raw = path.read_bytes()
    except OSError as exc:
        raise (classify(exc, path) or exc) from exc
    data = parse_json(raw, path)
    try:
        return codec.district_from_dict(data)
    except codec.InvalidDistrict as exc:
        raise InvalidInterchange(path, exc) from None


def dumps(district: District) -> str:
    """The interchange text of a district, exactly as write_json writes it."""
    return (
        json.dumps(codec.district_to_dict(district), indent=2, ensure_ascii=False, allow_nan=False)
        + "\n"
    )


def write_json(district: District, path: str | Path) -> None:
    """Export a district to `path` (replacing it) atomically."""
    # Imported here: reading (`check`) never writes, and atomic.py brings tempfile.
    from coherence_planner.storage.atomic import write_atomically

    data = dumps(district).encode("utf-8")

    def build(temp: Path) -> None:
        temp.write_bytes(data)

    write_atomically(Path(path), build)


def load_any(path: str | Path) -> District:
    """The district in a `.coherence` plan or a JSON file, told apart by their first bytes.

    A plan is read without changing a byte of it; an older one is upgraded in memory.
    """
    path = Path(path)
    head = sniff(path)
    if head == schema.SQLITE_HEADER:
        from coherence_planner.storage.document import read_plan

        return read_plan(path)
    if head.removeprefix(_BOM).lstrip()[:1] in (b"{", b"["):
        return read_json(path)
    raise NotACoherenceFile(path, "it is neither a .coherence plan nor a JSON district file")
