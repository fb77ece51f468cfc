"""What the app remembers between runs (QSettings): recent plans and window geometry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8


def settings() -> QSettings:
    return QSettings()


def recent_files() -> list[str]:
    value = settings().value("recent_files", [])
    if isinstance(value, str):  # QSettings returns a one-element list as a string on some platforms
        value = [value]
    entries = [str(v) for v in value] if isinstance(value, list | tuple) else []
    return [entry for entry in entries if Path(entry).exists()]


def add_recent_file(path: str | Path) -> list[str]:
    text = str(Path(path).resolve())
    files = [text, *[f for f in recent_files() if f != text]][:MAX_RECENT]
    settings().setValue("recent_files", files)
    return files


def clear_recent_files() -> None:
    settings().setValue("recent_files", [])
