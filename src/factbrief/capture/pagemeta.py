"""What a web page says about itself: title, publisher, publication date and canonical URL.

Read only from the page's own metadata (Open Graph, JSON-LD, <meta>, <link rel=canonical>,
<title>, a <time> marked as the publication date). The date is kept only as far as the page gives
it (YYYY, YYYY-MM or YYYY-MM-DD); nothing is guessed from the URL or the running text, where a
date is as likely to be another story's or an event's.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from factbrief.model import PartialDate
from factbrief.text.cleaning import clean_line, shorten

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ]\d{2}:\d{2}.*)?$")
_ARTICLE_TYPES = ("Article", "BlogPosting", "PressRelease", "Report", "LiveBlogPosting")
_TITLE_SEPARATORS = "|–—-:·•»"
_MAX_JSON_LD_CHARS = 1_000_000
# <meta name|itemprop=…> that give the publication date (article:published_time and JSON-LD come first).
_DATE_META = (
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "dcterms.issued",
    "citation_publication_date",
)


@dataclass(frozen=True)
class PageMeta:
    title: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    url: str | None = None  # canonical, http(s) only
    # Where each field found came from, for the user to check: {"publisher": "og:site_name", …}.
    origins: dict[str, str] = field(default_factory=dict)


def read_meta(tree: lxml_html.HtmlElement, base_url: str | None, today: dt.date) -> PageMeta:
    """The page's metadata; ``base_url`` (where it was fetched from) resolves relative links.

    The publisher is the first of: the JSON-LD article's publisher, else what it (or its page) is
    part of (isPartOf); og:site_name; <meta name=publisher> or dc.publisher; application-name;
    twitter:site (the handle without its @); and last the host of the canonical URL, of og:url or
    of the address it was fetched from, which is the site's name on the web."""
    meta = _meta_tags(tree)
    ld = _json_ld_article(tree)
    canonicals = [
        *((link.get("href"), "<link rel=canonical>") for link in _links(tree, "canonical")),
        (meta.get("og:url"), "og:url"),
        (ld.get("url"), "JSON-LD url"),
    ]
    url, url_origin = next(
        ((u, origin) for u, origin in ((_absolute(x, base_url), o) for x, o in canonicals if x) if u), (None, None)
    )
    url, url_origin = (url, url_origin) if url else (base_url, "the address it was fetched from" if base_url else None)
    handle = (meta.get("twitter:site") or "").strip().lstrip("@")
    publisher, publisher_origin = _first(
        (ld.get("publisher"), "JSON-LD publisher"),
        (ld.get("isPartOf"), "JSON-LD isPartOf"),
        (meta.get("og:site_name"), "og:site_name"),
        (meta.get("publisher"), "<meta name=publisher>"),
        (meta.get("dc.publisher"), "dc.publisher"),
        (meta.get("application-name"), "application-name"),
        (handle if handle and not handle.isdigit() else None, "twitter:site"),
        (host_name(url), f"the host of {url_origin}"),
    )
    title, title_origin = _first(
        (meta.get("og:title"), "og:title"),
        (ld.get("headline"), "JSON-LD headline"),
        (meta.get("twitter:title"), "twitter:title"),
        (meta.get("dc.title"), "dc.title"),
        (tree.findtext(".//head/title"), "<title>"),
        *((h.text_content(), "<h1>") for h in tree.iterfind(".//h1")),
    )
    if title and publisher:
        title = strip_site_name(title, publisher)
    if title and title_origin == "<title>":  # "Headline - Site": the headline is the page's <h1>
        heading = next((h for h in (clean_line(e.text_content()) for e in tree.iterfind(".//h1")) if h), None)
        if heading and len(heading) < len(title) and title.startswith(heading):
            title, title_origin = heading, "<h1>"
    dates = [
        (meta.get("article:published_time"), "article:published_time"),
        (ld.get("datePublished"), "JSON-LD datePublished"),
        *((meta.get(name), f"<meta name={name}>") for name in _DATE_META),
        *((t, "<time datetime>") for t in _time_elements(tree)),
    ]
    published, published_origin = next(
        ((d, origin) for d, origin in ((page_date(x, today), o) for x, o in dates if x) if d), (None, None)
    )
    origins = dict(title=title_origin, publisher=publisher_origin, published=published_origin, url=url_origin)
    return PageMeta(
        title=shorten(title) if title else None,
        publisher=publisher,
        published=published,
        url=url,
        origins={k: v for k, v in origins.items() if v},
    )


def page_date(text: str, today: dt.date) -> PartialDate | None:
    """An ISO date as far as it goes ("2025-04-28T09:15+07:00" → 2025-04-28, "2025-04" → 2025-04),
    in the page's own time zone; None for anything else, or a date after today."""
    m = _ISO_DATE.match(text.strip())
    if not m:
        return None
    try:
        date = PartialDate.parse("-".join(g for g in m.groups() if g))
    except ValueError:
        return None
    # A day's grace: the page's time zone may be ahead of ours.
    return date if 1900 <= date.year and date.start <= today + dt.timedelta(days=1) else None


