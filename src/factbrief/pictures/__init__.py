"""Pictures: what each shows (``Picture``, plain data) and the SVG drawn from it, every digit proven.

matplotlib is imported only when a picture is drawn.
"""

from factbrief.pictures.canvas import texts
from factbrief.pictures.model import Mark, Picture, file_slug, period
from factbrief.pictures.style import Style, style_of
from factbrief.pictures.svg import draw, draw_all, draw_png

__all__ = ["Mark", "Picture", "Style", "draw", "draw_all", "draw_png", "file_slug", "period", "style_of", "texts"]
