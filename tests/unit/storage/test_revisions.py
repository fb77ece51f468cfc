"""Recording a revision before a copy is made: stored in the plan when it can be, skipped
(never an error) when the plan cannot be written: a really read-only folder, as a user the
permissions bind."""

from __future__ import annotations

import hashlib
from pathlib import Path

from coherence_planner.domain.merge import lineage_of
from coherence_planner.storage.document import Document
from coherence_planner.storage.interchange import load_any
from coherence_planner.storage.revisions import record
from tests.factories import make, p
from tests.unprivileged import read_only_folder, run_unprivileged, seal


def test_a_revision_is_stored_once(tmp_path: Path) -> None:
    path = tmp_path / "plan.coherence"
    with Document.create(path, make(programs=[p("P1")])) as doc:
        assert record(doc, "Save As")
        first = lineage_of(doc.district)
        assert record(doc, "Save As")  # nothing changed: nothing written again
        assert lineage_of(doc.district) == first
    assert lineage_of(load_any(path)) == first


SNIPPET = """
import sys
from coherence_planner.storage.document import Document
from coherence_planner.storage.revisions import record
with Document.open(sys.argv[1]) as doc:
    print(record(doc, "Save a Copy"), doc.unsaved)
"""


def test_a_plan_in_a_read_only_folder_is_copied_without_a_revision() -> None:
    with read_only_folder() as folder:
        plan = folder / "plan.coherence"
        Document.create(plan, make(programs=[p("P1")])).close()
        before = hashlib.sha256(plan.read_bytes()).hexdigest()
        seal(folder)
        done = run_unprivileged(SNIPPET, str(plan))
        assert done.stdout.split() == ["False", "None"]
        assert hashlib.sha256(plan.read_bytes()).hexdigest() == before
