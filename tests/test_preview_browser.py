"""The preview in a real browser: Debian's headless Chromium, driven by Playwright.

The test loads the index, edits the fact file and sees the page change by itself (no reload, the
scroll position kept), then makes a bad edit and sees its error above the last good documents.
Its screenshots are saved in the test's temporary folder (pytest prints it on failure) and, when
FACTBRIEF_SCREENSHOTS names a folder, there too. ``make preview-picture`` regenerates the README's
picture, docs/preview.png, with the last test here.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import JV_FACTS, edit, line_of
from preview_helpers import CHROMIUM_ARGS, Running, chromium

if chromium() is None:
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium; `make test` installs it when run as root)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')")

WAIT_MS = 90_000
IMAGES_LOADED = "() => document.images.length > 0 && [...document.images].every(i => i.complete && i.naturalWidth > 0)"


@pytest.fixture
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def save(page, path: Path) -> None:
    """A screenshot for review: in the test's folder, and in FACTBRIEF_SCREENSHOTS if set."""
    page.screenshot(path=str(path))
    if os.environ.get("FACTBRIEF_SCREENSHOTS"):
        folder = Path(os.environ["FACTBRIEF_SCREENSHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, folder / path.name)


def test_the_page_updates_itself_and_shows_a_bad_edit(project, browser, tmp_path):
    run = Running("preview", "minimal/minimal.yaml", "--port", "0", "--out", "out")
    try:
        port = run.port()
        run.wait_for("built in")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_function(IMAGES_LOADED, timeout=WAIT_MS)
        before = page.get_attribute("#doc-briefing img", "src")
        page.evaluate("window.notReloaded = true")
        page.evaluate("document.getElementById('doc-factsheet').scrollIntoView()")
        scrolled = page.evaluate("window.scrollY")
        assert scrolled > 0

        edit(project, "Two-way trade reached", "Two-way trade rose to")
        page.wait_for_function(
            "before => document.querySelector('#doc-briefing img').getAttribute('src') !== before",
            arg=before,
            timeout=WAIT_MS,
        )
        assert page.evaluate("window.notReloaded") is True  # updated in place
        assert page.evaluate("window.scrollY") == scrolled
        assert "printed: briefing, factsheet · unchanged: milestones" in page.inner_text(".meta")
        page.wait_for_function(IMAGES_LOADED, timeout=WAIT_MS)
        save(page, tmp_path / "preview-updated.png")
        after = page.get_attribute("#doc-briefing img", "src")

        edit(project, "up 8% on the year before.", "up 9% on the year before.")
        page.wait_for_selector(".errors", timeout=WAIT_MS)
        shown = page.inner_text(".errors")
        line = line_of(project, "- id: trade")
        assert f"minimal/minimal.yaml:{line}: fact 'trade': number 9 in text is not in its quote" in shown
        assert page.get_attribute("#doc-briefing img", "src") == after  # the last good documents stay
        assert page.evaluate("window.notReloaded") is True
        page.evaluate("window.scrollTo(0, 0)")
        save(page, tmp_path / "preview-error.png")
        assert problems == []  # no script error, nothing refused by the page's security policy
    finally:
        run.interrupt()
    assert run.lines[-1] == "stopped preview"


@pytest.mark.skipif(not os.environ.get("FACTBRIEF_PREVIEW_PICTURE"), reason="makes the README's picture on demand")
def test_readme_picture(browser, tmp_path):
    """The README's picture of the preview: the curated Japan – Viet Nam file (make preview-picture)."""
    shutil.copytree(JV_FACTS.parent, tmp_path / "facts")
    run = Running("preview", "facts/japan-vietnam.yaml", "--port", "0", "--out", "out", cwd=tmp_path)
    try:
        port = run.port()
        run.wait_for("built in")
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_function(IMAGES_LOADED, timeout=WAIT_MS)
        page.screenshot(path=os.environ["FACTBRIEF_PREVIEW_PICTURE"])
    finally:
        run.interrupt()
