"""PLOVER events: who did what to whom, when and where, with status and evidence.

Per sentence: find triggers (verbs, nouns, predicative adjectives and
two-word phrases from the lexicon), fold triggers that are the content of
another act into it ("agreed to cooperate" is one AGREE; "threatened to cut
ties" one THREATEN), add the events that only a construction signals ("X said
Y must Z" is a REQUEST; "X said it would blockade Y" a THREATEN), then give
each event its actors (``event_roles``), status and attribution
(``event_status``), date, place and a confidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..records import Actor, Event, EventDate, Location, Place, Span, Timex
from . import event_roles as roles
from .event_candidate import Candidate
from .event_constructions import construction_candidates
from .event_selection import main_events, select
from .event_status import attribution_token, find_status
from .lexicon import Lexicon, Sense, load, quad_class

if TYPE_CHECKING:
    from .actors import DocumentActors

#: Words below this weight are triggers only inside a phrase ("phone call").
MIN_WEIGHT = 0.3
PHRASE_DEPS = ("prt", "dobj", "obj", "prep", "compound", "amod", "nmod", "acomp", "advmod", "npadvmod")


def find_events(
    doc: Doc,
    actors: DocumentActors,
    timexes: list[Timex],
    places: list[Place],
    *,
    anchor: str | None,
    dateline_place: Place | None = None,
) -> list[Event]:
    """PLOVER events in doc (records.Event).

    Args:
        doc: the parsed document.
        actors: the document's actor resolver (``actors.document``).
        timexes: the document's time expressions, for event dates.
        places: the document's places, for event locations.
        anchor: the document date (ISO), for relative dates and "background".
        dateline_place: the dateline's place, the default event location.

    Returns:
        Events in text order.
    """
    lex = load()
    actors = CachedActors(actors)  # type: ignore[assignment]
    events: list[Event] = []
    for sent in doc.sents:
        built = []
        for cand in sentence_candidates(sent, lex):
            event = build_event(cand, sent, actors, timexes, places, lex, anchor=anchor, dateline_place=dateline_place)
            if event is not None:
                built.append((cand, event))
        events += main_events(built)
    return dedupe(events)


class CachedActors:
    """Memoises ``actor_for_token`` per token: roles ask about the same heads often."""

    def __init__(self, actors: DocumentActors) -> None:
        self.actors = actors
        self.cache: dict[int, Actor | None] = {}

    def actor_for_token(self, token: Token) -> Actor | None:
        """The actor of the phrase headed by ``token`` (cached)."""
        if token.i not in self.cache:
            actor = self.actors.actor_for_token(token)
            if actor is not None and not actor.members:
                actor = roles.with_listed_members(self.actors, token, actor)
            self.cache[token.i] = actor
        return self.cache[token.i]


#: Returned by ``argument_sense`` when no entry of the table fits.
NO_MATCH = Sense("", None, "", 0.0)
#: Dependents that are what a verb acts on (a passive's subject too; "took them hostage").
OBJECT_DEPS = ("dobj", "obj", "nsubjpass", "oprd")
#: Prepositions whose object says what a verb acts on ("withdrew from the treaty",
#: "held them as shields", "took him into custody").
ARGUMENT_PREPS = ("from", "as", "into")


def argument_words(heads: list[Token]) -> list[Token]:
    """The words that say what an argument is, most telling first.

    For each head: its modifiers ("peacekeeping troops"), then its "of" or
    "as" object and that object's modifiers, which say more than a group or
    quantity head ("a battalion of peacekeepers", "700 kg of medicine",
    "held thousands as human shields"), then the head itself.
    """
    out: list[Token] = []
    for head in heads:
        out += [m for m in head.children if m.dep_ in ("compound", "amod")]
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "as"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        out += [m for m in obj.children if m.dep_ in ("compound", "amod")]
                        out.append(obj)
        out.append(head)
    return out


def argument_sense(table: dict[str, Sense | None], words: list[Token], lex: Lexicon) -> tuple[Sense | None, Token | None]:
    """The sense an argument table gives for the first word that has an entry (its lemma or a class of it).

    Returns:
        (sense, word); sense is None when the entry says "no event" and
        ``NO_MATCH`` when no word has an entry.
    """
    for w in words:
        # the word as written too: "the wounded" is parsed as the verb "wound"
        for key in (w.lemma_.lower(), w.lower_):
            if key in table:
                return table[key], w
            for cls in lex.word_classes.get(key, ()):
                if cls in table:
                    return table[cls], w
    return NO_MATCH, None


def object_heads(tok: Token) -> list[Token]:
    """What a trigger acts on: a verb's object (or passive subject), then its
    prepositional objects ("held them as human shields"); a noun's "of" object."""
    if tok.pos_ in ("NOUN", "PROPN"):
        return [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    direct = [c for c in tok.children if c.dep_ in OBJECT_DEPS]
    if not direct and tok.dep_ == "relcl" and any(c.dep_ == "nsubj" for c in tok.children):
        # "an offence he committed": the relative's antecedent is its object
        direct = [tok.head]
    return direct + [g for p in tok.children if p.dep_ == "prep" and p.lower_ in ARGUMENT_PREPS for g in p.children if g.dep_ == "pobj"]


def by_argument(tok: Token, lemma: str, lex: Lexicon, kind: str, *, default: bool) -> tuple[bool, Candidate | None]:
    """The candidate a trigger makes given what it acts on or who does it.

    "deployed peacekeepers" is AID, "withdrew its ambassador" a SANCTION,
    "mobilized support" no event at all (``object_senses``); "troops
    arrived" is a deployment, not a visit (``subject_senses``).

    Args:
        tok: the trigger token.
        lemma: its lemma, lower case.
        lex: the compiled lexicon.
        kind: verb or noun.
        default: look up only the "*" entry (any other object), which
            comes after two-word phrases; otherwise only named entries,
            which come before them ("handed over medicine" is aid).

    Returns:
        (decided, candidate): decided is False when the tables have nothing
        to say; the candidate is None when the argument makes it no event.
    """
    table = lex.object_senses.get(lemma)
    if table is not None:
        heads = object_heads(tok)
        if default:
            # a pronoun ("it was committed to...") says nothing of what the object is
            known = heads and heads[0].tag_ != "PRP"
            sense, word = (table["*"], heads[0]) if known and "*" in table else (NO_MATCH, None)
        else:
            sense, word = argument_sense(table, argument_words(heads), lex)
        if sense is None or sense is not NO_MATCH and sense.weight < MIN_WEIGHT:
            return True, None
        if sense is not NO_MATCH:
            return True, Candidate(tok, sense, kind, phrase=True, absorbed={word.i} if word is not None else set())
    table = lex.subject_senses.get(lemma)
    if table is not None and kind == "verb" and not default:
        subj = roles.subject_token(tok)
        if subj is not None:
            sense, word = argument_sense(table, argument_words([subj]), lex)
            if sense is None:
                return True, None
            if sense is not NO_MATCH:
                return True, Candidate(tok, sense, kind, phrase=True)
    return False, None


def match_token(tok: Token, lex: Lexicon) -> Candidate | None:
    """Return the trigger candidate a token starts, or None."""
    lemma = tok.lemma_.lower()
    pos = tok.pos_
    if pos in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):
        kind = "verb" if pos in ("VERB", "AUX") else "noun"
        if kind == "verb" and roles.is_passive(tok) and any(
            (lemma, c.lower_) in lex.passive_not_events for c in tok.children if c.dep_ == "prep"
        ):
            # "the calls were met with anger", "he was accepted to a university"
            return None
        argued = pos != "ADJ" and (lemma in lex.object_senses or lemma in lex.subject_senses)
        if argued:
            decided, found = by_argument(tok, lemma, lex, kind, default=False)
            if decided:
                return found
        for child in tok.children:
            if child.dep_ not in PHRASE_DEPS:
                continue
            dep_lemmas = [child.lemma_.lower(), child.lower_]
            if child.dep_ == "prep":
                dep_lemmas += [w for g in child.children if g.dep_ == "pobj" for w in (g.lemma_.lower(), g.lower_)]
            for dep in dep_lemmas:
                if (lemma, dep) in lex.not_events:
                    return None
                sense = lex.phrases.get((lemma, dep))
                if sense is not None:
                    absorbed = {child.i} | {g.i for g in child.children if g.dep_ == "pobj"}
                    return Candidate(tok, sense, kind, phrase=True, absorbed=absorbed)
        if argued:
            decided, found = by_argument(tok, lemma, lex, kind, default=True)
            if decided:
                return found
    sense = None
    kind = ""
    if pos == "VERB":
        sense, kind = lex.verbs.get(lemma), "verb"
        if lemma in lex.clausal_senses and reports_clause(tok, lex):
            # "protested that the authorities are failing...": a complaint, not a
            # demonstration; "agree that it was a success": an opinion, no event
            sense = lex.clausal_senses[lemma]
    elif pos == "NOUN" or (pos == "PROPN" and not tok.ent_type_):
        sense, kind = lex.nouns.get(lemma), "noun"
        if sense is not None and tok.dep_ == "compound" and tok.head.lemma_.lower() not in lex.cues["event_containers"]:
            # "invasion forces", "patrol agents": a modifier, not an act
            return None
    elif pos == "ADJ" and tok.dep_ in ("acomp", "ROOT", "xcomp", "ccomp", "conj"):
        if any(c.dep_ in ("xcomp", "prep", "ccomp") for c in tok.children) and (
            lemma not in lex.act_adjectives or act_complement(tok, lex)
        ):
            sense, kind = lex.adjectives.get(lemma), "adj"
    if sense is None or sense.weight < MIN_WEIGHT:
        return None
    return Candidate(tok, sense, kind)


