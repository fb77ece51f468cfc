"""`check` run as the whole process ends once its findings are out, without freeing the
plan object by object or tearing the interpreter down (0.04 s of the 1 s at 10,000
programs); called through main() with arguments it returns like any function."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

from coherence_planner.cli import main

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "samples" / "riverside.json"

# The command line's own entry (main() with no arguments), with a teardown hook that says
# whether the interpreter was torn down after the command.
_AS_INSTALLED = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("torn down\\n"))
from coherence_planner.cli import main
sys.argv = ["coherence-planner", *sys.argv[1:]]
sys.exit(main())
"""


def test_whole_process_prints_everything_then_ends_without_teardown() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _AS_INSTALLED, "check", str(SAMPLE), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "torn down" not in done.stderr
    in_process = io.StringIO()
    with contextlib.redirect_stdout(in_process):
        assert main(["check", str(SAMPLE), "--json"]) == 0
    assert json.loads(done.stdout) == json.loads(in_process.getvalue())
    assert done.stdout.endswith("}\n")  # flushed to the last line


def test_text_form_is_flushed_too() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _AS_INSTALLED, "check", str(SAMPLE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "torn down" not in done.stderr
    assert done.stdout.rstrip().splitlines()[-1].strip()  # the money section's last line
    in_process = io.StringIO()
    with contextlib.redirect_stdout(in_process):
        assert main(["check", str(SAMPLE)]) == 0
    assert done.stdout == in_process.getvalue()
