"""Who did it: the token heading the agent of an act, from the dependency parse.

Agents come from dependency relations, not word order: the active subject
or the passive agent ("by") is the source, through controlled clauses,
gerunds and relative clauses where the subject is omitted. Nominal
triggers take their source from "by", a possessive, a nationality modifier
or the verb they are the object of ("Italy announced a suspension"), unless
that verb's subject undergoes the act ("came under attack", "faces
sanctions") or only set it off ("the arrest sparked protests").

The word lists these rules read (verbs of purpose and of undergoing,
prepositions of control, words of manner after "by"...) are in
``data/events/roles.yaml`` (``lexicon.role_words``).
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import load, role_words


SUBJECTS = {"nsubj", "nsubjpass", "csubj"}


# Participles that describe their subject's part in an act ("were engaged in
# fighting", "is involved in attacks"): the subject is the act's agent.
STATE_PARTICIPLES = frozenset({"engage", "involve", "embroil", "implicate"})


# Clauses that share the subject of the verb they hang from. A predicative
# adjective or participle passes the copula's subject down to its complement
# ("X is about to restore ties", "X is likely to attack", "X seems ready to talk").
CONTROLLED = {"xcomp", "conj", "advcl", "pcomp", "acomp", "oprd"}


def is_passive(verb: Token) -> bool:
    """Return True if the verb is in the passive voice ("was visited")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def committed_state(verb: Token) -> bool:
    """True for a participle of commitment with an act for complement and no
    "by" agent ("was committed to holding talks", "is prepared to negotiate"):
    a state its subject is in, not something done to it."""
    if verb.lower_ not in load().act_adjectives or any(c.dep_ == "agent" for c in verb.children):
        return False
    return any(c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ in ("to", "for") for c in verb.children)


def subject_token(verb: Token) -> Token | None:
    """Return the token heading the logical subject (agent) of a verb.

    Climbs through controlled clauses ("agreed to cooperate", "opened fire,
    killing one"), gerunds after a preposition ("resorted to throwing") and
    relative clauses to find an omitted subject; a plan's infinitive takes
    the plan's owner ("Washington's decision to withdraw"), an agentless
    passive the author of the attack it names ("killed in a PKK attack"),
    and a reported "it"/"they" the speaker ("Syria says it will withdraw").

    Args:
        verb: a verb (or predicative adjective) token.

    Returns:
        The head token of the agent phrase, or None.
    """
    participle = participle_agent(verb)
    if participle is not None:
        # "Backed by Iran, the rebels...": the "by" phrase acts
        return weapon_place(participle, verb) or participle
    tok: Token | None = verb
    for step in range(6):
        if tok is None:
            return None
        if is_passive(tok):
            if step == 0 and committed_state(tok):
                # "it was committed to holding talks": the subject commits itself
                return next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if step == 0 or verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
                # "were killed or wounded by...": the second participle shares the agent;
                # "were killed in a PKK attack": the attack's author
                agent = agent_token(tok)
                return weapon_place(agent, tok) or agent or attack_author(tok)
            # "was indicted ... and will resign": the passive subject resigns
            return next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        for child in tok.children:
            if child.dep_ in ("nsubj", "csubj"):
                if child.tag_ == "WDT" or child.lower_ in ("who", "which", "that"):
                    return tok.head if tok.dep_ == "relcl" else None
                return reported_speaker(tok, child) or weapon_place(child) or child
        if tok.dep_ in ("acl", "relcl") and tok.head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            # "Washington's decision to withdraw", "a plan by Iran to enrich": the
            # owner of the plan; "Russia announced a plan to withdraw": its announcer
            owner = next(iter(plan_owners(tok.head)), None)
            if owner is not None:
                return owner
            gov = noun_governor(tok.head)
            if gov is None:
                return None
            tok = gov
            continue
        if tok.dep_ == "relcl":
            return tok.head
        if tok.dep_ == "acl" and tok.tag_ == "VBD" and tok.head.dep_ == "ROOT" and tok.head.pos_ in ("NOUN", "PROPN"):
            # "A Kenyan newspaper called on Africans to unite": a finite verb the
            # parser hung on a verbless sentence's subject as if it were a modifier
            return tok.head
        if tok.dep_ == "acl" and tok.tag_ == "VBG":
            return tok.head
        if tok.dep_ in CONTROLLED and tok.head.i != tok.i:
            # "urged Iran to stop": the object controls the complement;
            # "summoned the envoy to complain": the summoner complains.
            if tok.dep_ == "xcomp" and tok.head.lemma_.lower() not in role_words()["purpose_subject_verbs"]:
                obj = next((c for c in tok.head.children if c.dep_ in ("dobj", "obj") and not detached(tok.head, c)), None)
                if obj is not None:
                    return obj
            tok = tok.head
            continue
        if tok.dep_ == "prep" and step > 0 and tok.head.pos_ in ("VERB", "AUX", "ADJ"):
            # "resorted to throwing stones", "succeeded in capturing": the
            # verb's subject; "accused Y of attacking", "stopped Y from
            # entering": its object
            if tok.lower_ in role_words()["object_control_preps"]:
                obj = next((c for c in tok.head.children if c.dep_ in ("dobj", "obj")), None)
                if obj is not None:
                    return obj
            tok = tok.head
            continue
        return None
    return None


