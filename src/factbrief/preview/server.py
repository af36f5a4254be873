"""``factbrief preview``: the documents on a local web page that updates itself after every build.

What the server lets out, and to whom: it listens on 127.0.0.1 only, and answers only requests
whose Host is ``127.0.0.1:PORT`` or ``localhost:PORT`` (so a web page elsewhere cannot reach it
through DNS rebinding). It serves the index, the current outputs by their exact names and their
page pictures, all from memory: no part of a URL is ever joined to a path on disk. Every answer
carries its Content-Type and ``nosniff``; the index has a strict Content-Security-Policy, and the
built HTML is served as written, in a sandbox without scripts. Only GET and HEAD are answered.
"""

from __future__ import annotations

import dataclasses
import errno
import re
import socketserver
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TypedDict, Unpack
from urllib.parse import quote, unquote

from factbrief.build import WarmBuild, WarmBuilder
from factbrief.errors import FactbriefError, Problem
from factbrief.preview.images import PageImages, PdfPages
from factbrief.preview.page import INDEX_POLICY, View, fragment, index_page

MAX_STREAMS = 32  # open event streams (tabs); more are refused
KEEPALIVE_SECONDS = 15.0  # a comment on each idle event stream, so a closed tab is noticed
PICTURE = re.compile(r"/pages/([0-9a-f]{32})-([1-9][0-9]{0,3})\.png")
TYPES = {
    ".md": "text/markdown; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".svg": "image/svg+xml",  # the pictures the Markdown links
}
# The built HTML as written, but inert: no script, no request to anything.
OUTPUT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; sandbox"


class ServeError(FactbriefError):
    """The preview cannot listen on its port."""


class _Changes(TypedDict, total=False):
    """The fields of a View that a build changes."""

    generation: int
    building: bool
    good: WarmBuild
    pdfs: dict[str, PdfPages]
    errors: tuple[str, ...]
    built_at: float


class Preview:
    """What the index shows, shared by the build loop and the server's threads."""

    def __init__(self, fact_display: str) -> None:
        self.images = PageImages()
        self._view = View(fact_file=fact_display)
        self._changed = threading.Condition()
        self._closed = False
        self._streams = 0

    @property
    def view(self) -> View:
        return self._view

    def rebuild(self, builder: WarmBuilder) -> WarmBuild:
        """Build once and show the result; a failure is shown above the last good documents, then raised."""
        self._update(building=True)
        try:
            good = builder.build()
        except FactbriefError as exc:
            self._update(building=False, errors=tuple(exc.lines()), generation=self._view.generation + 1)
            raise
        except BaseException:
            self._update(building=False)
            raise
        found = self.images.register([good.files[f"{name}.pdf"] for name in good.documents])
        self._update(
            building=False,
            good=good,
            pdfs=dict(zip(good.documents, found, strict=True)),
            errors=(),
            built_at=time.time(),
            generation=self._view.generation + 1,
        )
        return good

    def wait(self, seen: View, timeout: float) -> View | None:
        """The view once it is no longer ``seen`` (or still it, after ``timeout``); None once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._view is not seen, timeout)
            return None if self._closed else self._view

    def close(self) -> None:
        """End every event stream."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def open_stream(self) -> bool:
        with self._changed:
            if self._streams >= MAX_STREAMS or self._closed:
                return False
            self._streams += 1
            return True

    def close_stream(self) -> None:
        with self._changed:
            self._streams -= 1

    def _update(self, **changes: Unpack[_Changes]) -> None:
        with self._changed:
            self._view = dataclasses.replace(self._view, **changes)
            self._changed.notify_all()


