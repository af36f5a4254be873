"""Factbrief's benchmark: side-by-side medians and ratios, written to bench/results.md.

    python bench/run.py [--quick]      (or: make bench)

Everything is measured in one run on one machine: Factbrief's full build against the floor (a bare
WeasyPrint script printing the same HTML files (every document) in one process) and against Pandoc with
WeasyPrint; the Markdown-only build; `check` on a generated file of 5,000 facts and 200 sources
against a bare `yaml.safe_load` of it; a batch of 16 fact files against 16 separate builds; and
warm rebuilds: with `factbrief preview` running, the time from saving an edit to the new PDF
served, against a cold `factbrief build` of the same project (the `init` sample and the curated file).
"""

from __future__ import annotations

import argparse
import ctypes.util
import http.client
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FACTBRIEF = str(BIN / "factbrief")
FACTS = ROOT / "facts" / "japan-vietnam.yaml"
DOCS = ("briefing", "factsheet", "milestones", "talking-points")  # every document a build prints
KEPT = "## Method and where the time goes"  # results.md from this heading on is written by hand


def _bundled_pandoc() -> str | None:
    """The Pandoc binary the pypandoc_binary wheel ships (Factbrief's Word files use it)."""
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return None


def run_once(cmd: list[str], cwd: Path | None = None) -> float:
    """Wall time of a command run as a whole process."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode:
        sys.exit(f"bench: {' '.join(cmd[:3])} … failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def rounds(commands: dict[str, list[str]], runs: int, cwd: Path | None = None) -> dict[str, list[float]]:
    """Times of each command over ``runs`` rounds, every command once per round, so that a slow
    spell of a shared machine slows every command of a round rather than one row of the table."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(run_once(cmd, cwd))
    return times


def ratio(times: dict[str, list[float]], a: str, b: str) -> float:
    """The median over rounds of a's time over b's time in the same round."""
    return statistics.median(x / y for x, y in zip(times[a], times[b], strict=True))


def first_build(folder: Path, *options: str, facts: Path = FACTS, layouts: Path | None = None) -> list[str]:
    """A `factbrief build` of a fact file (the curated one unless told) into an emptied folder:
    nothing remembered of an earlier build's fitting (fitmemory.py), as on a first build.
    ``layouts``: a file each document appends its number of layouts to (FACTBRIEF_LAYOUT_LOG)."""
    build = " ".join(shlex.quote(a) for a in [FACTBRIEF, "build", str(facts), "--out", str(folder), *options])
    log = f"export FACTBRIEF_LAYOUT_LOG={shlex.quote(str(layouts))}; " if layouts else ""
    return ["bash", "-c", f"{log}rm -rf {shlex.quote(str(folder))} && exec {build}"]


def layouts_per_document(log: Path) -> dict[str, float]:
    """The median number of layouts each document took, from a FACTBRIEF_LAYOUT_LOG file."""
    counts: dict[str, list[int]] = {}
    for line in log.read_text(encoding="utf-8").splitlines() if log.exists() else []:
        name, n = line.split()
        counts.setdefault(name, []).append(int(n))
    return {name: statistics.median(n) for name, n in counts.items()}


# The print proof's share of printing every document, in one process: the time spent in
# printing.proof.prove over the time print_document takes (cold, no fitting memory).
PROOF_SCRIPT = """
import sys, time
from factbrief.factfile import load_fact_file
from factbrief.printing import pdf, print_document, warm_up
from factbrief.render import document_names
from factbrief.templating import make_environment, template_dirs
warm_up()
spent = [0.0]
prove = pdf.prove
def timed(*args, **kwargs):
    start = time.perf_counter()
    try:
        return prove(*args, **kwargs)
    finally:
        spent[0] += time.perf_counter() - start
pdf.prove = timed
fact_file = load_fact_file(sys.argv[1])
env, dirs = make_environment(None), template_dirs(None)
start = time.perf_counter()
for name in document_names(env):
    print_document(name, fact_file, env, dirs)
print(spent[0], time.perf_counter() - start)
"""


