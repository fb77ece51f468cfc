"""A realistic district for the audit-case tests: the built-in sample."""

from __future__ import annotations

import pytest

from coherence_planner.domain.model.district import District
from coherence_planner.storage.sample import sample_district


@pytest.fixture
def district() -> District:
    return sample_district()
