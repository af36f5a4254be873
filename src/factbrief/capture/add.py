"""`factbrief add` and `factbrief accept`: capture an article as a fingerprinted source; accept an edit.

Nothing is written unless everything succeeds: the article text and the edited fact file are
staged as temporary files, the fact file is re-loaded from its staged copy to prove it still
parses and says what was meant, and only then are both moved into place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from factbrief.capture.article import Article, read_article
from factbrief.capture.fetch import TIMEOUT_SECONDS
from factbrief.errors import CaptureError, FactbriefError, Problem
from factbrief.factfile import (
    ID_SYNTAX,
    NULLS,
    NUMBER_SYNTAX,
    FactText,
    check_editable,
    display_path,
    insert_source,
    load_fact_file,
    scalar,
    set_field,
)
from factbrief.files import MAX_FACT_FILE_BYTES, MAX_SOURCE_BYTES, InputFileError, mode_of, read_input, stage, write_new
from factbrief.model import FactFile, PartialDate, Source
from factbrief.text.cleaning import clean_line, has_running_text, normalise
from factbrief.text.numbers import FIGURE_RE
from factbrief.text.slugs import slug

_SMALL_WORDS = {"the", "a", "an", "of", "and", "for", "on", "in"}
# Second-level labels under a country code that are not a site's name: bbc.co.uk, mofa.go.jp.
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "go", "ac", "edu", "or", "ne", "gob", "gouv"}


@dataclass(frozen=True)
class Captured:
    """What `add` did: the new source's id, where its text and entry went, and what was found."""

    id: str
    text_path: Path
    fact_display: str
    line: int
    article: Article
    figures: int
    sha256: str
    captured: dt.date


@dataclass(frozen=True)
class Accepted:
    id: str
    fact_display: str
    line: int
    old: str | None
    new: str


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def add_source(
    source: str,
    fact_path: Path,
    source_id: str | None = None,
    *,
    title: str | None = None,
    publisher: str | None = None,
    published: PartialDate | None = None,
    today: dt.date | None = None,
    timeout: float = TIMEOUT_SECONDS,
) -> Captured:
    """Capture ``source`` (a URL or a saved .html, .pdf or .txt) into sources/ID.txt and the fact file."""
    today = today or dt.date.today()
    ff = _load(fact_path)
    original = read_input(ff.path, MAX_FACT_FILE_BYTES)
    doc = FactText.parse(original, ff.display)
    check_editable(doc)  # before fetching anything
    if source_id is not None:
        _check_new_id(ff, source_id)
    article = read_article(source, today, timeout)
    given = {"title": title, "publisher": publisher, "published": published}
    article = replace(
        article,
        title=clean_line(title) if title else article.title,
        publisher=clean_line(publisher) if publisher else article.publisher,
        published=published or article.published,
        url=clean_line(article.url) if article.url else None,
        origins=article.origins | {k: f"--{k}" for k, v in given.items() if v},
    )
    if not has_running_text(article.paragraphs):
        what = "a scanned PDF has no text layer" if article.kind == "PDF" else "save the article's own page"
        raise CaptureError(Problem(source, None, f"no article text found ({what})"))
    missing = [field for field in ("title", "publisher") if not getattr(article, field)]
    if missing:  # every missing field at once, not one per run
        names, options = " or ".join(missing), " and ".join(f"--{f}" for f in missing)
        give = f"give them with {options}" if len(missing) > 1 else f"give one with {options}"
        raise CaptureError(Problem(source, None, f"no {names} found in the {article.kind}; {give}"))
    assert article.title and article.publisher  # (each refused above when missing)
    text = "\n".join(article.paragraphs) + "\n"
    data = text.encode("utf-8")
    if len(data) > MAX_SOURCE_BYTES:  # check and build would refuse to read it
        size = f"{len(data):,} bytes, over the limit of {MAX_SOURCE_BYTES:,} for a source"
        raise CaptureError(Problem(source, None, f"the article text is {size}"))
    _check_not_captured(ff, article, text)
    sid = source_id or _derive_id(ff, article)
    text_path = ff.folder / "sources" / f"{sid}.txt"
    if text_path.exists() or text_path.is_symlink():
        raise CaptureError(Problem(display_path(text_path), None, "already exists (choose another --id)"))
    if not text_path.parent.resolve().is_relative_to(ff.folder):
        raise CaptureError(Problem(display_path(text_path.parent), None, "leads outside the fact file's folder"))
    digest = fingerprint(data)
    fields = [("publisher", scalar(article.publisher)), ("title", scalar(article.title))]
    fields += [("published", str(article.published))] if article.published else []
    fields += [("url", scalar(article.url))] if article.url else []
    fields += [("file", scalar(f"sources/{sid}.txt")), ("sha256", digest), ("captured", today.isoformat())]
    line = insert_source(doc, sid, fields)
    expected = dict(publisher=article.publisher, title=article.title, published=article.published, url=article.url)
    _commit(ff, original, doc.encode(), sid, expected | {"sha256": digest}, text_path, data)
    figures = sum(len(FIGURE_RE.findall(p)) for p in article.paragraphs)
    return Captured(sid, text_path, ff.display, line, article, figures, digest, today)


