"""The fact file: strict YAML → the typed model (every node keeps its line), and edits in place."""

from factbrief.factfile.edit import FactText, check_editable, insert_source, scalar, set_field
from factbrief.factfile.fields import ID_SYNTAX, NULLS
from factbrief.factfile.load import LANGUAGE_TAG, display_path, language_tag, load_fact_file
from factbrief.factfile.yamlnodes import NUMBER_SYNTAX

__all__ = [
    "ID_SYNTAX",
    "LANGUAGE_TAG",
    "NULLS",
    "NUMBER_SYNTAX",
    "FactText",
    "check_editable",
    "display_path",
    "insert_source",
    "language_tag",
    "load_fact_file",
    "scalar",
    "set_field",
]
