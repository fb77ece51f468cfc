"""Which cards a map filter keeps lit. The browser's `matches` decides kind, flag, school and
grade band (one definition of each filter); the map adds two things for a picture:
goals stay lit under the school, grade-band and theme filters (they are where every line
ends), and a theme lights its strategies and everything that supports them."""

from __future__ import annotations

from dataclasses import dataclass

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Strategy
from coherence_planner.ui.browse.model import ANY, Filters, matches


@dataclass(frozen=True)
class MapFilters:
    kind: str = ANY
    flag: str = ANY
    school: str = ANY
    grade_band: str = ANY
    theme: str = ANY

    def active(self) -> bool:
        return any((self.kind, self.flag, self.school, self.grade_band, self.theme))


def _theme_reach(district: District, theme: str) -> set[str]:
    """Strategies with `theme` and every item with a chain of supports links to one."""
    found = {
        s.id for s in district.items_of("strategy") if isinstance(s, Strategy) and theme in s.themes
    }
    todo = list(found)
    while todo:
        for link in district.supported_by(todo.pop()):
            if link.src not in found:
                found.add(link.src)
                todo.append(link.src)
    return found


def unmatched(
    district: District, analysis: Analysis, ids: list[str] | set[str], filters: MapFilters
) -> set[str]:
    """The ids among `ids` that the filters leave out."""
    if not filters.active():
        return set()
    browser = Filters(
        kind=filters.kind, flag=filters.flag, school=filters.school, grade_band=filters.grade_band
    )
    strict = bool(filters.kind or filters.flag)
    reach = _theme_reach(district, filters.theme) if filters.theme else None
    out: set[str] = set()
    for item_id in ids:
        item = district.items.get(item_id)
        if item is None:
            continue
        if item.kind == "goal" and not strict:
            continue
        browser_says_no = (
            filters.kind or filters.flag or filters.school or filters.grade_band
        ) and not matches(item, browser, analysis)
        theme_says_no = reach is not None and item.kind != "goal" and item_id not in reach
        if browser_says_no or theme_says_no:
            out.add(item_id)
    return out
