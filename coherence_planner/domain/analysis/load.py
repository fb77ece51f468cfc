"""Initiative load: how many programs land on each school and grade band at once.

Too many initiatives at one school is itself a coherence problem: teachers cannot implement
eight things well. A program counts at a school when it names that school or is district-wide
(no schools listed), and in a grade band when its grades touch the band. Programs that are
`active` or `sunsetting` count (both still ask something of teachers); proposed and retired
ones do not.

The format does not say which grades a school serves, so a school's grade bands are
inferred: from its name when it says "Elementary", "Middle" or "High" (the usual US levels),
else from the bands touched by the programs that name that school. Cells outside a school's
bands are `None` (not served), so a district-wide high-school program does not load an
elementary school. `district_wide=False` counts only programs that name the school, which
shows what each school took on beyond what every school does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Program

DEFAULT_THRESHOLD = 6
# The most schools a heat map draws: at 1366x768 the app's chart has room for about 20
# rows before the labels, numbers and frames overlap (looked at under Xvfb; 40 overlapped),
# and drawing 400 schools' 2,000 numbered cells froze the window for 4 s.
HEATMAP_SCHOOLS = 20
COUNTED_STATUSES = ("active", "sunsetting")
DISTRICT_WIDE = "District-wide"


@dataclass(frozen=True)
class LoadTable:
    """Programs per school (rows) and grade band (columns); None where a school has no
    students in that band."""

    schools: tuple[str, ...]
    bands: tuple[str, ...]
    counts: tuple[tuple[int | None, ...], ...]
    programs: dict[tuple[str, str], tuple[str, ...]]  # (school, band) -> program ids
    threshold: int
    district_wide: bool = True

    def count(self, school: str, band: str) -> int | None:
        return self.counts[self.schools.index(school)][self.bands.index(band)]

    def flagged(self) -> list[tuple[str, str, int]]:
        """Cells above the threshold, heaviest first: (school, band, count)."""
        cells = [
            (school, band, n)
            for r, school in enumerate(self.schools)
            for c, band in enumerate(self.bands)
            if (n := self.counts[r][c]) is not None and n > self.threshold
        ]
        cells.sort(key=lambda cell: (-cell[2], cell[0], self.bands.index(cell[1])))
        return cells

    @property
    def highest(self) -> int:
        return max((n for row in self.counts for n in row if n is not None), default=0)

    def most_loaded(self, limit: int = HEATMAP_SCHOOLS) -> LoadTable:
        """This table, or when it has more than `limit` schools, the `limit` schools whose
        heaviest cell is highest (then with the most programs in all, then by name),
        heaviest first: the part of a large district's heat map worth drawing."""
        if len(self.schools) <= limit:
            return self

        def weight(row: int) -> tuple[int, int, str]:
            counts = [n for n in self.counts[row] if n is not None]
            return (-max(counts, default=0), -sum(counts), self.schools[row].casefold())

        rows = sorted(range(len(self.schools)), key=weight)[:limit]
        kept = {self.schools[r] for r in rows}
        return LoadTable(
            schools=tuple(self.schools[r] for r in rows),
            bands=self.bands,
            counts=tuple(self.counts[r] for r in rows),
            programs={key: ids for key, ids in self.programs.items() if key[0] in kept},
            threshold=self.threshold,
            district_wide=self.district_wide,
        )


_LEVEL_WORDS = (
    ("elementary", ("Early (PK-K)", "Primary (1-3)", "Upper elementary (4-5)")),
    ("primary", ("Early (PK-K)", "Primary (1-3)")),
    ("middle", ("Middle (6-8)",)),
    ("junior high", ("Middle (6-8)",)),
    ("high", ("High (9-12)",)),
)


def _bands_by_name(school: str) -> set[str] | None:
    words = school.casefold()
    for word, bands in _LEVEL_WORDS:
        if re.search(rf"\b{word}\b", words):
            return set(bands)
    return None


def _bands_of(program: Program) -> set[str]:
    grades = vocab.grade_set(program.grades)
    return {name for name, tokens in vocab.GRADE_BANDS if grades & tokens}


def initiative_load(
    district: District, threshold: int = DEFAULT_THRESHOLD, *, district_wide: bool = True
) -> LoadTable:
    """Count active programs per school and grade band; cells above `threshold` are flagged."""
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 0:
        raise ValueError(f"the load threshold must be a whole number 0 or more; got {threshold!r}")
    programs = [
        item
        for item in district.items_of("program")
        if isinstance(item, Program) and item.status in COUNTED_STATUSES
    ]
    bands = tuple(name for name, _ in vocab.GRADE_BANDS)
    named: dict[str, set[str]] = {}
    for program in programs:
        for school in program.schools:
            named.setdefault(school, set()).update(_bands_of(program))
    for school in named:
        by_name = _bands_by_name(school)
        if by_name is not None:
            named[school] = by_name
    schools = tuple(sorted(named, key=str.casefold))
    if not schools:
        schools = (DISTRICT_WIDE,)
        named[DISTRICT_WIDE] = set(bands)
    cells: dict[tuple[str, str], list[str]] = {(s, b): [] for s in schools for b in bands}
    for program in programs:
        touched = _bands_of(program)
        if not program.schools and not district_wide:
            continue
        at = program.schools or list(schools)
        for school in at:
            for band in touched & named[school]:
                cells[(school, band)].append(program.id)
    counts = tuple(
        tuple(len(cells[(s, b)]) if b in named[s] else None for b in bands) for s in schools
    )
    return LoadTable(
        schools=schools,
        bands=bands,
        counts=counts,
        programs={key: tuple(ids) for key, ids in cells.items() if ids},
        threshold=threshold,
        district_wide=district_wide,
    )
