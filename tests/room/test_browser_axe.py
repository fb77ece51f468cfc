"""The rating round's phone pages checked by axe-core in headless Chromium (issue 31): no
WCAG 2.1 A/AA violation in any state a member can see: the code page (and its error), the
name page (and its error, and an anonymous round's), a card unrated, half rated, voted with a
reason, its description opened, the summary, waiting to be let in, a link no longer valid,
and the round closed with and without answers lost. The laptop cannot save: see
test_browser_trouble.py. The live view on the laptop is a Qt window, not a page (the app's
own controls are checked in tests/gui/shell/test_accessible_names.py)."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from coherence_planner.room.headless import HeadlessRound
from coherence_planner.room.server import STALE_LINK, RoomServer
from coherence_planner.storage.room_store import RoundStore
from tests.room.axe import assert_accessible
from tests.room.browser import click, phone_browser, wait_for
from tests.room.conftest import Client, make_plan
from tests.room.test_browser_card import close_phone_round


def serve(plan: Path, **options: object) -> HeadlessRound:
    round_id, _ = make_plan(plan, count=2, vote=True, **options)
    headless = HeadlessRound(plan, round_id)
    headless.start_thread()
    return headless


def enter_code(page: WebDriver, server: RoomServer, code: str) -> None:
    page.get(server.short_address("127.0.0.1") + "/")
    wait_for(page, "input#code")
    assert_accessible(page, "code page")
    page.find_element(By.ID, "code").send_keys(code + Keys.ENTER)


def test_join_name_cards_summary_and_closed_pages_have_no_wcag_violation(
    tmp_path: Path,
) -> None:
    headless = serve(tmp_path / "plan.coherence")
    server = headless.server
    assert server is not None
    Client(server).join("Ana")  # someone else already joined as Ana
    page = phone_browser()
    try:
        wrong = "000000" if server.credentials.join_code != "000000" else "111111"
        enter_code(page, server, wrong)
        wait_for(page, ".error", "not this round's")
        assert_accessible(page, "code page, wrong code")
        enter_code(page, server, server.credentials.join_code)
        wait_for(page, "input#name")
        assert_accessible(page, "name page")
        page.find_element(By.ID, "name").send_keys("Ana" + Keys.ENTER)
        wait_for(page, ".error", "already joined as Ana")
        assert_accessible(page, "name page, name taken")
        page.find_element(By.ID, "name").send_keys(" R." + Keys.ENTER)
        wait_for(page, ".count", "Program 1 of 2")
        assert_accessible(page, "card, unrated")
        click(page, "details.description summary")
        assert_accessible(page, "card, description open")
        click(page, 'fieldset[data-scale="impact"] button[data-value="3"]')
        wait_for(page, "#saved", "Saved ✓")
        assert_accessible(page, "card, one scale rated")
        click(page, 'fieldset[data-scale="implementation"] button[data-value="dk"]')
        click(page, 'button[data-vote="modify"]')
        page.find_element(By.ID, "reason").send_keys("Fewer meetings" + Keys.TAB)
        wait_for(page, "#status", "All answers saved")
        assert_accessible(page, "card, rated and voted with a reason")
        click(page, ".nav .primary")
        wait_for(page, ".count", "Program 2 of 2")
        assert_accessible(page, "second card, Back enabled")
        click(page, ".nav .primary")
        wait_for(page, "h1", "Thank you")
        assert_accessible(page, "summary")
        click(page, ".summary li:last-child button")
        click(page, 'fieldset[data-scale="impact"] button[data-value="1"]')
        wait_for(page, "#status", "All answers saved")
        close_phone_round(headless)
        click(page, 'fieldset[data-scale="implementation"] button[data-value="4"]')
        wait_for(page, "h1", "The round is closed")
        wait_for(page, ".lost")
        assert_accessible(page, "closed, an answer not saved")
    finally:
        page.quit()
        headless.stop()


def test_waiting_and_invalid_link_pages_have_no_wcag_violation(tmp_path: Path) -> None:
    headless = serve(tmp_path / "plan.coherence")
    assert headless.server is not None
    headless.call(lambda store: store.set_expected(1))
    Client(headless.server).join("Ana")  # the one member expected
    page = phone_browser()
    try:
        page.get(headless.server.link())
        wait_for(page, "input#name")
        page.find_element(By.ID, "name").send_keys("Ben" + Keys.ENTER)
        wait_for(page, ".notice", "will let you in shortly")
        assert_accessible(page, "waiting to be let in")

        def renew(store: RoundStore) -> None:
            headless.server.set_credentials(store.renew())  # type: ignore[union-attr]

        headless.call(renew)  # the page asks again every 3 s and hears 403
        wait_for(page, ".notice", "This link no longer works", timeout=15)
        assert_accessible(page, "link no longer valid")
        page.refresh()  # the old link's page itself, opened again: the code page, in words
        wait_for(page, ".error", STALE_LINK)
        assert page.find_element(By.ID, "code").is_displayed()
        assert_accessible(page, "old link reopened")
    finally:
        page.quit()
        headless.stop()


def test_an_anonymous_round_and_a_round_closed_with_all_saved_have_no_wcag_violation(
    tmp_path: Path,
) -> None:
    headless = serve(tmp_path / "plan.coherence", anonymous=True)
    assert headless.server is not None
    page = phone_browser()
    try:
        page.get(headless.server.link())
        wait_for(page, ".hint", "anonymous")
        assert_accessible(page, "anonymous round's join page")
        click(page, "form button.primary")
        wait_for(page, ".count", "Program 1 of 2")
        click(page, 'fieldset[data-scale="impact"] button[data-value="2"]')
        wait_for(page, "#status", "All answers saved")
        close_phone_round(headless)
        page.refresh()
        wait_for(page, "h1", "The round is closed")
        assert_accessible(page, "closed, every answer saved")
    finally:
        page.quit()
        headless.stop()
