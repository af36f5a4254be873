"""Briefs in the reader's language (issue 16): numbers read in each text's notation, dates and
numbers formatted for the documents' language, and the fixed words from message catalogs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import JV_FACTS, ROOT, edit
from factbrief.build import BuildOptions, build, check
from factbrief.model import PartialDate
from factbrief.text.formatting import format_date, format_number, format_quantity
from factbrief.text.numbers import numbers_in, scaled_in

VI = ROOT / "tests" / "data" / "vi" / "brief.yaml"


def errors(path: Path) -> list[str]:
    _ff, findings = check(path)
    return [f.message for f in findings if f.level == "error"]


# -- notation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("46,2 tỷ USD, 5.557 dự án, hơn 630.000 người", "vi", {"46.2", "5557", "630000"}),
        ("12,5 milliards, 5 557 projets, 5\u202f557 projets", "fr", {"12.5", "5557"}),
        ("US$46.2 billion, 5,557 projects", "en", {"46.2", "5557"}),
        ("1.250 doanh nghiệp", "vi", {"1250"}),
        ("1.250 firms", "en", {"1.25"}),
        ("G20, COVID-19, A4", "en", set()),
    ],
)
def test_numbers_are_read_in_their_languages_notation(text, language, expected):
    assert numbers_in(text, language) == {Decimal(e) for e in expected}


def test_scale_words_make_the_same_quantity():
    assert scaled_in("12.5 billion ducats") == scaled_in("12 500 millions de ducats", "fr") == {Decimal("12.5E9")}
    assert scaled_in("46,2 tỷ USD", "vi") == {Decimal("46.2E9")}
    assert scaled_in("2 billions d'euros", "fr") == {Decimal("2E12")}  # a French billion is a million millions


@pytest.mark.parametrize(
    "language, day, month, number, money",
    [
        ("en", "1 September 2025", "June 2025", "5,557", "US$46.2 billion"),
        ("fr", "1er septembre 2025", "juin 2025", "5\u202f557", "US$46,2 billion"),
        ("vi", "ngày 1 tháng 9 năm 2025", "tháng 6 năm 2025", "5.557", "US$46,2 billion"),
    ],
)
def test_dates_and_numbers_are_formatted_for_the_language(language, day, month, number, money):
    assert format_date(PartialDate(2025, 9, 1), language=language) == day
    assert format_date(PartialDate(2025, 6), language=language) == month
    assert format_number(5557, language) == number
    assert format_quantity(46.2, "US$ billion", language) == money


# -- a Vietnamese brief from a Vietnamese article ---------------------------------------------------


@pytest.fixture(scope="module")
def vi_output(tmp_path_factory):
    out = tmp_path_factory.mktemp("vi")
    build(VI, out)
    return out


def test_a_vietnamese_brief_checks_and_builds_on_one_page(vi_output):
    assert errors(VI) == []
    reader = PdfReader(vi_output / "briefing.pdf")
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "46,2 tỷ USD" in text and "khoảng 630.000 người" in text and "hơn 78,6 tỷ USD" in text
    assert "ngày 1 tháng 9 năm 2025" in text
    html = (vi_output / "briefing.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in html


@pytest.mark.parametrize(
    "old, new",
    [
        ("đạt 46,2 tỷ USD, tăng", "đạt 46,3 tỷ USD, tăng"),  # a wrong figure in Vietnamese notation
        ("có 5.557 dự án đầu tư tại", "có 5.558 dự án đầu tư tại"),  # thousands written with a dot
        ("Khoảng 630.000 người", "630.000 người"),  # a dropped hedge (khoảng)
        ("Năm 2024, khoảng 710.000", "Năm ngoái, khoảng 710.000"),  # a relative date in a statement
    ],
)
def test_a_wrong_vietnamese_statement_is_caught(tmp_path, old, new):
    shutil.copytree(VI.parent, tmp_path / "vi")
    path = tmp_path / "vi" / "brief.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert errors(path), new


# -- a French brief from English articles -----------------------------------------------------------


def french_brief(folder: Path, text: str) -> Path:
    (folder / "sources").mkdir(parents=True)
    shutil.copy(JV_FACTS.parent / "sources" / "003_436ffd394aaf67b1.txt", folder / "sources" / "vov.txt")
    doc = {
        "title": "Relations Japon – Viêt Nam",
        "parties": ["Japon", "Viêt Nam"],
        "as_of": "2025-09-01",
        "language": "fr",
        "sources": {
            "vov": {
                "publisher": "VOV.VN",
                "title": "A further boost to Vietnam – Japan comprehensive strategic partnership",
                "published": "2025-04",
                "language": "en",
                "file": "sources/vov.txt",
            }
        },
        "facts": [
            {
                "id": "echanges-2024",
                "topic": "économie et commerce",
                "text": text,
                "source": "vov",
                "quote": "In 2024, two-way trade turnover reached US$46.2 billion, an increase of 2.7% compared to 2023.",
                "value": 46.2,
                "unit": "milliards de dollars US",
                "as_of": "2024",
                "label": "Échanges bilatéraux",
                "glance": True,
            },
            {
                "id": "investissements",
                "topic": "investissement",
                "text": "Au 31 mars 2025, le Japon comptait 5 557 projets d’investissement au Viêt Nam.",
                "source": "vov",
                "quote": "As of March 31, 2025, Japan had 5,557 valid investment projects in Vietnam",
                "value": 5557,
                "unit": "projets",
                "as_of": "2025-03-31",
            },
        ],
        "milestones": [
            {
                "id": "relations-1973",
                "date": "1973-09-21",
                "text": "Établissement des relations diplomatiques, le 21 septembre 1973.",
                "source": "vov",
                "quote": "Vietnam and Japan officially established diplomatic relations on September 21, 1973.",
            }
        ],
    }
    path = folder / "brief.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_french_statement_is_proven_by_an_english_quote(tmp_path):
    ok = french_brief(tmp_path / "ok", "En 2024, les échanges bilatéraux ont atteint 46,2 milliards de dollars US.")
    assert errors(ok) == []
    build(ok, tmp_path / "out")
    text = PdfReader(tmp_path / "out" / "briefing.pdf").pages[0].extract_text()
    assert "46,2 milliards de dollars US" in text and "1er septembre 2025" in text  # French typography
    scaled = french_brief(tmp_path / "scaled", "En 2024, les échanges ont atteint 46 200 millions de dollars US.")
    assert errors(scaled) == []


@pytest.mark.parametrize(
    "text, message",
    [
        ("En 2024, les échanges bilatéraux ont atteint 46,3 milliards de dollars US.", "46.3"),
        ("En 2022, les échanges bilatéraux ont atteint 46,2 milliards de dollars US.", "2022"),
        ("L’an dernier, les échanges ont atteint 46,2 milliards de dollars US.", "l’an dernier"),
    ],
)
def test_a_wrong_french_statement_is_caught(tmp_path, text, message):
    found = errors(french_brief(tmp_path, text))
    assert any(message in e for e in found), found


@pytest.mark.parametrize("language", ["en", "fr", "vi"])
def test_the_curated_file_builds_in_every_language(tmp_path, language):
    result = build(JV_FACTS, tmp_path / language, BuildOptions(language=language))
    assert result.pages["briefing"] == 1
    html = (tmp_path / language / "briefing.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}">' in html
    # The figures keep the fact file's notation: its unit "billion" is an English word, and a French
    # reader would take "46,2 billion" for 46.2 × 10¹² (Vietnamese "46,2 billion" is as wrong).
    sheet = (tmp_path / language / "factsheet.md").read_text(encoding="utf-8")
    if language == "fr":  # the file translates every figure's words into French: French notation
        assert "46,2 milliards de dollars US" in sheet and "46,2 billion" not in sheet
        briefing = (tmp_path / language / "briefing.md").read_text(encoding="utf-8")
        assert "# Relations Japon – Việt Nam" in briefing and "## Points clés" in briefing
        assert "46,2 milliards de dollars US" in briefing  # the glance box, in French notation
    else:
        assert "US$46.2 billion" in sheet and "46,2" not in sheet
    assert ("documents in" in " ".join(map(str, result.warnings))) == (language != "en")


def test_extract_and_coverage_read_the_articles_notation(runner):
    from factbrief.cli import app

    result = runner.invoke(
        app, ["extract", str(VI.parent / "sources" / "baochinhphu.txt"), "--source", "b", "--language", "vi"]
    )
    assert result.exit_code == 0, result.output
    stubs = yaml.safe_load(result.output)
    values = {s.get("value") for s in stubs}
    assert {46.2, 5557, 630000, 710000} <= values
    assert any(s.get("qualifier") == "khoảng" and s.get("value") == 630000 for s in stubs)
    coverage = runner.invoke(app, ["coverage", str(VI)])
    assert "'5.557'" not in coverage.output and "'46,2'" not in coverage.output  # covered, read whole


def test_fixed_words_come_from_the_languages_catalog(vi_output, tmp_path):
    briefing = (vi_output / "briefing.md").read_text(encoding="utf-8")
    assert "## Điểm chính" in briefing and "Bản tin ngoại giao" in briefing and "tính đến" in briefing
    page = PdfReader(vi_output / "briefing.pdf").pages[0].extract_text()
    assert "Trang 1 / 1" in page
    build(JV_FACTS, tmp_path / "fr", BuildOptions(language="fr", fmt="md"))
    fiche = (tmp_path / "fr" / "factsheet.md").read_text(encoding="utf-8")
    assert "## Chiffres clés" in fiche and "d’autres sources donnent" in fiche and "Fiche d’information" in fiche


def test_an_office_adds_a_language_with_a_catalog_of_its_own(tmp_path, runner):
    from factbrief.cli import app

    pot = runner.invoke(app, ["templates", "messages"])
    assert pot.exit_code == 0 and 'msgid "Key points"' in pot.output
    folder = tmp_path / "desk"
    shutil.copytree(JV_FACTS.parent, folder, ignore=shutil.ignore_patterns("*.pdf"))
    catalog = folder / "templates" / "locale" / "de" / "LC_MESSAGES" / "factbrief.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(
        pot.output.replace('msgid "Key points"\nmsgstr ""', 'msgid "Key points"\nmsgstr "Kernpunkte"'), encoding="utf-8"
    )
    build(folder / "japan-vietnam.yaml", tmp_path / "de", BuildOptions(language="de", fmt="md"))
    briefing = (tmp_path / "de" / "briefing.md").read_text(encoding="utf-8")
    assert "## Kernpunkte" in briefing and "1\\. September 2025" in briefing  # Babel's German date, escaped
    catalog.write_text('msgid "Key points"\nthis is not a catalog\n', encoding="utf-8")
    from factbrief.errors import TemplateError

    with pytest.raises(TemplateError, match="factbrief.po"):
        build(folder / "japan-vietnam.yaml", tmp_path / "de2", BuildOptions(language="de", fmt="md"))
    # A translation prints with no footnote, so it may not bring a number of its own.
    catalog.write_text('msgid "Key points"\nmsgstr "Die 5 Kernpunkte"\n', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"factbrief.po:1: the translation of 'Key points' adds the number 5"):
        build(folder / "japan-vietnam.yaml", tmp_path / "de3", BuildOptions(language="de", fmt="md"))
    assert not (tmp_path / "de3").exists()


@pytest.mark.parametrize(
    "unit, expected",
    [
        ("NOK million", "NOK\u00a0120 million"),
        ("million NOK", "NOK\u00a0120 million"),
        ("US$ million", "US$120 million"),
        ("USD million", "USD\u00a0120 million"),
        ("€ million", "€120 million"),
        ("KES billion", "KES\u00a0120 billion"),
        ("GW", "120 GW"),
        ("%", "120%"),
    ],
)
def test_currencies_go_before_the_number_whatever_the_currency(unit, expected):
    assert format_quantity(120, unit) == expected


@pytest.mark.parametrize("language", ["fr", "vi"])
def test_every_fixed_word_has_a_translation(language, runner):
    """Every word the templates and Factbrief write into documents is in the shipped catalogs."""
    import io

    from babel.messages.pofile import read_po

    from factbrief.cli import app
    from factbrief.templating.i18n import builtin_locale_dir

    pot = runner.invoke(app, ["templates", "messages"])
    wanted = [m.id for m in read_po(io.StringIO(pot.output)) if m.id]
    with open(builtin_locale_dir() / language / "LC_MESSAGES" / "factbrief.po", encoding="utf-8") as handle:
        catalog = read_po(handle)
    missing = [w for w in wanted if not (catalog.get(w) and catalog.get(w).string)]
    assert not missing and len(wanted) > 40


@pytest.mark.parametrize("language", ["en", "fr", "vi"])
def test_party_names_print_as_written_in_the_translated_purpose(tmp_path, language):
    """The default purpose joins the parties with a translated " and ": the names stay text
    ("Côte d'Ivoire", not "Côte d&#39;Ivoire"), in the Markdown and in the PDF."""
    project = tmp_path / "desk"
    shutil.copytree(ROOT / "src" / "factbrief" / "sample", project)
    fact_path = project / "brief.yaml"
    doc = yaml.safe_load(fact_path.read_text(encoding="utf-8"))
    doc["parties"] = ["Côte d'Ivoire", "Trinidad & Tobago"]
    doc["title"] = "Côte d'Ivoire – Trinidad & Tobago"
    fact_path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build(fact_path, tmp_path / "out", BuildOptions(language=language))
    parts = (tmp_path / "out" / "briefing.md").read_text(encoding="utf-8").split("\n\n")
    purpose = parts[next(i for i, p in enumerate(parts) if p.startswith("## ")) + 1]
    assert "Côte d'Ivoire" in purpose and "Tobago" in purpose, purpose
    assert "&#39;" not in purpose and "&amp;" not in purpose, purpose
    text = " ".join(PdfReader(tmp_path / "out" / "briefing.pdf").pages[0].extract_text().split())
    assert "Côte d'Ivoire" in text and "&#39;" not in text and "&amp;" not in text


# -- issue 28: word lists as data, CLDR and text2num, Spanish and German -------------------------

ES = ROOT / "tests" / "data" / "es" / "brief.yaml"
DE = ROOT / "tests" / "data" / "de" / "brief.yaml"


@pytest.mark.parametrize(
    ("path", "language", "headings", "note"),
    [
        (ES, "es", ("## Puntos clave", "## La relación en cifras", "## Cuestiones a vigilar"), "«"),
        (DE, "de", ("## Kernpunkte", "## Die Beziehungen in Zahlen", "## Zu beobachten"), "„"),
    ],
)
def test_spanish_and_german_briefs_check_and_build(tmp_path, path, language, headings, note):
    assert errors(path) == []
    build(path, tmp_path / "out", BuildOptions(fmt="md"))
    briefing = (tmp_path / "out" / "briefing.md").read_text(encoding="utf-8")
    assert all(h in briefing for h in headings), briefing
    assert f"]: {'Diario de prueba' if language == 'es' else 'Testzeitung'}, 28" in briefing and note in briefing


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        (ES, "text: Alrededor de 630.000 vietnamitas", "text: 630.000 vietnamitas", "“Alrededor de"),  # a hedge
        (ES, "text: En 2024, unos 710.000", "text: En 2023, unos 710.000", "2023"),  # "el año pasado" = 2024
        (
            ES,
            "firmaron cuatro acuerdos durante la visita del",
            "firmaron tres acuerdos durante la visita del",
            "“cuatro acuerdos”",
        ),
        (ES, "ambos gobiernos no habían firmado aún", "ambos gobiernos habían firmado", "denies it"),
        (DE, "text: Rund 630.000 Vietnamesen", "text: 630.000 Vietnamesen", "“Rund"),
        (DE, "text: Im Jahr 2024 besuchten", "text: Im Jahr 2023 besuchten", "2023"),  # "letztes Jahr" = 2024
        (
            DE,
            "von Ministerpräsident Ishiba vier Abkommen",
            "von Ministerpräsident Ishiba drei Abkommen",
            "“vier Abkommen”",
        ),
        (
            DE,
            "hatten beide Regierungen das Abkommen über die Metrolinie 2 in Hanoi noch nicht",
            "hatten beide Regierungen das Abkommen über die Metrolinie 2 in Hanoi",
            "denies it",
        ),
    ],
)
def test_spanish_and_german_meaning_words_are_read(tmp_path, path, old, new, expected):
    shutil.copytree(path.parent, tmp_path / "brief")
    brief = tmp_path / "brief" / "brief.yaml"
    text = brief.read_text(encoding="utf-8")
    assert old in text
    brief.write_text(text.replace(old, new), encoding="utf-8")
    found = errors(brief)
    assert any(expected in e for e in found), found


def test_word_lists_are_data_files_shipped_with_the_package():
    from importlib import resources

    folder = resources.files("factbrief.text.lexicon")
    for language in ("en", "fr", "vi", "es", "de"):
        data = yaml.safe_load((folder / f"{language}.yaml").read_text(encoding="utf-8"))
        assert {"hedges", "moods", "scales", "negations"} <= set(data), language


def test_relative_dates_come_from_cldr_for_any_locale():
    from factbrief.text.dates import evidence

    # Italian and Polish have no word list here: CLDR (through Babel) gives their relative dates.
    assert 2024 in evidence("L'anno scorso il commercio è cresciuto.", PartialDate(2025, 4), "it").years
    assert 2024 in evidence("W zeszłym roku handel wzrósł.", PartialDate(2025, 4), "pl").years
    assert 2023 in evidence("Hace 2 años se firmó el acuerdo.", PartialDate(2025, 4), "es").years
    assert 2026 in evidence("Nächstes Jahr wird das Abkommen unterzeichnet.", PartialDate(2025, 4), "de").years


def test_numbers_in_words_come_from_text2num_where_it_covers_the_language():
    from factbrief.text.numbers import spelled_in

    assert Decimal(25) in spelled_in("veinticinco proyectos", "es")[0]
    assert Decimal(25) in spelled_in("fünfundzwanzig Projekte", "de")[0]
    assert Decimal(4) in spelled_in("quattro accordi", "it")[0]
    assert spelled_in("un acuerdo", "es")[0] == set()  # "un" alone is an article


def test_an_office_extends_a_word_list_without_python(tmp_path, monkeypatch):
    from factbrief.text import lexicon
    from factbrief.text.numbers import hedge_class

    (tmp_path / "de.yaml").write_text("hedges:\n  about: [schätzungsweise]\n", encoding="utf-8")
    monkeypatch.setenv(lexicon.WORDS_ENV, str(tmp_path))
    for cached in (lexicon._data, lexicon.words, lexicon.number_words):
        cached.cache_clear()
    try:
        assert hedge_class("schätzungsweise", "de") == "about" and hedge_class("etwa", "de") == "about"
        (tmp_path / "de.yaml").write_text("hedgse: {}\n", encoding="utf-8")
        for cached in (lexicon._data, lexicon.words):
            cached.cache_clear()
        with pytest.raises(Exception, match="unknown key 'hedgse'"):
            lexicon.words("de")
    finally:
        monkeypatch.delenv(lexicon.WORDS_ENV)
        for cached in (lexicon._data, lexicon.words, lexicon.number_words):
            cached.cache_clear()


def test_french_documents_print_french_quotation_marks(tmp_path):
    ok = french_brief(tmp_path / "ok", "En 2024, les échanges bilatéraux ont atteint 46,2 milliards de dollars US.")
    build(ok, tmp_path / "out", BuildOptions(fmt="md"))
    briefing = (tmp_path / "out" / "briefing.md").read_text(encoding="utf-8")
    notes = briefing.split("[^1]:")[1]
    assert "\u00a0: «\u00a0" in notes and "\u00a0»" in notes and "“" not in notes  # no-break spaces


def test_the_sample_in_german_documents_passes_its_print_proof(project, tmp_path):
    """The sample's English statements printed in a German document: "12.5 billion ducats" keeps
    its scale word, which German number words read alone as 10¹² ("Billion"); after a figure in
    digits it is that figure's scale, and the print proof found no figure nothing proves."""
    from factbrief.text.numbers import spelled_numbers

    assert spelled_numbers("trade reached 12.5 billion ducats", "de") == []
    assert [s.value for s in spelled_numbers("zwei Milliarden und eine Billion", "de")] == [
        Decimal(2_000_000_000),
        Decimal(10**12),
    ]
    result = build(project, tmp_path / "out", BuildOptions(language="de", fmt="pdf"))
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "out" / "briefing.pdf").pages)
    assert result.pages["briefing"] == 1 and "12.5 billion" in text


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ('rank: "(?P<place>{ordinals}"\n', "fr.yaml: rank: not a regular expression"),
        ('rank: "(?P<pl>{ordinals})"\n', "fr.yaml: rank: the pattern needs a group (?P<place>{ordinals})"),
        ("ordinals: {centième: cent}\n", "fr.yaml: ordinals: expected word: place (a whole number)"),
        ("ordinals: {2: 2}\n", "fr.yaml: ordinals: expected word: place (a whole number)"),
        ('rank: "(?P<place>{ordinals})(?<={ordinals})"\n', "fr.yaml: rank: not a regular expression"),
    ],
)
def test_an_offices_bad_rank_words_are_one_line(project, tmp_path, monkeypatch, words, expected):
    from factbrief.text import lexicon

    (tmp_path / "fr.yaml").write_text(words, encoding="utf-8")
    monkeypatch.setenv(lexicon.WORDS_ENV, str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "factbrief", "check", str(project), "--language", "fr"],
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    assert any(expected in line for line in output.splitlines()), output


