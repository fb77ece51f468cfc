"""The `export` command as the whole process: it ends once the file is written, without
tearing the interpreter down (cli/export.py; issue 29's SVG export against `dot -Tsvg`),
and the PDF report, the one export that loads matplotlib, keeps its notes to itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "samples" / "riverside.json"

# The command line's own entry (main() with no arguments), with a teardown hook that says
# whether the interpreter was torn down after the command, and what it had imported.
_AS_INSTALLED = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("torn down\\n"))
from coherence_planner.cli import main
sys.argv = ["coherence-planner", *sys.argv[1:]]
try:
    code = main()
finally:
    sys.stderr.write(f"logging loaded: {'logging' in sys.modules}\\n")
sys.exit(code)
"""


def export(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _AS_INSTALLED, "export", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def test_svg_export_ends_once_written_without_logging(tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    done = export(str(SAMPLE), str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Wrote {out}\n"  # flushed before the process ended
    assert out.read_text(encoding="utf-8").endswith("</svg>\n")
    # Ended at once: neither the atexit hook nor the line after main() ran.
    assert done.stderr == "", done.stderr


def test_a_refused_export_returns_and_says_one_line(tmp_path: Path) -> None:
    done = export(str(SAMPLE), str(tmp_path / "map.txt"))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "coherence-planner: map.txt: cannot export to .txt "
        "(choose .csv, .json, .pdf, .png, .svg, .xlsx)",
        "logging loaded: False",
        "torn down",
    ]


def test_pdf_report_keeps_matplotlibs_notes_to_itself(tmp_path: Path) -> None:
    # A config folder matplotlib cannot make its cache in (a file, so not even root can):
    # matplotlib says so through logging, which the command silences.
    config = tmp_path / "config"
    config.write_text("not a folder")
    env = {**os.environ, "MPLCONFIGDIR": str(config)}
    out = tmp_path / "report.pdf"
    done = export(str(SAMPLE), str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert done.stderr == "", done.stderr
