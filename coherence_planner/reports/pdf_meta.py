"""What every exported PDF says about itself: titles, dates and the document information."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from coherence_planner import __version__
from coherence_planner.domain.model.district import District
from coherence_planner.reports.markup import clean

CREATOR = f"Coherence Planner {__version__}"


def district_title(district: District) -> str:
    return clean(district.name).strip() or "Untitled district"


def printed_on(today: dt.date | None = None) -> str:
    """The date a page was printed, spelled out so no reader confuses day and month."""
    day = today or dt.date.today()
    return f"{day.strftime('%B')} {day.day}, {day.year}"


def pdf_target(path: Path | BinaryIO) -> str | BinaryIO:
    """What reportlab writes to: a path as a file name, a stream as itself. reportlab takes
    any string for a file name, so `str(stream)` once wrote PDFs named
    "<_io.BytesIO object at 0x…>" into the working folder; anything else is refused."""
    if isinstance(path, os.PathLike):
        return os.fspath(path)
    if callable(getattr(path, "write", None)):
        return path
    raise TypeError(f"a PDF is written to a path or a binary stream, not {type(path).__name__}")


def set_info(canvas: Canvas, title: str, subject: str, district: District) -> None:
    canvas.setTitle(clean(title))
    canvas.setSubject(clean(subject))
    canvas.setAuthor(district_title(district))
    canvas.setCreator(CREATOR)
    canvas.setKeywords(["coherence", "district plan", clean(district.school_year)])
