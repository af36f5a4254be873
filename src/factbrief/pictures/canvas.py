"""Drawing pictures with matplotlib: SVG whose text stays text, set in the stylesheet's fonts.

matplotlib is imported only here, and only when a picture is drawn (a Markdown build with
pictures, or a PDF), never by ``check``. It runs on its own defaults, never the user's
matplotlibrc, with its font list cached in Factbrief's own cache folder; it draws through the
SVG canvas (no pyplot, no GUI backend). Every text a picture prints is checked before the SVG is
kept: besides the scales' tick labels (the axis, derived from the values plotted), each digit must
be one the picture's marks were given, which the notes its caption calls prove.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import re
import sys
import tempfile
import threading
import warnings
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from factbrief.errors import Problem, RenderError, TemplateError
from factbrief.files import cache_folder
from factbrief.pictures.model import Picture
from factbrief.pictures.style import Style
from factbrief.text.formatting import format_number
from factbrief.text.locales import locale_for

SVG_NS, XLINK_NS = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
MM = 1 / 25.4  # inches
PT = 25.4 / 72  # millimetres
TEXT_PT = 7.0  # the notes' size: every text in a picture, tick labels included
WIDTH_MM = 178.0  # an A4 page's text width: pictures print at their own size, not scaled
_LOCK = threading.Lock()  # matplotlib's settings are global


@cache
def load_matplotlib():
    """matplotlib, imported with its configuration folder set to Factbrief's cache (so neither the
    user's matplotlibrc nor their matplotlib cache is read or written)."""
    if "matplotlib" in sys.modules:
        import matplotlib
        import matplotlib.figure  # noqa: F401
    else:
        previous = os.environ.get("MPLCONFIGDIR")
        os.environ["MPLCONFIGDIR"] = str(cache_dir())
        try:
            import matplotlib
            import matplotlib.figure  # noqa: F401 - loads the font list, read from the cache
        finally:
            if previous is None:
                os.environ.pop("MPLCONFIGDIR", None)
            else:
                os.environ["MPLCONFIGDIR"] = previous
    from matplotlib.backends import backend_svg  # noqa: F401

    # "findfont: Failed to find font weight normal for DejaVu Sans Condensed, now using 380": the
    # condensed face is found; a family matplotlib lacks falls back as fontconfig does in print.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    return matplotlib


def cache_dir() -> Path:
    """Where matplotlib keeps its list of the machine's fonts: the user's Factbrief cache folder
    (files.cache_folder), else a new temporary folder."""
    return cache_folder("matplotlib") or Path(tempfile.mkdtemp(prefix="factbrief-matplotlib-"))


