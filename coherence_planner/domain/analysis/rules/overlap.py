"""What programs share, for rule 4: each live program's comparison attributes (grades,
subjects, populations, schools), what two or more of them have in common, and the quick
screening of a bucket of programs for the pairs whose attributes can meet at all."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.items import Program

_ALL = None  # an attribute set that means "everything"


def _slug_set(values: list[str]) -> frozenset[str] | None:
    return _slug_set_of(tuple(values))


@functools.lru_cache(maxsize=4096)
def _slug_set_of(values: tuple[str, ...]) -> frozenset[str] | None:
    """Remembered, as grades are: the same subjects, students and schools recur, and one
    set met again is then the same object, whose word WordEncoder finds at once."""
    if not values or "all" in values:
        return _ALL
    return frozenset(values)


def _grade_set(values: list[str]) -> frozenset[str] | None:
    return _grade_set_of(tuple(values))


@functools.lru_cache(maxsize=1024)
def _grade_set_of(values: tuple[str, ...]) -> frozenset[str] | None:
    """Remembered: a district writes the same few grade lists over and over."""
    tokens = vocab.grade_set(values)
    return _ALL if tokens == vocab.ALL_GRADES else tokens


def _shared(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | bool | None:
    """The overlap of two attribute sets: _ALL when both mean everything, a set otherwise,
    False when they do not overlap."""
    if a is _ALL:
        return b
    if b is _ALL:
        return a
    common = a & b
    return common if common else False


@dataclass
class Profile:
    """A live program's comparison attributes, computed once."""

    program: Program
    mask: int
    grades: frozenset[str] | None
    subjects: frozenset[str] | None
    populations: frozenset[str] | None
    schools: frozenset[str] | None
    # One 64-bit word per attribute: a bit per value (values past 64 share bits, so two
    # words that meet are only candidates, confirmed by overlaps). "Everything" is all ones.
    words: tuple[int, int, int, int] = (0, 0, 0, 0)

    @classmethod
    def of(cls, program: Program, mask: int) -> Profile:
        return cls(
            program,
            mask,
            _grade_set(program.grades),
            _slug_set(program.subjects),
            _slug_set(program.populations),
            _slug_set(program.schools),
        )


_ATTRS = ("grades", "subjects", "populations", "schools")
_FULL_WORD = (1 << 64) - 1


class WordEncoder:
    """Gives each attribute value a bit, in first-seen order, so encoding is deterministic."""

    def __init__(self) -> None:
        self._bits: list[dict[str, int]] = [{} for _ in _ATTRS]
        # Each attribute set's word, once worked out: programs repeat the same sets, and a
        # set met again has every value in the table already, so its word is the same.
        self._words: list[dict[frozenset[str], int]] = [{} for _ in _ATTRS]

    def encode(self, profile: Profile) -> None:
        words = []
        for n, attr in enumerate(_ATTRS):
            values: frozenset[str] | None = getattr(profile, attr)
            if values is _ALL:
                words.append(_FULL_WORD)
                continue
            word = self._words[n].get(values)
            if word is None:
                table = self._bits[n]
                word = 0
                for value in sorted(values):
                    word |= 1 << table.setdefault(value, len(table) % 64)
                self._words[n][values] = word
            words.append(word)
        profile.words = (words[0], words[1], words[2], words[3])


def overlaps(a: Profile, b: Profile) -> dict[str, Any] | None:
    """What two programs share on every attribute, or None if one attribute does not overlap.

    Written out attribute by attribute (_ATTRS' order): it runs once per candidate pair,
    tens of thousands of times in a large plan."""
    grades = _shared(a.grades, b.grades)
    if grades is False:
        return None
    subjects = _shared(a.subjects, b.subjects)
    if subjects is False:
        return None
    populations = _shared(a.populations, b.populations)
    if populations is False:
        return None
    schools = _shared(a.schools, b.schools)
    if schools is False:
        return None
    return {"grades": grades, "subjects": subjects, "populations": populations, "schools": schools}


def common_audience(programs: list[Program]) -> dict[str, Any] | None:
    """What every one of the programs shares on each attribute (as overlaps gives it for
    two), or None when some attribute has nothing common to all of them."""
    profiles = [Profile.of(program, 0) for program in programs]
    shared: dict[str, Any] = {}
    for attr in _ATTRS:
        common: frozenset[str] | None = getattr(profiles[0], attr)
        for other in profiles[1:]:
            met = _shared(common, getattr(other, attr))
            if met is False:
                return None
            common = met  # type: ignore[assignment]
        shared[attr] = common
    return shared


def candidate_pairs(
    members: list[Profile], *, by_goal: bool = False
) -> Iterator[tuple[Profile, Profile]]:
    """Pairs in a bucket whose attribute words all meet (and, `by_goal`, whose goal masks
    share a goal): a superset of the compete pairs.

    Works on sets of members held as Python ints (bit i: members[i]). Per attribute, the
    members sharing a word are gathered first (words repeat: the same grade bands, subjects,
    schools); each value bit then holds the members whose word has it, a word meets the
    union of the holders of its bits, and a member's candidates are the intersection over
    the four attributes. That is a few big-int operations per member and per distinct word
    instead of a comparison per pair (at 10,000 programs, 1.6 million comparisons, under 1%
    of them real pairs), and it needs no numpy, whose import alone was a tenth of `check`.
    """
    count = len(members)
    if count < 2:
        return
    partners = [(1 << count) - 1] * count  # bit j of partners[i]: i and j meet so far
    if by_goal:
        _narrow(partners, [member.mask for member in members], everything=False)
    for column in range(len(_ATTRS)):
        _narrow(partners, [member.words[column] for member in members], everything=True)
    for i, a in enumerate(members):
        later = partners[i] >> (i + 1)  # each pair once, in the order (i, j) with i < j
        while later:
            low = later & -later
            yield a, members[i + low.bit_length()]
            later ^= low


def _narrow(partners: list[int], words: list[int], *, everything: bool) -> None:
    """Keep in each member's partners only the members whose word shares a bit with its
    own. With `everything`, _FULL_WORD is an attribute word meaning "every value" (it meets
    anyone); otherwise the words are goal masks, of any length."""
    sharing: dict[int, int] = {}  # word -> the members with that word
    for i, word in enumerate(words):
        sharing[word] = sharing.get(word, 0) | (1 << i)
    everyone = sharing.pop(_FULL_WORD, 0) if everything else 0  # meets anyone
    bits_of = {word: _bits(word) for word in sharing}
    holders: dict[int, int] = {}  # value bit -> the members whose word has it
    for word, held in sharing.items():
        for bit in bits_of[word]:
            holders[bit] = holders.get(bit, 0) | held
    met: dict[int, int] = {}  # word -> the members it meets
    if everything:
        anyone = everyone
        for held in holders.values():
            anyone |= held
        met[_FULL_WORD] = anyone
    for word, bits in bits_of.items():
        found = everyone
        for bit in bits:
            found |= holders[bit]
        met[word] = found
    for i, word in enumerate(words):
        partners[i] &= met[word]


@functools.lru_cache(maxsize=4096)
def _bits(word: int) -> tuple[int, ...]:
    """The positions of the set bits of `word`, lowest first (words repeat: remembered)."""
    found = []
    while word:
        low = word & -word
        found.append(low.bit_length() - 1)
        word ^= low
    return tuple(found)
