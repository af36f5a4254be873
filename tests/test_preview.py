"""The preview server over HTTP: the index, the outputs by name and nothing else, the Host check, events."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import socket
from pathlib import Path

import pytest

from conftest import JV_FACTS, MINIMAL, edit, line_of
from factbrief.build import WarmBuilder
from factbrief.errors import VerificationError
from factbrief.preview.server import Preview, PreviewServer, ServeError
from preview_helpers import EventStream, request

PNG = b"\x89PNG\r\n\x1a\n"


class Served:
    """A preview of one fact file, served on a free port, built once."""

    def __init__(self, fact_path: Path, out: Path) -> None:
        self.builder = WarmBuilder(fact_path, out)
        self.builder.start()
        self.preview = Preview(str(fact_path))
        self.server = PreviewServer(self.preview, 0)
        self.server.start()
        self.port = self.server.port
        self.out = out

    def rebuild(self):
        return self.preview.rebuild(self.builder)

    def get(self, path: str, **options) -> tuple[int, dict, bytes]:
        return request(self.port, path, **options)

    def close(self) -> None:
        self.server.stop()
        self.builder.close()


@pytest.fixture
def served(project: Path, tmp_path: Path):
    s = Served(project, tmp_path / "out")
    s.rebuild()
    yield s
    s.close()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory):
    """One preview of the small sample for the tests that only read."""
    folder = tmp_path_factory.mktemp("shared-preview")
    shutil.copytree(MINIMAL.parent, folder / "minimal")
    s = Served(folder / "minimal" / "brief.yaml", folder / "out")
    s.rebuild()
    yield s
    s.close()


@pytest.fixture(scope="module")
def jv_served(tmp_path_factory: pytest.TempPathFactory):
    s = Served(JV_FACTS, tmp_path_factory.mktemp("jv-preview"))
    s.rebuild()
    yield s
    s.close()


def test_the_index_shows_each_documents_printed_pages_links_and_fitting_report(jv_served):
    status, headers, body = jv_served.get("/")
    page = body.decode("utf-8")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    briefing = page[page.index('id="doc-briefing"') : page.index('id="doc-factsheet"')]
    assert re.search(r'<ul class="fit"><li>fitted to 1 page\(s\): [^<]+</li></ul>', briefing)  # what fitting did
    assert "reconciled conflict on metric &#x27;two-way-trade&#x27;" in page  # the checks' notes
    for name in ("briefing", "factsheet", "milestones"):
        for suffix in (".md", ".html", ".pdf"):
            assert f'href="/{name}{suffix}"' in page
    pictures = re.findall(r'<img src="(/pages/[0-9a-f]+-\d+\.png)" width="(\d+)" height="(\d+)"', page)
    assert len(pictures) == sum(jv_served.builder.last.pages.values()) >= 3
    for src, width, height in pictures:
        status, headers, png = jv_served.get(src)
        assert status == 200 and headers["content-type"] == "image/png" and png.startswith(PNG)
        assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (int(width), int(height))


def test_the_index_runs_only_its_own_script_and_style(shared):
    status, headers, body = shared.get("/")
    page = body.decode("utf-8")
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    for tag in ("script", "style"):
        (inline,) = re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.S)
        digest = base64.b64encode(hashlib.sha256(inline.encode("utf-8")).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in policy
    assert headers["x-content-type-options"] == "nosniff"


def test_the_outputs_are_served_by_name_as_written(shared):
    for suffix, content_type in ((".md", "text/markdown"), (".html", "text/html"), (".pdf", "application/pdf")):
        status, headers, body = shared.get(f"/briefing{suffix}")
        assert status == 200
        assert headers["content-type"].startswith(content_type)
        assert headers["x-content-type-options"] == "nosniff"
        assert body == (shared.out / f"briefing{suffix}").read_bytes()
    _, headers, _ = shared.get("/briefing.html")
    assert "sandbox" in headers["content-security-policy"]  # the built HTML, inert


@pytest.mark.parametrize(
    "path",
    [
        "/../minimal/brief.yaml",  # from the output folder, this is the fact file
        "/..%2fminimal%2fbrief.yaml",
        "/..%2F..%2Fetc%2Fpasswd",
        "/%2e%2e/minimal/brief.yaml",
        "/%2E%2E%2Fminimal%2Fbrief.yaml",
        "/%2e%2e%2f%2e%2e%2fetc/passwd",
        "//etc/passwd",
        "/etc/passwd",
        "/%2Fetc%2Fpasswd",
        "http://127.0.0.1/etc/passwd",
        "/.factbrief-outputs",
        "/brief.yaml",
        "/minimal/brief.yaml",
        "/out/briefing.pdf",
        "/briefing",
        "/briefing.pdf/",
        "/briefing.pdf%00",
        "/BRIEFING.PDF",
        "/pages/../briefing.pdf",
        "/pages/00000000000000000000000000000000-1.png",
        "/%ff",
        "/nothing",
    ],
)
def test_nothing_else_of_the_file_system_is_reachable(shared, path):
    status, headers, body = shared.get(path)
    assert status == 404, (path, body[:200])
    assert headers["x-content-type-options"] == "nosniff"


def test_a_page_picture_that_does_not_exist_is_not_found(shared):
    page = shared.get("/")[2].decode("utf-8")
    src = re.search(r'src="(/pages/[0-9a-f]+)-1\.png"', page).group(1)
    assert shared.get(f"{src}-1.png")[0] == 200
    assert shared.get(f"{src}-2.png")[0] == 404  # the briefing has one page
    assert shared.get(f"{src}-0.png")[0] == 404


@pytest.mark.parametrize(
    "host", ["evil.example:{port}", "127.0.0.1", "localhost", "127.0.0.1:{port}.evil.example", "127.0.0.1:1", None]
)
def test_a_request_for_another_host_is_refused(shared, host):
    """DNS rebinding: a page elsewhere whose name now points here still sends its own Host."""
    status, _, _ = shared.get("/briefing.pdf", host=host.format(port=shared.port) if host else None)
    assert status == 403


def test_localhost_and_head_are_answered_and_other_methods_refused(shared):
    assert shared.get("/", host=f"localhost:{shared.port}")[0] == 200
    status, headers, body = shared.get("/briefing.pdf", method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 1000
    for method in ("POST", "PUT", "DELETE"):
        assert shared.get("/", method=method)[0] == 405


def test_an_event_announces_each_finished_build(served, project):
    events = EventStream(served.port)
    try:
        name, data = events.next_event("hello")
        generation = int(data.split()[0])
        edit(project, "Two-way trade reached", "Two-way trade rose to")
        served.rebuild()
        name, data = events.next_event("built")
        assert int(data) == generation + 1
    finally:
        events.close()
    fragment = served.get("/fragment")[2].decode("utf-8")
    assert f'data-generation="{generation + 1}"' in fragment
    assert "printed: briefing, factsheet · unchanged: milestones" in fragment
    assert "rose to" in served.get("/briefing.md")[2].decode("utf-8")


def test_a_bad_edit_shows_its_errors_and_keeps_serving_the_last_good_documents(served, project):
    good_pdf = served.get("/briefing.pdf")[2]
    pictures = re.findall(r'src="(/pages/[^"]+)"', served.get("/")[2].decode("utf-8"))
    edit(project, "up 8% on the year before.", "up 9% on the year before.")
    with pytest.raises(VerificationError):
        served.rebuild()
    page = served.get("/")[2].decode("utf-8")
    errors = page.index('class="errors"')
    assert errors < page.index('class="doc"')  # at the top, above the documents
    line = line_of(project, "- id: trade")
    assert f"minimal/minimal.yaml:{line}: fact &#x27;trade&#x27;: number 9 in text is not in its quote" in page
    assert served.get("/briefing.pdf")[2] == good_pdf
    assert re.findall(r'src="(/pages/[^"]+)"', page) == pictures
    assert all(served.get(src)[0] == 200 for src in pictures)
    edit(project, "up 9% on the year before.", "up 8% on the year before.")
    served.rebuild()
    assert 'class="errors"' not in served.get("/")[2].decode("utf-8")


def test_before_any_good_build_the_index_shows_the_errors(project, tmp_path):
    edit(project, "up 8% on the year before.", "up 9% on the year before.")
    s = Served(project, tmp_path / "out")
    try:
        with pytest.raises(VerificationError):
            s.rebuild()
        page = s.get("/")[2].decode("utf-8")
        assert "no document has been built yet" in page and "number 9 in text is not in its quote" in page
        assert s.get("/briefing.pdf")[0] == 404
    finally:
        s.close()


def test_a_port_in_use_is_one_line_naming_the_option(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ServeError) as caught:
            PreviewServer(Preview("x.yaml"), port)
    (line,) = caught.value.lines()
    assert f"port {port} is in use" in line and "--port" in line
