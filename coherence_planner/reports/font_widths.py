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
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache
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


class _Cmap:
    """The cmap subtable reportlab picks (the last suitable one listed): a character's glyph,
    looked up in its segment when first asked for (the SVG export measures a few hundred
    distinct characters of the font's 6,000; mapping them all took most of reading it)."""

    def __init__(self, data: bytes, cmap: int) -> None:
        version, count = struct.unpack_from(">HH", data, cmap)
        if count == 0 and version != 0:
            count = version
        chosen = None
        for n in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * n)
            if (
                platform == 3
                or (platform == 1 and encoding == 1)
                or (platform == 0 and encoding != 5)
            ):
                chosen = offset
        if chosen is None:
            raise UnreadableFont("no Unicode cmap")
        self._data = data
        self._at = at = cmap + chosen
        self._starts: tuple[int, ...]
        self._ends: tuple[int, ...]
        self._deltas: tuple[int, ...]
        (self._format,) = struct.unpack_from(">H", data, at)
        if self._format == 4:
            (self._length,) = struct.unpack_from(">H", data, at + 2)
            segments = struct.unpack_from(">H", data, at + 6)[0] // 2
            self._ends = struct.unpack_from(f">{segments}H", data, at + 14)
            self._starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
            self._deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
            self._ranges_at = at + 16 + 6 * segments
            self._ranges = struct.unpack_from(f">{segments}H", data, self._ranges_at)
        elif self._format == 12:
            (groups,) = struct.unpack_from(">I", data, at + 12)
            found = [struct.unpack_from(">III", data, at + 16 + 12 * n) for n in range(groups)]
            self._starts = tuple(start for start, _, _ in found)
            self._ends = tuple(end for _, end, _ in found)
            self._deltas = tuple(first - start for start, _, first in found)
        else:
            raise UnreadableFont(f"cmap format {self._format}")

    def chars(self) -> Iterator[int]:
        """Every character the subtable maps, in its order."""
        for start, end in zip(self._starts, self._ends, strict=True):
            yield from range(start, end + 1)

    def glyph(self, char: int) -> int | None:
        """`char`'s glyph (0 for the missing glyph), None if the subtable does not map it."""
        n = bisect_left(self._ends, char)
        if n == len(self._ends) or char < self._starts[n]:
            return None
        if self._format == 12:
            return char + self._deltas[n]
        if self._ranges[n] == 0:
            return (char + self._deltas[n]) & 0xFFFF
        offset = self._ranges_at + 2 * n + (char - self._starts[n]) * 2 + self._ranges[n]
        glyph = (
            struct.unpack_from(">H", self._data, offset)[0]
            if offset < self._at + self._length
            else 0
        )
        return (glyph + self._deltas[n]) & 0xFFFF if glyph else 0


class _Face:
    """One font file's advance widths by character, in thousandths of an em, read from its
    cmap and hmtx tables as reportlab reads them."""

    def __init__(self, data: bytes) -> None:
        tables = _tables(data)
        try:
            (units,) = struct.unpack_from(">H", data, tables[b"head"] + 18)
            (self._metrics,) = struct.unpack_from(">H", data, tables[b"hhea"] + 34)
            (glyph_count,) = struct.unpack_from(">H", data, tables[b"maxp"] + 4)
            self._hmtx, cmap = tables[b"hmtx"], tables[b"cmap"]
        except KeyError as exc:
            raise UnreadableFont(f"no {exc.args[0]!r} table") from None
        self._data = data
        self._units = units
        self._glyphs = max(self._metrics, glyph_count)  # the last advance repeats
        self._cmap = _Cmap(data, cmap)
        self.missing = self._glyph_advance(0)

    def _glyph_advance(self, glyph: int) -> float:
        at = self._hmtx + 4 * min(glyph, self._metrics - 1)
        (advance,) = struct.unpack_from(">H", self._data, at)
        # reportlab keeps font units when there are 1000 to the em
        return float(advance) if self._units == 1000 else advance * (1000 / self._units)

    def _char_advance(self, char: int) -> float | None:
        glyph = self._cmap.glyph(char)
        return None if glyph is None or glyph >= self._glyphs else self._glyph_advance(glyph)

    def advance(self, char: int) -> float | None:
        """`char`'s width, None if the font does not draw it."""
        # As reportlab does: a no-break space is as wide as a space.
        space = self._char_advance(0x20)
        if char == 0xA0 and space is not None:
            return space
        if char == 0x20 and space is None:
            return self._char_advance(0xA0)
        return self._char_advance(char)

    def every_width(self) -> dict[int, float]:
        """Every character the font draws, with its width."""
        found = {char: self.advance(char) for char in {*self._cmap.chars(), 0x20, 0xA0}}
        return {char: width for char, width in found.items() if width is not None}


class _Widths(dict[str, float]):
    """Character -> width, each worked out when first asked for (the missing width for a
    character the font does not draw)."""

    def __init__(self, face: _Face) -> None:
        super().__init__()
        self._face = face

    def __missing__(self, char: str) -> float:
        width = self._face.advance(ord(char))
        self[char] = self._face.missing if width is None else width
        return self[char]


def font_folder() -> Path:
    """matplotlib's font folder, found without importing matplotlib (a third of a second:
    the app's window measures text with these fonts long before it draws a chart)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is not installed; its DejaVu fonts are needed")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


@cache
def _face(bold: bool) -> _Face:
    return _Face((font_folder() / _FILES[bold]).read_bytes())


@cache
def _widths(bold: bool) -> _Widths:
    return _Widths(_face(bold))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """`text`'s width in points at `size`, as reportlab's stringWidth gives it (the same
    advances added in the same order). Summed by `map` in C, without a Python call per letter
    ("Also serving..." lines name hundreds of items): the table is keyed by the character
    itself and a letter not met before is looked up by `_Widths.__missing__`."""
    return 0.001 * size * sum(map(_widths(bold).__getitem__, text))


@cache
def draws(char: str) -> bool:
    """Whether DejaVu Sans draws `char` (fonts.py falls back to another font if not)."""
    return _face(False).advance(ord(char)) is not None
