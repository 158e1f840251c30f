"""Place mentions resolved to the gazetteer, and where each event happened.

Mentions come from four sources, longest first where they overlap:

- datelines written in capitals at the start of a line ("WINNIPEG —", "PLEASANTON,
  Calif. --"), with the state after them, read by pattern since spaCy rarely tags them;
- the multi-word news features of ``data/places/extra.yaml`` ("Russia's far east", "the
  Korean peninsula"), found by one regex;
- spaCy's GPE, LOC and FAC entities, NORP entities that are demonyms ("Turkish" ->
  Turkey, "European" -> Europe), and two-word PERSON entities that are exactly a state's
  or country's name (spaCy's "Tamil Nadu");
- a scan of runs of capitalised proper nouns that spaCy missed or put inside another
  entity: a whole run counts if it names a country, state, capital, town over 100,000,
  region or listed feature, or a town in a state the article's sure places lie in
  ("Parkland" in a Florida story); a part of a run only if it is a country or continent
  ("US Senate", "EU and NATO"), a big state ("University of Kentucky"), a demonym opening
  it or each half of a hyphened pair ("Canadian Press", "Austro-Hungarian"), or a big
  town, a listed feature or a town of the story's state opening it ("Winnipeg Free
  Press", "Cauvery Water Authority", "Slidell Police"), unless a word that names things
  after people follows a small town ("Carnegie Library"); never the country of an
  embassy ("the British Embassy") nor a continent after a direction ("Northwest Africa").
  Parts of person names and dates are never looked at, so "Lloyd Austin" and "Denzel
  Washington" yield no place; nor are short capitals that only spell a town ("WA", "CHU")
  or a saint's church ("St. Mark's").

Each mention is resolved by score: a prior from the feature (country, continent, region,
capital, state, town, county) and log population, plus context from the rest of the
article: the countries and admin-1 units that its other sure readings and its dateline
lie in (weighted by how many names support them, never the mention itself), and "Paris,
Texas" (a name followed by its own state or country). A town over 250,000 people and 20
times bigger than the reading the context picked wins on its bare name ("Portland" in a
Texas story is Oregon's), and a state or county 100 times bigger than such a town of its
own country wins too ("Wales" in an English story). A state named like its big city
("New York", "Aleppo") means the city. One sense per name per article.

Metonymy: "Washington said", "Moscow denied" name a government, not a location. Such
mentions are still returned by ``find_places`` (gold geoparsing sets and maps count them,
and the actor stage codes them as actors); ``is_metonymic`` tells them apart, and
``event_location`` never locates an event at one (it only takes places in locative
phrases of the event's clause).
"""

from __future__ import annotations

import functools
import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from spacy.attrs import ENT_TYPE, IDX, LENGTH, LOWER, POS
from spacy.tokens import Doc, Span, Token

from ..records import Location, Place
from . import gazetteer
from .gazetteer import Entry

#: Entity labels whose text is looked up as a place name.
_PLACE_LABELS = {"GPE", "LOC", "FAC"}

#: Prior by feature code, on top of log10(population): a bare name most often means a
#: country, then a continent or region, then a state, a capital, a town; counties rarely.
_FEATURE_PRIOR = {
    "PCLI": 9.0, "CONT": 9.0, "RGN": 5.0, "PEN": 5.0, "SEA": 5.0, "GULF": 5.0, "STRT": 5.0, "OCN": 5.0,
    "CNL": 5.0, "LK": 5.0, "CHN": 5.0, "ISL": 5.0, "STM": 5.0, "DSRT": 5.0, "MTS": 5.0, "PCLH": 8.0,
    # the hand-written facilities are there because news names them
    "MILB": 8.0, "INSM": 8.0, "PS": 8.0, "BLDG": 8.0, "AIRP": 8.0,
    "ADM1": 1.5, "PPLC": 6.0, "PPL": 0.0, "ADM2": -1.5,
}
_ALIAS_PENALTY = 0.5
_CONTEXT_COUNTRY = 1.5
_CONTEXT_ADMIN1 = 1.6
_CONTEXT_STATE = 8.0
_MAX_SUPPORT = 3
_CONTAINER = 10.0
#: Margin by which a mention's best reading must beat its runner-up to count as context.
_SURE = 1.5
#: A city with at least this share of its same-named state's people is what the name means.
_CITY_SHARE = 20
#: A town of at least this many people, and this many times bigger than the reading the
#: context picked, wins on its own name.
_PROMINENT = 250_000
_PROMINENT_RATIO = 20
#: A state, province or county this many times more populous than the same-named town
#: that the context picked, in the same country, is what the name means ("Wales" in a
#: story about England is the nation, not the Yorkshire village).
_UNIT_RATIO = 100


