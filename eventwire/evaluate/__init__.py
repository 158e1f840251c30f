"""Scorers on the development sets under ``<shared>/eval``, one module per task.

Each scorer module has ``run(shared: Path, *, model: str, limit: int | None) -> Report``.
``eventwire eval NAME`` looks NAME up in ``SCORERS`` and prints the report.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SharedDataMissing

#: scorer name -> module under eventwire.evaluate
SCORERS = {
    "plover": "plover",
    "actors": "actors",
    "timex": "timex",
    "geo": "geo",
    "petrarch": "petrarch",
}


@dataclass
class Report:
    """What a scorer measured."""

    name: str
    figures: dict[str, float] = field(default_factory=dict)
    """Headline numbers, e.g. {"type_micro_f1": 0.71}."""
    lines: list[str] = field(default_factory=list)
    """A readable breakdown (per type, per set) printed under the figures."""

    def format(self) -> str:
        out = [f"== {self.name} =="]
        out += [f"{k:<32} {v:.4f}" if isinstance(v, float) else f"{k:<32} {v}" for k, v in self.figures.items()]
        if self.lines:
            out.append("")
            out += self.lines
        return "\n".join(out)


def require(path: Path, what: str) -> Path:
    """Return ``path`` if it exists, else raise SharedDataMissing naming it."""
    if not path.exists():
        raise SharedDataMissing(
            f"{what} not found at {path}; point --shared (or EVENTWIRE_SHARED) at the shared data folder"
        )
    return path


def run(name: str, shared: Path, *, model: str = "md", limit: int | None = None) -> Report:
    """Run the scorer called ``name``."""
    if name not in SCORERS:
        raise KeyError(name)
    module = importlib.import_module(f"{__name__}.{SCORERS[name]}")
    report: Report = module.run(shared, model=model, limit=limit)
    return report
