"""Helpers for the preview's tests: raw HTTP requests, an event stream, and a `factbrief` run in the background."""

from __future__ import annotations

import http.client
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

WAIT_SECONDS = 90  # generous: a first build loads WeasyPrint and the fonts in every worker


def request(port: int, path: str, host: str | None = "", method: str = "GET") -> tuple[int, dict, bytes]:
    """Send ``path`` exactly as given (no normalising); ``host`` None sends no Host header, "" the right one."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            conn.putheader("Host", host or f"127.0.0.1:{port}")
        conn.endheaders()
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


class EventStream:
    """A client of the preview's server-sent events."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT_SECONDS)
        self.conn.request("GET", "/events", headers={"Host": f"127.0.0.1:{port}"})
        self.response = self.conn.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type").startswith("text/event-stream")

    def next_event(self, *names: str) -> tuple[str, str]:
        """The next event with one of these names: (name, data); others are skipped."""
        name, data = "message", ""
        while True:
            line = self.response.readline().decode("utf-8")
            if not line:
                pytest.fail(f"the event stream ended before an event {names}")
            line = line.rstrip("\n")
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data = line[6:]
            elif line == "":
                if name in names:
                    return name, data
                name, data = "message", ""

    def close(self) -> None:
        self.conn.close()


class Running:
    """A ``factbrief`` command run in the background, every line it prints collected."""

    def __init__(self, *args: str, cwd: Path | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "factbrief", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=cwd,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._collect, daemon=True)
        self._reader.start()

    def _collect(self) -> None:
        assert self.proc.stdout is not None
        with self.proc.stdout:
            for line in self.proc.stdout:
                self.lines.append(line.rstrip("\n"))
                self._queue.put(line.rstrip("\n"))

    def wait_for(self, text: str) -> str:
        """The next line that holds ``text`` (lines before it are passed over)."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=0.5)
            except queue.Empty:
                if self.proc.poll() is not None and self._queue.empty():
                    break
                continue
            if text in line:
                return line
        pytest.fail(f"no line with {text!r}; the output was:\n" + "\n".join(self.lines))

    def port(self) -> int:
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", self.wait_for("previewing"))
        assert match
        return int(match.group(1))

    def children(self) -> list[int]:
        """The process's child processes (its printing workers)."""
        pids = []
        for task in Path(f"/proc/{self.proc.pid}/task").glob("*"):
            try:
                pids += [int(pid) for pid in (task / "children").read_text().split()]
            except OSError:
                continue
        return sorted(pids)

    def interrupt(self, times: int = 1) -> int:
        """Ctrl-C (``times`` in a row, as fast as they can be sent); the exit code."""
        for _ in range(times):
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=WAIT_SECONDS)
        finally:
            self.stop()

    def stop(self) -> None:
        """Kill the command and its workers if they are still there (a failed test), and collect its output."""
        if self.proc.poll() is None:
            for pid in self.children():
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            self.proc.kill()
            self.proc.wait()
        self._reader.join(timeout=WAIT_SECONDS)


def alive(pid: int) -> bool:
    """True if the process exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def chromium() -> str | None:
    """Debian's Chromium (or the one named by FACTBRIEF_CHROMIUM), if installed."""
    for candidate in (os.environ.get("FACTBRIEF_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


# Headless, as root, and quiet on a closed network (Chromium's own connections would be refused).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
