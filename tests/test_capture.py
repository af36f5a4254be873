"""Capture from real kinds of page (issue 26): whole sentences whatever the markup, the publisher
from the page's own metadata with where it came from, every missing field named at once, dates the
document states offered (never written), and many pages in one run."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA
from factbrief.capture.article import read_html
from factbrief.capture.pagemeta import read_meta
from factbrief.capture.visible import drop_invisible, parse_page
from factbrief.cli import app
from factbrief.factfile.load import load_fact_file

PAGES = DATA / "pages"
TODAY = dt.date(2025, 9, 1)

REACT_SENTENCES = [  # split by React's <!-- --> runs, an &nbsp; before a comment, nested inline markup
    "When President Firefly signed the rail agreement in Trentino on Monday, he had spent months of his own "
    "political capital on a line that carries 4.2 million tonnes a year.",
    "But just because no one campaigned on freight doesn’t mean it wasn’t on the ballot. Voters in the border "
    "towns could have punished the cost of the upgrade, which ran 27% over budget.",
    "Once again, I’m not complaining about the trains, a station master in Trentino said, only about the timetable.",
    "The new freight corridor will carry grain north and batteries south by 2030, the transport ministry said.",
    "Talks on a separate agreement covering passenger trains are due to resume in November, officials in both "
    "capitals said.",  # a line break in the page's source, mid-sentence
]
NEVER_SHOWN = ["template paragraph", "hidden paragraph", "aria-hidden paragraph", "display none", "__INITIAL_STATE__"]


def run_add(runner, *args):
    result = runner.invoke(app, ["add", *args])
    assert "Traceback" not in result.output
    return result


def saved_text(project: Path, sid: str) -> str:
    return (project.parent / "sources" / f"{sid}.txt").read_text(encoding="utf-8")


def page(name: str):
    return read_html((PAGES / name).read_text(encoding="utf-8"), None, str(PAGES / name), TODAY)


def test_react_page_is_saved_in_whole_sentences(runner, project):
    result = run_add(runner, str(PAGES / "react.html"), str(project))
    assert result.exit_code == 0, result.output
    paragraphs = saved_text(project, "trentino-ledger").splitlines()
    for sentence in REACT_SENTENCES:
        assert sentence in paragraphs  # each a whole paragraph of its own, not a fragment
    text = "\n".join(paragraphs)
    for hidden in NEVER_SHOWN:
        assert hidden not in text
    # Every saved paragraph ends a sentence: none stops where a comment was.
    assert all(p.endswith((".", "”")) for p in paragraphs[1:]), paragraphs
    out = result.output
    assert "title      Freedonia’s rail deal is a test for its president   (from <h1>)\n" in out
    assert "publisher  trentino-ledger.example   (from the host of <link rel=canonical>)\n" in out
    assert "url        https://www.trentino-ledger.example/2025/07/03/opinion/rail-deal.html" in out


def test_source_line_breaks_and_br_lines_keep_sentences_whole():
    paragraphs = page("line-breaks.html").paragraphs
    assert paragraphs == [
        "The light festival in Trentino drew 180,000 visitors over its twelve nights, the organisers said, more than "
        "in any year since it began in 2012.",
        "Most of them came by train: the Freedonian rail operator ran 40 extra services, and every one of them was "
        "full, a spokesman said.",
        "Photos which were released by the organisers on Sunday show the main square lit in the colours of both flags.",
        "© Trentino Weekly (www.trentino-weekly.example), all rights reserved",
    ]


@pytest.mark.parametrize(
    "name, publisher, origin",
    [
        ("react.html", "trentino-ledger.example", "the host of <link rel=canonical>"),  # empty JSON-LD block
        ("twitter-site.html", "SylvaniaWire", "twitter:site"),
        ("jsonld-ispartof.html", "The Marx Brothers Post", "JSON-LD isPartOf"),  # before twitter:site
        ("jsonld.html", "Sylvania Today", "JSON-LD publisher"),
        ("news.html", "The Harbour Courier", "og:site_name"),
        ("undated.html", "Trentino Weekly", "application-name"),
        ("line-breaks.html", "trentino-weekly.example", "the host of og:url"),
    ],
)
def test_publisher_comes_from_the_pages_metadata_with_its_origin(name, publisher, origin):
    article = page(name)
    assert (article.publisher, article.origins["publisher"]) == (publisher, origin)


def test_publisher_order_is_the_stated_one():
    tags = [
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",'
        ' "publisher": {"@type": "Organization", "name": "From JSON-LD"}}</script>',
        '<meta property="og:site_name" content="From OG">',
        '<meta name="application-name" content="From App">',
        '<meta name="twitter:site" content="@FromTwitter">',
        '<link rel="canonical" href="https://www.from-host.example/a">',
    ]
    expected = ["From JSON-LD", "From OG", "From App", "FromTwitter", "from-host.example"]
    for dropped, publisher in enumerate(expected):  # take away the first sources one by one
        html = f"<html><head>{''.join(tags[dropped:])}</head><body><p>x</p></body></html>"
        assert read_meta(parse_page(html), None, TODAY).publisher == publisher
    html = "<html><head><title>T</title></head><body><p>x</p></body></html>"
    assert read_meta(parse_page(html), None, TODAY).publisher is None


def test_a_text_file_names_every_missing_field_at_once(runner, project):
    article = project.parent / "memo.txt"
    article.write_text("Exports rose by 9% in 2024.\n\nImports fell by 2% in the same year.\n", encoding="utf-8")
    before = project.read_bytes()
    result = run_add(runner, str(article), str(project))
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"{article}: no title or publisher found in the text; give them with --title and --publisher"
    )
    assert project.read_bytes() == before
    result = run_add(runner, str(article), str(project), "--title", "Memo", "--publisher", "Desk")
    assert result.exit_code == 0, result.output
    assert "publisher  Desk   (from --publisher)\n" in result.output


@pytest.fixture(scope="module")
def dated_pdf(tmp_path_factory) -> Path:
    """A PDF whose first page prints its date, as a ministry's press release does."""
    import weasyprint

    html = (
        "<html lang='en'><head><title>Freedonia and Sylvania open the new rail line</title><style>"
        "@page { size: A5; margin: 20mm 15mm } body { font: 10pt/1.3 'DejaVu Serif' }</style></head><body>"
        "<p>Press release · Trentino, 3 July 2025</p><h1>Freedonia and Sylvania open the new rail line</h1>"
        "<p>The new line between the two capitals carried its first 1,200 passengers on Wednesday, the "
        "ministry said, a week after talks that began on 12 June 2025 ended.</p></body></html>"
    )
    path = tmp_path_factory.mktemp("pdf") / "release.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    return path


