"""veraPDF's PDF/UA-1 profile on the sample district's report and map, on Letter and Tabloid.

    python benchmarks/verapdf_check.py [--keep DIR]

veraPDF (the PDF Association's reference validator, a Java program) is used where it is
installed: the `verapdf` command on PATH, or the VERAPDF environment variable naming it. The
four PDFs are written with the app's own command line (`coherence-planner demo`, then
`export --report|--map --paper letter|tabloid`), each is validated with `verapdf --flavour ua1
--format json`, and every failed rule is printed with its clause, test number, description and
how many checks failed. Exit status: 0 when every PDF passes, 1 when a rule fails, 2 when
veraPDF itself could not validate a file.

Where veraPDF is not installed the script says so and exits 0: it is an optional, slower
second opinion beside the test suite's own pikepdf checker, which is what CI runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KINDS = ("report", "map")
PAPERS = ("letter", "tabloid")
NOT_INSTALLED = (
    "veraPDF is not installed (no `verapdf` on PATH and VERAPDF is not set), so the PDF/UA-1 "
    "profile was not run; the test suite's own pikepdf checker still checks the tags."
)


@dataclass(frozen=True)
class RuleFailure:
    """One rule of the profile that failed in one PDF."""

    clause: str
    test: str
    description: str
    failed_checks: int
    example: str  # the context of the first failed check veraPDF reported, if any

    def line(self) -> str:
        where = f" (first at {self.example})" if self.example else ""
        return (
            f"  {self.clause} test {self.test}: {self.description} "
            f"[{self.failed_checks} failed check(s)]{where}"
        )


def find_verapdf() -> str | None:
    """The veraPDF command: VERAPDF if it names something that runs, else `verapdf` on PATH."""
    named = os.environ.get("VERAPDF", "").strip()
    if named:
        return shutil.which(named) or (named if os.access(named, os.X_OK) else None)
    return shutil.which("verapdf")


def _results(job: dict[str, Any]) -> list[dict[str, Any]]:
    # One result per profile: a list since veraPDF 1.24, one object before.
    found = job.get("validationResult") or []
    return found if isinstance(found, list) else [found]


def failures(report: dict[str, Any]) -> tuple[list[RuleFailure], list[str]]:
    """The failed rules in veraPDF's JSON report, and the errors of jobs it could not run."""
    rules: list[RuleFailure] = []
    errors: list[str] = []
    for job in report.get("report", {}).get("jobs", []):
        if job.get("taskException") or job.get("taskResult", {}).get("exception"):
            errors.append(str(job.get("taskException") or job["taskResult"]["exception"]))
        results = _results(job)
        if not results and not errors:
            errors.append("veraPDF returned no validation result")
        for result in results:
            for rule in result.get("details", {}).get("ruleSummaries", []):
                status = str(rule.get("ruleStatus") or rule.get("status", "")).lower()
                if status not in ("failed", "fail"):
                    continue
                checks = rule.get("checks") or []
                example = str(checks[0].get("context", "")) if checks else ""
                rules.append(
                    RuleFailure(
                        clause=str(rule.get("clause", "?")),
                        test=str(rule.get("testNumber", "?")),
                        description=" ".join(str(rule.get("description", "")).split()),
                        failed_checks=int(rule.get("failedChecks", len(checks)) or 0),
                        example=example,
                    )
                )
    return rules, errors


def validate(verapdf: str, pdf: Path) -> tuple[list[RuleFailure], list[str]]:
    """Run the PDF/UA-1 profile on one PDF."""
    run = subprocess.run(
        [verapdf, "--flavour", "ua1", "--format", "json", str(pdf)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        said = (run.stderr or run.stdout).strip().splitlines()
        return [], [f"veraPDF gave no JSON report (exit {run.returncode}): {' '.join(said[-3:])}"]
    return failures(report)


def write_pdfs(folder: Path) -> list[Path]:
    """The sample's report and map on each paper, written by the app's command line."""
    cli = [sys.executable, "-m", "coherence_planner"]
    plan = folder / "sample.coherence"
    subprocess.run([*cli, "demo", "--out", str(plan)], check=True, capture_output=True)
    pdfs = []
    for kind in KINDS:
        for paper in PAPERS:
            pdf = folder / f"sample-{kind}-{paper}.pdf"
            subprocess.run(
                [*cli, "export", str(plan), str(pdf), f"--{kind}", "--paper", paper],
                check=True,
                capture_output=True,
            )
            pdfs.append(pdf)
    return pdfs


def check(verapdf: str, folder: Path) -> int:
    status = 0
    for pdf in write_pdfs(folder):
        rules, errors = validate(verapdf, pdf)
        verdict = "could not be validated" if errors else f"{len(rules)} rule(s) failed"
        print(f"{pdf.name}: {'PDF/UA-1 passes' if not rules and not errors else verdict}")
        for error in errors:
            print(f"  {error}")
        for rule in rules:
            print(rule.line())
        status = max(status, 2 if errors else 1 if rules else 0)
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the PDFs here and keep them")
    args = parser.parse_args(argv)
    verapdf = find_verapdf()
    if verapdf is None:
        print(NOT_INSTALLED)
        return 0
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        return check(verapdf, args.keep)
    with tempfile.TemporaryDirectory(prefix="verapdf-check-") as folder:
        return check(verapdf, Path(folder))


if __name__ == "__main__":
    sys.exit(main())
