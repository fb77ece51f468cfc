"""The interchange format's frame (district-format.md): its name and version, the item
sections in file order, and the keys the format knows for the district, an indicator and a
link (any other key is an extra, kept as it is)."""

from __future__ import annotations

from coherence_planner.domain.model import fields as F

FORMAT = "coherence-planner/district"
VERSION = 1
SECTIONS = (
    ("goals", "goal"),
    ("strategies", "strategy"),
    ("programs", "program"),
    ("policies", "policy"),
)
SECTION_OF_KIND = {kind: section for section, kind in SECTIONS}
INDICATOR_KEYS = tuple(spec.name for spec in F.INDICATOR_FIELDS)
LINK_KEYS = frozenset(("from", "to", "kind", "strength", "rationale"))
DISTRICT_KEYS = ("name", "school_year", "notes")