def participle_agent(verb: Token) -> Token | None:
    """The "by" agent of an opening participle clause with no subject of its own, or None.

    "Backed by Iran, the rebels attacked": the participle is a passive whose
    subject is the main clause's, so its agent is the one who acts. (A
    participle after a noun, "crimes committed by X", is left to the noun.)
    """
    if verb.tag_ != "VBN" or verb.dep_ != "advcl" or is_passive(verb):
        return None
    if any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    return agent_token(verb)


def participle_undergoer(verb: Token) -> Token | None:
    """Whom an opening participle clause with a "by" agent is said of: the
    subject of the clause it opens ("Backed by Iran, the rebels attacked"), or None."""
    if participle_agent(verb) is None:
        return None
    return next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def agent_token(verb: Token) -> Token | None:
    """Return the pobj of a passive verb's "by" agent phrase, or None."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def noun_source_tokens(noun: Token) -> list[Token]:
    """Return source candidates of a nominal trigger, best first.

    "the supply of arms by North Korea", "Russia's attack", "Israeli air raids",
    "Italy announced a suspension of air links".
    """
    out = []
    # "an assassination attempt by X", "X's assassination attempt": the
    # phrase a modifying trigger heads names the author too
    heads = [noun, noun.head] if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" else [noun]
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                out.extend(c for c in child.children if c.dep_ == "pobj")
    out.extend(c for h in heads for c in h.children if c.dep_ == "poss")
    out.extend(c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i)
    if undergone(noun):
        # "was placed under arrest by the police": the verb's agent
        out.extend(t for t in [agent_token(noun.head.head)] if t is not None)
    out.extend(of_agents(noun))
    governor = noun_governor(noun)
    if governor is not None:
        subj = subject_token(governor)
        if subj is not None:
            out.append(subj)
        elif is_passive(governor) and noun.dep_ == "pobj" and governor.lemma_ in STATE_PARTICIPLES:
            # "Serb forces were engaged in ethnic cleansing": a state, not a passive act
            out.extend(c for c in governor.children if c.dep_ == "nsubjpass")
    return out


def noun_governor(noun: Token) -> Token | None:
    """Return the verb a nominal trigger is the object of, if any.

    Follows "suspension of links" style chains only one preposition deep.
    """
    tok = noun
    if undergone(tok) or cause_of(noun) is not None:
        # "came under attack": the subject undergoes the act, it does not do it;
        # "the arrest sparked protests": the arrest did not protest
        return None
    if tok.dep_ in ("conj", "compound"):
        tok = tok.head
    # "gave 5 million dollars of aid": the aid is what was given
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        tok = tok.head.head
    if tok.dep_ in ("dobj", "obj", "attr", "oprd") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    if tok.dep_ == "nsubjpass" and tok.head.pos_ == "VERB" and tok.head.lemma_.lower() in load().light_verbs:
        # "a complaint was filed by Greece", "sanctions were imposed by the US": the
        # passive light verb's agent; not "the attack was condemned by the UN"
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
        return tok.head.head
    return None


#: Pronouns that stand for an actor already named.
PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their", "theirs"})


def is_thing(token: Token) -> bool:
    """True for a common-noun head that is not a named entity (a candidate for ``owner_tokens``)."""
    return token.pos_ == "NOUN" and not token.ent_type_


def detached(verb: Token, obj: Token) -> bool:
    """True for an "object" the parser took from a trailing source phrase.

    "threatened to deliver blows to X, a Saudi-owned weekly reports": a noun
    after the verb's own clause complement and a comma is not its object.
    """
    return obj.i > verb.i and obj.left_edge.i > 0 and obj.doc[obj.left_edge.i - 1].lower_ == "," and any(
        c.dep_ in ("xcomp", "ccomp") and c.i < obj.i for c in verb.children
    )


def stray_agents(noun: Token) -> list[Token]:
    """The author of an object noun whose "by" phrase the parser hung on the verb.

    An active verb has no agent of its own, so "demanded reforms by the
    government" names who is to make the reforms, wherever the parser puts
    "by". "by" clauses of means ("by dumping sawdust"), dates ("by 2025")
    and manner words ("by force", "by phone") are left out.

    Args:
        noun: a direct object.

    Returns:
        Heads of the "by" phrases after ``noun`` that name its author.
    """
    verb = noun.head
    if noun.dep_ not in ("dobj", "obj") or verb.pos_ not in ("VERB", "AUX") or is_passive(verb):
        return []
    manners = role_words()["by_manners"]
    out = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "by" or prep.i < noun.i:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or pobj.pos_ not in ("NOUN", "PROPN") or pobj.lemma_.lower() in manners:
                continue
            if pobj.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"):
                continue
            out.append(pobj)
    return out


def undergone(noun: Token) -> bool:
    """True for an act its governor's subject undergoes, not does.

    "The convoy came under attack", "a journalist was placed under
    investigation", "Iran faces new sanctions", "a prisoner died of torture":
    the subject is the act's target.
    """
    if noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.dep_ == "prep":
        return True
    verb = undergoing_verb(noun)
    return verb is not None


def undergoing_verb(noun: Token) -> Token | None:
    """The verb of undergoing ("faced", "died of", "survived") an act noun hangs from, if any."""
    tok = noun
    if tok.dep_ in ("conj", "compound"):
        # "survived an assassination attempt"
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        # "died as a result of torture", "died of wounds"
        tok = tok.head.head
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
            tok = tok.head.head
        verb = tok
    elif tok.dep_ in ("dobj", "obj"):
        verb = tok.head
    else:
        return None
    if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in role_words()["undergoing_verbs"]:
        return verb
    return None


def undergoer(noun: Token) -> Token | None:
    """The subject of the verb an undergone act hangs from ("came under fire", "faces sanctions")."""
    if not undergone(noun):
        return None
    verb = undergoing_verb(noun) or noun.head.head
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def reported_speaker(clause: Token, pronoun: Token) -> Token | None:
    """The speaker a subject pronoun of a reported clause stands for.

    "The rebels rejected the plan and said they also opposed the force",
    "Syria says it will withdraw": "they", "it" is the one who says so, when
    number agrees ("it" a single body, "they" several). The speaker is found
    through coordinated verbs ("... and said").

    Args:
        clause: a verb whose subject is ``pronoun``.
        pronoun: the subject.

    Returns:
        The speaker's head token, or None.
    """
    word = pronoun.lower_
    if word not in ("it", "they", "we") or clause.dep_ != "ccomp" or clause.head.pos_ not in ("VERB", "AUX"):
        return None
    speaker = subject_token(clause.head)
    if speaker is None or speaker.pos_ not in ("NOUN", "PROPN"):
        return None
    plural = speaker.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in speaker.children)
    if word == "it" and plural or word == "they" and not plural:
        return None
    return speaker


def plan_owners(noun: Token) -> list[Token]:
    """Whose a plan, offer or decision is: "Washington's decision", "a plan by
    Iran", "the US offer", "a Russian proposal"."""
    out = [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "by" for g in p.children if g.dep_ == "pobj"]
    out += [c for c in noun.children if c.dep_ == "poss" and c.lower_ not in PRONOUNS]
    out += [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i and c.ent_type_ in ("NORP", "GPE", "ORG")]
    return out


