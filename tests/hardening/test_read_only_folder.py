"""A plan in a folder its user cannot write to (the file itself writable): a shared drive,
a synced folder, a folder IT made read-only. Issue 24: sqlite-utils' upsert fell back to
INSERT OR IGNORE there, SQLite ignored the write, COMMIT succeeded, and the edit was gone
while apply() returned normally.

Permissions are really enforced: the code runs as an unprivileged user with every
capability dropped (tests/unprivileged.py), on real SQLite in a real 0555 folder, and what
was written is read back from the disk by another process, never from memory.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from coherence_planner.storage.document import Document, read_plan
from tests.hardening.crash import base_district
from tests.unprivileged import read_only_folder, run_unprivileged, seal

EDIT = """
import os, sys
from pathlib import Path
from coherence_planner.domain.model.commands import AddItem
from coherence_planner.domain.model.items import Program
from coherence_planner.storage.document import Document
from coherence_planner.storage.errors import KnownError

if sys.argv[2] == "fool-the-check":  # as a network share or an ACL can
    os.access = lambda *args, **kwargs: True
doc = Document.open(Path(sys.argv[1]))
print("read_only", doc.read_only)
try:
    doc.apply(AddItem(Program(id="NEW", name="New program")))
    print("applied")
except KnownError as exc:
    print("refused", type(exc).__name__, exc.message)
print("in_memory", "NEW" in doc.district.items)
doc.close()
"""


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lines(out: str) -> dict[str, str]:
    return dict(line.split(" ", 1) for line in out.splitlines() if " " in line)


def make_plan(folder: Path) -> Path:
    plan = folder / "plan.coherence"
    Document.create(plan, base_district(20)).close()
    seal(folder)
    return plan


def test_an_edit_in_a_read_only_folder_is_refused_and_the_file_is_unchanged() -> None:
    with read_only_folder("Plans") as folder:
        plan = make_plan(folder)
        before = digest(plan)
        said = lines(run_unprivileged(EDIT, str(plan), "plain").stdout)
        assert said["read_only"] == "True"
        assert said["refused"] == (
            "ReadOnlyFolder Coherence Planner cannot save in “Plans” (the folder is "
            "read-only). Use File ▸ Save As… to keep your work."
        )
        assert said["in_memory"] == "False"
        assert digest(plan) == before
        assert "NEW" not in read_plan(plan).items
        assert os.listdir(folder) == ["plan.coherence"]


def test_the_write_itself_is_checked_when_the_folder_looks_writable() -> None:
    """The up-front check cannot see everything (ACLs, a share that answers access()
    wrongly); the statement, the journal and the commit are checked as well."""
    with read_only_folder("Plans") as folder:
        plan = make_plan(folder)
        before = digest(plan)
        said = lines(run_unprivileged(EDIT, str(plan), "fool-the-check").stdout)
        assert said["read_only"] == "False"
        assert said["refused"].startswith("ReadOnly"), said
        assert said["in_memory"] == "False"
        assert digest(plan) == before
        assert "NEW" not in read_plan(plan).items


KEEP = """
import sys
from pathlib import Path
from coherence_planner.domain.model.commands import AddItem, SetDistrictFields
from coherence_planner.domain.model.items import Program
from coherence_planner.storage.document import Document

doc = Document.open(Path(sys.argv[1]))
doc.apply(AddItem(Program(id="NEW", name="New program")), keep_unsaved=True)
doc.apply(SetDistrictFields({"name": "Kept"}), keep_unsaved=True)
print("unsaved", type(doc.unsaved).__name__)
copy = doc.save_as(Path(sys.argv[2]))
doc.close()
copy.apply(SetDistrictFields({"notes": "saved in the copy"}))
print("copy_unsaved", copy.unsaved)
copy.close()
"""


def test_kept_edits_reach_the_file_chosen_with_save_as(tmp_path: Path) -> None:
    with read_only_folder("Plans") as folder, read_only_folder("Mine") as mine:
        plan = make_plan(folder)
        before = digest(plan)
        mine.chmod(0o777)  # a folder the unprivileged user may write to
        said = lines(run_unprivileged(KEEP, str(plan), str(mine / "copy.coherence")).stdout)
        assert said == {"unsaved": "ReadOnlyFolder", "copy_unsaved": "None"}
        assert digest(plan) == before
        copy = read_plan(mine / "copy.coherence")
        assert "NEW" in copy.items
        assert (copy.name, copy.notes) == ("Kept", "saved in the copy")


WRITE_NEW = """
import sys
from pathlib import Path
from coherence_planner.cli import main
from coherence_planner.storage.document import Document
from coherence_planner.storage.errors import ReadOnlyLocation

folder = Path(sys.argv[1])
code = main(["check", str(folder / "plan.coherence")])
print("check", code)
try:
    Document.create(folder / "new.coherence")
except ReadOnlyLocation as exc:
    print("create", exc.message)
with Document.open(Path(sys.argv[2])) as doc:
    try:
        doc.save_copy(folder / "copy.coherence")
    except ReadOnlyLocation as exc:
        print("copy", exc.message)
"""


def test_no_new_file_is_made_in_a_read_only_folder() -> None:
    with read_only_folder("Plans") as folder, read_only_folder("Mine") as mine:
        plan = make_plan(folder)
        Document.create(mine / "source.coherence", base_district(5)).close()
        seal(mine)
        mine.chmod(0o777)
        before = digest(plan)
        said = lines(
            run_unprivileged(WRITE_NEW, str(folder), str(mine / "source.coherence")).stdout
        )

        # A new file (a plan created, a copy saved) names the file and the folder, and
        # points to a folder the person can write to: Save As is what they are doing.
        def sentence(name: str) -> str:
            return (
                f"Coherence Planner cannot write “{name}” in the folder “Plans” (the folder "
                "is read-only); save it in a folder you can write to, such as Documents."
            )

        assert {key: said.get(key) for key in ("check", "create", "copy")} == {
            "check": "0",  # reading still works
            "create": sentence("new.coherence"),
            "copy": sentence("copy.coherence"),
        }
        assert os.listdir(folder) == ["plan.coherence"]
        assert digest(plan) == before


def test_a_read_only_file_in_a_writable_folder_is_refused_by_name() -> None:
    with read_only_folder("Plans") as folder:
        plan = make_plan(folder)
        folder.chmod(0o777)
        plan.chmod(0o444)
        before = digest(plan)
        said = lines(run_unprivileged(EDIT, str(plan), "plain").stdout)
        assert said["refused"] == (
            "ReadOnlyFile Coherence Planner cannot save “plan.coherence” (the file is "
            "read-only). Use File ▸ Save As… to keep your work."
        )
        assert said["in_memory"] == "False"
        assert digest(plan) == before
