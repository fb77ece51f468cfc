"""Fonts from the computer for the letters the bundled one lacks: Chinese, Japanese, Korean,
and any other script DejaVu Sans does not draw.

reportlab draws each string in one font and has no fallback: a Chinese name in DejaVu Sans
prints as empty boxes. So the PDF writers split text into runs (fonts.runs) and draw each run
in a font that has its letters, found here: fontconfig on Linux (`fc-list`, which knows every
font the desktop uses), the system's font folders on Windows and macOS. Nothing is
downloaded and nothing is bundled: a district's laptop already has fonts for the languages
its people write.

reportlab embeds TrueType outlines only, and the CJK fonts most systems ship (Noto Sans CJK,
Source Han Sans, PingFang) are OpenType with PostScript (CFF) outlines. For those, the
letters a plan uses are cut out of the font (fontTools' subsetter) and their curves converted
to TrueType's quadratic ones (cu2qu, error under 1/1000 em): half a second for a plan's
worth of letters, once per process and set of letters; the PDF embeds only that subset.
fontTools comes with matplotlib, so this adds no dependency.
"""

from __future__ import annotations

import bisect
import hashlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

# Which font to name when no font on the computer has a letter, by Unicode block.
_ADVICE = (
    ((0x0600, 0x08FF), "Noto Sans Arabic"),
    ((0x0590, 0x05FF), "Noto Sans Hebrew"),
    ((0x0E00, 0x0E7F), "Noto Sans Thai"),
    ((0x0900, 0x0DFF), "Noto Sans Devanagari and the other Noto Sans fonts of India"),
    ((0x1100, 0x11FF), "Noto Sans CJK"),
    ((0x2E80, 0x9FFF), "Noto Sans CJK"),
    ((0xAC00, 0xD7AF), "Noto Sans CJK"),
    ((0xF900, 0xFAFF), "Noto Sans CJK"),
    ((0xFF00, 0xFFEF), "Noto Sans CJK"),
    ((0x1F000, 0x1FAFF), "Noto Emoji"),
    ((0x2600, 0x27BF), "Noto Emoji"),
)

# Where Windows and macOS keep fonts; Linux asks fontconfig (and looks here only without it).
_FOLDERS = {
    "win32": [
        Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts",
        Path(os.environ.get("LOCALAPPDATA", "~")) / "Microsoft/Windows/Fonts",
    ],
    "darwin": [
        Path("/System/Library/Fonts"),
        Path("/System/Library/Fonts/Supplemental"),
        Path("/Library/Fonts"),
        Path("~/Library/Fonts"),
    ],
}
_LINUX_FOLDERS = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path("~/.fonts")]
_SUFFIXES = {".ttf", ".otf", ".ttc", ".otc"}


def advice(char: str) -> str:
    """The font to install for `char`, in words ("Noto Sans CJK")."""
    code = ord(char)
    for (low, high), name in _ADVICE:
        if low <= code <= high:
            return name
    return "Noto Sans"


@dataclass
class Source:
    """One font on the computer: a file (and a face in a collection) and the letters it has."""

    path: str
    index: int
    letters: frozenset[int]
    postscript: bool  # CFF outlines: converted to TrueType before reportlab can embed it
    family: str = ""
    # The letters already cut out for reportlab, and the name they are registered under.
    prepared: set[int] = field(default_factory=set)
    registered: str = ""


def _outlines(font: Any) -> str:
    if "glyf" in font:
        return "glyf"
    if "CFF " in font:
        return "cff"
    return ""  # bitmap-only (colour emoji) or CFF2: nothing reportlab can draw


def _read_source(path: str, index: int) -> Source | None:
    from fontTools.ttLib import TTFont

    try:
        # The file is opened here, not by fontTools, which leaves it open when it refuses it.
        with open(path, "rb") as file, TTFont(file, fontNumber=index, lazy=True) as font:
            kind = _outlines(font)
            cmap = font.getBestCmap() if kind else None
            family = font["name"].getDebugName(1) or Path(path).stem
    except Exception:  # a damaged or unusual font file is simply not a candidate
        return None
    if not cmap:
        return None
    return Source(path, index, frozenset(cmap), kind == "cff", family)


@dataclass(frozen=True)
class Listed:
    """A font fontconfig lists, with the letters it says the font has (as code ranges)."""

    file: str
    index: int
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def has(self, code: int) -> bool:
        at = bisect.bisect_right(self.starts, code) - 1
        return at >= 0 and code <= self.ends[at]


