"""The house rules of the source tree (issue 21): a stage is entered through its package's seam.

Each package of ``src/factbrief`` names its public seam in its ``__init__`` (``__all__``). A module
of one package reaches another package only through that seam (``from factbrief.verify import
verify``, never ``from factbrief.verify.checks import verify``), so a package may rearrange its
modules without touching its callers. Two kinds of module are seams of their own: the modules of
``factbrief.text`` (``factbrief.text.numbers``, …), and the base modules every stage uses
(``factbrief.errors``, ``model``, ``files``, ``interrupt``). Within a package, modules import their
siblings by their full path, never through their own ``__init__``, which imports them (a cycle).

Which stage may import which is the layers contract in pyproject.toml (``make lint`` runs it).
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "factbrief"
BASE = {"errors", "model", "files", "interrupt"}  # factbrief.errors, …: each its own seam
OWN_SEAMS = {"text"}  # every module of factbrief.text is its own seam


def _name_of(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package_of(path: Path) -> str | None:
    """The package a module belongs to (``verify`` for factbrief/verify/checks.py); None at the top."""
    parts = path.relative_to(SRC).parts
    return parts[0] if len(parts) > 1 else None


def _is_package(name: str) -> bool:
    return (SRC / name / "__init__.py").is_file()


def _is_module(package: str, name: str) -> bool:
    return (SRC / package / f"{name}.py").is_file() or (SRC / package / name / "__init__.py").is_file()


@cache
def seam(package: str) -> frozenset[str]:
    """The names a package's ``__init__`` lists in ``__all__``."""
    tree = ast.parse((SRC / package / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return frozenset(ast.literal_eval(node.value))
    return frozenset()


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """Every import of a factbrief module: (line, the module imported from, the names it takes)."""
    found: list[tuple[int, str, list[str]]] = []
    here = _name_of(path).split(".") if path.name == "__init__.py" else _name_of(path).split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append((node.lineno, module, [alias.name for alias in node.names]))
    return [(line, module, names) for line, module, names in found if module.split(".")[0] == "factbrief"]


def _broken_rule(path: Path, module: str, names: list[str]) -> str | None:
    """Why an import breaks the house rules, or None."""
    own = _package_of(path)
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in BASE or not _is_package(parts[1]):
        return None  # factbrief itself (its version), a base module, a top-level module
    target = parts[1]
    if target == own:
        if path.name != "__init__.py" and len(parts) == 2 and not all(_is_module(own, n) for n in names):
            return f"imports {', '.join(names)} through its own package's __init__ (import the sibling module)"
        return None
    if target in OWN_SEAMS:
        return None if len(parts) == 3 or all(_is_module(target, n) for n in names) else f"reaches into {module}"
    if len(parts) > 2:
        return f"reaches past the seam of factbrief.{target} (import from factbrief.{target})"
    outside = [n for n in names if n not in seam(target)]
    if outside:
        return f"takes {', '.join(outside)}, which factbrief.{target}'s __all__ does not name"
    return None


def test_every_import_between_packages_goes_through_the_seam():
    broken = [
        f"{path.relative_to(SRC.parent)}:{line}: {module} — {why}"
        for path in sorted(SRC.rglob("*.py"))
        for line, module, names in _imports(path)
        if (why := _broken_rule(path, module, names)) is not None
    ]
    assert not broken, "\n".join(broken)


def test_the_rules_see_imports():
    """The test above reads real imports, in functions too, and would refuse a reach past a seam."""
    imports = {module for path in SRC.rglob("*.py") for _line, module, _names in _imports(path)}
    assert {"factbrief.verify", "factbrief.text.numbers", "factbrief.errors"} <= imports
    assert _broken_rule(SRC / "render" / "lint.py", "factbrief.verify.checks", ["verify"])
    assert _broken_rule(SRC / "render" / "lint.py", "factbrief.verify", ["Proof"])
    assert _broken_rule(SRC / "verify" / "checks.py", "factbrief.verify", ["verify"])
    assert _broken_rule(SRC / "verify" / "checks.py", "factbrief.verify.meaning", ["MeaningChecks"]) is None
    assert _broken_rule(SRC / "render" / "lint.py", "factbrief.text.numbers", ["FIGURE_RE"]) is None
