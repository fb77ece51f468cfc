"""Where the app's read-only assets live: the sample districts and the icons.

The repository keeps them in the top-level folders resources/ and icons/; pyproject.toml
installs those folders as the data packages `coherence_planner_resources` and
`coherence_planner_icons`, so an installed wheel (or a PyInstaller bundle) finds them through
importlib.resources. A source checkout run without installing falls back to the folders
themselves. Every asset lookup goes through this module; nothing does arithmetic on
`__file__` elsewhere.
"""

from __future__ import annotations

import importlib.resources
import json
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

SAMPLE_NAME = "riverside.json"
_REPO_ROOT = Path(__file__).resolve().parent.parent


class MissingAsset(FileNotFoundError):
    """The installation lacks an asset: a packaging bug, not a user's mistake."""


@cache  # each icon asked for it again: 25 look-ups of the same package before a plan paints
def _package_or_folder(package: str, folder: str) -> Traversable:
    try:
        return importlib.resources.files(package)
    except ModuleNotFoundError:
        fallback = _REPO_ROOT / folder
        if not fallback.is_dir():
            raise MissingAsset(
                "Coherence Planner cannot find its resources and icons; reinstall the app."
            ) from None
        return fallback


def resource_dir() -> Traversable:
    """The resources/ folder (sample districts, the guide's pictures)."""
    return _package_or_folder("coherence_planner_resources", "resources")


def icons_dir() -> Traversable:
    """The icons/ folder (SVG icons and the app icon)."""
    return _package_or_folder("coherence_planner_icons", "icons")


def icon_svg(name: str) -> bytes:
    """The SVG of icon `name` (without .svg)."""
    return (icons_dir() / f"{name}.svg").read_bytes()


def guide_image(name: str) -> bytes:
    """A picture of the Help guide (resources/guide/NAME, a PNG)."""
    return (resource_dir() / "guide" / name).read_bytes()


def sample_json_text() -> str:
    """The built-in sample district (interchange JSON). Read-only: open copies of it."""
    return (resource_dir() / "samples" / SAMPLE_NAME).read_text(encoding="utf-8")


def read_sample_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(sample_json_text())
    return data


def sample_name() -> str:
    """The sample district's name: its copy is named after it before the copy is read."""
    district = read_sample_json().get("district")
    name = district.get("name") if isinstance(district, dict) else None
    return str(name or "Sample")


def sample_district_path() -> Path:
    """The sample's file, for APIs that need a path. Installed packages and bundles are
    plain folders, so the Traversable is a real path; read it, never write to it."""
    return Path(str(resource_dir() / "samples" / SAMPLE_NAME))


ROOM_PAGES = frozenset({"index.html", "join.html", "room.js", "room.css"})


def room_asset(name: str) -> bytes:
    """A file of the rating round's web page (resources/room/): the only files it serves."""
    if name not in ROOM_PAGES:
        raise MissingAsset(f"no room page {name!r}")
    return (resource_dir() / "room" / name).read_bytes()
