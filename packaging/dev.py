#!/usr/bin/env python3
"""Set up the project's virtual environment and run the app or the checks, on any OS.

    python3 packaging/dev.py demo    # install, then open the app on the sample district
    python3 packaging/dev.py app     # install, then open the app's start page
    python3 packaging/dev.py test    # install with test tools, then lint, type-check, test

The virtual environment is .venv/ at the repository root; it is reinstalled only when
pyproject.toml changes, so the second run starts at once and works offline.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
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


def test_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "demo"
    if command in ("demo", "app"):
        python = ensure_installed("")
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