def strip_site_name(title: str, site: str) -> str:
    """'Trade rises | The Courier' → 'Trade rises' when the site is 'The Courier' (also as a prefix)."""
    for sep in _TITLE_SEPARATORS:
        suffix, prefix = f" {sep} {site}", f"{site} {sep} "
        if title.casefold().endswith(suffix.casefold()) and len(title) > len(suffix):
            return title[: -len(suffix)].strip()
        if title.casefold().startswith(prefix.casefold()) and len(title) > len(prefix):
            return title[len(prefix) :].strip()
    return title


def host_name(url: str | None) -> str | None:
    """'www.vov.vn' → 'vov.vn': the publisher of last resort."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _first(*candidates: tuple[object, str]) -> tuple[str | None, str | None]:
    """The first candidate with text, and where it came from."""
    for value, origin in candidates:
        if isinstance(value, str):
            text = clean_line(value)
            if text:
                return text, origin
    return None, None


def _meta_tags(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """<meta property|name|itemprop=… content=…>, the first of each name (lower case)."""
    out: dict[str, str] = {}
    for element in tree.iterfind(".//meta"):
        content = element.get("content")
        for attr in ("property", "name", "itemprop"):
            name = (element.get(attr) or "").strip().lower()
            if name and content is not None:
                out.setdefault(name, content)
    return out


def _links(tree: lxml_html.HtmlElement, rel: str) -> list:
    return [e for e in tree.iterfind(".//link") if rel in (e.get("rel") or "").lower().split()]


def _time_elements(tree: lxml_html.HtmlElement) -> list[str]:
    """<time datetime> marked as the publication date; else the first in the page's one <article>."""
    marked = [
        e.get("datetime")
        for e in tree.iterfind(".//time")
        if e.get("datetime") and (e.get("itemprop") == "datePublished" or e.get("pubdate") is not None)
    ]
    articles = list(tree.iterfind(".//article"))
    if not marked and len(articles) == 1:  # several <article>s: the times may be other stories'
        marked = [e.get("datetime") for e in articles[0].iterfind(".//time") if e.get("datetime")][:1]
    return [m for m in marked if m]


def _json_ld_article(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """headline, datePublished, publisher and isPartOf (their names) and url of the page's JSON-LD article."""
    objects: list[dict] = []
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        if len(script.text) > _MAX_JSON_LD_CHARS:
            continue
        try:
            _collect(json.loads(script.text), objects, 0)
        except (ValueError, RecursionError):
            continue  # a broken block is the page's problem; the others may still be good
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    article = next((o for o in objects if _is_article(o)), None)
    page = _resolve(article.get("mainEntityOfPage"), by_id) if article else None
    # The article's own, then its page's, then any block's (a WebPage, a WebSite: the same site's).
    holders = [o for o in (article, page) if isinstance(o, dict)] + objects
    publisher = next((_name(o.get("publisher"), by_id) for o in holders if _name(o.get("publisher"), by_id)), None)
    part_of = next((_name(o.get("isPartOf"), by_id) for o in holders if _name(o.get("isPartOf"), by_id)), None)
    out = {"publisher": publisher, "isPartOf": part_of}
    if article is not None:
        url = article.get("url") or (page.get("url") or page.get("@id") if isinstance(page, dict) else page)
        out |= {
            "headline": article.get("headline") or article.get("name"),
            "datePublished": article.get("datePublished"),
            "url": url.split("#")[0] if isinstance(url, str) else None,
        }
    return {k: html.unescape(v) for k, v in out.items() if isinstance(v, str)}


def _name(value: object, by_id: dict[str, dict]) -> str | None:
    """A publisher's or a site's name: the object's name (through its @id), or a plain string."""
    value = _resolve(value, by_id)
    name = value.get("name") if isinstance(value, dict) else value
    if isinstance(name, list):
        name = next((n for n in name if isinstance(n, str)), None)
    return name.strip() or None if isinstance(name, str) else None


def _collect(value: object, out: list[dict], depth: int) -> None:
    if depth > 20 or len(out) > 500:
        return
    if isinstance(value, list):
        for item in value:
            _collect(item, out, depth + 1)
    elif isinstance(value, dict):
        out.append(value)
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in value:
                _collect(value[key], out, depth + 1)


def _is_article(obj: dict) -> bool:
    types = obj.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and t.endswith(_ARTICLE_TYPES) for t in types)


def _resolve(value: object, by_id: dict[str, dict]) -> object:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in by_id:
        return by_id[value["@id"]]
    return value


def _absolute(url: str, base: str | None) -> str | None:
    """An absolute http(s) URL from a link on the page, or None."""
    url = url.strip()
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        return None
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        return None
    return url
