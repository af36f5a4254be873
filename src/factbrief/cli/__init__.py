"""The command line: thin commands that parse options and call one public function each; a
FactbriefError becomes its lines and exit code in one place (cli/command.py)."""

from factbrief.cli import building, curating, project  # noqa: F401 - each module registers its commands
from factbrief.cli.app import app

__all__ = ["app"]