def _ranges(charset: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    starts, ends = [], []
    for part in charset.split():
        low, _, high = part.partition("-")
        starts.append(int(low, 16))
        ends.append(int(high or low, 16))
    return tuple(starts), tuple(ends)


@cache
def _fontconfig_catalog() -> tuple[Listed, ...]:
    """Every font fontconfig knows, sans-serif regular faces first, in one call (a tenth of
    a second): a plan with a hundred rare letters asks fontconfig once, not once a letter."""
    try:
        out = subprocess.run(
            ["fc-list", "--format", "%{file}|%{index}|%{style}|%{family}|%{charset}\n"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    ranked = []
    for line in out.splitlines():
        parts = line.split("|")
        if len(parts) != 5 or not parts[4]:
            continue
        file, index, style, family, charset = parts
        rank = (
            "Regular" not in style and "Book" not in style,
            "Sans" not in family,
            "Mono" in family,
            "Serif" in family,
            file,
        )
        try:
            starts, ends = _ranges(charset)
            listed = Listed(file, int(index.split(",")[0] or 0), starts, ends)
        except ValueError:
            continue
        ranked.append((rank, listed))
    return tuple(listed for _rank, listed in sorted(ranked, key=lambda pair: pair[0]))


def _folder_files() -> Iterator[tuple[str, int]]:
    folders = _FOLDERS.get(sys.platform, _LINUX_FOLDERS)
    for folder in folders:
        folder = folder.expanduser()
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in _SUFFIXES:
                count = _faces(path) if path.suffix.lower() in {".ttc", ".otc"} else 1
                for index in range(count):
                    yield str(path), index


def _faces(path: Path) -> int:
    from fontTools.ttLib import TTCollection

    try:
        with open(path, "rb") as file, TTCollection(file, lazy=True) as collection:
            return len(collection.fonts)
    except Exception:
        return 0


class Finder:
    """Finds, remembers and prepares the computer's fonts for letters the base font lacks."""

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self._asked: set[int] = set()  # letters already looked for (found or not)
        self._scanned = False
        self._refused: set[tuple[str, int]] = set()

    def source_for(self, code: int) -> Source | None:
        for source in self.sources:
            if code in source.letters:
                return source
        return None

    def look_for(self, codes: Iterable[int]) -> None:
        """Find a font for each of `codes` not yet looked for."""
        wanted = sorted(c for c in set(codes) if c not in self._asked and not self.source_for(c))
        self._asked.update(wanted)
        if not wanted:
            return
        if shutil.which("fc-list"):
            self._look_with_fontconfig(wanted)
        else:
            self._scan_folders(wanted)

    def _look_with_fontconfig(self, wanted: list[int]) -> None:
        # A plan's letters come from a few scripts, and each font found covers the rest of
        # its script, so only a handful of font files are opened.
        for code in wanted:
            if self.source_for(code):
                continue
            for listed in _fontconfig_catalog():
                if not listed.has(code) or (listed.file, listed.index) in self._refused:
                    continue
                source = _read_source(listed.file, listed.index)
                if source and code in source.letters:
                    self.sources.append(source)
                    break
                # Colour-bitmap emoji and other fonts reportlab cannot draw: not again.
                self._refused.add((listed.file, listed.index))

    def _scan_folders(self, wanted: list[int]) -> None:
        if self._scanned:
            return
        self._scanned = True
        missing = set(wanted)
        for path, index in _folder_files():
            if not missing:
                break
            source = _read_source(path, index)
            if source and missing & source.letters:
                self.sources.append(source)
                missing -= source.letters

    def fonts_for(self, codes: Iterable[int]) -> dict[int, str]:
        """The reportlab font name for each of `codes` a found font has (others left out)."""
        by_source: dict[int, list[int]] = {}
        for code in codes:
            for n, source in enumerate(self.sources):
                if code in source.letters:
                    by_source.setdefault(n, []).append(code)
                    break
        out = {}
        for n, found in by_source.items():
            name = self.registered_name(self.sources[n], found)
            out.update(dict.fromkeys(found, name))
        return out

    def registered_name(self, source: Source, codes: Iterable[int]) -> str:
        """The reportlab font name that draws `codes` from `source`, registered on demand.

        A TrueType font is registered whole (reportlab embeds the subset a PDF uses). A
        PostScript-outlined one is cut down to the letters asked for so far and converted;
        asking for new letters registers a larger cut under a new name (names already used
        on a page keep their font)."""
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        needed = set(codes) & source.letters
        if source.registered and needed <= source.prepared:
            return source.registered
        if source.postscript:
            source.prepared |= needed
            data = _truetype_cut(source.path, source.index, frozenset(source.prepared))
            digest = hashlib.sha1(data).hexdigest()[:10]
            name = f"Fallback-{digest}"
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        else:
            source.prepared = set(source.letters)
            stem = hashlib.sha1(f"{source.path}#{source.index}".encode()).hexdigest()[:10]
            name = f"Fallback-{stem}"
            if name not in pdfmetrics.getRegisteredFontNames():
                font = TTFont(name, source.path, subfontIndex=source.index)
                pdfmetrics.registerFont(font)
        _map_styles(name)
        source.registered = name
        return name


def _map_styles(name: str) -> None:
    # <b> and <i> inside a fallback run use the same face: reportlab refuses a font with no
    # bold mapping, and a name in bold Chinese reads fine in the regular weight.
    from reportlab.lib.fonts import addMapping

    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)


@cache
def _truetype_cut(path: str, index: int, codes: frozenset[int]) -> bytes:
    """The letters `codes` of a PostScript-outlined font, as a small TrueType font."""
    from fontTools.ttLib import TTFont

    with open(path, "rb") as file, TTFont(file, fontNumber=index, lazy=True) as font:
        return _cut(font, codes)


def _cut(font: Any, codes: frozenset[int]) -> bytes:
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    options = subset.Options()
    options.layout_features = []  # reportlab applies no OpenType features
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    options.name_IDs = ["*"]
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=sorted(codes))
    cutter.subset(font)
    # reportlab shares one font object among all fonts registered with the same PostScript
    # name: a second, larger cut of Noto Sans CJK registered under a new name drew with the
    # first cut, and the letters only the second had printed as nothing. Each cut is named
    # for its letters.
    tag = hashlib.sha1(",".join(map(str, sorted(codes))).encode()).hexdigest()[:10]
    for record in font["name"].names:
        if record.nameID == 6:
            record.string = f"{record.toUnicode()[:40]}-{tag}"

    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for glyph_name in glyf.glyphOrder:
        pen = TTGlyphPen(None)
        # Cubic to quadratic within 1 unit of 1000: invisible at any print size.
        glyphs[glyph_name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[glyph_name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    font["head"].glyphDataFormat = 0
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attribute in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attribute, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = None
    font.sfntVersion = "\0\1\0\0"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


# One finder per process: fonts do not change while a plan is printed.
FINDER = Finder()
