"""Read a fact file: YAML text → typed model, every problem reported with its file and line.

yamlnodes.py parses the text strictly; fields.py reads each value by its field's type; this
module knows the sections of format 1 (the root, page, sources, facts, milestones, ignored).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from yaml.nodes import MappingNode, Node, SequenceNode

from factbrief.errors import FactFileError, Problem
from factbrief.factfile.fields import NULLS, FieldReader, named
from factbrief.factfile.yamlnodes import is_plain, kind_of, line_of, parse_yaml
from factbrief.files import MAX_FACT_FILE_BYTES, InputFileError, read_input
from factbrief.model import Citation, Fact, FactFile, Ignored, Milestone, Names, Source, Translation
from factbrief.text.dates import parse_age
from factbrief.text.lexicon import words as word_lists
from factbrief.text.locales import known_language
from factbrief.text.numbers import MOOD_ACCEPTS, as_decimal, hedge_of, moods_before, status_for

FORMAT_VERSION = 1
SHA256_SYNTAX = re.compile(r"^[0-9a-fA-F]{64}$")
# BCP 47, as far as documents need it: a language, an optional script and region ("vi", "pt-BR", "zh-Hant-TW").
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$")
_ANY_CASE_TAG = re.compile(r"^([a-z]{2,3})(?:[-_]([a-z]{4}))?(?:[-_]([a-z]{2}|\d{3}))?$", re.I)


def language_tag(text: str) -> str | None:
    """A BCP 47 tag in its canonical case ("EN" → "en", "pt-br" → "pt-BR", "zh-hant-tw" →
    "zh-Hant-TW"): tags are case-insensitive; None if it is not one."""
    m = _ANY_CASE_TAG.match(text.strip())
    if not m:
        return None
    language, script, region = m.groups()
    return "-".join(p for p in (language.lower(), script and script.title(), region and region.upper()) if p)


_LENGTH = r"(\d{1,4}(?:\.\d+)?)(mm|cm|in|pt)"
_PAGE_PATTERNS = {
    "size": (
        rf"(?:A[3-6]|B[4-5]|letter|legal|{_LENGTH} {_LENGTH})(?: (?:portrait|landscape))?",
        "A4, letter, legal or two lengths",
    ),
    "margin": (rf"{_LENGTH}(?: {_LENGTH}){{0,3}}", "one to four lengths such as 18mm 16mm"),
    "font_size": (r"\d{1,2}(?:\.\d+)?pt", "a size in points such as 9.5pt"),
    "font_family": (r"[A-Za-z0-9 \-]{1,60}", "a font family name such as DejaVu Serif"),
}
_MM_PER = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}
# Page setup a printer can print: sizes from a business card to A0, margins under a third of A6.
_PAGE_LIMITS = {"size": (50.0, 1200.0), "margin": (0.0, 35.0)}
_FONT_SIZE_PT = (5.0, 24.0)

FACT_OPTIONAL = (
    "value",
    "unit",
    "qualifier",
    "status",
    "as_of",
    "metric",
    "label",
    "priority",
    "glance",
    "watch",
    "preferred",
    "note",
    "also",
    "translations",
    "ask",
    "deliverable",
    "point",
    "sentence",
    "stale_after",
)
# What a fact's and a milestone's translations may give (``translations: {fr: {text: …}}``).
FACT_TRANSLATED = ("text", "label", "unit", "qualifier", "status", "note", "point")
MILESTONE_TRANSLATED = ("text",)
# What the file's own translations may give: names by what they translate, and the heading's texts.
NAME_MAPS = ("topics", "units", "parties", "qualifiers", "statuses")
HEADING_FIELDS = ("title", "subtitle", "purpose", "marking")


def load_fact_file(path: Path | str) -> FactFile:
    """Load and validate a fact file; raise FactFileError listing every problem found."""
    path = Path(path)
    display = display_path(path)
    try:
        data = read_input(path, MAX_FACT_FILE_BYTES)
    except InputFileError as exc:
        reason = "no such fact file" if exc.reason == "does not exist" else f"the fact file {exc.reason}"
        raise FactFileError(Problem(display, None, reason)) from None
    root = parse_yaml(data, display)
    fields = FieldReader(display)
    fact_file = read_root(fields, root, path)
    if fields.problems:  # in the file's order, whatever order the fields were read in
        raise FactFileError(sorted(fields.problems, key=lambda p: p.line or 0))
    assert fact_file is not None
    return fact_file


def display_path(path: Path) -> str:
    """The path as messages show it: relative to the current folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)


