"""Small rules the actor resolver applies: name matches, syntax tests, compounds.

Shared by the resolver's modules (``actors.py`` and its mixins) so that each reads as its rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..records import Actor
from .kb import KnowledgeBase, KnownActor, NameHit, Role, words

#: Words before a hyphen that make a country word a stance, not an affiliation ("anti-Syria
#: journalist", "pro-Iranian militia").
STANCE = frozenset({"anti", "pro"})
#: Nouns that name another party than the country owning them ("Israel's militia ally").
OTHER_SIDE = frozenset({"ally", "allies", "proxy", "proxies", "enemy", "enemies", "foe", "foes", "rival", "rivals",
                        "adversary", "adversaries", "opponent", "opponents"})

#: A document, or its tokens as a list (indexing a list does not build a new Token each time).
Tokens = Doc | Sequence[Token]

#: Prepositions after which a capital is a place ("talks in Washington"), not the government.
LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "around", "across", "throughout", "within", "into", "over"})
#: Entity labels coded as actors (FAC and LOC only when the knowledge base knows the name).
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Pronouns that refer to a person.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
#: Possessive pronouns of states and bodies ("its embassy", "their troops").
POSSESSIVE = frozenset({"its", "their"})


@dataclass
class Match:
    """A known name found in a phrase."""

    start: int
    """First token index (in the doc)."""
    end: int
    hits: list[NameHit]


def actor_from_role(kb: KnowledgeBase, known: KnownActor, role: Role | None, text: str, start: int | None, end: int | None,
           *, title: str | None = None) -> Actor:
    """An Actor from a known person or body and the role it holds."""
    if role is None:
        return Actor(text=text, canonical=known.canonical, start=start, end=end, title=title)
    return Actor(text=text, code=role.code, country=role.country, sector=role.sector, canonical=known.canonical,
                 start=start, end=end, title=role.title or title)



def token_words(token: Token) -> tuple[str, ...]:
    """A token's key words (see ``kb.words``): none for hyphens and 's, two for "Jae-in"."""
    text = token.text
    if text.isalpha():  # the common case, without kb.words' regular expressions
        return (text if text.isupper() and len(text) <= 5 else text.lower(),)
    if token.is_punct and text in "-–":
        return ()
    return words(text)


def is_country_name(kb: KnowledgeBase, hit: NameHit, head: Token) -> bool:
    """True when a plural-looking head is the country's own name ("Philippines", "Emirates")."""
    country = kb.countries.get(hit.country or "")
    return country is not None and head.lower_ in country.name.lower()


def hyphen_end(doc: Tokens, end: int, limit: int) -> int:
    """Extend a range over a hyphenated tail the parser split off ("Moon Jae" + "-in")."""
    while end + 1 < limit and doc[end].text in "-–" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        end += 2
    return end


def country_hit(m: Match) -> bool:
    """True when the name is a country word, capital, place or people (not only a known actor)."""
    for h in m.hits:
        if h.actor is None:
            return True
    return False


#: Which meaning of a country word counts first.
_COUNTRY_ORDER = {"seat": 0, "country": 1, "capital": 2, "place": 3, "people": 4, "feature": 5}


def best_country_hit(hits: list[NameHit]) -> NameHit:
    """The country-word hit that counts first (a seat, then the country's own name, ...)."""
    if len(hits) == 1 and hits[0].actor is None:
        return hits[0]  # the common case
    return min((h for h in hits if h.actor is None), key=lambda h: _COUNTRY_ORDER.get(h.kind, 9))


def pick_actor(hits: list[NameHit], date: str | None) -> KnownActor:
    """Among people sharing a name, the one holding a coded role on the date."""
    actors = [h.actor for h in hits if h.actor is not None]
    for a in actors:
        role = a.role(date)
        if role is not None and role.sector is not None and (date is None or any(r.active(date) for r in a.roles)):
            return a
    return actors[0]


def stance(doc: Tokens, start: int) -> bool:
    """True when the name at ``start`` follows "anti-"/"pro-": a stance towards it, not its own."""
    return start >= 2 and doc[start - 1].text in "-–" and doc[start - 2].lower_ in STANCE


def other_side(doc: Doc, m: Match) -> bool:
    """True when the name qualifies a noun that names its ally or foe ("Israel's militia ally")."""
    return doc[m.end - 1].head.lower_ in OTHER_SIDE and doc[m.end - 1].head.i >= m.end


def within(head: Token, m: Match) -> bool:
    return m.start <= head.i < m.end


def acts(head: Token) -> bool:
    """A capital acts as its government when it is a subject, possessor or agent."""
    tok = head
    while tok.dep_ in ("conj", "compound", "appos") and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "pobj":
        return tok.head.lower_ in ("by", "with", "against", "between")
    return tok.dep_ in ("nsubj", "nsubjpass", "poss", "dobj", "ROOT")


def locative(head: Token) -> bool:
    tok = head
    while tok.dep_ in ("conj", "compound", "appos") and tok.head is not tok:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE


def placed_tokens(head: Token) -> frozenset[int]:
    """Indices of the tokens in place phrases after ``head`` ("soldiers in south Ukraine").

    A place phrase says where the noun is, not whose it is: it may give a bare sector noun
    a country as a weak cue, never override the noun's own modifiers.
    """
    out: set[int] = set()
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in LOCATIVE and child.i > head.i:
            out.update(range(child.i, child.right_edge.i + 1))
    return frozenset(out)


def is_place(tok: Token) -> bool:
    """True when a name is itself the object of a place preposition ("in Seoul").

    Unlike ``locative`` this does not climb compounds: "US" in "outside the US embassy"
    qualifies a building, it is not where something happens.
    """
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE


def is_epithet_head(head: Token) -> bool:
    return head.lower_ in ("state", "nation", "country", "regime", "kingdom", "republic", "north", "south", "island")


def coordinated_modifiers(doc: Doc, countries: list[tuple[str, Match]]) -> bool:
    """True when the country words are joined by "and"/"," ("Hungarian and Romanian officials")."""
    spans = sorted(m.start for _, m in countries)
    ends = sorted(m.end for _, m in countries)
    if len({c for c, _ in countries}) < 2:
        return False
    between = doc[ends[0] : spans[-1]]
    return all(t.lower_ in ("and", ",", "&", "or") or t.is_space for t in between) and len(between) > 0


def compound(doc: Doc, text: str, start: int, end: int, members: list[Actor]) -> Actor:
    """An actor over ``members``; a member that is itself a compound gives its own members (flat)."""
    members = [m for member in members for m in (member.members or (member,))]
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    countries = {m.country for m in members}
    sectors = {m.sector for m in members}
    country = next(iter(countries)) if len(countries) == 1 else None
    sector = next(iter(sectors)) if len(sectors) == 1 else None
    codes = {m.code for m in members}
    return Actor(text=text[s:e], code=next(iter(codes)) if len(codes) == 1 else None, country=country,
                 sector=sector, start=s, end=e, members=tuple(members))


def clause_token(token: Token) -> Token:
    """The token standing for a name or pronoun in its clause (past compounds and appositions)."""
    while token.dep_ in ("compound", "appos", "conj", "flat") and token.head is not token:
        token = token.head
    return token
