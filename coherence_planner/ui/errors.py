"""Errors a person can act on, told apart from bugs (which go to the crash dialog).

`USER_ERRORS` names classes of the district's model and the Inspector's editors, which the
start page does not load (issue 29): it is made when first asked for, and the window's
actions catch `user_errors()`, which Python evaluates only when an exception arrives.
"""

from __future__ import annotations

from functools import cache

from coherence_planner.storage.errors import InvalidInterchange, KnownError


@cache
def user_errors() -> tuple[type[Exception], ...]:
    """Edits refused by the domain's rules, values that do not parse, files that cannot be
    used."""
    from coherence_planner.domain.model.district import DistrictError
    from coherence_planner.ui.inspect.field_widgets import BadNumber

    return (DistrictError, KnownError, BadNumber)


def __getattr__(name: str) -> tuple[type[Exception], ...]:
    if name == "USER_ERRORS":
        return user_errors()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
