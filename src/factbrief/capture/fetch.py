"""Fetching an article over HTTP(S): a deadline, a size limit, redirects kept on the same site.

Every failure is one CaptureError line naming the URL. The whole fetch, redirects included, must
finish before the deadline (a server that trickles a byte at a time is cut off too); the body is
counted while it streams and again after decompression, so a gzip bomb stops at the limit.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from factbrief import __version__
from factbrief.errors import CaptureError, Problem

TIMEOUT_SECONDS = 20.0
MAX_PAGE_BYTES = 10 * 1024 * 1024  # 10 MiB: a web page with its markup
MAX_PDF_BYTES = 40 * 1024 * 1024  # 40 MiB: a PDF article carries its photos and fonts
MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)
_HEADERS = {
    "User-Agent": f"Factbrief/{__version__} (article capture)",
    "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8",
    "Accept-Encoding": "gzip",
}


@dataclass(frozen=True)
class Fetched:
    """A page as the server sent it: the URL it came from (after redirects), its bytes and type."""

    url: str
    data: bytes
    content_type: str  # "text/html", "application/pdf", … (lower case, no parameters)
    charset: str | None


def _fail(url: str, message: str) -> CaptureError:
    return CaptureError(Problem(url, None, message))


def _mib(n: int) -> str:
    return f"{n // (1024 * 1024)} MiB"


def check_url(url: str) -> str:
    """The URL if Factbrief may fetch it (http or https, a host, no user name); CaptureError otherwise."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise _fail(url, f"'{parts.scheme or url}' URLs are not fetched (expected http:// or https://)")
    if not parts.hostname:
        raise _fail(url, "the URL has no host name")
    if parts.username is not None or parts.password is not None:
        raise _fail(url, "the URL carries a user name or password (it would be written into the fact file)")
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        raise _fail(url, "the URL holds spaces or control characters")
    return url


def ascii_url(url: str) -> str:
    """The URL as HTTP sends it: an international host in IDNA, other non-ASCII percent-encoded."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise _fail(url, "the host name is not a valid international domain name") from None
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    safe = "/%:@!$&'()*+,;=-._~?"
    return urlunsplit((parts.scheme.lower(), netloc, quote(parts.path, safe), quote(parts.query, safe), ""))


def _site(host: str) -> str:
    return host.lower().removeprefix("www.")


def _check_redirect(url: str, target: str) -> str:
    """A redirect is followed only within http(s), never from https to http, and only on the same site."""
    old, new = urlsplit(url), urlsplit(target)
    if new.scheme.lower() not in ("http", "https"):
        raise _fail(url, f"redirects to {target}, which is not an http(s) URL (refused)")
    if old.scheme.lower() == "https" and new.scheme.lower() == "http":
        raise _fail(url, f"redirects from https to plain http ({target}); refused")
    if _site(old.hostname or "") != _site(new.hostname or ""):
        raise _fail(url, f"redirects to another site: {target} (add that URL if it is the article)")
    return check_url(target)


class _Watched(http.client.HTTPConnection):
    """An HTTP(S) connection that hands its socket to the deadline watchdog."""

    watchdog: list[socket.socket]  # the sockets the watchdog shuts: set by each opener's subclass

    def connect(self) -> None:
        super().connect()
        self.watchdog.append(self.sock)


def _opener(sockets: list[socket.socket]) -> urllib.request.OpenerDirector:
    class WatchedHTTP(_Watched):
        watchdog = sockets

    class WatchedHTTPS(_Watched, http.client.HTTPSConnection):
        watchdog = sockets

    class Http(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(WatchedHTTP, req)

    class Https(urllib.request.HTTPSHandler):
        def __init__(self, context: ssl.SSLContext) -> None:
            super().__init__(context=context)
            self.context = context

        def https_open(self, req):
            return self.do_open(WatchedHTTPS, req, context=self.context)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):
            return None  # each redirect is checked and followed by fetch() itself

    return urllib.request.build_opener(Http(), Https(context=ssl.create_default_context()), NoRedirect())


def fetch(url: str, timeout: float = TIMEOUT_SECONDS, limit: int = MAX_PAGE_BYTES) -> Fetched:
    """GET the URL, following same-site redirects; the body is at most ``limit`` bytes (PDFs may use
    MAX_PDF_BYTES), decompressed, and all of it arrives within ``timeout`` seconds."""
    check_url(url)
    sockets: list[socket.socket] = []
    deadline = time.monotonic() + timeout
    watchdog = threading.Timer(timeout, _shut, (sockets,))
    watchdog.daemon = True
    watchdog.start()
    try:
        return _fetch(url, url, sockets, deadline, timeout, limit)
    except CaptureError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        cause = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if time.monotonic() >= deadline or isinstance(cause, TimeoutError):
            raise _fail(url, f"timed out after {timeout:g} s") from None
        raise _fail(url, f"cannot be fetched ({_reason(exc)})") from None
    finally:
        watchdog.cancel()
        _shut(sockets)


def _fetch(given: str, url: str, sockets: list, deadline: float, timeout: float, limit: int) -> Fetched:
    opener = _opener(sockets)
    for _ in range(MAX_REDIRECTS + 1):
        request = urllib.request.Request(ascii_url(url), headers=_HEADERS)
        try:
            response = opener.open(request, timeout=max(0.01, deadline - time.monotonic()))
        except urllib.error.HTTPError as exc:
            with exc:
                location = exc.headers.get("Location") if exc.code in _REDIRECTS else None
                if not location:
                    raise _fail(url, f"HTTP {exc.code}{' ' + exc.reason if exc.reason else ''}") from None
            url = _check_redirect(url, urljoin(url, location.strip()))
            continue
        with response:
            return _read(url, response, deadline, timeout, limit)
    raise _fail(given, f"more than {MAX_REDIRECTS} redirects")


def _read(url: str, response, deadline: float, timeout: float, limit: int) -> Fetched:
    headers: Message = response.headers
    content_type = (headers.get_content_type() or "").lower()
    if content_type == "application/pdf":
        limit = max(limit, MAX_PDF_BYTES)
    length = headers.get("Content-Length", "")
    if length.isdigit() and int(length) > limit:
        raise _fail(url, f"larger than {_mib(limit)} ({int(length):,} bytes)")
    encoding = (headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise _fail(url, f"content encoding '{encoding}' is not supported (expected gzip or none)")
    inflate = zlib.decompressobj(zlib.MAX_WBITS | 32) if encoding != "identity" else None
    out = bytearray()
    while True:
        chunk = response.read1(1 << 16)
        if time.monotonic() >= deadline:
            raise _fail(url, f"timed out after {timeout:g} s")
        if not chunk:
            break
        if inflate is None:
            out += chunk
        else:
            try:
                out += inflate.decompress(chunk, limit + 1 - len(out))
            except zlib.error:
                raise _fail(url, f"the {encoding} body is corrupt") from None
        if len(out) > limit:
            raise _fail(url, f"larger than {_mib(limit)}" + (" once decompressed" if inflate else ""))
    return Fetched(url, bytes(out), content_type, headers.get_content_charset())


def _shut(sockets: list[socket.socket]) -> None:
    """Wake any read blocked on these sockets (the deadline has passed, or the fetch is over)."""
    for sock in list(sockets):
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.URLError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"its TLS certificate is not trusted: {exc.verify_message}"
    if isinstance(exc, socket.gaierror):
        return "the host name does not resolve"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return " ".join(text.split())
