"""`python -m factbrief`: the same as the `factbrief` command."""

from factbrief.cli import app

app(prog_name="factbrief")
