"""What Factbrief remembers in the user's cache folder (drawn pictures, printed documents) is drawn
once and trusted only from a folder of the user's own."""

from __future__ import annotations

import datetime as dt

import pytest

import factbrief.pictures.svg as svg
from factbrief.files import cache_folder
from factbrief.pictures import Mark, Picture, Style, draw, draw_png

AS_OF = dt.date(2025, 9, 1)


def picture(text: str) -> Picture:
    day = dt.date(2025, 4, 27)
    marks = (Mark(day, day, True, "27 Apr 2025", text, True, ref="m"),)
    return Picture("m-timeline.svg", "timeline", "a timeline", marks, AS_OF, "as of 1 Sept 2025", "en", "en", False)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    draw.cache_clear()
    yield tmp_path / "cache" / "factbrief"
    draw.cache_clear()


def test_a_picture_is_drawn_once_as_svg_and_as_png(cache, monkeypatch):
    shown = picture("A visit drawn once.")
    first_svg, first_png = draw(shown, Style()), draw_png(shown, Style(), 100)
    assert first_png.startswith(b"\x89PNG") and first_svg.startswith(b"<?xml")
    assert sorted(p.suffix for p in (cache / "drawn").iterdir()) == [".png", ".svg"]

    def refuse(*args):
        raise AssertionError("drawn again")

    monkeypatch.setattr(svg, "_draw", refuse)
    monkeypatch.setattr(svg, "_draw_png", refuse)
    draw.cache_clear()
    assert draw(shown, Style()) == first_svg and draw_png(shown, Style(), 100) == first_png


def test_a_remembered_file_that_is_not_a_picture_is_drawn_anew(cache):
    shown = picture("A visit remembered wrongly.")
    png = draw_png(shown, Style(), 100)
    for remembered in (cache / "drawn").iterdir():
        remembered.write_bytes(b"not a picture")
    draw.cache_clear()
    assert draw_png(shown, Style(), 100) == png


def test_a_cache_folder_others_may_write_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = cache_folder("drawn")
    assert folder == tmp_path / "cache" / "factbrief" / "drawn"
    assert not folder.stat().st_mode & 0o077  # made for this user alone
    folder.chmod(0o777)  # then opened to everyone: another user could plant what it "remembers"
    other = cache_folder("drawn")
    assert other != folder and (other is None or not other.stat().st_mode & 0o022)


def test_a_relative_cache_home_is_ignored(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", "rel")
    assert cache_folder("drawn") == tmp_path / "home" / ".cache" / "factbrief" / "drawn"
    assert not (tmp_path / "rel").exists()
