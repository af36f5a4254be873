"""Closed doors (issue 11): templates touch no file, hidden characters and stray figures are
refused, odd files are refused, and a failing build changes nothing."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import edit, second_source
from factbrief.build import BuildOptions, build
from factbrief.cli import app
from factbrief.errors import FactbriefError, FactFileError, OutputError, TemplateError, VerificationError
from factbrief.factfile.load import load_fact_file
from factbrief.verify import verify


def folder_hash(folder: Path) -> str:
    """Every name, mode and byte under a folder, hidden files included."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        info = path.lstat()
        digest.update(str(stat.S_IFMT(info.st_mode) | stat.S_IMODE(info.st_mode)).encode())
        if path.is_file() and not path.is_symlink():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def out(project, tmp_path):
    """A previous good build (Markdown and PDF) in out/."""
    folder = tmp_path / "out"
    build(project, folder)
    return folder


def template(project, name: str, text: str) -> Path:
    folder = project.parent / "templates"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def one_error(exc_info) -> str:
    lines = exc_info.value.lines()
    assert len(lines) == 1 and "\n" not in lines[0], lines
    return lines[0]


# -- templates see plain data only --------------------------------------------------------------

ATTACKS = [
    "{{ doc.path.joinpath('/etc/passwd').read_text() }}",
    "{{ doc.path }}",
    "{% for s in doc.sources.values() %}{{ s.file.read_text() }}{% endfor %}",
    "{{ doc.sources['gazette'].file.write_text('x') }}",
    "{{ facts[0].__class__.__mro__ }}",
    "{{ cite.__globals__ }}",
    "{{ others.__closure__ }}",
    "{{ doc.as_of.fromisoformat }}",
    "{{ facts[0].as_of.__class__.parse }}",
    "{{ lipsum() }}",
    "{{ self._TemplateReference__context }}",
    "{{ range.__self__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ facts.append(1) }}",
    "{{ (facts | map(attribute='citation') | first).__init__ }}",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_template_attacks_are_refused_with_one_line(project, tmp_path, attack):
    path = template(project, "briefing.md.j2", f"# T\n\n## A\n\n{attack}\n")
    before = project.read_bytes()
    with pytest.raises(TemplateError) as info:
        build(project, tmp_path / "o", BuildOptions(fmt="md", only=["briefing"]))
    line = one_error(info)
    assert line.startswith(f"{path}:5: template error:"), line
    assert project.read_bytes() == before and not (tmp_path / "o").exists()


def test_attacks_through_templates_option_are_refused(project, tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "memo.md.j2").write_text("# T\n\n## A\n\n{{ doc.path.parent.iterdir() | list }}\n")
    with pytest.raises(TemplateError, match=r"memo\.md\.j2:5: template error"):
        build(project, tmp_path / "o", BuildOptions(fmt="md", template_dir=pack))


def test_everything_reachable_from_a_template_is_plain_data(project):
    """Walk every attribute a template can read, from every variable, as the sandbox allows it."""
    import datetime as dt
    import io
    import types
    from decimal import Decimal

    import jinja2
    from markupsafe import Markup

    from factbrief.model import TemplateData
    from factbrief.render.context import Context
    from factbrief.templating.environment import make_environment

    env = make_environment()
    variables = Context(load_fact_file(project)).variables()
    plain = (str, int, float, bool, type(None), Decimal, dt.date, Markup)
    seen: set[int] = set()
    queue = list(variables.values())
    reached = 0
    while queue:
        value = queue.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        reached += 1
        assert not isinstance(value, os.PathLike | io.IOBase | type | types.ModuleType), value
        if isinstance(value, dict):
            queue += [*value.keys(), *value.values()]
        elif isinstance(value, list | tuple | set | frozenset):
            queue += list(value)
        elif isinstance(value, types.FunctionType):
            continue  # cite, others: called, never inspected (their attributes start with "_")
        elif isinstance(value, types.BuiltinMethodType | types.MethodType):
            assert value.__name__ not in {"read_text", "write_text", "open", "unlink", "iterdir", "mkdir"}
        else:
            assert isinstance(value, plain + (TemplateData,)), type(value)
            if isinstance(value, str | int | float | Decimal):
                continue
            for name in dir(value):
                attr = env.getattr(value, name)
                if not isinstance(attr, jinja2.Undefined):
                    queue.append(attr)
    assert reached > 100


def test_template_cannot_forge_provenance_markers(project, tmp_path):
    template(project, "briefing.md.j2", '# T\n\n## A\n\n{{ "\\ue000" ~ "0123456789abcdefm\\ue001Up 95%\\ue002" }}\n')
    with pytest.raises(TemplateError, match="reserved private-use characters"):
        build(project, tmp_path / "o", BuildOptions(fmt="md", only=["briefing"]))
    template(project, "briefing.md.j2", "# T\n\n## A\n\n\ue000x\n")
    with pytest.raises(TemplateError, match="reserved characters"):
        build(project, tmp_path / "o", BuildOptions(fmt="md", only=["briefing"]))


# -- templates on a budget ----------------------------------------------------------------------

BUDGET_ATTACKS = {
    "time": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "data-loops": "".join(f"{{% for x{i} in facts %}}" for i in range(14)) + "{% endfor %}" * 14,
    "output": "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
    "repeat": "{{ 'x' * 10000000000 }}",
    "power": "{{ 2 ** 100000000 }}",
    "center": "{{ 'x' | center(10000000000) }}",
    "str-method": "{{ 'x'.ljust(10000000000) }}",
    "batch": "{{ facts | batch(1000000000, 'x') | list }}",
    "format": "{{ '%0999999999d' | format(1) }}",
    "percent": "{{ '%0999999999d' % 1 }}",
    "str-format": "{{ '{:>999999999}'.format(1) }}",
    "doubling": "{% set ns = namespace(s='x') %}{% for i in range(45) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
}


@pytest.mark.parametrize("attack", sorted(BUDGET_ATTACKS))
def test_templates_run_on_a_budget(project, tmp_path, monkeypatch, attack):
    import factbrief.templating.budget as budget

    monkeypatch.setattr(budget, "RENDER_SECONDS", 2.0)
    monkeypatch.setattr(budget, "RENDER_MEMORY", 256 << 20)
    path = template(project, "briefing.md.j2", f"# T\n\n## A\n\n{BUDGET_ATTACKS[attack]}\n")
    with pytest.raises(TemplateError) as info:
        build(project, tmp_path / "o", BuildOptions(fmt="md", only=["briefing"]))
    line = one_error(info)
    assert line.startswith(str(path)), line
    assert re.search(r"budget|limit|asks for|would build|exponent", line), line


@pytest.mark.parametrize("attack", ["repeat", "power", "center"])
def test_a_budget_exceeded_names_the_template_line_it_was_exceeded_on(project, tmp_path, attack):
    """Not the line of the template's compiled code (a template of 9 lines named its line 154)."""
    body = f"# T\n\n## A\n\n{{% for f in facts %}}\n{{{{ f.id }}}}\n{{% endfor %}}\n{BUDGET_ATTACKS[attack]}\n"
    path = template(project, "briefing.md.j2", body)
    with pytest.raises(TemplateError) as info:
        build(project, tmp_path / "o", BuildOptions(fmt="md", only=["briefing"]))
    assert one_error(info).startswith(f"{path}:8: template "), one_error(info)


# -- data is printed literally, and every figure on a page is proven ---------------------------


@pytest.mark.parametrize(
    "purpose, forbidden",
    [
        ("## Injected section", "<h2>Injected section"),
        ("> quoted", "<blockquote>"),
        ("- a list", "<li>a list"),
        ("---", "<hr"),
        ("1. numbered", "<ol>"),
        ("+ plus", "<li>plus"),
    ],
)
def test_purpose_is_never_markdown(project, tmp_path, purpose, forbidden):
    edit(project, "sources:\n", f"purpose: '{purpose}'\nsources:\n")
    build(project, tmp_path / "o", BuildOptions(only=["briefing"]))
    html = (tmp_path / "o" / "briefing.html").read_text(encoding="utf-8")
    assert forbidden not in html
    text = PdfReader(tmp_path / "o" / "briefing.pdf").pages[0].extract_text()
    assert purpose.lstrip("#> -+") in text


@pytest.mark.parametrize(
    "char, name",
    [
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u00ad", "U+00AD SOFT HYPHEN"),
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("\u2060", "U+2060 WORD JOINER"),
        ("\x00", "U+0000"),
        ("\x1b", "U+001B"),
        ("\ue000", "U+E000"),
        ("\u0301", "U+0301 COMBINING ACUTE ACCENT"),
        ("\ufe0f", "U+FE0F VARIATION SELECTOR-16"),
    ],
)
def test_hidden_characters_are_refused_naming_field_fact_and_code_point(project, char, name):
    escaped = f"\\u{ord(char):04x}"  # YAML itself refuses some of these raw; its escapes let them through
    edit(
        project,
        "text: Two-way trade reached 12.5 billion ducats in 2024, up 8% on the year before.",
        f'text: "Two-way trade reached 12.5 billion ducats in 2024, up 8{escaped}8% on the year before."',
    )
    with pytest.raises(FactFileError) as info:
        load_fact_file(project)
    line = one_error(info)
    assert "fact 'trade'.text: " + name in line, line


def test_joiners_inside_words_are_letters_business(project):
    """ZWNJ and ZWJ shape Persian and Indic words; between letters they stay."""
    edit(project, "topic: education", "topic: آموزش\u200cها")
    assert load_fact_file(project).facts[4].topic == "آموزش\u200cها"


@pytest.mark.parametrize(
    "field_edit, message",
    [
        (("    topic: economy\n", "    topic: economy\n    unit: billion ducats (up 95% since 1999)\n"), "in unit"),
        (("    topic: economy\n", "    topic: economy\n    label: Trade fell 95%\n"), "in label"),
        (("topic: investment", "topic: Trade fell 95% in 1999"), "as a heading"),
        (("    topic: economy\n", "    topic: economy\n    note: Others say 95%.\n"), "in note"),
        (
            ("text: Talks on fishing quotas are to resume.", "text: Talks on 95 fishing quotas are to resume."),
            "in text",
        ),
        (("date: 2025-11\n    text: Talks", "date: 2025-11\n    topic: the 95 talks\n    text: Talks"), "in topic"),
    ],
)
def test_a_figure_in_any_printed_field_must_be_in_the_quote(project, field_edit, message):
    edit(project, *field_edit)
    errors = [f for f in verify(load_fact_file(project)) if f.level == "error"]
    assert errors and any(message in str(e) and "95" in str(e) for e in errors), errors


# -- odd files ----------------------------------------------------------------------------------


def test_fifo_and_devices_are_refused_not_read(project, tmp_path, runner):
    fifo = project.parent / "sources" / "fifo.txt"
    os.mkfifo(fifo)
    edit(project, "file: sources/gazette.txt", "file: sources/fifo.txt")
    findings = [str(f) for f in verify(load_fact_file(project)) if f.level == "error"]
    assert any("file 'sources/fifo.txt' is not a regular file (it is a FIFO)" in f for f in findings), findings
    with pytest.raises(FactFileError, match="is not a regular file"):
        load_fact_file(fifo)
    result = runner.invoke(app, ["extract", str(fifo), "--source", "x"])
    assert result.exit_code == 1 and "is not a regular file" in result.output
    result = runner.invoke(app, ["extract", str(tmp_path), "--source", "x"])
    assert result.exit_code == 1 and "is a folder" in result.output and "Traceback" not in result.output
    if os.geteuid() == 0:
        zero = project.parent / "sources" / "zero.txt"
        os.mknod(zero, 0o600 | stat.S_IFCHR, os.makedev(1, 5))
        with pytest.raises(FactFileError, match="character device"):
            load_fact_file(zero)


def test_oversized_files_are_refused_with_the_limit(project, monkeypatch):
    import factbrief.files as files

    monkeypatch.setattr(files, "MAX_SOURCE_BYTES", 100)
    findings = [str(f) for f in verify(load_fact_file(project)) if f.level == "error"]
    assert any("over the limit of" in f for f in findings), findings


def test_a_long_text_field_fails_fast(project):
    edit(project, "text: Sylvania is Freedonia’s second-largest trading partner.", "text: " + "word " * 250_000)
    with pytest.raises(FactFileError, match="characters long"):
        load_fact_file(project)


# -- a failing build changes nothing -----------------------------------------------------------


def test_strict_with_a_warning_writes_nothing(project, out, runner):
    before = folder_hash(out)
    second_source(project, "unused")
    edit(project, "up 8% on", "up 8% from")
    result = runner.invoke(app, ["build", str(project), "--out", str(out), "--strict"])
    assert result.exit_code == 1 and "nothing written" in result.output
    assert folder_hash(out) == before


def test_an_output_that_cannot_be_replaced_changes_nothing(project, out):
    edit(project, "up 8% on", "up 8% from")
    before_bytes = (out / "briefing.md").read_bytes()
    (out / "milestones.pdf").unlink()
    (out / "milestones.pdf").mkdir()
    before = folder_hash(out)
    with pytest.raises(OutputError) as info:
        build(project, out)
    assert "no output was changed" in one_error(info)
    assert folder_hash(out) == before and (out / "briefing.md").read_bytes() == before_bytes


def test_an_immutable_output_changes_nothing(project, out):
    import subprocess

    target = out / "factsheet.pdf"
    if subprocess.run(["chattr", "+i", str(target)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        edit(project, "up 8% on", "up 8% from")
        before = folder_hash(out)
        with pytest.raises(OutputError, match="no output was changed"):
            build(project, out)
        assert folder_hash(out) == before
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=True)


def test_outputs_follow_the_umask(project, tmp_path):
    old = os.umask(0o027)
    try:
        build(project, tmp_path / "o", BuildOptions(fmt="md"))
        assert stat.S_IMODE((tmp_path / "o" / "briefing.md").stat().st_mode) == 0o640
    finally:
        os.umask(old)
    os.chmod(tmp_path / "o" / "briefing.md", 0o644)
    build(project, tmp_path / "o", BuildOptions(fmt="md"))  # a rebuild under umask 022 does not tighten it
    assert stat.S_IMODE((tmp_path / "o" / "briefing.md").stat().st_mode) == 0o644


def test_removed_template_takes_its_outputs_but_nothing_else(project, tmp_path):
    memo = template(project, "memo.md.j2", '{% extends "_base.md.j2" %}{% block body %}\n## N\n\nHi.\n{% endblock %}\n')
    o = tmp_path / "o"
    build(project, o, BuildOptions(fmt="md"))
    (o / "mine.md").write_text("my notes")
    assert (o / "memo.md").exists()
    memo.unlink()
    result = build(project, o, BuildOptions(fmt="md"))
    assert not (o / "memo.md").exists() and (o / "mine.md").read_text() == "my notes"
    assert result.removed == ["memo.md"]


# -- no tracebacks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, expected",
    [
        (["templates", "copy", "briefing", "--to", "{file}"], "not a folder"),
        (["templates", "copy", "briefing", "--to", "{missing}/deeper"], "copied"),
        (["init", "{file}"], "is a file"),
        (["build", "{project}", "--templates", "{missing}"], "--templates"),
        (["build", "{project}", "--templates", "{file}"], "not a folder"),
        (["build", "{project}", "--only", ",,,"], "--only: no document named"),
        (["check", "{project}", "--max-age", "0y"], "error(s)"),
    ],
)
def test_odd_command_lines_give_one_line(project, tmp_path, runner, args, expected):
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    values = {"file": a_file, "missing": tmp_path / "missing", "project": project}
    result = runner.invoke(app, [a.format(**values) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert expected in result.output, result.output


def test_year_zero_is_refused(project):
    edit(project, "date: 2019-06", "date: 0000")
    with pytest.raises(FactFileError, match="has no year 0"):
        load_fact_file(project)


def test_coverage_of_a_latin1_source_is_one_line(project, runner):
    (project.parent / "sources" / "gazette.txt").write_bytes("Caf\xe9 12".encode("latin-1"))
    result = runner.invoke(app, ["coverage", str(project)])
    assert result.exit_code == 1 and "is not UTF-8 text" in result.output and "Traceback" not in result.output


def test_max_pages_must_be_a_number(project, tmp_path):
    template(project, "memo.md.j2", '{% set max_pages = "abc" %}# T\n\n## A\n\nHi.\n')
    with pytest.raises(TemplateError, match="max_pages = 'abc' is not a whole number"):
        build(project, tmp_path / "o", BuildOptions(only=["memo"]))


def die(name, fact_file, *rest):
    """A printing worker killed in the middle of its work."""
    os._exit(9)


def test_a_killed_worker_is_one_error_and_changes_nothing(project, out, monkeypatch):
    import factbrief.build.pool as pool

    monkeypatch.setattr(pool, "_print_in_worker", die)
    edit(project, "up 8% on", "up 8% from")  # documents to print again (the others are kept: reprint.py)
    before = folder_hash(out)
    with pytest.raises(FactbriefError, match="stopped unexpectedly; no output was changed"):
        build(project, out)
    assert folder_hash(out) == before


def test_attachments_are_refused(project, tmp_path):
    template(project, "page.html.j2", '{% include "!default/page.html.j2" %}<link rel="attachment" href="style.css">')
    shutil.copy(Path(__file__).parent.parent / "templates" / "style.css", project.parent / "templates" / "style.css")
    with pytest.raises(FactbriefError, match="PDFs carry no attachments"):
        build(project, tmp_path / "o", BuildOptions(only=["briefing"]))


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("style.css", '{% include "!default/style.css" %}\nh2::after { content: " (up 95%)" }', "prints the figure"),
        ("style.css", '{% include "!default/style.css" %}\nh2::after { content: "\\35 0%" }', "prints the figure"),
        (
            "style.css",
            '{% include "!default/style.css" %}\nbody { counter-reset: n 94 }',
            "keeps a counter of its own (n)",
        ),
        ("page.html.j2", '{% include "!default/page.html.j2" %}<p>Trade fell 95% in 1999</p>', "'95'"),
        ("briefing.md.j2", '{% extends "!default/briefing.md.j2" %}{% block titleblock %}# Up 95%{% endblock %}', "95"),
        (
            "briefing.md.j2",
            '{% extends "!default/briefing.md.j2" %}{% block titleblock %}<sup data-note="95"></sup>{% endblock %}',
            "sets data-note",
        ),
    ],
)
def test_templates_around_the_document_cannot_print_figures(project, tmp_path, name, text, message, runner):
    template(project, name, text)
    with pytest.raises(FactbriefError) as info:
        build(project, tmp_path / "o", BuildOptions(only=["briefing"]))
    assert message in str(info.value) and name in str(info.value)
    checked = runner.invoke(app, ["check", str(project)])  # check refuses what build refuses
    assert checked.exit_code == 1 and message in checked.output and name in checked.output


@pytest.mark.parametrize(
    "edit_args, message",
    [
        (("as_of: 2025-09-01", "as_of: 2025-09-01\nlanguage: english!"), "is not a language tag"),
        (("as_of: 2025-09-01", "as_of: 2025-09-01\npage:\n  size: 9999mm 9999mm"), "outside what prints"),
        (("as_of: 2025-09-01", "as_of: 2025-09-01\npage:\n  font_size: 99pt"), "not a printable size"),
    ],
)
def test_absurd_settings_are_refused(project, edit_args, message):
    edit(project, *edit_args)
    with pytest.raises(FactFileError, match=message):
        load_fact_file(project)


def test_verification_errors_stop_the_build_before_anything_is_written(project, out):
    edit(project, "up 8% on", "up 9% on")
    before = folder_hash(out)
    with pytest.raises(VerificationError):
        build(project, out)
    assert folder_hash(out) == before


# -- Ctrl-C at any moment ---------------------------------------------------------------------


def _group_alive(pgid: int) -> list[int]:
    alive = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(stat_file.parent.name))
    return alive


