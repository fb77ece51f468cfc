"""A rating round: the cabinet rates and votes on a set of programs from their own devices.

The facilitator opens a round on some programs (a goal's line of sight, the removal
candidates, a competing group or a hand-picked list) with some scales and, optionally, a
keep / modify / sunset / remove vote. Members join from a phone and answer card by card;
each answer is a record in the plan the moment it arrives, and closing the round turns the
answers into the cabinet's ratings (`ratings.py`).

This module is the round's rules with no I/O: what a round and an answer are, how an answer
from a phone is checked (it is input from a stranger on the network until proven otherwise),
the live spread and tally, and the command that writes the results.

Records (one JSON value per key, see storage/schema.py):
- `rounds`, key ROUND: the round (`Round.to_record`), its secret and join code while open.
- `round_members`, key ROUND|MEMBER: {"name", "token" (a SHA-256 of the phone's token),
  "joined"}; MEMBER is a short random id that never leaves the app except to its phone.
- `round_answers`, key ROUND|MEMBER|PROGRAM: {scale: 1-4 or "dk", "vote", "reason"}.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.model.commands import Batch, Command, DeleteRecord, PutRecord
from coherence_planner.domain.model.district import District
from coherence_planner.domain.retreat import ratings as R

ROUNDS = "rounds"
ROUND_MEMBERS = "round_members"
ROUND_ANSWERS = "round_answers"

# The scales a round can ask, each 1-4 with words a member reads on the card.
SCALE_WORDS: dict[str, tuple[str, str, str, str]] = {
    "implementation": (
        "Not really started",
        "Started in some places",
        "Mostly in place",
        "Fully in place, as designed",
    ),
    "impact": (
        "No visible effect on students",
        "Some effect",
        "Clear effect",
        "Strong effect on students",
    ),
}
SCALE_QUESTIONS = {
    "implementation": "How well is it implemented?",
    "impact": "What does it do for students?",
}
ROUND_SCALES = tuple(SCALE_WORDS)
VOTES = ("keep", "modify", "sunset", "remove")
VOTE_LABELS = {"keep": "Keep", "modify": "Modify", "sunset": "Sunset", "remove": "Remove"}

# Bounds on what a phone may send: a name, a reason, a round's size, a room's size.
MAX_NAME = 40
MAX_REASON = 200
MAX_PROGRAMS = 200
MAX_MEMBERS = 60
ANSWER_KEYS = frozenset({"program", *ROUND_SCALES, "vote", "reason"})


class RoomError(ValueError):
    """An answer, a name or a round the rules refuse; the message says what and where."""


@dataclass(frozen=True)
class Round:
    """What the facilitator chose. `programs` keeps the order the cards are shown in."""

    id: str
    title: str
    programs: tuple[str, ...]
    scales: tuple[str, ...] = ROUND_SCALES
    vote: bool = False
    anonymous: bool = False
    state: str = "open"  # open / closed
    opened: str = ""  # ISO date-time
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_record(self) -> dict[str, Any]:
        return {
            **self.extra,
            "title": self.title,
            "programs": list(self.programs),
            "scales": list(self.scales),
            "vote": self.vote,
            "anonymous": self.anonymous,
            "state": self.state,
            "opened": self.opened,
        }

    @classmethod
    def from_record(cls, round_id: str, value: dict[str, Any]) -> Round:
        known = {"title", "programs", "scales", "vote", "anonymous", "state", "opened"}
        return cls(
            round_id,
            str(value.get("title", "")),
            tuple(str(p) for p in value.get("programs", [])),
            tuple(s for s in value.get("scales", ROUND_SCALES) if s in SCALE_WORDS),
            bool(value.get("vote", False)),
            bool(value.get("anonymous", False)),
            str(value.get("state", "open")),
            str(value.get("opened", "")),
            {k: v for k, v in value.items() if k not in known},
        )


def check_round(district: District, round_: Round) -> None:
    """Refuse a round that asks nothing or names anything but live programs."""
    if not round_.programs:
        raise RoomError("pick at least one program for the round")
    if len(round_.programs) > MAX_PROGRAMS:
        raise RoomError(f"a round can hold at most {MAX_PROGRAMS} programs")
    if len(set(round_.programs)) != len(round_.programs):
        raise RoomError("a program is in the round twice")
    for pid in round_.programs:
        item = district.items.get(pid)
        if item is None or item.kind != "program":
            raise RoomError(f"{pid!r} is not a program of this plan")
    if not round_.scales and not round_.vote:
        raise RoomError("ask at least one scale or the vote")
    for scale in round_.scales:
        if scale not in SCALE_WORDS:
            raise RoomError(f"unknown scale {scale!r}; use {', '.join(ROUND_SCALES)}")


def rounds(district: District) -> list[Round]:
    return [Round.from_record(k, v) for k, v in district.records_of(ROUNDS).items()]


def open_rounds(district: District) -> list[Round]:
    """Rounds left open (the app was closed or killed during one): they can be resumed."""
    return [r for r in rounds(district) if r.state == "open"]


def next_round_id(district: District) -> str:
    taken = set(district.records_of(ROUNDS))
    n = len(taken) + 1
    while f"round-{n}" in taken:
        n += 1
    return f"round-{n}"


# -- choosing the programs -------------------------------------------------------------
def line_of_sight(district: District, analysis: Analysis, goal_id: str) -> list[str]:
    """The live programs that serve a goal, directly or through a strategy."""
    return [
        item.id
        for item in district.items.values()
        if item.kind == "program" and item.live and goal_id in analysis.goals_of.get(item.id, ())
    ]


def removal_programs(analysis: Analysis) -> list[str]:
    return [c.id for c in analysis.removal_candidates if c.kind == "program"]


def all_programs(district: District) -> list[str]:
    return [i.id for i in district.items.values() if i.kind == "program" and i.live]


# -- what a phone sends ----------------------------------------------------------------
def _clean_text(value: Any, what: str, limit: int) -> str:
    """One line of plain text: no control characters, at most `limit` characters.

    Text that looks like markup (a tag or an entity) is refused, and every place that shows a
    name or a reason (the page, the window, the PDF) shows it as plain text anyway: the two
    together mean no phone can put markup into the app, the map or the report. Control and
    formatting characters are refused because they can reorder or hide text on a screen.
    """
    if not isinstance(value, str):
        raise RoomError(f"the {what} must be text")
    text = " ".join(value.split())
    if len(text) > limit:
        raise RoomError(f"the {what} is longer than {limit} characters")
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            raise RoomError(f"the {what} holds a character that cannot be shown (U+{ord(ch):04X})")
    found = _MARKUP.search(text)
    if found:
        raise RoomError(f"the {what} looks like markup ({found.group(0)}); type plain text")
    return text


# A tag (<b, </, <!, <?) or a character entity (&amp; &#60;): "costs > benefits" stays fine.
_MARKUP = re.compile(r"<[A-Za-z/!?]|&(#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


def check_name(value: Any) -> str:
    """A member's name as typed on the phone, or RoomError."""
    name = _clean_text(value, "name", MAX_NAME)
    if not name:
        raise RoomError("type your name")
    if "|" in name:
        raise RoomError("a name cannot contain '|'")
    return name