def reports_clause(verb: Token, lex: Lexicon) -> bool:
    """True when a verb reports a statement or a question: a clause without a
    modal or subjunctive ("agreed that the plan was a failure", "asked whether
    NATO would expand"; not "agreed that talks would resume", "asked that
    Uganda withdraw"), or a bare aside ("..., both men agree, has been a success")."""
    bare = not any(c.dep_ in ("xcomp", "dobj", "obj", "prep", "ccomp", "dative") for c in verb.children)
    if bare and (verb.dep_ == "parataxis" or after_quote(verb)):
        return True
    modals = lex.cues["future_modals"] | lex.cues["possible_modals"] | lex.cues["obligation_modals"]
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if clauses and lex.clausal_senses[verb.lemma_.lower()] is not None:
        return True
    for c in clauses:
        auxes = [a for a in c.children if a.dep_ in ("aux", "auxpass")]
        if question(c) or not any(a.lower_ in modals for a in auxes) and not (c.tag_ == "VB" and not auxes):
            return True
    return False


def after_quote(verb: Token) -> bool:
    """True for a verb that closes a quotation ('"Why?" the minister asked.')."""
    return any(t.tag_ in ("''", "``") or t.text in ('"', "\u201d") for t in verb.doc[max(0, verb.i - 6) : verb.i])


