"""How the coherence map looks, in one place: the Qt view, the SVG and the PDF all read it.

Colours are the Okabe–Ito palette, which people with the common colour-vision deficiencies
tell apart; and colour is never the only cue: every flag also has a word on the card, a
border dash pattern, and a short badge, so a greyscale printout still says everything.
Plain data only (hex strings, tuples), so any renderer can use it without importing Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# Okabe & Ito (2008), "Color Universal Design".
BLACK: Final = "#000000"
ORANGE: Final = "#E69F00"
SKY_BLUE: Final = "#56B4E9"
BLUISH_GREEN: Final = "#009E73"
YELLOW: Final = "#F0E442"
BLUE: Final = "#0072B2"
VERMILLION: Final = "#D55E00"
REDDISH_PURPLE: Final = "#CC79A7"
GREY: Final = "#8C8C8C"

TEXT: Final = "#1A1A1A"
MUTED_TEXT: Final = "#555555"
BACKGROUND: Final = "#FFFFFF"
REGION_FILL: Final = "#F4F4F4"
ORPHAN_REGION_FILL: Final = "#FFF4E0"
DIMMED_OPACITY: Final = 0.2  # items outside a goal's line of sight


@dataclass(frozen=True)
class KindStyle:
    """A card's look by kind: a pale fill (text stays readable) and a strong band colour."""

    label: str
    fill: str
    band: str


KIND_STYLES: Final = {
    "goal": KindStyle("Goal", "#D6EAF5", BLUE),
    "strategy": KindStyle("Strategy", "#D4EFE6", BLUISH_GREEN),
    "program": KindStyle("Program", "#E3F2FB", SKY_BLUE),
    "policy": KindStyle("Policy", "#F6E4EE", REDDISH_PURPLE),
}
RETIRED_FILL: Final = "#EEEEEE"


@dataclass(frozen=True)
class FlagStyle:
    """One flag: the badge text on the card, the legend wording, its colour, and the dash
    pattern of the card border (empty = solid), so it reads without colour."""

    flag: str
    badge: str
    legend: str
    colour: str
    dash: tuple[float, ...]


# In priority order: the card border takes the first that applies, and when badges do not
# all fit, the last ones give way (REMOVE? last: every removal candidate is also NOT LINKED
# or NOT KEPT, so its word is never the only cue).
FLAG_STYLES: Final = (
    FlagStyle("orphan", "NOT LINKED", "Not linked to any goal", ORANGE, (6.0, 3.0)),
    FlagStyle("unsupported", "NO SUPPORT", "Goal nothing supports", VERMILLION, (2.0, 2.0)),
    FlagStyle("not-kept", "NOT KEPT", "Competes with a better-ranked program", ORANGE, ()),
    FlagStyle("required", "REQUIRED", "Required by law, regulation or contract", BLUE, ()),
    FlagStyle("competing", "COMPETING", "In a competing group (number shown)", YELLOW, ()),
    FlagStyle("conflict", "CONFLICT", "In an explicit conflict", VERMILLION, (8.0, 2.0, 2.0, 2.0)),
    FlagStyle("kept", "KEPT", "Kept in its competing group", BLUISH_GREEN, ()),
    FlagStyle("removal", "REMOVE?", "Removal candidate", VERMILLION, ()),
)
FLAG_BY_NAME: Final = {style.flag: style for style in FLAG_STYLES}
BADGE_CHARS: Final = 36  # characters that fit on a card's top line at 7.5 pt


def card_flags(flags: set[str], required: bool) -> set[str]:
    """What a live card shows: the analysis's flags, and REQUIRED for an item required by
    law, regulation, court order or contract (a fact of the plan, not a finding)."""
    return {*flags, "required"} if required else set(flags)


def badges(flags: set[str], group: int | None = None) -> list[str]:
    """Badge texts for a card's flags in priority order; the competing badge carries the
    group's number (1-based), so members of one group can be matched by eye."""
    words = []
    for style in FLAG_STYLES:
        if style.flag in flags:
            if style.flag == "competing" and group is not None:
                words.append(f"{style.badge} #{group + 1}")
            else:
                words.append(style.badge)
    return words


def top_line(kind_label: str, flags: set[str], group: int | None = None) -> str:
    """A card's top line: its kind, then its badges, as many as fit ("+2" for the rest)."""
    words = badges(flags, group)
    for shown in range(len(words), -1, -1):
        rest = len(words) - shown
        line = " · ".join([kind_label, *words[:shown]]) + (f" +{rest}" if rest else "")
        if len(line) <= BADGE_CHARS or shown == 0:
            return line
    return kind_label


def border_style(flags: set[str]) -> FlagStyle | None:
    """The flag whose colour and dash pattern the card border takes, if any."""
    return next((style for style in FLAG_STYLES if style.flag in flags), None)


@dataclass(frozen=True)
class EdgeStyle:
    colour: str
    width: float
    dash: tuple[float, ...]


SUPPORTS_STYLES: Final = {
    "strong": EdgeStyle("#4D4D4D", 2.4, ()),
    "moderate": EdgeStyle("#7A7A7A", 1.4, ()),
    "weak": EdgeStyle("#9A9A9A", 1.0, (4.0, 3.0)),
}
CONFLICT_STYLE: Final = EdgeStyle(VERMILLION, 1.8, (7.0, 3.0))
