"""The rating round on a hostile Wi-Fi: 60 members answer while a neighbour attacks it.

A headless round (the app's own store, inbox and server, in a process of its own limited to
1,024 open files, the common default, so that raising the limit cannot be what saves it)
serves the sample district. 60 simulated phones, each from an address of its own (127.0.1.N:
Linux routes all of 127/8 to this machine), join and answer `--programs` cards in turn,
waiting for "saved" before the next. Meanwhile a neighbour, in a process of its own and from
one address (127.0.0.66), holds `--idle` sockets open and sending nothing (each one the
server closes is opened again a second later) and posts `--guesses` wrong join codes a
second.

Reports per mode: members who joined, the answer time (sent to acknowledged) at the median,
99th percentile and worst, the wall time, acknowledged answers missing from the plan
afterwards, and how many bytes the server wrote to stderr. The peer is the same room without
the neighbour.

    python benchmarks/bench_room_hostile.py [--runs 3] [--members 60] [--programs 20]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import resource
import signal
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

from benchmarks.bench_room import answer_body, answers_in, stop  # noqa: E402
from coherence_planner.domain.retreat.room import Round  # noqa: E402
from coherence_planner.storage.document import Document  # noqa: E402
from coherence_planner.storage.room_store import RoundStore  # noqa: E402
from coherence_planner.storage.sample import sample_district  # noqa: E402

NEIGHBOUR = "127.0.0.66"
FILES = 1024
THINK = (0.5, 1.5)  # seconds between two answers of one member
COUNTS = {"connects": 0, "guesses": 0, "answered": 0}


# -- the neighbour (run as `--neighbour PORT IDLE GUESSES`) -----------------------------------
async def hold(port: int, stop: asyncio.Event) -> None:
    """One idle socket, opened again a second after the server closes it."""
    while not stop.is_set():
        try:
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", port, local_addr=(NEIGHBOUR, 0)
            )
            COUNTS["connects"] += 1
        except OSError:
            await asyncio.sleep(1.0)
            continue
        with contextlib.suppress(OSError):
            await reader.read()  # until the server closes it
        writer.close()
        await asyncio.sleep(1.0)


async def guess(port: int, per_second: float, stop: asyncio.Event) -> None:
    """Wrong join codes on a clock, `per_second` of them, whether or not answers come back."""
    connector = aiohttp.TCPConnector(local_addr=(NEIGHBOUR, 0), limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one() -> None:
            code = f"{random.randrange(10**6):06d}"
            with contextlib.suppress(aiohttp.ClientError, OSError):
                async with session.post(
                    f"http://127.0.0.1:{port}/join", data={"code": code}, allow_redirects=False
                ) as reply:
                    await reply.read()
                    COUNTS["answered"] += 1

        pending: set[asyncio.Task[None]] = set()
        start = time.perf_counter()
        while not stop.is_set():
            task = asyncio.create_task(one())
            pending.add(task)
            task.add_done_callback(pending.discard)
            COUNTS["guesses"] += 1
            due = start + COUNTS["guesses"] / per_second  # a clock, not a pause after each
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
        for task in list(pending):
            task.cancel()


async def neighbour(port: int, idle: int, guesses: float) -> None:
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    tasks = [asyncio.create_task(hold(port, stop)) for _ in range(idle)]
    tasks.append(asyncio.create_task(guess(port, guesses, stop)))
    start = time.perf_counter()
    await stop.wait()
    elapsed = time.perf_counter() - start
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print(json.dumps({**COUNTS, "seconds": round(elapsed, 1)}), flush=True)


# -- the members ----------------------------------------------------------------------------
async def member(base: str, n: int, programs: list[str], times: list[float]) -> tuple[bool, int]:
    """Join and answer every card; returns (joined, answers acknowledged)."""
    source = f"127.0.1.{n + 1}"
    connector = aiohttp.TCPConnector(local_addr=(source, 0), limit=6)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        token = ""
        for _ in range(10):
            try:
                async with session.post(base + "api/join", json={"name": f"Member {n}"}) as r:
                    if r.status == 200:
                        token = (await r.json())["token"]
                        break
            except (aiohttp.ClientError, TimeoutError):
                pass
            await asyncio.sleep(1.0)
        if not token:
            return False, 0
        saved = 0
        for j, program in enumerate(programs):
            body = answer_body(n, j, program)
            while True:  # a phone sends again until it hears "saved"
                start = time.perf_counter()
                try:
                    async with session.post(
                        base + "api/answer", json=body, headers={"X-Member": token}
                    ) as r:
                        await r.read()
                        ok = r.status == 200
                except (aiohttp.ClientError, TimeoutError):
                    ok = False
                times.append(time.perf_counter() - start)
                if ok:
                    saved += 1
                    break
                await asyncio.sleep(0.5)
            await asyncio.sleep(random.uniform(*THINK))
    return True, saved


async def room_load(
    base: str, members: int, programs: list[str]
) -> tuple[list[float], int, int, float]:
    times: list[float] = []
    start = time.perf_counter()
    results = await asyncio.gather(*(member(base, n, programs, times) for n in range(members)))
    wall = time.perf_counter() - start
    return times, sum(j for j, _ in results), sum(s for _, s in results), wall


def few_files() -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (FILES, FILES))


def run_once(members: int, count: int, idle: int, guesses: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "bench.coherence"
        log = Path(folder) / "stderr.log"
        with Document.create(plan, sample_district()) as document:
            programs = [i.id for i in document.district.items.values() if i.kind == "program"]
            programs = programs[:count]
            spec = Round("", "Benchmark", tuple(programs), vote=True)
            round_id = RoundStore.open(document, spec).round_id
        with log.open("wb") as err:
            server = subprocess.Popen(
                [sys.executable, "-m", "coherence_planner.room.headless", str(plan), round_id],
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
                cwd=ROOT,
                preexec_fn=few_files,
            )
        attacker = None
        try:
            assert server.stdout is not None
            line = json.loads(server.stdout.readline())
            if idle or guesses:
                # Not niced: the neighbour's work shares this machine's two processors with
                # the room (on a real Wi-Fi it would be another laptop's), the harder case.
                neighbour_args = ["--neighbour", str(line["port"]), str(idle), str(guesses)]
                attacker = subprocess.Popen(
                    [sys.executable, __file__, *neighbour_args],
                    cwd=ROOT,
                    stdout=subprocess.PIPE,
                    text=True,
                )
                time.sleep(3.0)  # the neighbour's sockets are open before the room arrives
            times, joined, acknowledged, wall = asyncio.run(
                room_load(line["link"], members, programs)
            )
        finally:
            attack = {"connects": 0, "guesses": 0, "answered": 0, "seconds": 1.0}
            if attacker is not None:
                attacker.terminate()
                out, _ = attacker.communicate()
                attack = json.loads(out.strip().splitlines()[-1])
            stop(server)
        in_plan = answers_in(plan, round_id)
        stderr_bytes = log.stat().st_size
    times.sort()
    return {
        "joined": joined,
        "acknowledged": acknowledged,
        "lost": acknowledged - in_plan,
        "p50_ms": statistics.median(times) * 1000,
        "p99_ms": times[int(0.99 * (len(times) - 1))] * 1000,
        "max_ms": times[-1] * 1000,
        "wall_s": wall,
        "stderr": stderr_bytes,
        "connects": attack["connects"],
        "guesses_s": attack["guesses"] / attack["seconds"],
        "answered_s": attack["answered"] / attack["seconds"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--members", type=int, default=60)
    parser.add_argument("--programs", type=int, default=20)
    parser.add_argument("--idle", type=int, default=2000, help="the neighbour's idle sockets")
    parser.add_argument("--guesses", type=float, default=50, help="wrong join codes a second")
    parser.add_argument("--neighbour", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.neighbour:
        port, idle, guesses = args.neighbour
        resource.setrlimit(resource.RLIMIT_NOFILE, (8192, resource.getrlimit(7)[1]))
        asyncio.run(neighbour(int(port), int(idle), float(guesses)))
        return
    print(
        "| room | members joined | p50 answer | p99 answer | worst | wall "
        "| acknowledged answers lost | server stderr |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    modes = [("quiet (peer)", 0, 0.0), ("neighbour attacking", args.idle, args.guesses)]
    for name, idle, guesses in modes:
        runs = [run_once(args.members, args.programs, idle, guesses) for _ in range(args.runs)]

        def med(key: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(r[key] for r in runs)

        print(
            f"| {name} | {min(r['joined'] for r in runs):.0f} of {args.members} "
            f"| {med('p50_ms'):.0f} ms | {med('p99_ms'):.0f} ms | {med('max_ms'):.0f} ms "
            f"| {med('wall_s'):.1f} s | {sum(r['lost'] for r in runs):.0f} of "
            f"{sum(r['acknowledged'] for r in runs):.0f} | {max(r['stderr'] for r in runs):.0f} B |"
        )
        print(
            f"  runs p99: {[round(r['p99_ms']) for r in runs]}; the neighbour's connections "
            f"{[r['connects'] for r in runs]}, wrong codes sent a second "
            f"{[round(r['guesses_s']) for r in runs]} (answered "
            f"{[round(r['answered_s']) for r in runs]})",
            flush=True,
        )


if __name__ == "__main__":
    main()
