"""`has_rtl` finds a right-to-left letter exactly where the letter-by-letter range test did
(it is now one regular expression, searched in C)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coherence_planner.reports.fonts import _RTL, has_rtl


def _by_ranges(text: str) -> bool:
    return any(low <= ord(c) <= high for c in text for low, high in _RTL)


def test_every_range_edge() -> None:
    for low, high in _RTL:
        for code in (low - 1, low, low + 1, high - 1, high, high + 1):
            for text in (chr(code), f"Name … {chr(code)}", f"{chr(code)}\u200bx"):
                assert has_rtl(text) == _by_ranges(text), hex(code)
    assert has_rtl("שלום") and has_rtl("مدرسة") and not has_rtl("Ñandú Δέλτα Школа ≥ 95%")


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFFFF)))
def test_any_text(text: str) -> None:
    assert has_rtl(text) == _by_ranges(text)
