"""A rating round kept in the open plan: members joining, answers arriving, the round closing.

Every method runs on the thread that owns the Document (the window's thread in the app, the
main thread of the headless server); the web server hands requests over through
`room.inbox`. Each write is `Document.apply`, one transaction with synchronous=FULL, so when
a method returns the answer is on the disk and the phone can be told "saved".

Answers that arrive while the previous commit is still being written are committed together
in the next transaction (group commit): each still reaches the disk before its phone hears
"saved", and a room of 30 phones does not queue 30 fsyncs behind each other (see the room
benchmark in the README).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.model.commands import Batch, Command, PutRecord
from coherence_planner.domain.retreat import room
from coherence_planner.domain.retreat.room import Answer, RoomError, Round
from coherence_planner.storage.document import Document

ROUND_LIFETIME = dt.timedelta(hours=12)  # a link older than this is dead even if still open
SECRET_BYTES = 16  # 128 random bits in every link
JOIN_CODE_DIGITS = 6


class NotAMember(RoomError):
    """The request carries no member token, or one this round does not know (or removed)."""


class RoundClosed(RoomError):
    """The round was closed (or removed from the plan) while the phone still had it open."""


class DeviceBarred(RoomError):
    """The facilitator removed the member this device joined as, and has not let it back."""


class NotLetIn(RoomError):
    """The member joined past the expected number and waits for the facilitator's OK."""


BARRED = "barred"  # in the round's record: device hash -> the name it had, for the live view
EXPECTED = "expected"  # in the round's record: how many members the facilitator expects


@dataclass(frozen=True)
class Credentials:
    """What lets a device in: the secret (in the QR code and link) and the join code."""

    secret: str
    join_code: str
    expires: dt.datetime

    def matches(self, secret: str, now: dt.datetime) -> bool:
        """Constant-time comparison, and dead after expiry."""
        return now < self.expires and hmac.compare_digest(secret.encode(), self.secret.encode())


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_credentials(now: dt.datetime) -> Credentials:
    code = f"{secrets.randbelow(10**JOIN_CODE_DIGITS):0{JOIN_CODE_DIGITS}d}"
    return Credentials(secrets.token_urlsafe(SECRET_BYTES), code, now + ROUND_LIFETIME)


@dataclass
class AnswerRequest:
    token: str
    payload: Any


