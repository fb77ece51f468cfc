"""The built-in sample district, read from the installed resources (never modified)."""

from __future__ import annotations

import json

from coherence_planner import assets
from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.domain.model.district import District


def sample_district() -> District:
    """A fresh copy of the sample district: edits to it never touch the installed file."""
    return district_from_dict(json.loads(assets.sample_json_text()))