#: Word lists from data/places/words.yaml.
_WORDS = {key: frozenset(values) for key, values in gazetteer.data_file("words.yaml").items()}
_UNIT_WORDS = _WORDS["unit_words"]
_FEATURE_WORDS = _WORDS["feature_words"]
_GENERIC = _WORDS["generic_words"]
_JOINERS = _WORDS["joiners"]
_ABROAD_WORDS = _WORDS["abroad_words"]
_DIRECTIONS = _WORDS["direction_words"]
_LOCATIVE = _WORDS["locative_prepositions"]
_ACTOR_VERBS = _WORDS["actor_verbs"]
_PLACE_OBJECT_VERBS = _WORDS["place_object_verbs"]
_EPONYM = _WORDS["eponym_words"]


@dataclass
class _Mention:
    text: str
    start: int
    end: int
    key: str
    candidates: list[tuple[Entry, int]]
    demonym: bool = False


# --- mentions ---------------------------------------------------------------


def _clean(span: Span, text: str) -> tuple[str, int, int]:
    """Drop a leading 'the' and a trailing possessive from an entity span of ``text``."""
    tokens = list(span)
    while tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    while tokens and tokens[-1].tag_ == "POS":
        tokens = tokens[:-1]
    if not tokens:
        return "", span.start_char, span.start_char
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return text[start:end], start, end


def _acronym(text: str) -> bool:
    """True for a short name in capitals ("WA", "U.S.", "CHU")."""
    letters = text.replace(".", "")
    return letters.isupper() and len(letters) <= 3


def _candidates(text: str, *, demonym: bool) -> list[tuple[Entry, int]]:
    """Gazetteer entries for a mention's text, trying it without a unit word next."""
    gaz = gazetteer.load()
    if demonym:
        found = [c for c in gaz.lookup(text) if c[1] == 2 or c[0].feature == "PCLI"]
        if not found and text.endswith("s"):
            found = [c for c in gaz.lookup(text[:-1]) if c[1] == 2]
        return found
    found = list(gaz.lookup(text))
    if _acronym(text):
        # "WA", "CHU", "SAN" in capitals are abbreviations, not the towns "Wa", "Chũ", "San":
        # only names listed as abbreviations ("US", "BC", "EU") or written so count
        found = [c for c in found if c[1] != 0 or c[0].name.isupper()]
    if not found:
        words = text.split()
        if len(words) > 1 and words[-1].lower() in _UNIT_WORDS:
            found = list(gaz.lookup(" ".join(words[:-1])))
    return found


@functools.lru_cache(maxsize=1)
def _extra_pattern() -> re.Pattern[str]:
    """One regex over the multi-word names of the hand-written features (cheap to scan)."""
    names: set[str] = set()
    for item in gazetteer.data_file("extra.yaml") or []:
        for name in [item["name"], *item.get("aliases", [])]:
            name = name[4:] if name.startswith("the ") else name  # the mention is the name, as for entities
            if " " in name or "-" in name or "'" in name:
                names.add(name)
    alternatives = sorted(names, key=len, reverse=True)
    # news writes both apostrophes: "Russia's" and "Russia’s"
    escaped = (re.escape(n).replace("'", "['’]") for n in alternatives)
    # the lookahead on the names' first letters skips most positions before trying each name
    firsts = re.escape("".join(sorted({n[0] for n in alternatives})))
    return re.compile(r"\b(?=[" + firsts + r"])(?:" + "|".join(escaped) + r")\b")


