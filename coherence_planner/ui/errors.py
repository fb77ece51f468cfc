"""Errors a person can act on, told apart from bugs (which go to the crash dialog)."""

from __future__ import annotations

from coherence_planner.domain.model.district import DistrictError
from coherence_planner.storage.errors import InvalidInterchange, KnownError
from coherence_planner.ui.inspect.field_widgets import BadNumber

# Edits refused by the domain's rules, values that do not parse, files that cannot be used.
USER_ERRORS: tuple[type[Exception], ...] = (DistrictError, KnownError, BadNumber)


def explain(exc: BaseException) -> str:
    """One clear sentence (or a short list, for an invalid import) for a person."""
    if isinstance(exc, InvalidInterchange):
        problems = [str(p) for p in exc.problems[:8]]
        more = len(exc.problems) - len(problems)
        tail = f"\n…and {more} more." if more > 0 else ""
        return exc.message + "\n\n" + "\n".join(f"• {p}" for p in problems) + tail
    if isinstance(exc, KnownError):
        return exc.message
    text = str(exc)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