def read_root(f: FieldReader, root: MappingNode, path: Path) -> FactFile | None:
    keys = f.mapping(
        root,
        "fact file",
        required=("title", "parties", "as_of", "sources", "facts", "milestones"),
        optional=(
            "format",
            "subtitle",
            "marking",
            "purpose",
            "language",
            "page",
            "ignored",
            "office",
            "translations",
            "max_age",
        ),
    )
    if keys is None:
        return None
    if "format" in keys:
        version = f.number(keys["format"], "format")
        if version is not None and version != FORMAT_VERSION:
            f.problem(keys["format"], f"format {version} is not supported (expected {FORMAT_VERSION})")
    title = f.text(keys.get("title"), "title")
    parties = f.items(keys.get("parties"), "parties", lambda n, w: f.text(n, w))
    if "parties" in keys and isinstance(keys["parties"], SequenceNode) and len(parties) < 2:
        f.problem(keys["parties"], f"parties lists {len(parties)} name(s) (expected two or more)")
    as_of = f.date(keys.get("as_of"), "as_of", full=True)
    folder = path.resolve().parent
    sources = read_sources(f, keys.get("sources"), folder)
    facts = f.items(keys.get("facts"), "facts", lambda n, w: read_fact(f, n, w, parties))
    max_age = read_age(f, keys.get("max_age"), "max_age")
    milestones = f.items(keys.get("milestones"), "milestones", lambda n, w: read_milestone(f, n, w))
    ignored = f.items(keys.get("ignored"), "ignored", lambda n, w: read_ignored(f, n, w))
    language = read_language(f, keys.get("language"))
    facts = [stated_in_text(fact, language) for fact in facts]
    optional = {k: f.text(keys.get(k), k, required=False) for k in ("subtitle", "marking", "purpose", "office")}
    page = read_page(f, keys.get("page"))
    names = read_names(f, keys.get("translations"))
    if f.problems or title is None or as_of is None:
        return None
    return FactFile(
        path=path.resolve(),
        display=f.display,
        title=title,
        parties=parties,
        as_of=as_of.start,
        sources=sources,
        facts=facts,
        milestones=milestones,
        language=language,
        page=page,
        ignored=ignored,
        lines={k: line_of(v) for k, v in keys.items()},
        names=names,
        max_age_days=max_age,
        **optional,
    )


def read_age(f: FieldReader, node: Node | None, where: str) -> int | None:
    """An age such as ``6m``, ``400d`` or ``2y``, in days."""
    value = f.text(node, where, required=False)
    if value is None:
        return None
    try:
        return parse_age(value)
    except ValueError as exc:
        f.problem(node, f"{where}: {exc}")
        return None


def read_point(f: FieldReader, node: Node | None, where: str) -> tuple[bool, str | None]:
    """``point: true`` (say the fact's sentence) or ``point: <the line to say>``."""
    if node is None:
        return False, None
    if is_plain(node) and node.value in ("true", "false"):
        return node.value == "true", None
    text = f.text(node, where)
    return text is not None, text


def read_language(f: FieldReader, node: Node | None, where: str = "language") -> str:
    value = f.text(node, where, required=False)
    if value is None:
        return "en"
    tag = language_tag(value)
    if tag is None:
        f.problem(node, f"{where} '{value}' is not a language tag (expected BCP 47, such as en, vi, fr or pt-BR)")
        return "en"
    return tag


def read_translation_language(f: FieldReader, node: Node, where: str) -> str | None:
    """A translation's language: a BCP 47 tag that Babel has locale data for."""
    value = f.text(node, where)
    if value is None:
        return None
    tag = language_tag(value)
    if tag is None or not known_language(tag):
        f.problem(node, f"{where}: '{value}' is not a language Babel knows (expected BCP 47, such as fr, es or pt-BR)")
        return None
    return tag


