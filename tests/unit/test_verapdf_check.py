"""benchmarks/verapdf_check.py: a clear word where veraPDF is missing, and each failed rule
of its PDF/UA-1 report printed where it runs (here a stand-in `verapdf` that checks how it is
called and answers in veraPDF's JSON report format)."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest

from benchmarks import verapdf_check

REPORT = {
    "report": {
        "jobs": [
            {
                "itemDetails": {"name": "x.pdf"},
                "validationResult": [
                    {
                        "profileName": "PDF/UA-1 validation profile",
                        "compliant": False,
                        "details": {
                            "failedRules": 1,
                            "ruleSummaries": [
                                {
                                    "ruleStatus": "FAILED",
                                    "specification": "ISO 14289-1:2014",
                                    "clause": "7.18.5",
                                    "testNumber": 1,
                                    "status": "failed",
                                    "failedChecks": 2,
                                    "description": "Links shall be tagged",
                                    "checks": [{"context": "root/document[0]/pages[0]"}],
                                },
                                {"ruleStatus": "PASSED", "clause": "7.1", "testNumber": 3},
                            ],
                        },
                    }
                ],
            }
        ]
    }
}


def test_without_verapdf_it_says_so_and_exits_0(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.delenv("VERAPDF", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert verapdf_check.main([]) == 0
    assert "veraPDF is not installed" in capsys.readouterr().out


def test_each_failed_rule_of_each_pdf_is_printed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    calls = tmp_path / "calls"
    fake = tmp_path / "verapdf"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        f"open({str(calls)!r}, 'a').write(' '.join(sys.argv[1:5]) + ' '"
        " + open(sys.argv[5], 'rb').read(5).decode() + '\\n')\n"
        f"print({json.dumps(json.dumps(REPORT))})\n"
    )
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("VERAPDF", str(fake))
    assert verapdf_check.main(["--keep", str(tmp_path / "pdfs")]) == 1
    out = capsys.readouterr().out
    assert calls.read_text().splitlines() == ["--flavour ua1 --format json %PDF-"] * 4
    for name in ("report-letter", "report-tabloid", "map-letter", "map-tabloid"):
        assert f"sample-{name}.pdf: 1 rule(s) failed" in out
    assert out.count("7.18.5 test 1: Links shall be tagged [2 failed check(s)]") == 4
    assert "7.1 test 3" not in out  # a rule that passed is not a failure
