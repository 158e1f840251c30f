"""TABARI/PETRARCH actor and agent dictionaries, read and converted into an eventwire actor file.

An ``.actors`` file is a series of records::

    GOLLUM              # primary phrase, optionally followed by its default [CODE]
    +SMEAGOL            # a synonym
        [HOB <950601]   # tab-indented code restrictions: before / after a date, or between
        [HOBGOV 19950601-19990815]
        [HOBREB >990816]
    ARNOR_ [ARN]        # words joined by "_"; a final "_" (TABARI: no stemming) is dropped

An ``.agents`` file gives sector nouns and the code they add to an actor's::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON      # a substitution marker
    FOREIGN_MINISTER [~GOVFRM]                     # "~CODE": added after the country code
    HUMAN_RIGHTS_BODY [NGO~]                       # "CODE~": added before it
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]    # an irregular plural; "{}": none
    CONGRESS!PERSON! [~LEG]                        # congressman, congressmen, ...

Comments start with ``#`` (TABARI also used ``;``); lines starting with ``<`` are XML comments,
which may run over several lines. Dates are YYYYMMDD or YYMMDD (two-digit years below 30 are
20xx). The null code ``---`` marks a name that is known but must not be coded.

``convert`` turns both into the mapping that ``eventwire.extract.kb.merge_user_file`` reads.
What eventwire cannot express is reported as warnings, not guessed: TABARI's stem matching
(``ARGENTIN`` for Argentina/Argentine: eventwire matches whole words), non-consecutive agent
words, several codes for one actor (``[ELR/GAL]``: the first is kept), and agent codes with no
eventwire sector.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError

#: TABARI/CAMEO 3-letter agent codes -> eventwire sector (kb.SECTORS), shared with the knowledge-base build.
AGENT_SECTORS: dict[str, str] = yaml.safe_load(
    (Path(__file__).resolve().parent.parent / "data" / "actors" / "agent_sectors.yaml").read_text(encoding="utf-8")
)

_BRACKET = re.compile(r"\[([^\]}]*)[\]}]")
_BRACES = re.compile(r"\{([^}]*)\}")
_MARKER_DEF = re.compile(r"^!([A-Za-z0-9]+)!\s*=\s*(.+)$")
_MARKER = re.compile(r"!([A-Za-z0-9]+)!")
_RESTRICTION = re.compile(
    r"\s*(?P<code>[^\s<>]+?)\s*(?:(?P<op>[<>])\s*(?P<date>\d+)|(?P<a>\d{6}|\d{8})\s*-\s*(?P<b>\d{6}|\d{8}))?\s*"
)
_CODE = re.compile(r"[A-Z][A-Z0-9]*(?:/[A-Z0-9]+)*")
_NULL_CODE = re.compile(r"[-#+]+")
#: Words kept in lower case inside a name ("Group of 77", "Prince of Dol Amroth").
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "de"})


@dataclass(frozen=True)
class CodeSpan:
    """One code of an actor, possibly restricted to a span of dates."""

    code: str | None
    """The code ("ARN", "HOBGOV"); None for the null code ``---``: known, never coded."""
    start: str = ""
    """ISO date the code begins to apply, or "" (always)."""
    end: str = ""
    """ISO date it stops applying (inclusive, as in PETRARCH), or "" (still applies)."""


@dataclass
class TabariActor:
    """One record of an ``.actors`` file."""

    name: str
    """The primary phrase as written ("ARNOR_")."""
    synonyms: list[str] = field(default_factory=list)
    codes: list[CodeSpan] = field(default_factory=list)
    line: int = 0
    """Line number of the primary phrase, for messages."""


@dataclass(frozen=True)
class TabariAgent:
    """One phrase of an ``.agents`` file (markers and plurals already expanded)."""

    phrase: str
    """Lower-case words separated by single spaces ("foreign minister")."""
    code: str
    """The agent code without its ``~`` ("GOVFRM")."""
    prefix: bool = False
    """True for ``CODE~``: the code goes before the actor's (organisations)."""
    line: int = 0


