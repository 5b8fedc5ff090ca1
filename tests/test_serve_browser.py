"""`duban serve` in a real browser: Debian's chromium, driven by Selenium through chromium-driver.

A real uvicorn server runs in a thread over the seeds (lexical index). The test clicks the way a
supervision officer would: a county facet, then a status facet, a commitment, its document (the
quote's sentence must be highlighted and in view), a search, and the XLSX download, opened with
openpyxl. Screenshots of the ledger and of a document page go to $SCREENSHOT_DIR (default:
the test's tmp dir; the README's come from ``SCREENSHOT_DIR=docs``).

Skips, saying why, only when no chromium or chromium-driver is installed (.ci/run installs both).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from openpyxl import load_workbook
from serve_support import app_for, indexed_dir, live_server  # noqa: F401 - fixture

from duban.export import LEDGER_COLUMNS
from duban.serve.security import Access

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="no browser: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")


@pytest.fixture(scope="module")
def server(indexed_dir):
    with live_server(app_for(indexed_dir, Access(edit=False, token=None, login_required=False))) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--lang=zh-CN"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.downloads = downloads
    yield driver
    driver.quit()


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _params(driver) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(driver.current_url).query).items()}


def _column(driver, n: int) -> list[str]:
    from selenium.webdriver.common.by import By

    return [td.text for td in driver.find_elements(By.CSS_SELECTOR, f"#ledger tbody td:nth-child({n})")]


def test_serve_browser_walk(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    shots = _shots(tmp_path)
    browser.get(server + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("承诺台账")
    assert len(_column(browser, 1)) == 50
    browser.save_screenshot(str(shots / "serve-ledger.png"))

    # a county in the region tree, then a status
    browser.find_element(By.CSS_SELECTOR, "#facet-region").find_element(By.LINK_TEXT, "费县").click()
    assert _params(browser) == {"region": "费县"}
    assert set(_column(browser, 1)) == {"费县"}
    n_county = int(browser.find_element(By.CSS_SELECTOR, "h1 .count").text.split()[1])  # 共 N 项
    status = browser.find_element(By.CSS_SELECTOR, "#facet-status li a")
    status_label = status.text
    status.click()
    assert set(_params(browser)) == {"region", "status"}
    assert set(_column(browser, 5)) == {status_label} and len(_column(browser, 1)) <= min(n_county, 50)

    # a commitment, then its document at the quote's sentence
    first = browser.find_element(By.CSS_SELECTOR, "#ledger a.commitment")
    quote = first.text
    first.click()
    assert browser.find_element(By.CSS_SELECTOR, "#quote .quote").text == quote
    browser.find_element(By.ID, "to-document").click()
    fragment = unquote(urlsplit(browser.current_url).fragment)
    linked = browser.find_element(By.CSS_SELECTOR, "li.linked")
    assert linked.get_attribute("id") == fragment and quote in linked.text
    in_view = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= window.innerHeight;", linked)
    assert in_view, "the linked sentence must be scrolled into view"
    assert linked.value_of_css_property("background-color") == "rgba(255, 240, 166, 1)"  # --mark
    browser.save_screenshot(str(shots / "serve-document.png"))

    # a search from the header box
    box = browser.find_element(By.CSS_SELECTOR, "header input[name=q]")
    box.send_keys("费县承诺新增多少养老床位？")
    box.submit()  # a form submit does not wait for the next page: wait for its answers
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".answer, #no-answer"))
    assert browser.find_elements(By.CSS_SELECTOR, ".answer")
    assert "床位" in [m.text for m in browser.find_elements(By.CSS_SELECTOR, ".answer mark")]
    assert "地区: 费县" in browser.find_element(By.ID, "filters").text

    # the county's ledger as XLSX
    browser.get(server + "/?region=费县")
    browser.find_element(By.ID, "download-xlsx").click()
    path = browser.downloads / "督查台账.xlsx"
    deadline = time.monotonic() + 20
    while not path.is_file() and time.monotonic() < deadline:
        time.sleep(0.2)
    sheet = load_workbook(path)["督查台账"]
    assert [c.value for c in sheet[1]] == [h for h, _ in LEDGER_COLUMNS]
    assert sheet.max_row == n_county + 1
