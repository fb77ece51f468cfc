"""Where the app's read-only assets live: the sample districts and the icons.

The repository keeps them in the top-level folders resources/ and icons/; pyproject.toml
installs those folders as the data packages `coherence_planner_resources` and
`coherence_planner_icons`, so an installed wheel (or a PyInstaller bundle) finds them through
importlib.resources. A source checkout run without installing falls back to the folders
themselves. Every asset lookup goes through this module.
"""

from __future__ import annotations

import importlib.resources
from importlib.resources.abc import Traversable
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parent.parent


def _package_or_folder(package: str, folder: str) -> Traversable:
    try:
        return importlib.resources.files(package)
    except ModuleNotFoundError:
        return _REPO_ROOT / folder


def resources() -> Traversable:
    return _package_or_folder("coherence_planner_resources", "resources")


def icons() -> Traversable:
    return _package_or_folder("coherence_planner_icons", "icons")


SAMPLE_NAME = "riverside.json"


def sample_json_text() -> str:
    """The built-in sample district (interchange JSON). Read-only: open copies of it."""
    return (resources() / "samples" / SAMPLE_NAME).read_text(encoding="utf-8")


def icon_svg(name: str) -> bytes:
    """An SVG icon by name, without the suffix ("add-program", "app")."""
    return (icons() / f"{name}.svg").read_bytes()


def sample_district_path() -> Path:
    """The sample district's interchange JSON as a file (read it; never write to it)."""
    with importlib.resources.as_file(resources() / "samples" / SAMPLE_NAME) as path:
        return Path(path)