@dataclass(frozen=True)
class Answer:
    """One member's answer on one program's card. None leaves a question unanswered."""

    program: str
    scores: dict[str, int | str]  # scale -> 1-4 or "dk"
    vote: str | None = None
    reason: str = ""

    def to_record(self) -> dict[str, Any]:
        value: dict[str, Any] = dict(self.scores)
        if self.vote is not None:
            value["vote"] = self.vote
        if self.reason:
            value["reason"] = self.reason
        return value

    @classmethod
    def from_record(cls, program: str, value: dict[str, Any]) -> Answer:
        scores = {s: value[s] for s in ROUND_SCALES if s in value}
        return cls(program, scores, value.get("vote"), str(value.get("reason", "")))


def parse_answer(round_: Round, payload: Any) -> Answer:
    """The answer a phone sent, checked against the round; RoomError names what is wrong."""
    if not isinstance(payload, dict):
        raise RoomError("an answer must be a JSON object")
    unknown = sorted(str(k) for k in payload if k not in ANSWER_KEYS)
    if unknown:
        raise RoomError(f"unknown field {unknown[0]!r} in the answer")
    program = payload.get("program")
    if not isinstance(program, str) or program not in round_.programs:
        raise RoomError("the answer names a program that is not in this round")
    scores: dict[str, int | str] = {}
    for scale in ROUND_SCALES:
        if scale not in payload or payload[scale] is None:
            continue
        if scale not in round_.scales:
            raise RoomError(f"this round does not ask about {scale}")
        value = payload[scale]
        if value == R.DONT_KNOW:
            scores[scale] = R.DONT_KNOW
        elif isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 4:
            scores[scale] = value
        else:
            raise RoomError(f"{scale} must be 1 to 4 or don't know")
    vote = payload.get("vote")
    reason = payload.get("reason", "")
    if (vote is not None or reason) and not round_.vote:
        raise RoomError("this round has no vote")
    if vote is not None and vote not in VOTES:
        raise RoomError(f"the vote must be one of {', '.join(VOTES)}")
    reason = _clean_text(reason if reason is not None else "", "reason", MAX_REASON)
    return Answer(program, scores, vote, reason)


