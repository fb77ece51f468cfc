"""Where the run-time assets (resources/ and icons/) are, installed or in a checkout.

Every lookup of a sample district or an icon goes through this module, so there is one
place that knows the layout. An installed wheel ships the two folders as data of the small
package `coherence_planner_resources` (with `resources/` and `icons/` inside it); a
development checkout has them at the top of the repository, next to pyproject.toml.
Both are found through importlib.resources, never by arithmetic on `__file__`.
"""

from __future__ import annotations

import importlib.util
import json
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

SAMPLE_NAME = "riverside.json"


class MissingAsset(FileNotFoundError):
    """The installation lacks an asset folder: a packaging bug, not a user's mistake."""


def _root() -> Traversable:
    if importlib.util.find_spec("coherence_planner_resources") is not None:
        return files("coherence_planner_resources")
    # A checkout: the package's parent folder is the repository root.
    package = files("coherence_planner")
    root = package / ".."
    with as_file(root / "pyproject.toml") as marker:
        if Path(marker).is_file():
            return root
    raise MissingAsset(
        "Coherence Planner cannot find its resources and icons; reinstall the application."
    )


def resource_dir() -> Traversable:
    """The resources/ folder (sample districts, templates)."""
    return _root() / "resources"


def icons_dir() -> Traversable:
    """The icons/ folder (SVG icons and the app icon)."""
    return _root() / "icons"


def icon_path(name: str) -> Path:
    """The file of icon `name` (without .svg), for APIs that need a path."""
    with as_file(icons_dir() / f"{name}.svg") as path:
        return Path(path)


def icon_svg(name: str) -> bytes:
    """The SVG text of icon `name` (without .svg)."""
    return (icons_dir() / f"{name}.svg").read_bytes()


def sample_district_path() -> Path:
    """The sample district's interchange JSON (read it; never write to it)."""
    with as_file(resource_dir() / "samples" / SAMPLE_NAME) as path:
        return Path(path)


def read_sample_json() -> dict[str, Any]:
    """The sample district as interchange data."""
    data: dict[str, Any] = json.loads(
        (resource_dir() / "samples" / SAMPLE_NAME).read_text(encoding="utf-8")
    )
    return data
