"""The phone page in real (headless) Chromium where it can go wrong: program ids that are
names of JavaScript's own properties, and a laptop that cannot save."""

from __future__ import annotations

import time
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from coherence_planner.domain.retreat import ratings as R
from coherence_planner.domain.retreat import room
from coherence_planner.domain.retreat.room import all_programs
from coherence_planner.room.failures import PHONE_CANNOT_SAVE
from coherence_planner.room.headless import HeadlessRound
from coherence_planner.storage.document import read_plan
from coherence_planner.storage.room_store import RoundStore
from coherence_planner.storage.sample import sample_district
from tests.room.axe import assert_accessible
from tests.room.browser import click, phone_browser, wait_for
from tests.room.conftest import make_plan, renamed
from tests.room.test_browser import join
from tests.room.unprivileged import serve_read_only

HOSTILE_IDS = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]
COUNT_ANSWER_POSTS = """
window.answerPosts = 0;
var send = window.fetch;
window.fetch = function (url) {
  if (String(url).endsWith("api/answer")) window.answerPosts += 1;
  return send.apply(this, arguments);
};
"""


def test_programs_with_ids_of_javascript_properties_are_rated(tmp_path: Path) -> None:
    sample = sample_district()
    district = renamed(sample, dict(zip(all_programs(sample), HOSTILE_IDS, strict=False)))
    plan = tmp_path / "plan.coherence"
    round_id, programs = make_plan(plan, count=len(HOSTILE_IDS), district=district)
    assert programs == HOSTILE_IDS
    headless = HeadlessRound(plan, round_id)
    server = headless.start_thread()
    page = phone_browser()
    try:
        join(page, server.link(), "Ana", cards=len(HOSTILE_IDS))
        for n in range(len(HOSTILE_IDS)):
            wait_for(page, ".count", f"Program {n + 1} of {len(HOSTILE_IDS)}")
            assert page.find_element(By.ID, "saved").text == ""  # nothing answered yet
            click(page, f'fieldset[data-scale="impact"] button[data-value="{n % 4 + 1}"]')
            click(page, 'fieldset[data-scale="implementation"] button[data-value="dk"]')
            wait_for(page, "#saved", "Saved ✓")
            wait_for(page, "#status", "All answers saved")
            click(page, ".nav .primary")
        wait_for(page, "h1", "Thank you")
        page.refresh()  # the answers come back from the laptop, every card answered
        wait_for(page, "h1", "Thank you")
        rows = [r.text for r in page.find_elements(By.CSS_SELECTOR, ".summary .row")]
        assert len(rows) == len(HOSTILE_IDS) and all(r.startswith("✓") for r in rows), rows
        errors = [e for e in page.get_log("browser") if e.get("source") != "network"]
        assert errors == []  # no script error on the way
    finally:
        page.quit()

    def close(store: RoundStore) -> None:
        store.document.apply(store.close_command())

    headless.call(close)
    headless.stop()
    stored = read_plan(plan)
    for n, program in enumerate(HOSTILE_IDS):
        assert R.scores_of(stored, program) == {
            "Ana": {"impact": n % 4 + 1, "implementation": "dk"}
        }, program


def answer_posts(page: WebDriver) -> int:
    count: int = page.execute_script("return window.answerPosts;")
    return count


def test_a_laptop_that_cannot_save_stops_the_phone_until_a_person_tries_again(
    plan_folder: Path,
) -> None:
    served = serve_read_only(plan_folder)
    page = phone_browser()
    try:
        page.get(served.link)  # Ana joined before the folder became read-only
        page.execute_script(
            "localStorage.setItem('coherence-room-token', arguments[0]);", served.token
        )
        page.refresh()
        wait_for(page, ".count", "Program 1 of 3")
        page.execute_script(COUNT_ANSWER_POSTS)
        click(page, 'fieldset[data-scale="impact"] button[data-value="2"]')
        wait_for(page, "#problem-text", PHONE_CANNOT_SAVE)
        assert page.find_element(By.ID, "problem").is_displayed()
        assert_accessible(page, "the laptop cannot save")
        wait_for(page, "#status", "1 not saved")
        assert page.find_element(By.ID, "saved").text == "Not saved yet"
        time.sleep(4)  # the page used to send again every 1.5 s, for ever
        assert answer_posts(page) == 1

        page.refresh()  # the answer waits on the phone, and is tried once more on opening
        wait_for(page, "#problem-text", PHONE_CANNOT_SAVE)
        wait_for(page, ".count", "Program 1 of 3")  # half answered: it opens there again
        wait_for(page, "#saved", "Not saved yet")
        assert "on" in page.find_element(
            By.CSS_SELECTOR, 'fieldset[data-scale="impact"] button[data-value="2"]'
        ).get_attribute("class")

        plan_folder.chmod(0o777)  # the facilitator moves the plan, or IT fixes the folder
        click(page, "#retry")
        wait_for(page, "#status", "All answers saved")
        assert not page.find_element(By.ID, "problem").is_displayed()
        wait_for(page, "#saved", "Saved ✓")
    finally:
        page.quit()
        log = served.stop()
    assert "1 answer from phones could not be saved" in log
    (answers,) = room.round_answers(read_plan(served.plan), served.round_id).values()
    assert {p: a.scores for p, a in answers.items()} == {served.programs[0]: {"impact": 2}}
