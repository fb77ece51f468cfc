"""A round on the sample district served on loopback, and a small HTTP client for it."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from coherence_planner.domain.room import Round, all_programs
from coherence_planner.room.headless import HeadlessRound
from coherence_planner.room.server import RoomServer
from coherence_planner.sample import sample_district
from coherence_planner.storage.document import Document
from coherence_planner.storage.room_store import RoundStore


def make_plan(path: Path, *, count: int = 6, **options: Any) -> tuple[str, list[str]]:
    """A sample-district plan with an open round on its first `count` programs."""
    with Document.create(path, sample_district()) as document:
        programs = all_programs(document.district)[:count]
        spec = Round("", options.pop("title", "Reading programs"), tuple(programs), **options)
        store = RoundStore.open(document, spec)
        return store.round_id, programs


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict[str, str]

    def json(self) -> Any:
        return json.loads(self.body)


class Client:
    """Raw HTTP against the round, so a test can send exactly the bytes it means."""

    def __init__(self, server: RoomServer) -> None:
        self.server = server
        self.prefix = urlsplit(server.link()).path  # /r/SECRET/
        self.token = ""

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=20)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return Reply(response.status, response.read(), dict(response.getheaders()))
        finally:
            conn.close()

    def api(
        self, method: str, name: str, payload: Any = None, *, prefix: str | None = None
    ) -> Reply:
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["X-Member"] = self.token
        body = None if payload is None else json.dumps(payload).encode()
        return self.request(method, f"{prefix or self.prefix}api/{name}", body, headers)

    def join(self, name: str) -> Reply:
        reply = self.api("POST", "join", {"name": name})
        if reply.status == 200:
            self.token = reply.json()["token"]
        return reply


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[HeadlessRound, list[str]]]:
    plan = tmp_path / "plan.coherence"
    round_id, programs = make_plan(plan, vote=True)
    headless = HeadlessRound(plan, round_id)
    headless.start_thread()
    yield headless, programs
    headless.stop()
