"""Text widths in DejaVu Sans read straight from the font file, without reportlab.

reportlab's `stringWidth` for a TrueType font is the sum of each character's advance width
(from the font's cmap and hmtx tables, in thousandths of an em) times the size: no kerning,
no shaping. This module reads the same two tables and sums the same way, so its widths equal
reportlab's to the last bit (tests/unit/reports/test_font_widths.py) while the map's SVG
export, which only measures text to shorten it, starts without importing reportlab and PIL
(a fifth of a second, most of that export's time beside `dot -Tsvg`).
"""

from __future__ import annotations

import importlib.util
import struct
from functools import cache
from itertools import repeat
from pathlib import Path

_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}


class UnreadableFont(ValueError):
    """The font file uses a layout this reader does not know (reportlab measures instead)."""


def _tables(data: bytes) -> dict[bytes, int]:
    (count,) = struct.unpack_from(">H", data, 4)
    return {
        data[12 + 16 * i : 16 + 16 * i]: struct.unpack_from(">I", data, 20 + 16 * i)[0]
        for i in range(count)
    }


def _char_to_glyph(data: bytes, cmap: int) -> dict[int, int]:
    """The cmap subtable reportlab picks (the last suitable one listed), as char -> glyph."""
    version, count = struct.unpack_from(">HH", data, cmap)
    if count == 0 and version != 0:
        count = version
    chosen = None
    for n in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * n)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen = offset
    if chosen is None:
        raise UnreadableFont("no Unicode cmap")
    at = cmap + chosen
    (fmt,) = struct.unpack_from(">H", data, at)
    glyphs: dict[int, int] = {}
    if fmt == 4:
        (length,) = struct.unpack_from(">H", data, at + 2)
        segments = struct.unpack_from(">H", data, at + 6)[0] // 2
        ends = struct.unpack_from(f">{segments}H", data, at + 14)
        starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
        deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
        ranges_at = at + 16 + 6 * segments
        ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
        for n in range(segments):
            for char in range(starts[n], ends[n] + 1):
                if ranges[n] == 0:
                    glyphs[char] = (char + deltas[n]) & 0xFFFF
                    continue
                offset = ranges_at + 2 * n + (char - starts[n]) * 2 + ranges[n]
                glyph = struct.unpack_from(">H", data, offset)[0] if offset < at + length else 0
                glyphs[char] = (glyph + deltas[n]) & 0xFFFF if glyph else 0
    elif fmt == 12:
        (groups,) = struct.unpack_from(">I", data, at + 12)
        for n in range(groups):
            start, end, first = struct.unpack_from(">III", data, at + 16 + 12 * n)
            for char in range(start, end + 1):
                glyphs[char] = first + char - start
    else:
        raise UnreadableFont(f"cmap format {fmt}")
    return glyphs


def read_widths(path: Path) -> tuple[dict[int, float], float]:
    """(character -> advance width in thousandths of an em, the width of a missing one)."""
    data = path.read_bytes()
    tables = _tables(data)
    try:
        (units,) = struct.unpack_from(">H", data, tables[b"head"] + 18)
        (metrics,) = struct.unpack_from(">H", data, tables[b"hhea"] + 34)
        (glyph_count,) = struct.unpack_from(">H", data, tables[b"maxp"] + 4)
        hmtx, cmap = tables[b"hmtx"], tables[b"cmap"]
    except KeyError as exc:
        raise UnreadableFont(f"no {exc.args[0]!r} table") from None
    scale = 1000 / units  # reportlab keeps font units when there are 1000 to the em
    advances = [
        float(a) if units == 1000 else a * scale
        for a in struct.unpack_from(f">{2 * metrics}H", data, hmtx)[::2]
    ]
    advances += [advances[-1]] * (glyph_count - metrics)  # the last advance repeats
    widths = {}
    for char, glyph in _char_to_glyph(data, cmap).items():
        if glyph < len(advances):
            widths[char] = advances[glyph]
    # As reportlab does: a no-break space is as wide as a space.
    if 0x20 in widths:
        widths[0xA0] = widths[0x20]
    elif 0xA0 in widths:
        widths[0x20] = widths[0xA0]
    return widths, advances[0]


def font_folder() -> Path:
    """matplotlib's font folder, found without importing matplotlib (a third of a second:
    the app's window measures text with these fonts long before it draws a chart)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is not installed; its DejaVu fonts are needed")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


@cache
def _widths(bold: bool) -> tuple[dict[int, float], float]:
    return read_widths(font_folder() / _FILES[bold])


@cache
def _char_widths(bold: bool) -> tuple[dict[str, float], float]:
    """The widths keyed by the character itself, so a text is summed by `map` in C, without
    a Python call per letter ("Also serving..." lines name hundreds of items)."""
    widths, missing = _widths(bold)
    return {chr(code): width for code, width in widths.items()}, missing


def text_width(text: str, size: float, bold: bool = False) -> float:
    """`text`'s width in points at `size`, as reportlab's stringWidth gives it (the same
    advances added in the same order)."""
    widths, missing = _char_widths(bold)
    return 0.001 * size * sum(map(widths.get, text, repeat(missing)))


def covered(bold: bool = False) -> dict[int, float]:
    """The characters DejaVu Sans draws, with their widths (fonts.py falls back for others)."""
    return _widths(bold)[0]
