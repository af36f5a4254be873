"""PDF pages as PNG pictures, for the preview: the real printed page, notes at the foot included.

Pages are rendered with PDFium (pypdfium2) when first asked for and kept by the PDF's content
hash, so an unchanged document is never rendered twice and a picture's address changes exactly
when its page may have.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass

SCALE = 1.5  # 108 dpi: an A4 page is 893 × 1263 pixels, sharp at the width the index shows it
COLOURS = 64  # a palette this size keeps type crisp at about a third of the bytes of full colour
KEPT_PICTURES = 64  # rendered pages kept in memory (a few builds' worth)


@dataclass(frozen=True)
class PdfPages:
    """A PDF known to the preview: its digest (the pictures' address) and each page's size in pixels."""

    digest: str
    sizes: tuple[tuple[int, int], ...]


class PageImages:
    """The PDFs of the current documents, and their pages rendered as PNG on demand (thread-safe)."""

    def __init__(self, scale: float = SCALE) -> None:
        self.scale = scale
        self._lock = threading.Lock()  # PDFium is not thread-safe: one call into it at a time
        self._pdfs: dict[str, bytes] = {}
        self._known: dict[str, PdfPages] = {}
        self._pictures: OrderedDict[tuple[str, int], bytes] = OrderedDict()

    def register(self, pdfs: list[bytes]) -> list[PdfPages]:
        """Make these PDFs the ones whose pages can be asked for; forget the others."""
        found = []
        for data in pdfs:
            digest = hashlib.sha256(data).hexdigest()[:32]
            known = self._known.get(digest) or PdfPages(digest, self._sizes(data))
            found.append(known)
        with self._lock:
            self._pdfs = dict(zip((p.digest for p in found), pdfs, strict=True))
            self._known = {p.digest: p for p in found}
        return found

    def png(self, digest: str, number: int) -> bytes | None:
        """Page ``number`` (from 1) of a registered PDF as PNG, or None if there is no such page."""
        with self._lock:
            data, known = self._pdfs.get(digest), self._known.get(digest)
            if data is None or known is None or not 1 <= number <= len(known.sizes):
                return None
            picture = self._pictures.get((digest, number))
            if picture is None:
                picture = self._render(data, number - 1)
                self._pictures[(digest, number)] = picture
                while len(self._pictures) > KEPT_PICTURES:
                    self._pictures.popitem(last=False)
            self._pictures.move_to_end((digest, number))
            return picture

    def _sizes(self, data: bytes) -> tuple[tuple[int, int], ...]:
        import pypdfium2

        with self._lock:
            pdf = pypdfium2.PdfDocument(data)
            try:
                sizes = []
                for index in range(len(pdf)):
                    width, height = pdf.get_page_size(index)
                    sizes.append((round(width * self.scale), round(height * self.scale)))
                return tuple(sizes)
            finally:
                pdf.close()

    def _render(self, data: bytes, index: int) -> bytes:
        import pypdfium2

        pdf = pypdfium2.PdfDocument(data)
        try:
            page = pdf[index]
            try:
                image = page.render(scale=self.scale).to_pil()
            finally:
                page.close()
        finally:
            pdf.close()
        buffer = io.BytesIO()
        image.quantize(COLOURS).save(buffer, format="PNG")
        return buffer.getvalue()
