"""`check` loads only what it needs: its whole-process time is the figure people feel.

Each heavy library here costs a tenth of a second or more to import, and `check` on a
10,000-program plan has a budget of one second for everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coherence_planner.storage.document import Document
from coherence_planner.storage.interchange import read_json

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "samples" / "riverside.json"
NOT_ON_THE_CHECK_PATH = ("sqlite_utils", "numpy", "reportlab", "matplotlib", "openpyxl", "PySide6")

_PROBE = """
import contextlib, io, json, sys
from coherence_planner.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    status = main(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    json.dump({"status": status, "modules": sorted(sys.modules)}, out)
"""


def modules_after(tmp_path: Path, *args: str) -> set[str]:
    report = tmp_path / "modules.json"
    subprocess.run(
        [sys.executable, "-c", _PROBE, str(report), *args], check=True, capture_output=True
    )
    found = json.loads(report.read_text())
    assert found["status"] == 0
    return {name.split(".")[0] for name in found["modules"]}


@pytest.mark.parametrize("form", ["json", "plan"])
def test_check_imports_no_heavy_library(tmp_path: Path, form: str) -> None:
    source = SAMPLE
    if form == "plan":
        source = tmp_path / "sample.coherence"
        Document.create(source, read_json(SAMPLE)).close()
    loaded = modules_after(tmp_path, "check", str(source), "--json")
    assert "coherence_planner" in loaded  # the probe really ran the command
    assert loaded.isdisjoint(NOT_ON_THE_CHECK_PATH), loaded & set(NOT_ON_THE_CHECK_PATH)


def test_svg_export_imports_no_other_command_nor_heavy_library(tmp_path: Path) -> None:
    # The 500-program map's whole `export` is held to 2x `dot -Tsvg` (issue 29): the other
    # commands' modules, the spreadsheet code and reportlab were a third of it.
    report = tmp_path / "modules.json"
    out = tmp_path / "map.svg"
    subprocess.run(
        [sys.executable, "-c", _PROBE, str(report), "export", str(SAMPLE), str(out)],
        check=True,
        capture_output=True,
    )
    found = json.loads(report.read_text())
    assert found["status"] == 0 and out.read_text().startswith("<")
    modules = set(found["modules"])
    heavy = {name.split(".")[0] for name in modules} & {*NOT_ON_THE_CHECK_PATH, "PIL"}
    assert not heavy, heavy
    # `logging` (with threading, traceback and string) is only for the PDF report's
    # matplotlib: cli/common.py quiet_library_notes.
    assert "logging" not in modules
    # A JSON district is read without sqlite3 (storage/file_kinds.py sniff, errors.classify).
    assert "sqlite3" not in modules
    others = sorted(
        m
        for m in modules
        if m.startswith(
            (
                "coherence_planner.cli.check",
                "coherence_planner.cli.importing",
                "coherence_planner.cli.diff",
                "coherence_planner.cli.spreadsheets",
                "coherence_planner.storage.spreadsheets",
            )
        )
    )
    assert not others, others


def test_svg_export_leaves_exact_fractions_to_the_crossing_benchmark(tmp_path: Path) -> None:
    # The layout counts crossings between two layers in integers; only the benchmark's
    # count on a drawing (crossings.count_crossings) needs Fraction, and `fractions` with
    # `decimal` cost the export's whole process a few milliseconds of its 2x-dot budget.
    loaded = modules_after(tmp_path, "export", str(SAMPLE), str(tmp_path / "map.svg"))
    assert "coherence_planner" in loaded  # the probe really ran the command
    assert not loaded & {"fractions", "decimal"}, loaded & {"fractions", "decimal"}
