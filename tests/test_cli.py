"""The command line: help for every option, one-line errors with file and line, exit codes."""

from __future__ import annotations

import pytest

from conftest import edit
from factbrief.cli import app


def test_help_describes_every_option(runner):
    top = runner.invoke(app, ["--help"])
    assert top.exit_code == 0 and "build" in top.output and "check" in top.output
    build_help = runner.invoke(app, ["build", "--help"], terminal_width=200).output
    for option in ("--out", "--format", "--only", "--templates", "--strict", "FACT_FILE"):
        assert option.lower() in build_help.lower()
    check_help = runner.invoke(app, ["check", "--help"], terminal_width=200).output
    for option in ("--strict", "--max-age"):
        assert option in check_help


def _command_paths(command, path=()):
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from _command_paths(sub, (*path, name))


def test_help_names_what_parameters_take_not_their_types(runner):
    """Every help page: no Python type placeholders (<bool>, <path>, <list[Path]>), no doubled '...'."""
    import re

    import typer

    paths = list(_command_paths(typer.main.get_command(app)))
    assert ("templates", "copy") in paths and ("extract",) in paths
    for path in paths:
        result = runner.invoke(app, [*path, "--help"], terminal_width=200)
        assert result.exit_code == 0, path
        assert not re.search(r"<[\w\[\], |]+>", result.output), (path, result.output)
        assert "...]..." not in result.output and "......" not in result.output, (path, result.output)
    build_help = runner.invoke(app, ["build", "--help"], terminal_width=200).output
    assert "[FACT_FILE]..." in build_help and "--out" in build_help and "DIR" in build_help
    assert "--no-strict" not in build_help  # a flag is a flag
    extract_help = runner.invoke(app, ["extract", "--help"], terminal_width=200).output
    assert re.search(r"extract \[OPTIONS\] ARTICLE\s*$", extract_help, re.M)


def test_version_comes_from_the_package_metadata(runner):
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"factbrief {version('factbrief')}\n"


def test_bad_fact_file_gives_one_line_and_keeps_outputs(runner, project, tmp_path):
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(project), "--out", str(out), "--format", "md"]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    edit(project, "    source: gazette\n", "    source: vns\n")
    result = runner.invoke(app, ["build", str(project), "--out", str(out)])
    assert result.exit_code == 1
    assert result.output.strip() == (
        "minimal/minimal.yaml:15: fact 'trade' cites unknown source 'vns' (known: gazette)"
    )
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_yaml_error_exits_non_zero_without_traceback(runner, project, tmp_path):
    project.write_text("title: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(project), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith("minimal/minimal.yaml:2: YAML syntax error")
    assert not (tmp_path / "o").exists()


def test_check_reports_and_sets_exit_code(runner, project):
    ok = runner.invoke(app, ["check", str(project)])
    assert ok.exit_code == 0
    assert ok.output.strip().endswith("6 facts, 4 milestones, 1 sources: 0 error(s), 0 warning(s)")
    edit(project, "up 8% on the year before.", "up 80% on the year before.")
    bad = runner.invoke(app, ["check", str(project)])
    assert bad.exit_code == 1
    assert "fact 'trade': number 80 in text is not in its quote" in bad.output


@pytest.mark.parametrize("args", [["--format", "odt"], ["--only", "memo"]])
def test_usage_errors_exit_2(runner, project, tmp_path, args):
    result = runner.invoke(app, ["build", str(project), "--out", str(tmp_path / "o"), *args])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1


def test_build_reports_pages(runner, project, tmp_path):
    result = runner.invoke(app, ["build", str(project), "--out", str(tmp_path / "o"), "--only", "briefing"])
    assert result.exit_code == 0, result.output
    assert "briefing.pdf (1 page)" in result.output


def test_batch_reports_the_bad_file_and_builds_the_others(runner, project, tmp_path):
    import shutil

    good_b = project.parent / "second.yaml"
    shutil.copy(project, good_b)
    bad = project.parent / "broken.yaml"
    bad.write_text(project.read_text(encoding="utf-8").replace("source: gazette", "source: gazett"), encoding="utf-8")
    out = tmp_path / "batch"
    result = runner.invoke(app, ["build", str(project), str(bad), str(good_b), "--out", str(out), "--format", "md"])
    assert result.exit_code == 1
    assert "minimal/broken.yaml:15: fact 'trade' cites unknown source 'gazett'" in result.output
    assert "1 of 3 fact files failed" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["minimal", "second"]
    assert (out / "second" / "briefing.md").exists()


def test_a_batch_names_the_fact_file_of_an_error_that_names_only_a_template(runner, project, tmp_path):
    import shutil

    shutil.copytree(project.parent, tmp_path / "other")
    (tmp_path / "other" / "templates").mkdir()
    (tmp_path / "other" / "templates" / "factsheet.md.j2").write_text("{% if %}\n", encoding="utf-8")
    other = tmp_path / "other" / project.name
    result = runner.invoke(app, ["build", str(project), str(other), "--out", str(tmp_path / "b"), "--format", "md"])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if "template syntax error" in line]
    assert len(errors) == 1
    assert errors[0].startswith(f"{other}: ")  # which of the fact files failed
    assert "factsheet.md.j2:1: template syntax error" in errors[0]
    assert not result.output.startswith("\n")  # no progress bar (nor its blank line) where nobody watches


