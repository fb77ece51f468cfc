"""Nobody in who does not belong: every refusal over real HTTP, and nothing written for it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from coherence_planner.domain.retreat import room
from coherence_planner.room.headless import HeadlessRound
from coherence_planner.room.join_limits import CODE_BUDGET, JoinLimiter
from coherence_planner.room.network import is_local, room_addresses
from coherence_planner.room.server import MAX_BODY, SECURITY_HEADERS, RoomServer
from coherence_planner.storage.room_store import ROUND_LIFETIME, RoundStore
from tests.room.conftest import Client

Served = tuple[HeadlessRound, list[str]]


def written(headless: HeadlessRound) -> dict[str, Any]:
    def snapshot(store: RoundStore) -> dict[str, Any]:
        records = store.document.district.records
        return {c: dict(records.get(c, {})) for c in (room.ROUND_MEMBERS, room.ROUND_ANSWERS)}

    result: dict[str, Any] = headless.call(snapshot)
    return result


def test_the_secret_is_needed_for_every_page_and_call(served: Served) -> None:
    headless, programs = served
    assert headless.server is not None
    client = Client(headless.server)
    assert client.join("Ana").status == 200
    before = written(headless)
    secret = client.prefix.split("/")[2]
    wrong = "/r/" + ("A" if secret[0] != "A" else "B") + secret[1:] + "/"
    for prefix in ("/", "/r//", wrong, "/r/" + secret[:-1] + "/", "/api/"):
        for method, name, payload in [
            ("GET", "state", None),
            ("POST", "join", {"name": "Eve"}),
            ("POST", "answer", {"program": programs[0], "impact": 1}),
        ]:
            reply = client.api(method, name, payload, prefix=prefix)
            assert reply.status in (403, 404, 405), (prefix, name, reply.status)
    for path in (wrong, wrong + "room.js", "/room.js", "/r/"):
        assert client.request("GET", path).status in (403, 404)
    assert written(headless) == before


def test_an_expired_secret_is_refused(served: Served) -> None:
    headless, _ = served
    assert headless.server is not None
    client = Client(headless.server)
    headless.server.clock = lambda: dt.datetime.now(dt.UTC) + ROUND_LIFETIME
    assert client.join("Ana").status == 403
    assert client.request("GET", client.prefix).status == 403
    assert written(headless) == {room.ROUND_MEMBERS: {}, room.ROUND_ANSWERS: {}}


def test_oversized_and_malformed_bodies_are_refused(served: Served) -> None:
    headless, programs = served
    assert headless.server is not None
    client = Client(headless.server)
    client.join("Ana")
    before = written(headless)
    json_type = {"Content-Type": "application/json", "X-Member": client.token}
    answer = f"{client.prefix}api/answer"
    huge = json.dumps(
        {"program": programs[0], "impact": 1, "vote": "keep", "reason": "x" * MAX_BODY}
    ).encode()
    for body, headers, status in [
        (huge, json_type, 413),
        (b"{not json", json_type, 400),
        (b"\xff\xfe", json_type, 400),
        (b"[1, 2]", json_type, 400),
        (b'{"program": "P1", "impact": 1}', {**json_type, "Content-Type": "text/plain"}, 400),
        (
            b'{"program": "' + programs[0].encode() + b'", "impact": 1}',
            {**json_type, "X-Member": "x"},
            401,
        ),
        (
            b'{"program": "' + programs[0].encode() + b'", "impact": 1}',
            {"Content-Type": "application/json"},
            401,
        ),
    ]:
        reply = client.request("POST", answer, body, headers)
        assert reply.status == status, (body[:30], reply.status, reply.body[:200])
    assert written(headless) == before


def test_markup_names_and_reasons_and_ids_outside_the_round_are_refused(served: Served) -> None:
    headless, programs = served
    assert headless.server is not None
    client = Client(headless.server)
    for name in ('<img src=x onerror="alert(1)">', "</title><script>x()</script>", "Ana&#60;b"):
        reply = client.join(name)
        assert reply.status == 400 and "markup" in reply.json()["error"]
    assert client.join("Ana").status == 200
    before = written(headless)
    outside = [p for p in ("P1", "P2", "P30", "P60", "G1", "S1", "POL1") if p not in programs]
    for payload in [
        {"program": programs[0], "vote": "keep", "reason": "<b>bold</b> claim"},
        {"program": programs[0], "vote": "keep", "reason": "<a href='http://x'>see</a>"},
        *({"program": p, "impact": 2} for p in outside),
        {"program": programs[0], "impact": 9},
        {"program": programs[0], "implementation": -1},
        {"program": programs[0], "vote": "abolish"},
        {"program": programs[0], "extra": 1},
    ]:
        reply = client.api("POST", "answer", payload)
        assert reply.status == 400, (payload, reply.status)
    assert written(headless) == before


def test_every_response_carries_the_strict_policy(served: Served) -> None:
    headless, _ = served
    assert headless.server is not None
    client = Client(headless.server)
    for path in ("/", client.prefix, client.prefix + "room.js", "/nothing", "/r/wrong/"):
        reply = client.request("GET", path)
        for header, value in SECURITY_HEADERS.items():
            assert reply.headers.get(header) == value, (path, header)
    page = client.request("GET", client.prefix).body.decode()
    assert "<script>" not in page and "on" + "click" not in page  # no inline script at all
    script = client.request("GET", client.prefix + "room.js").body.decode()
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script


def test_a_foreign_host_name_is_refused(served: Served) -> None:
    """A page elsewhere that points its own name at this laptop (DNS rebinding) gets nothing."""
    headless, _ = served
    assert headless.server is not None
    client = Client(headless.server)
    reply = client.request("GET", client.prefix, headers={"Host": "evil.example:80"})
    assert reply.status == 403


def test_the_join_code_leads_to_the_link_and_wrong_codes_are_rate_limited(served: Served) -> None:
    headless, _ = served
    assert headless.server is not None
    server = headless.server
    client = Client(server)
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    good = client.request("POST", "/join", f"code={server.credentials.join_code}".encode(), form)
    assert good.status == 303 and good.headers["Location"] == client.prefix
    wrong = f"{(int(server.credentials.join_code) + 1) % 10**6:06d}"
    statuses = [
        client.request("POST", "/join", f"code={wrong}".encode(), form).status for _ in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    # Even the right code waits out the minute once a device has spent its tries.
    again = client.request("POST", "/join", f"code={server.credentials.join_code}".encode(), form)
    assert again.status == 429


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def try_code(server: RoomServer, code: str, source: str) -> int:
    client = Client(server)
    client.source = source
    return client.request("POST", "/join", f"code={code}".encode(), FORM).status


def test_seven_guessing_devices_do_not_lock_the_right_code_out(served: Served) -> None:
    server = served[0].server
    assert server is not None
    wrong = f"{(int(server.credentials.join_code) + 1) % 10**6:06d}"
    for n in range(7):
        statuses = [try_code(server, wrong, f"127.0.0.{20 + n}") for _ in range(6)]
        assert statuses == [200] * 5 + [429]  # each guessing device waits, alone
    assert try_code(server, server.credentials.join_code, "127.0.0.2") == 303
    # The facilitator sees them: 35 wrong codes and 7 tries made to wait.
    assert server.limiter.summary().startswith(
        "42 join tries refused in the last ten minutes from 7 devices (6 from 127.0.0.20"
    )


def test_a_code_guessed_at_too_often_is_replaced_and_the_link_still_works(
    served: Served,
) -> None:
    headless, _ = served
    server = headless.server
    assert server is not None
    first = server.credentials
    wrong = f"{(int(first.join_code) + 1) % 10**6:06d}"
    for n in range(CODE_BUDGET):
        assert try_code(server, wrong, f"127.0.1.{n // 4 + 1}") == 200
    replaced = headless.call(lambda store: store.credentials())
    assert replaced.join_code != first.join_code and replaced.secret == first.secret
    assert server.credentials == replaced  # the server takes the new code at once
    assert try_code(server, first.join_code, "127.0.0.3") == 200  # the old code: refused
    assert try_code(server, replaced.join_code, "127.0.0.3") == 303
    assert "the join code was replaced 1 time" in server.limiter.summary()


def test_the_limiter_forgets_a_device_after_a_minute() -> None:
    now = [0.0]
    limiter = JoinLimiter(lambda: now[0])
    for _ in range(5):
        assert limiter.allowed("10.0.0.1")
        limiter.failed("10.0.0.1")
    assert not limiter.allowed("10.0.0.1") and limiter.allowed("10.0.0.2")
    now[0] = 60.0
    assert limiter.allowed("10.0.0.1")
    now[0] = 700.0
    assert limiter.summary() == ""  # ten minutes later the live view has forgotten it


@pytest.mark.parametrize(
    ("address", "local"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("192.168.1.20", True),
        ("10.1.2.3", True),
        ("172.20.0.5", True),
        ("169.254.3.4", True),
        ("::ffff:192.168.0.9", True),
        ("8.8.8.8", False),
        ("100.64.0.1", False),
        ("172.32.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("2001:db8::1", False),
        ("not an address", False),
        ("", False),
    ],
)
def test_only_the_room_counts_as_local(address: str, local: bool) -> None:
    assert is_local(address) is local


def test_every_reachable_address_is_offered_the_private_ones_first() -> None:
    found = room_addresses(
        ["127.0.0.1", "169.254.9.9", "8.8.8.8/22", "192.168.0.4/24", "192.168.0.4", "0.0.0.0"]
    )
    assert found == ["192.168.0.4/24", "169.254.9.9", "8.8.8.8/22"]


def test_a_laptop_on_a_public_network_serves_its_own_network_only(served: Served) -> None:
    headless, _ = served
    assert headless.server is not None
    inbox, credentials = headless.server.inbox, headless.server.credentials
    server = RoomServer(inbox, credentials, ["198.51.100.20/24"])  # a district's own space
    assert server.addresses == ["127.0.0.1", "198.51.100.20"] and server.reachable
    assert server.link().startswith("http://198.51.100.20:")
    assert server._in_room("198.51.100.77") and not server._in_room("198.51.101.77")
    assert not RoomServer(inbox, credentials, []).reachable
