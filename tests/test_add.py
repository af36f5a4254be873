"""factbrief add and accept: article text in and furniture out, metadata as far as the page gives it,
the fact file edited in place, fingerprints checked, and every refusal one line that writes nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import shutil
import ssl
import subprocess
import threading
import time
import tracemalloc
import unicodedata
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from conftest import DATA, line_of
from factbrief.capture.add import accept_source, add_source, source_slug
from factbrief.capture.pagemeta import page_date
from factbrief.capture.pdftext import PdfError, _join, read_pdf
from factbrief.cli import app
from factbrief.errors import CaptureError
from factbrief.factfile.edit import scalar
from factbrief.factfile.load import load_fact_file
from factbrief.verify import verify

PAGES = DATA / "pages"
TODAY = dt.date(2025, 9, 1)

NEWS_KEPT = [
    "Freedonia and Sylvania signed an agreement in Trentino on Monday to double the volume of rail freight "
    "between the two countries by 2030, the centrepiece of a visit by Prime Minister Rufus T. Firefly.",
    "Rail freight between the neighbours reached 4.2 million tonnes in 2024, up 11% on the year before, "
    "according to figures released by the Sylvanian transport ministry.",
    "“This line carried our grandparents’ grain and it will carry our children’s batteries,” Mr Firefly told",
    "Critics in the Freedonian parliament questioned the cost, noting that the previous upgrade, completed in "
    "2019, ran 27% over budget.",
    "Talks on a separate agreement covering passenger trains are due to resume in November.",
]
NEWS_DROPPED = [
    "We use cookies",  # cookie banner
    "Subscribe for 1 euro",  # navigation
    "Save 40% on flights",  # advertisement
    "Courier app",  # inline advertisement
    "Trentino Bridge opens",  # "read more" box
    "18 million containers",  # related stories
    "railfan88",  # comments
    "took 23 hours",  # a comment's text
    "60 million",  # most read
    "newsletter",
    "company no. 0418822",  # footer
    "Share on Facebook",
    "Margaret Dumont",  # byline
]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_add(runner, *args):
    result = runner.invoke(app, ["add", *args])
    assert "Traceback" not in result.output
    return result


def refused(runner, project, *args, expect: str) -> str:
    """Run add; it must fail with one line holding ``expect`` and leave the project byte-identical."""
    before = snapshot(project.parent)
    result = run_add(runner, *args)
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and expect in lines[0], result.output
    assert snapshot(project.parent) == before
    return lines[0]


def added_text(project: Path, sid: str) -> str:
    data = (project.parent / "sources" / f"{sid}.txt").read_bytes()
    text = data.decode("utf-8")
    assert unicodedata.is_normalized("NFC", text) and text.endswith("\n") and "\n\n" not in text
    return text


# -- pages saved by hand ---------------------------------------------------------------------------


def test_news_page_keeps_the_article_and_drops_the_furniture(runner, project):
    result = run_add(runner, str(PAGES / "news.html"), str(project))
    assert result.exit_code == 0, result.output
    text = added_text(project, "harbourcourier")
    for sentence in NEWS_KEPT:
        assert sentence in text
    for furniture in NEWS_DROPPED:
        assert furniture not in text, furniture
    assert text.splitlines()[0] == "Freedonia and Sylvania agree to double rail freight by 2030"
    out = result.output
    assert "captured minimal/sources/harbourcourier.txt: 8 paragraphs, 11 figures" in out
    # " | Courier" gone; each field said with where on the page it came from
    assert "title      Freedonia and Sylvania agree to double rail freight by 2030   (from og:title)\n" in out
    assert "publisher  The Harbour Courier   (from og:site_name)\n" in out
    assert "published  2025-04-28   (from article:published_time)\n" in out
    assert "next: factbrief extract minimal/sources/harbourcourier.txt --source harbourcourier" in out
    source = load_fact_file(project).sources["harbourcourier"]
    assert source.url == "https://www.harbourcourier.example/world/2025/04/28/rail-freight-deal"
    assert source.sha256 == hashlib.sha256(text.encode()).hexdigest()
    assert str(source.published) == "2025-04-28" and source.captured is not None


def test_government_press_release(project):
    c = add_source(str(PAGES / "press-release.html"), project, today=TODAY)
    text = added_text(project, c.id)
    assert c.id == "ministry-foreign-affairs"
    assert (c.article.title, c.article.publisher) == (
        "Joint statement on the Freedonia – Sylvania energy dialogue",  # " - Ministry of …" stripped
        "Ministry of Foreign Affairs of Freedonia",
    )
    assert str(c.article.published) == "2025-03-14" and c.article.url is None
    assert "renewable sources supplied 38.5% of Sylvania's electricity in 2024" in text
    assert "The fourth energy dialogue will be held in Trentino in the first half of 2026." in text
    for furniture in (
        "Here is how you know",
        "Consular services",
        "Klopstokia",
        "Switchboard",
        "Print this page",
        "* * *",
    ):
        assert furniture not in text


def test_json_ld_only_page(project):
    c = add_source(str(PAGES / "jsonld.html"), project, today=TODAY)
    text = added_text(project, c.id)
    a = c.article
    assert a.title == "Freedonian students in Sylvania pass 6,000 for the first time"
    assert a.publisher == "Sylvania Today"  # through the publisher's @id
    assert str(a.published) == "2025-02"  # a month stays a month
    assert a.url == "https://sylvaniatoday.example/economy/students-2025/"
    assert c.id == "sylvaniatoday"
    assert "6,140 Freedonian students enrolled in the autumn term, against 4,870 a year earlier." in text
    for furniture in ("You may also like", "university fees", "Popular this week", "mountain passes", "Tags:"):
        assert furniture not in text


def test_no_date_is_better_than_a_guessed_one(project):
    html = (PAGES / "undated.html").read_text(encoding="utf-8")
    from htmldate import find_date  # what trafilatura's own metadata would have said

    assert find_date(html) == "2023-06-01"  # another story's date, from its teaser
    c = add_source(str(PAGES / "undated.html"), project, today=TODAY)
    assert c.article.published is None
    assert entry_lines(project, c.id) == [
        "  trentino-weekly:",
        "    publisher: Trentino Weekly",
        "    title: Trentino port reopens after storm",
        "    file: sources/trentino-weekly.txt",
        f"    sha256: {c.sha256}",
        "    captured: 2025-09-01",
    ]


def entry_lines(project: Path, sid: str) -> list[str]:
    lines = project.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  {sid}:")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))
    return lines[start:end]


def test_vietnamese_page_in_windows_1258_is_saved_as_nfc_utf8(project, server):
    html = (PAGES / "vietnamese.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="windows-1258"')
    server.routes["/vn"] = (200, {"Content-Type": "text/html; charset=windows-1258"}, to_cp1258(html))
    c = add_source(server.url + "/vn", project, today=TODAY)
    text = added_text(project, c.id)
    assert c.id == "donghanh"  # from the canonical URL's site
    assert c.article.publisher == "Báo Điện tử Đồng Hành" and str(c.article.published) == "2025-04-15"
    assert c.article.title == "Thương mại Việt Nam – Sylvania tăng 12,5% trong quý I"
    assert (
        "Kim ngạch thương mại hai chiều giữa Việt Nam và Sylvania trong quý I năm 2025 đạt 3,2 tỷ USD, "
        "tăng 12,5% so với cùng kỳ năm trước, theo số liệu của Tổng cục Hải quan." in text
    )
    for furniture in ("Đăng nhập", "Quảng cáo", "Tin liên quan", "Minh Tuấn", "Đọc nhiều nhất", "Giấy phép"):
        assert furniture not in text


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese pages use it: base letters precomposed, tone marks combining."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize(
                "NFC", "".join(c for c in decomposed if c not in "\u0300\u0301\u0303\u0309\u0323")
            )
            tones = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)


@pytest.fixture(scope="module")
def article_pdf(tmp_path_factory) -> Path:
    """A two-page PDF article with a running head, page numbers and indented paragraphs."""
    import weasyprint

    paras = [
        "Freedonia’s exports to Sylvania rose to 7.4 billion ducats in 2024, an increase of 9.6% on 2023, "
        "the Freedonian Statistics Office reported on Thursday in its annual review of trade.",
        "Machinery and electrical equipment made up 41% of the total, while imports from Sylvania fell by 2.1% "
        "to 5.9 billion ducats.",
    ] + [
        f"In district {n}, the port authority counted {1000 + 37 * n} ships and a clearance time of {n + 2} hours "
        "for containers arriving by sea or by rail from the north of the country."
        for n in range(3, 22)
    ]
    html = (
        "<html lang='en'><head><title>Exports to Sylvania rise 9.6% in 2024</title><style>"
        "@page { size: A5; margin: 20mm 15mm; @top-center { content: 'Trade review 2024 — Statistics Office';"
        " font-size: 8pt } @bottom-center { content: 'Page ' counter(page) ' of ' counter(pages); font-size: 8pt } }"
        "body { font: 10pt/1.3 'DejaVu Serif' } p { margin: 0; text-indent: 1.5em }</style></head><body>"
        "<h1>Exports to Sylvania rise 9.6% in 2024</h1>" + "".join(f"<p>{p}</p>" for p in paras) + "</body></html>"
    )
    path = tmp_path_factory.mktemp("pdf") / "trade-review.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    return path


def test_pdf_article(runner, project, article_pdf):
    result = run_add(runner, str(article_pdf), str(project), "--publisher", "Freedonian Statistics Office")
    assert result.exit_code == 0, result.output
    assert "(from a PDF)" in result.output and "published  not stated" in result.output
    text = added_text(project, "freedonian-statistics-office")
    lines = text.splitlines()
    assert lines[0] == "Exports to Sylvania rise 9.6% in 2024"
    assert lines[1].startswith("Freedonia’s exports to Sylvania rose to 7.4 billion ducats in 2024")
    assert lines[1].endswith("in its annual review of trade.")  # three PDF lines, one paragraph
    assert len(lines) == 2 + 1 + 19  # title, two paragraphs, 19 more: one each
    assert all(line.startswith("In district") for line in lines[3:])
    assert "Trade review 2024" not in text and "Page 1" not in text  # the running head and feet
    assert (
        load_fact_file(project).sources["freedonian-statistics-office"].title == "Exports to Sylvania rise 9.6% in 2024"
    )


def test_pdf_without_a_publisher_asks_for_one(runner, project, article_pdf):
    refused(
        runner,
        project,
        str(article_pdf),
        str(project),
        expect="no publisher found in the PDF; give one with --publisher",
    )


def test_damaged_pdfs_are_refused_in_one_line(runner, project, article_pdf, tmp_path):
    data = article_pdf.read_bytes()
    rng = random.Random(2)
    refusals: dict[str, tuple[bytes, str]] = {}  # each kind of refusal: a PDF refused so, and why
    count = 0
    for _ in range(300):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 30)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        pdf = bytes(damaged[: rng.randrange(len(damaged))] if rng.random() < 0.3 else damaged)
        try:
            read_pdf(pdf)  # PDFium reads past some damage; anything but a PdfError fails the test
        except PdfError as exc:
            reason = str(exc)
            assert reason and "\n" not in reason, repr(reason)
            refusals.setdefault(reason.split(" (")[0], (pdf, reason))
            count += 1
    assert count >= 100, count  # most of the damage is refused
    assert "cannot be opened as a PDF" in refusals and any(k.startswith("page ") for k in refusals), refusals.keys()
    # `add` refuses each kind in one line, "FILE: why", and changes nothing.
    for i, (pdf, reason) in enumerate(refusals.values()):
        path = tmp_path / f"damaged-{i}.pdf"
        path.write_bytes(pdf)
        line = refused(
            runner, project, str(path), str(project), "--publisher", "Freedonian Statistics Office", expect=reason
        )
        assert line == f"{path}: {reason}"


def test_line_ends_in_pdfs_are_mended():
    words = {"international", "two-way"}
    assert _join(["the interna-", "tional trade"], words) == "the international trade"
    assert _join(["the two-", "way trade"], set()) == "the two-way trade"
    assert _join(["a soft\u00ad", "hyphen"], set()) == "a softhyphen"
    assert _join(["from 2019–", "2024 and"], set()) == "from 2019–2024 and"
    assert _join(["Japan –", "Việt Nam"], set()) == "Japan – Việt Nam"


def test_plain_text_file_with_wrapped_paragraphs(project, tmp_path):
    article = tmp_path / "memo.txt"
    article.write_bytes(
        b"First paragraph of the memo, wrapped\nat seventy columns by hand.\r\n\r\nSecond one: 12 ships.\n"
    )
    c = add_source(str(article), project, title="Memo", publisher="Desk", today=TODAY)
    assert (
        added_text(project, c.id)
        == "First paragraph of the memo, wrapped at seventy columns by hand.\nSecond one: 12 ships.\n"
    )


# -- over HTTP, from 127.0.0.1 only ------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    """Serves the test's routes: path → (status, headers, body bytes or a writer), or a misbehaviour."""

    def do_GET(self):
        status, headers, body = self.server.routes.get(self.path, (404, {}, b"not here"))
        if status == "stall":
            time.sleep(headers)
            return
        if status == "drip":  # headers that never end, a byte at a time
            try:
                self.wfile.write(b"HTTP/1.0 200 OK\r\nX-Slow: ")
                for _ in range(40):
                    self.wfile.write(b"z")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            return
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if callable(body):
            self.end_headers()
            try:
                body(self.wfile)
            except OSError:
                pass  # the client gave up, as it should
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that hangs up early (as add does on an oversize page) is expected