def read_translations(
    f: FieldReader, node: Node | None, where: str, allowed: tuple[str, ...]
) -> tuple[Translation, ...]:
    """``translations: {fr: {text: …, label: …}, es: {…}}``: each language's fields, each read as
    the original field is (a statement: visible characters, numbers in digits)."""
    if node is None:
        return ()
    if not isinstance(node, MappingNode):
        f.problem(node, f"{where}.translations is a {kind_of(node)} (expected a mapping from language to fields)")
        return ()
    out: list[Translation] = []
    seen: set[str] = set()
    for key_node, value_node in node.value:
        language = read_translation_language(f, key_node, f"{where}.translations")
        if language is None:
            continue
        if language in seen:
            f.problem(key_node, f"{where}.translations: duplicate language '{language}'")
            continue
        seen.add(language)
        w = f"{where}.translations.{language}"
        keys = f.mapping(value_node, w, (), allowed)
        if keys is None:
            continue
        if not keys and isinstance(value_node, MappingNode) and not value_node.value:
            f.problem(value_node, f"{w} gives no field (expected one of: {', '.join(allowed)})")
            continue
        if not keys:
            continue
        given = {k: f.text(v, f"{w}.{k}") for k, v in keys.items()}
        out.append(Translation(language, line_of(key_node), **{k: v for k, v in given.items() if v is not None}))
    return tuple(out)


def read_names(f: FieldReader, node: Node | None) -> dict[str, Names]:
    """The top-level ``translations: {fr: {topics: {name: nom}, units: {…}}}``."""
    if node is None:
        return {}
    if not isinstance(node, MappingNode):
        f.problem(node, f"translations is a {kind_of(node)} (expected a mapping from language to topics and units)")
        return {}
    out: dict[str, Names] = {}
    for key_node, value_node in node.value:
        language = read_translation_language(f, key_node, "translations")
        if language is None:
            continue
        if language in out:
            f.problem(key_node, f"translations: duplicate language '{language}'")
            continue
        keys = f.mapping(value_node, f"translations.{language}", (), (*NAME_MAPS, *HEADING_FIELDS))
        if keys is None:
            continue
        heading = {k: f.text(keys.get(k), f"translations.{language}.{k}") for k in HEADING_FIELDS if k in keys}
        found: dict[str, dict[str, str]] = {}
        for part in NAME_MAPS:
            where = f"translations.{language}.{part}"
            part_node = keys.get(part)
            found[part] = {}
            if part_node is None:
                continue
            if not isinstance(part_node, MappingNode):
                f.problem(part_node, f"{where} is a {kind_of(part_node)} (expected a mapping from name to translation)")
                continue
            for name_node, translated_node in part_node.value:
                name = f.text(name_node, f"{where} key")
                translated = f.text(translated_node, f"{where}.{name}")
                if name is None or translated is None:
                    continue
                if name in found[part]:
                    f.problem(name_node, f"{where}: duplicate name '{name}'")
                found[part][name] = translated
        out[language] = Names(
            language,
            line_of(key_node),
            found["topics"],
            found["units"],
            found["parties"],
            found["qualifiers"],
            found["statuses"],
            {k: v for k, v in heading.items() if v is not None},
        )
    return out


def read_page(f: FieldReader, node: Node | None) -> dict[str, str]:
    """Page setup, each value checked against a strict pattern (it is written into CSS) and a printable range."""
    if node is None:
        return {}
    keys = f.mapping(node, "page", (), tuple(_PAGE_PATTERNS))
    out = {}
    for key, value_node in (keys or {}).items():
        value = f.text(value_node, f"page.{key}")
        if value is None:
            continue
        pattern, expected = _PAGE_PATTERNS[key]
        if not re.fullmatch(pattern, value):
            f.problem(value_node, f"page.{key} '{value}' is not allowed (expected {expected})")
            continue
        problem = _out_of_range(key, value)
        if problem:
            f.problem(value_node, f"page.{key} '{value}' {problem}")
            continue
        out[key] = value
    return out


def _out_of_range(key: str, value: str) -> str | None:
    if key == "font_size":
        size = float(value.removesuffix("pt"))
        low, high = _FONT_SIZE_PT
        return None if low <= size <= high else f"is not a printable size (expected {low:g}pt to {high:g}pt)"
    if key in _PAGE_LIMITS:
        low, high = _PAGE_LIMITS[key]
        for number, unit in re.findall(_LENGTH, value):
            mm = float(number) * _MM_PER[unit]
            if not low <= mm <= high:
                return f"is outside what prints (each length {low:g}mm to {high:g}mm)"
    return None


