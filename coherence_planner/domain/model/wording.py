"""Small helpers that turn values into words a superintendent can read aloud."""

from __future__ import annotations


def quoted(text: str) -> str:
    return f"“{text}”"


def sentence(text: str) -> str:
    """A finding's reason as a sentence of its own: capitalised, ending in a full stop."""
    text = text.strip()
    if not text:
        return text
    text = f"{text[0].upper()}{text[1:]}"
    return text if text[-1] in ".!?" else f"{text}."


def aside(text: str) -> str:
    """A person's own words (a link's rationale) put in brackets inside a sentence."""
    text = text.strip().rstrip(".")
    return f" ({text})" if text else ""


def join_words(words: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} and {words[-1]}"


def money(amount: float | int | None) -> str:
    """$1,234 for whole dollars, $12.50 with cents, an em dash when unknown."""
    if amount is None:
        return "—"
    if abs(amount - round(amount)) < 0.005:
        return f"${round(amount):,}"
    return f"${amount:,.2f}"


def money_short(amount: float | int | None) -> str:
    """$1.2M, $340K, $900: for cards and charts where space is tight."""
    if amount is None:
        return "—"
    if abs(amount) >= 1_000_000:
        return f"${amount / 1_000_000:.1f}M"
    if abs(amount) >= 10_000:
        return f"${amount / 1_000:.0f}K"
    if abs(amount) >= 1_000:
        return f"${amount / 1_000:.1f}K"
    return f"${amount:,.0f}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"
