"""Helping a person curate: what the articles hold that the fact file does not yet cover, and
fact stubs for the sentences that give figures."""

from factbrief.curate.coverage import coverage
from factbrief.curate.extract import extract_stubs, stubs_to_yaml

__all__ = ["coverage", "extract_stubs", "stubs_to_yaml"]