def _interpreter_start_seconds() -> float:
    """The longest of three ``python -c pass`` runs (the interpreter and its site module, nothing
    of Factbrief), doubled for the load changing in between."""
    import subprocess
    import sys
    import time

    longest = 0.0
    for _ in range(3):
        started = time.monotonic()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        longest = max(longest, time.monotonic() - started)
    return 2 * longest


@pytest.mark.parametrize("delay, presses", [(0.05, 1), (0.1, 2), (0.3, 1), (1.2, 2), (2.5, 1), (2.5, 2)])
def test_ctrl_c_at_any_moment_prints_one_line_and_exits_130(project, out, delay, presses):
    """As a terminal does: SIGINT to the whole process group, once or twice 50 ms apart.

    The delay counts from when Python has started: a Ctrl-C while the interpreter itself is still
    starting (its site module, before any of Factbrief exists) is Python's to answer. How long that
    takes under the machine's current load is measured just before, as ``python -c pass`` takes,
    and waited for on top of the delay."""
    import signal
    import subprocess
    import sys
    import time

    edit(project, "up 8% on", "up 8% from")
    before = folder_hash(out)
    starting = _interpreter_start_seconds()
    command = [sys.executable, "-m", "factbrief", "build", str(project), "--out", str(out)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(starting + delay)
    for _ in range(presses):
        os.killpg(proc.pid, signal.SIGINT)
        time.sleep(0.05)
    sent = time.monotonic()
    stdout, stderr = proc.communicate(timeout=30)
    waited = time.monotonic() - sent
    err = stderr.decode()
    if proc.returncode == 0:  # finished before the signal arrived: a complete new build
        assert "Traceback" not in err
        return
    assert proc.returncode == 130, (proc.returncode, err)
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("factbrief: interrupted"), err
    assert waited < 10
    if "no output was changed" in err:
        assert folder_hash(out) == before
    else:
        assert "the new outputs were all written" in err
    deadline = time.monotonic() + 5
    while _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _group_alive(proc.pid), "worker processes outlived the build"


def test_ctrl_c_that_arrives_inside_a_callback_is_raised_after_it():
    """Python prints and forgets an exception raised in a weakref callback (an import's module lock
    has one): a Ctrl-C handled there must still stop the command, not print a traceback and let the
    build run on to the end (seen once in CI, 50 ms after start)."""
    import subprocess
    import sys

    script = """
import os, signal, sys, time, weakref
from factbrief.__main__ import handle_interrupts
from factbrief.interrupt import Interrupted
handle_interrupts()
class Thing: pass
def callback(ref):
    os.kill(os.getpid(), signal.SIGINT)
    for _ in range(100_000): pass  # the handler runs here, inside the callback
thing = Thing(); ref = weakref.ref(thing, callback)
try:
    del thing
    time.sleep(5)
    print("went on")
except Interrupted:
    print("interrupted")
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
    assert run.stdout == "interrupted\n", (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr, run.stderr


def test_ctrl_c_in_a_batch_prints_one_line_and_stops_every_process(project, tmp_path):
    import signal
    import subprocess
    import sys
    import time

    second = project.parent / "second.yaml"
    second.write_text(project.read_text(encoding="utf-8"), encoding="utf-8")
    command = [sys.executable, "-m", "factbrief", "build", str(project), str(second), "--out", str(tmp_path / "b")]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(1.0)
    os.killpg(proc.pid, signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    if proc.returncode == 0:
        return  # the batch had finished
    assert proc.returncode == 130, (proc.returncode, err)
    assert err.decode().strip().splitlines()[-1].startswith("factbrief: interrupted"), err
    assert "Traceback" not in err.decode()
    deadline = time.monotonic() + 5
    while _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _group_alive(proc.pid)
