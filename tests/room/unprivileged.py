"""A round served from a really read-only folder: the plan file stays writable, its folder is
0555, and the server runs as a user the kernel holds to that (as root: the unprivileged
`nobody` with every capability dropped, since root ignores file permissions)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from coherence_planner.storage.document import Document
from coherence_planner.storage.room_store import RoundStore
from tests.room.conftest import make_plan
from tests.room.test_kill import free_port
from tests.unprivileged import unprivileged_prefix


@dataclass
class ReadOnlyRound:
    plan: Path
    round_id: str
    programs: list[str]
    token: str  # Ana's, who joined while the folder was writable
    process: subprocess.Popen[str]
    link: str
    port: int

    @property
    def prefix(self) -> str:
        return self.link.split(str(self.port), 1)[1]

    def stop(self) -> str:
        """Stop the server; returns what it logged."""
        self.process.terminate()
        _, log = self.process.communicate(timeout=30)
        return log


def serve_read_only(folder: Path, *, count: int = 3) -> ReadOnlyRound:
    plan = folder / "plan.coherence"
    round_id, programs = make_plan(plan, count=count)
    with Document.open(plan) as document:
        _, token = RoundStore(document, round_id).join("Ana")
    plan.chmod(0o666)  # the file itself stays writable: only its folder is read-only
    folder.chmod(0o555)
    port = free_port()
    serve = ["-m", "coherence_planner.room.headless", str(plan), round_id, "--port", str(port)]
    process = subprocess.Popen(
        [*unprivileged_prefix(), sys.executable, *serve],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert process.stdout is not None
    link = json.loads(process.stdout.readline())["link"]
    return ReadOnlyRound(plan, round_id, programs, token, process, link, port)