def question(clause: Token) -> bool:
    """True for a reported or quoted question ("whether NATO would expand", "why did you go?")."""
    return any(
        c.dep_ == "mark" and c.lower_ in ("whether", "if") or c.tag_ in ("WRB", "WP", "WDT") for c in clause.children
    ) or any(t.text == "?" for t in clause.subtree)


def act_complement(adj: Token, lex: Lexicon) -> bool:
    """True when a commitment adjective's complement is an act: a clause ("ready
    to talk", "committed to holding elections") or an event noun ("ready for
    talks"), not a cause or value ("committed to the production of knowledge")."""
    for c in adj.children:
        if c.dep_ in ("xcomp", "ccomp"):
            return True
        if c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pcomp" or g.dep_ == "pobj" and g.lemma_.lower() in lex.nouns:
                    return True
    return False


def sentence_candidates(sent: SpacySpan, lex: Lexicon) -> list[Candidate]:
    """Find the triggers of one sentence and fold those that belong together.

    Args:
        sent: a sentence span of the parsed document.
        lex: the compiled lexicon.

    Returns:
        The candidates that will become events (dropped ones removed).
    """
    found: dict[int, Candidate] = {}
    for tok in sent:
        cand = match_token(tok, lex)
        if cand is not None:
            found[tok.i] = cand
    construction_candidates(sent, lex, found)
    if not found:
        return []
    for cand in found.values():
        for i in cand.absorbed:
            if i in found and found[i] is not cand:
                found[i].dropped = True
    # A light verb gives way to the event noun it governs ("held talks", "sent aid").
    for cand in found.values():
        if cand.kind == "noun" and not cand.dropped:
            gov = roles.noun_governor(cand.token)
            if gov is not None and gov.lemma_ in lex.light_verbs and gov.i in found and not found[gov.i].phrase:
                found[gov.i].dropped = True
    # Fold content, from the top of the tree down.
    order = sorted(found.values(), key=lambda c: depth(c.token))
    for cand in order:
        if cand.dropped:
            continue
        fold(cand, found, lex)
    select(found, lex)
    return [c for c in sorted(found.values(), key=lambda c: c.token.i) if not c.dropped]


def depth(tok: Token) -> int:
    """Number of heads above a token."""
    n = 0
    while tok.head.i != tok.i and n < 50:
        tok = tok.head
        n += 1
    return n


CONTENT_DEPS = {"xcomp", "ccomp", "dobj", "obj", "prep", "attr", "acomp", "oprd", "dative", "pcomp", "pobj", "advcl"}
STOP_DEPS = {"nsubj", "nsubjpass", "csubj", "relcl", "parataxis", "punct", "cc"}


def content_region(tok: Token, marks: frozenset[str] = frozenset()) -> list[Token]:
    """Tokens in the complements of ``tok`` (not its subject, not relative clauses).

    Args:
        tok: the trigger token.
        marks: subordinators of time and cause (the lexicon's background
            marks): an adverbial clause they open sets the scene ("demanded
            elections after a court cleared him") and is no part of the content.

    Returns:
        The tokens of the complements.
    """
    out: list[Token] = []
    deps = CONTENT_DEPS | {"acl"} if tok.pos_ in ("NOUN", "PROPN") else CONTENT_DEPS
    stack = [c for c in tok.children if c.dep_ in deps and not background_clause(c, marks)]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(
            c for c in t.children if (c.dep_ not in STOP_DEPS or infinitival(c)) and not background_clause(c, marks)
        )
    return out


def background_clause(tok: Token, marks: frozenset[str]) -> bool:
    """True for an adverbial clause opened by a time or cause subordinator ("after", "since", "because")."""
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children)


