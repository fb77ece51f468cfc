"""Flag styling shared by the map's renderers: words as well as colours, and they fit."""

from __future__ import annotations

from coherence_planner.domain.layout import style


def test_every_flag_has_a_word_a_legend_and_an_okabe_ito_colour() -> None:
    okabe_ito = {
        style.BLACK, style.ORANGE, style.SKY_BLUE, style.BLUISH_GREEN,
        style.YELLOW, style.BLUE, style.VERMILLION, style.REDDISH_PURPLE,
    }  # fmt: skip
    flags = {f.flag for f in style.FLAG_STYLES}
    assert flags == {"orphan", "unsupported", "conflict", "competing", "kept", "not-kept",
                     "removal", "required"}  # fmt: skip
    for flag in style.FLAG_STYLES:
        assert flag.badge and flag.legend and flag.colour in okabe_ito


def test_top_line_names_the_group_and_gives_way_when_full() -> None:
    assert style.top_line("PROGRAM", {"competing", "kept"}, 2) == "PROGRAM · COMPETING #3 · KEPT"
    crowded = style.top_line("PROGRAM", {"competing", "not-kept", "conflict", "removal"}, 0)
    assert crowded == "PROGRAM · NOT KEPT · COMPETING #1 +2"
    assert len(crowded) <= style.BADGE_CHARS
    assert style.top_line("GOAL", set()) == "GOAL"


def test_a_required_item_wears_a_required_badge() -> None:
    flags = style.card_flags({"orphan"}, required=True)
    assert flags == {"orphan", "required"}
    assert style.badges(flags) == ["NOT LINKED", "REQUIRED"]
    # The orphan border still says it serves no goal: required items must be linked.
    assert style.border_style(flags) == style.FLAG_BY_NAME["orphan"]
    assert style.top_line("PROGRAM", style.card_flags(set(), required=True)) == "PROGRAM · REQUIRED"
    assert style.card_flags({"kept"}, required=False) == {"kept"}
