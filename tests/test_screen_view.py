"""The documents' HTML read on a screen, in Debian's headless Chromium (Playwright): numbered calls
that each go to a visible note in a list after the last section, and no note text inline."""

from __future__ import annotations

import re

import pytest

from preview_helpers import CHROMIUM_ARGS, chromium

if chromium() is None:
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium; `make test` installs it when run as root)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')")

CALLS = """() => [...document.querySelectorAll('a[href^="#note-"]')]
    .filter(a => a.offsetParent !== null)
    .map(a => {
        const target = document.getElementById(a.getAttribute('href').slice(1));
        return {number: a.textContent.trim(), target: target ? target.id : null,
                visible: !!target && target.offsetParent !== null, value: target ? target.value : null};
    })"""
INLINE_NOTES = """() => [...document.querySelectorAll('.footnote, sup.footnote-again')]
    .filter(e => e.offsetParent !== null).length"""


@pytest.mark.parametrize("document", ["briefing", "factsheet", "milestones"])
def test_every_call_on_screen_goes_to_its_note(jv_output, tmp_path, document):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto((jv_output / f"{document}.html").as_uri())
            calls = page.evaluate(CALLS)
            assert calls, "no call on screen"
            for call in calls:
                first = call["number"].split("–")[0].split(",")[0].strip()
                assert call["target"] == f"note-{first}" and call["visible"], call
                assert str(call["value"]) == first  # the list shows the note's own number
            assert page.evaluate(INLINE_NOTES) == 0  # the print's notes are not shown inline
            listed = page.evaluate("() => document.querySelectorAll('section.screen-notes li').length")
            markdown = (jv_output / f"{document}.md").read_text(encoding="utf-8")
            assert listed == len(re.findall(r"^\[\^\d+\]:", markdown, re.M))  # every note, once
            page.click('a[href="#note-1"]')
            assert page.evaluate("() => location.hash") == "#note-1"
            page.screenshot(path=str(tmp_path / f"{document}.png"), full_page=True)
        finally:
            browser.close()