def infinitival(tok: Token) -> bool:
    """True for a "to"-infinitive clause parsed as a relative ("an offer to host a summit")."""
    return tok.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def fold(cand: Candidate, found: dict[int, Candidate], lex: Lexicon) -> None:
    """Fold the triggers in ``cand``'s complements into it where they are its content.

    A content type (AGREE, REQUEST, THREATEN, REJECT...) swallows what it is
    about; an accusation or denial keeps its content as a separate, alleged
    or denied event; an act of the same type below another merges into it.
    """
    deny = cand.token.lemma_ in lex.cues["denying_verbs"] and cand.sense.type == "REJECT"
    content_type = cand.sense.type in lex.content_types or cand.kind == "construction"
    marks = lex.cues["background_marks"]
    region = content_region(cand.token, marks)
    gov = roles.noun_governor(cand.token) if cand.kind == "noun" else None
    if gov is not None:
        # "staged demonstrations to demand reforms": the purpose is the noun's;
        # "reiterated its demand that Israel ease...": so is the clause
        deps = ("advcl", "xcomp", "ccomp") if gov.lemma_ in lex.light_verbs else ("ccomp",)
        for clause in gov.children:
            if clause.dep_ in deps and clause.i > cand.token.i:
                region += [clause, *content_region(clause, marks)]
            elif (
                clause.dep_ == "prep" and clause.i > cand.token.i and gov.lemma_ in lex.light_verbs
                and clause.lower_ not in lex.cues["background_preps"]
            ):
                # "opened an investigation into the bombing", the "into" parsed
                # on the verb: what is investigated is the noun's content
                region += [clause, *content_region(clause, marks)]
    for tok in region:
        inner = found.get(tok.i)
        if inner is None or inner is cand or inner.dropped:
            continue
        if cand.sense.type == "ACCUSE" and inner.kind != "noun" and not to_infinitive(tok) or (
            deny and inner.sense.type not in ("REQUEST", "AGREE")
        ):
            # the claim's content stays an event of its own, marked alleged/denied
            inner.derived = True
            inner.parent = cand
            continue
        if content_type and inner.kind == "noun" and reported_between(tok, cand.token, lex):
            # "condemned what they say is the supply of arms by X": the act
            # is what is condemned, and a claim of its own
            inner.derived = True
            inner.parent = cand
            cand.content.append(inner)
            continue
        if content_type:
            inner.dropped = True
            cand.content.append(inner)
            continue
        if inner.sense.type == cand.sense.type and tok.head.i == cand.token.i or (
            inner.sense.type == cand.sense.type and tok.head.head.i == cand.token.i and tok.dep_ == "pobj"
        ):
            inner.dropped = True
            cand.content.append(inner)
            if cand.sense.mode is None and inner.sense.mode is not None:
                cand.sense = Sense(cand.sense.type, inner.sense.mode, inner.sense.cameo, max(cand.sense.weight, inner.sense.weight))
    if content_type and cand.content:
        cand.content.sort(key=lambda c: depth(c.token))
        first = cand.content[0]
        direct = cand.token.i in (first.token.head.i, first.token.head.head.i)
        if cand.sense.type == "AGREE" and direct and first.sense.type in lex.threat_types:
            # "vowed to fight", "is prepared to impose martial law": a threat
            cand.sense = Sense("THREATEN", None, lex.default_cameo["THREATEN"], cand.sense.weight)
        modes = lex.content_modes.get(cand.sense.type, {})
        if cand.sense.mode is None:
            for inner in cand.content:
                mode = modes.get(inner.sense.type)
                if mode is not None:
                    cand.sense = Sense(cand.sense.type, mode, cand.sense.cameo, cand.sense.weight)
                    break


def to_infinitive(tok: Token) -> bool:
    """True for a "to"-infinitive: under an accusation it is the accuser's own
    purpose ("summoned the ambassador to complain"), not what is alleged
    ("accused X of violating")."""
    return tok.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def reported_between(tok: Token, top: Token, lex: Lexicon) -> bool:
    """True when a reporting verb stands between ``tok`` and the trigger ``top`` above it."""
    t = tok.head
    for _ in range(6):
        if t.i == top.i or t.head.i == t.i:
            return False
        if t.pos_ in ("VERB", "AUX") and t.lemma_ in lex.cues["reporting_verbs"]:
            # "what they say is": the claimants are the trigger's own actors
            return any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in t.children)
        t = t.head
    return False


def build_event(
    cand: Candidate,
    sent: SpacySpan,
    actors: DocumentActors,
    timexes: list[Timex],
    places: list[Place],
    lex: Lexicon,
    *,
    anchor: str | None,
    dateline_place: Place | None,
) -> Event | None:
    """Turn a candidate into an Event, or None when it has no actor at all."""
    from .places import event_location
    from .timex import event_date

    source, target = find_roles(cand, actors, lex)
    group = fallback_source(cand, actors, lex) if source is None else None
    if source is None and target is None:
        # an uncoded group ("students", "workers") still makes a PROTEST or
        # ASSAULT worth reporting, with a weaker confidence
        source, group = group, None
        if source is None:
            return None
    tok = cand.token
    if cand.kind == "verb" and not cand.phrase and tok.lemma_.lower() in lex.actor_object_verbs and not acts_on_actor(tok, actors, lex):
        # "they charge differently for power", "interrogates the imperative"
        return None
    status = find_status(tok, lex, anchor=anchor)
    if cand.intent:
        status = "negated" if status == "negated" else "asserted"
    ready = readying(tok, lex) if cand.sense.type == "ASSAULT" else None
    if ready is not None:
        # "the army prepared to resume shelling": the readiness is what happened, not the attack
        cand.sense = Sense("MOBILIZE", "troops", lex.readiness_cameo, cand.sense.weight)
        status = find_status(ready, lex, anchor=anchor)
    recode(cand, status, target, lex)
    if cand.sense.type in lex.counterpart_types and target is None and (source is None or len(country_keys(source)) < 2):
        # "the cabinet met on Sunday": no counterpart, no mutual act
        return None
    if cand.sense.type == "REJECT" and status == "negated" and cand.kind != "noun":
        status = "asserted"
    if cand.derived and status == "asserted":
        status = "alleged"
    date: EventDate | None = event_date(tok, own_timexes(tok, sent, timexes), anchor=anchor, status=status)
    if status == "asserted" and date is not None:
        background = find_status(tok, lex, event_date=date.value, anchor=anchor)
        if background == "background":
            status = background
    location: Location | None = event_location(tok, places, dateline_place=dateline_place)
    score = confidence(cand, source, target, status)
    if source is None and cand.sense.type in lex.place_source_types and location is not None and location.country:
        if agentless(cand, lex) and not inside_actor(location, places, target):
            # CAMEO practice for violence nobody is named for ("a car bomb
            # killed three soldiers in Basra"): the country where it happened
            source = Actor(text=location.name, code=location.country, country=location.country)
    if source is None:
        # "protesters gathered outside the US embassy": who, though uncoded
        source = group
    attr_tok, report_verb = attribution_token(tok, lex, sent)
    attributed = roles.actor_of(actors, attr_tok)
    if attributed is None and cand.parent is not None:
        # "condemned what they say is...", "accused X of...": the claim is the
        # condemners', the accusers'
        attributed = roles.actor_of(actors, roles.subject_token(cand.parent.token))
    if status == "asserted" and report_verb is not None and report_verb.lemma_ in lex.cues["alleging_verbs"]:
        if attributed is None or source is None or not roles.same_actor(attributed, source):
            status = "alleged"
    sense = cand.sense
    cameo = sense.cameo
    text = tok.doc.text
    return Event(
        type=sense.type,
        mode=sense.mode,
        cameo=cameo,
        source=source,
        target=target,
        date=date,
        location=location,
        status=status,
        attributed_to=attributed,
        trigger=Span(tok.text, tok.idx, tok.idx + len(tok.text)),
        sentence=Span(text[sent.start_char : sent.end_char], sent.start_char, sent.end_char),
        confidence=score,
        goldstein=lex.score(sense.type, sense.mode),
        quad=quad_class(cameo),
    )


