"""`coherence-planner round`: a rating round served from the command line (a laptop with no
display, and the packaged app, which cannot run `python -m coherence_planner.room.headless`).
Run here as the installed command is, in a process of its own."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

from coherence_planner.domain.retreat import room
from coherence_planner.storage.document import Document, read_plan
from coherence_planner.storage.sample import sample_district

COMMAND = [sys.executable, "-m", "coherence_planner", "round"]


def post(url: str, body: dict[str, object], token: str = "") -> dict[str, object]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["X-Member"] = token
    request = urllib.request.Request(url, json.dumps(body).encode(), headers, method="POST")
    with urllib.request.urlopen(request, timeout=10) as reply:
        found: dict[str, object] = json.loads(reply.read())
        return found


def test_a_round_served_from_the_command_line_takes_answers_into_the_plan(
    tmp_path: Path,
) -> None:
    plan = tmp_path / "retreat.coherence"
    Document.create(plan, sample_district()).close()
    server = subprocess.Popen(
        [*COMMAND, str(plan), "--programs", "P1,P2", "--title", "Reading", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = json.loads(server.stdout.readline())
        round_id = str(line["round"])
        assert round_id == "round-1" and line["code"]
        base = str(line["link"])
        token = str(post(base + "api/join", {"name": "Ana"})["token"])
        for program in ("P1", "P2"):
            body = {"program": program, "implementation": 3, "impact": "dk"}
            post(base + "api/answer", body, token)
    finally:
        server.terminate()  # SIGTERM: the same clean stop as Ctrl+C
        _out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert "Round round-1 is still open" in err and "--resume round-1" in err
    (answers,) = room.round_answers(read_plan(plan), round_id).values()  # one member's
    assert sorted(answers) == ["P1", "P2"]


def test_a_round_on_programs_the_plan_lacks_is_refused_and_opens_nothing(
    tmp_path: Path,
) -> None:
    plan = tmp_path / "retreat.coherence"
    Document.create(plan, sample_district()).close()
    before = plan.read_bytes()
    done = subprocess.run(
        [*COMMAND, str(plan), "--programs", "P1,NOPE"], capture_output=True, text=True
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "NOPE" in lines[0] and "no round was opened" in lines[0]
    assert plan.read_bytes() == before
    neither = subprocess.run([*COMMAND, str(plan)], capture_output=True, text=True)
    assert neither.returncode == 2 and "--programs" in neither.stderr