def proof_share(facts: Path, runs: int) -> float:
    """The median over runs of the print proof's share of printing the documents."""
    shares = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", PROOF_SCRIPT, str(facts)], check=True, capture_output=True, text=True
        )
        proof, total = map(float, done.stdout.split()[-2:])
        shares.append(proof / total)
    return statistics.median(shares)


def generate_large(folder: Path, n_facts: int, n_sources: int) -> Path:
    """A valid fact file with n_facts facts over n_sources generated articles."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    per = n_facts // n_sources
    lines = [
        "title: Generated relations",
        "parties: [Alpha, Beta]",
        "as_of: 2025-09-01",
        "sources:",
    ]
    for s in range(n_sources):
        sentences = [
            f"In {2000 + i % 25}, item {s}-{i} reached {i * 7 + s}.{i % 10} billion units, up {i % 90}% on the year."
            for i in range(per)
        ]
        (folder / "sources" / f"s{s}.txt").write_text(
            f"Article {s}\n\n" + "\n".join(sentences) + "\n", encoding="utf-8"
        )
        lines += [f"  s{s}:", f"    publisher: Publisher {s}", f"    title: Article {s}", f"    file: sources/s{s}.txt"]
    lines.append("facts:")
    for s in range(n_sources):
        for i in range(per):
            quote = f"In {2000 + i % 25}, item {s}-{i} reached {i * 7 + s}.{i % 10} billion units, up {i % 90}% on the year."
            lines += [
                f"  - id: f{s}-{i}",
                f"    topic: topic {chr(ord('a') + i % 12)}",  # no digits: a topic heading cannot print a figure
                f'    text: "{quote}"',
                f"    source: s{s}",
                f'    quote: "{quote}"',
                f"    value: {i * 7 + s}.{i % 10}",
                "    unit: billion units",
                f"    metric: m{s}-{i}",
            ]
    lines += [
        "milestones:",
        "  - id: m1",
        "    date: 2001",
        "    text: Item reached its level.",
        "    source: s0",
        '    quote: "In 2001, item 0-1 reached"',
    ]
    path = folder / "large.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# Words that keep a fact's numbers (no digits) and differ every time: each edit is new to the builder.
WORDS = [
    f"{how} {verb} to"
    for how in ("quickly", "slowly", "steadily", "sharply")
    for verb in ("rose", "climbed", "grew", "went", "moved", "edged", "crept", "jumped")
]


class Preview:
    """`factbrief preview` running on a project, and a client of its events."""

    def __init__(self, fact: Path, out: Path) -> None:
        self.proc = subprocess.Popen(
            [FACTBRIEF, "preview", str(fact), "--port", "0", "--out", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.proc.stdout is not None
        self.lines: list[str] = []
        while True:
            line = self.proc.stdout.readline()
            if not line:
                sys.exit("bench: factbrief preview stopped before serving")
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                self.port = int(match.group(1))
                break
        threading.Thread(target=lambda: self.lines.extend(self.proc.stdout), daemon=True).start()  # type: ignore[arg-type]
        self.events = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        self.events.request("GET", "/events", headers={"Host": f"127.0.0.1:{self.port}"})
        self.stream = self.events.getresponse()

    def next_built(self) -> None:
        """Wait for the event that says a build finished."""
        event = ""
        while True:
            line = self.stream.readline().decode()
            if not line:
                sys.exit("bench: the preview's event stream ended")
            if line.startswith("event: "):
                event = line[7:].strip()
            elif line == "\n":
                if event == "built":
                    return
                event = ""

    def get(self, path: str) -> bytes:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        conn.request("GET", path, headers={"Host": f"127.0.0.1:{self.port}"})
        data = conn.getresponse().read()
        conn.close()
        return data

    def save_and_time(self, fact: Path, text: str, document: str, shows: str) -> float:
        """Save the fact file as ``text``; the seconds until the document's new PDF is served."""
        before = self.get(f"/{document}.pdf")
        fact.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        self.next_built()
        pdf = self.get(f"/{document}.pdf")
        seconds = time.perf_counter() - start
        if pdf == before or shows not in self.get(f"/{document}.md").decode():
            sys.exit(f"bench: the preview of {fact.name} did not serve the edit")
        return seconds

    def stop(self) -> None:
        self.events.close()
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=60)