def acts_on_actor(verb: Token, actors: DocumentActors, lex: Lexicon) -> bool:
    """True when a verb acts on a person or group: its object (or passive
    subject) is a pronoun, a name, a people noun or a noun the actor resolver
    knows, or it has a "with" phrase ("was charged with murder")."""
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
        return True
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    return any(
        o.pos_ != "NOUN" or set(lex.word_classes.get(o.lemma_.lower(), ())) & lex.people_classes or people(actors.actor_for_token(o))
        for o in objs
    )


def people(actor: Actor | None) -> bool:
    """True for an actor that is people (a sector or a list), not a thing a
    nationality modifies ("the Kenyan projects")."""
    return actor is not None and bool(actor.sector or actor.members)


def own_timexes(tok: Token, sent: SpacySpan, timexes: list[Timex]) -> list[Timex]:
    """The sentence's time expressions less those inside a relative clause the trigger is not in.

    "The rebels, who have fought the government since 2011, attacked...":
    the date describes the rebels, not the attack.
    """
    doc = tok.doc
    out = []
    for t in timexes:
        if sent.start_char <= t.start < sent.end_char:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None and in_other_relative(span.root, tok):
                continue
        out.append(t)
    return out


def in_other_relative(word: Token, trigger: Token) -> bool:
    """True when ``word`` sits in a relative clause that does not hold ``trigger``."""
    for anc in [word, *word.ancestors]:
        if anc.i == trigger.i or anc.is_ancestor(trigger):
            return False
        if anc.dep_ in ("relcl", "acl"):
            return True
    return False


def inside_actor(location: Location, places: list[Place], actor: Actor | None) -> bool:
    """True when the event's place is a word of an actor's phrase ("one U.S. soldier")."""
    if actor is None or actor.start is None or actor.end is None:
        return False
    return any(p.name == location.name and actor.start <= p.start < actor.end for p in places)


def agentless(cand: Candidate, lex: Lexicon) -> bool:
    """True when no one is named as doing the act: a passive without "by", or
    a subject that is a weapon or a blast ("a roadside bomb killed")."""
    head = cand.token
    if cand.kind == "noun":
        gov = roles.noun_governor(head)
        if gov is None:
            return True
        head = gov
    subj = roles.subject_token(head)
    if subj is None:
        return not any(c.dep_ == "nsubj" for c in head.children)
    return subj.lemma_.lower() in lex.cues["weapon_nouns"] or (
        roles.is_passive(head) and roles.agent_token(head) is None and subj.dep_ == "nsubjpass" and subj.head.i == head.i
    )


def recode(cand: Candidate, status: str, target: Actor | None, lex: Lexicon) -> None:
    """Adjust a candidate's sense to what its status and object make of it.

    A refused or failed agreement ("would not meet demands", "failed to reach
    agreement") is a REJECT; a conflictual act its actor makes conditional
    ("may halt mediation if...") is a THREATEN; "welcomed the plan" (a thing,
    not an actor) is SUPPORT, not hosting.
    """
    sense = cand.sense
    if status == "planned" and sense.type in lex.future_agree and future_tense(cand.token, lex):
        # PLOVER: cooperative acts reported in the future tense are intentions
        cand.sense = Sense("AGREE", None, lex.intent_cameo.get(sense.type, lex.default_cameo["AGREE"]), sense.weight)
        return
    if status == "negated" and sense.type == "AGREE":
        cand.sense = Sense("REJECT", None, lex.default_cameo["REJECT"], sense.weight)
    elif status == "hypothetical" and lex.future_intent.get(sense.type) == "THREATEN" and conditional(cand.token, lex):
        mode = lex.content_modes["THREATEN"].get(sense.type)
        cand.sense = Sense("THREATEN", mode, lex.default_cameo["THREATEN"], sense.weight)
    elif cand.kind == "verb" and not cand.phrase and cand.token.lemma_ in lex.without_actor_object:
        obj = next((c for c in cand.token.children if c.dep_ in ("dobj", "obj")), None)
        if obj is not None and obj.pos_ != "PROPN" and obj.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
            cand.sense = lex.without_actor_object[cand.token.lemma_]


