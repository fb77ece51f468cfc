"""The quick readers: a whole list of items, or of links, written the way this app writes
them, read at once with set and string operations that run in C. Each accepts only what the
careful readers (items.py, links.py) accept unchanged, and says None for anything else, which
then goes the careful way."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import itertools
import math
import operator
from collections.abc import Iterable, Sequence
from typing import Any

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.codec.sections import LINK_KEYS
from coherence_planner.domain.model.items import ITEM_CLASSES, Item, Link, LinkKey


class _FastReader:
    """Reads a list of items written the way this app writes them, in calls into C, or says
    that it cannot (None), and item_from_dict then reads them one by one, field by field.

    The common case is objects with the id, the name and any of the other fields of their
    kind (a missing one reads as its default, as below), plain values, and no nested
    lists. Each test here accepts only values that the careful path accepts unchanged, so
    the items are the same either way; anything else (an unknown key, a null where null
    means the default, a number out of range, a nested list, a problem) sends the list the
    careful way, which says where.
    """

    def __init__(self, kind: str) -> None:
        cls = ITEM_CLASSES[kind]
        specs = {spec.name: spec for spec in F.fields_of(kind)}
        # The object's attributes in the order the class's __init__ sets them.
        self.order = tuple(f.name for f in dataclasses.fields(cls))
        self.extra_at = self.order.index("extra")
        attrs = tuple(name for name in self.order if name != "extra")
        self.cls = cls
        self.keys = frozenset(attrs)
        # item_to_dict leaves out an empty `guessed`, so most items come without it: read
        # as written, not sent through the slower merge with the defaults below.
        self.keys_unguessed = self.keys - {"guessed"}
        blank = cls(id="", name="")
        # What a missing field reads as (a list default is copied below, never shared).
        self.defaults = {name: getattr(blank, name) for name in attrs if name not in ("id", "name")}
        # Every attribute but `guessed`, which may be missing (read_all adds its column).
        self.get_all = operator.itemgetter(*(name for name in attrs if name != "guessed"))
        index = {name: n for n, name in enumerate(attrs)}
        types = {name: specs[name].type for name in attrs if name != "id"}

        def where(*wanted: str) -> tuple[int, ...]:
            return tuple(index[n] for n, t in types.items() if t in wanted)

        self.lines = (index["id"], *where(F.TEXT))  # the id first, then one-line text
        self.paragraphs = where(F.LONGTEXT)
        self.name = index["name"]
        self.enums = tuple(
            (index[n], frozenset(specs[n].choices)) for n, t in types.items() if t == F.ENUM
        )
        self.int_choices = tuple(
            (index[n], frozenset((*specs[n].choices, None)))
            for n, t in types.items()
            if t == F.INT_CHOICE
        )
        self.bools = where(F.BOOL)
        # Numbers: (column, types allowed, lowest, highest); money and FTE are never
        # negative in an item (fields._check_number), nor is a count.
        self.numbers = (
            *((n, _INT_OR_NONE, 1800, 2200) for n in where(F.YEAR)),
            *((n, _NUMBER_OR_NONE, 0, F.MAX_NUMBER) for n in where(F.MONEY, F.NUMBER)),
            *((n, _INT_OR_NONE, 0, F.MAX_NUMBER) for n in where(F.COUNT)),
        )
        self.dates = where(F.DATE)
        self.lists = tuple(
            (index[n], t)
            for n, t in types.items()
            if t in (F.SLUGS, F.NAMES, F.GRADES, F.THEMES, F.GUESSED)
        )
        self.guessed_at = index["guessed"]
        # What a row's data holds, for a reader that decodes it by type (storage/rows.py):
        # every attribute but the id (the row's own column) and `extra`, with its field
        # type and what a missing one reads as (MISSING: `name` must be there).
        self.data_fields = tuple(
            (name, types[name], self.defaults.get(name, dataclasses.MISSING))
            for name in attrs
            if name != "id"
        )
        self.guessable = frozenset(specs["guessed"].choices)
        self.nested = where(F.INDICATORS, F.CYCLES)  # read here only when empty

    def read_all(self, raws: Iterable[Any]) -> list[Item] | None:
        """Every item of `raws`, or None when one of them is not written the usual way.

        The values are tested a field at a time across all the items (a column), with
        set and string operations that run in C, not a test per value."""
        keys, unguessed, defaults = self.keys, self.keys_unguessed, self.defaults
        rows = []
        for raw in raws:
            if raw.__class__ is not dict:
                return None
            have = raw.keys()
            if have != keys and have != unguessed:
                if not have <= keys:
                    return None  # an unknown field or "kind"
                raw = {**defaults, **raw}  # without an id or a name: KeyError, below
            rows.append(raw)
        if not rows:
            return []
        try:
            columns: list[Any] = list(zip(*map(self.get_all, rows), strict=True))
        except KeyError:  # without an id or a name
            return None
        columns.insert(self.guessed_at, [raw.get("guessed", _NOTHING) for raw in rows])
        return self.from_columns(columns, lists_owned=False)

    def from_columns(self, columns: list[Any], *, lists_owned: bool) -> list[Item] | None:
        """The items whose attributes `columns` holds a field at a time (every attribute
        but `extra`, in the class's order), or None when one value is not one the careful
        path takes unchanged. `lists_owned`: each list value is fresh, the items' own (a
        decoder made it for them); otherwise the items get copies."""
        try:
            if not self._plain(columns):
                return None
        except (TypeError, ValueError, OverflowError):
            return None  # not text, unhashable, not a date, a huge number
        count = len(columns[0])
        if not lists_owned:
            for n, _ in self.lists:
                columns[n] = list(map(list, columns[n]))  # fresh lists, never the file's
        for n in self.nested:
            columns[n] = [[] for _ in range(count)]
        columns.insert(self.extra_at, [{} for _ in range(count)])
        cls, new = self.cls, object.__new__
        items = []
        # Each item's attributes, in its class's order, made in C; then the items.
        for state in map(dict, map(zip, itertools.repeat(self.order), zip(*columns, strict=True))):
            item = new(cls)
            item.__dict__ = state
            items.append(item)
        return items

    def _plain(self, columns: list[tuple[Any, ...]]) -> bool:
        """Whether every value of every column is one the careful path takes unchanged
        (fields.py's checks); raises TypeError or ValueError for some that are not."""
        for n in self.lines:
            column = columns[n]
            if max(map(len, column)) > F.MAX_LINE or _FORBIDDEN_IN(NL.join(column)):
                return False
        if not all(map(str.strip, columns[self.lines[0]])):  # the id
            return False
        if not all(map(str.strip, columns[self.name])):
            return False
        for n in self.paragraphs:
            column = columns[n]
            if max(map(len, column)) > F.MAX_PARAGRAPHS or _FORBIDDEN_IN(NL.join(column)):
                return False
        for n, choices in self.enums:
            if not set(columns[n]) <= choices:
                return False
        for n, choices in self.int_choices:
            if not set(map(type, columns[n])) <= _INT_OR_NONE or not set(columns[n]) <= choices:
                return False
        for n in self.bools:
            if not set(map(type, columns[n])) <= _BOOL:
                return False
        for n, types, low, high in self.numbers:
            column = columns[n]
            if not set(map(type, column)) <= types:
                return False
            values = set(column)
            values.discard(None)
            if values and (
                not all(map(math.isfinite, values)) or min(values) < low or max(values) > high
            ):
                return False
        for n in self.dates:
            column = columns[n]
            if not set(map(type, column)) <= _STR:
                return False
            for text in set(column) - {""}:
                _dt.date.fromisoformat(text)  # as fields._check_date reads it
        for n in self.nested:
            if not set(map(type, columns[n])) <= _LIST or any(columns[n]):
                return False
        for n, kind in self.lists:  # fields._check_text_list
            column = columns[n]
            if not set(map(type, column)) <= _LIST:
                return False
            # Each distinct entry once: programs repeat the same grades, subjects, schools.
            entries = set(itertools.chain.from_iterable(column))  # (unhashable: TypeError)
            if not entries:
                continue
            if max(map(len, entries)) > F.MAX_LINE or _FORBIDDEN_IN(NL.join(entries)):
                return False
            if kind == F.THEMES:
                if not F.THEME_SET.issuperset(entries):
                    return False
            elif kind == F.GRADES:
                if any(map(F.grade_problem, entries)):
                    return False
            elif kind == F.NAMES:
                if not all(map(str.strip, entries)):
                    return False
            elif kind == F.GUESSED and not self._guesses_plain(column, entries):
                return False
        return True

    def _guesses_plain(self, column: tuple[list[str], ...], entries: set[str]) -> bool:
        """fields._check_guessed: the kind's own field names, none twice in one item."""
        if not self.guessable.issuperset(entries):
            return False
        return all(len(set(value)) == len(value) for value in column if value)


NL = "\n"
_FORBIDDEN_IN = F.FORBIDDEN.search
_INT_OR_NONE = frozenset((int, type(None)))
_NUMBER_OR_NONE = frozenset((int, float, type(None)))
_BOOL = frozenset((bool,))
_STR = frozenset((str,))
_LIST = frozenset((list,))
_NOTHING: list[str] = []  # a missing `guessed`: copied into a fresh list, never shared
_FAST = {kind: _FastReader(kind) for kind in ITEM_CLASSES}


def items_from_dicts(kind: str, raws: list[Any]) -> list[Item] | None:
    """Items of one kind read at once when every one is written the usual way
    (_FastReader.read_all), or None: then read each with item_from_dict, which names every
    problem and its place."""
    return _FAST[kind].read_all(raws)


def item_data_fields(kind: str) -> tuple[tuple[str, str, Any], ...]:
    """The attributes a stored row's data gives an item of `kind` (all but the id and
    `extra`), in the order items_from_columns takes them after the ids: each one's name,
    field type (fields.py) and the value a missing one reads as (dataclasses.MISSING for
    the name, which must be there)."""
    return _FAST[kind].data_fields


def items_from_columns(kind: str, ids: Sequence[Any], data: Sequence[Any]) -> list[Item] | None:
    """Items of one kind from their ids and their data a field at a time (item_data_fields'
    order; each list value fresh, the items' own), when each value is one item_from_dict
    takes unchanged; or None, as items_from_dicts."""
    reader = _FAST[kind]
    columns = list(data)
    columns.insert(reader.lines[0], ids)  # (the id's column)
    return reader.from_columns(columns, lists_owned=True)


_STRENGTH_SET = frozenset(vocab.STRENGTHS)


_GET = {key: operator.methodcaller("get", key) for key in ("from", "to", "strength", "rationale")}
_GET_KIND = operator.methodcaller("get", "kind", vocab.DEFAULT_LINK_KIND)
_LINK_KIND_SET = frozenset(vocab.LINK_KINDS)
_STR_OR_NONE = frozenset((str, type(None)))
_KIND = operator.attrgetter("kind")


def _plain_links(
    raws: list[Any], items: dict[str, Item]
) -> tuple[list[Link], list[LinkKey]] | None:
    """The links and their keys when every one of `raws` is a link that link_from_dict and
    check_link accept unchanged (both ends items of the district, no unknown field) and no
    two are the same link; None sends the list the careful way, link by link. A plan has
    tens of thousands of links: the values are tested a field at a time across them all,
    with set operations that run in C."""
    for raw in raws:
        if raw.__class__ is not dict or not raw.keys() <= LINK_KEYS:
            return None
    return links_from_columns(
        list(map(_GET["from"], raws)),
        list(map(_GET["to"], raws)),
        list(map(_GET_KIND, raws)),
        list(map(_GET["strength"], raws)),
        list(map(_GET["rationale"], raws)),
        items,
    )


def links_from_columns(
    srcs: Sequence[Any],
    dsts: Sequence[Any],
    kinds: Sequence[Any],
    strengths: Sequence[Any],
    rationales: Sequence[Any],
    items: dict[str, Item],
) -> tuple[list[Link], list[LinkKey]] | None:
    """The links and their keys from their values a field at a time (a link's "kind"
    missing from its object reads as the default, a missing "strength" or "rationale" as
    None), when link_from_dict and check_link would accept each unchanged and no two are
    the same link; None sends them the careful way, link by link. A reader that has its
    columns another way (a plan's rows, decoded by type) starts here."""
    try:
        if not set(map(type, srcs)) <= _STR or not set(map(type, dsts)) <= _STR:
            return None
        if not (items.keys() >= set(srcs) and items.keys() >= set(dsts)):
            return None
        if any(map(operator.eq, srcs, dsts)) or not set(kinds) <= _LINK_KIND_SET:
            return None
        if not set(strengths) <= _STRENGTH_SET | {None}:
            return None
        if not set(map(type, rationales)) <= _STR_OR_NONE:
            return None
        texts = [text for text in rationales if text]
        if texts and (max(map(len, texts)) > F.MAX_PARAGRAPHS or _FORBIDDEN_IN(NL.join(texts))):
            return None
    except TypeError:  # an unhashable kind or strength
        return None
    # Without a conflicts link, as most plans are, both are worked out in C.
    plain = "conflicts" not in kinds
    if plain:
        supporters = set(srcs)
    else:
        supporters = {src for src, kind in zip(srcs, kinds, strict=True) if kind == "supports"}
    if "goal" in set(map(_KIND, map(items.__getitem__, supporters))):
        return None
    if plain:
        keys = list(zip(kinds, srcs, dsts, strict=True))
    else:
        keys = [
            (kind, dst, src) if kind == "conflicts" and dst < src else (kind, src, dst)
            for src, dst, kind in zip(srcs, dsts, kinds, strict=True)
        ]
    if len(set(keys)) != len(keys):
        return None
    if None in strengths:
        strengths = [vocab.DEFAULT_STRENGTH if s is None else s for s in strengths]
    if None in rationales:
        rationales = ["" if text is None else text for text in rationales]
    extras: list[dict[str, Any]] = [{} for _ in srcs]
    return list(map(Link, srcs, dsts, kinds, strengths, rationales, extras)), keys


def links_from_dicts(
    raws: list[Any], items: dict[str, Item]
) -> tuple[list[Link], list[LinkKey]] | None:
    """Links read at once, with their keys, when every one is plain and both its ends are
    among `items` (_plain_links), or None: then read each with link_from_dict and
    check_link, which name every problem and its place."""
    return _plain_links(raws, items)
