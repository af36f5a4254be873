"""HTML → PDF bytes with WeasyPrint: the only module that imports it, with a locked URL fetcher."""

from __future__ import annotations

import calendar
import hashlib
import logging
import os
import warnings
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import Problem, RenderError


@dataclass
class PdfResult:
    data: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)
    overflow_section: str | None = None  # the h2 in effect where page 2 begins, if there is one


@cache
def _weasyprint():
    with warnings.catch_warnings():
        # Only a note that subsetting is slower without libharfbuzz-subset; `make` hints at it.
        warnings.filterwarnings("ignore", "HarfBuzz-Subset will be required", DeprecationWarning)
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration

    return weasyprint, FontConfiguration()


def warm_up() -> None:
    """Import WeasyPrint and set up its fonts now (before forking workers, say)."""
    _weasyprint()


def make_url_fetcher(allowed_dirs: list[Path]):
    """A fetcher that serves ``data:`` URLs and files inside the allowed folders, nothing else."""
    weasyprint, _ = _weasyprint()
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    roots = [d.resolve() for d in allowed_dirs]

    class LockedURLFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allow_redirects=False, allowed_protocols=("data", "file"))

        def fetch(self, url, headers=None):
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if any(path.is_relative_to(root) for root in roots):
                    return super().fetch(url, headers)
            raise FatalURLFetchingError(
                f"refused to fetch {url} (only data: URLs and files in the template folders are allowed)"
            )

    return LockedURLFetcher()


# Not a problem with the document: WeasyPrint's note that subsetting is slower without HarfBuzz.
_NOT_WARNINGS = ("Using fontTools instead of HarfBuzz-Subset",)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(_NOT_WARNINGS) and message not in self.messages:
            self.messages.append(message)


def html_to_pdf(html: str, base_dir: Path, allowed_dirs: list[Path], name: str, as_of: date) -> PdfResult:
    """Lay out and print one HTML page to PDF; WeasyPrint's warnings are returned, not logged.

    The same inputs give the same bytes: the PDF's identifier is derived from the HTML, and font
    subsetting (fontTools stamps the time into each font) is pinned to the brief's date.
    """
    weasyprint, font_config = _weasyprint()
    from weasyprint.urls import FatalURLFetchingError

    collector = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    propagate, logger.propagate = logger.propagate, False
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(as_of.timetuple()))
    try:
        document = weasyprint.HTML(
            string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=make_url_fetcher(allowed_dirs)
        ).render(font_config=font_config)
        identifier = hashlib.md5(html.encode("utf-8")).hexdigest().encode("ascii")
        # Tagged for accessibility (PDF/UA-1, the language from <html lang>): it costs under a
        # tenth of the print time (bench/results.md), so it is always on.
        data = document.write_pdf(pdf_identifier=identifier, pdf_variant="pdf/ua-1")
    except FatalURLFetchingError as exc:
        raise RenderError(Problem(f"{name}.html", None, str(exc))) from None
    finally:
        logger.removeHandler(collector)
        logger.propagate = propagate
        if epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
    return PdfResult(data, len(document.pages), collector.messages, _section_at_page(document, 1))


def _section_at_page(document, index: int) -> str | None:
    """The section (its ``h2`` text) in effect where page ``index`` begins, if there is such a page."""
    if len(document.pages) <= index:
        return None
    heading = None
    for number, page in enumerate(document.pages[: index + 1]):
        for box in page._page_box.descendants():
            if getattr(box, "element_tag", None) == "h2" and box.element is not None:
                if number == index and heading is not None:
                    return heading
                heading = " ".join("".join(box.element.itertext()).split()) or heading
    return heading
