"""The Babel locale of a language tag: the one place a BCP 47 tag becomes locale data."""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError


@cache
def locale_for(language: str) -> Locale:
    """The Babel locale of a BCP 47 tag; plain ``en`` is international (British) English."""
    tag = "en_GB" if language == "en" else language.replace("-", "_")
    try:
        return Locale.parse(tag)
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(tag.split("_")[0])
        except (UnknownLocaleError, ValueError):
            return Locale.parse("en_GB")


@cache
def known_language(language: str) -> bool:
    """Whether Babel has locale data for a BCP 47 tag (``fr``, ``pt-BR``; not ``xx``)."""
    try:
        Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True
