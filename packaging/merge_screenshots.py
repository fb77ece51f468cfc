"""Screenshots of File ▸ Merge a Copy… at 1366x768: the three-copies story of issue 30.

The sample plan travels as three file copies: the finance office fills in costs, the
assistant superintendent relinks programs, a principal adds the school's interventions;
meanwhile the plan at the district office changes too (a cost the finance office also
changed, a program it retired and finance still costed). The window then merges each copy:
the dialog with its conflicts and its changes, and the plan after the merges.

Run under a virtual display the size of a small laptop:
    xvfb-run -a -s "-screen 0 1366x768x24" python packaging/merge_screenshots.py
Settings and plans live in a temporary folder; nothing of the user's is touched.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from shots import screenshot_app, settle


def _ids(district: Any, kind: str) -> list[str]:
    return [item.id for item in district.items_of(kind)]


def make_copies(plan: Path) -> dict[str, Path]:
    """Three file copies of `plan`, each edited the way its owner would."""
    from coherence_planner.domain.model.commands import AddItem, AddLink, RemoveLink, SetItemFields
    from coherence_planner.domain.model.items import Link, Program
    from coherence_planner.storage.document import Document

    copies = {
        name: plan.with_name(f"{name}.coherence")
        for name in ("Finance office", "Assistant superintendent", "Lincoln Elementary")
    }
    for path in copies.values():
        shutil.copyfile(plan, path)
    with Document.open(copies["Finance office"]) as doc:
        d = doc.district
        programs = _ids(d, "program")
        for n, cost in ((0, 412_000), (2, 96_500), (3, 58_000), (7, 240_000), (9, 31_000)):
            doc.apply(SetItemFields(d, programs[n], {"annual_cost": cost}))
        doc.apply(
            SetItemFields(
                d,
                programs[4],
                {"decision": "sunset", "decided_by": "Finance office", "decided_on": "2026-12-03"},
            )
        )
        doc.apply(SetItemFields(d, programs[11], {"funding_source": "Title I"}))
    with Document.open(copies["Assistant superintendent"]) as doc:
        d = doc.district
        links = [link for link in d.ordered_links() if link.kind == "supports"]
        doc.apply(RemoveLink(d, links[3].key))
        strategies = _ids(d, "strategy")
        doc.apply(AddLink(d, Link(links[3].src, strategies[-1], strength="strong")))
        doc.apply(RemoveLink(d, links[8].key))
    with Document.open(copies["Lincoln Elementary"]) as doc:
        d = doc.district
        strategy = _ids(d, "strategy")[0]
        for n, (name, cost) in enumerate(
            (("Lincoln reading buddies", 4_000), ("Lincoln attendance calls", 2_500))
        ):
            item = Program(
                f"P{900 + n}", name, type="intervention", tier=2, annual_cost=cost,
                schools=["Lincoln Elementary"],
            )  # fmt: skip
            doc.apply(AddItem(item))
            doc.apply(AddLink(d, Link(item.id, strategy)))
    return copies


def main(argv: list[str] | None = None) -> int:
    with screenshot_app(__doc__, argv) as env:
        app, out = env.app, env.out
        from coherence_planner.domain.merge import MINE, THEIRS
        from coherence_planner.domain.model.commands import RemoveItems, SetItemFields
        from coherence_planner.storage.document import Document
        from coherence_planner.storage.revisions import record
        from coherence_planner.storage.sample import sample_district
        from coherence_planner.ui.documents.merge_dialog import MergeDialog
        from coherence_planner.ui.shell.main_window import MainWindow

        plan = env.temp / "Riverside plan.coherence"
        with Document.create(plan, sample_district()) as doc:
            record(doc, "sent for review")
        copies = make_copies(plan)

        # Meanwhile at the district office (before the window opens it): a cost the finance
        # office also changed, a decision it took otherwise, a program it still costed gone.
        with Document.open(plan) as doc:
            d = doc.district
            programs = _ids(d, "program")
            doc.apply(SetItemFields(d, programs[0], {"annual_cost": 398_000}))
            decided = {"decision": "keep", "decided_by": "Cabinet", "decided_on": "2026-12-02"}
            doc.apply(SetItemFields(d, programs[4], decided))
            doc.apply(RemoveItems(d, [programs[11]]))

        window = MainWindow()
        window.setWindowState(Qt.WindowState.WindowNoState)
        window.resize(1366, 768)
        window.move(0, 0)
        window.show()
        window.documents.open_plan(plan)
        session = window.session
        window.show_view(window.map_panel)
        while session.analysis_pending:
            settle(app)
        settle(app, 60)
        window.map_panel.view.fit()

        def screen(name: str) -> None:
            while session.analysis_pending:  # the findings and the map caught up
                settle(app)
            settle(app, 60)
            target = out / f"{name}-1366x768.png"
            QApplication.primaryScreen().grabWindow(0).save(str(target))
            print(f"wrote {target}")

        def finance(dialog: MergeDialog) -> int:
            dialog.show()
            dialog.move(
                (1366 - dialog.frameGeometry().width()) // 2,
                (768 - dialog.frameGeometry().height()) // 2,
            )
            first = dialog.merged.conflicts[0].key
            dialog.choose(first, THEIRS)
            screen("merge-conflicts")
            dialog.tabs.setCurrentIndex(1)
            screen("merge-changes")
            dialog.choose_all(MINE)
            dialog.choose(first, THEIRS)
            dialog.hide()
            return QDialog.DialogCode.Accepted

        def take_all(dialog: MergeDialog) -> int:
            dialog.choose_all(THEIRS)
            return QDialog.DialogCode.Accepted

        MergeDialog.exec = finance  # type: ignore[method-assign]
        window.files.merging.merge_copy(copies["Finance office"])
        MergeDialog.exec = take_all  # type: ignore[method-assign]
        for name in ("Assistant superintendent", "Lincoln Elementary"):
            window.files.merging.merge_copy(copies[name])
        while session.analysis_pending:
            settle(app)
        window.map_panel.view.fit()
        screen("merge-done")
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