def test_watch_rebuilds_and_keeps_the_last_good_output_on_a_bad_edit(project, tmp_path):
    """`build --watch`: a good edit is rebuilt; a bad one prints its error and changes nothing."""
    import queue
    import subprocess
    import sys
    import threading
    import time

    out = tmp_path / "watched"
    command = [sys.executable, "-m", "factbrief", "build", str(project), "--out", str(out), "--format", "md", "--watch"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()

    def wait_for(text: str) -> str:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                continue
            if text in line:
                return line
        pytest.fail(f"no line with {text!r} within 30 s")

    try:
        wait_for("watching for changes")
        briefing = out / "briefing.md"
        good = briefing.read_bytes()
        time.sleep(0.5)  # let the watcher settle before the first edit
        edit(project, "up 8% on the year before.", "up 9% on the year before.")
        assert "number 9 in text is not in its quote" in wait_for("fact 'trade'")
        wait_for("the last good output is unchanged")
        assert briefing.read_bytes() == good
        edit(project, "up 9% on the year before.", "rising 8% on the year before.")
        wait_for("watching for changes")
        assert "rising 8%" in briefing.read_text(encoding="utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()


def test_a_value_with_a_colon_gets_a_hint_to_quote_it(project, runner):
    edit(project, "title: Freedonia – Sylvania relations", "title: Freedonia: Sylvania relations: a review")
    result = runner.invoke(app, ["check", str(project)])
    assert result.exit_code == 1
    assert "a value holding ': ' must be quoted" in result.output and "Traceback" not in result.output


def test_two_init_projects_in_one_batch_get_their_folders_names(tmp_path, runner):
    for name in ("oslo", "nairobi"):
        assert runner.invoke(app, ["init", str(tmp_path / name)]).exit_code == 0
    result = runner.invoke(
        app,
        [
            "build",
            str(tmp_path / "oslo" / "brief.yaml"),
            str(tmp_path / "nairobi" / "brief.yaml"),
            "--out",
            str(tmp_path / "out"),
            "--format",
            "md",
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["nairobi", "oslo"]


def test_copying_a_template_onto_itself_is_one_line(runner, monkeypatch):
    from factbrief.templating.environment import builtin_template_dir

    result = runner.invoke(app, ["templates", "copy", "briefing", "--to", str(builtin_template_dir()), "--force"])
    assert result.exit_code == 2 and "is the built-in template itself" in result.output
    assert "Traceback" not in result.output


def test_a_markdown_build_says_the_briefing_is_not_fitted(project, tmp_path, runner):
    result = runner.invoke(app, ["build", str(project), "--out", str(tmp_path / "md"), "--format", "md"])
    assert result.exit_code == 0
    assert "briefing.md: info: not fitted to 1 page(s)" in result.output


def test_extract_says_when_an_article_has_nothing_to_stub(tmp_path):
    import subprocess
    import sys

    article = tmp_path / "note.txt"
    article.write_text("A meeting was held. Nothing was counted.\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "factbrief", "extract", str(article), "-s", "x"], capture_output=True, text=True
    )
    assert run.returncode == 0 and run.stdout == ""  # a pipe into a fact file gets nothing
    assert run.stderr.strip() == f"{article}: no sentence of prose with a figure; nothing to stub"


@pytest.mark.parametrize(
    "name, content, kind",
    [
        ("page.html", b"<!DOCTYPE html><html><body><p>Trade rose 8% in 2024.</p></body></html>", "a web page"),
        ("paper.pdf", b"%PDF-1.7\n\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF"),
    ],
)
def test_extract_sends_a_page_or_a_pdf_to_add(tmp_path, runner, name, content, kind):
    (tmp_path / name).write_bytes(content)
    result = runner.invoke(app, ["extract", str(tmp_path / name), "-s", "x"])
    assert result.exit_code == 1
    assert f"{name}: is {kind}, not an article's saved text: capture it with `factbrief add" in result.output
