"""Sources from web pages and PDFs: fetched or read, their article text saved, fingerprinted."""

from factbrief.capture.add import Accepted, Captured, accept_source, add_source
from factbrief.capture.batch import Outcome, add_many, pages_of

__all__ = ["Accepted", "Captured", "Outcome", "accept_source", "add_source", "add_many", "pages_of"]
