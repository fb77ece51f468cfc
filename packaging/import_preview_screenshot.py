"""The import wizard on a district's messy ESSER spending plan, at 1366x768, for the README.

Writes import-wizard-mapping-1366x768.png (step 1, as it opens) and
import-wizard-preview-1366x768.png (step 2: what the import read, in plain words, and what it
will create). The workbook is the one the tests use (tests/messy_inventories.py): a title
block, a two-row header, fund bands with subtotals and a grand total, split funding, and a
Goals sheet. The app runs from its start page, so the import makes a new plan, as a
planner's first hour does.

Run:  python packaging/import_preview_screenshot.py [--out packaging/screenshots] [--size WxH]
(it runs itself again on an offscreen screen of that size, 1366x768 unless told, less a
taskbar and a title bar).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SIZE = "1366x768"
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
        size = os.environ[CHILD]
        mapping = out / f"import-wizard-mapping-{size}.png"
        dialog.grab().save(str(mapping))
        dialog.go_to(dialog.PREVIEW)
        settle(app)
        preview = out / f"import-wizard-preview-{size}.png"
        dialog.grab().save(str(preview))
        print(f"wrote {mapping} and {preview} (the dialog is {dialog.width()}x{dialog.height()})")
        dialog.reject()
        window.close()
        settle(app)
    return 0


def main(argv: list[str] | None = None) -> int:
    if os.environ.get(CHILD):
        return shoot(argv)
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--size", default=SIZE)
    args, rest = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    width, height = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as temp:
        config = Path(temp) / "screen.json"
        screen = {"name": args.size, "x": 0, "y": 0, "width": width}
        screen |= {"height": height - TASKBAR_AND_TITLE, "logicalDpi": 96, "dpr": 1}
        config.write_text(json.dumps({"screens": [screen]}))
        env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
        env[CHILD] = args.size
        command = [sys.executable, __file__, *rest]
        return subprocess.run(command, env=env, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
