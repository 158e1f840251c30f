"""Events a construction signals rather than a trigger word.

- "X said (that) Y must Z" is a REQUEST from X to Y;
- "X said it will/would Z", Z an act of X's, is a promise (AGREE) or a threat;
- "a stern reminder to Y that it must Z" is a REQUEST;
- a crowd gathering at a seat of power ("protesters gathered outside the US
  embassy", "farmers massed in front of the ministry") is a PROTEST aimed at
  whoever the building stands for.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from . import event_roles as roles
from .event_candidate import Candidate
from .lexicon import Lexicon, Sense


def construction_candidates(sent: SpacySpan, lex: Lexicon, found: dict[int, Candidate]) -> None:
    """Add events signalled by a construction rather than a word (see module doc).

    Args:
        sent: a sentence span of the parsed document.
        lex: the compiled lexicon.
        found: the sentence's candidates by token index (updated).
    """
    cues = lex.cues
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
            reporter = roles.subject_token(verb)
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
            cand.target_tokens += [t for _, t in roles.prep_objects(noun, {"to": 0})] + [subj]
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
    subj = roles.subject_token(verb)
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
        cand.target_tokens += [t for _, t in roles.prep_objects(site, {"of": 0})]
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
                pobj = next((g for _, g in roles.prep_objects(pobj, {"of": 0})), pobj)
            if pobj.lemma_.lower() in lex.cues["protest_sites"]:
                out.append(pobj)
    return out