#: Entity labels never looked into for place names (a person's, a date's parts are no places).
_NOT_PLACES = {"PERSON", "DATE", "TIME", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "WORK_OF_ART", "LAW"}
#: Features of the hand-written entries (regions, seas, bases, buildings): listed because
#: news names them, so they count wherever their names appear.
_LISTED = {
    "RGN", "PEN", "SEA", "GULF", "STRT", "OCN", "CNL", "LK", "CHN", "ISL", "STM", "DSRT", "MTS", "PCLH",
    "MILB", "INSM", "PS", "BLDG", "AIRP",
}
_STRONG_POPULATION = 100_000
#: Features a name outside spaCy's place entities may have when it lies in the article's state.
_LOCAL_FEATURES = {"PPL", "PPLC", "ADM2"}
_STRONG_STATE = 500_000
_MAX_WORDS = 4
#: How far up the parse a locative phrase may sit below its event's trigger.
_MAX_CLIMB = 4


def _strong(cands: list[tuple[Entry, int]]) -> bool:
    """Whether a name outside spaCy's place entities is prominent enough to take: a
    country, continent, demonym or listed feature, or a capital, state or town over
    100,000 by its own name (towns' alternate names in other languages include words that
    are no place in English news: "Hamas" is a name of Hamm)."""
    for entry, kind in cands:
        if kind == 2 or entry.feature in ("PCLI", "CONT") or entry.feature in _LISTED:
            return True
        if kind == 0 and (entry.feature in ("PPLC", "ADM1") or entry.population >= _STRONG_POPULATION):
            return True
    return False


def _strong_part(entry: Entry, kind: int) -> bool:
    """Whether a name inside a longer proper name counts: a country or continent by any of
    its names ("US Senate", "the EU Commission"), a populous state by its own name ("University of Kentucky")."""
    if kind == 2:
        return False
    return entry.feature in ("PCLI", "CONT") or (kind == 0 and entry.feature == "ADM1" and entry.population >= _STRONG_STATE)


def _saints(name: str, text: str, end: int) -> bool:
    """True for a saint's name before a possessive ("St. Mark's", "St Patrick’s"): a church,
    school or hospital, not the parishes and towns named after the saint."""
    return gazetteer.norm(name).startswith(("saint ", "sainte ")) and text[end : end + 2] in ("'s", "’s")


def _generic(text: str) -> bool:
    """True if a name is only generic words ("West", "Central", "Union"), too vague to resolve."""
    return set(gazetteer.norm(text).split()) <= _GENERIC


@dataclass
class _Tokens:
    """What the scan needs of each token, read once into plain lists (Token objects are slow to make)."""

    text: str
    starts: list[int]
    ends: list[int]
    capital: list[bool]
    kind: list[int]
    """0 other, 1 proper noun or adjective, 2 joiner ("of", "and")."""
    blocked: list[bool]
    """In a person's name, a date or another non-place entity, or already a place."""

    @classmethod
    def read(cls, doc: Doc, text: str, taken: list[tuple[int, int]]) -> _Tokens:
        array = doc.to_array([IDX, LENGTH, POS, ENT_TYPE, LOWER]).tolist()
        starts = [row[0] for row in array]
        ends = [row[0] + row[1] for row in array]
        capital = [text[a:a + 1].isupper() for a in starts]
        proper = {doc.vocab.strings[p] for p in ("PROPN", "ADJ")}
        joiners = {doc.vocab.strings[w] for w in _JOINERS}
        not_places = {doc.vocab.strings[label] for label in _NOT_PLACES}
        kind = [1 if row[2] in proper else 2 if row[4] in joiners else 0 for row in array]
        blocked = [row[3] in not_places for row in array]
        for a, b in taken:
            for k in range(bisect_left(ends, a + 1), bisect_left(starts, b)):
                blocked[k] = True
        return cls(text, starts, ends, capital, kind, blocked)

    def runs(self) -> list[tuple[int, int]]:
        """Maximal runs of capitalised proper nouns, joined by "of", "and", "de"."""
        out: list[tuple[int, int]] = []
        n = len(self.starts)
        i = 0
        while i < n:
            j = i
            while j < n and not self.blocked[j] and (
                (self.kind[j] == 1 and self.capital[j])
                or (j > i and self.kind[j] == 2 and j + 1 < n and self.capital[j + 1])
            ):
                j += 1
            while j > i and self.kind[j - 1] == 2:
                j -= 1
            if j > i:
                out.append((i, j))
                i = j
            else:
                i += 1
        return out


def _words_in(text: str, tokens: _Tokens, first: int, last: int) -> set[str]:
    """The lower-cased words of tokens ``first`` to ``last`` (exclusive)."""
    return {text[tokens.starts[k] : tokens.ends[k]].lower() for k in range(first, last)}


