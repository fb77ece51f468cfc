"""Plain dicts <-> domain objects, with validation that names every problem and its place.

This is the one reader and writer of the interchange format (district-format.md); the JSON
file, the `.coherence` tables and the spreadsheet import all go through it. It does no I/O.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import itertools
import math
import operator
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.collector import collector_paused
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import ITEM_CLASSES, Indicator, Item, Link, LinkKey

FORMAT = "coherence-planner/district"
VERSION = 1
SECTIONS = (
    ("goals", "goal"),
    ("strategies", "strategy"),
    ("programs", "program"),
    ("policies", "policy"),
)
SECTION_OF_KIND = {kind: section for section, kind in SECTIONS}
_INDICATOR_KEYS = tuple(spec.name for spec in F.INDICATOR_FIELDS)
_LINK_KEY_SET = frozenset(("from", "to", "kind", "strength", "rationale"))
_DISTRICT_KEYS = ("name", "school_year", "notes")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, and where: a JSON path, with the item id if known."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class InvalidDistrict(ValueError):
    """The input breaks the format; `problems` lists every problem found, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        head = "; ".join(str(p) for p in problems[:3])
        more = f" (and {count - 3} more)" if count > 3 else ""
        super().__init__(f"{count} problem{'s' if count != 1 else ''}: {head}{more}")


# ----------------------------------------------------------------------------- writing


def indicator_to_dict(ind: Indicator) -> dict[str, Any]:
    out: dict[str, Any] = {key: getattr(ind, key) for key in _INDICATOR_KEYS}
    out.update(ind.extra)
    return out


def item_to_dict(item: Item) -> dict[str, Any]:
    """The item as the interchange format writes it: id, then every field, then extras."""
    out: dict[str, Any] = {"id": item.id}
    for spec in F.fields_of(item.kind):
        value = getattr(item, spec.name)
        if spec.type == F.GUESSED and not value:
            # Written only when something is guessed: a missing `guessed` is the empty list
            # (district-format.md), so plans and exports without guesses stay as they were.
            continue
        if spec.type == F.INDICATORS:
            value = [indicator_to_dict(ind) for ind in value]
        elif spec.type == F.CYCLES:
            value = [F.clean_cycle(cycle) for cycle in value]
        elif isinstance(value, list):
            value = list(value)
        out[spec.name] = value
    out.update(item.extra)
    return out


def link_to_dict(link: Link) -> dict[str, Any]:
    out: dict[str, Any] = {
        "from": link.src,
        "to": link.dst,
        "kind": link.kind,
        "strength": link.strength,
        "rationale": link.rationale,
    }
    out.update(link.extra)
    return out


def district_to_dict(district: District) -> dict[str, Any]:
    info: dict[str, Any] = {
        "name": district.name,
        "school_year": district.school_year,
        "notes": district.notes,
    }
    info.update(district.extra)
    out: dict[str, Any] = {"format": FORMAT, "version": VERSION, "district": info}
    for section, kind in SECTIONS:
        out[section] = [item_to_dict(item) for item in district.items_of(kind)]
    out["links"] = [link_to_dict(link) for link in district.ordered_links()]
    return out


# ----------------------------------------------------------------------------- reading


def _indicator_from_dict(raw: Any, place: str, problems: list[Problem]) -> Indicator | None:
    if not isinstance(raw, dict):
        problems.append(Problem(place, "an indicator must be an object"))
        return None
    values: dict[str, Any] = {}
    for spec in F.INDICATOR_FIELDS:
        default = "" if spec.type == F.TEXT else None
        value = raw.get(spec.name, default)
        if spec.type == F.TEXT and value is None:
            value = ""
        error = None if spec.name == "name" and value == "" else F.check_value(spec, value)
        if error:
            problems.append(Problem(f"{place}.{spec.name}", error))
            continue
        values[spec.name] = value
    extra = _extras(raw, _INDICATOR_KEYS, place, problems)
    if extra is None:
        return None
    return Indicator(**values, extra=extra)


# Field types where null reads as "missing" and takes the default (numbers keep null).
_NULL_IS_DEFAULT = frozenset(
    (
        F.TEXT,
        F.LONGTEXT,
        F.SLUGS,
        F.NAMES,
        F.GRADES,
        F.THEMES,
        F.INDICATORS,
        F.CYCLES,
        F.GUESSED,
        F.ENUM,
        F.BOOL,
        F.DATE,
    )
)


# How item_from_dict reads one field, worked out once per kind instead of once per value:
# (name, spec, check, default, null reads as the default, any text is valid).
_FieldReader = tuple[str, F.FieldSpec, F.Check, Any, bool, bool]


@dataclass(frozen=True)
class _KindReader:
    fields: tuple[_FieldReader, ...]
    known: frozenset[str]  # keys that are not extras


