"""`check --json` prints exactly the bytes of `json.dumps(report, ensure_ascii=False,
indent=2)` and a newline, without the json module's indenting encoder, which is pure Python
(a quarter of a second for the 2.5 MB report of a 10,000-program plan): msgspec encodes and
indents it, and the json module writes only a report with a number msgspec prints otherwise.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.compare_check import odd_amounts
from benchmarks.generate_district import generate
from coherence_planner.cli.check import report_bytes
from coherence_planner.domain.analysis.coherence import analyse, check_report
from coherence_planner.storage.interchange import load_any

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "samples" / "riverside.json"

# The whole command, with the json module's indenting encoder refusing to run when asked to.
_PROBE = """
import json.encoder, sys
if sys.argv[1] == "no-python-encoder":
    def refuse(*args, **kwargs):
        raise AssertionError("the json module's Python encoder ran")
    json.encoder._make_iterencode = refuse
from coherence_planner.cli import main
sys.argv = ["coherence-planner", *sys.argv[2:]]
sys.exit(main())
"""


def expected(path: Path) -> bytes:
    district = load_any(str(path))
    report = check_report(district, analyse(district, might_compete=False))
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode()


def check_json(path: Path, mode: str) -> bytes:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, mode, "check", str(path), "--json"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def test_sample_and_generated_plans_in_c_byte_for_byte(tmp_path: Path) -> None:
    generated = tmp_path / "generated.json"
    generated.write_text(json.dumps(generate(400, seed=2)), encoding="utf-8")
    for path in (SAMPLE, generated):
        assert check_json(path, "no-python-encoder") == expected(path)


def test_amounts_msgspec_writes_otherwise_are_written_as_before(tmp_path: Path) -> None:
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps(odd_amounts(generate(200, seed=4), 4)), encoding="utf-8")
    printed = check_json(odd, "as-is")
    assert b"e-05" in printed  # an FTE of 1e-05, as Python writes it (msgspec: 0.00001)
    assert printed == expected(odd)
    district = load_any(str(odd))
    assert report_bytes(check_report(district, analyse(district, might_compete=False))) == printed


_NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e-05, 1e16, 1e22, 0.1, -0.0, 1.7976931348623157e308, 5e-324]),
)
_LEAVES = st.one_of(st.none(), st.booleans(), _NUMBERS, st.text())
_VALUES = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_any_report_value_is_the_json_modules_bytes(value: Any) -> None:
    report = {"value": value}
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    try:
        wanted = text.encode()
    except UnicodeEncodeError:  # a lone surrogate: a UTF-8 stream refused it before too
        with pytest.raises(UnicodeEncodeError):
            report_bytes(report)
        return
    assert report_bytes(report) == wanted