def readying(tok: Token, lex: Lexicon) -> Token | None:
    """The verb of getting ready whose complement a trigger is, if any
    ("prepared to resume shelling", "troops poised to storm the city")."""
    for _ in range(3):
        if tok.dep_ not in ("xcomp", "acl") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.lemma_.lower() in lex.cues["readiness_governors"]:
            return tok
    return None


def future_tense(tok: Token, lex: Lexicon) -> bool:
    """True when the trigger (or the verb its noun is the object of) has will/shall."""
    heads = [tok]
    gov = roles.noun_governor(tok) if tok.pos_ in ("NOUN", "PROPN") else None
    if gov is not None:
        heads.append(gov)
    return any(c.dep_ == "aux" and c.lower_ in lex.cues["future_modals"] for h in heads for c in h.children)


def conditional(tok: Token, lex: Lexicon) -> bool:
    """True when a modal verb's clause carries an "if"/"unless" condition."""
    marks = lex.cues["conditional_marks"]
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children) for c in tok.children
    )


def reporter_of(tok: Token, lex: Lexicon) -> Token | None:
    """Subject of the reporting verb whose complement ``tok``'s clause is, if any."""
    clause = tok
    for _ in range(3):
        if clause.dep_ == "ccomp" and clause.head.lemma_ in lex.cues["reporting_verbs"]:
            return next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if clause.dep_ not in ("xcomp", "acomp", "conj") or clause.head.i == clause.i:
            return None
        clause = clause.head
    return None


def fallback_source(cand: Candidate, actors: DocumentActors, lex: Lexicon) -> Actor | None:
    """The uncoded actor of a verbal trigger's subject, for acts that crowds and
    armed groups do ("thousands of students protested", "gunmen attacked")."""
    if cand.sense.type not in lex.group_types:
        return None
    head = roles.noun_governor(cand.token) if cand.kind == "noun" else cand.token
    if head is None:
        return None
    subj = roles.subject_token(head)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    return roles.actor_of(actors, subj, coded=False)


def verb_targets(verb: Token, preps: dict[str, int]) -> list[Token]:
    """Target candidates of a verb: its objects, their prepositional phrases, its own."""
    out = [o for o in roles.object_tokens(verb) if not roles.detached(verb, o)]
    for obj in list(out):
        out += [t for _, t in sorted(roles.prep_objects(obj, preps), key=lambda x: x[0])]
    out += [t for _, t in sorted(roles.prep_objects(verb, preps), key=lambda x: x[0])]
    return out


def condition_subjects(verb: Token, lex: Lexicon) -> list[Token]:
    """Subjects of "if"/"unless" clauses under ``verb``."""
    marks = lex.cues["conditional_marks"]
    out = []
    for clause in verb.children:
        if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in clause.children):
            out += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    return out


