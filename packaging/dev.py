#!/usr/bin/env python3
"""Set up the project's virtual environment and run the app or the checks, on any OS.

    python3 packaging/dev.py demo    # install, then open the app on the sample district
    python3 packaging/dev.py app     # install, then open the app's start page
    python3 packaging/dev.py test    # install with test tools, then lint, type-check, test

The virtual environment is .venv/ at the repository root; it is reinstalled only when
pyproject.toml changes, so the second run starts at once and works offline. On Linux, demo and
app first check that the system has the libraries Qt's X11 plugin loads, and name the one
apt (or dnf) command that installs the missing ones instead of letting Qt fail.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from collections.abc import Callable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    done = subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(done.returncode)


def ensure_installed(extras: str) -> Path:
    python = venv_python()
    if not python.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{extras or 'app'}"
    if not stamp.exists() or stamp.read_text() != digest:
        run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        target = f".[{extras}]" if extras else "."
        run(python, "-m", "pip", "install", "--quiet", "-e", target)
        stamp.write_text(digest)
    return python


# What Qt's X11 platform plugin (libqxcb.so and its libQt6XcbQpa) loads from the system, by
# `ldd`, with the Debian/Ubuntu and the Fedora package that provides each. A fresh desktop
# usually lacks the first few: Qt 6.5+ needs libxcb-cursor0, which nothing else pulls in.
XCB_PACKAGES = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
}


def xcb_plugin() -> Path | None:
    """The installed PySide6's X11 platform plugin, if the venv has one."""
    found = sorted(VENV.glob("lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so"))
    return found[0] if found else None


def qt_will_use_xcb(environ: Mapping[str, str], platform: str) -> bool:
    """Whether Qt will try its X11 plugin: only on Linux, unless QT_QPA_PLATFORM names other
    platforms only, or the session is Wayland with no X server to fall back on."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:  # "wayland;xcb" tries each in turn; "xcb:display=:1" passes options
        return "xcb" in (name.split(":")[0].strip() for name in chosen.split(";"))
    return not (environ.get("WAYLAND_DISPLAY") and not environ.get("DISPLAY"))


def run_ldd(library: Path) -> str:
    """ldd's report on `library`, or nothing when the system has no ldd to ask."""
    try:
        done = subprocess.run(["ldd", str(library)], capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return done.stdout


def missing_libraries(ldd_output: str) -> list[str]:
    """The libraries ldd reports as "libname.so.N => not found", each once."""
    return sorted(
        {line.split("=>")[0].strip() for line in ldd_output.splitlines() if "=> not found" in line}
    )


def install_advice(missing: list[str]) -> str:
    known = [name for name in missing if name in XCB_PACKAGES]
    unknown = [name for name in missing if name not in XCB_PACKAGES]
    apt = sorted({XCB_PACKAGES[name][0] for name in known})
    dnf = sorted({XCB_PACKAGES[name][1] for name in known})
    lines = [
        "Qt cannot open the app's window on X11: this system lacks "
        f"{', '.join(missing)}. Install them, then run this command again:"
    ]
    if known:
        lines.append(f"    sudo apt install {' '.join(apt)}    # Debian, Ubuntu")
        lines.append(f"    sudo dnf install {' '.join(dnf)}    # Fedora")
    if unknown:
        lines.append(f"    (find the package that provides {', '.join(unknown)} for your system)")
    return "\n".join(lines)


def qt_library_problem(
    environ: Mapping[str, str], platform: str, ldd: Callable[[Path], str]
) -> str | None:
    """The advice to print when Qt's X11 plugin would fail to load, else None."""
    if not qt_will_use_xcb(environ, platform):
        return None
    plugin = xcb_plugin()
    if plugin is None:
        return None
    missing = missing_libraries(ldd(plugin))
    return install_advice(missing) if missing else None


def test_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "demo"
    if command in ("demo", "app"):
        python = ensure_installed("")
        problem = qt_library_problem(os.environ, sys.platform, run_ldd)
        if problem:
            print(problem, file=sys.stderr)
            return 1
        extra = ["--demo"] if command == "demo" else []
        run(python, "-m", "coherence_planner", *extra, *argv[1:])
        return 0
    if command == "test":
        python = ensure_installed("dev")
        env = test_env()
        bin_dir = python.parent
        run(bin_dir / "ruff", "check", ".", env=env)
        run(bin_dir / "ruff", "format", "--check", ".", env=env)
        run(python, "-m", "mypy", "coherence_planner", env=env)
        run(bin_dir / "lint-imports", env=env)
        run(python, "-m", "pytest", *argv[1:], env=env)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
