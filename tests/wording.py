"""Checks that text a person reads names items by their words: no bare item id, no name cut
short with an ellipsis."""

from __future__ import annotations

import re

from coherence_planner.domain.model.district import District


def bare_ids(text: str, district: District) -> list[str]:
    """Item ids that appear in `text` as words of their own (not inside a longer word or a
    name that happens to contain them)."""
    found = []
    for item_id in district.items:
        for match in re.finditer(rf"(?<![\w-]){re.escape(item_id)}(?![\w-])", text):
            inside_a_name = any(
                item_id in item.name and item.name in text for item in district.items.values()
            )
            if not inside_a_name:
                found.append(
                    f"{item_id} in …{text[max(0, match.start() - 30) : match.end() + 30]}…"
                )
                break
    return found


def cut_names(text: str) -> list[str]:
    """Places where text was cut short with an ellipsis."""
    return [m.group(0) for m in re.finditer(r".{0,30}(…|\.\.\.)", text)]