def _scan(doc: Doc, text: str, taken: list[tuple[int, int]], local: set[str]) -> list[_Mention]:
    """Prominent place names that spaCy missed or put inside another entity (ORG, NORP).

    Runs of capitalised proper nouns outside person names and dates are tried. A whole run
    counts if it names a country, state, capital, big town, region or hand-written feature,
    or is a demonym; a part of a run ("Statistics Canada", "University of Kentucky") only
    if it names a country or a state. A small town counts too if it lies in a state or
    province (``local``, GeoNames admin-1 codes) that the article's sure places put it in
    ("Allendale" in a story about New Jersey towns).
    """
    out: list[_Mention] = []
    tokens = _Tokens.read(doc, text, taken)
    for k, (start, end) in enumerate(zip(tokens.starts, tokens.ends)):
        # "U.S.-led", "Britain-based": spaCy keeps these as one token
        dash = text.find("-", start, end)
        if dash > start and tokens.capital[k] and not tokens.blocked[k]:
            name = text[start:dash]
            cands = [c for c in _candidates(name, demonym=False) if c[0].feature == "PCLI"]
            if cands:
                out.append(_Mention(name, start, dash, gazetteer.norm(name), cands))
    for first, last in tokens.runs():
        i = first
        while i < last:
            found = 0
            for n in range(min(_MAX_WORDS, last - i), 0, -1):
                if tokens.kind[i + n - 1] == 2:
                    continue
                start, end = tokens.starts[i], tokens.ends[i + n - 1]
                name = text[start:end]
                whole = i == first and i + n == last
                cands = _candidates(name, demonym=False)
                # a demonym is one, tagged adjective or proper noun ("the Nigerian Army")
                demonym = n == 1 and (doc[i].pos_ == "ADJ" or any(k == 2 for _, k in cands))
                # each part of a hyphened pair is a name of its own ("Austro-Hungarian", "Sino-Russian")
                hyphened = i > first and text[tokens.starts[i - 1] : tokens.ends[i - 1]] == "-"
                # a demonym opening a name counts ("Canadian Press"), one inside it does not ("Latin American")
                if demonym and i != first and not hyphened:
                    continue
                if i + n < last and text[tokens.starts[i + n] : tokens.ends[i + n]].lower() in _FEATURE_WORDS:
                    continue  # "Mississippi River", "Washington County" are other places
                if _words_in(text, tokens, first, last) & _ABROAD_WORDS:
                    continue  # "the British Embassy (in Tokyo)" lies in another country
                if demonym:
                    cands = _candidates(name, demonym=True)
                if not cands or _generic(name) or _saints(name, text, end):
                    continue
                # a big town, a town of the story's state or a listed feature opening a name
                # or after "of" counts ("Winnipeg Free Press", "University of Toronto",
                # "Slidell Police" in a Louisiana story, "Danube Commission"); at its end
                # it is more often a surname ("Lloyd Austin")
                opening = i == first or tokens.kind[i - 1] == 2
                if not whole and i > first and _words_in(text, tokens, first, i) & _DIRECTIONS and any(
                    e.feature == "CONT" for e, _ in cands
                ):
                    continue  # "North Africa", "Northern Europe" are no continents
                if (
                    whole and (_strong(cands) or _local(cands, local))
                    or demonym
                    or any(_strong_part(e, k) for e, k in cands)
                    or opening and (
                        any(k == 0 and e.population >= _STRONG_POPULATION or k < 2 and e.feature in _LISTED for e, k in cands)
                        or _local(cands, local) and not _words_in(text, tokens, i + n - 1, min(i + n + 1, last)) & _EPONYM
                    )
                ):
                    out.append(_Mention(name, start, end, gazetteer.norm(name), cands, demonym))
                    found = n
                    break
            i += found or 1
    return out


def _local(cands: list[tuple[Entry, int]], local: set[str]) -> bool:
    """Whether a name is a town's or county's own name in one of the article's states."""
    return any(k == 0 and e.admin1 in local and e.feature in _LOCAL_FEATURES for e, k in cands)


