"""The event lexicon and cue words, loaded once from ``eventwire/data/events``.

The YAML files are written for people; this module compiles them into dicts
keyed by lemma so that trigger lookup costs one dict access per token.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent.parent / "data" / "events"


@dataclass(frozen=True)
class Sense:
    """What a trigger word means: a PLOVER type and mode, a CAMEO code, a weight."""

    type: str
    mode: str | None
    cameo: str
    weight: float = 0.8
    """How reliably the word alone signals the event (0-1)."""


@dataclass(frozen=True)
class Lexicon:
    """Compiled triggers, cue words and type tables."""

    verbs: dict[str, Sense]
    nouns: dict[str, Sense]
    adjectives: dict[str, Sense]
    phrases: dict[tuple[str, str], Sense]
    """(head lemma, dependent lemma) -> sense."""
    not_events: frozenset[tuple[str, str]]
    """(head lemma, dependent lemma) pairs where the head is no trigger ("press release")."""
    object_senses: dict[str, dict[str, Sense | None]]
    """Trigger lemma -> object lemma, "@class" or "*" (any other object) -> sense, or None
    when the trigger with that object is no event ("mobilized support")."""
    subject_senses: dict[str, dict[str, Sense | None]]
    """Trigger lemma -> subject lemma or "@class" -> sense ("peacekeepers arrived")."""
    clausal_senses: dict[str, Sense | None]
    """Verb senses used when the verb reports a clause ("protested that ..."); None
    when reporting a clause makes the verb no event ("agreed that it was a success")."""
    passive_not_events: frozenset[tuple[str, str]]
    """(verb lemma, preposition) pairs that are no event in the passive ("was met with criticism")."""
    actor_object_verbs: frozenset[str]
    """Verbs that are their event only when what they act on is a person or group ("charged him")."""
    people_classes: frozenset[str]
    """"@class" names whose nouns are people ("suspects", "prisoners")."""
    act_adjectives: frozenset[str]
    """Adjectives that are an event only when their complement is an act ("ready to talk")."""
    word_classes: dict[str, tuple[str, ...]]
    """Noun lemma -> the "@class" names it belongs to, for object and subject senses."""
    light_verbs: frozenset[str]
    without_actor_object: dict[str, Sense]
    """Verb senses used when the object is not an actor ("welcomed the plan")."""
    cues: dict[str, frozenset[str]]
    scores: dict[tuple[str, str | None], float]
    """(type, mode or None) -> PLOVER conflict/cooperation score."""
    default_cameo: dict[str, str]
    content_types: frozenset[str]
    symmetric_types: frozenset[str]
    future_intent: dict[str, str]
    """Type of a future act announced by its actor -> AGREE or THREATEN."""
    future_agree: frozenset[str]
    """Types whose future-tense report is coded AGREE (PLOVER manual)."""
    counterpart_types: frozenset[str]
    """Mutual types that need a target or a compound source."""
    place_source_types: frozenset[str]
    """Types whose agentless act takes the country where it happened as source."""
    purpose_types: frozenset[str]
    """Types whose target may be named in a purpose clause or stance phrase."""
    group_types: frozenset[str]
    """Types an uncoded group may be the only actor of ("students protested")."""
    threat_types: frozenset[str]
    """Types whose promise is a threat ("vowed to fight")."""
    intent_cameo: dict[str, str]
    readiness_cameo: str
    """CAMEO code of readying an attack (raised alert status)."""
    """Type -> CAMEO code of the intent to do it (CONSULT -> 036)."""
    content_modes: dict[str, dict[str, str]]
    """Content type -> type of what it is about -> mode."""
    target_preps: tuple[str, ...]
    """Prepositions introducing a target, best first."""
    prep_ranks: dict[str, int]
    """Preposition -> rank in ``target_preps``."""
    type_prep_ranks: dict[str, dict[str, int]]
    """Type -> preposition -> rank, for types that rank them their own way."""

    def score(self, type_: str, mode: str | None) -> float | None:
        """Return the conflict/cooperation score of a type and mode."""
        return self.scores.get((type_, mode), self.scores.get((type_, None)))


def parse_sense(value: str) -> Sense:
    """Parse a lexicon value "TYPE[:mode] CAMEO [weight]" into a Sense.

    Args:
        value: the string from the YAML file.

    Returns:
        The Sense.
    """
    parts = str(value).split()
    type_, _, mode = parts[0].partition(":")
    weight = float(parts[2]) if len(parts) > 2 else 0.8
    return Sense(type_, mode or None, parts[1], weight)


def quad_class(cameo: str | None) -> int | None:
    """Return the CAMEO quad class (1-4) of a CAMEO code, from its two-digit root."""
    if not cameo or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    if root <= 5:
        return 1
    if root <= 9:
        return 2
    if root <= 14:
        return 3
    return 4


def argument_senses(table: dict[str, dict[str, str]] | None) -> dict[str, dict[str, Sense | None]]:
    """Compile an object or subject sense table; the value "none" means no event.

    Args:
        table: trigger lemma -> argument lemma, "@class" or "*" -> sense string.

    Returns:
        The same table with parsed senses (None for "none").
    """
    return {
        str(head): {str(k): None if str(v) == "none" else parse_sense(v) for k, v in args.items()}
        for head, args in (table or {}).items()
    }


def _read(name: str) -> Any:
    with open(DATA / name, encoding="utf-8") as fh:
        # the C loader when PyYAML has it: a third of the load time
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load(verbs_file: str | None = None) -> Lexicon:
    """Load and compile the event lexicon, with a user's own triggers added (once per file).

    Args:
        verbs_file: a user's trigger file (the setting ``verbs_file``): YAML with the trigger
            sections of ``lexicon.yaml`` (what ``eventwire import-tabari --verbs`` writes), or a
            TABARI/PETRARCH verbs dictionary, converted as it is read. None: the shipped lexicon.

    Returns:
        The compiled lexicon. Where the user's file and eventwire's own lexicon both have an
        entry, eventwire's wins (``merge_user_lexicon``).

    Raises:
        ConfigError: when the file cannot be read or holds something that is not a trigger.
    """
    if not verbs_file:
        return _shipped()
    return _with_user_file(str(Path(verbs_file).expanduser().resolve()))


#: The sections a user's trigger file may have: the trigger sections of lexicon.yaml.
USER_SECTIONS = ("verbs", "nouns", "adjectives", "phrases", "not_events")


@functools.lru_cache(maxsize=8)
def _with_user_file(path: str) -> Lexicon:
    return merge_user_lexicon(_shipped(), read_user_file(Path(path)), origin=path)


def read_user_file(path: Path) -> dict[str, Any]:
    """The trigger sections of a user's file (see ``load``), a verbs dictionary converted.

    Raises:
        ConfigError: when it cannot be read, or is YAML that is not a mapping of those sections.
    """
    if path.suffix.lower() not in (".yaml", ".yml"):
        from ..dictionaries.tabari_verbs import convert_file

        conversion = convert_file(path)
        if conversion.warnings:
            log.warning("%s: %d warnings about what did not carry over (eventwire import-tabari --verbs lists them)",
                        path, len(conversion.warnings))
        for warning in conversion.warnings:
            log.debug("%s", warning)
        return conversion.data
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the trigger file {path}: {' '.join(str(exc).split())}") from exc
    if not isinstance(data, dict) or set(data) - set(USER_SECTIONS):
        extra = sorted(map(str, set(data) - set(USER_SECTIONS))) if isinstance(data, dict) else ["not a mapping"]
        raise ConfigError(f"{path}: a trigger file has only the sections {', '.join(USER_SECTIONS)} "
                          f"(found {', '.join(extra)})")
    return data


def _user_sense(lex: Lexicon, value: Any, where: str) -> Sense:
    try:
        sense = parse_sense(str(value))
    except (IndexError, ValueError) as exc:
        raise ConfigError(f"{where}: {value!r} is not \"TYPE[:mode] CAMEO [weight]\"") from exc
    if sense.type not in lex.default_cameo:
        raise ConfigError(f"{where}: {sense.type} is not a PLOVER type")
    if sense.mode is not None and (sense.type, sense.mode) not in lex.scores:
        raise ConfigError(f"{where}: {sense.mode} is not a mode of {sense.type}")
    if not (sense.cameo.isdigit() and 3 <= len(sense.cameo) <= 4) or not 0.0 < sense.weight <= 1.0:
        raise ConfigError(f"{where}: {value!r}: the CAMEO code has 3 or 4 digits, the weight is in (0, 1]")
    return sense


def _pairs(key: Any, where: str) -> tuple[tuple[str, str], tuple[str, str]]:
    words = str(key).lower().split()
    if len(words) != 2:
        raise ConfigError(f"{where}: a phrase is two words, \"head dependent\"")
    return (words[0], words[1]), (words[1], words[0])


def merge_user_lexicon(lex: Lexicon, data: dict[str, Any], origin: str = "<user>") -> Lexicon:
    """Add a user's triggers to the lexicon where eventwire has no entry of its own.

    Eventwire's own triggers keep their meaning. A user's verb, noun or adjective is left out
    where eventwire has that word (a verb also where it is a light verb or has an object,
    subject or clause table); a user's phrase or non-event pair is left out where eventwire has
    the pair, where its head is one of eventwire's own trigger words, or where it joins a light
    verb to one of eventwire's trigger nouns ("paid a visit" stays eventwire's visit). Phrases
    count in both orders, as in lexicon.yaml.

    Args:
        lex: the compiled shipped lexicon.
        data: the user's sections (``read_user_file``).
        origin: where they came from, for messages.

    Returns:
        A new lexicon with the user's entries added.

    Raises:
        ConfigError: when an entry is not a trigger sense.
    """
    tables = set(lex.object_senses) | set(lex.subject_senses) | set(lex.clausal_senses)
    own_words = {
        "verbs": set(lex.verbs) | tables | lex.light_verbs,
        "nouns": set(lex.nouns) | tables,
        "adjectives": set(lex.adjectives),
    }
    heads = set(lex.verbs) | set(lex.nouns) | set(lex.adjectives) | tables
    own_pairs = set(lex.phrases) | lex.not_events

    def eventwires(pair: tuple[str, str]) -> bool:
        head, dependent = pair
        return head in heads or pair in own_pairs or (head in lex.light_verbs and dependent in lex.nouns)

    merged: dict[str, dict[str, Sense]] = {}
    for section, own in own_words.items():
        table = dict(getattr(lex, section))
        for key, value in (data.get(section) or {}).items():
            word = str(key).lower()
            sense = _user_sense(lex, value, f"{origin}: {section} {key!r}")
            if word not in own:
                table.setdefault(word, sense)
        merged[section] = table
    phrases = dict(lex.phrases)
    for key, value in (data.get("phrases") or {}).items():
        where = f"{origin}: phrase {key!r}"
        sense = _user_sense(lex, value, where)
        for pair in _pairs(key, where):
            if not eventwires(pair):
                phrases.setdefault(pair, sense)
    not_events = set(lex.not_events)
    for key in data.get("not_events") or ():
        not_events |= {pair for pair in _pairs(key, f"{origin}: not_events {key!r}") if not eventwires(pair)}
    return dataclasses.replace(lex, verbs=merged["verbs"], nouns=merged["nouns"], adjectives=merged["adjectives"],
                               phrases=phrases, not_events=frozenset(not_events))


@functools.lru_cache(maxsize=1)
def _shipped() -> Lexicon:
    lex = _read("lexicon.yaml")
    cues = _read("cues.yaml")
    plover = _read("plover.yaml")
    phrases = {}
    for key, value in lex["phrases"].items():
        first, second = key.split()
        # Verb phrases are written head first ("lift curfew"), noun compounds
        # head last ("hunger strike"): register both orders.
        phrases.setdefault((first, second), parse_sense(value))
        phrases.setdefault((second, first), parse_sense(value))
    scores: dict[tuple[str, str | None], float] = {}
    default_cameo = {}
    for type_, info in plover["types"].items():
        scores[(type_, None)] = float(info["score"])
        default_cameo[type_] = str(info["cameo"])
        for mode, score in (info.get("modes") or {}).items():
            scores[(type_, mode)] = float(score)
    word_classes: dict[str, tuple[str, ...]] = {}
    for name, words in (lex.get("classes") or {}).items():
        for w in words:
            word_classes[str(w)] = (*word_classes.get(str(w), ()), f"@{name}")
    not_events = set()
    for key in lex.get("not_events") or ():
        first, second = str(key).split()
        not_events |= {(first, second), (second, first)}
    future_intent = {t: intent for intent, types in plover["future_intent"].items() for t in types}
    return Lexicon(
        verbs={k: parse_sense(v) for k, v in lex["verbs"].items()},
        nouns={k: parse_sense(v) for k, v in lex["nouns"].items()},
        adjectives={k: parse_sense(v) for k, v in lex["adjectives"].items()},
        phrases=phrases,
        not_events=frozenset(not_events),
        object_senses=argument_senses(lex.get("object_senses")),
        subject_senses=argument_senses(lex.get("subject_senses")),
        clausal_senses={k: None if str(v) == "none" else parse_sense(v) for k, v in (lex.get("clausal_senses") or {}).items()},
        passive_not_events=frozenset(tuple(str(k).split()) for k in lex.get("passive_not_events") or ()),  # type: ignore[misc]
        actor_object_verbs=frozenset(lex.get("actor_object_verbs") or ()),
        act_adjectives=frozenset(lex.get("act_adjectives") or ()),
        people_classes=frozenset(f"@{c}" for c in lex.get("people_classes") or ()),
        word_classes=word_classes,
        light_verbs=frozenset(lex["light_verbs"]),
        without_actor_object={k: parse_sense(v) for k, v in lex["without_actor_object"].items()},
        cues={k: frozenset(str(w) for w in v) for k, v in cues.items()},
        scores=scores,
        default_cameo=default_cameo,
        content_types=frozenset(plover["content_types"]),
        symmetric_types=frozenset(plover["symmetric_types"]),
        future_intent=future_intent,
        future_agree=frozenset(plover["future_agree"]),
        group_types=frozenset(plover["group_types"]),
        purpose_types=frozenset(plover.get("purpose_types") or ()),
        place_source_types=frozenset(plover.get("place_source_types") or ()),
        counterpart_types=frozenset(plover.get("counterpart_types") or ()),
        threat_types=frozenset(plover["future_intent"]["THREATEN"]) - {"PROTEST"},
        intent_cameo={str(k): str(v) for k, v in plover["intent_cameo"].items()},
        readiness_cameo=str(plover.get("readiness_cameo", plover["types"]["MOBILIZE"]["cameo"])),
        content_modes={k: dict(v) for k, v in plover["content_modes"].items()},
        target_preps=tuple(plover["target_preps"]),
        prep_ranks={p: i for i, p in enumerate(plover["target_preps"])},
        type_prep_ranks={
            t: {p: i for i, p in enumerate(ps)} for t, ps in (plover.get("type_target_preps") or {}).items()
        },
    )


#: The word lists the role rules read (``event_agents``, ``event_targets``, ``event_actors``).
ROLE_WORDS = DATA / "roles.yaml"


@functools.lru_cache(maxsize=1)
def role_words() -> dict[str, frozenset[str]]:
    """The word lists of ``data/events/roles.yaml`` (lemmas), by name."""
    with open(ROLE_WORDS, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return {k: frozenset(str(w) for w in v) for k, v in data.items()}