@functools.cache
def _reader(kind: str) -> _KindReader:
    blank = ITEM_CLASSES[kind](id="", name="")
    specs = F.fields_of(kind)
    return _KindReader(
        fields=tuple(
            (
                spec.name,
                spec,
                F.CHECKS[spec.type],
                getattr(blank, spec.name),
                spec.type in _NULL_IS_DEFAULT,
                spec.type in (F.TEXT, F.LONGTEXT) and spec.name != "name",
            )
            for spec in specs
        ),
        known=frozenset(("id", "kind", *(spec.name for spec in specs))),
    )


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

        self.lines = (index["id"], *where(F.TEXT))  # id and one-line text, name among them
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
            columns.insert(self.guessed_at, [raw.get("guessed", _NOTHING) for raw in rows])
            if not self._plain(columns):
                return None
        except (KeyError, TypeError, ValueError, OverflowError):
            return None  # missing, not text, unhashable, not a date, a huge number
        count = len(rows)
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
            entries = list(itertools.chain.from_iterable(column))
            if not entries:
                continue
            if max(map(len, entries)) > F.MAX_LINE or _FORBIDDEN_IN(NL.join(entries)):
                return False
            if kind == F.THEMES:
                if not F.THEME_SET.issuperset(entries):
                    return False
            elif kind == F.GRADES:
                if any(map(F.grade_problem, set(entries))):
                    return False
            elif kind == F.NAMES:
                if not all(map(str.strip, entries)):
                    return False
            elif kind == F.GUESSED and not self._guesses_plain(column, entries):
                return False
        return True

    def _guesses_plain(self, column: tuple[list[str], ...], entries: list[str]) -> bool:
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


def item_from_dict(kind: str, raw: Any, place: str, problems: list[Problem]) -> Item | None:
    """Build one item, appending a Problem for each bad field; None when it cannot be built.

    This runs for every item on every open (a quarter of a million values at 10,000
    programs), so it reads the fields from the per-kind table above in one pass, and takes
    plain text in a text field without calling its check. A whole list of items written
    the usual way is read faster by _FastReader.read_all.
    """
    if not isinstance(raw, dict):
        problems.append(Problem(place, f"a {kind} must be an object"))
        return None
    item_id = raw.get("id")
    if not isinstance(item_id, str) or not item_id.strip():
        problems.append(
            Problem(place, "missing id" if item_id is None else "id must be non-empty text")
        )
        return None
    where = f"{place} ({item_id})"
    id_problem = F.text_problem(item_id, F.MAX_LINE)
    if id_problem:
        problems.append(Problem(f"{place}.id", id_problem))
        return None
    reader = _reader(kind)
    values: dict[str, Any] = {}
    ok = True
    if "kind" in raw and raw["kind"] != kind:
        problems.append(
            Problem(
                f"{where}.kind",
                f"unknown item kind {raw['kind']!r} in the {SECTION_OF_KIND[kind]} list",
            )
        )
        ok = False
    get = raw.get
    for name, spec, check, default, null_is_default, any_text in reader.fields:
        value = get(name)
        if value is None:
            if name == "name":
                problems.append(Problem(where, "missing name"))
                ok = False
                continue
            if null_is_default or name not in raw:
                # Missing, or null where null reads as missing: the default, which is valid
                # (a fresh list, never the shared one).
                values[name] = [] if default.__class__ is list else default
                continue
        elif any_text and value.__class__ is str and not F.text_problem(value, F.MAX_LINE):
            # Text a plan may hold (fields.text_problem; longer paragraphs take the check).
            values[name] = value
            continue
        error = check(spec, value)
        if error:
            problems.append(Problem(f"{where}.{name}", error))
            ok = False
            continue
        if isinstance(value, list):
            if spec.type == F.INDICATORS:
                inds = []
                for i, raw_ind in enumerate(value):
                    ind = _indicator_from_dict(raw_ind, f"{where}.indicators[{i}]", problems)
                    if ind is None:
                        ok = False
                    else:
                        inds.append(ind)
                value = inds
            elif spec.type == F.CYCLES:
                value = [F.clean_cycle(cycle) for cycle in value]
            else:
                value = list(value)
        values[name] = value
    extra_keys = raw.keys() - reader.known
    extra = _extras(raw, reader.known, where, problems) if extra_keys else {}
    if not ok or extra is None:
        return None
    return ITEM_CLASSES[kind](id=item_id, **values, extra=extra)


def items_from_dicts(kind: str, raws: list[Any]) -> list[Item] | None:
    """Items of one kind read at once when every one is written the usual way
    (_FastReader.read_all), or None: then read each with item_from_dict, which names every
    problem and its place."""
    return _FAST[kind].read_all(raws)


