"""Screenshots of a rating round on the sample district: the presenter's live view at
1280x720 and 1920x1080 while twelve members answer, and the phone page in headless Chromium
at 390x844 (a phone's viewport, at twice the pixels, as a phone shows it).

Run under a virtual display, with chromium and chromium-driver installed:
    xvfb-run -a -s "-screen 0 1920x1080x24" python packaging/room_screenshots.py
The round listens on this machine's own network address, as it would on a laptop's Wi-Fi or
hotspot (with loopback only, the live view says no phone can reach the laptop instead of
showing the QR code, which is what a screenshot should show).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from typing import Any

from shots import screenshot_app, settle

NAMES = [
    "Dr. Ruiz",
    "Ms. Chen",
    "Mr. Okafor",
    "Dr. Patel",
    "Ms. Lindqvist",
    "Mr. García",
    "Ms. Nguyen",
    "Dr. Brooks",
    "Mr. Haddad",
    "Ms. O'Neil",
    "Dr. Kim",
    "Mr. Silva",
]


def post(link: str, path: str, body: dict[str, Any], token: str = "") -> dict[str, Any]:
    request = urllib.request.Request(
        link + path,
        json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "X-Member": token},
    )
    with urllib.request.urlopen(request, timeout=20) as reply:
        result: dict[str, Any] = json.loads(reply.read())
        return result


def members_answer(link: str, programs: list[str]) -> None:
    """Twelve members with honest differences of view; the last three are not done yet."""
    for n, name in enumerate(NAMES):
        token = post(link, "api/join", {"name": name})["token"]
        cards = programs if n < 9 else programs[: 2 + n % 3]
        for j, program in enumerate(cards):
            split = j % 3 == 0  # every third program divides the room; the rest nearly agree
            impact = (1 + n % 4) if split else 3 + (n + j) % 2 * (j % 2)
            body = {
                "program": program,
                "implementation": 2 + (n % 3 if split else (n + j) % 2),
                "impact": "dk" if (n + j) % 11 == 0 else impact,
                "vote": ("remove" if n % 2 else "keep")
                if split
                else "keep"
                if impact > 3
                else "modify",
            }
            post(link, "api/answer", body, token)


def phone(link: str, out: Any) -> None:
    import shutil

    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    options = Options()
    options.binary_location = shutil.which("chromium") or "chromium"
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--window-size=390,844",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    try:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True},
        )
        driver.get(link)
        time.sleep(1)
        driver.find_element(By.ID, "name").send_keys("Ms. Alvarez")
        driver.save_screenshot(str(out / "room-phone-join-390x844.png"))
        driver.find_element(By.CSS_SELECTOR, "form button.primary").click()
        time.sleep(1)
        driver.find_element(
            By.CSS_SELECTOR, '[data-scale="implementation"] [data-value="3"]'
        ).click()
        driver.find_element(By.CSS_SELECTOR, '[data-scale="impact"] [data-value="dk"]').click()
        time.sleep(1)
        driver.save_screenshot(str(out / "room-phone-390x844.png"))
        driver.find_element(By.CSS_SELECTOR, '[data-vote="sunset"]').click()
        driver.find_element(By.ID, "reason").send_keys("Two programs for the same readers")
        driver.execute_script("window.scrollTo(0, document.body.scrollHeight)")
        time.sleep(0.5)
        driver.save_screenshot(str(out / "room-phone-vote-390x844.png"))
    finally:
        driver.quit()
    for name in (
        "room-phone-join-390x844.png",
        "room-phone-390x844.png",
        "room-phone-vote-390x844.png",
    ):
        print(f"wrote {out / name}")


def main(argv: list[str] | None = None) -> int:
    with screenshot_app(__doc__, argv) as env:
        app, out = env.app, env.out
        from coherence_planner.domain.retreat import room
        from coherence_planner.domain.retreat.room import Round
        from coherence_planner.ui.room import controller as controller_module
        from coherence_planner.ui.shell.main_window import MainWindow

        window = MainWindow()
        window.resize(1366, 768)
        window.show()
        window.documents.open_sample()
        settle(app)
        while window.session.analysis is None:
            settle(app)
        analysis = window.session.analysis
        programs = (
            room.removal_programs(analysis)[:6]
            + room.line_of_sight(window.session.district, analysis, "G1")[:6]
        )
        spec = Round(
            "", "Removal candidates and early literacy", tuple(dict.fromkeys(programs)), vote=True
        )
        window.room._run(lambda: controller_module.RoomController.open(window.session, spec))
        view = window.room.view
        link = window.room.controller.server.link()
        worker = threading.Thread(target=members_answer, args=(link, list(spec.programs)))
        worker.start()
        while worker.is_alive():
            settle(app, 5)
            time.sleep(0.01)
        phone_thread = threading.Thread(target=phone, args=(link, out))
        phone_thread.start()
        while phone_thread.is_alive():
            settle(app, 5)
            time.sleep(0.01)
        time.sleep(0.3)
        settle(app)
        for width, height in ((1280, 720), (1920, 1080)):
            view.resize(width, height)
            settle(app)
            target = out / f"room-live-{width}x{height}.png"
            view.grab().save(str(target))
            print(f"wrote {target}")
        view.close()
        settle(app)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
