"""TABARI/PETRARCH verb dictionaries, read and converted into eventwire trigger senses.

A verbs file has synonym sets, then blocks of synonymous verbs, each with its patterns::

    &CURRENCY                   # a synonym set: its members follow, one a line
    +DOLLAR
    +SWISS_FRANC                # "_" (or a blank) joins words that must be consecutive
    +&ALTCURR                   # the members of another set
    &AUXVERB_                   # a final "_": no plurals are made for the members

    --- GRANT  [070] ---        # a block: its name and the code of its verbs ([---]: none)
    GRANT                       # the regular forms (S, ED, ING) are made
    GIVE {GAVE GIVEN GIVING}    # irregular forms: all of them, none made
    LEND [071]                  # a verb's own code beats the block's
    +HAND_OVER                  # a multi-word verb: "+" marks the verb (WIRE_+TAP)
    - * LOAN  [071]             # a pattern: "*" is the verb; its code when the words are there
    - * &CURRENCY  [071]        # a set stands for each of its members
    - * (TO)  [042:043]         # (PREP NOUN...) a prepositional phrase; codes are ACTIVE:PASSIVE
    - * CARD  [---]             # with this word the verb is no event
    ~ a (a b WILL_ATTACK) SAY = a b 138     # a transformation

Comments start with ``#`` (TABARI also used ``;``); ``<!-- -->`` comments may run over lines.
As in PETRARCH2, a block's patterns belong to its name (blocks of one name share them), a word
listed twice keeps its first entry, and of two patterns giving the same phrase the later wins.

``convert`` turns a dictionary into the trigger sections of an eventwire lexicon (``verbs``,
``phrases``, ``not_events``: the format of ``data/events/lexicon.yaml``), each code mapped to a
PLOVER type and mode with the CAMEO2PLOVER table (``cameo``), at a moderate weight so that
eventwire's own entries win where both have one (``extract.lexicon.merge_user_lexicon``):

- a single-word verb with a code -> ``verbs``; a two-word verb (``+CORDON_OFF``) -> a phrase;
- ``- * WORD [code]`` (an object, a particle, an adverb) and ``- * (PREP) [code]`` -> the
  phrase "verb word" for each single-word verb of the block and each member of a set;
- the same with the null code ``[---]`` -> "verb word" in ``not_events``.

What eventwire cannot express is counted and reported as warnings, not guessed: words before
the verb (PETRARCH's subject side), more than one word after it, noun phrases in braces,
prepositional phrases with an object, actor markers (``$ + % ^``), codes with only a passive
part (``[:173]``), verbs of three words or more, and the transformations. Codes with no PLOVER
type (CAMEO 01x and 02x, WEIS and test codes such as 223 or 903) are skipped and counted.

Eventwire looks triggers up by lemma, so a verb is keyed by the word as the dictionary writes
it: the forms are kept for the record, and a word written in an inflected form (TABARI's
``SAID``) matches only where that form is its own lemma.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from . import cameo
from .tabari import _lines, write_yaml

#: The weight of a dictionary's senses: below most of eventwire's own (0.8), above its floor (0.3).
WEIGHT = 0.6

_BRACKET = re.compile(r"\[([^\]]*)\]")
_WORD_LINE = re.compile(
    r"^(?P<word>\+?[A-Za-z0-9][\w'+.&/-]*(?:\s+[A-Za-z][\w'+.-]*)*?)\s*"
    r"(?:\{(?P<forms>[^}]*)\})?\s*(?:\[(?P<code>[^\]]*)\])?\s*$"
)
_PATTERN_CODE = re.compile(r"\[([^\]]*)\]\s*$")
_DEPENDENT = re.compile(r"[a-z0-9][a-z0-9'.-]*")
_MARKERS = frozenset("$+%^")
_SET_REF = re.compile(r"&([A-Za-z0-9]+)")


@dataclass(frozen=True)
class TabariVerb:
    """One verb of a block (a word line)."""

    words: tuple[str, ...]
    """Its words in lower case: ("grant",), ("cordon", "off"), ("wire", "tap")."""
    verb: int
    """Which of ``words`` is the verb (the one marked "+" in a multi-word verb)."""
    forms: tuple[str, ...]
    """The verb word's forms: the ``{...}`` irregular ones, or the regular ones made from it."""
    code: str
    """The code as written inside ``[...]``, its own or its block's ("070", "031:032", "---")."""
    block: str
    """The name of its block ("GRANT")."""
    line: int = 0

    @property
    def lemma(self) -> str:
        """The verb word ("cordon" in CORDON_OFF)."""
        return self.words[self.verb]


