"""A run of item rows of one kind decoded by type in C, straight into the fields the items
need, as the link rows are (rows._link_columns).

Each kind gets a msgspec Struct made from the codec's own table of what a row's data holds
(codec.item_data_fields: fields.py's types, the classes' defaults), so there is one
description of an item. The Struct refuses any key it does not name (an unknown field, an
"id" in the data, a "kind") and any value of another JSON type; the rows are then decoded to
dicts, the usual way, which keeps an unknown key as the item's extra or names the problem.
The values the Struct takes still go through the codec's checks (codec.items_from_columns:
lengths, characters, choices, ranges, dates, grades), so what is read is what the careful
reader would read. Decoding to dicts, checking each object's keys and taking the values out
of them was about half of reading a plan's items.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
from collections.abc import Callable
from typing import Any

import msgspec

from coherence_planner.domain.model import codec
from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model.items import Item

Number = int | float

# Each field type as a JSON type: what the careful reader can take unchanged. A nested list
# (indicators, cycles) is taken as any list here; the codec then reads only empty ones.
_JSON_TYPE: dict[str, Any] = {
    F.TEXT: str,
    F.LONGTEXT: str,
    F.DATE: str,
    F.ENUM: str,
    F.INT_CHOICE: int | None,
    F.BOOL: bool,
    F.MONEY: Number | None,
    F.NUMBER: Number | None,
    F.COUNT: int | None,
    F.YEAR: int | None,
    F.SLUGS: list[str],
    F.NAMES: list[str],
    F.GRADES: list[str],
    F.THEMES: list[str],
    F.GUESSED: list[str],
    F.INDICATORS: list[Any],
    F.CYCLES: list[Any],
}


@functools.cache
def _decoder(kind: str) -> tuple[Callable[[str], Any], Callable[[Any], tuple[Any, ...]]]:
    """The kind's decoder of one row's data and the getter of its values in codec order."""
    spec: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    for name, field_type, default in codec.item_data_fields(kind):
        json_type = _JSON_TYPE[field_type]
        if default is dataclasses.MISSING:
            spec.append((name, json_type))
        else:
            # An empty list default is copied for each row by msgspec, never shared.
            spec.append((name, json_type, default))
    struct = msgspec.defstruct(f"{kind.title()}Data", spec, forbid_unknown_fields=True)
    names = [name for name, *_ in spec]
    return msgspec.json.Decoder(struct).decode, operator.attrgetter(*names)


_TEXT = frozenset((str,))


def items_of_rows(kind: str, ids: list[Any], texts: list[Any]) -> list[Item] | None:
    """The items of a run of rows of one kind (their ids and data texts), or None when a
    row is not plain: data that is not text holding an object of the Struct's keys and
    types, or a value the codec's checks refuse. Then the run is read the usual way."""
    if not texts or not set(map(type, texts)) <= _TEXT:
        return None  # bytes go the json module's way: its UTF-8 check
    decode, values = _decoder(kind)
    try:
        columns = list(zip(*map(values, map(decode, texts)), strict=True))
    except (msgspec.MsgspecError, RecursionError):
        return None
    return codec.items_from_columns(kind, ids, columns)
