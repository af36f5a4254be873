"""Factbrief's benchmark: side-by-side medians and ratios, written to bench/results.md.

    python bench/run.py [--quick]      (or: make bench)

Everything is measured in one run on one machine: Factbrief's full build against the floor (a bare
WeasyPrint script printing the same three HTML files in one process) and against Pandoc with
WeasyPrint; the Markdown-only build; `check` on a generated file of 5,000 facts and 200 sources
against a bare `yaml.safe_load` of it; and a batch of 16 fact files against 16 separate builds.
"""

from __future__ import annotations

import argparse
import ctypes.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FACTBRIEF = str(BIN / "factbrief")
FACTS = ROOT / "facts" / "japan-vietnam.yaml"
DOCS = ("briefing", "factsheet", "milestones")


def timed(cmd: list[str], runs: int, cwd: Path | None = None) -> float:
    """Median wall time of a command run as a whole process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode:
            sys.exit(f"bench: {' '.join(cmd[:3])} … failed:\n{done.stderr[-2000:]}")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
                f"    topic: topic {i % 12}",
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one run each and smaller inputs (for CI)")
    args = parser.parse_args()
    runs = 1 if args.quick else 5
    work = Path(tempfile.mkdtemp(prefix="factbrief-bench-"))
    rows: list[tuple[str, float]] = []
    notes: list[str] = []

    # 1. Factbrief, cold, as a whole process; it also leaves the HTML and Markdown for the others.
    out = work / "out"
    full = timed([FACTBRIEF, "build", str(FACTS), "--out", str(out)], runs, cwd=ROOT)
    rows.append(("factbrief build (3 documents, md+html+pdf)", full))

    # 2. The floor: bare WeasyPrint printing the same three HTML files in one process.
    script = "import sys, weasyprint\nfor f in sys.argv[1:]:\n    weasyprint.HTML(filename=f).write_pdf(f + '.pdf')\n"
    html_files = [str(out / f"{d}.html") for d in DOCS]
    floor = timed([sys.executable, "-c", script, *html_files], runs)
    rows.append(("bare WeasyPrint, same 3 HTML files, one process", floor))
    # What tagging costs (Factbrief always writes PDF/UA-1): the same floor, tagged.
    tagged = timed(
        [
            sys.executable,
            "-c",
            script.replace(".write_pdf(f + '.pdf')", ".write_pdf(f + '.pdf', pdf_variant='pdf/ua-1')"),
            *html_files,
        ],
        runs,
    )
    rows.append(("bare WeasyPrint, same 3 HTML files, tagged PDF/UA-1", tagged))

    # 3. What a user would pick instead: Pandoc with WeasyPrint as its PDF engine.
    pandoc = shutil.which("pandoc")
    pandoc_time = None
    if pandoc:
        env_path = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
        cmd = [
            "bash",
            "-c",
            f"export PATH='{env_path}'; "
            + " && ".join(f"pandoc {out / d}.md -o {work / d}-pandoc.pdf --pdf-engine=weasyprint" for d in DOCS),
        ]
        pandoc_time = timed(cmd, runs)
        rows.append(("pandoc --pdf-engine=weasyprint, same 3 Markdown files", pandoc_time))
    else:
        notes.append("Pandoc is not installed (Debian: apt-get install pandoc); its row is skipped.")

    # 4. Markdown only.
    md = timed([FACTBRIEF, "build", str(FACTS), "--out", str(work / "md"), "--format", "md"], runs, cwd=ROOT)
    rows.append(("factbrief build --format md", md))

    # 5. check and Markdown build on a large generated file; linear growth.
    sizes = (1250, 2500, 5000) if not args.quick else (500, 1000)
    checks = {}
    for n in sizes:
        large = generate_large(work / f"large-{n}", n, max(1, n // 25))
        checks[n] = timed([FACTBRIEF, "check", str(large)], max(1, runs // 2))
    n_max = sizes[-1]
    large = work / f"large-{n_max}" / "large.yaml"
    bare_yaml = timed(
        [sys.executable, "-c", f"import yaml; yaml.safe_load(open({str(large)!r}, encoding='utf-8'))"],
        max(1, runs // 2),
    )
    large_md = timed([FACTBRIEF, "build", str(large), "--out", str(work / "large-md"), "--format", "md"], 1)
    rows.append((f"factbrief check, {n_max} facts / {n_max // 25} sources", checks[n_max]))
    rows.append(("bare yaml.safe_load of the same file", bare_yaml))
    rows.append((f"factbrief build --format md, {n_max} facts", large_md))
    for n in sizes[:-1]:
        rows.append((f"factbrief check, {n} facts", checks[n]))

    # 6. A batch of 16 fact files: one command against one process per file.
    batch_dir = work / "batch"
    batch_files = []
    for i in range(16 if not args.quick else 4):
        folder = batch_dir / f"p{i}"
        shutil.copytree(ROOT / "facts", folder, ignore=shutil.ignore_patterns("templates"))
        target = folder / f"brief{i}.yaml"
        (folder / "japan-vietnam.yaml").rename(target)
        # Sixteen different briefs, not one brief sixteen times: each title differs.
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace("\ntitle: ", f"\ntitle: Brief {i + 1} — ", 1), encoding="utf-8")
        batch_files.append(str(target))
    batch = timed([FACTBRIEF, "build", *batch_files, "--out", str(work / "batch-out")], 1)
    start = time.perf_counter()
    for f in batch_files:
        subprocess.run(
            [FACTBRIEF, "build", f, "--out", str(work / "seq-out" / Path(f).stem)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    sequential = time.perf_counter() - start
    rows.append((f"batch of {len(batch_files)} fact files, one command", batch))
    rows.append((f"the same {len(batch_files)} built one process after another", sequential))

    ratios = [
        ("full build / bare WeasyPrint floor", full / floor, 1.0),
        ("Markdown-only build / full build", md / full, 0.3),
        (f"check on {n_max} facts / bare yaml.safe_load", checks[n_max] / bare_yaml, 1.5),
        (f"check growth, {sizes[-1]} vs {sizes[-2]} facts (2.0 = linear)", checks[sizes[-1]] / checks[sizes[-2]], 2.2),
        ("batch / one after another", batch / sequential, 0.4),
    ]
    ratios.insert(1, ("tagged PDF/UA-1 / untagged (cost of tagging)", tagged / floor, 1.2))
    if pandoc_time:
        ratios.insert(1, ("full build / Pandoc", full / pandoc_time, 0.5))

    lines = [
        "# Benchmark results",
        "",
        f"Made by `python bench/run.py{' --quick' if args.quick else ''}` on {platform.platform()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores; medians of {runs} run(s).",
        "",
        "| measurement | seconds |",
        "|---|--:|",
        *[f"| {name} | {seconds:.2f} |" for name, seconds in rows],
        "",
        "| ratio | measured | target | met |",
        "|---|--:|--:|:-:|",
        *[
            f"| {name} | {value:.2f} | ≤ {target} | {'yes' if value <= target else 'no'} |"
            for name, value, target in ratios
        ],
        "",
        *[f"- {note}" for note in notes],
        "",
        "Reading the numbers:",
        "",
        "- Factbrief always writes tagged PDF/UA-1; the tagged/untagged row is what that costs.",
        "- Factbrief's build does more than the floor: it fits the briefing to one page by laying it out",
        "  several times (a binary search over layouts; only the chosen one is written), and it sets",
        "  notes at the foot of each page (`float: footnote`), which WeasyPrint lays out again with",
        "  every note added to a page. It gets under the floor by printing the documents in parallel.",
        "- Pandoc's PDFs are not the same documents: its notes are endnotes, which are far cheaper to",
        "  lay out than notes at the foot of each page, and it has nothing to fit.",
        "- In a batch each worker builds whole fact files one after another; a single build already",
        "  uses every core, so the batch saves the start-up (Python, WeasyPrint, fonts) and idle time.",
    ]
    text = "\n".join(lines).rstrip() + "\n"
    print(text)
    subset = "installed" if ctypes.util.find_library("harfbuzz-subset") else "not installed (fontTools subsets fonts)"
    text = text.replace("; medians", f"; libharfbuzz-subset {subset}; medians")
    if not args.quick:
        (ROOT / "bench" / "results.md").write_text(text, encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
