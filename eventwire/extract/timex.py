"""Temporal expressions: find them, normalise them TIMEX3-style, and date events.

``find_timexes`` runs the patterns of ``timex_patterns`` over the text, keeps
the longest non-overlapping matches, merges neighbours that form one
expression ("in November in 2022", "8 a.m. Friday"), and resolves each
against the document date with the tense of the verb that governs it
(``timex_values``). ``event_date`` gives an event trigger the date of the
expression that governs it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from spacy.attrs import IDX, LOWER
from spacy.tokens import Doc, Span, Token

from ..records import EventDate, Timex
from .timex_patterns import Candidate, find_candidates
from .timex_values import Context, normalise, relative_duration, week

#: Head lemmas whose complement is something still to come ("plans to launch", "is due to arrive").
_PLANNING = frozenset(
    "plan expect schedule due set intend aim hope want prepare agree decide promise vow pledge "
    "threaten seek propose go likely poised slate ready scheduled expected".split()
)
_FUTURE_AUX = frozenset("will 'll shall wo would could might may should must".split())
#: Words on the path from an expression to its verb, or just before it, that point ahead
#: ("payable Dec. 7", "effective Feb. 1", "as early as Tuesday", "until Friday").
_FUTURE_CUES = frozenset("payable effective due until till scheduled slated expected upcoming starting beginning early soon".split())
#: Dependency labels that start a clause of their own.
_CLAUSE_DEPS = frozenset("ROOT ccomp advcl relcl conj parataxis csubj xcomp".split())
#: Kinds whose value depends on the tense of the governing verb.
_TENSED = frozenset("date month weekday holiday season relative quarter".split())
#: Entity labels under which a four-digit number is not a year.
_NOT_YEAR = frozenset("MONEY PERCENT QUANTITY".split())

#: Words just before an expression that put it ahead: "until Friday", "payable Dec. 7", "as early as Tuesday".
_FUTURE_BEFORE = re.compile(r"(?i:\b(?:until|till|by|effective|payable|as\s+(?:early|soon)\s+as)\s+(?:the\s+)?)$")
_GAP_MERGE = re.compile(r"(?:,?\s+|\s+(?:in|of|on|at)\s+|,\s*|'s\s+)")
_REF_DATE = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?(?:T.*)?")
_DAY_VALUE = re.compile(r"(?:\d{4}|XXXX)-\d\d-\d\d|\d{4}-W\d\d-\d|XXXX-WXX-\d")


@dataclass
class _Found:
    """A candidate with its resolved type and value, before it becomes a record."""

    start: int
    end: int
    kind: str
    type: str
    value: str | None


def find_timexes(doc: Doc, anchor: str | None) -> list[Timex]:
    """Every temporal expression in ``doc``, typed and normalised TIMEX3-style.

    Args:
        doc: the parsed document.
        anchor: the document date (ISO ``YYYY-MM-DD``, a datetime is cut to its date), or None:
            relative expressions then keep X's (``XXXX-11-30``), never anchored on today.

    Returns:
        Timex records in text order, offsets into ``doc.text``.
    """
    anchor_date = _parse_anchor(anchor)
    text = doc.text  # Doc.text rebuilds the string on every access
    words = doc.to_array([LOWER, IDX]).tolist()
    chosen = _choose(doc, find_candidates(text, words))
    found: list[_Found] = []
    ref_quarter: int | None = None
    ref: str | None = None
    for c, span in chosen:
        tense = _tense(text, span, c) if c.kind in _TENSED and anchor_date is not None else None
        type_, value = normalise(c, Context(anchor_date, tense, ref_quarter, ref))
        # The last date talked about, which "the following year" and "that day" count from.
        if value and type_ in ("DATE", "TIME") and _REF_DATE.fullmatch(value):
            ref = value
        # The reference period "a year earlier" compares with: the last quarter talked about,
        # until the text moves on to a year or a stretch of months ("the first nine months").
        if value and (m := re.fullmatch(r"\d{4}-Q(\d)", value)):
            ref_quarter = int(m.group(1))
        elif value and c.kind not in ("ago", "yearago") and re.fullmatch(r"\d{4}|P\d+M", value):
            ref_quarter = None
        end = c.end
        if c.kind == "ago" and relative_duration(c.parts):
            # The duration ends before the word that orders it ("three days| after the vote").
            head = text[c.start : c.end]
            end = c.start + len(head[: head.rfind(c.parts["dir"])].rstrip())
        found.append(_Found(c.start, end, c.kind, type_, value))
    found = _merge(text, found)
    return [Timex(text[f.start : f.end], f.start, f.end, f.type, f.value) for f in found]


def _parse_anchor(anchor: str | None) -> dt.date | None:
    if not anchor:
        return None
    try:
        return dt.date.fromisoformat(anchor[:10])
    except ValueError:
        return None


def _choose(doc: Doc, candidates: list[Candidate]) -> list[tuple[Candidate, Span]]:
    """The longest non-overlapping candidates that the parse does not rule out, with their spans."""
    kept: list[tuple[Candidate, Span]] = []
    taken = bytearray(max((c.end for c in candidates), default=0))
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if any(taken[c.start : c.end]):
            continue
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is None or len(span) == 0 or not _plausible(doc, c, span):
            continue
        kept.append((c, span))
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    return sorted(kept, key=lambda cs: cs[0].start)


def _plausible(doc: Doc, c: Candidate, span: Span) -> bool:
    """Whether the words a pattern matched are used as a time expression here."""
    first = span[0]
    if c.kind == "year" and first.ent_type_ in _NOT_YEAR:
        return False
    if c.kind == "month" and "year" not in c.parts and c.parts["month"] == "May" and span[-1].tag_ == "MD":
        return False
    if c.kind == "season" and "year" not in c.parts and "syear" not in c.parts:
        word = span[-1]
        # "prices fall", "the fall of the regime", "hot spring"
        if word.pos_ != "NOUN" and word.pos_ != "PROPN":
            return False
        if word.i + 1 < len(doc) and doc[word.i + 1].lower_ == "of":
            return False
    if c.kind == "deictic" and c.parts["word"].lower() == "soon":
        # "will soon begin" looks ahead; "was soon released", "as soon as", "soon after" do not.
        before = doc[first.i - 1].lower_ if first.i > 0 else ""
        after = doc[first.i + 1].lower_ if first.i + 1 < len(doc) else ""
        verb = _governing_verb(span)
        return before != "as" and after not in ("as", "after") and verb is not None and _verb_tense(verb) == "future"
    if c.kind == "deictic" and c.parts["word"].lower() == "current":
        # "current" alone is PRESENT_REF only as a predicate or before a time word.
        return first.dep_ not in ("amod", "compound") or first.head.lower_ in ("level", "levels", "rate", "rates")
    if c.kind == "duration" and c.parts["unit"].lower() == "second" and "plural" not in c.parts:
        return False  # "the 1988 second quarter", "a second time"
    if c.kind == "duration" and c.parts.get("num", "").lower() in ("a", "an"):
        unit = c.parts["unit"].lower()
        before = doc[first.i - 1] if first.i > 0 else None
        # "a second time", "a quarter of", "$5 a year", "four flights a week": rates and fractions.
        if unit == "second" or (unit == "quarter" and span.end < len(doc) and doc[span.end].lower_ == "of"):
            return False
        if before is not None and (before.like_num or before.tag_ in ("NNS", "$", "CD") or before.lower_ in ("million", "billion", "%")):
            return False
    if c.kind == "duration" and c.parts["unit"].lower() == "quarter" and "-" in doc.text[c.start : c.end]:
        return False  # "three-quarters of"
    return True


def _tense(text: str, span: Span, c: Candidate) -> str | None:
    """The tense of the verb governing a candidate: past, future, present or None."""
    verb = _governing_verb(span)
    # A past perfect looks back from a past moment, whatever else points ahead:
    # "had been due to expire Friday", "until Thursday they had not called him".
    if verb is not None and _past_perfect(verb):
        return "past"
    if _FUTURE_BEFORE.search(text, max(0, c.start - 24), c.start):
        return "future"
    if c.kind == "weekday" and text.startswith("'s", c.end):
        return None  # "Wednesday's ruling" names something that has happened
    token = span.root
    while (verb is None or token.i != verb.i) and token.head.i != token.i:
        token = token.head
        if token.lower_ in _FUTURE_CUES or token.lemma_.lower() in _FUTURE_CUES:
            return "future"
        # A planning word above the verb ("due to arrive") looks ahead; the verb's own
        # modifiers do not ("agreed in April").
        if token.lemma_ in _PLANNING and (verb is None or token.i != verb.i):
            return "future"
    return None if verb is None else _verb_tense(verb)


def _governing_verb(span: Span) -> Token | None:
    token = span.root
    for _ in range(8):
        if token.head.i == token.i:
            return token if token.pos_ in ("VERB", "AUX") else None
        token = token.head
        if token.pos_ in ("VERB", "AUX") and not (span.start <= token.i < span.end):
            return token
    return None


def _past_perfect(verb: Token) -> bool:
    """Whether a verb, or the verb its infinitive or predicate hangs from, is in the past perfect."""
    token = verb
    for _ in range(3):
        if any(t.dep_ in ("aux", "auxpass") and t.lower_ == "had" for t in token.children):
            return True
        if token.dep_ not in ("xcomp", "acomp", "ROOT") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _verb_tense(verb: Token) -> str | None:
    auxes = [t for t in verb.children if t.dep_ in ("aux", "auxpass")]
    if any(t.lower_ in _FUTURE_AUX for t in auxes):
        return "future"
    if any(t.lower_ == "going" for t in auxes) or (verb.lower_ == "going" and any(t.dep_ == "xcomp" for t in verb.children)):
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_ in _PLANNING:
        return "future"
    if any(t.lower_ == "to" for t in auxes) and verb.head.lemma_ == "be":
        return "future"  # "is to resume trading Tuesday"
    if any(t.lower_ == "to" for t in auxes) and verb.head.i != verb.i:
        head = _verb_tense(verb.head) if verb.head.pos_ in ("VERB", "AUX") else None
        # "asked him to testify on Feb. 10": what a past verb asks for comes after it, maybe
        # after the document date too; only the nearest reading is safe.
        return None if head == "past" else head
    if verb.tag_ == "VBD" or any(t.tag_ == "VBD" for t in auxes):
        return "past"
    if verb.tag_ in ("VBN", "VBG") and any(t.lemma_ == "have" for t in auxes):
        return "past"  # "has agreed", "have been searching since"
    if verb.tag_ == "VBG" and any(t.lemma_ == "be" and t.tag_ in ("VBZ", "VBP") for t in auxes):
        return "future"
    if verb.tag_ in ("VBZ", "VBP") or any(t.tag_ in ("VBZ", "VBP") for t in auxes):
        return "present"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return "past"
    return None


def _merge(text: str, found: list[_Found]) -> list[_Found]:
    """Join neighbours that make one expression: "November in 2022", "8 a.m. Friday"."""
    out: list[_Found] = []
    for f in found:
        if out and _GAP_MERGE.fullmatch(text[out[-1].end : f.start]):
            joined = _join(out[-1], f, text[out[-1].end : f.start])
            if joined is not None:
                out[-1] = joined
                continue
        out.append(f)
    return out


def _join(a: _Found, b: _Found, gap: str) -> _Found | None:
    """The one expression two neighbours make, or None when they stay apart."""
    if a.value is None or b.value is None:
        return None
    if "'" in gap and not (a.kind == "relative" and b.kind in ("quarter", "half")):
        return None
    # A month or day without its year, then the year: the year is the explicit one.
    if a.kind in ("month", "date", "holiday", "season") and b.kind == "year" and a.value[4:5] == "-":
        if re.fullmatch(r"(?:\d{4}|XXXX)-\d\d(?:-\d\d)?|(?:\d{4}|XXXX)-(?:SP|SU|FA|WI)", a.value):
            return _Found(a.start, b.end, a.kind, "DATE", b.value + a.value[4:])
    # "this year's third quarter", "next year's first quarter": the quarter of that year.
    if a.kind == "relative" and re.fullmatch(r"\d{4}", a.value) and b.kind in ("quarter", "half"):
        if m := re.fullmatch(r"(?:\d{4}|XXXX)(-[QH]\d)", b.value):
            return _Found(a.start, b.end, "quarter", "DATE", a.value + m.group(1))
    # "February this year", "July last year", "April next year".
    if a.kind in ("month", "date") and b.kind == "relative" and re.fullmatch(r"\d{4}", b.value):
        if re.fullmatch(r"(?:\d{4}|XXXX)-\d\d(?:-\d\d)?", a.value):
            return _Found(a.start, b.end, a.kind, "DATE", b.value + a.value[4:])
    # "the same period last year", "the quarter a year ago": that quarter, a year back.
    if a.kind == "quarter" and re.fullmatch(r"(?:\d{4}|XXXX)-Q\d", a.value) and gap == " ":
        if b.kind == "relative" and re.fullmatch(r"\d{4}", b.value):
            return _Found(a.start, b.end, "quarter", "DATE", b.value + a.value[4:])
        if b.kind in ("ago", "yearago") and re.fullmatch(r"\d{4}(?:-Q\d)?", b.value):
            return _Found(a.start, b.end, "quarter", "DATE", b.value[:4] + a.value[4:])
    # "mid-afternoon yesterday": the part of that day.
    if a.kind == "pod" and b.kind == "deictic" and _DAY_VALUE.fullmatch(b.value) and "T" in a.value:
        return _Found(a.start, b.end, "pod", "TIME", b.value + a.value[a.value.index("T") :])
    if a.kind == "clock" and _DAY_VALUE.fullmatch(b.value):
        return _Found(a.start, b.end, "clock", "TIME", b.value + a.value[10:])
    if b.kind == "clock" and _DAY_VALUE.fullmatch(a.value) and a.kind in ("date", "weekday", "deictic", "iso"):
        return _Found(a.start, b.end, "clock", "TIME", a.value + b.value[10:])
    return None


_GRANULARITY = [
    (re.compile(r"(?:\d{4}|XXXX)-\d\d-\d\d.*"), "day"),
    (re.compile(r"(?:\d{4}|XXXX)-W(?:\d\d|XX).*"), "week"),
    (re.compile(r"(?:\d{4}|XXXX)-(?:\d\d|XX)"), "month"),
    (re.compile(r"(?:\d{4}|XXXX)(?:-(?:Q\d|H\d|SP|SU|FA|WI|QX))?"), "year"),
]


def granularity(value: str) -> str | None:
    """day, week, month or year for a TIMEX3 date value; None for durations and vague references."""
    for rx, name in _GRANULARITY:
        if rx.fullmatch(value):
            return name
    return None


def event_date(trigger: Token, timexes: list[Timex], *, anchor: str | None, status: str) -> EventDate | None:
    """The date of the event whose trigger is ``trigger``.

    Args:
        trigger: the event's trigger token (in a parsed Doc).
        timexes: ``find_timexes`` output for the same Doc.
        anchor: the document date (ISO), or None.
        status: the event's status (asserted, planned, alleged, …).

    Returns:
        The governing expression's date (same clause first, then sentence); else the anchor at day
        granularity for an asserted event; else None. A planned event prefers a date not before the anchor.
    """
    doc = trigger.doc
    sent = trigger.sent
    day = _parse_anchor(anchor)
    options: list[tuple[Timex, Token]] = []
    for t in timexes:
        if not (sent.start_char <= t.start < sent.end_char) or t.type not in ("DATE", "TIME") or not t.value:
            continue
        value = day.isoformat() if t.value == "PRESENT_REF" and day else t.value
        if granularity(value) is None:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None:
            options.append((replace(t, value=value), span.root))
    if status == "planned" and day is not None:
        future = [o for o in options if _not_before(o[0].value or "", day)]
        options = future or options
    clause = _clause(trigger)
    same = [o for o in options if _clause(o[1]).i == clause.i]
    pool = same or options
    if pool:
        best = min(pool, key=lambda o: abs(o[1].i - trigger.i))[0]
        value = best.value or ""
        if best.type == "TIME" and "T" in value:
            value = value.split("T")[0]
        return EventDate(value, granularity(value))
    if status == "asserted" and day is not None:
        return EventDate(day.isoformat(), "day")
    return None


def _not_before(value: str, day: dt.date) -> bool:
    digits = value.replace("XXXX", str(day.year))
    if re.fullmatch(r"\d{4}-\d\d-\d\d.*", digits):
        return digits[:10] >= day.isoformat()
    if re.fullmatch(r"\d{4}-W\d\d.*", digits):
        return digits[:8] >= week(day)
    if re.fullmatch(r"\d{4}-\d\d", digits):
        return digits >= day.isoformat()[:7]
    return digits[:4] >= str(day.year)


def _clause(token: Token) -> Token:
    """The head of the clause a token belongs to."""
    for _ in range(12):
        if token.pos_ in ("VERB", "AUX") and token.dep_ in _CLAUSE_DEPS and token.dep_ != "xcomp":
            return token
        if token.head.i == token.i:
            return token
        token = token.head
    return token
