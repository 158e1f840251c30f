"""The actor knowledge base: countries, people, organisations, sector nouns, epithets.

Loaded once from the TSV tables under ``eventwire/data/actors/`` (built by
``scripts/build_actors.py`` from the Phoenix dictionaries and ``additions.yaml``), then a
user's own YAML file is merged over it. Besides countries, capitals, places, seats and known
actors, the name index holds peoples (ethnic, religious and national groups, one hit per
country they live in), names dated by period (a town that changed country) and seas named
after a country that are no country's (``peoples.tsv``); ``words.yaml`` holds the resolver's
small word lists (language nouns, "foreign" modifiers, attack nouns). Every name is indexed by its normalised word tuple
so that resolving a phrase is a handful of dict lookups.

Code scheme: ``country`` is ISO 3166-1 alpha-3 (Kosovo: the user-assigned XKX); ``code`` is
the Phoenix/CAMEO 2.0 country code (which follows ISO alpha-3; Kosovo KSV) followed by the
sector (``USAGOV``, ``PRKMIL``), or the Phoenix code of an international body (``IGOUNO``,
``IGOWSTNAT``, ``IGOUNOIAE``) or group (``NGO...``, ``IMG...``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spacy.lang.en.stop_words import STOP_WORDS

from ..errors import ConfigError

#: The shipped tables (built by scripts/build_actors.py).
DATA = Path(__file__).resolve().parent.parent / "data" / "actors"
SECTORS = frozenset({"GOV", "MIL", "SPY", "REB", "OPP", "IGO", "NGO", "BUS", "MED", "CVL", "JUD", "LEG", "POL", "COP"})
_SPLIT = re.compile(r"[\s\-–]+")
_NOTWORD = re.compile(r"[.'’`\"(),]")


@dataclass(frozen=True)
class Role:
    """One (possibly date-bounded) role of a known actor."""

    code: str | None
    country: str | None
    sector: str | None
    title: str | None = None
    start: str = ""
    """ISO date the role begins, or "" (always)."""
    end: str = ""
    """ISO date the role ends, or "" (still held)."""

    def active(self, date: str | None) -> bool:
        """True when ``date`` (ISO, may be a datetime) falls within the role."""
        if date is None:
            return not self.end
        day = date[:10]
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)


@dataclass
class KnownActor:
    """A person or organisation the knowledge base knows."""

    id: str
    canonical: str
    roles: list[Role] = field(default_factory=list)
    source: str = "kb"
    """Where it came from: "kb" (shipped) or the user's file path."""

    def role(self, date: str | None) -> Role | None:
        """The role held on ``date``; without a date, the latest role."""
        if not self.roles:
            return None
        if date is None:
            return max(self.roles, key=lambda r: (not r.end, r.end, r.start, r.sector is not None))
        active = [r for r in self.roles if r.active(date)]
        if active:
            return max(active, key=lambda r: (r.sector is not None, bool(r.start or r.end), r.start))
        # out of office: keep the country of the nearest role, but no sector
        near = min(self.roles, key=lambda r: abs(_days(r.start or r.end, date)))
        return Role(code=near.country, country=near.country, sector=None, title=None)


def _days(a: str, b: str) -> int:
    try:
        return (int(a[:4]) - int(b[:4])) * 366 + (int(a[5:7]) - int(b[5:7])) * 31 + int(a[8:10]) - int(b[8:10])
    except ValueError:
        return 10**6


@dataclass(frozen=True)
class Country:
    iso3: str
    code: str
    name: str


@dataclass(frozen=True)
class NameHit:
    """What a name in the index stands for."""

    kind: str
    """"country" (name, adjective, demonym), "capital", "place", "seat", "actor",
    "surname" (an actor's bare surname: used only where the text marks a person), "people"
    (an ethnic, religious or national group coded by a country it lives in: one hit per
    home, the likeliest first) or "feature" (a sea or region named after a country but no
    country's: "South China Sea")."""
    country: str | None = None
    sector: str | None = None
    actor: KnownActor | None = None
    start: str = ""
    """ISO date from which the name means this ("" : always); for renamed and split states."""
    end: str = ""
    """ISO date until which the name means this ("" : still)."""

    def active(self, date: str | None) -> bool:
        """True when the hit holds on ``date`` (ISO; None: today, so only open-ended hits)."""
        if not (self.start or self.end):
            return True
        if date is None:
            return not self.end
        day = date[:10]
        return (not self.start or self.start <= day) and (not self.end or day < self.end)


