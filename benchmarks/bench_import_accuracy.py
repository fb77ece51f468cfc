"""How well the spreadsheet import reads the district inventories of the corpus (issue 23).

For each file of tests/data/import_corpus/ (and holdout/ with --holdout), runs the import
exactly as a person's command line does with no mapping (`coherence-planner import FILE
--into TMP.coherence`: the same `import_spreadsheet` the CLI calls, in process), reads the
plan it wrote back with `read_plan`, and scores it against the file's truth
(benchmarks/import_scoring.py): programs found / missed / extra by name, goal links right /
wrong / missing, money per program within $1 and per goal within 0.5%, required-by-law
lines flagged, and the import's time (median of --runs). A file the import refuses counts as
all missed, and its refusal sentence is printed.

    python benchmarks/bench_import_accuracy.py [--holdout] [--runs 3] [--json] [--details]
        [FILE ...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.import_scoring import Score, normalise, refused, score  # noqa: E402
from coherence_planner.cli.spreadsheets import import_spreadsheet  # noqa: E402
from coherence_planner.domain.model.district import District  # noqa: E402
from coherence_planner.storage.document import read_plan  # noqa: E402
from coherence_planner.storage.errors import KnownError  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "import_corpus"


def corpus_files(holdout: bool) -> list[Path]:
    """Every corpus file that has a truth file beside it, holdout last when asked for."""
    folders = [CORPUS, CORPUS / "holdout"] if holdout else [CORPUS]
    return [
        path
        for folder in folders
        for path in sorted(folder.iterdir())
        if path.suffix in (".xlsx", ".csv") and truth_path(path).exists()
    ]


def truth_path(path: Path) -> Path:
    return path.with_name(path.name + ".truth.json")


def import_once(path: Path, folder: Path) -> tuple[District | None, str, float]:
    """The plan the command line makes of the file, its refusal sentence, and the seconds."""
    target = folder / "plan.coherence"
    start = time.perf_counter()
    try:
        # A library's warnings go to the terminal, not into the figures.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import_spreadsheet(path, target, replace=True)
    except KnownError as error:
        return None, str(error), time.perf_counter() - start
    except Exception as error:  # a crash is scored as a refusal, and named as a crash
        return None, f"crashed: {type(error).__name__}: {error}", time.perf_counter() - start
    seconds = time.perf_counter() - start
    return read_plan(target), "", seconds


def measure(path: Path, runs: int) -> dict[str, Any]:
    truth = json.loads(truth_path(path).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        times, district, refusal = [], None, ""
        for _ in range(max(runs, 1)):
            district, refusal, seconds = import_once(path, Path(tmp))
            times.append(seconds)
    extra: list[str]
    if district is None:
        figures, name_right = refused(truth), False
        missed, extra = [p["name"] for p in truth["programs"]], []
    else:
        figures, missed, extra = score(district, truth)
        names = [truth["district"], *truth.get("district_also", [])] if truth["district"] else []
        name_right = normalise(district.name) in {normalise(name) for name in names}
    return {
        "file": str(path.relative_to(CORPUS)),
        "refused": refusal,
        "district_named": name_right if truth["district"] else None,
        "plan_name": district.name if district is not None else None,
        "seconds": statistics.median(times),
        "figures": figures,
        "missed": missed,
        "extra": extra,
    }


def percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def named(value: bool | None) -> str:
    return "-" if value is None else "yes" if value else "no"


def row(label: str, f: Score, seconds: float, district: str) -> str:
    links = f"{f.links_right}/{f.links_wrong}/{f.links_missing} of {f.links}"
    wrongly = f" (+{f.required_false} not required)" if f.required_false else ""
    return (
        f"| {label} | {f.programs} | {f.found} ({percent(f.found, f.programs)}) | {f.missed} "
        f"| {f.extra} | {links} | {f.money_right} of {f.programs} "
        f"| {f.goal_money_right} of {f.goals} | {f.required_flagged} of {f.required}{wrongly} "
        f"| {percent(f.money_imported, f.money_truth)} | {district} | {seconds:.2f} s |"
    )


def table(results: list[dict[str, Any]], total: Score) -> list[str]:
    lines = [
        "| file | programs | found | missed | extra | goal links right/wrong/missing "
        "| money within $1 | goals' money within 0.5% | required flagged "
        "| money imported / truth | plan named after the district | time (median) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for result in results:
        lines.append(
            row(
                f"`{result['file']}`",
                result["figures"],
                result["seconds"],
                named(result["district_named"]),
            )
        )
    right = sum(r["district_named"] is True for r in results)
    expected = sum(r["district_named"] is not None for r in results)
    lines.append(
        row("**total**", total, sum(r["seconds"] for r in results), f"{right} of {expected}")
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="corpus files (default: all)")
    parser.add_argument("--holdout", action="store_true", help="include the holdout set")
    parser.add_argument("--runs", type=int, default=3, help="imports per file, median time")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--details", action="store_true", help="list missed and extra names")
    args = parser.parse_args(argv)
    files = [path.resolve() for path in args.files] or corpus_files(args.holdout)
    results = [measure(path, args.runs) for path in files]
    total = Score()
    for result in results:
        total.add(result["figures"])
    if args.json:
        out = [{**r, "figures": r["figures"].as_dict()} for r in results]
        print(json.dumps({"files": out, "total": total.as_dict()}, indent=2))
        return 0
    print("\n".join(table(results, total)))
    for result in results:
        if result["refused"]:
            print(f"\n{result['file']}: refused: {result['refused']}")
        if args.details and not result["refused"]:
            print(f"\n{result['file']} (plan named {result['plan_name']!r})")
            print(f"  missed: {', '.join(result['missed']) or 'none'}")
            print(f"  extra: {', '.join(result['extra']) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