def _local_codes(mentions: list[_Mention], dateline: Entry | None) -> set[str]:
    """The admin-1 units (states, provinces; GeoNames codes like "US.NJ") that the sure
    readings of ``mentions`` and the dateline lie in: where the article is local to."""
    table = _context(mentions, dateline)
    return {code for counter in table.values() for code in counter if "." in code}


#: A dateline opening a line: a place in capitals, perhaps ", State", then a dash, a
#: bracket, a comma or the story's first words ("PLEASANTON, Calif. --", "WINNIPEG —",
#: "MEXICO CITY (AP)", "SAN ANTONIO Turner Sports said").
_DATELINE = re.compile(
    r"(?m)^[ \t]*([A-Z][A-Z'’.\-]*[A-Z.](?: [A-Z][A-Z'’.\-]*[A-Z.]){0,3})"
    r"(?:, ([A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?(?= *(?:[-—–(,:]| [A-Z][a-z]))"
)


#: What a dateline names: a town, a state or a country, never a region or a building.
_DATELINE_FEATURES = {"PPL", "PPLC", "ADM1", "ADM2", "PCLI"}


def _text_datelines(text: str) -> list[_Mention]:
    """Place mentions from datelines written in the text itself ("WINNIPEG — ..."), and
    the state or country after one ("PLEASANTON, Calif."): spaCy rarely tags words in
    capitals, so these are read by pattern, then resolved like any other mention."""
    out: list[_Mention] = []
    gaz = gazetteer.load()
    for match in _DATELINE.finditer(text):
        head, state = match.group(1), match.group(2)
        if len(head.replace(".", "").replace(" ", "")) < 3:
            continue  # "US", "UK" open sentences too; they are found as names
        cands = [c for c in gaz.lookup(head) if c[0].feature in _DATELINE_FEATURES]
        if not cands:
            continue
        out.append(_Mention(head, match.start(1), match.end(1), gazetteer.norm(head), cands))
        if state:
            cands = [c for c in gaz.lookup(state) if c[0].feature in ("ADM1", "PCLI")]
            if cands:
                out.append(_Mention(state, match.start(2), match.end(2), gazetteer.norm(state), cands))
    return out


def _mentions(doc: Doc, doc_text: str, dateline: Entry | None = None) -> list[_Mention]:
    """Place mentions in reading order, longest first where they overlap (``doc_text`` is
    ``doc.text``, passed in because Doc.text rebuilds the string on every access)."""
    out: list[_Mention] = _text_datelines(doc_text)
    taken: list[tuple[int, int]] = [(m.start, m.end) for m in out]
    for match in _extra_pattern().finditer(doc_text):
        cands = list(gazetteer.load().lookup(match.group()))
        if cands and not any(s < match.end() and match.start() < e for s, e in taken):
            out.append(_Mention(match.group(), match.start(), match.end(), gazetteer.norm(match.group()), cands))
            taken.append((match.start(), match.end()))
    for ent in doc.ents:
        demonym = ent.label_ == "NORP"
        if ent.label_ not in _PLACE_LABELS and not demonym and not (ent.label_ == "PERSON" and len(ent) > 1):
            continue
        text, start, end = _clean(ent, doc_text)
        if not text or _generic(text) or _saints(text, doc_text, end) or any(s < end and start < e for s, e in taken):
            continue
        cands = _candidates(text, demonym=demonym)
        if ent.label_ == "PERSON":
            # spaCy sometimes takes a two-word state or country for a person ("Tamil Nadu");
            # only an exact name of one counts, never a town ("Lloyd Austin")
            cands = [c for c in cands if c[1] == 0 and c[0].feature in ("PCLI", "ADM1")]
        if cands:
            out.append(_Mention(text, start, end, gazetteer.norm(text), cands, demonym))
            taken.append((start, end))
    out += _scan(doc, doc_text, taken, _local_codes(out, dateline))
    out.sort(key=lambda m: m.start)
    return _merge(out, doc_text)


