#!/usr/bin/env python3
"""Build the one-folder app with PyInstaller, then prove it works without a display.

    python packaging/build.py            # icons, build, smoke run, sizes and timings
    python packaging/build.py --icons    # only render the app icon at every size

Steps: render icons/app.svg to PNGs at 16-512 px (freedesktop hicolor layout), an .ico
(Windows) and an .icns (macOS) with Qt's own image writers; run PyInstaller on
coherence-planner.spec into build/; then run the built program with QT_QPA_PLATFORM=offscreen:
`--version`, `demo --out`, `check`, `export` to JSON, the report PDF (pages counted with
pypdf), the map as SVG and PNG, and XLSX, and the window on the sample district for a few
seconds; checks that Qt PDF (the export dialog's preview) is in the bundle. Prints the
bundle's size and start-up times (median of 3). Exits non-zero on any failure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "packaging"
ICONS = HERE / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
DIST = ROOT / "build" / "dist"
APP = DIST / "coherence-planner"
EXE = APP / ("coherence-planner.exe" if os.name == "nt" else "coherence-planner")


def render_icons() -> list[Path]:
    """app.svg at every size, plus .ico and .icns; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray, QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(QByteArray((ROOT / "icons" / "app.svg").read_bytes()))
    if not renderer.isValid():
        raise SystemExit("icons/app.svg is not an SVG Qt can draw")
    written = []
    images = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        images[size] = image
        target = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "coherence-planner.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"could not write {target}")
        written.append(target)
    for suffix, fmt, size in (("ico", b"ico", 256), ("icns", b"icns", 512)):
        target = ICONS / f"coherence-planner.{suffix}"
        writer = QImageWriter(str(target), QByteArray(fmt))
        if not writer.write(images[size]):
            raise SystemExit(f"could not write {target}: {writer.errorString()}")
        written.append(target)
    return written


def build() -> float:
    shutil.rmtree(APP, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level=WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build" / "work"),
            str(HERE / "coherence-planner.spec"),
        ],
        cwd=ROOT,
        check=True,
    )
    return time.perf_counter() - start


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)  # the bundle must not borrow the checkout's code
    return env


def app(*args: str, timeout: float = 120) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [str(EXE), *args], env=_env(), capture_output=True, text=True, timeout=timeout, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"FAILED: coherence-planner {' '.join(args)}\n{done.stdout}{done.stderr}")
    return elapsed, done.stdout


def median_time(*args: str) -> float:
    return statistics.median(app(*args)[0] for _ in range(3))


def smoke(folder: Path) -> dict[str, float]:
    times: dict[str, float] = {}
    _, version = app("--version")
    print(f"  --version: {version.strip()}")
    times["--version"] = median_time("--version")
    plan = folder / "sample.coherence"
    times["demo --out"] = statistics.median(
        app("demo", "--out", str(plan), "--replace")[0] for _ in range(3)
    )
    _, findings = app("check", str(plan))
    if "program" not in findings.lower():
        raise SystemExit(f"FAILED: check printed no findings:\n{findings}")
    out_json = folder / "sample.json"
    times["export .json"] = app("export", str(plan), str(out_json))[0]
    data = json.loads(out_json.read_text(encoding="utf-8"))
    if data.get("format") != "coherence-planner/district" or not data.get("programs"):
        raise SystemExit("FAILED: the exported JSON is not the sample district")
    times["export report.pdf"] = app("export", str(plan), str(folder / "report.pdf"))[0]
    print(f"  export report.pdf: {check_pdf(folder / 'report.pdf')}")
    for name, magic in (
        ("map.svg", b"<"),
        ("map.png", b"\x89PNG\r\n\x1a\n"),
        ("sample.xlsx", b"PK"),
    ):
        out = folder / name
        seconds = app("export", str(plan), str(out))[0]
        body = out.read_bytes() if out.exists() else b""
        if len(body) < 1000 or not body.lstrip().startswith(magic):
            raise SystemExit(f"FAILED: export {name} wrote {len(body)} bytes, not a {name} file")
        if name == "map.svg" and b"data-item-id" not in body:
            raise SystemExit("FAILED: export map.svg has no item cards")
        print(f"  export {name}: {len(body):,} bytes in {seconds:.2f} s")
    check_qt_pdf()
    times["rating round: a phone joins and answers 2 cards"] = round_runs(folder)
    times["window (offscreen) up for 4 s"] = window_runs(folder)
    return times


