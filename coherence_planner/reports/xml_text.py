"""Text and attribute values escaped for XML, as `xml.sax.saxutils` escapes them.

xml.sax.saxutils imports urllib.request, http.client and the email package when it loads,
for functions these writers never call: a sixth of the map's SVG export's import time, and
the window loads it too (reports/markup.py). The two functions here give the same output
(tests/unit/reports/test_xml_text.py holds them to saxutils').
"""

from __future__ import annotations

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)


def escape(text: str) -> str:
    """`&`, `<` and `>` as entities."""
    return text.translate(_TEXT)


def quoteattr(text: str) -> str:
    """`text` as a quoted attribute value: double quotes, or single ones when it holds a
    double quote but no single one, else `&quot;`."""
    text = text.translate(_ATTRIBUTE)
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))
