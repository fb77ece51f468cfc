"""Snapshots taken in a worker thread while the document applies edits on this one (what the
map, the analysis, the money flow and printing do): each is a whole state the plan was in."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.generate_district import generate
from coherence_planner.domain.model import codec
from coherence_planner.domain.model.commands import SetItemFields
from coherence_planner.storage.document import Document


@pytest.fixture
def frequent_switches() -> Iterator[None]:
    """Threads handed the interpreter every microsecond, so edits land inside copies (at
    the default 5 ms a small plan is copied between two switches and nothing is tested)."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


@pytest.mark.usefixtures("frequent_switches")
def test_snapshots_during_edits_are_whole_states(tmp_path: Path) -> None:
    doc = Document.create(tmp_path / "plan.coherence", codec.district_from_dict(generate(300, 5)))
    try:
        programs = [p.id for p in doc.district.items_of("program")]
        # Each edit sets the same cost on two programs at either end of the plan, so a copy
        # torn by an edit would hold two different costs.
        edits = 60
        for program in (programs[0], programs[-1]):
            doc.apply(SetItemFields(doc.district, program, {"annual_cost": 999}))
        snapshots = []
        stop = threading.Event()

        def take() -> None:
            while not stop.is_set():
                snapshots.append(doc.district.snapshot())

        worker = threading.Thread(target=take)
        worker.start()
        # At least `edits` edits, and on until the worker has taken a few copies: how many
        # copies finish among the edits depends on the machine (a busy CI, a fast disk).
        deadline = time.monotonic() + 20
        n = 0
        try:
            while n < edits or (len(snapshots) < 3 and time.monotonic() < deadline):
                for program in (programs[0], programs[-1]):
                    doc.apply(SetItemFields(doc.district, program, {"annual_cost": 1000 + n}))
                n += 1
                time.sleep(0.003)  # edits at a (very fast) person's pace: copies can finish
        finally:
            stop.set()
            worker.join(30)
        assert len(snapshots) >= 2
        for snap in snapshots:
            first = snap.items[programs[0]].annual_cost  # type: ignore[attr-defined]
            last = snap.items[programs[-1]].annual_cost  # type: ignore[attr-defined]
            # Between the two applies of one edit the plan is in a whole state too: the
            # first program already has the new cost, the last still the one before.
            assert first == last or first == last + 1
            codec.district_from_dict(codec.district_to_dict(snap))  # every link has its ends
        assert doc.district.revision == 4 * (n + 1)
    finally:
        doc.close()
