"""The preview's index page: every document's printed pages, links, fitting report, warnings and errors.

One small page with its own inline style and script (allowed by their hashes in the page's
Content-Security-Policy, nothing else runs). The script listens for server-sent events and, when
a build finishes, fetches the page's content again and swaps it in place: no reload, the scroll
position stays, and the new page pictures are loaded before the swap so nothing flickers.
"""

from __future__ import annotations

import base64
import hashlib
import time
from dataclasses import dataclass, field
from html import escape
from urllib.parse import quote

from factbrief.build import WarmBuild
from factbrief.errors import Problem
from factbrief.preview.images import PdfPages

SUFFIXES = (".md", ".html", ".pdf")

STYLE = """
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: #1d2430; background: #eef0f3; }
.bar { position: sticky; top: 0; z-index: 1; display: flex; gap: 1em; align-items: baseline;
  padding: .6em 1.2em; background: #1f3a5f; color: #fff; }
.bar .file { opacity: .8; font-family: ui-monospace, monospace; font-size: 13px; }
#status { margin-left: auto; font-weight: 600; }
main { padding: 1em 1.2em 3em; max-width: 1400px; }
h2 { margin: 0 0 .3em; font-size: 18px; }
.errors { border: 2px solid #b3261e; background: #fdecea; padding: .8em 1em; margin-bottom: 1em; }
.errors h2 { color: #b3261e; }
pre { margin: .4em 0 0; white-space: pre-wrap; font: 13px/1.4 ui-monospace, monospace; }
.meta { color: #4a5568; margin: 0 0 1em; }
.warnings, .notes { background: #fff8e1; border-left: 4px solid #e0a800; padding: .5em 1em; margin: .5em 0 1em; }
.notes { background: #fff; border-color: #9aa5b1; }
ul { margin: .3em 0; padding-left: 1.2em; }
#view { display: flex; flex-wrap: wrap; gap: 0 1.2em; align-items: flex-start; }
#view > * { flex: 1 1 100%; }
#view > .doc { flex: 0 1 auto; min-width: 0; }
.doc { background: #fff; border-radius: 6px; padding: 1em 1.2em; margin: 0 0 1.2em; box-shadow: 0 1px 3px #0002;
  scroll-margin-top: 3.5em; box-sizing: border-box; }
.doc header { display: flex; flex-wrap: wrap; gap: .4em 1em; align-items: baseline; }
.doc header a { font-family: ui-monospace, monospace; font-size: 14px; }
.count { color: #4a5568; }
.fit { color: #1f3a5f; }
.warn { color: #8a5a00; }
.pages { display: flex; flex-wrap: wrap; gap: 16px; margin-top: .8em; }
.pages a { display: block; line-height: 0; width: 560px; max-width: 100%; }
.doc > ul { max-width: 560px; }
.pages img { width: 100%; height: auto; box-sizing: border-box; border: 1px solid #c8ced6; box-shadow: 0 2px 6px #0003; }
.empty { color: #4a5568; font-style: italic; }
"""

SCRIPT = """
"use strict";
(() => {
  const content = document.getElementById("content");
  const status = document.getElementById("status");
  let running = false;
  let again = false;
  const generation = () => (content.querySelector("#view") || { dataset: {} }).dataset.generation;
  const preload = (src) => new Promise((done) => {
    const image = new Image();
    image.onload = image.onerror = done;
    setTimeout(done, 5000);
    image.src = src;
  });
  async function refresh() {
    if (running) { again = true; return; }
    running = true;
    try {
      do {
        again = false;
        const response = await fetch("/fragment", { cache: "no-store" });
        if (!response.ok) break;
        const fresh = document.createElement("template");
        fresh.innerHTML = await response.text();
        await Promise.all([...fresh.content.querySelectorAll("img")].map((img) => preload(img.getAttribute("src"))));
        content.replaceChildren(fresh.content);
      } while (again);
    } catch (error) {
      status.textContent = "Cannot reach the preview: is factbrief preview still running?";
    } finally {
      running = false;
    }
  }
  const events = new EventSource("/events");
  events.addEventListener("hello", (event) => {
    const [seen, building] = event.data.split(" ");
    status.textContent = building === "1" ? "Rebuilding\\u2026" : "";
    if (seen !== generation()) refresh();
  });
  events.addEventListener("building", () => { status.textContent = "Rebuilding\\u2026"; });
  events.addEventListener("built", () => { status.textContent = ""; refresh(); });
  events.onerror = () => { status.textContent = "Disconnected: is factbrief preview still running?"; };
})();
"""


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


