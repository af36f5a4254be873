"""Shared fixtures: the repository's fact files, a scratch copy of the small one, and built outputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factbrief.build import build

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
JV_FACTS = ROOT / "facts" / "japan-vietnam.yaml"
MINIMAL = ROOT / "src" / "factbrief" / "sample" / "brief.yaml"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch copy of the small Freedonia–Sylvania fact file and its source, the working
    directory set to its parent so messages name it ``minimal/minimal.yaml``."""
    shutil.copytree(MINIMAL.parent, tmp_path / "minimal")
    (tmp_path / "minimal" / "brief.yaml").rename(tmp_path / "minimal" / "minimal.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "minimal" / "minimal.yaml"


def edit(path: Path, old: str, new: str) -> Path:
    """Replace one exact piece of a fact file's text (it must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def second_source(project: Path, source_id: str, publisher: str = "P") -> Path:
    """Add a source of another article that carries the sample article's words (one article is one
    source, so it may not point at the same file): ``sources/<id>.txt``, the gazette's text and a line
    of its own."""
    folder = project.parent / "sources"
    text = (folder / "gazette.txt").read_text(encoding="utf-8")
    (folder / f"{source_id}.txt").write_text(text + f"\nReported by {publisher}.\n", encoding="utf-8")
    edit(
        project,
        "sources:\n",
        f"sources:\n  {source_id}:\n    publisher: {publisher}\n    title: T\n    file: sources/{source_id}.txt\n",
    )
    return project


def text_lines(markdown: str) -> list[str]:
    """The Markdown's lines but its pictures' (an image and its caption, whose calls print as one
    range, ``1–24``, and place no note where the text calls it: tests/test_pictures.py)."""
    lines = markdown.splitlines()
    pictures = {i + k for i, line in enumerate(lines) if line.lstrip().startswith("![") for k in (0, 1)}
    return [line for i, line in enumerate(lines) if i not in pictures]


def line_of(path: Path, text: str) -> int:
    """The 1-based line where a piece of text first appears in a file."""
    content = path.read_text(encoding="utf-8")
    assert text in content, f"{text!r} not in {path}"
    return content[: content.index(text)].count("\n") + 1


@pytest.fixture(scope="session")
def jv_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Japan–Viet Nam documents, built once for every test that reads them."""
    out = tmp_path_factory.mktemp("jv-output")
    build(JV_FACTS, out)
    return out


@pytest.fixture(scope="session")
def minimal_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("minimal-output")
    build(MINIMAL, out)
    return out
