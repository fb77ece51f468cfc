"""Reading one item (and its indicators) carefully, field by field, naming every problem and
its place. A list of items written the usual way is read at once by quick.py; this is the
path for everything else, and the one that says what is wrong."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model.codec.problems import Problem, extras
from coherence_planner.domain.model.codec.sections import INDICATOR_KEYS, SECTION_OF_KIND
from coherence_planner.domain.model.items import ITEM_CLASSES, Indicator, Item


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
    extra = extras(raw, INDICATOR_KEYS, place, problems)
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


def item_from_dict(kind: str, raw: Any, place: str, problems: list[Problem]) -> Item | None:
    """Build one item, appending a Problem for each bad field; None when it cannot be built.

    This runs for every item on every open (a quarter of a million values at 10,000
    programs), so it reads the fields from the per-kind table above in one pass, and takes
    plain text in a text field without calling its check. A whole list of items written
    the usual way is read faster by quick.items_from_dicts.
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
    extra = extras(raw, reader.known, where, problems) if extra_keys else {}
    if not ok or extra is None:
        return None
    return ITEM_CLASSES[kind](id=item_id, **values, extra=extra)
