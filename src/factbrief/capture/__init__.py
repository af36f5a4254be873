"""Sources from web pages and PDFs: fetched or read, their article text saved, fingerprinted."""

from factbrief.capture.add import Accepted, Captured, accept_source, add_source

__all__ = ["Accepted", "Captured", "accept_source", "add_source"]
