"""The rating round under load: 30 members answer 60 programs at once on loopback.

A headless round (the app's own store, inbox and server, in its own process, as in the kill
test) serves the sample district's 60 programs. 30 simulated phones join, then each answers
every card in turn (implementation, impact and a vote per card), waiting for "saved" before
the next, all 30 at once. Reports the answer time (request sent to acknowledgement received)
at the median, 99th percentile and worst, the wall time, and how many of the 1,800
acknowledged answers are in the plan afterwards (must be all).

The peer is the same run with every answer in its own transaction (`--batch 1`), to show
what committing the answers waiting together buys.

    python benchmarks/bench_room.py [--runs 3] [--members 30] [--batch 0]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from coherence_planner.domain.retreat import room  # noqa: E402
from coherence_planner.domain.retreat.room import Round  # noqa: E402
from coherence_planner.storage.document import Document, read_plan  # noqa: E402
from coherence_planner.storage.room_store import RoundStore  # noqa: E402
from coherence_planner.storage.sample import sample_district  # noqa: E402

VOTES = ("keep", "modify", "sunset", "remove")


def answer_body(n: int, j: int, program: str) -> dict[str, object]:
    """Member n's answer to card j: both scales (a "don't know" now and then) and a vote."""
    return {
        "program": program,
        "implementation": (n + j) % 4 + 1,
        "impact": "dk" if (n * j) % 7 == 0 else (n + 2 * j) % 4 + 1,
        "vote": VOTES[(n + j) % 4],
    }


async def member(
    session: aiohttp.ClientSession, base: str, n: int, programs: list[str], times: list[float]
) -> int:
    async with session.post(base + "api/join", json={"name": f"Member {n}"}) as reply:
        token = (await reply.json())["token"]
    saved = 0
    for j, program in enumerate(programs):
        body = answer_body(n, j, program)
        start = time.perf_counter()
        async with session.post(base + "api/answer", json=body, headers={"X-Member": token}) as r:
            await r.read()
            if r.status != 200:
                raise RuntimeError(f"answer refused: {r.status}")
        times.append(time.perf_counter() - start)
        saved += 1
    return saved


async def load(base: str, members: int, programs: list[str]) -> tuple[list[float], int, float]:
    times: list[float] = []
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        start = time.perf_counter()
        saved = await asyncio.gather(
            *(member(session, base, n, programs, times) for n in range(members))
        )
        wall = time.perf_counter() - start
    return times, sum(saved), wall


def stop(server: subprocess.Popen[str]) -> None:
    server.terminate()
    server.wait()
    if server.stdout is not None:
        server.stdout.close()


def answers_in(plan: Path, round_id: str) -> int:
    """How many answers the plan holds after the round (acknowledged ones must all be)."""
    return sum(len(answers) for answers in room.round_answers(read_plan(plan), round_id).values())


def run_once(members: int, batch: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "bench.coherence"
        with Document.create(plan, sample_district()) as document:
            # All 60 of the sample's programs, the 3 retired ones too: the 60 cards.
            programs = [i.id for i in document.district.items.values() if i.kind == "program"]
            spec = Round("", "Benchmark", tuple(programs), vote=True)
            round_id = RoundStore.open(document, spec).round_id
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "coherence_planner.room.headless",
                str(plan),
                round_id,
                "--batch",
                str(batch),
            ],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        try:
            assert server.stdout is not None
            link = json.loads(server.stdout.readline())["link"]
            times, acknowledged, wall = asyncio.run(load(link, members, programs))
        finally:
            stop(server)
        in_plan = answers_in(plan, round_id)
    times.sort()
    return {
        "answers": len(times),
        "acknowledged": acknowledged,
        "in_plan": in_plan,
        "p50_ms": statistics.median(times) * 1000,
        "p99_ms": times[int(0.99 * (len(times) - 1))] * 1000,
        "max_ms": times[-1] * 1000,
        "wall_s": wall,
        "programs": len(programs),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--members", type=int, default=30)
    parser.add_argument(
        "--batch",
        type=int,
        nargs="*",
        default=[0, 1],
        help="answers per transaction: 0 = all waiting (the app), 1 = peer",
    )
    args = parser.parse_args()
    print(
        "| mode | members x programs | p50 answer | p99 answer | worst | wall | acknowledged | in the plan |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for batch in args.batch:
        runs = [run_once(args.members, batch) for _ in range(args.runs)]
        mode = "group commit (app)" if batch == 0 else f"{batch} answer(s) per transaction"

        def med(key: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(r[key] for r in runs)

        lost = sum(r["acknowledged"] - r["in_plan"] for r in runs)
        print(
            f"| {mode} | {args.members} x {runs[0]['programs']:.0f} | {med('p50_ms'):.0f} ms "
            f"| {med('p99_ms'):.0f} ms | {med('max_ms'):.0f} ms | {med('wall_s'):.1f} s "
            f"| {med('acknowledged'):.0f} | {med('in_plan'):.0f} (lost in {args.runs} runs: {lost:.0f}) |"
        )
        print(f"  runs p99: {[round(r['p99_ms']) for r in runs]}", flush=True)


if __name__ == "__main__":
    main()
