"""Scorers on the development sets under ``<shared>/eval``, one module per task.

Each scorer module has ``run(shared: Path, *, model: str, limit: int | None) -> Report``.
``eventwire eval NAME`` looks NAME up in ``SCORERS`` and prints the report.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SharedDataMissing
from ..records import Event

#: scorer name -> module under eventwire.evaluate
SCORERS = {
    "plover": "plover",
    "actors": "actors",
    "timex": "timex",
    "geo": "geo",
    "petrarch": "petrarch",
    "quotes": "quotes",
    "noise": "noise",
}


#: Names that run several scorers: every one, or the three that judge a change to event
#: coding (the PLOVER folds in-distribution; PETRARCH's tests and BBC noise out of it).
GROUPS = {"all": list(SCORERS), "coding": ["plover", "petrarch", "noise"]}


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


def extract_events(
    texts: list[str], dates: list[str | None], *, model: str = "md", actors_file: Path | None = None,
    calibrate: bool = True, verbs_file: Path | None = None,
) -> Iterator[list[Event] | str]:
    """Run the product's own pipeline over evaluation texts, in order.

    Scorers go through ``Pipeline`` (cleaning, parse, actors, dates, places, events)
    so that what is scored is exactly what ``eventwire extract`` gives a user;
    ``calibrate=False`` gives events their raw confidence, for fitting the calibration.

    Yields:
        Each text's events, or the reason the pipeline refused or failed it (a one-line string).
    """
    from ..config import load_settings
    from ..pipeline import Pipeline
    from ..records import Document, Extraction

    # replace() ignores None, so without actors_file (verbs_file) the user's own setting stays in force.
    settings = load_settings().replace(model=model, actors_file=actors_file, calibrate=calibrate, verbs_file=verbs_file)
    pipeline = Pipeline(settings)
    documents = [Document(text=t, date=d, origin=f"item {i + 1}") for i, (t, d) in enumerate(zip(texts, dates))]
    for outcome in pipeline.run(documents):
        yield outcome.events if isinstance(outcome, Extraction) else getattr(outcome, "message", str(outcome))


def run(name: str, shared: Path, *, model: str = "md", limit: int | None = None, **options: Any) -> Report:
    """Run the scorer called ``name``; ``options`` are that scorer's own (plover: ``folds``)."""
    if name not in SCORERS:
        raise KeyError(name)
    module = importlib.import_module(f"{__name__}.{SCORERS[name]}")
    report: Report = module.run(shared, model=model, limit=limit, **options)
    return report
