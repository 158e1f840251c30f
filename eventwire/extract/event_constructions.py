"""Events a construction signals rather than a trigger word.

- "X said (that) Y must Z" is a REQUEST from X to Y;
- "X said it will/would Z", Z an act of X's, is a promise (AGREE) or a threat;
- "a stern reminder to Y that it must Z" is a REQUEST;
- a crowd gathering at a seat of power ("protesters gathered outside the US
  embassy", "farmers massed in front of the ministry") is a PROTEST aimed at
  whoever the building stands for.

Some constructions only say whom a found trigger is aimed at (``role_targets``):
"came under attack" (the subject undergoes it), "summoned the envoy to
complain" (to the envoy), "opened fire on X, killing three" (three of X),
"fired tear gas to disperse X" (at X).
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from .event_actors import facility_owners
from .event_agents import cause_of, is_thing, participle_undergoer, subject_token, undergoer
from .event_candidate import Candidate
from .event_targets import NAME_LABELS, object_tokens, of_partners, prep_objects, purpose_clauses
from .lexicon import Lexicon, Sense, role_words


def construction_candidates(sent: SpacySpan, lex: Lexicon, found: dict[int, Candidate]) -> None:
    """Add events signalled by a construction rather than a word (see module doc).

    Args:
        sent: a sentence span of the parsed document.
        lex: the compiled lexicon.
        found: the sentence's candidates by token index (updated).
    """
    cues = lex.cues
    role_targets(found, lex)
    for verb in sent:
        assembly_protest(verb, lex, found)
        if verb.pos_ == "NOUN" and verb.lemma_ in cues["speech_nouns"]:
            noun_request(verb, lex, found)
            continue
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ not in cues["reporting_verbs"]:
            continue
        reporter = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if reporter is None and verb.dep_ in ("advcl", "xcomp", "conj") and verb.tag_ == "VBG":
            # "staged rallies against the leader, saying he must resign"
            reporter = subject_token(verb)
        if reporter is None:
            continue
        for comp in verb.children:
            if comp.dep_ != "ccomp":
                continue
            subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            auxes = [c for c in comp.children if c.dep_ == "aux"]
            aux_words = {a.lower_ for a in auxes}
            have_to = comp.lemma_ == "have" and any(c.dep_ == "xcomp" for c in comp.children)
            if subj is not None and (aux_words & cues["obligation_modals"] or have_to) and subj.lower_ not in ("we", "i") and not same_phrase(subj, reporter):
                if verb.i in found and found[verb.i].sense.type == "ACCUSE":
                    continue
                if verb.i in found and found[verb.i].sense.weight > 0.5:
                    continue
                cand = Candidate(verb, Sense("REQUEST", None, lex.default_cameo["REQUEST"], 0.6), "construction")
                cand.target_tokens.append(subj)
                found[verb.i] = cand
                continue
            inner = found.get(comp.i) or next(
                (found[c.i] for c in comp.children if c.dep_ in ("dobj", "obj") and c.i in found and found[c.i].kind == "noun"),
                None,
            )
            if inner is None or subj is None:
                continue
            if aux_words & (cues["future_modals"] | {"would"}) and (subj.pos_ == "PRON" or same_phrase(subj, reporter)):
                intent = lex.future_intent.get(inner.sense.type)
                if intent is not None and has_mark(comp, "unless"):
                    intent = "THREATEN"
                if intent is not None and verb.i not in found:
                    modes = lex.content_modes.get(intent, {})
                    cameo = lex.intent_cameo.get(inner.sense.type) if intent == "AGREE" else None
                    inner.sense = Sense(intent, modes.get(inner.sense.type), cameo or lex.default_cameo[intent], inner.sense.weight)
                    inner.intent = True


def noun_request(noun: Token, lex: Lexicon, found: dict[int, Candidate]) -> None:
    """ "a stern reminder to Iraq that it must cooperate": a REQUEST."""
    for comp in noun.children:
        if comp.dep_ not in ("acl", "ccomp", "relcl"):
            continue
        subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.lower_ in ("that", "which", "we", "i"):
            continue
        if any(c.dep_ == "aux" and c.lower_ in lex.cues["obligation_modals"] for c in comp.children):
            if noun.i in found and found[noun.i].sense.type != "REQUEST":
                continue
            cand = Candidate(noun, Sense("REQUEST", None, lex.default_cameo["REQUEST"], 0.6), "noun")
            cand.target_tokens += [t for _, t in prep_objects(noun, {"to": 0})] + [subj]
            found[noun.i] = cand
            return


def has_mark(verb: Token, word: str) -> bool:
    """True when a clause under ``verb`` is introduced by ``word`` ("unless")."""
    return any(c.dep_ == "advcl" and any(m.lower_ == word for m in c.children if m.dep_ == "mark") for c in verb.children)


def same_phrase(a: Token, b: Token) -> bool:
    """True when two tokens head phrases with the same words."""
    return a.lower_ == b.lower_ or a.lemma_.lower() == b.lemma_.lower()


def assembly_protest(verb: Token, lex: Lexicon, found: dict[int, Candidate]) -> None:
    """ "Protesters gathered outside the US embassy": a PROTEST.

    A verb of assembling is a demonstration when its subject is a protesting
    crowd or it takes place at a seat of power (an embassy, a parliament, a
    ministry); the building's owner ("the US embassy", "the embassy of
    France") is the target.

    Args:
        verb: a verb token of the sentence.
        lex: the compiled lexicon.
        found: the sentence's candidates by token index (updated).
    """
    cues = lex.cues
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in cues["assembly_verbs"]:
        return
    if verb.i in found and found[verb.i].sense.type != "PROTEST" and any(c.dep_ in ("dobj", "obj") for c in verb.children):
        # "massed troops at the border": a deployment, not a crowd
        return
    sites = protest_sites(verb, lex)
    subj = subject_token(verb)
    crowd = subj is not None and subj.lemma_.lower() in cues["protester_nouns"]
    if not sites and not crowd:
        return
    # coded as the demonstrating sense of the verbs that mean it outright
    demo = lex.verbs.get("demonstrate")
    sense = Sense("PROTEST", demo.mode if demo else None, demo.cameo if demo else lex.default_cameo["PROTEST"], 0.7)
    cand = Candidate(verb, sense, "construction" if verb.i not in found else found[verb.i].kind)
    for site in sites:
        # the owner named in the site's phrase before the building itself
        cand.target_tokens += [c for c in site.children if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < site.i]
        cand.target_tokens += [t for _, t in prep_objects(site, {"of": 0})]
        cand.target_tokens.append(site)
    found[verb.i] = cand


def protest_sites(verb: Token, lex: Lexicon) -> list[Token]:
    """Heads of the seats of power a verb's place phrases name ("outside the embassy",
    "in front of the parliament")."""
    out = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in lex.cues["site_preps"]:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            if pobj.lower_ == "front":
                # "in front of the ministry"
                pobj = next((g for _, g in prep_objects(pobj, {"of": 0})), pobj)
            if pobj.lemma_.lower() in lex.cues["protest_sites"]:
                out.append(pobj)
    return out


def role_targets(found: dict[int, Candidate], lex: Lexicon) -> None:
    """Give triggers the targets a construction names outside their own phrase.

    - "the convoy came under attack", "X was placed under investigation": the
      one under the act is its target;
    - "Chile summoned the Bolivian envoy to complain": the envoy is addressed;
    - "opened fire on the crowd, killing three people": the dead were in the
      crowd, the target of the act the clause continues;
    - "a curfew in Abidjan": a measure laid on a place bears on it;
    - "called for a boycott against X": the noun a phrase trigger absorbs
      names whom it is aimed at;
    - "the arrest by the police sparked protests": an act answers what set it off;
    - "meetings of the trade committee with Uganda": a mutual act's partner,
      wherever the parser hangs "with";
    - "blocked streets in Hong Kong in defiance of the authorities": whom a
      protest's stance is against, before where it happened;
    - "Backed by Iran, the rebels...": an opening participle with a "by"
      agent is done to the subject of the clause it opens;
    - "refused to resign despite pressure from X": a refusal or concession
      with no object answers whoever pressed for it.

    Args:
        found: the sentence's candidates by token index (their ``target_tokens`` updated).
        lex: the compiled lexicon (which types are mutual).
    """
    for cand in found.values():
        tok = cand.token
        for i in sorted(cand.absorbed):
            # "called for a boycott against X": the phrase's own noun is aimed at X
            inner = tok.doc[i]
            if inner.dep_ == "pobj" and is_thing(inner):
                cand.target_tokens += aimed_objects(inner)
            # "closed the American consulate": the phrase's building bears on its owner
            cand.target_tokens += facility_owners(inner)
            if inner.dep_ == "ccomp":
                # "found three men guilty": the small clause's subject undergoes the verdict
                cand.target_tokens += [c for c in inner.children if c.dep_ == "nsubj"]
        if cand.kind == "noun":
            patient = undergoer(tok)
            if patient is not None:
                cand.target_tokens.append(patient)
            cause = cause_of(tok)
            if cause is not None:
                cand.target_tokens.append(cause)
            cand.target_tokens += measure_places(tok)
            if cand.sense.type in lex.symmetric_types:
                cand.target_tokens += of_partners(tok)
            continue
        if cand.kind != "verb":
            continue
        if cand.sense.type in lex.purpose_types:
            cand.target_tokens += against_stances(tok)
        listener = addressee(tok)
        if listener is not None:
            cand.target_tokens.append(listener)
        if cand.sense.type in role_words()["yielding_types"]:
            cand.target_tokens += pressure_sources(tok)
        backed = participle_undergoer(tok)
        if backed is not None:
            # "Backed by Iran, the rebels attacked": Iran backs the rebels
            cand.target_tokens.append(backed)
        cand.target_tokens += continued_targets(tok)
        if cand.sense.type in role_words()["purpose_aimed_types"]:
            cand.target_tokens += purpose_targets(tok)


def pressure_sources(verb: Token) -> list[Token]:
    """Who pressed for an act given in to or refused ("despite pressure from X").

    "The minister refused to resign despite pressure from the opposition",
    "resigned under pressure from Washington": the refusal or the concession
    answers whoever pressed. Only when the act (or the clause it takes) has
    no object or named phrase of its own: "refused to meet X despite calls by
    Y" is aimed at X, "withdrew from Gaza under pressure from Y" at Gaza.

    Args:
        verb: a verbal trigger of a ``yielding_types`` type.

    Returns:
        Heads of the pressing actors' phrases, in text order.
    """
    heads = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    if any(c.dep_ in ("dobj", "obj", "dative") for h in heads for c in h.children):
        return []
    words = role_words()["pressure_nouns"]
    named = [
        p for h in heads for p in h.children
        if p.dep_ == "prep" and not any(g.lemma_.lower() in words for g in p.children if g.dep_ == "pobj")
        and any(t.ent_type_ in NAME_LABELS for t in p.subtree)
    ]
    if named:
        return []
    out: list[Token] = []
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep":
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj" or noun.lemma_.lower() not in words:
                    continue
                out += [c for c in noun.children if c.dep_ == "poss"]
                out += [g for p in noun.children if p.dep_ == "prep" and p.lower_ in ("from", "by") for g in p.children if g.dep_ == "pobj"]
    return out


def against_stances(verb: Token) -> list[Token]:
    """Stance phrases of a protest aimed at no one of its own ("in defiance of X").

    "Thousands blocked streets in Hong Kong in defiance of the authorities":
    the protest is against the authorities; the place of its object is only
    where it happened. Left out when the verb says whom it is aimed at
    ("marched on the parliament") or its object names someone.

    Args:
        verb: a verbal protest trigger.

    Returns:
        The stance nouns (their owners are found from them), in text order.
    """
    if aims(verb):
        return []
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if any(o.ent_type_ in NAME_LABELS or not is_thing(o) for o in objs):
        return []
    stances = role_words()["adversative_stances"]
    return [
        g for p in verb.children if p.dep_ == "prep"
        for g in p.children if g.dep_ == "pobj" and g.lemma_.lower() in stances
    ]


def addressee(verb: Token) -> Token | None:
    """Whom a purpose clause is addressed to: the object of the verb it serves.

    "Chile summoned the Bolivian envoy to complain": the complaint is made to
    the envoy (and so to Bolivia). Only verbs of receiving and calling in
    (``addressee_verbs``) qualify, and only when the clause has no object of
    its own.
    """
    if verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in role_words()["addressee_verbs"]:
        return None
    if any(c.dep_ in ("dobj", "obj", "dative") for c in verb.children):
        return None
    return next((c for c in verb.head.children if c.dep_ in ("dobj", "obj")), None)


def unnamed(obj: Token) -> bool:
    """True for a victim phrase that names no one new: a number, "three people", "others"."""
    if any(t.ent_type_ in NAME_LABELS or t.dep_ == "poss" for t in obj.subtree):
        return False
    return obj.pos_ == "NUM" or obj.lemma_.lower() in role_words()["unnamed_victims"]


def continued_targets(verb: Token) -> list[Token]:
    """Whom the act a participial clause continues was aimed at.

    "Police opened fire on the crowd, killing three people and arresting 20":
    the dead and the arrested were in the crowd. A clause in "-ing" hanging
    from a verb (or coordinated with such a clause) whose own object names no
    one new takes the targets of that verb: its objects, what they are aimed
    at ("launched rockets against X") and the objects of its purpose clause
    ("opened fire to disperse the protesters").

    Args:
        verb: a verb token.

    Returns:
        Target candidates, best first; empty unless the pattern applies.
    """
    clause = verb
    while clause.dep_ == "conj" and clause.head.tag_ == "VBG":
        clause = clause.head
    if verb.tag_ != "VBG" or clause.dep_ != "advcl" or clause.head.pos_ not in ("VERB", "AUX"):
        return []
    if any(c.dep_ == "mark" for c in clause.children):
        # "after killing three people": a separate act, told as background
        return []
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if not objs or not all(unnamed(o) for o in objs):
        return []
    head = clause.head
    aimed = role_words()["aimed_preps"]
    ranks = {p: 0 for p in aimed}
    heads = [head] + [c for c in head.children if c.dep_ in ("xcomp", "advcl") and c.i < clause.i and c.pos_ == "VERB"]
    out: list[Token] = []
    for h in heads:
        for obj in object_tokens(h):
            for o in (obj, *obj.conjuncts):
                out.append(o)
                out += [t for _, t in prep_objects(o, ranks)]
        out += [t for _, t in prep_objects(h, ranks)]
    return [t for t in out if t.i != verb.i]


def purpose_targets(verb: Token) -> list[Token]:
    """Objects of the purpose clause of a force used on no one named.

    "Police fired tear gas to disperse the demonstrators", "opened fire to
    disperse the crowd": the force is aimed at whom the purpose names. Only
    when the act names no target of its own (no aimed preposition, no named
    object).
    """
    if aims(verb):
        return []
    if any(t.ent_type_ in NAME_LABELS for c in verb.children if c.dep_ in ("dobj", "obj") for t in c.subtree):
        return []
    out: list[Token] = []
    for clause in purpose_clauses(verb):
        for obj in object_tokens(clause):
            out += [obj, *obj.conjuncts]
    return out


def measure_places(noun: Token) -> list[Token]:
    """The places a measure laid on a place bears on ("a curfew in Abidjan").

    The "in" phrase of a ``place_measures`` noun, or of the verb it is the
    object of ("imposed a state of siege in Haiti"), when the measure names
    no one it is aimed at ("a blockade on Gaza", "sanctions against X").

    Args:
        noun: a nominal trigger.

    Returns:
        Heads of the "in" phrases, or an empty list.
    """
    lemma = noun.lemma_.lower()
    names = {lemma}
    # "martial law", "state of emergency"
    names |= {f"{m.lower_} {lemma}" for m in noun.children if m.dep_ in ("amod", "compound") and m.i < noun.i}
    inner = [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    names |= {f"{lemma} of {g.lemma_.lower()}" for g in inner}
    if not names & role_words()["place_measures"]:
        return []
    heads = [noun, *inner]
    if noun.dep_ in ("dobj", "obj") and noun.head.pos_ in ("VERB", "AUX"):
        # "imposed a curfew in X": the place may hang on the verb
        heads.append(noun.head)
    if any(aims(h) for h in heads):
        return []
    return [g for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ == "in" for g in p.children if g.dep_ == "pobj"]


def aims(head: Token) -> bool:
    """True when a word has a phrase saying whom it is aimed at ("fired on X",
    "a blockade on Gaza"); "on Friday" is a date, not an aim."""
    aimed = role_words()["aimed_preps"]
    return any(
        c.dep_ == "prep" and c.lower_ in aimed and any(g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME") for g in c.children)
        for c in head.children
    )


def aimed_objects(head: Token) -> list[Token]:
    """Objects of a word's phrases that say whom it is aimed at ("a boycott against X")."""
    aimed = role_words()["aimed_preps"]
    return [
        g for c in head.children if c.dep_ == "prep" and c.lower_ in aimed
        for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")
    ]