def _extras(
    raw: dict[str, Any], known: Any, place: str, problems: list[Problem]
) -> dict[str, Any] | None:
    """The unknown fields of an object, kept as they are; None (and a Problem for each) when
    one breaks the rules every value of a plan follows (fields.free_value_problem)."""
    extra = {k: v for k, v in raw.items() if k not in known}
    ok = True
    for key, value in extra.items():
        problem = F.text_problem(key, F.MAX_LINE) or F.free_value_problem(value)
        if problem:
            problems.append(Problem(f"{place}.{key[:60]}", problem))
            ok = False
    return extra if ok else None


def link_from_dict(raw: Any, place: str, problems: list[Problem]) -> Link | None:
    if not isinstance(raw, dict):
        problems.append(Problem(place, "a link must be an object"))
        return None
    ok = True
    src: Any = raw.get("from")
    if not isinstance(src, str) or not src:
        problems.append(Problem(f"{place}.from", "missing 'from' item id"))
        ok = False
    dst: Any = raw.get("to")
    if not isinstance(dst, str) or not dst:
        problems.append(Problem(f"{place}.to", "missing 'to' item id"))
        ok = False
    kind = raw.get("kind", vocab.DEFAULT_LINK_KIND)
    if kind not in vocab.LINK_KINDS:
        problems.append(Problem(f"{place}.kind", f"must be supports or conflicts; got {kind!r}"))
        ok = False
    strength = raw.get("strength")
    if strength is None:
        strength = vocab.DEFAULT_STRENGTH
    elif strength not in vocab.STRENGTHS:
        problems.append(
            Problem(f"{place}.strength", f"must be strong, moderate or weak; got {strength!r}")
        )
        ok = False
    rationale = raw.get("rationale")
    if rationale is None:
        rationale = ""
    elif not isinstance(rationale, str):
        problems.append(Problem(f"{place}.rationale", "must be text"))
        ok = False
    elif F.text_problem(rationale):
        problems.append(Problem(f"{place}.rationale", F.text_problem(rationale) or ""))
        ok = False
    # Extras are rare: find them with one set difference instead of a test per key.
    extra_keys = raw.keys() - _LINK_KEY_SET
    extra = _extras(raw, _LINK_KEY_SET, place, problems) if extra_keys else {}
    if not ok or extra is None:
        return None
    return Link(src=src, dst=dst, kind=kind, strength=strength, rationale=rationale, extra=extra)


_STRENGTH_SET = frozenset(vocab.STRENGTHS)


_GET = {key: operator.methodcaller("get", key) for key in ("from", "to", "strength", "rationale")}
_GET_KIND = operator.methodcaller("get", "kind", vocab.DEFAULT_LINK_KIND)
_LINK_KIND_SET = frozenset(vocab.LINK_KINDS)
_STR_OR_NONE = frozenset((str, type(None)))


def _plain_links(
    raws: list[Any], items: dict[str, Item]
) -> tuple[list[Link], list[LinkKey]] | None:
    """The links and their keys when every one of `raws` is a link that link_from_dict and
    check_link accept unchanged (both ends items of the district, no unknown field) and no
    two are the same link; None sends the list the careful way, link by link. A plan has
    tens of thousands of links: the values are tested a field at a time across them all,
    with set operations that run in C."""
    for raw in raws:
        if raw.__class__ is not dict or not raw.keys() <= _LINK_KEY_SET:
            return None
    srcs = list(map(_GET["from"], raws))
    dsts = list(map(_GET["to"], raws))
    kinds = list(map(_GET_KIND, raws))
    strengths = list(map(_GET["strength"], raws))
    rationales = list(map(_GET["rationale"], raws))
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
    supporters = {src for src, kind in zip(srcs, kinds, strict=True) if kind == "supports"}
    if any(items[src].kind == "goal" for src in supporters):
        return None
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
    extras: list[dict[str, Any]] = [{} for _ in raws]
    return list(map(Link, srcs, dsts, kinds, strengths, rationales, extras)), keys


def links_from_dicts(
    raws: list[Any], items: dict[str, Item]
) -> tuple[list[Link], list[LinkKey]] | None:
    """Links read at once, with their keys, when every one is plain and both its ends are
    among `items` (_plain_links), or None: then read each with link_from_dict and
    check_link, which name every problem and its place."""
    return _plain_links(raws, items)


def check_link(link: Link, district: District, place: str) -> list[Problem]:
    """Problems of a link against the items of a district (not counting duplicates)."""
    problems = []
    for end, item_id in (("from", link.src), ("to", link.dst)):
        if item_id not in district.items:
            problems.append(Problem(f"{place}.{end}", f"unknown item id {item_id!r}"))
    if problems:
        return problems
    if link.src == link.dst:
        problems.append(Problem(place, f"{link.src} is linked to itself"))
    elif link.kind == "supports" and district.items[link.src].kind == "goal":
        problems.append(
            Problem(place, f"{link.src} is a goal; a goal cannot be the 'from' of a supports link")
        )
    return problems


