"""packaging/dev.py demo names the system libraries Qt's X11 plugin lacks, before Qt fails."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

DEV_PY = Path(__file__).resolve().parents[2] / "packaging" / "dev.py"

# ldd on PySide6's libqxcb.so on a Debian 12 machine that lacks three of the libraries.
LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007f0a92038000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f0a91f6a000)
\tlibxkbcommon-x11.so.0 => /lib/x86_64-linux-gnu/libxkbcommon-x11.so.0 (0x00007f0a91f0c000)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-util.so.1 => /lib/x86_64-linux-gnu/libxcb-util.so.1 (0x00007f0a9136a000)
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f0a90ba6000)
"""
X11 = {"DISPLAY": ":0"}


@pytest.fixture(scope="module")
def dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("coherence_planner_dev_script", DEV_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def plugin(dev: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    fake = tmp_path / "libqxcb.so"
    fake.write_bytes(b"")
    monkeypatch.setattr(dev, "xcb_plugin", lambda: fake)
    return fake


def test_missing_libraries_get_one_apt_line_and_one_dnf_line(dev: ModuleType, plugin: Path) -> None:
    advice = dev.qt_library_problem(X11, "linux", lambda _: LDD_OUTPUT)
    lines = advice.splitlines()
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4, libxcb-keysyms.so.1" in lines[0]
    apt = [line for line in lines if "apt" in line]
    assert apt == [
        "    sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1    # Debian, Ubuntu"
    ]
    dnf = [line for line in lines if "dnf" in line]
    assert dnf == ["    sudo dnf install xcb-util-cursor xcb-util-keysyms xcb-util-wm    # Fedora"]


def test_a_library_without_a_known_package_is_still_named(dev: ModuleType, plugin: Path) -> None:
    advice = dev.qt_library_problem(X11, "linux", lambda _: "\tlibxcb-new.so.7 => not found\n")
    assert "libxcb-new.so.7" in advice
    assert "apt install" not in advice


def test_nothing_to_say_when_every_library_is_found(dev: ModuleType, plugin: Path) -> None:
    complete = re.sub(r"=> not found", "=> /lib/x86_64-linux-gnu/lib.so", LDD_OUTPUT)
    assert dev.qt_library_problem(X11, "linux", lambda _: complete) is None


@pytest.mark.parametrize(
    ("environ", "platform", "checked"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb:display=:1"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),  # no X server to fall back on
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "linux", True),
        (X11, "win32", False),
        (X11, "darwin", False),
    ],
)
def test_checked_only_where_qt_would_load_its_x11_plugin(
    dev: ModuleType, plugin: Path, environ: dict[str, str], platform: str, checked: bool
) -> None:
    advice = dev.qt_library_problem(environ, platform, lambda _: LDD_OUTPUT)
    assert (advice is not None) == checked


def test_demo_exits_non_zero_with_the_advice_and_never_starts_the_app(
    dev: ModuleType,
    plugin: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the X11 check runs on Linux only")
    # A real ldd call, answered by a stand-in ldd that reports libxcb-cursor missing.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    ldd = bin_dir / "ldd"
    ldd.write_text("#!/bin/sh\nprintf '\\tlibxcb-cursor.so.0 => not found\\n'\n")
    ldd.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    started: list[tuple[object, ...]] = []
    monkeypatch.setattr(dev, "ensure_installed", lambda extras: Path("python"))
    monkeypatch.setattr(dev, "run", lambda *args, **kwargs: started.append(args))
    assert dev.main(["demo"]) == 1
    assert started == []
    err = capsys.readouterr().err
    assert "sudo apt install libxcb-cursor0    # Debian, Ubuntu" in err
    assert "sudo dnf install xcb-util-cursor    # Fedora" in err
    assert "Traceback" not in err


def test_every_x11_library_the_installed_plugin_loads_has_its_packages(dev: ModuleType) -> None:
    plugin = dev.xcb_plugin()
    if plugin is None or shutil.which("ldd") is None:
        pytest.skip("needs PySide6's X11 plugin in .venv and ldd")
    loaded = re.findall(r"^\s*(\S+\.so\.\d+) =>", dev.run_ldd(plugin), flags=re.MULTILINE)
    x11 = {name for name in loaded if re.match(r"lib(xcb|xkbcommon|X11)", name)}
    assert "libxcb-cursor.so.0" in x11
    assert x11 - set(dev.XCB_PACKAGES) == set()