def words(text: str) -> tuple[str, ...]:
    """Normalise a name to its key: words split on spaces and hyphens, dots and quotes dropped.

    Short all-capital words (acronyms: "US", "WHO") keep their case so that they never
    match the ordinary words "us" and "who"; every other word is lower-cased.
    """
    out = []
    for raw in _SPLIT.split(text.strip()):
        if raw.lower() in ("'s", "’s"):
            continue
        w = _NOTWORD.sub("", raw.removesuffix("'s").removesuffix("’s"))
        if not w:
            continue
        out.append(w if (w.isupper() and len(w) <= 5 and w.isalpha()) else w.lower())
    if out and out[0] == "the" and len(out) > 1:
        out = out[1:]
    return tuple(out)


class KnowledgeBase:
    """Indexes over the actor tables; see the module docstring for the code scheme."""

    def __init__(self) -> None:
        self.countries: dict[str, Country] = {}
        self.names: dict[tuple[str, ...], list[NameHit]] = {}
        self.agents: dict[tuple[str, ...], str] = {}
        self.agent_openers: set[str] = set()
        """First words of the sector-noun phrases: a word not among them opens none."""
        self.words: dict[str, frozenset[str]] = {}
        """Word lists of ``words.yaml`` (``not_actor_nouns``, ``foreign_modifiers``, ...)."""
        self.epithets: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}
        self.actors: dict[str, KnownActor] = {}
        self.max_len = 1
        self.version = ""
        # The shipped tables are read as raw lines and parsed on first use, so that loading
        # stays well under a second: a document touches a few dozen of ~47,000 names.
        self._raw_names: dict[str, str] = {}
        # values are plain strings: the garbage collector does not track them, so the large
        # raw tables add nothing to every collection's work
        self._raw_actors: dict[str, str] = {}

    # -- building -------------------------------------------------------------------
    def add_name(self, name: str, hit: NameHit) -> None:
        """Index ``name``; the first hit of a kind wins, so earlier sources take priority."""
        key = words(name)
        if not key or (len(key) == 1 and key[0] in STOP_WORDS):
            return
        hits = self.names.setdefault(key, [])
        if hit.actor is not None:
            if any(h.actor is hit.actor for h in hits):
                return
        elif any(h.kind == hit.kind and h.country == hit.country and h.start == hit.start for h in hits):
            return
        hits.append(hit)
        self.max_len = max(self.max_len, len(key))

    def add_actor(self, actor: KnownActor, aliases: Iterable[str]) -> None:
        """Register a known actor under its canonical name and aliases."""
        self.actors[actor.id] = actor
        for name in (actor.canonical, *aliases):
            self.add_name(name, NameHit("actor", actor=actor))

    def add_agent(self, key: tuple[str, ...], sector: str) -> None:
        """Register a sector-noun phrase (lower-case words: ``("riot", "police")`` -> COP)."""
        self.agents[key] = sector
        if key:
            self.agent_openers.add(key[0])

    def code(self, country: str | None, sector: str | None) -> str | None:
        """The eventwire code for a country and sector (``KOR`` + ``SPY`` -> ``KORSPY``)."""
        if country is None:
            return None
        c = self.countries.get(country)
        return (c.code if c else country) + (sector or "")

    # -- lookups --------------------------------------------------------------------
    def hits(self, key: tuple[str, ...]) -> list[NameHit]:
        """The hits indexed under exactly ``key`` (parsing raw shipped rows on first use)."""
        hits = self.names.get(key)
        if hits is None:
            raw = self._raw_names.pop(" ".join(key), None)
            if raw is None:
                return []
            hits = self.names[key] = [self._hit(row) for row in raw.split("|")]
        return hits

    def _hit(self, row: str) -> NameHit:
        kind, country, sector, actor_id, *dates = row.split(",")
        start, end = dates if dates else ("", "")
        return NameHit(kind, country or None, sector or None, self.actor(actor_id) if actor_id else None, start, end)

    def actor(self, actor_id: str) -> KnownActor | None:
        """The known actor with this id (parsing its raw rows on first use)."""
        known = self.actors.get(actor_id)
        if known is None:
            rows = self._raw_actors.pop(actor_id, None)
            if rows is None:
                return None
            fields = [row.split("\t") for row in rows.split("\n")]
            known = KnownActor(id=actor_id, canonical=fields[0][0])
            for _, code, country, sector, title, start, end in fields:
                known.roles.append(Role(code or None, country or None, sector or None, title or None, start, end))
            self.actors[actor_id] = known
        return known

    def lookup(self, key: tuple[str, ...]) -> list[NameHit]:
        """Hits for a word tuple (as made by ``words``), trying the lower-cased form too."""
        hits = self.hits(key)
        if hits:
            return hits
        low = tuple(w.lower() for w in key)
        if low != key and not (len(low) == 1 and low[0] in STOP_WORDS):
            return self.hits(low)
        return []


