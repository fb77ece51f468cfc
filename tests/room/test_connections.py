"""One laptop on a hostile Wi-Fi cannot use up the round's sockets or flood its log (issue 28).

Sockets from other "devices" come from other loopback addresses (127.0.0.N: Linux routes all
of 127/8 to this machine), so the caps per address are really exercised."""

from __future__ import annotations

import json
import resource
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coherence_planner.room.connections import Limits, raise_file_limit
from coherence_planner.room.headless import HeadlessRound
from tests.room.conftest import Client, make_plan

ROOT = Path(__file__).resolve().parents[2]


def connect(port: int, source: str = "127.0.0.1") -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((source, 0))
    sock.settimeout(10)
    sock.connect(("127.0.0.1", port))
    return sock


def closed_by_server(sock: socket.socket, within: float) -> bool:
    """True if the server closes `sock` within `within` seconds (reads past any answer)."""
    sock.settimeout(within)
    try:
        while True:
            data = sock.recv(65536)
            if not data:
                return True
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


@pytest.fixture
def quick(tmp_path: Path) -> Iterator[HeadlessRound]:
    plan = tmp_path / "plan.coherence"
    round_id, _ = make_plan(plan, count=2)
    limits = Limits(header_timeout=1.0, idle_timeout=1.5, request_timeout=2.0, per_address=4)
    headless = HeadlessRound(plan, round_id, limits=limits)
    headless.start_thread()
    yield headless
    headless.stop()


def test_a_header_never_finished_is_closed(quick: HeadlessRound) -> None:
    assert quick.server is not None
    with connect(quick.server.port) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # and nothing more
        assert closed_by_server(sock, 4.0)


def test_an_idle_kept_alive_connection_is_closed(quick: HeadlessRound) -> None:
    assert quick.server is not None
    with connect(quick.server.port) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        assert closed_by_server(sock, 4.0)


def test_past_the_cap_of_an_address_its_oldest_idle_connection_goes(
    quick: HeadlessRound,
) -> None:
    server = quick.server
    assert server is not None
    held = [connect(server.port, "127.0.0.9") for _ in range(6)]
    deadline = time.monotonic() + 5
    while len(server.guard) and server.guard.count("127.0.0.9") > 4:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert closed_by_server(held[0], 0.5) and closed_by_server(held[1], 0.5)
    assert not closed_by_server(held[-1], 0.2)
    member = Client(server)
    assert member.join("Ana").status == 200  # another device is not slowed at all
    for sock in held:
        sock.close()


def test_the_soft_file_limit_is_raised_where_the_system_allows() -> None:
    script = (
        "import resource;from coherence_planner.room.connections import raise_file_limit;"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (256, 2048));"
        "print(raise_file_limit(), resource.getrlimit(resource.RLIMIT_NOFILE)[0])"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.split() == ["2048", "2048"]
    assert raise_file_limit() is not None  # this process: read, and kept as it is or raised


def _serve_with_few_files(tmp_path: Path) -> tuple[subprocess.Popen[bytes], dict[str, str], Path]:
    """The headless server in a process limited to 256 open files, as on a Mac."""
    plan = tmp_path / "plan.coherence"
    round_id, _ = make_plan(plan, count=2)
    log = tmp_path / "stderr.log"

    def few_files() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))

    with log.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "coherence_planner.room.headless", str(plan), round_id],
            stdout=subprocess.PIPE,
            stderr=err,
            cwd=ROOT,
            preexec_fn=few_files,
        )
    assert process.stdout is not None
    return process, json.loads(process.stdout.readline()), log


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.communicate(timeout=30)


def test_idle_sockets_from_many_addresses_do_not_lock_a_phone_out(tmp_path: Path) -> None:
    process, line, _ = _serve_with_few_files(tmp_path)
    port = int(line["port"])
    held: list[socket.socket] = []
    try:
        for n in range(600):  # 30 neighbours holding 20 idle sockets each, 2.3 times the limit
            try:
                held.append(connect(port, f"127.0.1.{n // 20 + 1}"))
            except OSError:
                break  # today's server stops accepting; the phone below cannot join either
        sock = connect(port)
        held.append(sock)
        prefix = line["link"].split(str(port), 1)[1]
        body = b'{"name": "Ana"}'
        sock.sendall(
            f"POST {prefix}api/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
            f"application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        sock.settimeout(5)
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")
    finally:
        for sock in held:
            sock.close()
        stop(process)


def test_an_attack_of_malformed_requests_writes_a_few_lines_not_one_each(tmp_path: Path) -> None:
    process, line, log = _serve_with_few_files(tmp_path)
    port = int(line["port"])
    try:
        for _ in range(300):  # a header line over aiohttp's 8 KB: logged with its traceback
            with connect(port, "127.0.0.7") as sock:
                sock.sendall(
                    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: " + b"a" * 9000 + b"\r\n\r\n"
                )
                closed_by_server(sock, 5.0)
    finally:
        stop(process)
    size = log.stat().st_size
    assert 0 < size < 10_000, f"{size} bytes of log for 300 bad requests"
