"""What tagging the report for screen readers costs (issue 31): the tagged report against the
same report untagged, at a district's size.

    git archive 33b6cc7 | tar -x -C /tmp/untagged     # the code before tagging
    python benchmarks/bench_pdf_tags.py --untagged /tmp/untagged [--size 2000] [--runs 5]

Each run is a fresh process (the charts drawn from nothing, the peak memory the run's own),
ours and the untagged peer interleaved so both see the same load: export_pdf of the report
(analysis given), its wall time, and for ours the part spent putting the structure tree
into reportlab's document before it writes the file (tagging/structure.py; the elements
themselves are written with the pages, in the file's writing). Medians of --runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_report_peer import _OURS  # noqa: E402

# The report's run of bench_report_peer.py, with the structure tree's writing timed around
# it (the untagged peer has no tagging module) and the file's size after it.
_HOOK = """
import time
tree = {"s": 0.0}
try:
    from coherence_planner.reports.tagging import canvas as tagged
except ImportError:
    tagged = None
if tagged is not None:
    write = tagged.write_structure
    def timed(*args):
        start = time.perf_counter()
        try:
            return write(*args)
        finally:
            tree["s"] += time.perf_counter() - start
    tagged.write_structure = timed
"""
_SIZE = """
size = Path(sys.argv[2]).stat().st_size
print(json.dumps({"time": took, "tree": tree["s"], "pages": pages, "peak_mb": peak, "bytes": size}))
"""
_RUN = _HOOK + _OURS + _SIZE


def _run(code_root: Path, size: int, out: Path) -> dict[str, float]:
    # `-c` puts the working folder first on sys.path: the package of `code_root` is the one run.
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(size), str(out)],
        cwd=code_root,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--untagged", type=Path, required=True, help="the code before tagging")
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-pdf-tags-"))
    ours, peer = [], []
    for _ in range(args.runs):
        ours.append(_run(ROOT, args.size, folder / "tagged.pdf"))
        peer.append(_run(args.untagged.resolve(), args.size, folder / "untagged.pdf"))

    def median(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    t_ours, t_peer = median(ours, "time"), median(peer, "time")
    print("| programs | tagged report | of which the structure tree | untagged | overhead |")
    print("|---:|---:|---:|---:|---:|")
    print(
        f"| {args.size:,} | {t_ours:.2f} s, {ours[-1]['pages']:.0f} pages, "
        f"{median(ours, 'bytes') / 1e6:.2f} MB, {median(ours, 'peak_mb'):.0f} MB peak "
        f"| {median(ours, 'tree'):.2f} s "
        f"| {t_peer:.2f} s, {peer[-1]['pages']:.0f} pages, "
        f"{median(peer, 'bytes') / 1e6:.2f} MB, {median(peer, 'peak_mb'):.0f} MB peak "
        f"| {t_ours / t_peer - 1:+.0%} |"
    )
    print(
        "runs (tagged, untagged):",
        [(round(o["time"], 2), round(p["time"], 2)) for o, p in zip(ours, peer, strict=True)],
    )


if __name__ == "__main__":
    main()