def _rows(path: Path | Any) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as fh:
        next(fh)  # version line
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)  # header
        yield from reader


def load_shipped(base: Path = DATA) -> KnowledgeBase:
    """Load the tables shipped in ``eventwire/data/actors`` (names come pre-indexed).

    Rows are kept raw and parsed on first use (see ``KnowledgeBase.hits``).
    """
    kb = _load_tables(base, lazy=True)
    raw = kb._raw_names
    for line in _lines(base / "names.tsv"):
        key, _, rest = line.partition("\t")
        raw[key] = rest
    kb.max_len = max(key.count(" ") for key in raw) + 1
    return kb


def _lines(path: Path) -> Iterator[str]:
    """Data lines of a shipped table (after the version and header lines), without newlines."""
    with path.open(encoding="utf-8") as fh:
        next(fh)
        next(fh)
        for line in fh:
            yield line.rstrip("\n")


def index_names(base: Path = DATA) -> KnowledgeBase:
    """Load the tables and index every name from scratch (slow; ``build_actors.py`` uses it to write names.tsv)."""
    kb = _load_tables(base)
    aliases = {}
    surnames = {}
    for id_, alias_text, surname in _rows(base / "aliases.tsv"):
        aliases[id_] = alias_text.split("|") if alias_text else []
        surnames[id_] = surname
    seat_rows = []
    for iso3, code, name, names, capitals, places, seats in _rows(base / "countries.tsv"):
        for n in names.split("|") if names else ():
            kb.add_name(n, NameHit("country", country=iso3))
        for n in capitals.split("|") if capitals else ():
            kb.add_name(n, NameHit("capital", country=iso3, sector="GOV"))
        seat_rows.append((iso3, seats, places))
    for iso3, seats, places in seat_rows:
        for item in seats.split("|") if seats else ():
            phrase, _, sector = item.rpartition("=")
            kb.add_name(phrase, NameHit("seat", country=iso3, sector=sector or None))
        for n in places.split("|") if places else ():
            kb.add_name(n, NameHit("place", country=iso3))
    peoples = _rows(base / "peoples.tsv") if (base / "peoples.tsv").exists() else iter(())
    for phrase, kind, country, start, end in peoples:
        kb.add_name(phrase, NameHit(kind, country=country or None, sector="GOV" if kind == "capital" else None,
                                    start=start, end=end))
    for id_, actor in kb.actors.items():
        kb.add_actor(actor, aliases.get(id_, []))
    for id_, surname in surnames.items():
        if surname:
            kb.add_name(surname, NameHit("surname", actor=kb.actors[id_]))
    return kb