def test_an_office_adds_an_ordinal_and_its_places_are_held(tmp_path, monkeypatch):
    from factbrief.text import lexicon
    from factbrief.text.numbers import places_in, ranks_in

    (tmp_path / "fr.yaml").write_text("ordinals: {centième: 100}\n", encoding="utf-8")
    monkeypatch.setenv(lexicon.WORDS_ENV, str(tmp_path))
    for cached in (lexicon._data, lexicon.words):
        cached.cache_clear()
    from factbrief.text import numbers

    numbers._rank_words.cache_clear()
    try:
        assert [r.place for r in ranks_in("le centième partenaire", "fr")] == [100]
        assert places_in("le troisième investisseur et le 4e partenaire", "fr") == {3, 4}
    finally:
        monkeypatch.delenv(lexicon.WORDS_ENV)
        for cached in (lexicon._data, lexicon.words):
            cached.cache_clear()
        numbers._rank_words.cache_clear()


def test_an_offices_rank_pattern_that_takes_any_word_reads_only_ordinals(project, tmp_path, monkeypatch):
    """A pattern whose place takes any word ("nouveau partenaire") reads only the words that are
    ordinals: no traceback."""
    from factbrief.text import lexicon

    (tmp_path / "fr.yaml").write_text('rank: "(?P<place>\\w+)\\s+partenaire"\n', encoding="utf-8")
    monkeypatch.setenv(lexicon.WORDS_ENV, str(tmp_path))
    edit(
        project,
        "text: Sylvania is Freedonia’s second-largest trading partner.",
        "text: Sylvania is Freedonia’s second-largest trading partner.\n    translations: {fr: {text: La Sylvanie est un nouveau partenaire.}}",
    )
    result = subprocess.run(
        [sys.executable, "-m", "factbrief", "check", str(project), "--language", "fr"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
