"""``factbrief preview``: the documents on a local web page that updates itself after every build."""

from factbrief.preview.server import Preview, PreviewServer

__all__ = ["Preview", "PreviewServer"]