def find_roles(cand: Candidate, actors: DocumentActors, lex: Lexicon) -> tuple[Actor | None, Actor | None]:
    """Return (source, target) actors of a candidate from the parse."""
    tok = cand.token
    preps = lex.type_prep_ranks.get(cand.sense.type, lex.prep_ranks)
    source: Actor | None = None
    targets: list[Token] = list(cand.target_tokens)
    if cand.kind == "noun":
        gov = roles.noun_governor(tok)
        sources = roles.noun_source_tokens(tok)
        if cand.sense.type in lex.content_types or cand.sense.type == "AID":
            # "demands from Shona rebels", "an offer from Afghanistan", "assistance from Japan"
            n_by = len(roles.prep_objects(tok, {"by": 0}))
            sources[n_by:n_by] = [t for _, t in roles.prep_objects(tok, {"from": 0})]
        for s in sources:
            source = roles.actor_of(actors, s)
            if source is not None:
                break
        if source is None and gov is not None:
            subj = roles.subject_token(gov)
            report = reporter_of(gov, lex) if subj is not None and subj.pos_ == "PRON" else None
            if report is not None:
                source = roles.actor_of(actors, report)
        # "a summit in Brussels": after a noun, "in" gives the place, not a target
        noun_preps = {p: r for p, r in preps.items() if p != "in" and (p != "of" or source is not None)}
        ranked = roles.prep_objects(tok, noun_preps)
        if tok.dep_ == "compound":
            # "a mediation effort between X and Y"
            ranked += roles.prep_objects(tok.head, noun_preps)
        if gov is not None and (gov.lemma_ in lex.light_verbs or gov.lemma_ not in lex.verbs):
            # "staged rallies in Gaza against the leader": one ranking for both heads
            ranked += roles.prep_objects(gov, preps)
        if source is None:
            of_objs = [t for r, t in roles.prep_objects(tok, {"of": 0})]
            for t in of_objs:
                source = roles.actor_of(actors, t)
                if source is not None:
                    break
        if cand.sense.type in lex.content_types:
            # "its demand that Israel ease...": the one asked comes first
            targets += roles.clause_subjects(tok, gov)
        targets += [t for _, t in sorted(ranked, key=lambda x: x[0])]
        if gov is not None and (gov.lemma_ in lex.light_verbs or gov.lemma_ not in lex.verbs):
            targets += [c for c in gov.children if c.dep_ in ("dative", "iobj")]
    else:
        head = tok
        if cand.kind == "adj" and tok.dep_ == "acomp":
            head = tok.head
        subj = roles.subject_token(head)
        source = roles.actor_of(actors, subj)
        if source is not None and subj is not None:
            source = roles.joined(actors, source, roles.companion_tokens(head, subj, lex.cues["companion_heads"]))
        if source is None and subj is not None and head.dep_ == "acl" and roles.is_thing(subj):
            # "issued a declaration demanding that...": who issued it
            gov = roles.noun_governor(subj)
            if gov is not None:
                source = roles.actor_of(actors, roles.subject_token(gov))
        if source is None and subj is not None and subj.pos_ == "PRON":
            # "Syria says it is willing...": the pronoun is the reporter
            report = reporter_of(head, lex)
            if report is not None:
                source = roles.actor_of(actors, report)
        targets += verb_targets(tok, preps)
        if cand.sense.type in lex.content_types:
            for comp in tok.children:
                if comp.dep_ == "ccomp":
                    targets += [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
            # "demanded an admission by Moscow": the one asked is the object's agent
            for obj in roles.object_tokens(tok):
                targets += [t for _, t in roles.prep_objects(obj, {"by": 0})]
    if cand.sense.type == "THREATEN":
        # "...unless Israel rescinded its annexation": the one threatened
        targets += condition_subjects(tok, lex)
    for inner in cand.content:
        if inner.kind == "noun":
            # "rejected French mediation", "rejected calls by X": whose act it is
            targets += [t for t in roles.noun_source_tokens(inner.token)[:3] if t.i != tok.i]
            targets += [t for _, t in sorted(roles.prep_objects(inner.token, preps), key=lambda x: x[0])]
        else:
            targets += verb_targets(inner.token, preps)
        if cand.sense.type == "THREATEN":
            targets += condition_subjects(inner.token, lex)
    if source is None and cand.parent is not None:
        # "X denied claims of arms deals": the deals are X's; "accused Y of
        # attacking": the attack is Y's.
        parent = cand.parent.token
        if cand.parent.sense.type == "ACCUSE":
            objs = roles.object_tokens(parent)
            source = roles.actor_of(actors, objs[0]) if objs else None
        else:
            source = roles.actor_of(actors, roles.subject_token(parent))
    if cand.sense.type in lex.purpose_types:
        targets += stance_targets(cand, lex)
    target = pick_target(cand, targets, actors, source, lex)
    if target is None:
        target = deep_target(cand, actors, source, lex)
        if target is not None and own_party(cand, source, target, lex):
            target = None
    return source, target


def own_party(cand: Candidate, source: Actor | None, target: Actor, lex: Lexicon) -> bool:
    """True when ``target`` is one of the parties of a mutual act's compound source
    ("Hungarian and Romanian officials agreed to help Romanian refugees")."""
    if source is None or cand.sense.type not in lex.symmetric_types or len(source.members) < 2:
        return False
    return country_keys(target) <= country_keys(source)


def stance_targets(cand: Candidate, lex: Lexicon) -> list[Token]:
    """Whom a protest is aimed at, from its purpose clause or stance phrase.

    "staged rallies to demand reforms by the government", "blocked a road to
    show their disapproval of the United States' policies", "went on strike in
    protest against the arrests": the target is named in the purpose, not as
    an object of the act.
    """
    tok = cand.token
    heads = [tok]
    gov = roles.noun_governor(tok) if cand.kind == "noun" else None
    if gov is not None:
        heads.append(gov)
    preps = lex.type_prep_ranks.get(cand.sense.type, lex.prep_ranks)
    out: list[Token] = []
    for head in heads:
        for clause in roles.purpose_clauses(head):
            out += verb_targets(clause, preps)
        for prep in head.children:
            if prep.dep_ == "prep":
                out += [g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in lex.cues["stance_nouns"]]
    return out


def pick_target(
    cand: Candidate, targets: list[Token], actors: DocumentActors, source: Actor | None, lex: Lexicon
) -> Actor | None:
    """The first target candidate that is an actor other than the source.

    A candidate naming a thing ("violations by X", "in protest against X")
    is followed by its author or whom it is aimed at. The trigger's own words
    ("declared a ceasefire") are not targets; nor, for a mutual act of a
    compound source ("Hungarian and Romanian officials agreed..."), is one of
    the source's own parties.
    """
    skip = {cand.token.i, *cand.absorbed}
    stance = lex.cues["stance_nouns"]
    seen: set[int] = set()
    deferred: set[int] = set()
    queue = list(targets)
    depth = {t.i: 0 for t in queue}
    while queue:
        t = queue.pop(0)
        if t.i in seen or t.i in skip:
            continue
        if t.i not in deferred and depth[t.i] < 2 and roles.is_thing(t) and (t.lemma_.lower() in lex.nouns or roles.has_agent(t)):
            # an act ("condemned an attack by X in Y"): its author before
            # whatever names the whole phrase (the place's country)
            owners = [o for o in roles.owner_tokens(t, stance, act=t.lemma_.lower() in lex.nouns) if o.i not in seen]
            if owners:
                deferred.add(t.i)
                for o in owners:
                    depth.setdefault(o.i, depth[t.i] + 1)
                queue[0:0] = [*owners, t]
                continue
        seen.add(t.i)
        # "launched on a rocket from Vandenberg": where a thing comes from is no party
        target = roles.actor_of(actors, t, exclude=source)
        origin = lex.cues["origin_preps"]
        if target is not None and not target.sector and (
            roles.placed_only(t, origin) or roles.from_placed_thing(t, origin, lex.cues["locative_preps"])
        ):
            target = None
        if target is not None and not own_party(cand, source, target, lex):
            return target
        if target is None and roles.is_thing(t) and depth[t.i] < 2:
            owners = [o for o in roles.owner_tokens(t, stance, act=t.lemma_.lower() in lex.nouns) if o.i not in depth]
            for o in owners:
                depth[o.i] = depth[t.i] + 1
            queue[0:0] = owners
    return None


def deep_target(cand: Candidate, actors: DocumentActors, source: Actor | None, lex: Lexicon) -> Actor | None:
    """A named actor inside the trigger's object phrase, when no role gave one.

    "shortened the curfew imposed in Sudan", "rejected an invitation to a
    meeting of Palestinian factions": the act bears on what the object is
    about. Only names (countries, organisations, nationalities) count.
    """
    tok = cand.token
    heads = [c for c in tok.children if c.dep_ in ("dobj", "obj", "xcomp", "ccomp") and not roles.detached(tok, c)] if cand.kind != "noun" else []
    for inner in cand.content:
        heads.append(inner.token)
    # "cordoned off the roads leading into Gaza": the phrase's own object
    heads += [tok.doc[i] for i in sorted(cand.absorbed) if tok.doc[i].dep_ == "pobj"]
    origin = lex.cues["origin_preps"]
    for head in heads:
        # "on a rocket from Vandenberg": where a thing comes from is no party
        away = {g.i for t in head.subtree if t.dep_ == "prep" and t.lower_ in origin and roles.is_thing(t.head) for g in t.subtree}
        for t in head.subtree:
            if t.i in away and t.ent_type_ in ("GPE", "LOC", "FAC"):
                continue
            if t.ent_type_ in ("GPE", "NORP", "ORG") and t.dep_ != "compound" and (t.i == t.head.i or t.head.ent_type_ != t.ent_type_):
                actor = roles.actor_of(actors, t, exclude=source)
                if actor is not None and not (source is not None and roles.same_actor(actor, source)):
                    return actor
    return None


STATUS_PENALTY = {"asserted": 0.0, "background": 0.05, "planned": 0.05, "negated": 0.1, "hypothetical": 0.1, "alleged": 0.1, "denied": 0.1}


def confidence(cand: Candidate, source: Actor | None, target: Actor | None, status: str) -> float:
    """A score in [0, 1] that ranks events by how likely they are right.

    Built from what makes an event believable: a reliable trigger word, both
    actors found in the parse (and at least one of them coded), a verbal
    trigger, an asserted status.
    """
    score = 0.15 + 0.4 * cand.sense.weight
    score += 0.15 if source is not None else 0.0
    score += 0.12 if target is not None else 0.0
    score += 0.05 if cand.kind == "verb" else 0.0
    score += 0.05 if cand.phrase or cand.content else 0.0
    score -= 0.15 if cand.derived else 0.0
    score -= 0.1 if subordinate(cand.token) else 0.0
    score -= STATUS_PENALTY.get(status, 0.0)
    if not any(a is not None and roles.is_coded(a) for a in (source, target)):
        # no country or organisation on either side: often not a political
        # event at all ("the family pleaded for a donor")
        score -= 0.1
    return round(min(0.99, max(0.01, score)), 3)


SUBORDINATE = {"advcl", "relcl", "acl", "pcomp", "pobj", "prep", "npadvmod", "amod", "appos", "compound"}


def subordinate(tok: Token) -> bool:
    """True when the trigger sits in a modifier (a relative, adverbial or
    prepositional phrase) rather than in the sentence's main assertion."""
    for _ in range(6):
        if tok.dep_ == "ROOT" or tok.head.i == tok.i:
            return False
        if tok.dep_ in SUBORDINATE:
            return True
        tok = tok.head
    return False


def dedupe(events: list[Event]) -> list[Event]:
    """One event per trigger, and one per action in a sentence.

    Two events of the same type and status in a sentence whose actors agree
    (one's source and target are the other's, or missing) are the same action
    told twice ("held talks ..., the first delegation to visit Bucharest"):
    the more confident one stays.
    """
    kept: list[Event] = []
    seen: set[int] = set()
    for ev in sorted(events, key=lambda e: -e.confidence):
        if ev.trigger.start in seen:
            continue
        if any(same_action(ev, other) for other in kept):
            continue
        seen.add(ev.trigger.start)
        kept.append(ev)
    return sorted(kept, key=lambda e: e.trigger.start)


def same_action(weaker: Event, stronger: Event) -> bool:
    """True when ``weaker`` repeats ``stronger``: same sentence, type, status, compatible actors."""
    if (weaker.sentence.start, weaker.type, weaker.status) != (stronger.sentence.start, stronger.type, stronger.status):
        return False
    return compatible(weaker.source, stronger.source) and compatible(weaker.target, stronger.target)


def compatible(a: Actor | None, b: Actor | None) -> bool:
    """True when actor ``a`` is missing or names the same country/code as ``b``."""
    if a is None:
        return True
    if b is None:
        return False
    return country_keys(a) <= country_keys(b) or (a.start == b.start and a.end == b.end)


def country_keys(actor: Actor) -> set[str]:
    """Country (or organisation code) of an actor and of each member."""
    return {m.country or m.code or m.text for m in (actor.members or (actor,))}


