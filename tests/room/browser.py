"""The system's headless Chromium, driven through chromedriver (Debian: chromium,
chromium-driver; .ci/run installs them). Selenium is told where both are, so it never tries
to download a browser."""

from __future__ import annotations

import os
import shutil

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

PHONE = (390, 844)


def chromium() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have chromium and chromedriver (.ci/run installs them)")
        pytest.skip("needs chromium and chromedriver (apt-get install chromium chromium-driver)")
    return browser, driver


def phone_browser(size: tuple[int, int] = PHONE) -> WebDriver:
    browser, driver = chromium()
    options = Options()
    options.binary_location = browser
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-extensions",
        "--hide-scrollbars",
        f"--window-size={size[0]},{size[1]}",
    ):
        options.add_argument(argument)
    page = webdriver.Chrome(options=options, service=Service(executable_path=driver))
    # The window's size is not the page's (headless Chromium keeps a window at least 500 px
    # wide and takes its frame off the height): the phone's own viewport, as a phone has it.
    page.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": size[0], "height": size[1], "deviceScaleFactor": 2, "mobile": True},
    )
    return page


def wait_for(page: WebDriver, css: str, text: str | None = None, timeout: float = 10) -> None:
    def ready(driver: WebDriver) -> bool:
        found = driver.find_elements(By.CSS_SELECTOR, css)
        return bool(found) and (text is None or any(text in f.text for f in found))

    # The page replaces its card as a whole: an element found may be gone when read; look again.
    WebDriverWait(
        page, timeout, poll_frequency=0.05, ignored_exceptions=(StaleElementReferenceException,)
    ).until(ready)


def click(page: WebDriver, css: str) -> None:
    page.find_element(By.CSS_SELECTOR, css).click()