def read_sources(f: FieldReader, node: Node | None, folder: Path) -> dict[str, Source]:
    if node is None or is_plain(node) and node.value in NULLS:
        return {}  # `sources:` with nothing under it yet: `factbrief add` fills it in
    if not isinstance(node, MappingNode):
        f.problem(node, f"sources is a {kind_of(node)} (expected a mapping from source id to publisher, title, file)")
        return {}
    out: dict[str, Source] = {}
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        sid = f.ident(key_node, "source id")
        if sid is None:
            continue
        if sid in seen:
            f.problem(key_node, f"sources: duplicate key '{sid}' (first given at line {seen[sid]})")
            continue
        seen[sid] = line_of(key_node)
        where = f"sources.{sid}"
        keys = f.mapping(
            value_node, where, ("publisher", "title", "file"), ("published", "url", "language", "sha256", "captured")
        )
        if keys is None:
            continue
        publisher = f.text(keys.get("publisher"), f"{where}.publisher")
        title = f.text(keys.get("title"), f"{where}.title")
        file_text = f.text(keys.get("file"), f"{where}.file")
        published = f.date(keys.get("published"), f"{where}.published")
        url = f.text(keys.get("url"), f"{where}.url", required=False)
        language = read_language(f, keys.get("language"), f"{where}.language") if "language" in keys else None
        sha256 = read_sha256(f, keys.get("sha256"), where, sid)
        captured = f.date(keys.get("captured"), f"{where}.captured", full=True)
        if publisher and title and file_text:
            out[sid] = Source(
                id=sid,
                publisher=publisher,
                title=title,
                file=(folder / file_text),
                file_text=file_text,
                line=line_of(key_node),
                published=published,
                url=url,
                language=language,
                sha256=sha256,
                captured=captured,
            )
    return out


def read_sha256(f: FieldReader, node: Node | None, where: str, sid: str) -> str | None:
    """A source's fingerprint: 64 hex digits, as `factbrief add` and `factbrief accept` write it."""
    value = f.text(node, f"{where}.sha256", required=False)
    if value is not None and not SHA256_SYNTAX.match(value):
        f.problem(
            node, f"{where}.sha256 is not a SHA-256 digest (expected 64 hex digits; `factbrief accept {sid}` writes it)"
        )
        return None
    return value.lower() if value else None


def read_citation(f: FieldReader, keys: dict[str, Node], where: str) -> Citation | None:
    source = f.ident(keys.get("source"), f"{where}.source")
    quote = f.text(keys.get("quote"), f"{where}.quote", statement=False)
    if source is None or quote is None:
        return None
    return Citation(source=source, quote=quote, line=line_of(keys["quote"]), source_line=line_of(keys["source"]))


def read_also(f: FieldReader, node: Node | None, where: str) -> tuple[Citation, ...]:
    def one(item: Node, w: str) -> Citation | None:
        keys = f.mapping(item, w, ("source", "quote"), ())
        return None if keys is None else read_citation(f, keys, w)

    return tuple(f.items(node, f"{where}.also", one))


def read_fact(f: FieldReader, node: Node, where: str, parties: list[str] | None = None) -> Fact | None:
    where = named(node, "fact", where)
    keys = f.mapping(node, where, required=("id", "topic", "text", "source", "quote"), optional=FACT_OPTIONAL)
    if keys is None:
        return None
    fid = f.ident(keys.get("id"), f"{where}.id")
    topic = f.text(keys.get("topic"), f"{where}.topic")
    text = f.text(keys.get("text"), f"{where}.text")
    citation = read_citation(f, keys, where)
    # Every field is read (each mistake reported) before a missing one drops the fact.
    value = f.number(keys.get("value"), f"{where}.value")
    unit = f.text(keys.get("unit"), f"{where}.unit", required=False)
    qualifier = f.text(keys.get("qualifier"), f"{where}.qualifier", required=False)
    status = f.text(keys.get("status"), f"{where}.status", required=False)
    as_of = f.date(keys.get("as_of"), f"{where}.as_of")
    metric = f.ident(keys.get("metric"), f"{where}.metric") if "metric" in keys else None
    label = f.text(keys.get("label"), f"{where}.label", required=False)
    priority = f.integer(keys.get("priority"), f"{where}.priority", 1, 9) if "priority" in keys else None
    glance = f.boolean(keys.get("glance"), f"{where}.glance")
    watch = f.boolean(keys.get("watch"), f"{where}.watch")
    preferred = f.boolean(keys.get("preferred"), f"{where}.preferred")
    note = f.text(keys.get("note"), f"{where}.note", required=False)
    also = read_also(f, keys.get("also"), where)
    translated = read_translations(f, keys.get("translations"), where, FACT_TRANSLATED)
    ask = f.text(keys.get("ask"), f"{where}.ask", required=False)
    if ask is not None and parties and ask not in parties:
        f.problem(keys["ask"], f"{where}.ask '{ask}' is not one of the parties ({', '.join(parties)})")
    deliverable = f.boolean(keys.get("deliverable"), f"{where}.deliverable")
    point, point_text = read_point(f, keys.get("point"), f"{where}.point")
    for tr in translated:
        if tr.point is not None and point_text is None:
            f.problem(
                keys["translations"],
                f"{where}.translations.{tr.language}.point: the fact gives no point line to translate (point: <the line>)",
            )
    sentence = f.boolean(keys.get("sentence"), f"{where}.sentence")
    stale_after = read_age(f, keys.get("stale_after"), f"{where}.stale_after")
    if fid is None or topic is None or text is None or citation is None:
        return None
    return Fact(
        id=fid,
        topic=topic,
        text=text,
        citation=citation,
        line=line_of(node),
        value=value,
        unit=unit,
        qualifier=qualifier,
        status=status,
        as_of=as_of,
        metric=metric,
        label=label,
        priority=priority,
        glance=glance,
        watch=watch,
        preferred=preferred,
        note=note,
        also=also,
        translations=translated,
        ask=ask,
        deliverable=deliverable,
        point=point,
        point_text=point_text,
        point_line=line_of(keys["point"]) if point_text is not None else None,
        sentence=sentence,
        stale_after=stale_after,
    )