@dataclass
class Conversion:
    """An eventwire actor file built from TABARI dictionaries, and what did not carry over."""

    data: dict[str, Any]
    """``{"actors": [...], "agents": {...}}`` as ``merge_user_file`` reads it."""
    warnings: list[str] = field(default_factory=list)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Yield (line number, content) with comments removed; blank results are skipped.

    Leading whitespace is kept: in an actors file it marks a code restriction.
    """
    in_xml = False
    for n, raw in enumerate(text.splitlines(), start=1):
        if in_xml:
            in_xml = "-->" not in raw
            continue
        stripped = raw.strip()
        if stripped.startswith("<"):
            # a multi-line <!-- ... --> runs until its "-->"
            in_xml = stripped.startswith("<!") and "-->" not in stripped
            continue
        body = re.split(r"[#;]", raw, maxsplit=1)[0].rstrip()
        if body.strip():
            yield n, body


def parse_date(text: str) -> str:
    """A TABARI date (YYYYMMDD or YYMMDD; years below 30 are 20xx) as ISO.

    Args:
        text: the digits.

    Returns:
        The ISO date.

    Raises:
        ValueError: when it is not a valid date.
    """
    text = text.strip()
    if len(text) == 6 and text.isdigit():
        yy = int(text[:2])
        text = f"{2000 + yy if yy < 30 else 1900 + yy}{text[2:]}"
    if len(text) != 8 or not text.isdigit():
        raise ValueError(f"not a date: {text!r}")
    return date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()


def parse_code(text: str) -> CodeSpan:
    """The inside of a ``[...]`` code block: ``CODE``, ``CODE <date``, ``CODE >date``, ``CODE d1-d2``.

    Args:
        text: what is between the brackets.

    Returns:
        The code and its dates.

    Raises:
        ValueError: when the block is not of that form.
    """
    m = _RESTRICTION.fullmatch(text)
    if not m:
        raise ValueError(f"bad code block [{text.strip()}]")
    code = m["code"].upper()
    if _NULL_CODE.fullmatch(code):
        value: str | None = None
    elif _CODE.fullmatch(code):
        value = code
    else:
        raise ValueError(f"bad code block [{text.strip()}]")
    start = end = ""
    if m["op"] == "<":
        end = parse_date(m["date"])
    elif m["op"] == ">":
        start = parse_date(m["date"])
    elif m["a"]:
        start, end = parse_date(m["a"]), parse_date(m["b"])
    return CodeSpan(value, start, end)


def _codes(body: str, where: str, warnings: list[str]) -> list[CodeSpan]:
    out = []
    for block in _BRACKET.findall(body):
        try:
            out.append(parse_code(block))
        except ValueError as exc:
            warnings.append(f"{where}: {exc}; skipped")
    return out


def parse_actors(text: str, origin: str = "<string>") -> tuple[list[TabariActor], list[str]]:
    """Read the records of a TABARI/PETRARCH ``.actors`` file.

    Args:
        text: the file's content.
        origin: its name, for warnings.

    Returns:
        The actors in file order, and warnings about lines that could not be read.
    """
    actors: list[TabariActor] = []
    warnings: list[str] = []
    current: TabariActor | None = None
    for n, body in _lines(text):
        where = f"{origin}:{n}"
        codes = _codes(body, where, warnings)
        phrase = _BRACKET.sub(" ", body).strip()
        if body[0].isspace() and not phrase.startswith("+"):
            # an indented line holds code restrictions of the current record
            if current is None:
                warnings.append(f"{where}: code block before any actor; skipped")
                continue
            if phrase:
                warnings.append(f"{where}: text {phrase!r} beside a code block ignored")
            current.codes += codes
        elif phrase.startswith("+"):
            if current is None:
                warnings.append(f"{where}: synonym before any actor; skipped")
                continue
            if phrase[1:].strip():
                current.synonyms.append(phrase[1:].strip())
            current.codes += codes
        elif phrase:
            current = TabariActor(phrase, codes=codes, line=n)
            actors.append(current)
        else:
            warnings.append(f"{where}: a code block with no actor; skipped")
    return actors, warnings


def _expand(phrase: str, markers: dict[str, list[str]]) -> list[str]:
    """Every form of ``phrase`` with its ``!MARKER!`` substitutions made."""
    names = _MARKER.findall(phrase)
    if not names:
        return [phrase]
    if any(name.upper() not in markers for name in names):
        raise ValueError(f"undefined marker in {phrase!r}")
    pieces = _MARKER.split(phrase)  # text, name, text, name, ...
    out = []
    for combo in itertools.product(*(markers[name.upper()] for name in pieces[1::2])):
        out.append("".join(p if i % 2 == 0 else combo[i // 2] for i, p in enumerate(pieces)))
    return out


def agent_words(phrase: str) -> str:
    """An agent phrase as lower-case words (``FOREIGN_MINISTER`` -> ``foreign minister``)."""
    return " ".join(phrase.replace("_", " ").lower().split())


def parse_agents(text: str, origin: str = "<string>") -> tuple[list[TabariAgent], list[str]]:
    """Read a TABARI/PETRARCH ``.agents`` file.

    Args:
        text: the file's content.
        origin: its name, for warnings.

    Returns:
        One agent per phrase (singular, explicit plurals and marker substitutions), and warnings.
    """
    agents: list[TabariAgent] = []
    warnings: list[str] = []
    markers: dict[str, list[str]] = {}
    for n, body in _lines(text):
        where = f"{origin}:{n}"
        line = body.strip()
        marker = _MARKER_DEF.match(line)
        if marker:
            markers[marker[1].upper()] = [w.strip() for w in marker[2].split(",") if w.strip()]
            continue
        blocks = _BRACKET.findall(line)
        if len(blocks) != 1:
            warnings.append(f"{where}: expected one [code] in {line!r}; skipped")
            continue
        raw_code = blocks[0].strip()
        prefix = raw_code.endswith("~") and not raw_code.startswith("~")
        code = raw_code.strip("~").strip().upper()
        if not _CODE.fullmatch(code):
            warnings.append(f"{where}: bad agent code [{raw_code}]; skipped")
            continue
        head = _BRACES.sub(" ", _BRACKET.sub(" ", line))
        plurals = [p for b in _BRACES.findall(line) for p in b.split()]
        if " " in head.strip():
            warnings.append(f"{where}: {head.strip()!r}: words that may stand apart are read as consecutive")
        try:
            forms = [f for p in (head.strip(), *plurals) for f in _expand(p, markers)]
        except ValueError as exc:
            warnings.append(f"{where}: {exc}; skipped")
            continue
        for form in forms:
            words = agent_words(form)
            if words:
                agents.append(TabariAgent(words, code, prefix, n))
    return agents, warnings


def display_name(phrase: str) -> str:
    """A TABARI phrase as a name: ``NORTH_KOREA_`` -> ``North Korea``, ``U.S.`` stays.

    Words are title-cased (the knowledge base matches case-insensitively past acronyms);
    abbreviations with dots keep their capitals.
    """
    words = phrase.replace("_", " ").split()
    out = []
    for i, w in enumerate(words):
        if "." in w:
            out.append(w)
        elif i and w.lower() in _SMALL_WORDS:
            out.append(w.lower())
        else:
            out.append(w.title() if "-" in w else w.capitalize())
    return " ".join(out)


def actor_entry(actor: TabariActor, warnings: list[str], origin: str) -> dict[str, Any]:
    """The eventwire actor-file entry of one TABARI actor.

    Args:
        actor: the parsed record.
        warnings: where to note what does not carry over.
        origin: the file's name, for warnings.

    Returns:
        ``{"name", "aliases"?, "roles"}``; a record with only null codes keeps one empty role,
        so that its name is known but never coded (as in PETRARCH).
    """
    name = display_name(actor.name)
    aliases = []
    for syn in actor.synonyms:
        alias = display_name(syn)
        if alias != name and alias not in aliases:
            aliases.append(alias)
    roles = []
    for span in actor.codes:
        role: dict[str, str] = {}
        if span.code:
            code, *others = span.code.split("/")
            if others:
                warnings.append(f"{origin}:{actor.line}: {actor.name}: several codes {span.code}; kept {code}")
            role["code"] = code
        if span.start:
            role["start"] = span.start
        if span.end:
            role["end"] = span.end
        if role not in roles:
            roles.append(role)
    entry: dict[str, Any] = {"name": name}
    if aliases:
        entry["aliases"] = aliases
    entry["roles"] = roles or [{}]
    return entry


def agent_sector(agent: TabariAgent) -> str | None:
    """The eventwire sector of an agent code: its first 3-letter part with one (``MUSUAF`` -> CVL)."""
    chunks = [agent.code[i : i + 3] for i in range(0, len(agent.code), 3)]
    return next((AGENT_SECTORS[c] for c in chunks if c in AGENT_SECTORS), None)


def convert(actors: Sequence[TabariActor], agents: Sequence[TabariAgent] = (), *, origin: str = "<string>") -> Conversion:
    """Build the eventwire actor file from parsed TABARI actors and agents.

    Args:
        actors: from ``parse_actors``.
        agents: from ``parse_agents``.
        origin: where they came from, for warnings.

    Returns:
        The mapping for ``merge_user_file`` and the warnings.
    """
    warnings: list[str] = []
    entries = [actor_entry(a, warnings, origin) for a in actors]
    table: dict[str, str] = {}
    for agent in agents:
        sector = agent_sector(agent)
        if sector is None:
            warnings.append(f"agent {agent.phrase!r}: code {agent.code} has no eventwire sector; skipped")
        elif table.setdefault(agent.phrase, sector) != sector:
            warnings.append(f"agent {agent.phrase!r}: also {sector}; kept {table[agent.phrase]}")
    data: dict[str, Any] = {"actors": entries}
    if table:
        data["agents"] = table
    return Conversion(data, warnings)


def convert_files(actors_path: Path, agents_path: Path | None = None) -> Conversion:
    """Read a TABARI ``.actors`` file (and optionally an ``.agents`` file) and convert them.

    Args:
        actors_path: the actors dictionary.
        agents_path: the agents dictionary, or None.

    Returns:
        The conversion, with the readers' warnings first.

    Raises:
        ConfigError: when a file cannot be read.
    """
    def read(path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise ConfigError(f"cannot read {path}: {exc}") from exc

    actors, warnings = parse_actors(read(actors_path), str(actors_path))
    agents: list[TabariAgent] = []
    if agents_path is not None:
        agents, agent_warnings = parse_agents(read(agents_path), str(agents_path))
        warnings += agent_warnings
    result = convert(actors, agents, origin=str(actors_path))
    result.warnings[:0] = warnings
    return result


def write_actor_file(conversion: Conversion, path: Path, note: str = "") -> None:
    """Write the converted actor file as YAML.

    Args:
        conversion: from ``convert`` or ``convert_files``.
        path: the file to write (its folder is created).
        note: a comment line put at the top (e.g. where it was converted from).
    """
    write_yaml(conversion.data, path, note)


def write_yaml(data: object, path: Path, note: str = "", *, width: int = 80) -> None:
    """Write converted data as YAML with an optional comment line on top (its folder is created)."""
    header = f"# {note}\n" if note else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=width), encoding="utf-8")
