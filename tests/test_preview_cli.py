"""`factbrief preview` and `build --watch` as commands: rebuilds on saves, coalescing, Ctrl-C, a port in use."""

from __future__ import annotations

import socket

from conftest import edit
from preview_helpers import EventStream, Running, alive, request


def markdown(port: int) -> str:
    return request(port, "/briefing.md")[2].decode("utf-8")


def built_until(events: EventStream, port: int, text: str) -> int:
    """Wait for builds until the served briefing holds ``text``; the generation of that build."""
    while True:
        _, data = events.next_event("built")
        if text in markdown(port):
            return int(data)


def test_preview_rebuilds_on_each_save_and_stops_on_ctrl_c(project):
    run = Running("preview", str(project), "--port", "0", "--out", str(project.parent / "out"))
    try:
        port = run.port()
        run.wait_for("built in")
        workers = run.children()
        assert workers, "the preview keeps its printing workers"
        events = EventStream(port)
        generation = int(events.next_event("hello")[1].split()[0])

        edit(project, "Two-way trade reached", "Two-way trade rose to")
        generation = built_until(events, port, "rose to")
        assert "printed briefing, factsheet" in run.wait_for("built in")

        # A save during a build is not lost: one more build follows.
        edit(project, "Two-way trade rose to", "Two-way trade climbed to")
        events.next_event("building")
        edit(project, "Two-way trade climbed to", "Two-way trade grew to")
        generation = built_until(events, port, "grew to")

        # A burst of saves is one build (two at most, should the machine stall between two saves).
        text = project.read_text(encoding="utf-8")
        for word in ("went", "moved", "edged", "crept", "jumped"):
            project.write_text(text.replace("Two-way trade grew to", f"Two-way trade {word} to"), encoding="utf-8")
        burst = built_until(events, port, "jumped to")
        edit(project, "Two-way trade jumped to", "Two-way trade reached")
        after = built_until(events, port, "Two-way trade reached")
        assert burst - generation <= 2 and after == burst + 1
        events.close()

        code = run.interrupt(times=2)  # two quick Ctrl-Cs
    finally:
        run.stop()
    assert code == 0
    assert run.lines[-1] == "stopped preview"
    assert not any("Traceback" in line or "interrupted" in line for line in run.lines)
    assert not [pid for pid in workers if alive(pid)]


def test_ctrl_c_during_the_first_build_stops_cleanly(project):
    run = Running("preview", str(project), "--port", "0", "--out", str(project.parent / "out"))
    try:
        events = EventStream(run.port())
        if events.next_event("hello")[1].split()[1] == "0":
            events.next_event("building")
        workers = run.children()
        code = run.interrupt()
        events.close()
    finally:
        run.stop()
    assert code == 0
    assert run.lines[-1] == "stopped preview"
    assert not any("Traceback" in line for line in run.lines)
    assert not [pid for pid in workers if alive(pid)]


def test_a_port_in_use_is_one_line_suggesting_another(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = Running("preview", str(project), "--port", str(port), "--out", str(project.parent / "out"))
        code = run.proc.wait(timeout=60)
        run.stop()
    assert code == 1
    assert run.lines[-1] == f"127.0.0.1:{port}: port {port} is in use (another preview?); choose another with --port", (
        run.lines
    )
    assert not any("Traceback" in line for line in run.lines), run.lines


def test_build_watch_keeps_its_workers_and_stops_on_ctrl_c(project):
    run = Running("build", str(project), "--out", str(project.parent / "out"), "--watch")
    try:
        assert "printed briefing, factsheet, milestones" in run.wait_for("watching for changes")
        workers = run.children()
        assert workers
        edit(project, "Talks on fishing quotas are to resume.", "Talks on fishing quotas are to begin again.")
        line = run.wait_for("watching for changes")
        assert "printed briefing, milestones" in line  # the fact sheet shows no milestones
        assert run.children() == workers  # the same workers, still warm
        code = run.interrupt(times=2)
    finally:
        run.stop()
    assert code == 0
    assert run.lines[-1] == "stopped watching", run.lines
    assert not any("Traceback" in line for line in run.lines)
    assert not [pid for pid in workers if alive(pid)]
