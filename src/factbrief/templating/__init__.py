"""The templates' world: the one sandboxed Jinja environment, its filters, budgets, translations,
where printed strings came from (provenance), and the starting points users copy."""

from factbrief.templating import provenance
from factbrief.templating.budget import OUTPUT_CHARS, TemplateBudgetExceeded, template_budget
from factbrief.templating.environment import DOC_SUFFIX, builtin_template_dir, make_environment, template_dirs
from factbrief.templating.filters import capitalised, label_of
from factbrief.templating.i18n import catalog_template, translations
from factbrief.templating.provenance import META, Meta, Span
from factbrief.templating.scaffold import copy_template, default_fact_file, init_project, list_templates

__all__ = [
    "DOC_SUFFIX",
    "META",
    "OUTPUT_CHARS",
    "Meta",
    "Span",
    "TemplateBudgetExceeded",
    "builtin_template_dir",
    "capitalised",
    "catalog_template",
    "copy_template",
    "default_fact_file",
    "init_project",
    "label_of",
    "list_templates",
    "make_environment",
    "provenance",
    "template_budget",
    "template_dirs",
    "translations",
]
