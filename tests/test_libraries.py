"""WeasyPrint's libraries are looked up once per machine (printing/libraries.py): a process that
finds the machine's record runs no ``ldconfig``, ``gcc`` or ``ld``, and still prints; a record
that lies, or is broken, costs a look-up, never a failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the record is kept on Linux only")

# Counts the programs ctypes.util runs to find a library, imports WeasyPrint as the printing
# workers do and prints a line with Vietnamese text, then reports the count and the pages.
PROBE = """
import ctypes.util as u, json, sys
runs = []
for name in ("_findSoname_ldconfig", "_findLib_gcc", "_findLib_ld"):
    real = getattr(u, name)
    setattr(u, name, lambda lib, real=real, name=name: runs.append(name) or real(lib))
from factbrief.printing.pdf import _weasyprint
weasyprint, fonts = _weasyprint()
pdf = weasyprint.HTML(string="<p>Việt Nam, Tô Lâm</p>").write_pdf(font_config=fonts)
print(json.dumps({"runs": len(runs), "pdf": pdf[:5].decode()}))
"""


def _probe(cache: Path, **env: str) -> dict:
    run = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache), **env},
        check=True,
    )
    return json.loads(run.stdout.splitlines()[-1])


def _records(cache: Path) -> list[Path]:
    return sorted((cache / "factbrief" / "libraries").glob("*.json"))


def test_a_second_process_runs_no_lookup(tmp_path):
    first = _probe(tmp_path)
    assert first["runs"] > 0 and first["pdf"] == "%PDF-"
    [record] = _records(tmp_path)
    answers = json.loads(record.read_text())
    assert any(answers.values()) and all(v is None or v.startswith("lib") for v in answers.values())
    second = _probe(tmp_path)
    assert second == {"runs": 0, "pdf": "%PDF-"}


def test_another_library_path_is_another_record(tmp_path):
    _probe(tmp_path)
    assert _probe(tmp_path, LD_LIBRARY_PATH=str(tmp_path))["runs"] > 0
    assert len(_records(tmp_path)) == 2


@pytest.mark.parametrize("content", ["{not json", '{"gobject-2.0": 42}', "[]"])
def test_a_broken_record_is_looked_up_again_and_mended(tmp_path, content):
    _probe(tmp_path)
    [record] = _records(tmp_path)
    good = record.read_text()
    record.write_text(content)
    assert _probe(tmp_path)["runs"] > 0
    assert record.read_text() == good
    assert _probe(tmp_path)["runs"] == 0


def test_a_record_that_says_not_found_still_prints(tmp_path):
    _probe(tmp_path)
    [record] = _records(tmp_path)
    record.write_text(json.dumps(dict.fromkeys(json.loads(record.read_text()))))
    assert _probe(tmp_path)["pdf"] == "%PDF-"  # WeasyPrint's later names open without a look-up


# A loader that fails as WeasyPrint does when a library cannot be opened, given a record that
# lies about the C library: the record is dropped, the loader run again with real look-ups.
RETRY = """
import ctypes.util, json, sys
from factbrief.printing import libraries
path = libraries._record_path()
path.write_text(json.dumps({"c": None}))
tries = []
def load():
    tries.append(1)
    if ctypes.util.find_library("c") is None:
        raise OSError("cannot load library 'c'")
    return "loaded"
print(json.dumps([libraries.import_remembered(load), len(tries), json.loads(path.read_text())]))
"""


def test_a_record_that_lies_is_dropped_and_looked_up_again(tmp_path):
    run = subprocess.run(
        [sys.executable, "-c", RETRY],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)},
        check=True,
    )
    loaded, tries, record = json.loads(run.stdout)
    assert (loaded, tries) == ("loaded", 2)
    assert record["c"] and record["c"].startswith("libc.")


@pytest.mark.parametrize(
    "value",
    [
        "libc.so.6",  # GObject's name answered with a library that opens but lacks its functions
        "libm.so.6",
        "",  # and what is no library's file name at all
        "lib\u0000c.so.6",
        "/usr/lib/libc.so.6",
        "\ud800",
    ],
)
def test_a_record_with_a_wrong_library_is_dropped_and_mended(tmp_path, value):
    _probe(tmp_path)
    [record] = _records(tmp_path)
    good = json.loads(record.read_text())
    record.write_text(json.dumps(good | {"gobject-2.0": value}))
    result = _probe(tmp_path)
    assert result["runs"] > 0 and result["pdf"] == "%PDF-"
    assert json.loads(record.read_text()) == good