@dataclass(frozen=True)
class TabariPattern:
    """One pattern line of a block."""

    block: str
    text: str
    """The pattern between its "-" and its code ("* &CURRENCY")."""
    code: str
    """The code as written inside ``[...]``."""
    line: int = 0


@dataclass
class VerbDictionary:
    """A parsed verbs file."""

    verbs: list[TabariVerb] = field(default_factory=list)
    patterns: list[TabariPattern] = field(default_factory=list)
    synsets: dict[str, list[str]] = field(default_factory=dict)
    """Set name without "&" or final "_" ("CURRENCY") -> members as written, "_" and blanks as one blank."""
    synset_lines: dict[str, int] = field(default_factory=dict)
    """Set name -> the line it is defined on (a set must be defined before a pattern uses it)."""
    transformations: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class VerbConversion:
    """An eventwire trigger lexicon built from a verbs dictionary, and what did not carry over."""

    data: dict[str, Any]
    """``{"verbs": {...}, "phrases": {...}, "not_events": [...]}`` in the lexicon.yaml format."""
    counts: Counter[str] = field(default_factory=Counter)
    """What was read and written: verbs_read, verbs, phrases, not_events, synsets, synsets_used,
    synsets_in_patterns, patterns, patterns_converted, patterns_not_expressible, codes_unmapped,
    transformations."""
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line of the main counts."""
        c = self.counts
        return (f"{c['verbs']} verbs, {c['phrases']} phrases, {c['not_events']} non-event phrases "
                f"from {c['verbs_read']} verbs, {c['patterns']} patterns and {c['synsets']} synsets "
                f"({c['synsets_in_patterns']} in patterns, {c['synsets_used']} converted); "
                f"{c['patterns_not_expressible']} patterns not expressible, "
                f"{c['codes_unmapped']} entries with a code of no PLOVER type, "
                f"{c['transformations']} transformations not expressible")


def regular_forms(word: str) -> tuple[str, ...]:
    """The regular forms of a verb, made the way PETRARCH2 makes them (S/ES/IES, D/ED, ING)."""
    if word.endswith(("s", "x", "z")):
        third = word + "es"
    elif word.endswith("y") and len(word) > 1:
        third = word[:-1] + "ies"
    else:
        third = word + "s"
    past = word + ("d" if word.endswith("e") else "ed")
    ing = word[:-1] + "ing" if word.endswith("e") and len(word) > 1 and word[-2] not in "aeiou" else word + "ing"
    return (word, third, past, ing)


def _split_words(phrase: str) -> list[str]:
    return [w for w in re.split(r"[_\s]+", phrase) if w]


def _verb_entry(line: str, block: str, block_code: str, n: int, where: str, warnings: list[str]) -> TabariVerb | None:
    m = _WORD_LINE.match(line)
    if not m:
        warnings.append(f"{where}: {line!r} is not a verb, a pattern or a synonym set; skipped")
        return None
    raw = m["word"].rstrip("_")
    parts = _split_words(raw)
    marked = [i for i, p in enumerate(parts) if p.startswith("+")]
    verb = marked[0] if marked else 0
    if len(parts) > 1 and not marked:
        warnings.append(f"{where}: {raw!r}: no '+' marks the verb of a multi-word verb; "
                        "read the first word as the verb")
    words = tuple(p.lstrip("+").lower() for p in parts)
    if m["forms"] is not None:
        forms = [words[verb]]
        for form in m["forms"].split():
            form_parts = _split_words(form)
            plus = [p for p in form_parts if p.startswith("+")]
            chosen = plus[0] if plus else (form_parts[verb] if verb < len(form_parts) else form_parts[0])
            forms.append(chosen.lstrip("+").lower())
        all_forms = tuple(dict.fromkeys(forms))
    else:
        all_forms = regular_forms(words[verb])
    code = (m["code"] if m["code"] is not None else block_code).strip()
    return TabariVerb(words, verb, all_forms, code, block, n)


def parse_verbs(text: str, origin: str = "<string>") -> VerbDictionary:
    """Read a TABARI/PETRARCH verbs file.

    Args:
        text: the file's content.
        origin: its name, for warnings.

    Returns:
        Its verbs, patterns and synonym sets in file order, with warnings about lines that could
        not be read.
    """
    out = VerbDictionary()
    block: str | None = None
    block_code = "---"
    synset: str | None = None
    for n, body in _lines(text):
        where = f"{origin}:{n}"
        line = body.strip()
        if line.startswith("---"):
            header = line[3:].strip()
            if header.endswith("---"):
                header = header[:-3].strip()
            codes = _BRACKET.findall(header)
            block = " ".join(_BRACKET.sub(" ", header).split()) or f"line {n}"
            block_code = codes[0].strip() if codes else "---"
            if len(codes) > 1:
                out.warnings.append(f"{where}: block {block}: several codes; kept the first [{block_code}]")
            synset = None
        elif line.startswith("~"):
            out.transformations += 1
        elif line.startswith("&"):
            synset = line.split()[0][1:].rstrip("_").upper()
            out.synsets.setdefault(synset, [])
            out.synset_lines.setdefault(synset, n)
        elif line.startswith("+") and synset is not None:
            member = " ".join(_split_words(line[1:].strip().rstrip("_")))
            if member:
                out.synsets[synset].append(member)
        elif line.startswith("-"):
            synset = None
            if block is None:
                out.warnings.append(f"{where}: a pattern before any block; skipped")
                continue
            m = _PATTERN_CODE.search(line)
            if not m:
                out.warnings.append(f"{where}: pattern {line!r} has no [code]; skipped")
                continue
            out.patterns.append(TabariPattern(block, line[1 : m.start()].strip(), m[1].strip(), n))
        else:
            synset = None
            if block is None:
                out.warnings.append(f"{where}: a verb before any block; skipped")
                continue
            entry = _verb_entry(line, block, block_code, n, where, out.warnings)
            if entry is not None:
                out.verbs.append(entry)
    return out


def split_code(code: str) -> tuple[str | None, str | None]:
    """A verb code's active and passive parts ("031:032" -> ("031", "032")); None for none or null."""
    active, _, passive = code.partition(":")
    null = ("", "---")
    return (None if active.strip() in null else active.strip()), (None if passive.strip() in null else passive.strip())