# -- the records -----------------------------------------------------------------------
def member_key(round_id: str, member_id: str) -> str:
    return f"{round_id}|{member_id}"


def answer_key(round_id: str, member_id: str, program: str) -> str:
    return f"{round_id}|{member_id}|{program}"


@dataclass(frozen=True)
class RoundMember:
    id: str
    name: str  # "" in an anonymous round
    token_hash: str
    joined: str


def round_members(district: District, round_id: str) -> list[RoundMember]:
    """The round's members in the order they joined."""
    prefix = f"{round_id}|"
    return [
        RoundMember(
            key[len(prefix) :], str(v.get("name", "")), str(v.get("token", "")), str(v["joined"])
        )
        for key, v in district.records_of(ROUND_MEMBERS).items()
        if key.startswith(prefix)
    ]


def round_answers(district: District, round_id: str) -> dict[str, dict[str, Answer]]:
    """member id -> program -> answer."""
    found: dict[str, dict[str, Answer]] = {}
    prefix = f"{round_id}|"
    for key, value in district.records_of(ROUND_ANSWERS).items():
        if key.startswith(prefix):
            member, program = key[len(prefix) :].split("|", 1)
            found.setdefault(member, {})[program] = Answer.from_record(program, value)
    return found


def put_answer(district: District, round_id: str, member_id: str, answer: Answer) -> Command | None:
    """Store an answer (replacing the member's earlier one); an empty answer clears it.

    None when there is nothing to change (clearing an answer never given).
    """
    key = answer_key(round_id, member_id, answer.program)
    value = answer.to_record()
    if value:
        return PutRecord(ROUND_ANSWERS, key, value, text="Answer in the round")
    if district.record(ROUND_ANSWERS, key) is None:
        return None
    return DeleteRecord(ROUND_ANSWERS, key, text="Clear an answer")


def remove_round_member(district: District, round_id: str, member_id: str) -> Command:
    """Remove a member from the round with every answer they gave."""
    key = member_key(round_id, member_id)
    if district.record(ROUND_MEMBERS, key) is None:
        raise RoomError("that member is not in the round")
    commands: list[Command] = [DeleteRecord(ROUND_MEMBERS, key, text="Remove member")]
    prefix = f"{key}|"
    for akey in list(district.records_of(ROUND_ANSWERS)):
        if akey.startswith(prefix):
            commands.append(DeleteRecord(ROUND_ANSWERS, akey, text="Remove answer"))
    return Batch("Remove a member from the round", commands)


# -- the live view ---------------------------------------------------------------------
@dataclass(frozen=True)
class ProgramSpread:
    program: str
    name: str
    answered: int  # members who answered anything on this card
    spreads: dict[str, R.Spread]
    disagreement: float  # the widest scale's range as a share of the scale (0 to 1)
    votes: dict[str, int]  # vote -> count, in VOTES order
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class LiveView:
    members: list[tuple[str, str, int]]  # (member id, shown name, cards answered)
    programs: list[ProgramSpread]  # most disagreement first


def shown_names(round_: Round, members: list[RoundMember]) -> dict[str, str]:
    """How each member is named in the room: their name, or "Member N" when anonymous."""
    if round_.anonymous:
        return {m.id: f"Member {n}" for n, m in enumerate(members, start=1)}
    return {m.id: m.name for m in members}


