"""reports/xml_text.py escapes exactly as xml.sax.saxutils does (which it replaces, to keep
urllib, http.client and email out of the SVG export and the window's start)."""

from __future__ import annotations

from xml.sax import saxutils

from hypothesis import given
from hypothesis import strategies as st

from coherence_planner.reports import xml_text

TEXT = st.text(st.sampled_from(list("ab &<>\"'\n\r\t;#é")) | st.characters(), max_size=30)


@given(TEXT)
def test_escape_is_saxutils(text: str) -> None:
    assert xml_text.escape(text) == saxutils.escape(text)


@given(TEXT)
def test_quoteattr_is_saxutils(text: str) -> None:
    assert xml_text.quoteattr(text) == saxutils.quoteattr(text)
