"""Start-up loads only what the first window needs: a test that starts the app in a fresh
process and lists the modules imported before its first paint.

reportlab, matplotlib, numpy, openpyxl and sqlite-utils each cost a tenth of a second or
more to import, and the report, PDF, chart and spreadsheet-import modules pull them in;
they load when first used (printing, a chart, an import), never at start-up.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

PROBE = Path(__file__).resolve().parents[2] / "benchmarks" / "start_probe.py"
HEAVY_LIBRARIES = ("reportlab", "matplotlib", "numpy", "openpyxl", "sqlite_utils", "PIL")
LOADED_WHEN_USED = (
    "coherence_planner.reports.book.pdf",
    "coherence_planner.reports.pdf_export",
    "coherence_planner.reports.charts.image",
    "coherence_planner.ui.printing.dialog",
    "coherence_planner.ui.importing.dialog",
    "coherence_planner.storage.spreadsheets",
    # The views and parts not shown at the first paint (issue 29): made when first shown.
    "coherence_planner.ui.map.map_panel",
    "coherence_planner.ui.map.matrix",
    "coherence_planner.ui.map.theme_matrix",
    "coherence_planner.ui.map.scene",
    "coherence_planner.domain.layout.pipeline",
    "coherence_planner.ui.findings.panel",
    "coherence_planner.ui.progress.indicators",
    "coherence_planner.ui.progress.snapshots",
    "coherence_planner.ui.retreat.presenter",
    # The retreat's views, the merge and a copy's revision: when first shown or used.
    "coherence_planner.ui.retreat.decision_widgets",
    "coherence_planner.ui.retreat.decision_log",
    "coherence_planner.ui.retreat.scenarios",
    "coherence_planner.ui.retreat.ratings",
    "coherence_planner.ui.retreat.load_view",
    "coherence_planner.ui.documents.merging",
    "coherence_planner.domain.merge",
    "coherence_planner.storage.revisions",
)

# What a plan needs, and the start page does not (issue 29): storage, the district's model
# and codec, the analysis, and the Overview, Items list and Inspector, which are made just
# after the first paint.
LOADED_WITH_A_PLAN = (
    "coherence_planner.storage.document",
    "coherence_planner.storage.interchange",
    "coherence_planner.domain.model.codec",
    "coherence_planner.domain.model.district",
    "coherence_planner.domain.analysis",
    "coherence_planner.ui.findings.overview",
    "coherence_planner.ui.browse.browser",
    "coherence_planner.ui.inspect.inspector",
)


def first_paint(tmp_path: Path, which: str) -> dict[str, Any]:
    report = tmp_path / f"{which}.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    subprocess.run(
        [sys.executable, str(PROBE), which, str(report)],
        check=True,
        env=env,
        capture_output=True,
        timeout=120,
    )
    found: dict[str, Any] = json.loads(report.read_text())
    return found


def test_the_first_paint_imports_no_heavy_module(tmp_path: Path) -> None:
    found = first_paint(tmp_path, "app")
    modules = set(found["modules"])
    assert found["title"].startswith("Coherence Planner")  # the real window painted
    assert "coherence_planner.ui.shell.main_window" in modules
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY_LIBRARIES)
    assert not heavy, heavy[:10]
    early = sorted(m for m in modules if m.startswith(LOADED_WHEN_USED))
    assert not early, early


def test_the_start_page_paints_before_the_plan_machinery_loads(tmp_path: Path) -> None:
    found = first_paint(tmp_path, "app")
    assert found["title"].startswith("Coherence Planner")
    early = sorted(m for m in found["modules"] if m.startswith(LOADED_WITH_A_PLAN))
    assert not early, early


def test_the_sample_shows_before_reportlab_pil_charts_spreadsheets_and_sqlite_utils_load(
    tmp_path: Path,
) -> None:
    # The Overview's money-flow picture measures its labels with Qt's font metrics; with
    # reportlab's (issue 29) the plan's first paint waited for reportlab and PIL.
    found = first_paint(tmp_path, "sample")
    assert "Riverside" in found["title"]  # the plan is named in the title
    heavy = sorted(m for m in found["modules"] if m.split(".")[0] in HEAVY_LIBRARIES)
    assert not heavy, heavy[:10]
    early = sorted(m for m in found["modules"] if m.startswith(LOADED_WHEN_USED))
    assert not early, early


def test_the_sample_window_paints_before_its_copy_is_made_and_analysed(tmp_path: Path) -> None:
    # Issue 29: the window names the sample and says "Opening…" first; the storage, the
    # codec and the analysis load after that paint, and the findings are painted later.
    found = first_paint(tmp_path, "sample")
    assert "Riverside" in found["title"] and "Opening" in found["title"]
    early = sorted(m for m in found["modules"] if m.startswith(LOADED_WITH_A_PLAN))
    assert not early, early
    shown = found["shown"]  # the first paint with the analysis arrived
    assert shown["cpu"] > found["cpu"] and shown["seconds"] >= found["seconds"]
