"""Statements in the reader's language (issue 28): a fact's translations are loaded with their
lines, proven against the same quote as the statement, and printed where the documents are in
their language, the items left in the original language named."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factbrief.build import BuildOptions, build, check
from factbrief.errors import FactFileError
from factbrief.factfile import load_fact_file
from factbrief.text.formatting import format_number

ARTICLE = (
    "In 2024, two-way trade turnover reached US$46.2 billion, an increase of 2.7% compared to 2023.\n"
    "More than 2,000 Japanese firms are expected to invest next year.\n"
    "Japan will provide a loan of 1.5 billion yen for the metro line.\n"
    "The two countries did not sign the agreement on 12 March 2025.\n"
)


def trade(**translation: str) -> dict:
    return {
        "id": "trade",
        "topic": "economy and trade",
        "text": "In 2024, two-way trade reached US$46.2 billion.",
        "source": "gaz",
        "quote": "In 2024, two-way trade turnover reached US$46.2 billion",
        "value": 46.2,
        "unit": "US$ billion",
        "as_of": 2024,
        "label": "Two-way trade",
        "priority": 1,
        "glance": True,
        "translations": {
            "fr": {
                "text": "En 2024, le commerce bilatéral a atteint 46,2 milliards de dollars US.",
                "label": "Commerce bilatéral",
                **translation,
            }
        },
    }


FIRMS = {
    "id": "firms",
    "topic": "economy and trade",
    "text": "More than 2,000 Japanese firms are expected to invest in 2026.",
    "source": "gaz",
    "quote": "More than 2,000 Japanese firms are expected to invest next year.",
    "priority": 1,
    "translations": {"fr": {"text": "Plus de 2 000 entreprises japonaises devraient investir en 2026."}},
}
LOAN = {
    "id": "loan",
    "topic": "economy and trade",
    "text": "Japan will provide a loan of 1.5 billion yen for the metro line.",
    "source": "gaz",
    "quote": "Japan will provide a loan of 1.5 billion yen for the metro line.",
    "priority": 2,
    "translations": {"fr": {"text": "Le Japon accordera un prêt de 1,5 milliard de yens pour le métro."}},
}
SIGN = {
    "id": "sign",
    "date": "2025-03-12",
    "text": "The two countries did not sign the agreement.",
    "source": "gaz",
    "quote": "The two countries did not sign the agreement on 12 March 2025.",
    "translations": {"fr": {"text": "Les deux pays n’ont pas signé l’accord."}},
}
NAMES = {
    "fr": {
        "topics": {"economy and trade": "économie et commerce"},
        "units": {"US$ billion": "milliards de dollars US"},
        "parties": {"Japan": "Japon"},
        "title": "Relations Japon – Việt Nam",
    }
}


def fact_file(folder: Path, facts: list[dict], milestones: list[dict] | None = None, names=None) -> Path:
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "gaz.txt").write_text(ARTICLE, encoding="utf-8")
    data = {
        "title": "Japan – Việt Nam relations",
        "parties": ["Japan", "Việt Nam"],
        "as_of": "2025-09-01",
        "sources": {
            "gaz": {"publisher": "Gazette", "title": "Trade", "published": "2025-04-28", "file": "sources/gaz.txt"}
        },
        "facts": facts,
        "milestones": [SIGN] if milestones is None else milestones,
    }
    if names is not None:
        data["translations"] = names
    path = folder / "brief.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def errors(path: Path) -> list[str]:
    _ff, findings = check(path)
    return [f.message for f in findings if f.level == "error"]


def test_translations_are_loaded_with_their_language_and_line(tmp_path):
    ff = load_fact_file(fact_file(tmp_path, [trade(), FIRMS], names=NAMES))
    (tr,) = ff.facts[0].translations
    assert (tr.language, tr.label) == ("fr", "Commerce bilatéral")
    lines = (tmp_path / "brief.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[tr.line - 1].strip() == "fr:"
    assert ff.names["fr"].topics == {"economy and trade": "économie et commerce"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"xx": {"text": "Bla."}}, "'xx' is not a language Babel knows"),
        ({"fr": {"txet": "Bla."}}, "unknown key 'txet'"),
        ({"fr": {"text": "Le commerce\u200b a atteint 46,2 milliards."}}, "hidden characters"),
        ({"fr": {}}, "gives no field"),
    ],
)
def test_a_bad_translation_is_one_line_naming_file_and_line(tmp_path, change, expected):
    fact = trade()
    fact["translations"] = change
    with pytest.raises(FactFileError) as info:
        load_fact_file(fact_file(tmp_path, [fact]))
    message = str(info.value)
    assert expected in message and "brief.yaml:" in message and "\n" not in message.strip()


def test_good_translations_are_proven_across_notations(tmp_path):
    """46,2 milliards = US$46.2 billion; 1,5 milliard = 1.5 billion; 2 000 = 2,000."""
    assert errors(fact_file(tmp_path, [trade(), FIRMS, LOAN], names=NAMES)) == []


@pytest.mark.parametrize(
    ("fact", "text", "expected"),
    [
        (trade(), "En 2024, le commerce bilatéral a atteint 46,3 milliards de dollars US.", "number 46.3"),
        (trade(), "En 2024, le commerce bilatéral a atteint 46,2 millions de dollars US.", "at another scale"),
        (trade(), "En 2023, le commerce bilatéral a atteint 46,2 milliards de dollars US.", "date “2023”"),
        (FIRMS, "2 000 entreprises japonaises devraient investir en 2026.", "must keep it"),
        (FIRMS, "Plus de 2 000 entreprises japonaises ont investi en 2026.", "reports it as expected"),
        (FIRMS, "Plus de 2 000 entreprises japonaises devraient investir l’an prochain.", "only makes sense"),
        (LOAN, "Le Japon accordera un prêt de 1,5 billion de yens pour le métro.", "at another scale"),
    ],
)
def test_a_translation_that_changes_the_meaning_is_refused(tmp_path, fact, text, expected):
    fact = {**fact, "translations": {"fr": {**fact["translations"]["fr"], "text": text}}}
    found = errors(fact_file(tmp_path, [fact]))
    assert any(f"'{fact['id']}' (fr)" in e and expected in e for e in found), found


def test_a_unit_translation_at_another_scale_is_refused(tmp_path):
    names = {"fr": {**NAMES["fr"], "units": {"US$ billion": "millions de dollars US"}}}
    found = errors(fact_file(tmp_path, [trade()], names=names))
    assert any("(fr)" in e and "at another scale" in e for e in found), found


@settings(max_examples=25, deadline=None)
@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1))
def test_a_translation_whose_figure_differs_from_the_quote_is_refused(figure):
    """Whatever the figure, written in French notation: only the quote's 46.2 passes."""
    written = format_number(figure, "fr")
    with tempfile.TemporaryDirectory() as folder:
        fact = trade(text=f"En 2024, le commerce bilatéral a atteint {written} milliards de dollars US.")
        found = errors(fact_file(Path(folder), [fact], names=NAMES))
    if figure == Decimal("46.2"):
        assert found == []
    else:
        assert any("(fr)" in e for e in found), (written, found)


