"""Hostile bodies sent to every endpoint of the room: each gets an answer below 500 with the
security headers (a refusal, 4xx, wherever the body is read), and nothing is written."""

from __future__ import annotations

import json

import pytest

from coherence_planner.room.server import MAX_BODY, SECURITY_HEADERS
from tests.room.conftest import Client
from tests.room.test_security import Served, written

DEEP = 2000
BODIES = {
    "a list nested 2,000 deep": b"[" * DEEP + b"]" * DEEP,
    "an object nested 2,000 deep": b'{"a":' * DEEP + b"1" + b"}" * DEEP,
    "an answer nested 2,000 deep": b'{"program": ' + b"[" * DEEP + b"]" * DEEP + b"}",
    "10 MB": b'{"name": "' + b"x" * 10_000_000 + b'"}',
    "invalid UTF-8": b'{"name": "\xff\xfe\xc0\x80"}',
    "a lone surrogate": b'{"name": "\\ud800", "program": "\\udfff"}',
    "a number": b"12",
    "null": b"null",
    "a name that is a number": b'{"name": 5}',
    "a name that is a list": b'{"name": ["Ana"]}',
    "a program that is an object": b'{"program": {"P1": 1}, "impact": 1}',
    "a vote that is a list": b'{"program": "P1", "vote": ["keep"]}',
    "a reason that is an object": b'{"program": "P1", "vote": "keep", "reason": {"a": 1}}',
    "an impact of 1.0": b'{"program": "P1", "impact": 1.0}',
    "an impact of 400 digits": b'{"program": "P1", "impact": ' + b"9" * 400 + b"}",
    "NaN": b'{"program": "P1", "impact": NaN}',
    "a NUL": b'{"name": "\\u0000", "program": "\\u0000"}',
    "binary": bytes(range(256)) * 8,
}
CONTENT_TYPES = [
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "text/plain",
]
API = ("api/join", "api/answer")  # the endpoints that read a JSON body


@pytest.mark.parametrize("content_type", CONTENT_TYPES)
def test_every_endpoint_refuses_hostile_bodies_with_its_headers(
    served: Served, content_type: str
) -> None:
    headless, _ = served
    assert headless.server is not None
    client = Client(headless.server)
    client.join("Ana")
    before = written(headless)
    paths = ["/", "/join", "/join.css", "/nothing", "/r/wrong/api/answer"] + [
        client.prefix + rest
        for rest in ("", "room.js", "room.css", "api/round", "api/state", *API, "api/nothing")
    ]
    headers = {"Content-Type": content_type, "X-Member": client.token}
    wrong = []
    for what, body in BODIES.items():
        for path in paths:
            for method in ("POST", "PUT", "GET"):
                reply = client.request(method, path, body, headers)
                refused = 400 <= reply.status < 500
                fine = refused or (reply.status < 400 and not path.endswith(API))
                if not fine or any(reply.headers.get(k) != v for k, v in SECURITY_HEADERS.items()):
                    wrong.append((what, method, path, reply.status))
    assert wrong == []
    assert written(headless) == before


def test_a_deep_json_is_refused_in_one_sentence(served: Served) -> None:
    headless, _ = served
    assert headless.server is not None
    client = Client(headless.server)
    client.join("Ana")
    body = b"[" * DEEP + b"]" * DEEP
    assert len(body) <= MAX_BODY  # small enough to be read: the parser meets the depth
    for name in API:
        reply = client.request(
            "POST",
            client.prefix + name,
            body,
            {"Content-Type": "application/json", "X-Member": client.token},
        )
        assert reply.status == 400
        assert json.loads(reply.body) == {"error": "the request is nested too deeply"}
