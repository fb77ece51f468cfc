"""The README's own links and pictures resolve: a rewrite once dropped the whole "Rating
rounds" section while the summary above still linked to it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def test_every_section_link_has_its_heading() -> None:
    headings = {_anchor(h) for h in re.findall(r"^#{1,6} (.+)$", README, flags=re.M)}
    links = set(re.findall(r"\]\(#([^)]+)\)", README))
    assert links  # the README links its sections
    assert links <= headings, sorted(links - headings)


def test_every_picture_the_readme_shows_is_in_the_repository() -> None:
    pictures = re.findall(r"(?:\]\(|src=\")(packaging/screenshots/[^)\"]+)", README)
    assert pictures
    missing = [p for p in pictures if not (ROOT / p).is_file()]
    assert not missing, missing