def serve(monkeypatch, tls: ssl.SSLContext | None = None):
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    httpd = Server(("127.0.0.1", 0), Handler)
    if tls:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    httpd.routes = {}
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    scheme = "https" if tls else "http"
    return httpd, SimpleNamespace(
        url=f"{scheme}://127.0.0.1:{httpd.server_port}", port=httpd.server_port, routes=httpd.routes
    )


@pytest.fixture
def server(monkeypatch):
    """An HTTP server on 127.0.0.1 (nothing here goes further)."""
    httpd, info = serve(monkeypatch)
    yield info
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def tls_server(monkeypatch, tmp_path):
    """An HTTPS server on 127.0.0.1 with a self-signed certificate; ``trust()`` makes the client trust it."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd, info = serve(monkeypatch, context)
    info.trust = lambda: monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    yield info
    httpd.shutdown()
    httpd.server_close()


HTML = {"Content-Type": "text/html; charset=utf-8"}


def test_url_is_fetched_and_its_canonical_url_recorded(runner, project, server):
    server.routes["/story?id=7"] = (200, HTML, (PAGES / "news.html").read_bytes())
    result = run_add(runner, server.url + "/story?id=7", str(project), "--id", "courier")
    assert result.exit_code == 0, result.output
    source = load_fact_file(project).sources["courier"]
    assert source.url == "https://www.harbourcourier.example/world/2025/04/28/rail-freight-deal"
    assert NEWS_KEPT[1] in added_text(project, "courier")


def test_url_without_metadata_falls_back_to_the_fetched_url_and_host(project, server):
    page = (
        (PAGES / "undated.html").read_bytes().replace(b'<meta name="application-name" content="Trentino Weekly">', b"")
    )
    server.routes["/port"] = (200, HTML, page)
    c = add_source(server.url + "/port", project, today=TODAY)
    assert (c.article.publisher, c.article.url) == ("127.0.0.1", server.url + "/port")


def test_same_site_redirect_is_followed(project, server):
    server.routes["/old"] = (301, {"Location": "/new"}, b"")
    server.routes["/new"] = (200, HTML, (PAGES / "jsonld.html").read_bytes())
    c = add_source(server.url + "/old", project, today=TODAY)
    assert c.article.fetched_from == server.url + "/new"


@pytest.mark.parametrize(
    "path, route, expect",
    [
        ("/gone", None, "/gone: HTTP 404"),
        (
            "/to-file",
            (302, {"Location": "file:///etc/passwd"}, b""),
            "redirects to file:///etc/passwd, which is not an http(s) URL",
        ),
        (
            "/away",
            (302, {"Location": "http://localhost:{port}/x"}, b""),
            "redirects to another site: http://localhost:",
        ),
        ("/loop", (302, {"Location": "/loop"}, b""), "more than 5 redirects"),
        ("/image", (200, {"Content-Type": "image/png"}, b"\x89PNG...."), "is image/png (expected HTML, PDF or text)"),
        (
            "/br",
            (200, {"Content-Type": "text/html", "Content-Encoding": "br"}, b"xx"),
            "content encoding 'br' is not supported",
        ),
    ],
)
def test_bad_answers_are_refused(runner, project, server, path, route, expect):
    if route:
        status, headers, body = route
        server.routes[path] = (status, {k: v.format(port=server.port) for k, v in headers.items()}, body)
    line = refused(runner, project, server.url + path, str(project), expect=expect)
    assert line.startswith(server.url)


def test_https_certificates_are_checked_and_never_downgraded(project, tls_server, server):
    tls_server.routes["/page"] = (200, HTML, (PAGES / "jsonld.html").read_bytes())
    with pytest.raises(CaptureError, match="/page: cannot be fetched \\(its TLS certificate is not trusted"):
        add_source(tls_server.url + "/page", project, today=TODAY)
    tls_server.trust()
    tls_server.routes["/down"] = (302, {"Location": server.url + "/page"}, b"")
    with pytest.raises(CaptureError, match="redirects from https to plain http"):
        add_source(tls_server.url + "/down", project, today=TODAY)
    c = add_source(tls_server.url + "/page", project, today=TODAY)
    assert c.article.fetched_from == tls_server.url + "/page" and c.id == "sylvaniatoday"


def test_oversize_pages_are_refused_while_streaming(runner, project, server):
    big = b"<html><body><p>" + b"word " * (2_300_000) + b"</p></body></html>"  # 11 MiB
    server.routes["/declared"] = (200, HTML, big)
    server.routes["/streamed"] = (200, HTML, lambda out: out.write(big))  # no Content-Length
    refused(runner, project, server.url + "/declared", str(project), expect="larger than 10 MiB")
    refused(runner, project, server.url + "/streamed", str(project), expect="larger than 10 MiB")


def test_gzip_bomb_stops_at_the_limit_without_inflating(project, server):
    squeeze = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip: 256 MiB of spaces in about 250 KiB
    bomb = b"".join(squeeze.compress(b" " * (1 << 20)) for _ in range(256)) + squeeze.flush()
    server.routes["/bomb"] = (200, HTML | {"Content-Encoding": "gzip"}, bomb)
    tracemalloc.start()
    try:
        with pytest.raises(CaptureError, match="larger than 10 MiB once decompressed"):
            add_source(server.url + "/bomb", project)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40 << 20  # never more than the limit and a chunk in memory


def test_slow_servers_time_out(project, server):
    def trickle(out):
        for _ in range(40):
            out.write(b"<p>")
            out.flush()
            time.sleep(0.1)

    server.routes["/trickle"] = (200, HTML, trickle)
    server.routes["/stall"] = ("stall", 3, b"")
    server.routes["/drip"] = ("drip", {}, b"")
    before = snapshot(project.parent)
    for path in ("/trickle", "/stall", "/drip"):
        started = time.monotonic()
        with pytest.raises(CaptureError) as caught:
            add_source(server.url + path, project, timeout=1)
        assert str(caught.value) == f"{server.url}{path}: timed out after 1 s"
        assert time.monotonic() - started < 2.5
    assert snapshot(project.parent) == before


@pytest.mark.parametrize(
    "url, expect",
    [
        ("file:///etc/passwd", "'file' URLs are not fetched (expected http:// or https://)"),
        ("ftp://example.org/a.html", "'ftp' URLs are not fetched"),
        ("http://user:secret@127.0.0.1/a", "carries a user name or password"),
    ],
)
def test_only_http_urls_are_fetched(runner, project, url, expect):
    refused(runner, project, url, str(project), expect=expect)


# -- refusals ----------------------------------------------------------------------------------------


def test_page_without_article_text(runner, project):
    refused(runner, project, str(PAGES / "no-article.html"), str(project), expect="no article text found")


def test_duplicate_id(runner, project):
    line = refused(runner, project, str(PAGES / "news.html"), str(project), "--id", "gazette", expect="already taken")
    at = line_of(project, "  gazette:")
    assert line == f"minimal/minimal.yaml:{at}: source id 'gazette' is already taken (choose another with --id)"


@pytest.mark.parametrize("bad", ["../evil", "2024", "null", "a b", "-x", "x" * 101])
def test_odd_ids_are_refused(runner, project, bad):
    refused(runner, project, str(PAGES / "news.html"), str(project), "--id", bad, expect="is not a valid source id")


def test_same_url_twice(runner, project, server):
    assert run_add(runner, str(PAGES / "news.html"), str(project)).exit_code == 0
    changed = (PAGES / "news.html").read_bytes().replace(b"Talks on a separate", b"Negotiations on a separate")
    server.routes["/n"] = (200, HTML, changed)  # the page was updated since; its canonical URL is the same
    line = refused(
        runner, project, server.url + "/n", str(project), expect="already captured as source 'harbourcourier'"
    )
    assert "(the same URL: https://www.harbourcourier.example/" in line


def test_same_text_twice(runner, project, tmp_path):
    copy = tmp_path / "gazette-copy.txt"
    copy.write_text((project.parent / "sources" / "gazette.txt").read_text(encoding="utf-8"), encoding="utf-8")
    line = refused(
        runner, project, str(copy), str(project), "--title", "T", "--publisher", "P", expect="already captured"
    )
    assert (
        line == f"minimal/minimal.yaml:{line_of(project, '  gazette:')}: already captured as source 'gazette' "
        "(sources/gazette.txt has the same text)"
    )


def test_article_text_too_long_for_a_source(runner, project, monkeypatch):
    import factbrief.capture.add as capture

    monkeypatch.setattr(capture, "MAX_SOURCE_BYTES", 1024)  # check reads sources up to files.MAX_SOURCE_BYTES
    refused(
        runner,
        project,
        str(PAGES / "news.html"),
        str(project),
        expect="the article text is 1,164 bytes, over the limit of 1,024 for a source",
    )


def test_existing_text_file_is_not_overwritten(runner, project):
    (project.parent / "sources" / "mine.txt").write_text("my notes\n", encoding="utf-8")
    refused(runner, project, str(PAGES / "news.html"), str(project), "--id", "mine", expect="already exists")


def test_flow_style_sources_are_refused_before_fetching(runner, project):
    text = project.read_text(encoding="utf-8")
    start, end = text.index("sources:"), text.index("facts:")
    project.write_text(
        text[:start] + 'sources: {gazette: {publisher: G, title: T, file: "sources/gazette.txt"}}\n' + text[end:],
        encoding="utf-8",
    )
    refused(
        runner, project, "http://127.0.0.1:9/never-fetched", str(project), expect="sources is written in flow style"
    )


def test_non_utf8_text_file_and_bad_date_option(runner, project, tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes(
        "Café society: 12 cafés were counted in the old town last winter by the council.".encode("latin-1")
    )
    refused(runner, project, str(latin), str(project), "--title", "T", "--publisher", "P", expect="is not UTF-8 text")
    result = run_add(runner, str(PAGES / "news.html"), str(project), "--published", "April")
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1


# -- the fact file, edited in place -------------------------------------------------------------------


def test_fact_file_keeps_every_other_byte_comments_and_crlf(project):
    text = project.read_text(encoding="utf-8").replace(
        "    file: sources/gazette.txt\n", "    file: sources/gazette.txt   # saved by hand\n    # checked twice\n"
    )
    text = ("# Our brief — comments stay.\n" + text).replace("\n", "\r\n")
    project.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    before = project.read_bytes()
    c = add_source(str(PAGES / "jsonld.html"), project, today=TODAY)
    after = project.read_bytes()
    anchor = b"    # checked twice\r\n"
    entry = after[before.index(anchor) + len(anchor) : after.index(b"facts:")]
    assert after == before.replace(anchor, anchor + entry)  # nothing else changed
    assert entry.decode() == (
        "  sylvaniatoday:\r\n"
        "    publisher: Sylvania Today\r\n"
        "    title: Freedonian students in Sylvania pass 6,000 for the first time\r\n"
        "    published: 2025-02\r\n"
        "    url: https://sylvaniatoday.example/economy/students-2025/\r\n"
        "    file: sources/sylvaniatoday.txt\r\n"
        f"    sha256: {c.sha256}\r\n"
        "    captured: 2025-09-01\r\n"
    )
    assert c.line == line_of(project, "  sylvaniatoday:")  # after the comments indented under the last entry


@pytest.mark.parametrize("empty", ["sources: {}  # none yet", "sources:", "sources: ~"])
def test_empty_sources(project, empty):
    text = project.read_text(encoding="utf-8")
    start, end = text.index("sources:"), text.index("facts:")
    project.write_text(text[:start] + empty + "\n" + text[end:], encoding="utf-8")
    c = add_source(str(PAGES / "press-release.html"), project, today=TODAY)
    after = project.read_text(encoding="utf-8")
    assert after.startswith(
        text[:start] + empty.replace(" {}", "").replace(" ~", "") + "\n  ministry-foreign-affairs:\n"
    )
    assert list(load_fact_file(project).sources) == [c.id]


def test_values_are_quoted_when_yaml_would_misread_them():
    for value in [
        "Yes",
        "2025",
        "A: b",
        "#1 story",
        "- dash",
        "'quoted'",
        "null",
        "x #y",
        "ends:",
        "@home",
        "Nhân Dân",
        "[x]",
    ]:
        assert yaml.safe_load(f"k: {scalar(value)}")["k"] == value
    assert scalar("Nhân Dân") == "Nhân Dân" and scalar("2025") == '"2025"'


def test_slugs_and_page_dates():
    assert (
        source_slug("Báo Điện tử Đồng Hành") == "bao-dien-tu"
        and source_slug("The Harbour Courier") == "harbour-courier"
    )
    assert str(page_date("2025-04-28T23:30:00-05:00", TODAY)) == "2025-04-28"  # the page's own day
    assert str(page_date("2025", TODAY)) == "2025"
    assert page_date("28/04/2025", TODAY) is None and page_date("2026-01-01", TODAY) is None


# -- the workflow: check, extract, fingerprints ------------------------------------------------------


def test_after_add_check_passes_and_extracted_stubs_verify(runner, project):
    assert run_add(runner, str(PAGES / "news.html"), str(project)).exit_code == 0
    check = runner.invoke(app, ["check", str(project)])
    assert check.exit_code == 0, check.output
    assert "warning: source 'harbourcourier' is cited by no fact or milestone" in check.output
    stubs = runner.invoke(app, ["extract", "minimal/sources/harbourcourier.txt", "--source", "harbourcourier"])
    # Six sentences with figures; the headline (no stub: a headline is not a claim) repeats one.
    assert stubs.exit_code == 0 and stubs.output.count("- id: harbourcourier-") == 5
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("milestones:\n", stubs.output + "milestones:\n", 1), encoding="utf-8")
    ff = load_fact_file(project)
    assert sum(f.source == "harbourcourier" for f in ff.facts) == 5
    # Every stub's quote and numbers are proved (what a stub's text means is the curator's to edit).
    findings = [str(p) for p in verify(ff) if "harbourcourier" in str(p)]
    assert not [f for f in findings if "quote not found" in f or "not in its quote" in f or "cited by no fact" in f], (
        findings
    )


def test_edited_text_fails_check_until_accepted(runner, project):
    c = add_source(str(PAGES / "news.html"), project, today=TODAY)
    saved = project.parent / "sources" / "harbourcourier.txt"
    saved.write_text(saved.read_text(encoding="utf-8").replace("4.2 million", "4.3 million"), encoding="utf-8")
    check = runner.invoke(app, ["check", str(project)])
    assert check.exit_code == 1
    assert (
        f"minimal/minimal.yaml:{c.line}: source 'harbourcourier': sources/harbourcourier.txt has changed since it "
        "was captured" in check.output
    )
    assert "accept it: factbrief accept harbourcourier minimal/minimal.yaml" in check.output
    before = project.read_text(encoding="utf-8")
    accepted = runner.invoke(app, ["accept", "harbourcourier", str(project)])
    assert accepted.exit_code == 0, accepted.output
    new = hashlib.sha256(saved.read_bytes()).hexdigest()
    assert project.read_text(encoding="utf-8") == before.replace(c.sha256, new)  # only that line
    assert runner.invoke(app, ["check", str(project)]).exit_code == 0


def test_accept_fingerprints_a_source_saved_by_hand(project):
    result = accept_source(project, "gazette")
    assert result.old is None and "    sha256: " + result.new + "\n" in project.read_text(encoding="utf-8")
    assert accept_source(project, "gazette").old == result.new  # a second time changes nothing
    with pytest.raises(CaptureError, match="no source 'nope' \\(known: gazette\\)"):
        accept_source(project, "nope")


def test_accept_on_a_flow_style_entry_says_what_to_add(runner, project):
    text = project.read_text(encoding="utf-8")
    start, end = text.index("  gazette:"), text.index("facts:")
    project.write_text(text[:start] + "  gazette: {publisher: G, title: T, file: sources/gazette.txt}\n" + text[end:])
    before = project.read_bytes()
    result = runner.invoke(app, ["accept", "gazette", str(project)])
    digest = hashlib.sha256((project.parent / "sources" / "gazette.txt").read_bytes()).hexdigest()
    assert result.exit_code == 1 and result.output == (
        f"minimal/minimal.yaml:{line_of(project, '  gazette:')}: source 'gazette' is written in flow style ({{…}}); add `sha256: {digest}` to it by hand\n"
    )
    assert project.read_bytes() == before


def test_a_bad_fingerprint_is_a_load_error(runner, project):
    text = project.read_text(encoding="utf-8")
    project.write_text(
        text.replace("    file: sources/gazette.txt\n", "    file: sources/gazette.txt\n    sha256: abc\n")
    )
    result = runner.invoke(app, ["check", str(project)])
    assert result.exit_code == 1
    at = line_of(project, "    sha256: abc")
    assert f"minimal/minimal.yaml:{at}: sources.gazette.sha256 is not a SHA-256 digest" in result.output


def test_nothing_is_left_behind_when_the_fact_file_cannot_be_replaced(project, monkeypatch):
    before = snapshot(project.parent)

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(CaptureError, match="cannot be written \\(No space left on device\\); nothing changed"):
        add_source(str(PAGES / "news.html"), project, today=TODAY)
    assert snapshot(project.parent) == before


def test_a_splice_that_changes_anything_else_is_caught_before_writing(project, monkeypatch):
    import factbrief.capture.add as capture

    real = capture.insert_source

    def careless(doc, sid, fields):
        line = real(doc, sid, fields)
        doc.lines = [x.replace("The Freedonian Gazette", "The Gazette") for x in doc.lines]
        return line

    monkeypatch.setattr(capture, "insert_source", careless)
    before = snapshot(project.parent)
    with pytest.raises(CaptureError, match="the entry could not be added safely; nothing changed"):
        add_source(str(PAGES / "news.html"), project, today=TODAY)
    assert snapshot(project.parent) == before


def test_an_edit_made_meanwhile_is_not_overwritten(project, monkeypatch):
    import factbrief.capture.add as capture

    real = capture._prove

    def someone_saves(ff, staged, sid, expected):
        real(ff, staged, sid, expected)
        project.write_text(project.read_text(encoding="utf-8") + "# my edit\n", encoding="utf-8")

    monkeypatch.setattr(capture, "_prove", someone_saves)
    with pytest.raises(CaptureError, match="the fact file changed meanwhile; nothing changed, run again"):
        add_source(str(PAGES / "news.html"), project, today=TODAY)
    assert project.read_text(encoding="utf-8").endswith("# my edit\n")
    assert sorted(p.name for p in project.parent.rglob("*")) == ["gazette.txt", "minimal.yaml", "sources"]


def test_hostile_html_gives_one_line(runner, project, tmp_path):
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 50_000 + "<p>x</p>" + "</div>" * 50_000 + "</body></html>")
    result = run_add(runner, str(deep), str(project))
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    import trafilatura

    def broken(*args, **kwargs):
        raise AttributeError("'NoneType' object has no attribute 'tag'")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(trafilatura, "bare_extraction", broken)
        refused(
            runner, project, str(PAGES / "news.html"), str(project), expect="the article text could not be extracted"
        )
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    refused(runner, project, str(fifo), str(project), expect="is not a regular file (it is a FIFO)")
