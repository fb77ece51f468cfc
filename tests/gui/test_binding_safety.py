"""The installed Qt binding must not leak references to None (PySide6 6.12.0 on CPython 3.11
takes one per call of a method returning nothing, and the interpreter aborts after a few
thousand). 100,000 calls would crash such a binding; on a good one None's count holds."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel


def test_none_returning_calls_keep_none_alive(qtbot: Any) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    holder = QObject()
    before = sys.getrefcount(None)
    for number in range(100_000):
        label.setText("x")
        holder.setObjectName("y" if number % 2 else "z")
    after = sys.getrefcount(None)
    # Immortal None (3.12+) reports a huge constant; a leaking binding drops 200,000.
    assert after >= before - 100