def accept_source(fact_path: Path, source_id: str) -> Accepted:
    """Record the current fingerprint of a source's saved text: its edit is deliberate."""
    ff = load_fact_file(fact_path)
    source = ff.sources.get(source_id)
    if source is None:
        known = ", ".join(sorted(ff.sources)) or "none"
        raise CaptureError(Problem(ff.display, None, f"no source '{source_id}' (known: {known})"))
    if not source.file.resolve().is_relative_to(ff.folder):
        raise CaptureError(Problem(ff.display, source.line, f"source '{source_id}': file is outside the folder"))
    try:
        digest = fingerprint(read_input(source.file, MAX_SOURCE_BYTES))
    except InputFileError as exc:
        problem = Problem(ff.display, source.line, f"source '{source_id}': {source.file_text} {exc.reason}")
        raise CaptureError(problem) from None
    if digest == source.sha256:
        return Accepted(source_id, ff.display, source.line, source.sha256, digest)
    original = read_input(ff.path, MAX_FACT_FILE_BYTES)
    doc = FactText.parse(original, ff.display)
    line = set_field(doc, source_id, "sha256", digest)
    _commit(ff, original, doc.encode(), source_id, {"sha256": digest})
    return Accepted(source_id, ff.display, line, source.sha256, digest)


def _commit(
    ff: FactFile,
    original: bytes,
    new: bytes,
    sid: str,
    expected: dict,
    text_path: Path | None = None,
    text: bytes = b"",
) -> None:
    """Stage the fact file, prove it loads as intended, then write the text (if any) and move it in."""
    staged: Path | None = None
    made_folder = wrote_text = False
    try:
        staged = stage(ff.path, new, mode_of(ff.path))
        after = _prove(ff, staged, sid, expected)
        if text_path is not None:
            made_folder = not text_path.parent.exists()
            text_path.parent.mkdir(exist_ok=True)
            _write_new(text_path, text)
            wrote_text = True
        if read_input(ff.path, MAX_FACT_FILE_BYTES) != original:
            raise CaptureError(Problem(ff.display, None, "the fact file changed meanwhile; nothing changed, run again"))
        os.replace(staged, ff.path)
        staged = None
        _remember(ff, after)
    except BaseException as exc:
        if text_path is not None:  # (a text is written, and its folder made, only when there is one)
            if wrote_text:
                text_path.unlink(missing_ok=True)
            if made_folder:
                _rmdir_quietly(text_path.parent)
        if isinstance(exc, OSError):
            where = display_path(Path(exc.filename)) if exc.filename else ff.display
            raise CaptureError(
                Problem(where, None, f"cannot be written ({exc.strerror or exc}); nothing changed")
            ) from None
        raise
    finally:
        if staged is not None:
            staged.unlink(missing_ok=True)


def _prove(ff: FactFile, staged: Path, sid: str, expected: dict) -> FactFile:
    """The staged fact file loads, keeps every other source as it was, and gives ``sid`` the new values."""
    try:
        after = load_fact_file(staged)
    except FactbriefError as exc:
        reason = exc.first_message()
        raise CaptureError(
            Problem(ff.display, None, f"the entry could not be added safely ({reason}); nothing changed")
        ) from None
    before = {k: _plain(v) for k, v in ff.sources.items()}
    new = after.sources.get(sid)
    if new is not None and any(getattr(new, k) != v for k, v in expected.items()):
        new = None
    if new is not None and sid in before:  # accept: only the expected fields may change
        before[sid] = _plain(replace(ff.sources[sid], **expected))
    kept = {k: _plain(v) for k, v in after.sources.items() if k in before}
    if (
        new is None
        or kept != before
        or (len(after.facts), len(after.milestones)) != (len(ff.facts), len(ff.milestones))
    ):
        raise CaptureError(Problem(ff.display, None, "the entry could not be added safely; nothing changed"))
    return after