def stated_in_text(fact: Fact, language: str) -> Fact:
    """A hedge or mood the statement writes next to its value is the value's qualifier or status
    ("More than 800 enterprises …" with value 800: qualifier "more than"; "is expected to reach
    US$5 billion": status "expected"): said once, in the text, and printed wherever the value is."""
    if fact.value is None or (fact.qualifier and fact.status):
        return fact
    value = as_decimal(fact.value)
    qualifier, status = fact.qualifier, fact.status
    if qualifier is None:
        hedge, said = hedge_of(fact.text, value, language) or (None, None)
        if hedge and hedge != "reaching" and said:
            qualifier = word_lists(language).hedges[hedge][0]  # "exceeded 1.25" prints "more than 1.25"
    if status is None:
        moods = moods_before(fact.text, value, language)
        # The mood every other accepts: "a proposed flight would carry" is proposed, not expected.
        fitting = [(m, said) for m, said in moods.items() if all(m in MOOD_ACCEPTS.get(o, {o}) for o in moods)]
        if fitting:
            status = status_for(*fitting[0])
    if (qualifier, status) == (fact.qualifier, fact.status):
        return fact
    return dataclasses.replace(fact, qualifier=qualifier, status=status)


def read_milestone(f: FieldReader, node: Node, where: str) -> Milestone | None:
    where = named(node, "milestone", where)
    keys = f.mapping(
        node,
        where,
        required=("id", "date", "text", "source", "quote"),
        optional=("topic", "also", "short", "translations"),
    )
    if keys is None:
        return None
    mid = f.ident(keys.get("id"), f"{where}.id")
    date = f.date(keys.get("date"), f"{where}.date")
    text = f.text(keys.get("text"), f"{where}.text")
    citation = read_citation(f, keys, where)
    topic = f.text(keys.get("topic"), f"{where}.topic", required=False)
    also = read_also(f, keys.get("also"), where)
    short = f.text(keys.get("short"), f"{where}.short", required=False)
    translated = read_translations(f, keys.get("translations"), where, MILESTONE_TRANSLATED)
    if mid is None or date is None or text is None or citation is None:
        return None
    return Milestone(
        id=mid,
        date=date,
        text=text,
        citation=citation,
        line=line_of(node),
        topic=topic,
        also=also,
        translations=translated,
        short=short,
    )


def read_ignored(f: FieldReader, node: Node, where: str) -> Ignored | None:
    keys = f.mapping(node, where, required=("source", "figure", "quote", "reason"), optional=())
    if keys is None:
        return None
    source = f.ident(keys.get("source"), f"{where}.source")
    figure = f.text(keys.get("figure"), f"{where}.figure")
    quote = f.text(keys.get("quote"), f"{where}.quote", statement=False)
    reason = f.text(keys.get("reason"), f"{where}.reason")
    if source is None or figure is None or quote is None or reason is None:
        return None
    return Ignored(source=source, figure=figure, quote=quote, reason=reason, line=line_of(node))
