"""Whether two checkouts print the same report: the sample's and a generated plan's, compared
as pdftotext's text of every page and the page count (a speed change must not move a word).

    python benchmarks/report_same_text.py /tmp/before [--sizes 2000]

Each report is written in a fresh process by each checkout's own code; the texts are compared
byte for byte. Exits 1, naming the plan, when they differ. Needs poppler's pdftotext.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_WRITE = """
import sys
from pathlib import Path
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
if sys.argv[1] == "sample":
    from coherence_planner.storage.sample import sample_district
    district = sample_district()
else:
    from benchmarks.generate_district import generate
    from coherence_planner.domain.model.codec import district_from_dict
    district = district_from_dict(generate(int(sys.argv[1]), seed=1))
print(export_pdf(district, Path(sys.argv[2]), PdfOptions(), analysis=analyse(district)))
"""


def _report(root: Path, plan: str, pdf: Path) -> tuple[int, bytes]:
    # `-c` puts the working folder first on sys.path: the package of `root` is the one run.
    done = subprocess.run(
        [sys.executable, "-c", _WRITE, plan, str(pdf)],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    pages = int(done.stdout.strip().splitlines()[-1])
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True)
    return pages, text.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="the other checkout (the code before)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[2000])
    args = parser.parse_args()
    same = True
    with tempfile.TemporaryDirectory() as tmp:
        for plan in ["sample", *map(str, args.sizes)]:
            before = _report(args.before.resolve(), plan, Path(tmp) / f"before-{plan}.pdf")
            after = _report(ROOT, plan, Path(tmp) / f"after-{plan}.pdf")
            alike = before == after
            same &= alike
            print(
                f"{plan}: {before[0]} / {after[0]} pages, text {len(before[1]):,} / "
                f"{len(after[1]):,} bytes: {'identical' if alike else 'DIFFERENT'}"
            )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