@contextmanager
def settings(style: Style):
    """matplotlib's own defaults and ours, for the time of one drawing."""
    mpl = load_matplotlib()
    with _LOCK, mpl.rc_context(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Glyph .* missing from", UserWarning)  # printed by WeasyPrint's fonts
        mpl.rcdefaults()
        mpl.rcParams.update(
            {
                "svg.fonttype": "none",  # text stays text, set by WeasyPrint in the document's fonts
                "svg.hashsalt": "factbrief",  # the same picture, the same bytes
                "text.parse_math": False,  # "$50 billion … $46 billion" is text, not mathematics
                "font.family": list(style.font),
                "font.size": TEXT_PT,
                "axes.linewidth": 0.5,
                "xtick.major.size": 0,
                "xtick.major.pad": 2,
                "ytick.major.pad": 3,
                "xtick.minor.size": 0,
                "ytick.major.size": 0,
                "xtick.color": style.muted,
                "ytick.color": style.muted,
                "xtick.labelcolor": style.muted,
                "ytick.labelcolor": style.ink,
                "axes.edgecolor": style.rule,
            }
        )
        yield mpl


def check_colours(style: Style) -> None:
    """Refuse a ``--picture-*`` colour matplotlib cannot draw, naming it."""
    from matplotlib.colors import is_color_like

    for name in ("ink", "muted", "rule", "mark", "date", "band", "paper"):
        value = getattr(style, name)
        if not is_color_like(value):
            raise TemplateError(
                Problem("style.css", None, f"--picture-{name}: '{value}' is not a colour pictures can use")
            )


# -- measuring and placing text ---------------------------------------------------------------------


class Canvas:
    """A figure measured in millimetres: panels placed in mm, text measured in mm."""

    def __init__(self, width: float, height: float, style: Style) -> None:
        from matplotlib.figure import Figure

        self.width, self.height, self.style = width, height, style
        self.figure = Figure(figsize=(width * MM, height * MM))
        self.figure.patch.set_alpha(0)

    def panel(self, left: float, bottom: float, width: float, height: float):
        return self.figure.add_axes((left / self.width, bottom / self.height, width / self.width, height / self.height))


@cache
def _text_to_path():
    from matplotlib.textpath import TextToPath

    return TextToPath()


@lru_cache(maxsize=4096)
def text_width(text: str, style: Style, bold: bool = False, size: float = TEXT_PT) -> float:
    """How wide a text prints, in mm (measured in the picture's font, as WeasyPrint will set it)."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(family=list(style.font), size=size, weight="bold" if bold else "normal")
    width, _height, _descent = _text_to_path().get_text_width_height_descent(text, prop, ismath=False)
    return width * PT


def wrap_text(text: str, width: float, style: Style, bold: bool = False) -> list[str]:
    """The text on as few lines as fit ``width`` mm, broken between words, every word kept (a word
    wider than the width is a line of its own, as wide as it is)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", style, bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


# -- scales ---------------------------------------------------------------------------------------------


def date_ticks(start: dt.date, end: dt.date, width: float, language: str) -> list[tuple[dt.date, str]]:
    """Tick positions and labels for a time axis, in the document's language: years (every 1, 2, 5,
    10… as many as fit), quarters or months with their abbreviated names, or days."""
    from babel.dates import format_skeleton

    locale = locale_for(language)
    room = max(2, int(width // 15))
    years = (end - start).days / 365.25
    if years > 4:
        step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500) if years / s <= room), 1000)
        first = (start.year + step - 1) // step * step
        return [
            (dt.date(y, 1, 1), format_skeleton("y", dt.date(y, 1, 1), locale=locale))
            for y in range(first, end.year + 1, step)
        ]
    if (end - start).days > 75:
        months = next((m for m in (1, 2, 3, 6) if (end - start).days / 30.4 / m <= room), 12)
        ticks, day = [], dt.date(start.year, start.month, 1)
        while day <= end:
            if day >= start and (day.month - 1) % months == 0:
                skeleton = "y" if day.month == 1 else "MMM"
                ticks.append((day, format_skeleton(skeleton, day, locale=locale)))
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return ticks
    step = next((s for s in (1, 2, 7, 14) if (end - start).days / s <= room), 28)
    days = [start + dt.timedelta(days=i) for i in range(0, (end - start).days + 1, step)]
    return [(d, format_skeleton("dMMM", d, locale=locale)) for d in days]


def value_range(values: list[float]) -> tuple[float, float]:
    """A value scale's ends: from zero (or the lowest value, if below it) to the highest value (or zero)."""
    return min(0.0, *values), max(0.0, *values)


def number_ticks(low: float, high: float, language: str) -> list[tuple[float, str]]:
    """Round values covering ``low`` to ``high`` for a value scale, formatted as the document
    writes numbers."""
    from matplotlib.ticker import MaxNLocator

    values = [float(v) for v in MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]).tick_values(low, high)]
    return [(v, format_number(Decimal(repr(round(v, 10))).normalize(), language)) for v in values]


# -- the SVG -----------------------------------------------------------------------------------------------


