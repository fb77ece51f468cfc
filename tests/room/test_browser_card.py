"""The phone's card on a real (headless) Chromium at phone sizes (issue 28): one screen per
card, answers painted in place, a reason saved as typed, a reload that lands where answering
stopped, and a closed round said in words with what did not reach the laptop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from coherence_planner.domain.retreat import room
from coherence_planner.room.headless import HeadlessRound
from coherence_planner.storage.room_store import RoundStore
from tests.room.browser import click, phone_browser, wait_for
from tests.room.conftest import make_plan
from tests.room.test_browser import join

SIZES = [(390, 844), (360, 640)]
ON_SCREEN = """
const inside = (e) => { const r = e.getBoundingClientRect();
  return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; };
const wanted = [...document.querySelectorAll('fieldset.scale button, button[data-vote], .nav .primary')];
return wanted.filter((e) => !inside(e)).map((e) => e.textContent || e.dataset.vote);
"""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[HeadlessRound, list[str]]]:
    plan = tmp_path / "plan.coherence"
    round_id, programs = make_plan(plan, count=3, vote=True)
    headless = HeadlessRound(plan, round_id)
    headless.start_thread()
    yield headless, programs
    headless.stop()


def answers_of(headless: HeadlessRound) -> dict[str, dict[str, room.Answer]]:
    def read(store: RoundStore) -> dict[str, dict[str, room.Answer]]:
        return room.round_answers(store.document.district, store.round_id)

    found: dict[str, dict[str, room.Answer]] = headless.call(read)
    return found


@pytest.mark.parametrize("size", SIZES, ids=["390x844", "360x640"])
def test_a_card_fits_one_screen_and_a_tap_changes_it_in_place(
    served: tuple[HeadlessRound, list[str]], size: tuple[int, int]
) -> None:
    headless, _ = served
    assert headless.server is not None
    page = phone_browser(size)
    try:
        join(page, headless.server.link(), "Ana")
        for n in range(3):
            wait_for(page, ".count", f"Program {n + 1} of 3")
            assert page.execute_script(ON_SCREEN) == [], f"card {n + 1} at {size}"
            button = page.find_element(
                By.CSS_SELECTOR, 'fieldset[data-scale="impact"] button[data-value="2"]'
            )
            next_button = page.find_element(By.CSS_SELECTOR, ".nav .primary")
            button.click()
            page.find_element(By.CSS_SELECTOR, 'button[data-vote="keep"]').click()
            # The very buttons tapped are still on the page, pressed: nothing was re-drawn.
            assert page.execute_script("return arguments[0].isConnected", button)
            assert button.get_attribute("aria-pressed") == "true"
            assert page.execute_script("return arguments[0].isConnected", next_button)
            assert page.execute_script("return window.scrollY") == 0
            wait_for(page, "#status", "All answers saved")
            next_button.click()
        wait_for(page, "h1", "Thank you")
    finally:
        page.quit()


def test_a_reason_is_saved_as_typed_and_next_works_straight_after(
    served: tuple[HeadlessRound, list[str]],
) -> None:
    headless, programs = served
    assert headless.server is not None
    page = phone_browser()
    try:
        join(page, headless.server.link(), "Ana")
        click(page, 'button[data-vote="sunset"]')
        page.find_element(By.ID, "reason").send_keys("Nobody uses it")
        click(page, ".nav .primary")  # at once, without leaving the field first
        wait_for(page, ".count", "Program 2 of 3")
        wait_for(page, "#status", "All answers saved")
    finally:
        page.quit()
    (mine,) = answers_of(headless).values()
    assert mine[programs[0]].vote == "sunset" and mine[programs[0]].reason == "Nobody uses it"


def test_a_reload_opens_the_first_card_not_fully_answered(
    served: tuple[HeadlessRound, list[str]],
) -> None:
    headless, _ = served
    assert headless.server is not None
    page = phone_browser()
    try:
        join(page, headless.server.link(), "Ana")
        click(page, 'fieldset[data-scale="impact"] button[data-value="3"]')  # one of two scales
        wait_for(page, "#status", "All answers saved")
        page.refresh()
        wait_for(page, ".count", "Program 1 of 3")  # not skipped: implementation is unanswered
        assert (
            page.find_element(
                By.CSS_SELECTOR, 'fieldset[data-scale="impact"] button[data-value="3"]'
            ).get_attribute("aria-pressed")
            == "true"
        )
    finally:
        page.quit()


def close_phone_round(headless: HeadlessRound) -> None:
    """What Close Round does: the server says "closed" for a minute, the plan closes."""
    assert headless.server is not None
    headless.server.close_soon()
    headless.call(lambda store: store.document.apply(store.close_command()))


def test_after_the_round_closes_the_phone_says_so_and_lists_what_was_not_saved(
    served: tuple[HeadlessRound, list[str]],
) -> None:
    headless, _ = served
    assert headless.server is not None
    page: WebDriver = phone_browser()
    try:
        join(page, headless.server.link(), "Ana")
        first = page.find_element(By.CSS_SELECTOR, "h1").text
        click(page, 'fieldset[data-scale="impact"] button[data-value="4"]')
        wait_for(page, "#status", "All answers saved")
        close_phone_round(headless)
        click(page, 'fieldset[data-scale="implementation"] button[data-value="1"]')
        wait_for(page, "h1", "The round is closed")
        assert page.find_element(By.CSS_SELECTOR, ".lost").text == first
        assert "This answer was not saved" in page.find_element(By.ID, "app").text
        page.refresh()  # the server still answers, in words
        wait_for(page, "h1", "The round is closed")
    finally:
        page.quit()
