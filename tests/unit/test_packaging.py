"""The wheel must carry every package and asset: a fresh venv has no source checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from coherence_planner import assets

ROOT = Path(__file__).resolve().parents[2]

# Folder in the repository -> where its files sit inside the wheel (see setup.py).
INSTALLED_AS = {
    "coherence_planner": "coherence_planner",
    "resources": "coherence_planner_resources",
    "icons": "coherence_planner_icons",
}

# A package and a data folder added after the packaging was written.
NEW_FOLDERS = [
    "coherence_planner/newly_added/__init__.py",
    "coherence_planner/newly_added/deeper/module.py",
    "resources/newly_added/sample.json",
]


def _tracked_files() -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to know which files the repository has")
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [name for name in listed.split("\0") if name]


def _expected_in_wheel(tracked: list[str]) -> set[str]:
    expected = set()
    for name in tracked:
        folder, _, rest = name.partition("/")
        if folder in INSTALLED_AS and rest:
            expected.add(f"{INSTALLED_AS[folder]}/{rest}")
    return expected


@pytest.mark.slow
def test_a_built_wheel_holds_every_module_resource_and_icon(tmp_path: Path) -> None:
    tracked = _tracked_files()
    # Build from a copy of the tracked files: the build writes build/ and *.egg-info
    # next to the sources, and a test never writes into the repository.
    source = tmp_path / "source"
    for name in tracked:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    # Folders nobody has listed anywhere yet: discovery must find them too.
    for name in NEW_FOLDERS:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text("{}\n" if name.endswith(".json") else "")
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    built = subprocess.run(
        [*pip_wheel, "--quiet", "--wheel-dir", str(tmp_path / "wheel"), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "wheel").glob("coherence_planner-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        held = set(archive.namelist())
    expected = _expected_in_wheel([*tracked, *NEW_FOLDERS])
    missing = sorted(expected - held)
    assert not missing, f"the wheel lacks {len(missing)} tracked files, first {missing[:5]}"


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
