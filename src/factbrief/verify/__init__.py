"""What ``check`` proves from the sources: quotes, figures, hedges, moods, dates, names, conflicts."""

from factbrief.verify.checks import ItemChecks, Verifier, one_run, parse_age, require_valid, verify
from factbrief.verify.conflicts import Conflict, describe_reading, find_conflicts, hidden_conflicts, same_quantity
from factbrief.verify.meaning import reported_done

__all__ = [
    "Conflict",
    "ItemChecks",
    "Verifier",
    "describe_reading",
    "find_conflicts",
    "hidden_conflicts",
    "one_run",
    "parse_age",
    "reported_done",
    "require_valid",
    "same_quantity",
    "verify",
]
