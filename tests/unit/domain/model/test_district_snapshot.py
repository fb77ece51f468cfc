"""District.snapshot: the copy a worker thread takes while the person may be editing. An
edit that falls during the copy makes it start again, so a snapshot is always a state the
district was in, never half of one and half of the next."""

from __future__ import annotations

import threading
import time

from benchmarks.generate_district import generate
from coherence_planner.domain.model import codec
from coherence_planner.domain.model.commands import SetItemFields
from coherence_planner.domain.model.district import District


def _plan() -> District:
    return codec.district_from_dict(generate(40, 3))


def test_a_snapshot_is_an_equal_copy() -> None:
    district = _plan()
    twin = district.snapshot()
    assert twin is not district
    assert codec.district_to_dict(twin) == codec.district_to_dict(district)


def test_a_snapshot_torn_by_an_edit_is_taken_again() -> None:
    district = _plan()
    program = district.items_of("program")[0].id
    real_copy = district._copy
    tries = []

    def copy_then_edit() -> District:
        twin = real_copy()
        tries.append(twin)
        if len(tries) == 1:  # the edit lands while the first copy is being made
            with district.editing():
                SetItemFields(district, program, {"annual_cost": 4321}).do(district)
        return twin

    district._copy = copy_then_edit  # type: ignore[method-assign]
    twin = district.snapshot()
    assert len(tries) == 2
    assert twin is tries[1]
    assert twin.items[program].annual_cost == 4321  # type: ignore[attr-defined]


def test_a_copy_that_meets_a_table_changing_under_it_is_taken_again() -> None:
    district = _plan()
    real_copy = district._copy
    calls = []

    def failing_once() -> District:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("dictionary changed size during iteration")
        return real_copy()

    district._copy = failing_once  # type: ignore[method-assign]
    assert codec.district_to_dict(district.snapshot()) == codec.district_to_dict(district)
    assert len(calls) == 2


def test_a_snapshot_waits_for_an_edit_under_way() -> None:
    district = _plan()
    program = district.items_of("program")[0].id
    taken: list[District] = []
    with district.editing():
        worker = threading.Thread(target=lambda: taken.append(district.snapshot()))
        worker.start()
        time.sleep(0.05)
        assert not taken  # nothing is copied halfway through an edit
        SetItemFields(district, program, {"annual_cost": 777}).do(district)
    worker.join(5)
    assert taken and taken[0].items[program].annual_cost == 777  # type: ignore[attr-defined]
    assert district.revision == 2
