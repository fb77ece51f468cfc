"""Kill the serving process at random moments while answers arrive: every answer the server
acknowledged is in the plan afterwards, and the plan opens cleanly."""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from coherence_planner.domain.retreat import room
from coherence_planner.storage.document import read_plan
from tests.room.conftest import make_plan

MEMBERS = 6
PROGRAMS = 20
KILLS = 3


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def serve(plan: Path, round_id: str, port: int) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "coherence_planner.room.headless",
            str(plan),
            round_id,
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert process.stdout is not None
    line = json.loads(process.stdout.readline())
    assert line["port"] == port
    return process, urlsplit(line["link"]).path


def kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.stdout is not None
    process.stdout.close()


def post(port: int, path: str, body: Any, token: str = "") -> tuple[int, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        headers = {"Content-Type": "application/json", "X-Member": token}
        conn.request("POST", path, json.dumps(body).encode(), headers)
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        conn.close()


def test_every_acknowledged_answer_survives_kills(tmp_path: Path) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    plan = tmp_path / "plan.coherence"
    round_id, programs = make_plan(plan, count=PROGRAMS)
    port = free_port()
    process, prefix = serve(plan, round_id, port)
    tokens = []
    for n in range(MEMBERS):
        status, body = post(port, prefix + "api/join", {"name": f"Member {n}"})
        assert status == 200, body
        tokens.append(body["token"])

    acknowledged: dict[tuple[int, str], int] = {}
    lock = threading.Lock()
    done = threading.Event()

    def member(n: int) -> None:
        for j, program in enumerate(programs):
            value = (n + j) % 4 + 1
            while not done.is_set():
                try:
                    status, _ = post(
                        port,
                        prefix + "api/answer",
                        {"program": program, "impact": value},
                        tokens[n],
                    )
                except OSError:  # the server is down: try again, like a phone would
                    time.sleep(0.02)
                    continue
                if status == 200:
                    with lock:
                        acknowledged[(n, program)] = value
                    break
                assert status == 503, status
                time.sleep(0.02)

    at_kills: list[int] = []
    threads = [threading.Thread(target=member, args=(n,)) for n in range(MEMBERS)]
    for thread in threads:
        thread.start()
    total = MEMBERS * PROGRAMS
    # Each kill falls at a random point of the round, measured in answers acknowledged, not
    # in seconds: on a quiet machine all 120 answers arrived before a kill timed in seconds.
    kill_at = sorted(rng.sample(range(total // 10, total * 9 // 10), KILLS))
    try:
        for target in kill_at:
            while True:
                with lock:
                    if len(acknowledged) >= target:
                        break
                time.sleep(0.001)
            kill(process)
            with lock:
                at_kills.append(len(acknowledged))
            process, _ = serve(plan, round_id, port)
        for thread in threads:
            thread.join(timeout=60)
    finally:
        done.set()
        kill(process)

    assert len(acknowledged) == total, f"seed {seed}"
    # Every kill fell while answers were still arriving (not before, not after).
    assert all(0 < n < total for n in at_kills), (seed, at_kills)
    district = read_plan(plan)
    stored = room.round_answers(district, round_id)
    members = {m.name: m.id for m in room.round_members(district, round_id)}
    for (n, program), value in acknowledged.items():
        answer = stored[members[f"Member {n}"]][program]
        assert answer.scores == {"impact": value}, f"seed {seed}: {n} {program}"