def attack_author(verb: Token) -> Token | None:
    """Who did the attack an agentless passive names as the means of the act.

    "Two soldiers were killed in a PKK attack", "three civilians died in an
    Israeli air strike": the attack's author, from a name before it or its
    "by" phrase.
    """
    words = role_words()["attack_nouns"]
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "by"):
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in words:
                continue
            by = [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "by" for g in p.children if g.dep_ == "pobj"]
            named = [
                c for c in noun.children
                if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i and c.ent_type_ in ("NORP", "GPE", "ORG")
            ]
            for t in by + named:
                return t
            if noun.lemma_.lower() in role_words()["weapon_nouns"] or any(
                c.lemma_.lower() in role_words()["weapon_nouns"] for c in noun.children if c.dep_ == "compound"
            ):
                # "killed in a car bomb explosion in Kabul": nobody named, the place stands for the author
                place = place_phrase(noun)
                if place is not None:
                    return place
    return None


def cause_of(noun: Token) -> Token | None:
    """What a causative verb says set off an act ("the arrest sparked protests").

    The subject of "spark", "trigger", "provoke"... is no author of the act it
    sets off; it is what the act answers.

    Returns:
        The causative verb's subject, or None.
    """
    if noun.dep_ not in ("dobj", "obj"):
        return None
    verb = noun.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in role_words()["causative_verbs"]:
        return None
    return next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)