def _merge(mentions: list[_Mention], text: str) -> list[_Mention]:
    """Join neighbours that together name one place ("Trinidad" + "Tobago", "Washington" + "D.C.")."""
    out: list[_Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and text[prev.end : m.start] in (" and ", " & ", ", "):
            whole = text[prev.start : m.end]
            cands = list(gazetteer.load().lookup(whole))
            if cands:
                out[-1] = _Mention(whole, prev.start, m.end, gazetteer.norm(whole), cands)
                continue
        out.append(m)
    return out


# --- resolution -------------------------------------------------------------


def _prior(entry: Entry, kind: int, mention: str) -> float:
    score = _FEATURE_PRIOR.get(entry.feature, 0.0) + math.log10(entry.population + 1)
    if kind == 1:
        # towns' alternate names include former names ("Salisbury" for Harare) and admin
        # units' include their capitals' names: a place's own name comes first
        score -= _ALIAS_PENALTY + (2.0 if entry.feature in ("ADM1", "ADM2", "PPL", "PPLC") else 0.0)
    if entry.name == mention:
        score += 0.5
    return score


def _context(mentions: list[_Mention], dateline: Entry | None) -> dict[str, Counter[str]]:
    """Where each mention's sure reading puts the article, by mention key.

    Countries and admin-1 units named outright (or the dateline's) weigh 2; those that a
    sure town lies in weigh 1. Keys are ISO3 codes and GeoNames admin-1 codes.
    """
    table: dict[str, Counter[str]] = {}
    for m in mentions:
        ranked = sorted((_prior(e, k, m.text) for e, k in m.candidates), reverse=True)
        if len(ranked) > 1 and ranked[0] - ranked[1] < _SURE:
            continue
        best = max(m.candidates, key=lambda c: _prior(c[0], c[1], m.text))[0]
        weight = 2 if best.feature in ("PCLI", "ADM1") else 1
        counter = table.setdefault(m.key, Counter())
        for code in (best.country, best.admin1):
            if code:
                counter[code] = max(counter[code], weight)
    if dateline is not None:
        # the place a story is filed from is the strongest hint about its local names
        table["\0dateline"] = Counter({c: _MAX_SUPPORT for c in (dateline.country, dateline.admin1) if c})
    return table


def _others(table: dict[str, Counter[str]], key: str) -> Counter[str]:
    """Context codes from every mention but the one being resolved (no self-support),
    each weighed by how many names support it, up to ``_MAX_SUPPORT``."""
    out: Counter[str] = Counter()
    for k, counter in table.items():
        if k != key:
            out.update(counter)
    return Counter({code: min(weight, _MAX_SUPPORT) for code, weight in out.items()})


def _containers(text: str, mentions: list[_Mention]) -> dict[int, _Mention]:
    """For "Paris, Texas": each mention followed by ', <mention>' -> that next mention."""
    out: dict[int, _Mention] = {}
    for a, b in zip(mentions, mentions[1:]):
        if text[a.end : b.start].strip() == ",":
            out[a.start] = b
    return out


def _score(entry: Entry, kind: int, text: str, context: Counter[str], container: set[str | None]) -> float:
    value = _prior(entry, kind, text)
    if entry.country and entry.country in context:
        value += _CONTEXT_COUNTRY * context[entry.country]
    if entry.admin1 and entry.admin1 in context:
        if entry.feature == "ADM1":  # the state its towns lie in ("Atlanta ... Georgia")
            value += _CONTEXT_STATE * min(context[entry.admin1], 1)
        elif entry.feature != "PCLI":
            value += _CONTEXT_ADMIN1 * context[entry.admin1]
    if container and (entry.country in container or entry.admin1 in container):
        value += _CONTAINER
    return value


def _prefer_city(best: Entry, cands: list[tuple[Entry, int]]) -> Entry:
    """A state or province named like its big city ("New York", "Tokyo", "Aleppo") means the city."""
    if best.feature != "ADM1":
        return best
    cities = [e for e, _ in cands if e.feature.startswith("PPL") and e.admin1 == best.admin1]
    city = max(cities, key=lambda e: e.population, default=None)
    if city is not None and city.population * _CITY_SHARE >= best.population:
        return city
    return best


def _prefer_prominent(best: Entry, cands: list[tuple[Entry, int]], context: Counter[str]) -> Entry:
    """A town far more populous than the one the article's state context picked is what a
    bare name means ("Portland" in a Texas sports story is Oregon's, not the Texas town):
    news names a small town bare only when nothing bigger shares its name."""
    if not best.feature.startswith("PPL"):
        return best
    big = max((e for e, k in cands if k == 0 and e.feature.startswith("PPL")), key=lambda e: e.population, default=None)
    if (
        big is None
        or big.population < _PROMINENT
        or big.population < _PROMINENT_RATIO * max(best.population, 1)
        or (big.country != best.country and big.country not in context)
    ):
        return best
    return big


def _prefer_unit(best: Entry, cands: list[tuple[Entry, int]]) -> Entry:
    """A state or county named like a far smaller town of its own country is what a bare
    name means: the context of a country's other places lifts all its towns, and a village
    should not take the name of the nation or county it shares ("Wales", "Kent")."""
    if not best.feature.startswith("PPL"):
        return best
    unit = max(
        (e for e, k in cands if k == 0 and e.feature in ("ADM1", "ADM2") and e.country == best.country),
        key=lambda e: e.population,
        default=None,
    )
    if unit is None or unit.population < _UNIT_RATIO * max(best.population, 1):
        return best
    return unit


def _resolve(text: str, mentions: list[_Mention], dateline: Entry | None) -> list[tuple[_Mention, Entry]]:
    table = _context(mentions, dateline)
    containers = _containers(text, mentions)
    chosen: dict[str, Entry] = {}
    out: list[tuple[_Mention, Entry]] = []
    for m in mentions:
        if m.key not in chosen:  # one sense per name per article
            context = _others(table, m.key)
            container = containers.get(m.start)
            codes: set[str | None] = set()
            if container is not None:
                codes = {e.country for e, _ in container.candidates if e.feature == "PCLI"}
                codes |= {e.admin1 for e, _ in container.candidates if e.feature == "ADM1"}
            best = max(m.candidates, key=lambda c: _score(c[0], c[1], m.text, context, codes))[0]
            if container is None:
                best = _prefer_unit(_prefer_prominent(best, m.candidates, context), m.candidates)
            chosen[m.key] = _prefer_city(best, m.candidates)
        out.append((m, chosen[m.key]))
    return out


def _place(text: str, start: int, end: int, entry: Entry) -> Place:
    return Place(
        text=text, start=start, end=end, name=entry.name, geonameid=entry.geonameid,
        lat=round(entry.lat, 5), lon=round(entry.lon, 5), country=entry.country, feature=entry.feature,
    )


@functools.lru_cache(maxsize=4096)
def _dateline_entry(name: str) -> Entry | None:
    """The gazetteer entry a dateline's place names (cached: agencies repeat a few cities)."""
    parts = [p.strip() for p in name.split(",") if p.strip()]
    if not parts:
        return None
    head = parts[0].title() if parts[0].isupper() else parts[0]
    cands = list(gazetteer.load().lookup(head))
    if not cands:
        return None
    inside: set[str | None] = set()
    for part in parts[1:]:
        for entry, _ in gazetteer.load().lookup(part):
            inside |= {entry.country, entry.admin1}

    # a dateline names a city: prefer towns over states of the same name
    def score(cand: tuple[Entry, int]) -> float:
        entry, kind = cand
        value = _prior(entry, kind, head) + (4.0 if entry.feature.startswith("PPL") else 0.0)
        return value + (_CONTAINER if inside & {entry.country, entry.admin1} else 0.0)

    return max(cands, key=score)[0]


def resolve_dateline(name: str) -> Place | None:
    """Return the best gazetteer entry for a dateline's place ("SEOUL", "Paris, Texas").

    Args:
        name: the dateline's place, in any case; a trailing ", STATE" or ", COUNTRY" narrows it.

    Returns:
        The Place (text is ``name``, start and end 0, since a dateline lies outside the
        cleaned body), or None if the gazetteer has no such place.
    """
    entry = _dateline_entry(name)
    return _place(name, 0, 0, entry) if entry is not None else None


def find_places(doc: Doc, *, dateline_place: str | None = None) -> list[Place]:
    """Return the place mentions in a parsed document, resolved to the gazetteer.

    Args:
        doc: the spaCy Doc of the cleaned text.
        dateline_place: the dateline's place name ("SEOUL"), used as context.

    Returns:
        Places in text order, with character offsets into ``doc.text``. Metonymic mentions
        ("Moscow denied") are included; see ``is_metonymic``.
    """
    text = doc.text
    dateline = _dateline_entry(dateline_place) if dateline_place else None
    mentions = _mentions(doc, text, dateline)
    if not mentions:
        return []
    return [_place(m.text, m.start, m.end, entry) for m, entry in _resolve(text, mentions, dateline)]


# --- roles in the sentence --------------------------------------------------


def _root(doc: Doc, place: Place) -> Token | None:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def is_metonymic(doc: Doc, place: Place) -> bool:
    """True if a place mention stands for its government ("Washington said", "Moscow denied").

    Args:
        doc: the parsed document the place was found in.
        place: a Place from ``find_places(doc)``.

    Returns:
        True when the mention is the subject of a verb of saying or acting.
    """
    root = _root(doc, place)
    if root is None or place.feature not in ("PCLI", "PPLC", "PPL", "ADM1"):
        return False
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in _ACTOR_VERBS


def _locative_head(root: Token) -> Token | None:
    """The word a place attaches to through a locative preposition, or None."""
    token = root
    # "in Tokyo, Japan" / "in Tokyo and Osaka": climb conjuncts and appositions to the first
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE:
        return token.head.head
    if token.dep_ in ("compound", "nmod", "npadvmod") and token.head.i != token.i:
        return token.head  # "the Tokyo talks"
    return None


def _is_name_modifier(root: Token) -> bool:
    """Whether a place name only modifies a noun ("the US embassy", "the Tokyo talks")."""
    token = root
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("compound", "nmod", "npadvmod")


def _in_clause_of(head: Token, trigger: Token) -> bool:
    """Whether a locative phrase attached to ``head`` belongs to the trigger's event.

    True if ``head`` is the trigger or lies below it without crossing another verb
    ("killed in an airstrike in Gaza"), or, for a noun trigger, is the verb that
    governs it ("held talks in Tokyo"). Tokens are compared by index: spaCy makes a new
    Token object on every access.
    """
    if trigger.pos_ in ("NOUN", "PROPN") and head.i == trigger.head.i:
        return True
    token = head
    for _ in range(_MAX_CLIMB):
        if token.i == trigger.i:
            return True
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return False
        token = token.head
    return token.i == trigger.i


def _is_demonym(place: Place) -> bool:
    """Whether a mention names its place only by a demonym ("English", "Chinese")."""
    return any(kind == 2 and entry.geonameid == place.geonameid and entry.name == place.name
               for entry, kind in gazetteer.load().lookup(place.text))


def event_location(trigger: Token, places: list[Place], *, dateline_place: Place | None = None) -> Location | None:
    """Return where the event with this trigger happened.

    The place its clause puts it in ("talks in Tokyo", "launch from Vandenberg", "met in
    Russia's far east"), else the dateline's place, else None. Never the first place in the
    article by default, and never a metonymic mention.

    Args:
        trigger: the event's trigger token.
        places: ``find_places`` output for the trigger's document.
        dateline_place: the dateline's resolved place (``resolve_dateline``), if any.

    Returns:
        A Location, or None.
    """
    doc = trigger.doc
    sentence = trigger.sent
    # "..., where he met Putin": the relative clause happens at the place before it
    where = trigger.dep_ == "relcl" and any(c.lower_ == "where" for c in trigger.children)
    best: tuple[int, Place] | None = None
    for place in places:
        if not (sentence.start_char <= place.start < sentence.end_char):
            continue
        root = _root(doc, place)
        if root is None or _is_demonym(place):
            continue  # "spoke in English" says nothing of where
        head = _locative_head(root)
        if head is not None and _is_name_modifier(root) and head.i != trigger.i:
            # "outside the US embassy in Seoul": a name before a noun says whose it is, not
            # where the event is; it places only the event noun itself ("the Tokyo talks").
            head = None
        placed = head is not None and _in_clause_of(head, trigger)
        placed = placed or (root.dep_ == "dobj" and root.head.i == trigger.i and trigger.lemma_ in _PLACE_OBJECT_VERBS)
        # the parser often hangs "where" on the wrong word: take the nearest place before it
        placed = placed or (where and root.i < trigger.i)
        if not placed:
            continue
        distance = abs(root.i - trigger.i)
        if best is None or distance < best[0]:
            best = (distance, place)
    chosen = best[1] if best else dateline_place
    if chosen is None:
        return None
    return Location(name=chosen.name, geonameid=chosen.geonameid, lat=chosen.lat, lon=chosen.lon, country=chosen.country)

