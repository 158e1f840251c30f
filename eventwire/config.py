"""Settings: defaults, then an ``eventwire.toml`` file, then environment variables.

Environment variables win over the file, the file over the defaults:

    EVENTWIRE_MODEL        spaCy pipeline: "md" (default), "sm", an installed package name or a path
    EVENTWIRE_SHARED       the shared data folder (default ../shared, relative to the working directory)
    EVENTWIRE_DB           the default store: a SQLite file (default eventwire.db) or a postgresql:// URL
    EVENTWIRE_MAX_BYTES    largest document accepted, in bytes (default 2,000,000)
    EVENTWIRE_MAX_CHARS    longest text processed after cleaning, in characters (default 200,000)
    EVENTWIRE_BATCH_SIZE   documents per nlp.pipe batch (default 32)
    EVENTWIRE_ACTORS_FILE  a user's own actor file, merged over the shipped knowledge base
    EVENTWIRE_VERBS_FILE   a user's own triggers (YAML, or a TABARI/PETRARCH verbs file), added to the lexicon
    EVENTWIRE_CALIBRATE    "false" gives events their raw confidence score, not the calibrated probability
    EVENTWIRE_RELEVANCE_FLOOR    documents less relevant than this keep only strong events (default 0.25)
    EVENTWIRE_STRONG_CONFIDENCE  the confidence a strong event needs (default 0.85)
    EVENTWIRE_CONFIG       the TOML file to read (default ./eventwire.toml if present)
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Settings:
    model: str = "md"
    """spaCy pipeline: "md", "sm", an installed package name, or a path to a saved pipeline."""
    shared: Path = Path("../shared")
    """Folder with eval/, corpus/ and reference/ (read only)."""
    db: Path | str = Path("eventwire.db")
    """The store: a SQLite file, or a PostgreSQL URL (postgresql://user@host:5432/db), kept as a string."""
    max_bytes: int = 2_000_000
    """Documents larger than this are refused with a TooLarge error (an article is rarely over 100 kB)."""
    max_chars: int = 200_000
    """A cleaned text longer than this is refused with a TooLong error ("too_long"), before it is parsed.

    The parse runs in bounded pieces (``nlp.pipe``), so memory stays flat, but the event stage's time grows
    faster than the text: measured here at 200,000 characters (about 30,000 words, ten times a long article)
    one document takes 13 s and the process 760 MB at peak; at 500,000, 44 s and 826 MB."""
    batch_size: int = 32
    actors_file: Path | None = None
    """Extra actors (YAML), merged over the shipped knowledge base."""
    relevance_floor: float = 0.25
    """A document whose relevance is below this keeps only strong events (``extract/relevance.py``); 0 keeps all.

    0.25 lies between a document with no signal at all (0.18) and one that names a country in
    every sentence without a political word (0.38), so single news sentences keep their events."""
    strong_confidence: float = 0.85
    """A strong event, kept below the relevance floor: at least this confidence (a calibrated probability) and an
    IGO/NGO, or a person or group with a country and a sector, as source or target."""
    verbs_file: Path | None = None
    """Extra event triggers: YAML in the lexicon's format or a TABARI/PETRARCH verbs dictionary; eventwire's own win."""
    calibrate: bool = True
    """Event confidence as a calibrated probability (``extract/event_calibration.py``); False keeps the raw score."""

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with some settings changed (None values are ignored)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


_ENV = {
    "model": "EVENTWIRE_MODEL",
    "shared": "EVENTWIRE_SHARED",
    "db": "EVENTWIRE_DB",
    "max_bytes": "EVENTWIRE_MAX_BYTES",
    "max_chars": "EVENTWIRE_MAX_CHARS",
    "batch_size": "EVENTWIRE_BATCH_SIZE",
    "actors_file": "EVENTWIRE_ACTORS_FILE",
    "relevance_floor": "EVENTWIRE_RELEVANCE_FLOOR",
    "strong_confidence": "EVENTWIRE_STRONG_CONFIDENCE",
    "verbs_file": "EVENTWIRE_VERBS_FILE",
    "calibrate": "EVENTWIRE_CALIBRATE",
}
_BOOLEANS = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


def _coerce(name: str, value: Any) -> Any:
    kind = {f.name: f.type for f in dataclasses.fields(Settings)}[name]
    if name == "db" and str(value).startswith(("postgresql://", "postgres://")):
        return str(value)  # a URL: Path() would fold its "//"
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if str(value).strip().lower() not in _BOOLEANS:
            raise ConfigError(f"setting {name!r}: cannot use {value!r}: say true or false")
        return _BOOLEANS[str(value).strip().lower()]
    try:
        if "float" in str(kind):
            return _fraction(name, float(value))
        if "int" in str(kind):
            return _positive(name, int(value))
        if "Path" in str(kind):
            return Path(value).expanduser()
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: cannot use {value!r}: {exc}") from exc
    return str(value)


def _positive(name: str, value: int) -> int:
    """A setting that is a count or a size (every int setting is): a whole number of at least 1."""
    if value < 1:
        raise ConfigError(f"setting {name!r}: {value} is not a whole number of at least 1")
    return value


def _fraction(name: str, value: float) -> float:
    """A setting that is a fraction (every float setting is): a number in [0, 1]."""
    if not 0.0 <= value <= 1.0:
        raise ConfigError(f"setting {name!r}: {value} is not a number from 0 to 1")
    return value


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """Read settings from defaults, a TOML file and the environment."""
    values: dict[str, Any] = {}
    file = Path(path or os.environ.get("EVENTWIRE_CONFIG", "eventwire.toml"))
    if file.is_file():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{file}: {exc}") from exc
        section = data.get("eventwire", data)
        for key, value in section.items():
            if key not in _ENV:
                raise ConfigError(f"{file}: unknown setting {key!r} (known: {', '.join(_ENV)})")
            values[key] = _coerce(key, value)
    for key, env in _ENV.items():
        if env in os.environ and os.environ[env] != "":
            values[key] = _coerce(key, os.environ[env])
    return Settings(**values)
