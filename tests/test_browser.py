"""The report in a real browser (headless Chromium): cells wrap instead of clipping at 1280 px and 390 px; search, sort and paging work."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.present import report
from synthetic import dense_tables

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), shutil.which("google-chrome"))
                 if p), None)
DRIVER = shutil.which("chromedriver")
LONG = ("Officials in the provincial council, speaking on condition of anonymity because they were not allowed "
        "to brief reporters, said that fighters had moved through the bazaar, the hospital road and the old "
        "fort before the police withdrew to the airport, leaving the governor's compound surrounded by dusk.")
TOKEN = "article-" + "x" * 90  # one long unbroken word, like a file name or a URL


def _browser_or_skip() -> tuple[str, str]:
    """Chromium and its driver, or skip (fail when the CI variable is set: there the check must run)."""
    missing = [name for name, path in (("chromium", CHROMIUM), ("chromedriver", DRIVER)) if not path]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package")
    if missing:
        reason = (f"no {', '.join(missing)} on this machine; install Debian's chromium and chromium-driver "
                  "(apt-get install chromium chromium-driver) to run the browser check")
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return str(CHROMIUM), str(DRIVER)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    """index.html for the dense corpus, with long sentences and long words in the events table."""
    tables = dense_tables()
    events = tables.events.copy()
    events.loc[::3, "evidence"] = LONG
    events.loc[1::7, "article_ids"] = TOKEN + ";" + TOKEN + "-2"
    events["corrected"] = ""
    events.loc[::5, "corrected"] = "date;date_low;date_high;outcome;mention_ids;article_ids"
    tables.events = events
    figures = [("districts_seized", "A finding", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)]
    out = tmp_path_factory.mktemp("browser") / "index.html"
    out.write_text(report.render_index(tables, figures, notebook_pages=[]), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def driver():
    """A headless Chromium driven by selenium."""
    chromium, chromedriver = _browser_or_skip()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--force-device-scale-factor=1"):
        options.add_argument(arg)
    browser = webdriver.Chrome(service=Service(chromedriver), options=options)
    yield browser
    browser.quit()


OVERFLOW_JS = """
var bad = [];
document.querySelectorAll('td, th').forEach(function (c) {
  if (c.offsetParent === null) { return; }
  if (c.scrollWidth > c.clientWidth + 1) { bad.push(c.textContent.slice(0, 60) + ' ' + c.scrollWidth + '>' + c.clientWidth); }
});
return bad;
"""


def _open(driver, page: Path, width: int) -> None:
    """Load the page at a window width (CSS pixels) and wait for the table to be drawn."""
    driver.set_window_size(width, 900)
    driver.get(page.as_uri())
    inner = driver.execute_script("return window.innerWidth")
    if inner != width:  # window chrome: set the viewport itself
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
        driver.get(page.as_uri())
    assert driver.execute_script("return window.innerWidth") == width


@pytest.mark.parametrize("width", [1280, 390])
def test_no_cell_clips_its_content(driver, page, width):
    _open(driver, page, width)
    rows = driver.execute_script("return document.querySelectorAll('#events-table tbody tr').length")
    assert rows == report.PAGE_ROWS
    assert driver.execute_script(OVERFLOW_JS) == []
    long_cell = driver.execute_script(
        "var c = Array.from(document.querySelectorAll('#events-table td.evidence')).find(function (t) {"
        " return t.textContent.indexOf('leaving the governor') !== -1; });"
        "return c ? [c.getBoundingClientRect().height, parseFloat(getComputedStyle(c).lineHeight)] : null;")
    assert long_cell is not None and long_cell[0] > 2.5 * long_cell[1]  # the sentence wraps onto several lines
    page_width = driver.execute_script("return document.documentElement.scrollWidth")
    assert page_width <= width  # nothing makes the page scroll sideways
    fits = driver.execute_script("var t = document.getElementById('events-table');"
                                 "return [t.scrollWidth, t.parentElement.clientWidth];")
    assert fits[0] <= fits[1]  # every column is visible without scrolling the table


def test_search_sort_and_paging(driver, page):
    from selenium.webdriver.common.by import By

    _open(driver, page, 1280)
    total = len(dense_tables().events)
    assert driver.find_element(By.ID, "events-shown").text == str(total)
    box = driver.find_element(By.ID, "events-search")
    box.send_keys("khanabad")
    rows = driver.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")
    assert driver.find_element(By.ID, "events-shown").text == str(len(rows))
    assert 1 <= len(rows) < 5 and all("khanabad" in r.text.lower() for r in rows)
    for _ in range(len("khanabad")):
        box.send_keys("\ue003")  # backspace, one input event each
    assert driver.find_element(By.ID, "events-shown").text == str(total)

    count = driver.find_element(By.XPATH, "//th[.//button[text()='Count']]//button")
    count.click()
    count.click()  # descending: the largest count first
    counts = [c.text for c in driver.find_elements(By.CSS_SELECTOR, "#events-table tbody tr td.num:not([data-label='Sources'])")]
    numbers = [int(c.lstrip("≥≤").split("–")[0].replace(",", "")) for c in counts if c]
    assert numbers[0] == 2000 and numbers == sorted(numbers, reverse=True)
    assert driver.find_element(By.XPATH, "//th[.//button[text()='Count']]").get_attribute("aria-sort") == "descending"

    driver.find_element(By.ID, "events-next").click()
    label = driver.find_element(By.ID, "events-page").text
    assert label == f"rows {report.PAGE_ROWS + 1}–{min(total, 2 * report.PAGE_ROWS)} of {total}"
    assert driver.find_element(By.ID, "events-prev").is_enabled()


@pytest.fixture(scope="module")
def packed_page(tmp_path_factory) -> Path:
    """index.html for the dense corpus with its rows sent compressed, as a large corpus's are."""
    saved = report.COMPRESS_FROM
    report.COMPRESS_FROM = 0
    try:
        html = report.render_index(dense_tables(), [], notebook_pages=[])
    finally:
        report.COMPRESS_FROM = saved
    assert "data-encoding='gzip-base64'" in html
    out = tmp_path_factory.mktemp("packed") / "index.html"
    out.write_text(html, encoding="utf-8")
    return out


def test_compressed_rows_are_unpacked_then_searched_and_paged(driver, packed_page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    _open(driver, packed_page, 1280)
    box = driver.find_element(By.ID, "events-search")
    WebDriverWait(driver, 10).until(lambda d: box.is_enabled())
    total = len(dense_tables().events)
    assert driver.find_element(By.ID, "events-page").text == f"rows 1–{report.PAGE_ROWS} of {total}"
    box.send_keys("khanabad")
    rows = driver.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")
    assert 1 <= len(rows) < 5 and all("khanabad" in r.text.lower() for r in rows)
    assert driver.find_element(By.ID, "events-shown").text == str(len(rows))


def test_the_page_is_small_for_a_big_table(tmp_path):
    """Ten thousand events still make a page of a few megabytes (the rows travel as compact JSON)."""
    tables = dense_tables()
    big = pd.concat([tables.events] * 44, ignore_index=True)
    big["event_id"] = [f"ev-{i:06d}" for i in range(len(big))]
    tables.events = big
    html = report.render_index(tables, [], notebook_pages=[])
    assert len(big) >= 10_000
    assert len(html.encode("utf-8")) < 10_000_000
    assert html.count("<tr data-order=") == report.PAGE_ROWS
