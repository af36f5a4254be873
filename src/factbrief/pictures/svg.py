"""Drawing a document's pictures: the one place that knows which drawing makes which kind.

matplotlib is imported only when a picture is drawn (pictures/canvas.py), never by ``check``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache, lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from factbrief.errors import Problem, RenderError
from factbrief.files import InputFileError, cache_folder, read_input, write_new
from factbrief.pictures.canvas import check_colours, finish, load_matplotlib, overprints, settings
from factbrief.pictures.charts import draw_conflict, draw_series
from factbrief.pictures.model import Picture
from factbrief.pictures.style import Style, style_of
from factbrief.pictures.timeline import draw_timeline

DRAWINGS = {"timeline": draw_timeline, "conflict": draw_conflict, "series": draw_series}


MAX_DRAWN_BYTES = 1 << 24  # a remembered SVG or PNG read back at most this large


@lru_cache(maxsize=64)
def draw(picture: Picture, style: Style) -> bytes:
    """The picture as SVG bytes (cached: a page fitted in several layouts draws each picture once).
    Remembered by the digest of what it shows, in its style, drawn by this code and this matplotlib
    (in the user's cache folder): an unchanged picture is never drawn again, in any process, and
    a build whose pictures are all remembered never imports matplotlib."""
    return _remembered(_memory(picture, style, "svg"), b"<?xml", lambda: _draw(picture, style))


def _remembered(memory: Path | None, starts: bytes, make: Callable[[], bytes]) -> bytes:
    """The bytes remembered at ``memory`` (when they start as such a file does), else made now and
    remembered there."""
    try:
        remembered = read_input(memory, MAX_DRAWN_BYTES, follow=False) if memory else b""
    except InputFileError:
        remembered = b""
    if remembered.startswith(starts):
        return remembered
    made = make()
    if memory:
        try:
            write_new(memory, made)
        except OSError:  # another build wrote it a moment ago, or the cache cannot be written
            pass
    return made


def _memory(picture: Picture, style: Style, kind: str) -> Path | None:
    """Where a drawn picture is remembered: its file name is the digest of everything it is drawn
    from (the drawing function too: one replaced for a test is another drawing), and its kind
    (``svg``, or ``300.png`` for a PNG at 300 dpi)."""
    folder = cache_folder("drawn")
    if folder is None:
        return None
    drawer = DRAWINGS[picture.kind]
    what = f"{_drawing_code()}\0{drawer.__module__}.{drawer.__qualname__}\0{picture!r}\0{style!r}"
    digest = hashlib.sha256(what.encode("utf-8", "surrogatepass"))
    return folder / f"{digest.hexdigest()}.{kind}"


@cache
def _drawing_code() -> str:
    """A digest of what draws: this package's code and matplotlib's version."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    try:
        digest.update(version("matplotlib").encode())
    except PackageNotFoundError:  # pragma: no cover - a dependency
        pass
    return digest.hexdigest()


def _draw(picture: Picture, style: Style) -> bytes:
    load_matplotlib()
    check_colours(style)
    drawer = DRAWINGS[picture.kind]
    with settings(style):
        figure = drawer(picture, style)
        over = overprints(figure)  # each drawing places its texts apart; this proves it did
        if over:
            raise RenderError(
                Problem(
                    picture.name, None, f"the picture would print {over[0]}; it is not drawn (nothing is printed over)"
                )
            )
        return finish(figure, picture)


def draw_png(picture: Picture, style: Style, dpi: int = 300) -> bytes:
    """The picture as PNG at print resolution (for Word files), once its SVG proves every text it
    prints; remembered as the SVG is."""
    draw(picture, style)  # the proof that every text is backed (perhaps remembered, matplotlib not loaded)
    return _remembered(_memory(picture, style, f"{dpi}.png"), b"\x89PNG", lambda: _draw_png(picture, style, dpi))


def _draw_png(picture: Picture, style: Style, dpi: int) -> bytes:
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    load_matplotlib()
    with settings(style):
        figure = DRAWINGS[picture.kind](picture, style)
        buffer = io.BytesIO()
        FigureCanvasAgg(figure)
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        return buffer.getvalue()


def draw_all(pictures: tuple[Picture, ...], stylesheet: str) -> dict[str, tuple[str, bytes]]:
    """Each picture's kind and SVG, drawn in the stylesheet's colours and type (matplotlib is
    imported here, and only if there is a picture to draw)."""
    if not pictures:
        return {}
    style = style_of(stylesheet)
    return {p.name: (p.kind, draw(p, style)) for p in pictures}
