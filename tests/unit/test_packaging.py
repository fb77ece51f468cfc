"""The wheel must carry every package and asset: a fresh venv has no source checkout."""

from __future__ import annotations

import tomllib
from pathlib import Path

from coherence_planner import assets

ROOT = Path(__file__).resolve().parents[2]


def test_every_python_package_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "coherence_planner").rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_sample_and_icons_are_reachable_through_assets() -> None:
    assert '"coherence-planner/district"' in assets.sample_json_text()


def test_every_ui_feature_is_kept_from_importing_the_main_window() -> None:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
        "contracts"
    ]
    (features,) = [c for c in contracts if c["name"] == "Features never import the main window"]
    folders = {
        f"coherence_planner.ui.{init.parent.name}"
        for init in (ROOT / "coherence_planner" / "ui").glob("*/__init__.py")
        if init.parent.name != "shell"
    }
    missing = folders - set(features["source_modules"])
    assert not missing, f"add to the contract's source_modules: {sorted(missing)}"