def _load_tables(base: Path, *, lazy: bool = False) -> KnowledgeBase:
    kb = KnowledgeBase()
    with (base / "countries.tsv").open(encoding="utf-8") as fh:
        found = re.search(r"\bv(\d+)", fh.readline())
        kb.version = f"v{found.group(1)}" if found else ""
    for iso3, code, name, *_ in _rows(base / "countries.tsv"):
        kb.countries[iso3] = Country(iso3, code, name)
    raw_actors = kb._raw_actors
    for line in _lines(base / "actors.tsv"):
        id_, _, rest = line.partition("\t")
        if id_ in raw_actors:
            raw_actors[id_] += "\n" + rest
        else:
            raw_actors[id_] = rest
    if not lazy:
        for id_ in list(raw_actors):
            kb.actor(id_)
    for phrase, sector in _rows(base / "agents.tsv"):
        kb.add_agent(tuple(phrase.split()), sector)
    if (base / "words.yaml").exists():
        lists = yaml.load((base / "words.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
        kb.words = {name: frozenset(str(w) for w in items) for name, items in lists.items()}
    for phrase, country, context in _rows(base / "epithets.tsv"):
        kb.epithets[words(phrase) if not phrase.startswith("the ") else tuple(phrase.split())] = (
            country,
            tuple(context.split("|")) if context else (),
        )
    return kb


def write_names(kb: KnowledgeBase, path: Path, header: str) -> None:
    """Write the name index (``build_actors.py``): one line per key, its hits in priority order.

    Each hit is ``kind,country,sector,actor id`` (then ``,start,end`` for a dated one); hits
    are separated by ``|``.
    """
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(header)
        fh.write("key\thits (kind,country,sector,actor|...)\n")
        for key, hits in kb.names.items():
            cells = [f"{h.kind},{h.country or ''},{h.sector or ''},{h.actor.id if h.actor else ''}"
                     + (f",{h.start},{h.end}" if h.start or h.end else "") for h in hits]
            if "\t" not in " ".join(key):
                fh.write(" ".join(key) + "\t" + "|".join(cells) + "\n")


def merge_user_file(kb: KnowledgeBase, path: Path) -> None:
    """Merge a user's YAML actor file over the knowledge base (user entries win).

    The file is a list of actors, or a mapping with ``actors`` and optional ``agents``::

        actors:
          - name: Moon Jae-in
            aliases: [President Moon]
            roles:
              - {code: KORGOV, title: President, start: 2017-05-10, end: 2022-05-09}
          - {name: Acme Corp, code: USABUS}
        agents:
          coast guard: MIL
    """
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"actors file {path}: {exc}") from exc
    items = data if isinstance(data, list) else data.get("actors", []) or []
    agents = {} if isinstance(data, list) else data.get("agents", {}) or {}
    for n, item in enumerate(items):
        if not isinstance(item, dict) or "name" not in item:
            raise ConfigError(f"actors file {path}: entry {n + 1} needs a 'name'")
        roles_data = item.get("roles") or [{k: item[k] for k in ("code", "country", "sector", "title", "start", "end") if k in item}]
        roles = [user_role(kb, r, path) for r in roles_data]
        actor = KnownActor(id=f"user:{n}", canonical=str(item["name"]), roles=roles, source=str(path))
        # user entries go first: insert their hits ahead of the shipped ones
        for name in (actor.canonical, *item.get("aliases", [])):
            key = words(str(name))
            if key:
                kb.hits(key)  # materialise the shipped hits so the user's go in front of them
                kb.names.setdefault(key, []).insert(0, NameHit("actor", actor=actor))
                kb.max_len = max(kb.max_len, len(key))
        kb.actors[actor.id] = actor
    for phrase, sector in agents.items():
        kb.add_agent(tuple(str(phrase).lower().split()), str(sector))


def user_role(kb: KnowledgeBase, data: dict[str, Any], path: Path | str) -> Role:
    """Build a Role from a user's mapping; ``code`` may imply country and sector."""
    code = str(data.get("code") or "") or None
    country = data.get("country")
    sector = data.get("sector")
    if code and not country and len(code) >= 3 and not code.startswith(("IGO", "NGO", "IMG")):
        prefix = code[:3]
        country = next((c.iso3 for c in kb.countries.values() if c.code == prefix), prefix)
    if code and not sector:
        tail = code[3:6]
        sector = "IGO" if code.startswith("IGO") else "NGO" if code.startswith("NGO") else tail if tail in SECTORS else None
    if sector is not None and sector not in SECTORS:
        raise ConfigError(f"actors file {path}: unknown sector {sector!r} (one of {', '.join(sorted(SECTORS))})")
    if code is None and country:
        code = kb.code(str(country), sector)
    return Role(code, country, sector, data.get("title"), str(data.get("start") or ""), str(data.get("end") or ""))