# The fact file as the last `add` of this process proved it, while the file on disk is still that one:
# a batch (`add DIR`) need not read again what it has just written and proved. Keyed by the path as given.
_PROVED: dict[str, tuple[tuple[int, int, int], FactFile]] = {}
# Each source's saved text, normalised, while its file is unchanged (`add` compares every new text).
_TEXTS: dict[Path, tuple[tuple[int, int, int], str | None]] = {}


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def _load(fact_path: Path) -> FactFile:
    known = _PROVED.get(str(fact_path))
    if known is not None and known[0] == _signature(fact_path) and known[1].display == display_path(fact_path):
        return known[1]
    return load_fact_file(fact_path)


def _remember(ff: FactFile, after: FactFile) -> None:
    signature = _signature(ff.path)
    if signature is not None:
        _PROVED.clear()
        _PROVED[str(ff.path)] = (signature, replace(after, path=ff.path, display=ff.display))


def _plain(source: Source) -> Source:
    return replace(source, line=0)


def _write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet (a file that appears meanwhile is not overwritten)."""
    try:
        write_new(path, data)
    except FileExistsError:
        raise CaptureError(Problem(display_path(path), None, "already exists (choose another --id)")) from None


def _rmdir_quietly(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def _check_new_id(ff: FactFile, sid: str) -> None:
    if not ID_SYNTAX.match(sid) or len(sid) > 100 or NUMBER_SYNTAX.match(sid) or sid in NULLS:
        raise CaptureError(
            Problem(
                ff.display,
                None,
                f"--id '{sid}' is not a valid source id (expected letters, digits, '-', '_' or '.', not a bare number)",
            )
        )
    if sid in ff.sources:
        raise CaptureError(
            Problem(ff.display, ff.sources[sid].line, f"source id '{sid}' is already taken (choose another with --id)")
        )


def _check_not_captured(ff: FactFile, article: Article, text: str) -> None:
    """Refuse a page that a source already holds: the same URL, or the same text."""
    urls = [u for u in (article.url, article.fetched_from) if u]
    wanted = normalise(text)
    for source in ff.sources.values():
        if source.url and any(_same_page(source.url, u) for u in urls):
            raise CaptureError(
                Problem(
                    ff.display, source.line, f"already captured as source '{source.id}' (the same URL: {source.url})"
                )
            )
        if source.file.resolve().is_relative_to(ff.folder) and _text_of(source) == wanted:
            raise CaptureError(
                Problem(
                    ff.display,
                    source.line,
                    f"already captured as source '{source.id}' ({source.file_text} has the same text)",
                )
            )


def _text_of(source: Source) -> str | None:
    signature = _signature(source.file)
    known = _TEXTS.get(source.file)
    if signature is not None and known is not None and known[0] == signature:
        return known[1]
    try:
        text = normalise(read_input(source.file, MAX_SOURCE_BYTES).decode("utf-8-sig"))
    except (InputFileError, UnicodeDecodeError):
        text = None
    if signature is not None:
        _TEXTS[source.file] = (signature, text)
    return text


def _same_page(a: str, b: str) -> bool:
    """The same page whatever the scheme, a leading www., a trailing slash or a #fragment."""

    def key(url: str) -> tuple[str, str, str]:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().removeprefix("www.")
        return host, parts.path.rstrip("/") or "/", parts.query

    return key(a) == key(b)


def source_slug(text: str) -> str:
    """'Báo Điện tử Đồng Hành' → 'bao-dien-tu': three words, small words left out."""
    return slug(text, words=3, chars=40, skip=_SMALL_WORDS)


def site_name(url: str | None) -> str | None:
    """The name a site is registered under: 'en.nhandan.vn' → 'nhandan', 'mofa.go.jp' → 'mofa'."""
    host = (urlsplit(url).hostname or "") if url else ""
    labels = host.lower().split(".")
    if len(labels) < 2 or labels[-1].isdigit():
        return None  # a bare name or an IP address
    suffix = 2 if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 1
    name = labels[-suffix - 1] if len(labels) > suffix else ""
    return source_slug(name) if name and name != "www" else None


def _derive_id(ff: FactFile, article: Article) -> str:
    """An id from the site (then the publisher), unused in the fact file and in sources/."""
    base = site_name(article.url or article.fetched_from) or source_slug(article.publisher or "")
    base = base or source_slug(article.title or "") or "source"
    if NUMBER_SYNTAX.match(base):
        base = f"source-{base}"
    title = source_slug(article.title or "")
    candidates = [base, f"{base}-{title}" if title else base] + [f"{base}-{n}" for n in range(2, 1000)]
    for sid in candidates:
        if sid not in ff.sources and not (ff.folder / "sources" / f"{sid}.txt").exists():
            return sid
    raise CaptureError(Problem(ff.display, None, "cannot find an unused source id; give one with --id"))
