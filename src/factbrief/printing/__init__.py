"""Printing: the HTML page a PDF is printed from, laid out by WeasyPrint, fitted to its page limit; the
same fitted document as a Word file, proven like the PDF (printing/word.py).

WeasyPrint is imported only when a document is laid out (printing/pdf.py), never by ``check``.
"""

from factbrief.printing import fitmemory
from factbrief.printing.fitting import Printed, page_digest, print_document
from factbrief.printing.fonts import describe, package_for, where
from factbrief.printing.page import page_html, page_shell
from factbrief.printing.pdf import warm_up
from factbrief.printing.plan import Plan, kept_print, likely_print, print_planned, word_planned
from factbrief.printing.reprint import Again, folder_stamp
from factbrief.printing.word import remove_scratch, word_document, word_key

__all__ = [
    "Again",
    "Plan",
    "Printed",
    "describe",
    "fitmemory",
    "kept_print",
    "likely_print",
    "folder_stamp",
    "package_for",
    "page_digest",
    "page_html",
    "page_shell",
    "print_document",
    "print_planned",
    "remove_scratch",
    "word_planned",
    "warm_up",
    "where",
    "word_document",
    "word_key",
]