def check_pdf(path: Path) -> str:
    """The report must be a real PDF of several pages that mention the sample district,
    tagged for screen readers (a structure tree, which reports/tagging/ writes)."""
    body = path.read_bytes() if path.exists() else b""
    if not body.startswith(b"%PDF-") or b"%%EOF" not in body[-1024:] or len(body) < 20_000:
        raise SystemExit(f"FAILED: export report.pdf wrote {len(body):,} bytes, not a report")
    try:
        from pypdf import PdfReader
    except ImportError:  # the dev extras bring pypdf; without it the header check stands
        return f"{len(body):,} bytes (pypdf not installed: pages not counted)"
    reader = PdfReader(path)
    first = reader.pages[0].extract_text() or ""
    if len(reader.pages) < 3 or "Riverside" not in first:
        raise SystemExit(f"FAILED: report.pdf has {len(reader.pages)} pages; first:\n{first}")
    catalog = reader.trailer["/Root"]
    if "/StructTreeRoot" not in catalog or not catalog.get("/MarkInfo", {}).get("/Marked"):
        raise SystemExit("FAILED: report.pdf is not tagged (no structure tree)")
    return f"{len(reader.pages)} pages, {len(body):,} bytes, tagged"


def check_qt_pdf() -> None:
    """The PDF export dialog previews pages with Qt PDF: its module and library must ship."""
    found = {p.name.split(".")[0] for p in APP.rglob("*Pdf*")}
    missing = {"QtPdf", "libQt6Pdf"} - found
    if missing:
        raise SystemExit(f"FAILED: the bundle lacks {', '.join(sorted(missing))} (PDF preview)")
    print("  Qt PDF (export preview): bundled")


def round_runs(folder: Path) -> float:
    """The bundle serves a rating round (aiohttp, the phone's page and its script inside it):
    a phone-sized headless Chromium joins, answers two cards, and the answers are in the plan
    once the round is stopped."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from selenium.webdriver.common.by import By

    from coherence_planner.domain.retreat import room
    from coherence_planner.storage.document import read_plan
    from tests.room.browser import click, phone_browser, wait_for

    plan = folder / "round.coherence"
    app("demo", "--out", str(plan), "--replace")
    start = time.perf_counter()
    served = subprocess.Popen(
        [str(EXE), "round", str(plan), "--programs", "P1,P2", "--title", "Smoke", "--port", "0"],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert served.stdout is not None
        announced = served.stdout.readline()
        if not announced.startswith("{"):
            raise SystemExit(f"FAILED: round printed no link: {announced!r}")
        line = json.loads(announced)
        page = phone_browser()
        try:
            page.get(line["link"])
            wait_for(page, "input#name")
            page.find_element(By.ID, "name").send_keys("Smoke test")
            click(page, "form button.primary")
            wait_for(page, ".count", "Program 1 of 2")
            for _card in range(2):
                click(page, 'fieldset[data-scale="implementation"] button[data-value="3"]')
                wait_for(page, "#saved", "Saved")
                click(page, 'fieldset[data-scale="impact"] button[data-value="dk"]')
                wait_for(page, "#status", "All answers saved")
                click(page, ".nav .primary")
            wait_for(page, "h1", "Thank you")
        finally:
            page.quit()
    finally:
        served.terminate()
        _out, err = served.communicate(timeout=30)
    if served.returncode != 0 or "Traceback" in err:
        raise SystemExit(f"FAILED: the round stopped badly ({served.returncode})\n{err}")
    answers = room.round_answers(read_plan(plan), str(line["round"]))
    if [sorted(a) for a in answers.values()] != [["P1", "P2"]]:
        raise SystemExit(f"FAILED: the plan holds {answers!r}, not one member's 2 answers")
    print("  rating round: a phone joined and answered 2 cards; both are in the plan")
    return time.perf_counter() - start


def window_runs(folder: Path) -> float:
    """Start the window on a copy of the sample; it must still be running after 4 s."""
    env = _env()
    env["XDG_CONFIG_HOME"] = str(folder / "config")  # keep the user's settings untouched
    proc = subprocess.Popen(
        [str(EXE), "--demo"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    time.sleep(4)
    alive = proc.poll() is None
    proc.terminate()
    try:
        out, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    if not alive or "Traceback" in err:
        raise SystemExit(f"FAILED: the window did not stay up\n{out}{err}")
    return 4.0


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--icons", action="store_true", help="only render the icons")
    parser.add_argument("--no-build", action="store_true", help="smoke-test the existing build")
    args = parser.parse_args(argv)
    for path in render_icons():
        print(f"icon: {path.relative_to(ROOT)}")
    if args.icons:
        return 0
    if not args.no_build:
        print(f"built in {build():.0f} s")
    with tempfile.TemporaryDirectory() as folder:
        times = smoke(Path(folder))
    print(f"bundle: {APP.relative_to(ROOT)}  {folder_size(APP) / 1e6:.0f} MB")
    for step, seconds in times.items():
        print(f"  {step}: {seconds:.2f} s")
    print("smoke run passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