def finish(figure, picture: Picture) -> bytes:
    """The figure as SVG with the alternative text as its title, once every text it prints is backed."""
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    buffer = io.BytesIO()
    FigureCanvasSVG(figure).print_svg(buffer, metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    for prefix, uri in (("", SVG_NS), ("xlink", XLINK_NS)):
        ET.register_namespace(prefix, uri)
    root = ET.fromstring(buffer.getvalue())
    for element in root.findall(f"{{{SVG_NS}}}metadata"):
        root.remove(element)
    unbacked = [text for text in texts(root) if not set(re.findall(r"\d+", text)) <= picture.backed]
    if unbacked:
        raise RenderError(
            Problem(
                picture.name, None, f"the picture prints '{unbacked[0]}', a figure that no note of its caption backs"
            )
        )
    title = ET.Element(f"{{{SVG_NS}}}title")
    title.text = picture.alt
    root.insert(0, title)
    root.set("role", "img")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)


def texts(root: ET.Element, scales: bool = False) -> list[str]:
    """Every text an SVG prints, without the tick labels of its scales (with them, if ``scales``)."""
    found: list[str] = []

    def walk(element: ET.Element, in_scale: bool) -> None:
        in_scale = in_scale or bool(re.match(r"[xy]tick_\d+$", element.get("id", "")))
        if element.tag == f"{{{SVG_NS}}}text" and (scales or not in_scale):
            found.append("".join(element.itertext()))
        for child in element:
            walk(child, in_scale)

    walk(root, False)
    return found


# -- the proof that nothing is printed over -----------------------------------------------------------


def overprints(figure) -> list[str]:
    """What a drawn figure prints over: each pair of texts whose boxes overlap, and each text over a
    mark (an artist whose id starts with ``mark-``), described in words; empty if none. The boxes
    are measured after laying the figure out, in the picture's fonts (a tenth of a point is not
    an overlap)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    dpi = figure.dpi
    with matplotlib.rc_context({"text.hinting": "no_hinting"}):
        figure.set_dpi(288)  # type measured as it prints, not as hinted for a screen's pixels
        try:
            return _overprints(figure, FigureCanvasAgg(figure).get_renderer())
        finally:
            figure.set_dpi(dpi)


def _overprints(figure, renderer) -> list[str]:
    from matplotlib.collections import PathCollection
    from matplotlib.text import Text
    from matplotlib.transforms import Bbox

    figure.draw(renderer)
    scale = figure.dpi / 72
    boxes: list[tuple[str, Bbox]] = []
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if not (ax.axison and axis.get_visible()):
                continue
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks():
                if low - 1e-9 <= tick.get_loc() <= high + 1e-9 and tick.label1.get_visible() and tick.label1.get_text():
                    boxes.append((tick.label1.get_text(), tick.label1.get_window_extent(renderer)))
    for text in figure.findobj(lambda a: isinstance(a, Text) and a.get_gid() is not None):
        if text.get_visible() and text.get_text().strip():
            boxes.append((text.get_text(), text.get_window_extent(renderer)))
    marks: list[tuple[str, Bbox]] = []
    for artist in figure.findobj(lambda a: str(a.get_gid() or "").startswith("mark-")):
        gid = str(artist.get_gid())
        if isinstance(artist, PathCollection):  # points: each a disc around its offset
            radius = max(artist.get_sizes(), default=0) ** 0.5 / 2 * scale
            for x, y in artist.get_offset_transform().transform(artist.get_offsets()):
                marks.append((gid, Bbox.from_extents(x - radius, y - radius, x + radius, y + radius)))
        else:
            marks.append((gid, artist.get_window_extent(renderer)))
    found = []
    for i, (a, p) in enumerate(boxes):
        for b, q in boxes[i + 1 :]:
            if _overlap(p, q, 0.1 * scale):
                found.append(f"'{a}' over '{b}'")
        for name, q in marks:
            if _overlap(p, q, 0.1 * scale):
                found.append(f"'{a}' over a mark ({name})")
    return found


def _overlap(p, q, tolerance: float) -> bool:
    return min(p.x1, q.x1) - max(p.x0, q.x0) > tolerance and min(p.y1, q.y1) - max(p.y0, q.y0) > tolerance
