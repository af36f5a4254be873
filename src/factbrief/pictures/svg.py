"""Drawing a document's pictures: the one place that knows which drawing makes which kind.

matplotlib is imported only when a picture is drawn (pictures/canvas.py), never by ``check``.
"""

from __future__ import annotations

from functools import lru_cache

from factbrief.errors import Problem, RenderError
from factbrief.pictures.canvas import check_colours, finish, load_matplotlib, overprints, settings
from factbrief.pictures.charts import draw_conflict, draw_series
from factbrief.pictures.model import Picture
from factbrief.pictures.style import Style, style_of
from factbrief.pictures.timeline import draw_timeline

DRAWINGS = {"timeline": draw_timeline, "conflict": draw_conflict, "series": draw_series}


@lru_cache(maxsize=64)
def draw(picture: Picture, style: Style) -> bytes:
    """The picture as SVG bytes (cached: a page fitted in several layouts draws each picture once)."""
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
    """The picture as PNG at print resolution (for Word files), once its SVG proves every text it prints."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    draw(picture, style)  # the proof that every text is backed
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
