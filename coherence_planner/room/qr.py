"""The QR code the projector shows: the round's link, drawn by the window from this matrix."""

from __future__ import annotations

import segno


def qr_matrix(text: str) -> list[list[bool]]:
    """Rows of dark (True) and light modules, with the standard 4-module quiet zone.

    Error correction M: readable from a phone across a room off a projector with some glare,
    and the link (about 60 characters) stays a version 4 code, large modules.
    """
    code = segno.make(text, error="m", micro=False, boost_error=False)
    return [[bool(cell) for cell in row] for row in code.matrix_iter(scale=1, border=4)]