def size_limits() -> str:
    """The limits of a plan's size, as a person reads them."""
    return f"{F.MAX_ITEMS:,} items and {F.MAX_LINKS:,} links"


def _refuse_too_many(data: dict[str, Any]) -> None:
    """Refuse a district over the size limits before building any of it."""
    items = sum(len(v) for s, _ in SECTIONS if isinstance(v := data.get(s), list))
    links = data.get("links")
    problems = []
    if items > F.MAX_ITEMS:
        problems.append(Problem("$", f"{items:,} items; a plan holds at most {size_limits()}"))
    if isinstance(links, list) and len(links) > F.MAX_LINKS:
        problems.append(
            Problem("links", f"{len(links):,} links; a plan holds at most {size_limits()}")
        )
    if problems:
        raise InvalidDistrict(problems)


def district_from_dict(data: Any) -> District:
    """Read a whole district, or raise InvalidDistrict naming every problem."""
    with collector_paused():
        return _district_from_dict(data)


def _district_from_dict(data: Any) -> District:
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise InvalidDistrict([Problem("$", "the file must hold one JSON object")])
    if data.get("format") != FORMAT:
        problems.append(Problem("format", f"must be {FORMAT!r}; got {data.get('format')!r}"))
    if data.get("version") != VERSION:
        problems.append(
            Problem(
                "version",
                f"must be {VERSION} (this app reads version {VERSION}); "
                f"got {data.get('version')!r}",
            )
        )
    _refuse_too_many(data)
    district = District()
    info = data.get("district", {})
    if not isinstance(info, dict):
        problems.append(Problem("district", "must be an object"))
        info = {}
    for key in _DISTRICT_KEYS:
        value = info.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            problems.append(Problem(f"district.{key}", "must be text"))
            continue
        problem = F.text_problem(value, F.MAX_PARAGRAPHS if key == "notes" else F.MAX_LINE)
        if problem:
            problems.append(Problem(f"district.{key}", problem))
            continue
        setattr(district, key, value)
    district.extra = _extras(info, _DISTRICT_KEYS, "district", problems) or {}

    seen: dict[str, str] = {}
    refused: set[str] = set()  # ids of items that are present but invalid
    for section, kind in SECTIONS:
        raw_items = data.get(section, [])
        if raw_items is None:
            raw_items = []
        if not isinstance(raw_items, list):
            problems.append(Problem(section, "must be a list"))
            continue
        # A section written the usual way is read at once; else item by item, which names
        # every problem.
        quick = _FAST[kind].read_all(raw_items)
        for i, raw in enumerate(raw_items):
            place = f"{section}[{i}]"
            item = quick[i] if quick is not None else item_from_dict(kind, raw, place, problems)
            if item is None:
                raw_id = raw.get("id") if isinstance(raw, dict) else None
                if isinstance(raw_id, str) and raw_id.strip():
                    refused.add(raw_id)
                    seen.setdefault(raw_id, place)
                continue
            if item.id in seen:
                problems.append(
                    Problem(
                        f"{place} ({item.id})",
                        f"duplicate id {item.id!r} (first used at {seen[item.id]})",
                    )
                )
                continue
            seen[item.id] = place
            district.add_item(item)

    raw_links = data.get("links", [])
    if raw_links is None:
        raw_links = []
    if not isinstance(raw_links, list):
        problems.append(Problem("links", "must be a list"))
        raw_links = []
    plain = None if refused else _plain_links(raw_links, district.items)
    if plain is not None:
        district.add_checked_links(*plain)
        raw_links = []  # all read: nothing left for the careful loop
    first_at: dict[LinkKey, str] = {}
    for i, raw in enumerate(raw_links):
        place = f"links[{i}]"
        link = link_from_dict(raw, place, problems)
        if link is None:
            continue
        link_problems = check_link(link, district, place)
        if link.src in refused or link.dst in refused:
            # That item's own problems are listed already; calling its id unknown would
            # mislead. Report only what is wrong with the other end.
            problems.extend(
                pr
                for pr in link_problems
                if not any(f"unknown item id {i!r}" in pr.message for i in refused)
            )
            continue
        if link_problems:
            problems.extend(link_problems)
            continue
        if link.key in first_at:
            problems.append(
                Problem(
                    place,
                    f"duplicate {link.kind} link between {link.src} and "
                    f"{link.dst} (first at {first_at[link.key]})",
                )
            )
            continue
        first_at[link.key] = place
        district.add_link(link)

    known = {"format", "version", "district", "links", *(s for s, _ in SECTIONS)}
    for key in data:
        if key not in known:
            problems.append(
                Problem(
                    key,
                    f"unknown item kind {key!r} (the kinds are goals, "
                    "strategies, programs and policies)",
                )
            )
    if problems:
        raise InvalidDistrict(problems)
    return district