def test_a_pdfs_first_page_date_is_offered_not_written(runner, project, dated_pdf):
    result = run_add(runner, str(dated_pdf), str(project), "--publisher", "Freedonian Ministry of Transport")
    assert result.exit_code == 0, result.output
    assert (
        "  published  not in the page's metadata; the PDF's first page says 3 July 2025: if that is the "
        "publication date, write 'published: 2025-07-03' in the entry (or capture with --published 2025-07-03)\n"
    ) in result.output
    source = load_fact_file(project).sources["freedonian-ministry-transport"]
    assert source.published is None  # a suggestion, never written by itself
    assert "published:" not in project.read_text(encoding="utf-8").split("freedonian-ministry-transport:")[1]


def test_a_pages_visible_dateline_is_offered_not_written():
    article = page("react.html")
    assert article.published is None
    assert (str(article.suggested.date), article.suggested.where) == ("2025-07-03", "the page's dateline")
    assert page("news.html").suggested is None  # the metadata states the date: nothing to suggest


def test_many_pages_in_one_run_a_bad_one_reported_and_the_others_added(runner, project):
    folder = project.parent / "saved"
    folder.mkdir()
    for name in ("react.html", "no-article.html", "twitter-site.html", "jsonld-ispartof.html"):
        shutil.copy(PAGES / name, folder / name)
    (folder / "notes.md").write_text("not a page", encoding="utf-8")  # not a page: left alone
    result = run_add(runner, str(folder), str(project))
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert [line.split(" ")[0] for line in lines] == ["added", "refused", "added", "added", "added"]
    assert f"refused {folder}/no-article.html: no article text found" in result.output
    assert lines[0].startswith(f"added 'marxbrothers-post' ← {folder}/jsonld-ispartof.html: ")
    assert "publisher The Marx Brothers Post (from JSON-LD isPartOf)" in lines[0]
    assert "published not stated; the page's dateline says 2025-07-03" in lines[2]
    assert lines[-1] == "added 3 of 4 pages to minimal/minimal.yaml; 1 refused"
    sources = load_fact_file(project).sources
    assert {"marxbrothers-post", "trentino-ledger", "sylvaniawire"} <= set(sources)
    for sid in ("marxbrothers-post", "trentino-ledger", "sylvaniawire"):
        assert saved_text(project, sid)


def test_several_pages_given_one_by_one_and_options_for_one_page_refused(runner, project):
    pages = [str(PAGES / "react.html"), str(PAGES / "twitter-site.html")]
    result = run_add(runner, *pages, str(project), "--title", "One title")
    assert result.exit_code == 2 and "--title is for one page; 2 pages were given" in result.output
    result = run_add(runner, *pages, str(project))
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "added 2 of 2 pages to minimal/minimal.yaml"


WORDS = st.lists(st.sampled_from(["trade", "rose", "by", "9%", "in", "2024", "ducats", "Firefly", "said"]), min_size=2)


@settings(max_examples=60, deadline=None)
@given(words=WORDS, cuts=st.lists(st.tuples(st.integers(0, 30), st.sampled_from(["<!-- -->", "<!--x-->", "\n"]))))
def test_comments_and_source_line_breaks_never_cut_a_paragraphs_text(words, cuts):
    """Wherever React's comments (or a line break in the source) fall, a paragraph reads the same."""
    sentence = " ".join(words)
    spaces = [i + 1 for i, ch in enumerate(sentence) if ch == " "]  # after a space: the start of a word
    marks = {spaces[position % len(spaces)]: mark for position, mark in cuts}
    html = sentence
    for at in sorted(marks, reverse=True):
        html = html[:at] + marks[at] + html[at:]
    tree = parse_page(f"<html><body><div><p>{html}</p><p hidden>never shown</p></div></body></html>")
    drop_invisible(tree)
    texts = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    assert texts == [sentence]


def test_a_page_saved_with_a_dialog_open_keeps_its_article():
    """Everything behind an open dialog is aria-hidden: it is still the page, and is kept."""
    paragraphs = page("dialog-open.html").paragraphs
    assert (
        "Sylvania will raise its minimum wage by 6.5% from January, the labour ministry said on Tuesday, the largest "
        "rise in a decade." in paragraphs
    )
    assert (
        "About 310,000 workers, most of them in retail and hotels, will be paid more, the ministry said in a statement."
        in paragraphs
    )
    assert not any("our guide to the budget" in p for p in paragraphs)  # a small aria-hidden part still goes
