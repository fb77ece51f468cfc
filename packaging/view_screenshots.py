"""Screenshots of every view of the main window on the sample district, at the three screen
sizes cabinets use: 1280x720, 1366x768 and 1920x1080.

Each size runs in its own process on an offscreen screen of that size less 70 px (a taskbar
and a title bar), so the window opens exactly as on a first run there: maximised, in the
compact layout below 1440 px. Writes view-<view>-<part>-<W>x<H>.png, start-<W>x<H>.png,
dock-items-<W>x<H>.png, dock-inspector-<kind>-links-<W>x<H>.png, guide-<W>x<H>.png and
shortcuts-<W>x<H>.png.

With --xvfb the window is shown on a real X server of each size (Xvfb) under a real window
manager (openbox), maximised by it as on a laptop: 1280x720 gives the window about 1280x701.

Run:  python packaging/view_screenshots.py [--out packaging/screenshots] [--size 1280x720]
      python packaging/view_screenshots.py --xvfb [--size 1280x720]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SIZES = ("1280x720", "1366x768", "1920x1080")
TASKBAR_AND_TITLE = 70  # px of a laptop screen the window never gets


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


CABINET = (
    ("Dr. Ana Ruiz", "Superintendent"),
    ("Ms. Li Chen", "Chief Academic Officer"),
    ("Mr. Tom Ode", "Chief Financial Officer"),
    ("Dr. Sam Patel", "Elementary Education"),
    ("Ms. Rosa Diaz", "Secondary Education"),
    ("Mr. Ken Ito", "Special Education"),
    ("Ms. Ada Brown", "Multilingual Learners"),
    ("Dr. Joe Nash", "Assessment"),
    ("Ms. Eve Park", "Human Resources"),
    ("Mr. Raj Rao", "Technology"),
    ("Ms. Mia Cole", "Principal"),
    ("Mr. Dan Kim", "Principal"),
)


def add_a_rated_cabinet(window: Any) -> None:
    """Twelve members who rate eight programs on implementation and impact, some saying
    "don't know", so the Ratings view shows what a retreat fills it with."""
    from coherence_planner.domain.retreat import ratings as R

    session = window.session
    for name, role in CABINET:
        session.push(R.add_member(session.district, name, role))
    programs = [p.id for p in session.district.items_of("program") if p.live][:8]
    for p, program_id in enumerate(programs):
        for m, (name, _role) in enumerate(CABINET):
            scores = {
                d: R.DONT_KNOW if (m + p + k) % 9 == 4 else 1 + (m * 2 + p * 3 + k) % 4
                for k, d in enumerate(("implementation", "impact"))
            }
            session.push(R.rate(session.district, program_id, name, scores))


def shoot(size: str, part: str, argv: list[str]) -> None:
    from shots import screenshot_app, settle

    with screenshot_app(__doc__, argv) as env:
        app, out = env.app, env.out
        from coherence_planner.ui.app import open_window

        window = open_window()
        settle(app)
        if part == "help":
            shoot_help(window, size, out, app)
            return
        print(f"the window is {window.width()}x{window.height()} on a {size} screen")
        window.grab().save(str(out / f"start-{size}.png"))
        window.documents.open_sample()
        for _ in range(100):
            settle(app, 5)
            if window.session.analysis is not None and not window.session.analysis_pending:
                break
        add_a_rated_cabinet(window)
        window.session.select(["P4"])  # a program with several findings
        for view in window.views.views.values():
            for part_title, part in view.parts.items():
                window.show_view(part)
                settle(app, 60)
                time.sleep(0.4)  # the views' timers (the ratings' chart waits 250 ms)
                settle(app, 20)
                name = slug(view.title if len(view.parts) == 1 else f"{view.title} {part_title}")
                target = out / f"view-{name}-{size}.png"
                window.grab().save(str(target))
                print(f"wrote {target}")
        shoot_docks(window, size, out, app)
        window.close()
        settle(app)


def shoot_docks(window: Any, size: str, out: Path, app: Any) -> None:
    """The side panels beside the Findings: the Items list, and the Inspector on a goal, a
    strategy and a program scrolled down to its links (the names there wrap)."""
    from shots import settle

    window.show_view(window.findings)
    window.navigation.go_to_items()
    settle(app, 20)
    window.grab().save(str(out / f"dock-items-{size}.png"))
    for item_id, kind in (("G1", "goal"), ("S11", "strategy"), ("P4", "program")):
        window.session.select([item_id])
        window.navigation.go_to_inspector()
        settle(app, 20)
        inspector = window.inspector
        inspector.scroll_area.ensureWidgetVisible(inspector.links, 0, 0)
        settle(app, 20)
        target = out / f"dock-inspector-{kind}-links-{size}.png"
        window.grab().save(str(target))
        print(f"wrote {target}")


def shoot_help(window: Any, size: str, out: Path, app: Any) -> None:
    from PySide6.QtWidgets import QWidget
    from shots import settle

    shown: list[tuple[str, QWidget]] = []
    window.help.show_guide()
    assert window.help.guide is not None
    shown.append(("guide", window.help.guide))
    window.help.show_shortcuts()
    assert window.help.sheet is not None
    shown.append(("shortcuts", window.help.sheet))
    settle(app)
    for name, dialog in shown:
        dialog.grab().save(str(out / f"{name}-{size}.png"))
        print(f"wrote {out / f'{name}-{size}.png'}")
        dialog.close()
    window.close()
    settle(app)


def on_xvfb(size: str, part: str, rest: list[str]) -> None:
    """Shoot `size` on Xvfb with openbox managing the window (it maximises it)."""
    inner = (
        "openbox & wm=$!; sleep 1; "
        f"{sys.executable} {__file__} --size {size} --part {part} {' '.join(rest)}; "
        'status=$?; kill "$wm"; exit "$status"'
    )
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    screen = f"-screen 0 {size}x24"
    subprocess.run(["xvfb-run", "-a", "-s", screen, "sh", "-c", inner], env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=SIZES)
    parser.add_argument("--part", choices=("views", "help"), default="views")
    parser.add_argument("--out", default="packaging/screenshots")
    parser.add_argument("--xvfb", action="store_true", help="a real X server and openbox")
    args = parser.parse_args(argv)
    rest = ["--out", args.out]
    if args.xvfb:
        for size in [args.size] if args.size else SIZES[:2]:
            on_xvfb(size, args.part, rest)
        return 0
    if args.size:
        shoot(args.size, args.part, rest)
        return 0
    with tempfile.TemporaryDirectory() as temp:
        # The views first: Help's guide shows pictures made from them (guide_pictures.py).
        for part, size in [("views", s) for s in SIZES] + [("help", s) for s in SIZES]:
            if part == "help" and size == SIZES[0]:
                import guide_pictures

                guide_pictures.main(["--shots", args.out])
            width, height = (int(n) for n in size.split("x"))
            config = Path(temp) / f"{size}.json"
            screen = {"name": size, "x": 0, "y": 0, "width": width}
            screen |= {"height": height - TASKBAR_AND_TITLE, "logicalDpi": 96, "dpr": 1}
            config.write_text(json.dumps({"screens": [screen]}))
            env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
            command = [sys.executable, __file__, "--size", size, "--part", part, *rest]
            subprocess.run(command, env=env, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
