"""Fonts: a character no font has stops the build, naming it and its fact; CJK names print where a
CJK font is installed; ``python -m factbrief.printing.fonts`` names the package for every missing face."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import edit
from factbrief.build import build
from factbrief.printing import fonts

NAME = "石破茂"  # Ishiba Shigeru, in Japanese script
HAS_CJK_FONT = fonts.covers(NAME[0])


def _dejavu_folder() -> Path | None:
    found = subprocess.run(["fc-match", "--format", "%{file}", "DejaVu Sans"], capture_output=True, text=True)
    path = Path(found.stdout.strip())
    return path.parent if path.name.startswith("DejaVu") else None


def only_fonts(tmp_path: Path, files: list[Path]) -> dict[str, str]:
    """An environment whose fontconfig sees only these font files (as on a machine without others)."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    for file in files:
        (folder / file.name).symlink_to(file)
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"<dir>{folder}</dir>\n<cachedir>{tmp_path / 'fc-cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


def with_japanese_name(project: Path) -> Path:
    return edit(
        project,
        "text: Sylvania is Freedonia’s second-largest trading partner.",
        f"text: Sylvania ({NAME}) is Freedonia’s second-largest trading partner.",
    )


needs_dejavu = pytest.mark.skipif(_dejavu_folder() is None, reason="the DejaVu fonts are not installed")


@needs_dejavu
def test_a_character_no_font_has_stops_the_build_naming_it_and_its_fact(project, tmp_path):
    """Where only DejaVu is installed, 石破茂 would print as boxes: an error by default, nothing written."""
    with_japanese_name(project)
    env = only_fonts(tmp_path, sorted(_dejavu_folder().glob("DejaVu*.ttf")))
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "factbrief", "build", str(project.relative_to(Path.cwd())), "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    lines = [line for line in (run.stdout + run.stderr).splitlines() if "has no font here" in line]
    assert lines == [
        f"minimal/minimal.yaml:17: fact 'partner': character '{char}' (U+{ord(char):04X}) has no font here "
        "(install fonts-noto-cjk)"
        for char in NAME
    ]
    assert not out.exists()


@pytest.mark.skipif(not HAS_CJK_FONT, reason="no CJK font here (Debian: apt-get install fonts-noto-cjk)")
def test_japanese_names_print_where_a_cjk_font_is_installed(project, tmp_path):
    with_japanese_name(project)
    build(project, tmp_path / "o")
    for doc in ("briefing", "factsheet"):
        reader = PdfReader(tmp_path / "o" / f"{doc}.pdf")
        assert NAME in "".join(page.extract_text() for page in reader.pages)
        used = {str(f["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
        # The serif text falls back to the stylesheet's serif CJK face, not to fontconfig's
        # default (a sans face).
        assert any("Serif-CJK-JP" in name for name in used), used


def test_the_package_named_for_a_character_is_for_its_script():
    assert fonts.package_for("石") == "fonts-noto-cjk"
    assert fonts.package_for("ひ") == "fonts-noto-cjk"
    assert fonts.package_for("한") == "fonts-noto-cjk"
    assert fonts.package_for("ก") == "fonts-noto-core"  # Thai
    assert fonts.package_for("😀") == "fonts-noto-color-emoji"


def _stacks(stylesheet: str) -> list[list[str]]:
    """The font families of every font and font-family declaration, in order."""
    stacks = []
    for value in re.findall(r"\bfont(?:-family)?\s*:\s*([^;}]*)", stylesheet):
        families = re.findall(r'"([^"]+)"', value)
        if families:
            stacks.append(families)
    return stacks


def test_the_checked_faces_are_those_the_stylesheet_uses():
    """`make` checks fonts.FAMILIES: they must be the first family of every stack in style.css,
    and every stack falls back to a CJK family."""
    from conftest import MINIMAL
    from factbrief.factfile.load import load_fact_file
    from factbrief.render.document import render_stylesheet
    from factbrief.templating.environment import make_environment

    stacks = _stacks(render_stylesheet(make_environment(None), load_fact_file(MINIMAL)))
    assert stacks and {stack[0] for stack in stacks} == set(fonts.FAMILIES)
    assert all(set(stack) & set(fonts.CJK_FAMILIES) for stack in stacks)


@needs_dejavu
def test_font_check_names_the_package_for_missing_faces(tmp_path):
    """With Debian's fonts-dejavu-core only (no condensed or italic faces), `make` stops, saying what to install."""
    core = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"]
    env = only_fonts(tmp_path, [_dejavu_folder() / name for name in core])
    run = subprocess.run([sys.executable, "-m", "factbrief.printing.fonts"], capture_output=True, text=True, env=env)
    assert run.returncode == 1
    assert (
        "DejaVu Serif Condensed Italic" in run.stdout
        and "apt-get install fonts-dejavu-core fonts-dejavu-extra" in run.stdout
    )


def test_font_check_passes_where_every_face_is_installed():
    if fonts.missing_faces(fonts.required_faces()):
        pytest.skip("this machine lacks some of the stylesheet's faces")
    run = subprocess.run([sys.executable, "-m", "factbrief.printing.fonts"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