def known_modes() -> dict[str, frozenset[str]]:
    """PLOVER type -> the modes eventwire knows for it (``data/events/plover.yaml``)."""
    from ..extract.lexicon import load

    modes: dict[str, set[str]] = {}
    for type_, mode in load().scores:
        modes.setdefault(type_, set())
        if mode:
            modes[type_].add(mode)
    return {t: frozenset(m) for t, m in modes.items()}


class _Senses:
    """Codes -> sense strings, counting and noting what maps to nothing."""

    def __init__(
        self, table: dict[str, tuple[str, str | None]], modes: dict[str, frozenset[str]], weight: float
    ) -> None:
        self.table, self.modes, self.weight = table, modes, weight
        self.unmapped: Counter[str] = Counter()
        self.dropped_modes: Counter[str] = Counter()

    def sense(self, code: str) -> str | None:
        """The sense string of an active code, or None when it maps to no PLOVER type (counted)."""
        found = cameo.lookup(code, self.table)
        if found is None or found[0] not in self.modes:
            self.unmapped[code] += 1
            return None
        type_, mode = found
        if mode and mode not in self.modes[type_]:
            self.dropped_modes[f"{type_}:{mode}"] += 1
            mode = None
        # the code's digits as eventwire writes CAMEO: "174K" -> 174, a root "15" -> 150
        digits = "".join(itertools.takewhile(str.isdigit, code))
        digits = (digits + "0" if len(digits) == 2 else digits)[:4]
        return f"{type_}{':' + mode if mode else ''} {digits} {self.weight:g}"


def _members(name: str, dictionary: VerbDictionary, seen: frozenset[str] = frozenset()) -> list[str]:
    """Every member of a set, the members of sets inside it included (each once)."""
    out: list[str] = []
    for member in dictionary.synsets.get(name, ()):
        if member.startswith("&"):
            inner = member[1:].rstrip("_").upper()
            if inner in dictionary.synsets and inner not in seen:
                out += _members(inner, dictionary, seen | {name})
        else:
            out.append(member)
    return list(dict.fromkeys(out))


