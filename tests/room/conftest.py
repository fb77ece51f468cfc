"""A round on the sample district served on loopback, and a small HTTP client for it."""

from __future__ import annotations

import http.client
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from coherence_planner.domain.model.codec import district_from_dict, district_to_dict
from coherence_planner.domain.model.district import District
from coherence_planner.domain.retreat.room import Round, all_programs
from coherence_planner.room.headless import HeadlessRound
from coherence_planner.room.server import RoomServer
from coherence_planner.storage.document import Document
from coherence_planner.storage.room_store import RoundStore
from coherence_planner.storage.sample import sample_district


def renamed(district: District, ids: dict[str, str]) -> District:
    """The district with items renamed (old id -> new id), in its links too."""

    def rename(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: rename(v) for k, v in value.items()}
        if isinstance(value, list):
            return [rename(v) for v in value]
        return ids.get(value, value) if isinstance(value, str) else value

    return district_from_dict(rename(district_to_dict(district)))


def make_plan(
    path: Path, *, count: int = 6, district: District | None = None, **options: Any
) -> tuple[str, list[str]]:
    """A plan (the sample district unless given) with an open round on its first `count`
    programs."""
    with Document.create(path, district or sample_district()) as document:
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
        self.source = "127.0.0.1"  # another 127.0.0.N plays another device in the room
        self.cookie = ""  # the device cookie the server set at the first join

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.server.port, timeout=20, source_address=(self.source, 0)
        )
        headers = dict(headers or {})
        if self.cookie:
            headers["Cookie"] = self.cookie
        try:
            conn.request(method, path, body=body, headers=headers)
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
        if "Set-Cookie" in reply.headers:
            self.cookie = reply.headers["Set-Cookie"].split(";", 1)[0]
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


@pytest.fixture
def plan_folder() -> Iterator[Path]:
    """A folder that the unprivileged user of tests/room/unprivileged.py can reach
    (tmp_path's parents are 0700)."""
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("as root, needs setpriv to run the server as an unprivileged user")
    folder = Path("/tmp") / f"room-readonly-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)
