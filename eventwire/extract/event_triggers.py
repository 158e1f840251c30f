"""Trigger matching: which words of a sentence start events, and which fold together.

Per token: a verb, noun, predicative adjective or two-word phrase of the
lexicon is a trigger, its sense decided by what it acts on or who does it
where the lexicon's argument tables say so ("deployed peacekeepers" is AID,
"mobilized support" no event). Per sentence: the events only a construction
signals are added (``event_constructions``), a trigger absorbed by a phrase
or a light verb's event noun gives way, triggers that are the content of
another act fold into it ("agreed to cooperate" is one AGREE; "threatened to
cut ties" one THREATEN), and ``event_selection`` drops those the sentence
does not report.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from .event_agents import is_passive, noun_governor, subject_token
from .event_candidate import Candidate
from .event_constructions import construction_candidates
from .event_selection import select
from .event_senses import non_political
from .lexicon import Lexicon, Sense


#: Words below this weight are triggers only inside a phrase ("phone call").
MIN_WEIGHT = 0.3


PHRASE_DEPS = ("prt", "dobj", "obj", "prep", "compound", "amod", "nmod", "acomp", "advmod", "npadvmod", "oprd", "ccomp")


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


def argument_span(word: Token | None) -> set[int]:
    """The tokens a matched argument word takes into its trigger's phrase: the
    word, and the noun it modifies ("violated the ceasefire agreement": no
    separate agreement)."""
    if word is None:
        return set()
    return {word.i, word.head.i} if word.dep_ in ("compound", "amod") else {word.i}


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
            return True, Candidate(tok, sense, kind, phrase=True, absorbed=argument_span(word))
    table = lex.subject_senses.get(lemma)
    if table is not None and kind == "verb" and not default:
        subj = subject_token(tok)
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
        if kind == "verb" and is_passive(tok) and any(
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
            if child.dep_ not in PHRASE_DEPS or child.dep_ == "ccomp" and child.pos_ != "ADJ":
                # a clause is no part of a phrase, but an adjective's small clause is
                # ("found three men guilty")
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
        if verb.lemma_.lower() in lex.cues["warning_verbs"] and not actor_act(c, lex):
            # "warned that the economy would suffer": a forecast; "warned it would
            # retaliate", "warned that police will not tolerate rallies": a threat
            return True
    return False


def actor_act(clause: Token, lex: Lexicon) -> bool:
    """True when a reported clause's subject is someone who can act: a pronoun, a
    name, or a noun of people ("police", "troops"), not a thing ("the economy")."""
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ in ("PRON", "PROPN") or subj.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
        return True
    return bool(set(lex.word_classes.get(subj.lemma_.lower(), ())) & lex.people_classes)


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
        if cand is not None and (cand.phrase or non_political(tok) is None):
            # a phrase or an argument table has read the arguments already
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
            gov = noun_governor(cand.token)
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
    gov = noun_governor(cand.token) if cand.kind == "noun" else None
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