class RoundStore:
    """One open round of one open Document."""

    def __init__(
        self,
        document: Document,
        round_id: str,
        *,
        clock: Callable[[], dt.datetime] = _utc_now,
    ) -> None:
        self.document = document
        self.round_id = round_id
        self.clock = clock
        self._listeners: list[Callable[[], None]] = []
        self._by_token = {m.token_hash: m.id for m in self.members() if m.token_hash}
        self._waiting = {k for k, v in self._member_records().items() if v.get("waiting")}

    # -- opening -----------------------------------------------------------------------
    @classmethod
    def open(
        cls, document: Document, round_: Round, *, clock: Callable[[], dt.datetime] = _utc_now
    ) -> RoundStore:
        """Start a new round (RoomError if the plan cannot hold it as asked)."""
        district = document.district
        round_id = round_.id or room.next_round_id(district)
        now = clock()
        opened = Round(
            round_id,
            round_.title,
            round_.programs,
            round_.scales,
            round_.vote,
            round_.anonymous,
            "open",
            now.isoformat(timespec="seconds"),
        )
        room.check_round(district, opened)
        record = {**opened.to_record(), **_credential_fields(_new_credentials(now))}
        document.apply(PutRecord(room.ROUNDS, round_id, record, text="Open a rating round"))
        return cls(document, round_id, clock=clock)

    @classmethod
    def resume(
        cls, document: Document, round_id: str, *, clock: Callable[[], dt.datetime] = _utc_now
    ) -> RoundStore:
        """Carry on with a round left open; an expired link is replaced by a new one."""
        value = document.district.record(room.ROUNDS, round_id)
        if value is None or value.get("state") != "open":
            raise RoundClosed("that round is closed or no longer in the plan")
        store = cls(document, round_id, clock=clock)
        if store.credentials() is None:
            store.renew()
        return store

    # -- the round ---------------------------------------------------------------------
    def _record(self) -> dict[str, Any]:
        value = self.document.district.record(room.ROUNDS, self.round_id)
        if value is None or value.get("state") != "open":
            raise RoundClosed("the round is closed")
        return dict(value)

    @property
    def round(self) -> Round:
        return Round.from_record(self.round_id, self._record())

    @property
    def is_open(self) -> bool:
        value = self.document.district.record(room.ROUNDS, self.round_id)
        return value is not None and value.get("state") == "open"

    def credentials(self) -> Credentials | None:
        """The live secret and join code, or None when expired (or the round closed)."""
        value = self.document.district.record(room.ROUNDS, self.round_id) or {}
        try:
            found = Credentials(
                str(value["secret"]),
                str(value["join_code"]),
                dt.datetime.fromisoformat(str(value["expires"])),
            )
        except (KeyError, ValueError):
            return None
        if value.get("state") != "open" or self.clock() >= found.expires:
            return None
        return found

    def renew(self) -> Credentials:
        """A new secret and join code: every old link stops working; phones scan again and
        carry on where they were (their member token still holds)."""
        record = self._record()
        found = _new_credentials(self.clock())
        record.update(_credential_fields(found))
        self._apply(PutRecord(room.ROUNDS, self.round_id, record, text="New link for the round"))
        return found

    def new_join_code(self) -> Credentials:
        """A new join code for the same link: the old code was guessed at too often."""
        record = self._record()
        old = self.credentials()
        if old is None:
            return self.renew()
        code = old.join_code
        while code == old.join_code:
            code = _new_credentials(self.clock()).join_code
        found = Credentials(old.secret, code, old.expires)
        record.update(_credential_fields(found))
        self._apply(PutRecord(room.ROUNDS, self.round_id, record, text="New join code"))
        return found

    def revoke_access(self) -> None:
        """Kill the secret, the join code and every token (not undoable: see close_command)."""
        record = _revoked(self._record())
        commands: list[Command] = [
            PutRecord(room.ROUNDS, self.round_id, record, text="End the round's link")
        ]
        for member_id, value in self._member_records().items():
            key = room.member_key(self.round_id, member_id)
            commands.append(PutRecord(room.ROUND_MEMBERS, key, {**value, "token": ""}, text=""))
        self.document.apply(Batch("End the round's link and tokens", commands))
        self._by_token.clear()

    def add_listener(self, listener: Callable[[], None]) -> None:
        """Call `listener()` after each write (a join, answers, a removal)."""
        self._listeners.append(listener)

    def _apply(self, command: Command) -> None:
        self.document.apply(command)
        for listener in list(self._listeners):
            listener()

    # -- members -----------------------------------------------------------------------
    def members(self) -> list[room.RoundMember]:
        return room.round_members(self.document.district, self.round_id)

    def member_for(self, token: Any) -> str:
        """The member id a phone's token belongs to, or NotAMember."""
        if not isinstance(token, str) or not token:
            raise NotAMember("join the round first")
        member = self._by_token.get(_hash(token))
        if member is None:
            raise NotAMember("this device is not in the round (removed, or never joined)")
        if member in self._waiting:
            raise NotLetIn("the facilitator has not let you in yet")
        return member

    def _member_records(self) -> dict[str, dict[str, Any]]:
        """member id -> its record, in the order they joined."""
        prefix = f"{self.round_id}|"
        return {
            key[len(prefix) :]: dict(value)
            for key, value in self.document.district.records_of(room.ROUND_MEMBERS).items()
            if key.startswith(prefix)
        }

    def join(self, name: Any, device: str = "") -> tuple[str, str]:
        """Add a member; returns (member id, token). The token is the phone's to keep.

        `device` is the phone's own cookie: a second join from it resumes the member it
        joined as (with a new token), and a device the facilitator removed is refused.
        Past the expected number of members, a new member waits for the facilitator's OK.
        """
        round_ = self.round
        record = self._record()
        device_hash = _hash(device) if device else ""
        if device_hash and device_hash in record.get(BARRED, {}):
            raise DeviceBarred(
                "the facilitator removed this device from the round; ask them to let it back in"
            )
        shown = "" if round_.anonymous else room.check_name(name)  # refused even on a resume
        records = self._member_records()
        for known, before in records.items():
            if device_hash and before.get("device") == device_hash:
                return known, self._new_token(known, before, "Rejoin the round")
        if len(records) >= room.MAX_MEMBERS:
            raise RoomError(f"the round is full ({room.MAX_MEMBERS} members)")
        taken = {str(v.get("name", "")).casefold() for v in records.values()}
        if shown and shown.casefold() in taken:
            raise RoomError(f"someone in this round already joined as {shown}; add an initial")
        member_id = secrets.token_hex(4)
        while member_id in records:
            member_id = secrets.token_hex(4)
        expected = int(record.get(EXPECTED, 0) or 0)
        let_in = sum(1 for v in records.values() if not v.get("waiting"))
        value: dict[str, Any] = {
            "name": shown,
            "joined": self.clock().isoformat(timespec="seconds"),
            "device": device_hash,
        }
        if expected and let_in >= expected:
            value["waiting"] = True
            self._waiting.add(member_id)
        return member_id, self._new_token(member_id, value, "Join the round")

    def _new_token(self, member_id: str, value: dict[str, Any], text: str) -> str:
        token = secrets.token_urlsafe(SECRET_BYTES)
        self._by_token = {h: m for h, m in self._by_token.items() if m != member_id}
        value = {**value, "token": _hash(token)}
        key = room.member_key(self.round_id, member_id)
        self._apply(PutRecord(room.ROUND_MEMBERS, key, value, text=text))
        self._by_token[value["token"]] = member_id
        return token

    def remove(self, member_id: str) -> None:
        """The facilitator removes a member: their answers go, their token dies and their
        device cannot join again until the facilitator lets it back (`let_back`)."""
        district = self.document.district
        member = self._member_records().get(member_id)
        commands: list[Command] = [room.remove_round_member(district, self.round_id, member_id)]
        if member and member.get("device"):
            shown = room.shown_names(self.round, self.members()).get(member_id, "")
            record = self._record()
            record[BARRED] = {**record.get(BARRED, {}), member["device"]: shown}
            commands.append(PutRecord(room.ROUNDS, self.round_id, record, text="Bar a device"))
        self._apply(Batch("Remove a member from the round", commands))
        self._by_token = {h: m for h, m in self._by_token.items() if m != member_id}
        self._waiting.discard(member_id)

    def barred(self) -> dict[str, str]:
        """Devices the facilitator removed: device hash -> the name they had."""
        return dict(self._record().get(BARRED, {}))

    def let_back(self, device_hash: str) -> None:
        """A removed device may join again (as a new member)."""
        record = self._record()
        record[BARRED] = {h: n for h, n in record.get(BARRED, {}).items() if h != device_hash}
        self._apply(PutRecord(room.ROUNDS, self.round_id, record, text="Let a device back"))

    def waiting(self) -> set[str]:
        """Members who joined past the expected number and wait for the facilitator."""
        return set(self._waiting)

    def let_in(self, member_id: str) -> None:
        value = self._member_records().get(member_id)
        if value is None or not value.pop("waiting", False):
            return
        key = room.member_key(self.round_id, member_id)
        self._apply(PutRecord(room.ROUND_MEMBERS, key, value, text="Let a member in"))
        self._waiting.discard(member_id)

    @property
    def expected(self) -> int:
        return int(self._record().get(EXPECTED, 0) or 0)

    def set_expected(self, count: int) -> None:
        """How many members the facilitator expects (0: no limit); later joins wait."""
        record = self._record()
        record[EXPECTED] = max(0, min(int(count), room.MAX_MEMBERS))
        self._apply(PutRecord(room.ROUNDS, self.round_id, record, text="Members expected"))

    # -- answers -----------------------------------------------------------------------
    def answer_all(self, requests: list[AnswerRequest]) -> list[Answer | RoomError]:
        """Check and store a batch of answers in one transaction.

        Each request gets its stored Answer or the RoomError that refused it (refused ones
        write nothing). If the transaction fails, this raises and nothing was stored.
        """
        round_ = self.round
        results: list[Answer | RoomError] = []
        commands: list[Command] = []
        for request in requests:
            try:
                member = self.member_for(request.token)
                answer = room.parse_answer(round_, request.payload)
            except RoomError as exc:
                results.append(exc)
                continue
            command = room.put_answer(self.document.district, self.round_id, member, answer)
            if command is not None:
                commands.append(command)
            results.append(answer)
        if len(commands) == 1:
            self._apply(commands[0])
        elif commands:
            self._apply(Batch(f"{len(commands)} answers in the round", commands))
        return results

    def answer(self, token: Any, payload: Any) -> Answer:
        result = self.answer_all([AnswerRequest(token, payload)])[0]
        if isinstance(result, RoomError):
            raise result
        return result

    def round_info(self) -> dict[str, Any]:
        """What a device that has the link but has not joined sees: the title, and whether
        to ask for a name."""
        round_ = self.round
        return {"title": round_.title, "anonymous": round_.anonymous}

    def phone_state(self, token: Any) -> dict[str, Any]:
        """Everything a member's page needs: the round, its cards and their answers so far
        (or, for a member still waiting to be let in, only that)."""
        try:
            member = self.member_for(token)
        except NotLetIn:
            return {"waiting": True, "round": {"title": self.round.title}}
        round_ = self.round
        district = self.document.district
        mine = room.round_answers(district, self.round_id).get(member, {})
        name = next((m.name for m in self.members() if m.id == member), "")
        cards = []
        for pid in round_.programs:
            item = district.items.get(pid)
            if item is None:
                continue
            cards.append({"id": pid, "name": item.name, "description": _short(item.description)})
        return {
            "round": {
                "id": self.round_id,
                "title": round_.title,
                "anonymous": round_.anonymous,
                "scales": [
                    {
                        "id": s,
                        "question": room.SCALE_QUESTIONS[s],
                        "words": list(room.SCALE_WORDS[s]),
                    }
                    for s in round_.scales
                ],
                "votes": (
                    [{"id": v, "label": room.VOTE_LABELS[v]} for v in room.VOTES]
                    if round_.vote
                    else []
                ),
                "max_reason": room.MAX_REASON,
            },
            "member": {"name": name},
            "programs": cards,
            "answers": {pid: a.to_record() for pid, a in mine.items()},
        }

    # -- closing -----------------------------------------------------------------------
    def close_command(self) -> Command:
        """The undoable step that closes the round and writes the ratings (not yet applied:
        the window pushes it on its undo stack; the headless server applies it).

        The round's access goes first, in a step of its own that no undo takes back: the
        secret, the join code and every member's token are dead for good, so undoing the
        close restores the ratings it wrote and not the way in (a resumed round gets a new
        link, and members join again from it).
        """
        self.revoke_access()
        return room.close_round(
            self.document.district, self.round, self.clock().isoformat(timespec="seconds")
        )


def _revoked(value: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in value.items() if k not in ("secret", "join_code", "expires")}


def _credential_fields(found: Credentials) -> dict[str, str]:
    return {
        "secret": found.secret,
        "join_code": found.join_code,
        "expires": found.expires.isoformat(timespec="seconds"),
    }


def _short(text: str, limit: int = 280) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
