"""Text a person typed, shown in Qt exactly as typed.

Qt takes any label or tooltip text that looks like HTML (Qt.mightBeRichText) for rich text,
so a program named `<font color=red>Cut</font>` was shown red, and a name could pull in
images or links. Labels that show names are set to plain text; tooltips have no such
switch, so a name that looks like HTML is escaped inside an explicit `<qt>` document.
`html()` escapes a name that goes into a label built as rich text on purpose.
"""

from __future__ import annotations

import re

from PySide6.QtGui import Qt


def html(text: str) -> str:
    """`text` escaped for a rich-text label (line breaks kept)."""
    import html as _html  # with its entity tables, 3 ms: not before the first paint (issue 29)

    return _html.escape(text, quote=False).replace("\n", "<br>")


def tooltip(text: str) -> str:
    """A tooltip that shows `text` literally, even when it looks like HTML."""
    if not Qt.mightBeRichText(text):
        return text
    return f"<qt>{html(text)}</qt>"


def file_stem(text: str) -> str:
    """A name (a district's, a plan's) made safe as a file name on every system."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text).strip(" .")
    return re.sub(r"\s+", " ", stem) or "Coherence plan"
