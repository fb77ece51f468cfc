"""A name that fits one line of a card is its own line, as textwrap gives it: the short cut
in geometry.card_name_lines (issue 29: the SVG export) wraps nothing differently."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from coherence_planner.domain.layout.geometry import card_name_lines

LETTERS = st.sampled_from(list("ab Z9-·é…\t\n\r\x0b\x0c\xa0\u200b\u3000/"))


def by_textwrap(name: str, width: int, lines: int) -> list[str]:
    wrapped = textwrap.wrap(name.strip(), width=width, break_long_words=True) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return wrapped


@settings(max_examples=500, deadline=None)
@given(
    name=st.text(LETTERS, max_size=40) | st.text(max_size=40),
    width=st.integers(min_value=2, max_value=40),
    lines=st.integers(min_value=1, max_value=4),
)
def test_card_name_lines_are_textwraps(name: str, width: int, lines: int) -> None:
    assert card_name_lines(name, width, lines) == by_textwrap(name, width, lines)


def test_short_names_with_spaces_inside_keep_them() -> None:
    for name in ["Reading  Recovery", " Tutoring ", "", "   ", "A"]:
        assert card_name_lines(name, 30, 3) == by_textwrap(name, 30, 3)