def pattern_dependents(pattern: TabariPattern, dictionary: VerbDictionary) -> tuple[list[str], str | None, str | None]:
    """The words a pattern wants as the verb's one dependent.

    Args:
        pattern: the pattern.
        dictionary: for its synonym sets.

    Returns:
        (words, reason, synset): the dependent words in lower case (several for a set), the reason
        the pattern is not expressible as "verb word" (then no words), and the set it uses.
    """
    # TABARI's "IN_*" / "*_OUT" (consecutive) and PETRARCH2's "XXX_ " (open) read as blanks
    text = pattern.text.replace("_*", " *").replace("*_", "* ").replace("_ ", " ")
    if text.count("*") != 1:
        return [], "no single '*' for the verb", None
    before, after = (part.split() for part in text.split("*"))
    if before:
        return [], "words before the verb (the subject side)", None
    if not after:
        return [], "no word around the verb", None
    if any(_MARKERS & set(token) for token in after):
        return [], "actor markers ($ + % ^)", None
    if len(after) > 1:
        first = after[0]
        if first.startswith("("):
            return [], "a prepositional phrase with an object", None
        if first.startswith("{"):
            return [], "a noun phrase of several words", None
        return [], "several words after the verb", None
    token = after[0]
    if token.startswith("(") and token.endswith(")"):
        token = token[1:-1]  # "* (TO)": the preposition alone
    elif token.startswith("{") and token.endswith("}"):
        token = token[1:-1]
    token = token.strip("_")
    if "_" in token or not token:
        return [], "several words after the verb", None
    if token.startswith("&"):
        name = token[1:].rstrip("_").upper()
        if name not in dictionary.synsets:
            return [], f"undefined synonym set &{name}", None
        if dictionary.synset_lines[name] > pattern.line:
            return [], f"synonym set &{name} used before it is defined", None
        words = [m.lower() for m in _members(name, dictionary) if " " not in m]
        words = [w for w in words if _DEPENDENT.fullmatch(w)]
        if not words:
            return [], f"synonym set &{name} has only members of several words", None
        return words, None, name
    word = token.lower()
    if not _DEPENDENT.fullmatch(word):
        return [], f"{token!r} is not a word", None
    return [word], None, None