class PreviewServer(ThreadingHTTPServer):
    """The HTTP server on 127.0.0.1; ``start()`` serves in a thread, ``stop()`` ends it."""

    daemon_threads = True

    def __init__(self, preview: Preview, port: int) -> None:
        self.preview = preview
        self._thread: threading.Thread | None = None
        try:
            super().__init__(("127.0.0.1", port), _Handler)
        except OSError as exc:
            why = (
                "is in use (another preview?)" if exc.errno == errno.EADDRINUSE else f"cannot be used ({exc.strerror})"
            )
            raise ServeError(
                Problem(f"127.0.0.1:{port}", None, f"port {port} {why}; choose another with --port")
            ) from None
        self.port = self.server_address[1]
        self.hosts = {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def server_bind(self) -> None:
        """Bind without HTTPServer's reverse lookup of the address's host name."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "127.0.0.1", self.server_address[1]

    def start(self) -> None:
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End the event streams, stop answering and close the port."""
        self.preview.close()
        if self._thread is not None:
            self.shutdown()
        self.server_close()

    def handle_error(self, request, client_address) -> None:
        """A client that went away is not worth a traceback (and the library never prints)."""


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    timeout = 30  # seconds a client may take to send its request, or to take an event

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        """Quiet: the command line says what matters."""

    def version_string(self) -> str:
        return "Factbrief"

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        self._answer(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(with_body=False)

    def _refuse_method(self) -> None:
        self.with_body = True
        self._send(405, b"only GET and HEAD are answered\n", "text/plain; charset=utf-8", {"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse_method  # noqa: N815

    def _answer(self, with_body: bool) -> None:
        self.with_body = with_body
        if self.headers.get("Host", "") not in self.server.hosts:
            return self._send(403, b"unexpected Host header\n", "text/plain; charset=utf-8")
        path = self.path.partition("?")[0]
        view = self.server.preview.view
        if path in ("/", "/fragment"):
            page = index_page(view) if path == "/" else fragment(view)
            return self._send(
                200, page.encode("utf-8"), "text/html; charset=utf-8", {"Content-Security-Policy": INDEX_POLICY}
            )
        if path == "/events":
            return self._events()
        if path == "/favicon.ico":
            return self._send(204, b"", "image/x-icon")  # none: browsers ask anyway
        picture = PICTURE.fullmatch(path)
        if picture:
            png = self.server.preview.images.png(picture.group(1), int(picture.group(2)))
            if png is not None:
                return self._send(200, png, "image/png", {"Cache-Control": "private, max-age=86400, immutable"})
        elif path.startswith("/") and view.good is not None:
            try:
                name = unquote(path[1:], errors="strict")
            except UnicodeDecodeError:
                name = ""
            data = view.good.files.get(name)  # the outputs by their exact names: nothing else is reachable
            suffix = name[name.rfind(".") :]
            if data is not None and suffix in TYPES:
                headers = {"Content-Disposition": f"inline; filename*=UTF-8''{quote(name)}"}
                if suffix in (".html", ".svg"):  # documents that could run a script: inert
                    headers["Content-Security-Policy"] = OUTPUT_POLICY
                return self._send(200, data, TYPES[suffix], headers)
        return self._send(404, b"not found\n", "text/plain; charset=utf-8")

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in {"Cache-Control": "no-store", **(headers or {})}.items():
            self.send_header(key, value)
        self.end_headers()
        if self.with_body:
            self.wfile.write(body)

    def _events(self) -> None:
        """Server-sent events: ``hello`` on connecting, ``building`` when a build starts, ``built`` when it ends."""
        preview = self.server.preview
        if not preview.open_stream():
            return self._send(503, b"too many open previews\n", "text/plain; charset=utf-8")
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if not self.with_body:
                return
            seen = preview.view
            self.wfile.write(f"retry: 1000\nevent: hello\ndata: {seen.generation} {int(seen.building)}\n\n".encode())
            while True:
                view = preview.wait(seen, KEEPALIVE_SECONDS)
                if view is None:
                    return
                message = ": still here\n\n"
                if view.building and not seen.building:
                    message = f"event: building\ndata: {view.generation}\n\n"
                if view.generation != seen.generation:
                    message = f"event: built\ndata: {view.generation}\n\n"
                self.wfile.write(message.encode())
                seen = view
        except OSError:
            return  # the tab was closed
        finally:
            preview.close_stream()