class Edits:
    """A fact file and the edits made to it so far: each edit stays, so every save is new to the builder."""

    def __init__(self, path: Path) -> None:
        self.original = path.read_text(encoding="utf-8")
        self.made: dict[str, str] = {}

    def make(self, old: str, new: str) -> str:
        """The file's text with this edit and the earlier ones."""
        self.made[old] = new
        text = self.original
        for before, after in self.made.items():
            text = text.replace(before, after, 1)
        return text


PAGE = ROOT / "tests" / "data" / "pages" / "news.html"  # a saved news page (cookie banner, menus, related links)


def capture_times(work: Path, runs: int) -> dict[str, list[float]]:
    """`factbrief add` of one saved page, and of 50 different saved pages in one command, each into a
    fresh copy of the `init` sample, in rounds."""
    page = PAGE.read_text(encoding="utf-8")
    pages = work / "pages"
    pages.mkdir(parents=True)
    for i in range(50):  # fifty articles: each its own address, title and words
        letters = "".join(chr(ord("a") + int(d)) for d in f"{i:02d}")
        text = page.replace("rail-freight-deal", f"rail-freight-deal-{letters}").replace(
            "agree to double rail freight", f"agree to double rail freight ({letters})"
        )
        (pages / f"page-{letters}.html").write_text(text.replace("Trentino", f"Trentino {letters.title()}"), "utf-8")
    times: dict[str, list[float]] = {"one": [], "fifty": []}
    for n in range(runs):
        for kind, what in (("one", [str(PAGE)]), ("fifty", [str(pages)])):
            project = work / f"{kind}-{n}"
            subprocess.run([FACTBRIEF, "init", str(project)], check=True, stdout=subprocess.DEVNULL)
            times[kind].append(run_once([FACTBRIEF, "add", *what, str(project / "brief.yaml")], project))
    return times


