"""Factbrief: footnoted, quote-checked diplomatic briefings from a curated fact file."""

__version__ = "0.1.0"