def test_build_in_french_prints_the_translations_and_names_what_it_could_not(tmp_path):
    untranslated = {**FIRMS, "id": "firms-en"}
    del untranslated["translations"]
    # sentence: the glance box prints the statement, not the bare figure
    path = fact_file(tmp_path, [{**trade(), "sentence": True}, FIRMS, untranslated], names=NAMES)
    result = build(path, tmp_path / "out", BuildOptions(fmt="md", language="fr"))
    briefing = (tmp_path / "out" / "briefing.md").read_text(encoding="utf-8")
    factsheet = (tmp_path / "out" / "factsheet.md").read_text(encoding="utf-8")
    assert "# Relations Japon – Việt Nam" in briefing
    assert "En 2024, le commerce bilatéral a atteint 46,2 milliards de dollars US." in briefing
    assert "46,2 milliards de dollars US" in factsheet and "Économie et commerce" in factsheet
    assert "Les deux pays n’ont pas signé l’accord." in (tmp_path / "out" / "milestones.md").read_text("utf-8")
    warned = [w.message for w in result.warnings if w.level == "warning"]
    assert any("1 item(s) have no 'fr' translation" in w and "fact 'firms-en'" in w for w in warned), warned


def test_figures_keep_the_fact_files_notation_unless_every_unit_is_translated(tmp_path):
    path = fact_file(tmp_path, [trade(), FIRMS])  # no translation of "US$ billion"
    result = build(path, tmp_path / "out", BuildOptions(fmt="md", language="fr"))
    factsheet = (tmp_path / "out" / "factsheet.md").read_text(encoding="utf-8")
    assert "US$46.2 billion" in factsheet and "46,2 billion" not in factsheet
    # the text is translated; the warning says only the unit is not, and where to give it
    warned = [w.message for w in result.warnings if w.level == "warning"]
    assert any(
        "have their text in 'fr' but a word of their figure only in 'en'" in w
        and "fact 'trade' (unit 'US$ billion')" in w
        and "units" in w
        for w in warned
    ), warned
    assert not any("have no 'fr' translation" in w and "'trade'" in w for w in warned), warned


def test_english_documents_print_the_original(tmp_path):
    path = fact_file(tmp_path, [{**trade(), "sentence": True}, FIRMS], names=NAMES)
    build(path, tmp_path / "out", BuildOptions(fmt="md"))
    briefing = (tmp_path / "out" / "briefing.md").read_text(encoding="utf-8")
    assert "In 2024, two-way trade reached US$46.2 billion." in briefing and "milliards" not in briefing


@pytest.mark.parametrize(
    "line, refused",
    [
        ("Les échanges ont atteint 46,2 milliards de dollars US en 2024.", None),
        ("Les échanges ont atteint 48,2 milliards de dollars US en 2024.", "(fr) (point): number"),
    ],
)
def test_a_talking_points_line_is_translated_and_proven(tmp_path, line, refused):
    """`translations: fr: point:` is the French talking point, held to the same quote."""
    fact = {**trade(point=line), "point": "Trade reached US$46.2 billion in 2024."}
    path = fact_file(tmp_path, [fact, FIRMS], names=NAMES)
    found = errors(path)
    if refused is not None:
        assert any(refused in e for e in found), found
        return
    assert found == []
    build(path, tmp_path / "out", BuildOptions(fmt="md", language="fr"))
    said = (tmp_path / "out" / "talking-points.md").read_text(encoding="utf-8")
    assert line.removesuffix(".") in said and "Trade reached" not in said


def test_a_point_translation_needs_a_point_line(tmp_path):
    path = fact_file(tmp_path, [trade(point="Les échanges ont atteint 46,2 milliards.")])
    with pytest.raises(FactFileError) as info:
        load_fact_file(path)
    assert "translations.fr.point: the fact gives no point line to translate" in info.value.lines()[0]


@pytest.mark.parametrize("topic", ["troisième pilier : économie et commerce", "économie et commerce (2e pilier)"])
def test_a_topics_translation_names_no_place_of_its_own(tmp_path, topic):
    """A heading carries no note: its translation may not add a place ("troisième")."""
    names = {"fr": {**NAMES["fr"], "topics": {"economy and trade": topic}}}
    found = errors(fact_file(tmp_path, [trade()], names=names))
    assert any("does not give the figures of 'economy and trade'" in e for e in found), found