def live_view(district: District, round_: Round) -> LiveView:
    members = round_members(district, round_.id)
    answers = round_answers(district, round_.id)
    names = shown_names(round_, members)
    people = [(m.id, names[m.id], len(answers.get(m.id, {}))) for m in members]
    programs = []
    for pid in round_.programs:
        given = [a[pid] for m, a in answers.items() if pid in a and m in names]
        spreads = {
            s: R.spread([a.scores[s] for a in given if s in a.scores]) for s in round_.scales
        }
        disagreement = max((sp.disagreement / 3 for sp in spreads.values()), default=0.0)
        tally = Counter(a.vote for a in given if a.vote)
        item = district.items.get(pid)
        programs.append(
            ProgramSpread(
                pid,
                item.name if item is not None else pid,
                len(given),
                spreads,
                disagreement,
                {v: tally.get(v, 0) for v in VOTES},
                tuple(a.reason for a in given if a.reason),
            )
        )
    order = {pid: n for n, pid in enumerate(round_.programs)}
    programs.sort(key=lambda p: (-p.disagreement, -_stdev(p), order[p.program]))
    return LiveView(people, programs)


def _stdev(p: ProgramSpread) -> float:
    values = [sp.stdev for sp in p.spreads.values() if sp.stdev is not None]
    return statistics.fmean(values) if values else 0.0


# -- closing ---------------------------------------------------------------------------
def rater_names(district: District, round_: Round, members: list[RoundMember]) -> dict[str, str]:
    """The cabinet member each round member's ratings are written under.

    A named member rates as themselves (the cabinet member of that name, whatever its case,
    or a new one). Anonymous answers
    go to "Anonymous N", numbered after any the plan already has, so one round's anonymous
    raters never merge with another's.
    """
    if not round_.anonymous:
        # "dr. ruiz" typed on a phone rates as the cabinet's "Dr. Ruiz", not as a new member.
        cabinet = {m.name.casefold(): m.name for m in R.members(district)}
        return {m.id: cabinet.get(m.name.casefold(), m.name) for m in members}
    existing = {m.name for m in R.members(district)}
    names: dict[str, str] = {}
    n = 1
    for m in members:
        while f"Anonymous {n}" in existing:
            n += 1
        names[m.id] = f"Anonymous {n}"
        n += 1
    return names


def close_round(district: District, round_: Round, closed: str) -> Command:
    """One undoable step: the answers become the cabinet's ratings and the round closes.

    Members who answered nothing are left out. A rating the cabinet already had for the same
    member and program keeps its other dimensions; the round's scales replace theirs. The
    votes and reasons stay in the round's answers (the presenter and the report show the
    tally); the secret and join code are dropped, so the link is dead for good.
    """
    if district.record(ROUNDS, round_.id) is None:
        raise RoomError("the round is not in this plan")
    members = round_members(district, round_.id)
    answers = round_answers(district, round_.id)
    raters = rater_names(district, round_, [m for m in members if answers.get(m.id)])
    commands: list[Command] = []
    cabinet = {m.name for m in R.members(district)}
    for member_id, rater in raters.items():
        scored = {p: a for p, a in answers[member_id].items() if a.scores}
        if not scored:
            continue
        if rater not in cabinet:
            commands.append(PutRecord(R.MEMBERS, rater, {"role": ""}, text=f"Add {rater}"))
            cabinet.add(rater)
        for pid, answer in scored.items():
            if pid not in district.items:
                continue  # deleted from the plan during the round
            key = f"{pid}|{rater}"
            value = {**(district.record(R.RATINGS, key) or {}), **answer.scores}
            commands.append(PutRecord(R.RATINGS, key, value, text="Rating from the round"))
    record = dict(district.record(ROUNDS, round_.id))
    for private in ("secret", "join_code", "expires"):
        record.pop(private, None)
    record.update(state="closed", closed=closed)
    commands.append(PutRecord(ROUNDS, round_.id, record, text="Close the round"))
    title = round_.title or "the rating round"
    return Batch(f"Close {title}: ratings from {len(raters)} members", commands)
