"""The import wizard on a district's messy ESSER spending plan, at 1366x768, for the README.

Writes import-wizard-mapping-1366x768.png (step 1, as it opens) and
import-wizard-preview-1366x768.png (step 2: what the import read, in plain words, and what it
will create). The workbook is the one the tests use (tests/messy_inventories.py): a title
block, a two-row header, fund bands with subtotals and a grand total, split funding, and a
Goals sheet. The app runs from its start page, so the import makes a new plan, as a
planner's first hour does.

Run:  python packaging/import_preview_screenshot.py [--out packaging/screenshots]
(it runs itself again on an offscreen 1366x768 screen less a taskbar and a title bar).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SIZE = (1366, 768)
TASKBAR_AND_TITLE = 70  # px of a laptop screen the window never gets
CHILD = "COHERENCE_IMPORT_SHOT_CHILD"


def shoot(argv: list[str] | None) -> int:
    from shots import ROOT, screenshot_app, settle

    with screenshot_app(__doc__, argv) as env:
        app, out = env.app, env.out
        sys.path.insert(0, str(ROOT))
        from coherence_planner.ui.app import open_window
        from tests.messy_inventories import write_esser_workbook

        window = open_window()
        settle(app)
        workbook = write_esser_workbook(env.temp / "ESSER spending plan 2026-27.xlsx")
        dialog = window.spreadsheets.import_spreadsheet(workbook)
        assert dialog is not None
        settle(app)
        width, height = SIZE
        mapping = out / f"import-wizard-mapping-{width}x{height}.png"
        dialog.grab().save(str(mapping))
        dialog.go_to(dialog.PREVIEW)
        settle(app)
        preview = out / f"import-wizard-preview-{width}x{height}.png"
        dialog.grab().save(str(preview))
        print(f"wrote {mapping} and {preview} (the dialog is {dialog.width()}x{dialog.height()})")
        dialog.reject()
        window.close()
        settle(app)
    return 0


def main(argv: list[str] | None = None) -> int:
    if os.environ.get(CHILD):
        return shoot(argv)
    width, height = SIZE
    with tempfile.TemporaryDirectory() as temp:
        config = Path(temp) / "screen.json"
        screen = {"name": f"{width}x{height}", "x": 0, "y": 0, "width": width}
        screen |= {"height": height - TASKBAR_AND_TITLE, "logicalDpi": 96, "dpr": 1}
        config.write_text(json.dumps({"screens": [screen]}))
        env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", **{CHILD: "1"})
        command = [sys.executable, __file__, *(sys.argv[1:] if argv is None else argv)]
        return subprocess.run(command, env=env, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
