"""The template reference (docs/templates.md): generated from the code, up to date, complete."""

from __future__ import annotations

import dataclasses

import jinja2
from jinja2 import meta

from conftest import MINIMAL, ROOT
from factbrief.cli import app
from factbrief.factfile.load import load_fact_file
from factbrief.render.citations import Footnotes
from factbrief.render.context import Context
from factbrief.render.document import document_variables
from factbrief.render.reference import UNDOCUMENTED, template_classes, template_reference
from factbrief.templating.environment import builtin_template_dir, make_environment


def test_docs_templates_md_is_up_to_date(runner):
    """Regenerate with `make docs` (factbrief templates reference > docs/templates.md)."""
    generated = runner.invoke(app, ["templates", "reference"]).output
    assert generated == template_reference()
    assert (ROOT / "docs" / "templates.md").read_text(encoding="utf-8") == generated


def test_every_name_a_template_gets_is_documented():
    reference = template_reference()
    assert UNDOCUMENTED not in reference
    ff = load_fact_file(MINIMAL)
    names = document_variables(Context(ff), Footnotes(ff), "briefing")
    for name in names:
        assert f"| `{name}` |" in reference or f"| `{name}(" in reference, name
    env = make_environment()
    for name in [*env.filters, *env.tests, *env.globals]:
        assert f"`{name}`" in reference, name


def test_every_field_of_every_data_class_is_documented():
    reference = template_reference()
    classes = {cls.__name__ for cls in template_classes()}
    assert {"Doc", "SourceInfo", "Fact", "Milestone", "Citation", "PartialDate"} <= classes
    assert {"Topic", "Engagements", "Conflict", "Fit"} <= classes
    for cls in template_classes():
        section = reference.split(f"### {cls.__name__}\n", 1)[1].split("\n### ", 1)[0]
        for field in dataclasses.fields(cls):
            assert f"| `{field.name}` |" in section, (cls.__name__, field.name)
    assert "| `qualifier` | `str \\| None` | the hedge printed before the value" in reference
    assert "| `title` | `text` | The name capitalised, for headings" in reference  # Topic's property


def test_the_built_in_templates_use_only_documented_names():
    """Every name the built-in templates read (besides their own {% set %}s) is in the reference."""
    reference = template_reference()
    env = make_environment()
    for path in sorted(builtin_template_dir().glob("*.md.j2")):
        source = path.read_text(encoding="utf-8")
        assigned = {n.target.name for n in env.parse(source).find_all(jinja2.nodes.Assign)}
        imported = env.parse(source).find_all(jinja2.nodes.FromImport)  # macros of a shared file
        assigned |= {n if isinstance(n, str) else n[-1] for i in imported for n in i.names}
        for name in meta.find_undeclared_variables(env.parse(source)) - assigned:
            assert f"`{name}" in reference, (path.name, name)
