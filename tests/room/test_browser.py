"""Three members rate from real (headless) Chromium; closing writes the plan's ratings."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from coherence_planner.domain.retreat import ratings as R
from coherence_planner.domain.retreat import room
from coherence_planner.room.headless import HeadlessRound
from coherence_planner.storage.document import read_plan
from coherence_planner.storage.room_store import RoundStore
from tests.room.browser import click, phone_browser, wait_for
from tests.room.conftest import make_plan


def join(page: WebDriver, link: str, name: str, cards: int = 3) -> None:
    page.get(link)
    wait_for(page, "input#name")
    page.find_element(By.ID, "name").send_keys(name)
    click(page, "form button.primary")
    wait_for(page, ".count", f"Program 1 of {cards}")


def answer_card(
    page: WebDriver, impl: str | None, impact: str, vote: str, reason: str = ""
) -> None:
    if impl is not None:  # tapping the chosen value again would clear it
        click(page, f'fieldset[data-scale="implementation"] button[data-value="{impl}"]')
        wait_for(page, "#saved", "Saved")
    click(page, f'fieldset[data-scale="impact"] button[data-value="{impact}"]')
    click(page, f'button[data-vote="{vote}"]')
    if reason:
        page.find_element(By.ID, "reason").send_keys(reason + Keys.TAB)  # leaving it sends it
    wait_for(page, "#status", "All answers saved")


def test_three_members_rate_with_dont_know_a_change_and_a_reload(tmp_path: Path) -> None:
    plan = tmp_path / "sample.coherence"
    round_id, programs = make_plan(plan, count=3, vote=True)
    headless = HeadlessRound(plan, round_id)
    server = headless.start_thread()
    with ThreadPoolExecutor(3) as pool:  # three browsers start in the time of one
        pages = list(pool.map(lambda _: phone_browser(), range(3)))
    try:
        ana, ben, cy = pages
        for page, name in zip(pages, ["Ana Ruiz", "Ben O'Kafor & Co", "Cy"], strict=True):
            join(page, server.link(), name)

        for impl, impact, vote in [
            ("4", "3", "keep"),
            ("dk", "dk", "modify"),
            ("2", "1", "remove"),
        ]:
            answer_card(ana, impl, impact, vote)
            click(ana, ".nav .primary")
        wait_for(ana, "h1", "Thank you")

        answer_card(ben, "1", "2", "sunset", "Nobody uses it")
        click(ben, ".nav .primary")
        ben.refresh()  # a phone that drops off comes back on the first card it left open
        wait_for(ben, ".count", "Program 2 of 3")
        click(ben, ".nav .choice")  # Back to the first card: the earlier answers are there
        assert "on" in ben.find_element(
            By.CSS_SELECTOR, 'fieldset[data-scale="impact"] button[data-value="2"]'
        ).get_attribute("class")
        answer_card(ben, None, "4", "keep")  # changes his mind: impact 4, keep

        answer_card(cy, "3", "3", "keep")
        assert ana.find_element(By.ID, "status").text == "All answers saved"
    finally:
        with ThreadPoolExecutor(3) as pool:
            list(pool.map(lambda page: page.quit(), pages))

    def close(store: RoundStore) -> None:
        store.document.apply(store.close_command())

    headless.call(close)
    headless.stop()

    district = read_plan(plan)
    p1, p2, p3 = programs
    assert R.scores_of(district, p1) == {
        "Ana Ruiz": {"implementation": 4, "impact": 3},
        "Ben O'Kafor & Co": {"implementation": 1, "impact": 4},
        "Cy": {"implementation": 3, "impact": 3},
    }
    assert R.scores_of(district, p2) == {"Ana Ruiz": {"implementation": "dk", "impact": "dk"}}
    assert R.scores_of(district, p3) == {"Ana Ruiz": {"implementation": 2, "impact": 1}}
    answers = room.round_answers(district, round_id)
    ben_id = next(m.id for m in room.round_members(district, round_id) if m.name.startswith("Ben"))
    assert answers[ben_id][p1].vote == "keep" and answers[ben_id][p1].reason == "Nobody uses it"
    assert district.record(room.ROUNDS, round_id)["state"] == "closed"