def of_agents(noun: Token) -> list[Token]:
    """The agent of an act noun whose "by" the parser hung on its "of" object.

    "the arrest of the opposition leader by Ugandan police": the police
    arrested, whatever the parse says.
    """
    return [
        g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children if o.dep_ == "pobj"
        for b in o.children if b.dep_ == "prep" and b.lower_ == "by"
        for g in b.children if g.dep_ == "pobj"
    ]


def weapon_place(noun: Token | None, verb: Token | None = None) -> Token | None:
    """The place a weapon nobody is named for went off in ("a roadside bomb near Kandahar").

    CAMEO practice codes violence no one is named for to the country where it
    happened; when the weapon's own phrase says where ("a car bomb in
    Baghdad", "a minefield explosion near the town of Samarra"), that place
    stands for its author, as does the place phrase of the verb the weapon is
    the agent of ("were killed by a roadside bomb outside Kandahar"). A
    weapon with a named owner ("a Russian missile", "a PKK bomb") keeps it.

    Args:
        noun: a role's head, or None.
        verb: the passive verb ``noun`` is the agent of, if any.

    Returns:
        The head of the place phrase, or None.
    """
    if noun is None or not is_thing(noun) or noun.lemma_.lower() not in role_words()["weapon_nouns"]:
        return None
    for t in noun.subtree:
        if t.i < noun.i and t.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or t.dep_ == "poss":
            return None
    return place_phrase(noun) or (place_phrase(verb) if verb is not None else None)


def place_phrase(head: Token) -> Token | None:
    """The first phrase under ``head`` that says where it happened ("in Baghdad",
    "outside of the city of Basra"), or None."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in role_words()["weapon_place_preps"]:
            # "outside of the city": the place hangs on the second preposition
            objs = [g for p in (prep, *(c for c in prep.children if c.dep_ == "prep")) for g in p.children if g.dep_ == "pobj"]
            for pobj in objs:
                if any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in pobj.subtree):
                    return pobj
    return None