# Only this page's own style and script run; pictures, the fragment and events come from this server.
INDEX_POLICY = (
    f"default-src 'none'; script-src {_csp_hash(SCRIPT)}; style-src {_csp_hash(STYLE)}; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


@dataclass(frozen=True)
class View:
    """What the index shows at one moment: the last good build and the last failure, if any."""

    generation: int = 0
    building: bool = False
    fact_file: str = ""
    good: WarmBuild | None = None
    pdfs: dict[str, PdfPages] = field(default_factory=dict)  # document → its PDF's pictures
    errors: tuple[str, ...] = ()  # the last build's error lines, if it failed
    built_at: float | None = None  # when the good build finished (time.time())


def index_page(view: View) -> str:
    """The whole index page."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(view.fact_file)} — Factbrief preview</title><style>{STYLE}</style></head><body>"
        f'<header class="bar"><strong>Factbrief preview</strong><span class="file">{escape(view.fact_file)}</span>'
        f'<span id="status" role="status">{"Rebuilding…" if view.building else ""}</span></header>'
        f'<main id="content">{fragment(view)}</main><script>{SCRIPT}</script></body></html>'
    )


def fragment(view: View) -> str:
    """The index's content, which the page's script swaps in after each build."""
    parts = [f'<div id="view" data-generation="{view.generation}">']
    if view.errors:
        kept = "the documents below are from the last good build" if view.good else "no document has been built yet"
        parts.append(
            '<section class="errors" role="alert"><h2>The last build failed</h2>'
            f"<p>Fix these and save; {kept}.</p><pre>{escape(chr(10).join(view.errors))}</pre></section>"
        )
    if view.good is None:
        if not view.errors:
            parts.append('<p class="empty">Building…</p>')
        return "".join([*parts, "</div>"])
    good = view.good
    printed = {f"{name}.pdf" for name in good.documents}
    general = [w for w in good.warnings if str(w.path) not in printed]  # the fact file's, not a document's
    parts.append(f'<p class="meta">{escape(_summary(good, view.built_at))}</p>')
    parts.append(_problems(general, "warning", "warnings", "Warnings"))
    notes = [w for w in general if w.level == "info"]
    if notes:
        items = "".join(f"<li>{escape(str(n))}</li>" for n in notes)
        parts.append(
            f'<details class="notes"><summary>Notes from the checks ({len(notes)})</summary><ul>{items}</ul></details>'
        )
    for name in good.documents:
        parts.append(_document(name, good, view.pdfs.get(name)))
    return "".join([*parts, "</div>"])


def _summary(good: WarmBuild, built_at: float | None) -> str:
    when = time.strftime("%H:%M:%S", time.localtime(built_at)) if built_at else "?"
    same = [n for n in good.documents if n not in good.reprinted]
    printed = f"printed: {', '.join(good.reprinted)}" if good.reprinted else "no document changed"
    return f"Built at {when} in {good.seconds:.2f} s · {printed}" + (
        f" · unchanged: {', '.join(same)}" if same and good.reprinted else ""
    )


def _problems(problems: list[Problem], level: str, css: str, title: str) -> str:
    chosen = [p for p in problems if p.level == level]
    if not chosen:
        return ""
    items = "".join(f"<li>{escape(str(p))}</li>" for p in chosen)
    return f'<section class="{css}"><h2>{title}</h2><ul>{items}</ul></section>'


def _document(name: str, good: WarmBuild, pdf: PdfPages | None) -> str:
    own = [w for w in good.warnings if str(w.path) == f"{name}.pdf"]
    pages = good.pages.get(name, 0)
    links = " ".join(f'<a href="/{quote(name + s)}">{escape(name + s)}</a>' for s in SUFFIXES if name + s in good.files)
    parts = [
        f'<section class="doc" id="doc-{escape(quote(name))}"><header><h2>{escape(name)}</h2>',
        f'<span class="count">{pages} page{"s" if pages != 1 else ""}</span>{links}</header>',
    ]
    for level, css in (("info", "fit"), ("warning", "warn")):
        items = "".join(f"<li>{escape(p.message)}</li>" for p in own if p.level == level)
        parts.append(f'<ul class="{css}">{items}</ul>' if items else "")
    if pdf:
        parts.append('<div class="pages">')
        for number, (width, height) in enumerate(pdf.sizes, start=1):
            parts.append(
                f'<a href="/{quote(name)}.pdf#page={number}"><img src="/pages/{pdf.digest}-{number}.png" '
                f'width="{width}" height="{height}" alt="{escape(name)}, page {number}"></a>'
            )
        parts.append("</div>")
    return "".join([*parts, "</section>"])