def convert(
    dictionary: VerbDictionary,
    table: dict[str, tuple[str, str | None]],
    *,
    modes: dict[str, frozenset[str]] | None = None,
    weight: float = WEIGHT,
    origin: str = "<string>",
) -> VerbConversion:
    """Build eventwire trigger senses from a parsed verbs dictionary.

    Args:
        dictionary: from ``parse_verbs``.
        table: CAMEO -> (PLOVER type, mode), from ``cameo.read_table``.
        modes: PLOVER type -> the modes eventwire knows (default ``known_modes()``); a mode it
            does not know is dropped, the type kept.
        weight: the weight of every sense written.
        origin: where the dictionary came from, for warnings.

    Returns:
        The lexicon sections, the counts and the warnings (the reader's first).
    """
    senses = _Senses(table, modes if modes is not None else known_modes(), weight)
    counts: Counter[str] = Counter()
    warnings = list(dictionary.warnings)
    verbs: dict[str, str] = {}
    pairs: dict[tuple[str, str], str | None] = {}  # (verb, word) -> sense, None: no event; later patterns win
    block_verbs: dict[str, list[str]] = {}
    long_verbs: dict[str, list[str]] = {}
    seen_words: set[tuple[str, ...]] = set()

    counts["verbs_read"] = len(dictionary.verbs)
    for entry in dictionary.verbs:
        where = f"{origin}:{entry.line}"
        if entry.words in seen_words:
            counts["verbs_repeated"] += 1
            continue  # the first entry of a word wins
        seen_words.add(entry.words)
        if len(entry.words) == 1:
            # a verb takes the patterns of the block of its first entry, as in PETRARCH2
            block_verbs.setdefault(entry.block, []).append(entry.lemma)
        else:
            long_verbs.setdefault(entry.block, []).append(" ".join(entry.words))
        if len(entry.words) > 2:
            counts["verbs_not_expressible"] += 1
            warnings.append(f"{where}: verb {'_'.join(entry.words)!r}: three words or more; not expressible")
            continue
        active, passive = split_code(entry.code)
        if active is None:
            if passive is not None:
                counts["verbs_not_expressible"] += 1
                warnings.append(f"{where}: verb {entry.lemma!r}: only a passive code [{entry.code}]; "
                                "not expressible")
            else:
                counts["verbs_null"] += 1
            continue
        sense = senses.sense(active)
        if sense is None:
            counts["verbs_unmapped"] += 1
            continue
        if len(entry.words) == 1:
            verbs.setdefault(entry.lemma, sense)
        else:
            other = entry.words[1 - entry.verb]
            pairs.setdefault((entry.lemma, other), sense)

    used_synsets: set[str] = set()
    counts["patterns"] = len(dictionary.patterns)
    for pattern in dictionary.patterns:
        where = f"{origin}:{pattern.line}"
        words, reason, synset = pattern_dependents(pattern, dictionary)
        active, passive = split_code(pattern.code)
        if reason is None and active is None and passive is not None:
            reason = f"only a passive code [{pattern.code}]"
        if reason is not None:
            counts["patterns_not_expressible"] += 1
            warnings.append(f"{where}: pattern '- {pattern.text} [{pattern.code}]' of {pattern.block}: "
                            f"{reason}; not expressible")
            continue
        if active is None:
            sense = None
        else:
            sense = senses.sense(active)
            if sense is None:
                counts["patterns_unmapped"] += 1
                continue
        if synset:
            used_synsets.add(synset)
        counts["patterns_converted"] += 1
        for verb in block_verbs.get(pattern.block, ()):
            for word in words:
                if word != verb:
                    pairs[(verb, word)] = sense
    for block, names in long_verbs.items():
        if any(p.block == block for p in dictionary.patterns):
            warnings.append(f"block {block}: its patterns are not applied to the multi-word verb(s) "
                            f"{', '.join(names)}: the phrase would have three words")

    counts["synsets"] = len(dictionary.synsets)
    counts["synsets_used"] = len(used_synsets)
    counts["synsets_in_patterns"] = len({name for p in dictionary.patterns for name in _SET_REF.findall(p.text)})
    counts["transformations"] = dictionary.transformations
    counts["codes_unmapped"] = counts["verbs_unmapped"] + counts["patterns_unmapped"]
    if dictionary.transformations:
        warnings.append(f"{origin}: {dictionary.transformations} transformations (~ lines): not expressible")
    if senses.unmapped:
        listed = ", ".join(f"{code} ({n})" for code, n in sorted(senses.unmapped.items()))
        warnings.append(f"{origin}: codes with no PLOVER type, {counts['codes_unmapped']} entries skipped: {listed}")
    if senses.dropped_modes:
        listed = ", ".join(f"{mode} ({n})" for mode, n in sorted(senses.dropped_modes.items()))
        warnings.append(f"{origin}: modes eventwire does not know, the type kept: {listed}")

    phrases = {f"{a} {b}": s for (a, b), s in pairs.items() if s is not None}
    not_events = [f"{a} {b}" for (a, b), s in pairs.items() if s is None]
    counts["verbs"], counts["phrases"], counts["not_events"] = len(verbs), len(phrases), len(not_events)
    data: dict[str, Any] = {"verbs": verbs, "phrases": phrases, "not_events": not_events}
    return VerbConversion(data, counts, warnings)


def read_text(path: Path) -> str:
    """A dictionary file's text.

    Raises:
        ConfigError: when it cannot be read.
    """
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc


def convert_file(path: Path, table_path: Path | None = None) -> VerbConversion:
    """Read a TABARI/PETRARCH verbs file and convert it.

    Args:
        path: the verbs dictionary.
        table_path: ``CAMEO2PLOVER-2021.txt``; default: the one in the shared data folder
            (setting ``shared``).

    Returns:
        The conversion.

    Raises:
        ConfigError: when the dictionary or the table cannot be read.
    """
    if table_path is None:
        from ..config import load_settings

        table_path = load_settings().shared / cameo.TABLE
    if not table_path.is_file():
        raise ConfigError(f"the CAMEO to PLOVER table is not at {table_path}: point the setting shared "
                          f"(EVENTWIRE_SHARED) at the shared data folder to convert {path}")
    try:
        table = cameo.read_table(table_path)
    except OSError as exc:
        raise ConfigError(f"cannot read {table_path}: {exc}") from exc
    return convert(parse_verbs(read_text(path), str(path)), table, origin=str(path))


def write_lexicon_file(conversion: VerbConversion, path: Path, note: str = "") -> None:
    """Write the converted triggers as a YAML lexicon (what the setting ``verbs_file`` reads).

    Args:
        conversion: from ``convert`` or ``convert_file``.
        path: the file to write (its folder is created).
        note: a comment line put at the top (e.g. where it was converted from).
    """
    write_yaml(conversion.data, path, note, width=120)