def warm_rebuilds(work: Path, runs: int) -> tuple[dict[str, list[float]], dict[str, list[str]]]:
    """Save an edit with `factbrief preview` running; time until the new PDF is served. In rounds, each
    with a cold `factbrief build` of the same project, on the `init` sample and on the curated file.
    Edits add up (each is new to the builder): a fact's sentence, then the title."""
    subprocess.run([FACTBRIEF, "init", str(work / "sample")], check=True, stdout=subprocess.DEVNULL)
    shutil.copytree(ROOT / "facts", work / "curated")
    projects = {"sample": work / "sample" / "brief.yaml", "curated": work / "curated" / "japan-vietnam.yaml"}
    # A fact whose sentence the briefing prints: the sample's trade fact, the curated file's priorities.
    sentences = {"sample": "Two-way trade reached", "curated": "The two countries have identified"}
    times: dict[str, list[float]] = {}
    logs: dict[str, list[str]] = {}
    words = iter(WORDS)
    for name, fact in projects.items():
        edits = Edits(fact)
        title = re.search(r"^title: .*$", edits.original, re.M).group(0)  # type: ignore[union-attr]
        preview = Preview(fact, work / f"{name}-preview")
        preview.next_built()  # the first build: cold, not counted
        sentence = sentences[name]
        subject = sentence.rsplit(" ", 1)[0] if name == "sample" else "The two countries"
        preview.save_and_time(fact, edits.make(sentence, f"{subject} {next(words)}"), "briefing", subject)
        for _ in range(runs):
            word = next(words)
            seconds = preview.save_and_time(fact, edits.make(sentence, f"{subject} {word}"), "briefing", word)
            times.setdefault(f"{name} fact", []).append(seconds)
            word = next(words)
            seconds = preview.save_and_time(fact, edits.make(title, f"{title} ({word})"), "milestones", word)
            times.setdefault(f"{name} title", []).append(seconds)
            cold = [FACTBRIEF, "build", str(fact), "--out", str(work / f"{name}-cold")]
            times.setdefault(f"{name} cold", []).append(run_once(cold, fact.parent))
        preview.stop()
        logs[name] = preview.lines
        fact.write_text(edits.original, encoding="utf-8")
    return times, logs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one run each and smaller inputs (for CI)")
    parser.add_argument("--runs", type=int, default=5, help="rounds of each side-by-side measurement (default 5)")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    work = Path(tempfile.mkdtemp(prefix="factbrief-bench-"))
    rows: list[tuple[str, float]] = []
    notes: list[str] = []

    # Factbrief once first: it leaves the HTML and Markdown the others print.
    out = work / "out"
    run_once([FACTBRIEF, "build", str(FACTS), "--out", str(out)], ROOT)
    # The `init` sample likewise: its own floor prints its HTML files.
    subprocess.run([FACTBRIEF, "init", str(work / "init")], check=True, stdout=subprocess.DEVNULL)
    sample = work / "init" / "brief.yaml"
    sample_out = work / "init-out"
    run_once([FACTBRIEF, "build", str(sample), "--out", str(sample_out)], sample.parent)
    layout_log = work / "layouts.log"

    # 1–4, side by side in rounds: Factbrief cold as a whole process; the floor (bare WeasyPrint
    # printing the same HTML files in one process), also tagged, as Factbrief always is;
    # Pandoc with WeasyPrint, and Factbrief with endnotes as Pandoc prints them; Markdown only.
    script = "import sys, weasyprint\nfor f in sys.argv[1:]:\n    weasyprint.HTML(filename=f).write_pdf(f + '.pdf')\n"
    html_files = [str(out / f"{d}.html") for d in DOCS]
    tagged_script = script.replace(".write_pdf(f + '.pdf')", ".write_pdf(f + '.pdf', pdf_variant='pdf/ua-1')")
    commands = {
        # A first build, into an empty folder: nothing remembered of earlier fittings.
        "full": first_build(work / "full", layouts=layout_log),
        "sample full": first_build(work / "sample-full", facts=sample),
        # A rebuild with the same inputs into the folder of the last one (fitmemory.py).
        "rebuild": [FACTBRIEF, "build", str(FACTS), "--out", str(out)],
        "floor": [sys.executable, "-c", script, *html_files],
        "tagged": [sys.executable, "-c", tagged_script, *html_files],
        "md": [FACTBRIEF, "build", str(FACTS), "--out", str(work / "md"), "--format", "md"],
        "sample floor": [sys.executable, "-c", script, *[str(sample_out / f"{d}.html") for d in DOCS]],
    }
    # How well this machine runs two WeasyPrint processes at once: two floors side by side.
    floor_cmd = " ".join(shlex.quote(a) for a in commands["floor"])
    commands["floor2"] = ["bash", "-c", f"{floor_cmd} & {floor_cmd}; wait"]
    pandoc = shutil.which("pandoc") or _bundled_pandoc()
    if pandoc:
        env_path = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
        commands["pandoc"] = [
            "bash",
            "-c",
            f"export PATH='{env_path}'; "
            + " && ".join(f"{pandoc} {out / d}.md -o {work / d}-pandoc.pdf --pdf-engine=weasyprint" for d in DOCS),
        ]
        # Like for like: Pandoc prints endnotes, so Factbrief again, with templates that do too.
        endnotes = work / "endnote-templates"
        endnotes.mkdir()
        for d in DOCS:
            (endnotes / f"{d}.md.j2").write_text(f'{{% extends "!default/{d}.md.j2" %}}{{% set notes = "end" %}}\n')
        commands["endnotes"] = first_build(work / "endnotes", "--templates", str(endnotes))
    else:
        notes.append("Pandoc is not installed (Debian: apt-get install pandoc); its rows are skipped.")
    side = rounds(commands, runs, cwd=ROOT)
    med = {name: statistics.median(t) for name, t in side.items()}
    rows.append((f"factbrief build ({len(DOCS)} documents, md+html+pdf+docx), into an empty folder", med["full"]))
    rows.append(("factbrief build again, same inputs, same folder (fitting remembered)", med["rebuild"]))
    rows.append((f"bare WeasyPrint, same {len(DOCS)} HTML files, one process", med["floor"]))
    rows.append((f"bare WeasyPrint, same {len(DOCS)} HTML files, tagged PDF/UA-1", med["tagged"]))
    if "pandoc" in side:
        rows.append((f"pandoc --pdf-engine=weasyprint, same {len(DOCS)} Markdown files", med["pandoc"]))
        rows.append(("factbrief build, notes at the end as Pandoc prints them", med["endnotes"]))
    rows.append(("factbrief build --format md", med["md"]))
    rows.append(("two bare WeasyPrint floors at once, on two cores", med["floor2"]))
    rows.append(("`init` sample: factbrief build into an empty folder", med["sample full"]))
    rows.append((f"`init` sample: bare WeasyPrint, its {len(DOCS)} HTML files, one process", med["sample floor"]))
    layouts = layouts_per_document(layout_log)
    proof = proof_share(FACTS, runs)

    # 5. check and Markdown build on a large generated file; linear growth.
    sizes = (2500, 5000, 10000) if not args.quick else (500, 1000)
    for n in sizes:
        generate_large(work / f"large-{n}", n, max(1, n // 25))
    n_max = sizes[-2] if len(sizes) > 2 else sizes[-1]  # check against yaml.safe_load at 5,000 facts
    large = work / f"large-{n_max}" / "large.yaml"
    large_commands = {n: [FACTBRIEF, "check", str(work / f"large-{n}" / "large.yaml")] for n in sizes}
    large_commands["yaml"] = [
        sys.executable,
        "-c",
        f"import yaml; yaml.safe_load(open({str(large)!r}, encoding='utf-8'))",
    ]
    large_commands["md"] = [FACTBRIEF, "build", str(large), "--out", str(work / "large-md"), "--format", "md"]
    checks = rounds(large_commands, max(1, runs // 2))
    rows.append((f"factbrief check, {n_max} facts / {n_max // 25} sources", statistics.median(checks[n_max])))
    rows.append(("bare yaml.safe_load of the same file", statistics.median(checks["yaml"])))
    rows.append((f"factbrief build --format md, {n_max} facts", statistics.median(checks["md"])))
    for n in sizes:
        if n != n_max:
            rows.append((f"factbrief check, {n} facts", statistics.median(checks[n])))

    # 6. A batch of 16 fact files: one command against one process per file.
    batch_dir = work / "batch"
    batch_files = []
    for i in range(16 if not args.quick else 4):
        folder = batch_dir / f"p{i}"
        shutil.copytree(ROOT / "facts", folder, ignore=shutil.ignore_patterns("templates"))
        target = folder / f"brief{i}.yaml"
        (folder / "japan-vietnam.yaml").rename(target)
        # Sixteen different briefs, not one brief sixteen times: each title differs, by a letter (a
        # number in the title would be a figure its French translation must give too).
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace("\ntitle: ", f"\ntitle: Brief {chr(ord('A') + i)} — ", 1), encoding="utf-8")
        batch_files.append(str(target))
    sequential_script = (
        "import subprocess, sys\n"
        "for f in sys.argv[2:]:\n"
        "    subprocess.run([sys.argv[1], 'build', f, '--out', f + '.out'], check=True, stdout=subprocess.DEVNULL)\n"
    )
    batch = rounds(
        {
            "batch": [FACTBRIEF, "build", *batch_files, "--out", str(work / "batch-out")],
            "sequential": [sys.executable, "-c", sequential_script, FACTBRIEF, *batch_files],
        },
        1 if args.quick else max(1, runs // 2),
    )
    rows.append((f"batch of {len(batch_files)} fact files, one command", statistics.median(batch["batch"])))
    rows.append(
        (f"the same {len(batch_files)} built one process after another", statistics.median(batch["sequential"]))
    )

    # 7. Warm rebuilds: edit → new PDF served by `factbrief preview`, against a cold build.
    warm, logs = warm_rebuilds(work / "warm", runs)
    projects = list(logs)
    labels = {"sample": "`init` sample", "curated": "curated Japan – Viet Nam file"}
    for project in projects:
        label = labels[project]
        rows.append((f"{label}: factbrief build (cold)", statistics.median(warm[f"{project} cold"])))
        rows.append(
            (f"{label}: preview, edit a fact → new PDF served (warm)", statistics.median(warm[f"{project} fact"]))
        )
        rows.append(
            (f"{label}: preview, edit the title → new PDFs served (warm)", statistics.median(warm[f"{project} title"]))
        )

    # 8. Capture: `factbrief add` of one saved page (a whole process), and of 50 pages in one command.
    added = capture_times(work / "add", runs)
    rows.append(("factbrief add, one saved page, one process", statistics.median(added["one"])))
    rows.append(("factbrief add, 50 saved pages in one command, per page", statistics.median(added["fifty"]) / 50))

    # Each row of issue 27's table: (measurement, value before (the issue's), value now, target).
    fitted = {name: n for name, n in layouts.items() if name == "briefing"} or layouts
    ratios: list[tuple[str, float | None, float, float]] = [
        (
            "full build of the curated file, empty folder / bare WeasyPrint floor",
            1.58,
            ratio(side, "full", "floor"),
            0.85,
        ),
        (
            "full build of the `init` sample, empty folder / its floor",
            1.69,
            ratio(side, "sample full", "sample floor"),
            0.85,
        ),
    ]
    if "pandoc" in side:
        ratios.append(
            (
                "full build / `pandoc --pdf-engine=weasyprint` on the same Markdown",
                1.16,
                ratio(side, "full", "pandoc"),
                0.80,
            )
        )
        ratios.append(
            ("like for like, both with endnotes: factbrief / Pandoc", None, ratio(side, "endnotes", "pandoc"), 0.80)
        )
    ratios += [
        ("rebuild, same inputs, same folder / floor", 1.05, ratio(side, "rebuild", "floor"), 0.60),
        ("`--format md` / full build", 0.32, ratio(side, "md", "full"), 0.20),
        (
            f"`check`, {n_max} facts / `yaml.safe_load` (pure Python) of the same file",
            3.15,
            ratio(checks, n_max, "yaml"),
            1.0,
        ),
        (
            f"`check` growth, {sizes[-1]} vs {sizes[-2]} facts (2.0 is linear)",
            3.59,
            ratio(checks, sizes[-1], sizes[-2]),
            2.1,
        ),
        ("batch of 16 / the same built one after another", 0.25, ratio(batch, "batch", "sequential"), 0.25),
    ]
    targets = {"fact": (0.71, 0.25), "title": (0.76, 0.40)}
    for project in projects:
        for edit, what in (
            ("fact", "edit a fact's sentence → new PDF served"),
            ("title", "edit the title → new PDFs served"),
        ):
            before, target = targets[edit] if project == "curated" else (None, 0.40)
            ratios.append(
                (
                    f"`preview`, {labels[project]}: {what} / cold build",
                    before,
                    ratio(warm, f"{project} {edit}", f"{project} cold"),
                    target,
                )
            )
    for name, n in fitted.items():
        ratios.append((f"layouts per fitted document, cold ({name}, curated file)", 9, n, 3))
    ratios.append(("the print proof / printing every document (curated file, one process)", None, proof, 0.05))
    ratios.append(
        ("`factbrief add` of one saved page, one process (seconds)", None, statistics.median(added["one"]), 0.5)
    )
    ratios.append(
        (
            "`factbrief add` of 50 pages in one command, per page (seconds)",
            None,
            statistics.median(added["fifty"]) / 50,
            0.15,
        )
    )
    scaling = ratio(side, "floor2", "floor")

    lines = [
        "# Benchmark results",
        "",
        f"Made by `python bench/run.py{' --quick' if args.quick else ''}` on {platform.platform()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores; medians of {runs} run(s), taken in "
        "rounds (each command once per round); each ratio is the median of its per-round ratios.",
        "",
        "| measurement | seconds |",
        "|---|--:|",
        *[f"| {name} | {seconds:.2f} |" for name, seconds in rows],
        "",
        "| measurement (issue 27) | before | now | target | met |",
        "|---|--:|--:|--:|:-:|",
        *[
            f"| {name} | {'—' if before is None else f'{before:.2f}'} | {value:.2f} | ≤ {target:.2f} |"
            f" {'yes' if value <= target else 'no'} |"
            for name, before, value, target in ratios
        ],
        "",
        *[f"- {note}" for note in notes],
        "",
        "Reading the numbers:",
        "",
        "- Factbrief always writes tagged PDF/UA-1; the tagged/untagged row is what that costs.",
        "- Factbrief's build does more than the floor: it fits the briefing to one page by laying it out",
        f"  more than once ({', '.join(f'{n:g} for the {d}' for d, n in layouts.items())}, cold, in this run;",
        "  only the chosen layout is written), it draws the pictures (matplotlib, in the workers that",
        "  print a document with pictures), it proves every page (printing/proof.py) and it sets notes",
        "  at the foot of each page (`float: footnote`; WeasyPrint lays a page's notes out again with",
        "  every note added to it, Factbrief each note once: printing/pdf.py). It also writes the Word",
        "  files. The floor does none of this, but it prints on one core; the build prints on two.",
        "- The rebuild row builds the same inputs again into the same folder: each document whose",
        "  tried layouts render to the same pages keeps the PDF and Word file printed for them",
        "  (printing/reprint.py: records in the user's cache folder, bytes from the output folder), so",
        "  nothing is laid out; the files are the same bytes as a cold build's.",
        "- The full build writes Word files too (the default `--format all`): a Pandoc run, python-docx",
        "  and a read-back proof per document, on the printing workers: each Word file is a job of",
        "  its own, for whichever worker is free once its PDF is printed.",
        "- Pandoc's PDFs are not the same documents: its notes are endnotes, which are far cheaper to",
        "  lay out than notes at the foot of each page, and it has nothing to fit. The like-for-like row",
        '  builds the same documents with templates that set `notes = "end"` (still fitted and checked).',
        "- In a batch each worker builds whole fact files one after another; a single build already",
        "  uses every core, so the batch saves the start-up (Python, WeasyPrint, fonts) and idle time.",
        "- Warm rebuilds: with `factbrief preview` running, the time from saving an edit to the new PDF",
        "  served (the build-finished event, then the PDF fetched), against a cold `factbrief build` of the",
        "  same project in the same round. Editing a fact's sentence prints again only the documents",
        "  that show it (the sample's trade fact and the curated file's priorities: the briefing and the",
        "  fact sheet); editing the title prints all four. The warm builder keeps WeasyPrint, the fonts",
        "  and the workers loaded; what remains is the layout of the changed documents (the briefing's",
        "  fitting, two layouts on one core; the curated fact sheet's five pages, one layout of about",
        "  1.9 s, on the other, with the Word files made beside them) and the watcher's 50 ms of quiet.",
        f"- Two floors at once take {scaling:.2f}× as long as one here (1.0 would be perfect scaling, 2.0",
        "  none): two WeasyPrint processes slow each other down, which bounds what printing in",
        "  parallel, in a build or in a batch, can gain on this machine.",
    ]
    text = "\n".join(lines).rstrip() + "\n"
    print(text)
    subset = "installed" if ctypes.util.find_library("harfbuzz-subset") else "not installed (fontTools subsets fonts)"
    text = text.replace("; medians", f"; libharfbuzz-subset {subset}; medians")
    if not args.quick:
        # What is written by hand after the measurements (the method, the profiles) is kept.
        results = ROOT / "bench" / "results.md"
        kept = results.read_text(encoding="utf-8").partition(KEPT)[2] if results.exists() else ""
        results.write_text(text + (f"\n{KEPT}{kept}" if kept else ""), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
