"""Known names and sector nouns in a phrase: finding them and choosing the meaning that holds.

Longest-match lookup of the knowledge base's names (dated meanings, a people's homes, towns
two countries share), sector nouns and titles, and which match names the phrase's actor.
A mixin of ``DocumentActors`` (see ``actors.py``): it reads the document state set up there.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..records import Actor
from .actors_rules import Match, best_country_hit, country_hit, pick_actor, stance
from .kb import NameHit, words

_MAX_KEY = 8
#: Lower-case particles that may open a name ("al-Qaeda", "de Mistura", "bin Laden").
_PARTICLES = frozenset({"al", "el", "ad", "as", "an", "ash", "at", "de", "du", "van", "von", "bin", "ibn", "ben", "abu", "da", "di", "la", "le"})
#: Small words inside long names ("Liberation Tigers of Tamil Eelam", "Doctors Without Borders").
_NAME_LINKS = frozenset({"of", "for", "the", "and", "-", "–", "on", "without", "in"}) | _PARTICLES


class NameFinder:
    """Names, sector nouns and titles found in a phrase."""

    def _find(self, start: int, end: int, head: Token | None = None) -> list[Match]:
        """Longest known names starting in [start, end), left to right, each starting with a capital.

        A name may run past ``end`` when it covers ``head``: the parser often cuts a long
        name short ("the Liberation Tigers" + "of Tamil Eelam"), and the cut-off part alone
        can be another actor's name.
        """
        limit = end
        tokens = self._tokens
        if head is not None:
            # names go on in capitals and a few small words ("of", "for", "the")
            last = min(self._sent[start][1], end + _MAX_KEY)
            while limit < last and (tokens[limit].text[:1].isupper() or tokens[limit].lower_ in _NAME_LINKS):
                limit += 1
        norm = self._norm
        toks = [(i, w) for i in range(start, limit) for w in norm[i]]
        keys = [w for _, w in toks]
        inside = len(toks) if limit == end else sum(1 for i, _ in toks if i < end)
        out: list[Match] = []
        j = 0
        lookup = self.kb.lookup
        longest = min(_MAX_KEY, self.kb.max_len)
        head_i = head.i if head is not None else -1
        while j < inside:
            i = toks[j][0]
            first = tokens[i].text[:1]
            if not (first.isupper() or first.isdigit() or tokens[i].lower_ in _PARTICLES):
                j += 1
                continue
            for length in range(min(longest, len(toks) - j), 0, -1):
                last = toks[j + length - 1][0]
                if last >= end and not i <= head_i <= last:
                    continue
                hits = lookup(tuple(keys[j : j + length]))
                if hits:
                    hits = self._holding(hits, i, last, (start, limit))
                if hits and i > start and stance(tokens, i):
                    hits = [h for h in hits if h.actor is not None]  # "anti-Syria journalist": not Syria's
                if hits:
                    out.append(Match(i, last + 1, hits))
                    j += length
                    break
            else:
                j += 1
        return out

    def _holding(self, hits: list[NameHit], first: int, last: int, phrase: tuple[int, int]) -> list[NameHit]:
        """The hits of a name that hold here: on the article date, and one home for a people.

        A dated name keeps only the meaning it had on the date ("Juba" was in Sudan before
        2011). A people's name ("Karen", "Kurdish") says the group, not the country: of its
        homes, the one the article names wins, else the likeliest; a people's word inside a
        longer person's name ("Karen Smith") is a given name. When the word is also a
        country's own ("Albanian"), the country stands and the homes stay for "ethnic X".
        A town two countries have ("Tripoli") is the one the article points to, else the first.
        """
        if len(hits) == 1 and hits[0].kind != "people" and not (hits[0].start or hits[0].end):
            return hits  # the common case: one undated meaning
        if any(h.start or h.end for h in hits):
            hits = [h for h in hits if h.active(self.date)]
        places = [h for h in hits if h.kind in ("capital", "place")]
        if len({h.country for h in places}) > 1 and not any(h.kind in ("country", "seat") for h in hits):
            # a town two countries have ("Tripoli"): the one the article points to, else the first
            chosen = self._people_home(places, first, phrase, skip=(first, last))
            hits = [h for h in hits if h.actor is not None or h.country == chosen.country]
        homes = [h for h in hits if h.kind == "people"]
        if not homes:
            return hits
        ent = self._ent_of.get(first)
        if ent is not None and ent.label_ == "PERSON" and (ent.start < first or ent.end > last + 1):
            return [h for h in hits if h.kind != "people"]
        if any(h.actor is None and h.kind != "people" for h in hits):
            return hits
        return [self._people_home(homes, first, phrase)] + [h for h in hits if h.kind != "people"]

    def _people_home(self, homes: list[NameHit], at: int, phrase: tuple[int, int],
                     skip: tuple[int, int] = (-1, -1)) -> NameHit:
        """Of a people's homes (or a town's countries), the hit the article points to: the country
        named in its phrase ("Druze of the Syrian Golan"), else the nearest in its sentence, else
        the nearest before it, else the first; names in ``skip`` (the name itself) do not count."""
        countries = {h.country for h in homes}
        sent_start, sent_end = self._sent[at]
        lo, hi = phrase
        n = len(self.doc)
        near = [(abs(i - at) if lo <= i < hi else n + abs(i - at) if sent_start <= i < sent_end else 2 * n + at - i, iso)
                for i, iso in self._named() if iso in countries and (i < at or i < sent_end)
                and not skip[0] <= i <= skip[1]]
        if near:
            iso = min(near)[1]
            return next(h for h in homes if h.country == iso)
        return homes[0]

    def _named(self) -> list[tuple[int, str]]:
        """(token, iso3) of every country, capital or place name among the document's entities."""
        if self._named_cache is None:
            self._named_cache = []
            for ent in self._ents:
                if ent.label_ not in ("GPE", "NORP", "LOC"):
                    continue
                key = tuple(w for i in range(ent.start, ent.end) for w in self._norm[i])
                if key[:1] == ("the",):
                    key = key[1:]
                # the whole name, else its words one by one ("the Syrian Golan Heights")
                for i, part in [(ent.root.i, key)] + [(i, self._norm[i]) for i in range(ent.start, ent.end)] * (len(ent) > 1):
                    iso = next((c for h in self.kb.lookup(part) if (c := self._place_country(h))), None) if part else None
                    if iso is not None:
                        self._named_cache.append((i, iso))
                        break
        return self._named_cache

    def _place_country(self, hit: NameHit) -> str | None:
        """The country a name hit stands for as a place on the article date (Phoenix keeps many
        states as actors with a dated bare country code: "Iraq"), or None."""
        if hit.actor is None:
            return hit.country if hit.kind in ("country", "capital", "place") and hit.active(self.date) else None
        role = hit.actor.role(self.date)
        return role.country if role is not None and role.sector is None and role.code == role.country else None

    def _agent(self, start: int, end: int, head: Token, matches: list[Match]) -> tuple[str | None, str | None]:
        """(sector, title) from the sector nouns in the phrase; the head's noun wins."""
        named = {i for m in matches for i in range(m.start, m.end)}
        best: tuple[int, int, int, str] | None = None  # (covers head, length, position, sector)
        agents = self.kb.agents
        openers = self.kb.agent_openers
        doc = self.doc
        tokens = self._tokens
        for i in range(start, end):
            tok = tokens[i]
            if i in named or tok.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB"):
                continue
            if tok.lower_ not in openers and tok.lemma_.lower() not in openers:
                continue  # no sector noun starts here (most words)
            for length in (4, 3, 2, 1):
                if i + length > end:
                    continue
                toks = tokens[i : i + length]
                if any(t.i in named for t in toks):
                    continue
                last = toks[-1]
                key = tuple([t.lower_ for t in toks[:-1]] + [last.lemma_.lower()])
                sector = agents.get(key) or agents.get(tuple(t.lower_ for t in toks))
                if sector:
                    cand = (int(i <= head.i < i + length), length, i, sector)
                    if best is None or cand[:2] > best[:2] or (cand[:2] == best[:2] and cand[2] > best[2]):
                        best = (cand[0], cand[1], i, sector)
                    break
        if best is None:
            return None, None
        covers, length, i, sector = best
        # a title belongs to a named person ("Foreign Minister Park Jin"); "the military" has none
        named_person = any(tokens[j].ent_type_ == "PERSON" for j in range(start, end))
        title = doc[i : i + length].text if named_person and tokens[i + length - 1].ent_type_ != "PERSON" else None
        if title and tokens[i + length - 1].tag_ in ("NNS", "NNPS"):
            title = None  # a group ("officials"), not a title
        return sector, title

    def _actor_match(self, matches: list[Match], head: Token, *, titled: bool,
                     placed: frozenset[int] = frozenset()) -> Match | None:
        """The match naming a known person or body: the head's, else the last one that is not a country.

        A name inside a place phrase after the head ("Osgiliath soldiers in south Ithilen")
        counts only when no other name does ("soldiers in X").
        """
        cands = []
        doc = self._tokens
        countries: set[str | None] | None = None  # the phrase's country words, on first need
        for m in matches:
            person = doc[m.start].ent_type_ == "PERSON"
            hits = [h for h in m.hits if h.actor is not None and (h.kind != "surname" or person or titled)]
            if not hits:
                continue  # a bare surname that the text does not mark as a person ("Ferrari")
            if country_hit(m) and not person:
                continue  # "Jordan" the country unless NER says it is a person
            if m.end - m.start == 1 and m.end < len(doc) and doc[m.end].ent_iob_ == "I" and person:
                continue  # one word of a longer name ("Hassan" in "Omar Hassan al-Bashir")
            if m.end - m.start == 1 and not person and self._tail_of_longer_name(m):
                continue  # "Foundation" in "Electronic Frontier Foundation" is no known body's alias
            if person and self._other_given_name(m, hits):
                continue  # "Mark Hassan" is not Prince Hassan: a surname shared across people
            if m.end - m.start == 1 and countries is None:
                countries = {best_country_hit(m.hits).country for m in matches if country_hit(m)}
            if m.end - m.start == 1 and countries:
                role = pick_actor(hits, self.date).role(self.date)
                if role is not None and role.country and role.country not in countries:
                    continue  # "King Hassan of Morocco" is not Jordan's Prince Hassan
            if m.end - m.start == 1 and all(h.kind == "surname" for h in hits) and self._someone_else(m.start, hits):
                continue  # "Mr Howard" in a British story, after "Michael Howard", is not Australia's John Howard
            cands.append(Match(m.start, m.end, hits))
        cands = [m for m in cands if m.start not in placed] or cands
        for m in cands:
            if m.start <= head.i < m.end:
                return m
        return cands[-1] if cands else None

    def _someone_else(self, start: int, hits: list[NameHit]) -> bool:
        """True when the document's own context says a bare surname is not the known person it matched:
        it names another person of that surname earlier, or the story is about countries that are not
        the person's (``actors_context_names``)."""
        known = pick_actor(hits, self.date)
        if self.other_person_named(start, known.canonical):  # type: ignore[attr-defined]
            return True
        role = known.role(self.date)
        story = self.story_countries()  # type: ignore[attr-defined]
        return bool(story) and role is not None and bool(role.country) and role.country not in story

    def _tail_of_longer_name(self, m: Match) -> bool:
        """True when a one-word match is the last word of a longer proper name
        whose other words are names too ("Electronic Frontier Foundation"): the
        longer name is another body, which the knowledge base would list whole."""
        ent = self._ent_of.get(m.start)
        if ent is None or ent.label_ in ("PERSON", "GPE", "NORP") or ent.end != m.end or ent.start >= m.start:
            return False
        return all(self._tokens[i].pos_ == "PROPN" for i in range(ent.start, m.start) if self._tokens[i].is_alpha
                   and self._tokens[i].lower_ != "the")

    def _other_given_name(self, m: Match, hits: list[NameHit]) -> bool:
        """True when the person's name has a given name that the known actor's full name does not.

        ``m`` matched only the surname (or one word) of a longer name in the text: had the
        given name been the known actor's, the longer name would have matched (aliases carry
        the usual forms). Titles ("President", "Mr.") and initials are not given names.
        """
        if m.end - m.start > 1 and not all(h.kind == "surname" for h in hits):
            return False
        ent = self._ent_of.get(m.start)
        if ent is None:
            return False
        for i in range(ent.start, m.start):
            tok = self.doc[i]
            if (tok.pos_ == "PROPN" and tok.is_alpha and len(tok) > 1 and tok.text[:1].isupper()
                    and not self.kb.agents.get((tok.lower_,)) and tok.lower_ not in _PARTICLES):
                # the first given name decides (middle names are often left out of the KB's forms)
                known = {w for h in hits if h.actor is not None for w in words(h.actor.canonical)}
                return tok.lower_ not in known
        return False

    def _variant_match(self, head: Token) -> Match | None:
        """A known full name spelt with one letter doubled or undoubled ("Mitterand", "Ghadafi").

        Only for a person's name of two or more words that the knowledge base does not know
        as written, and only a full name (never a bare surname) is accepted.
        """
        ent = self._ent_of.get(head.i)
        if ent is None or len(ent) < 2:
            return None
        key = [w for i in range(ent.start, ent.end) for w in self._norm[i]]
        if not 2 <= len(key) <= 4:
            return None
        for n, word in enumerate(key):
            if len(word) < 5 or not word.isalpha():
                continue
            variants = {word[: k + 1] + word[k] + word[k + 1 :] for k in range(1, len(word))}
            variants |= {word[:k] + word[k + 1 :] for k in range(1, len(word)) if word[k] == word[k - 1]}
            for variant in sorted(variants):
                hits = [h for h in self.kb.lookup((*key[:n], variant, *key[n + 1 :])) if h.kind == "actor"]
                if hits:
                    return Match(ent.start, ent.end, hits)
        return None

    def _inner_country(self, m: Match) -> str | None:
        """A country word inside a known name ("Palestinian Islamic Jihad")."""
        for i in range(m.start, m.end):
            for hit in self.kb.lookup(self._norm[i]) if self._norm[i] else ():
                if hit.kind == "country":
                    return hit.country
        return None

    def _name_text(self, head: Token) -> str:
        ent = self._ent_of.get(head.i)
        return ent.text if ent is not None else head.text

    def _place_name(self, start: int, end: int) -> bool:
        """True when the name in [start, end) is only a place (country, capital, town) on the article date."""
        key = tuple(w for i in range(start, end) for w in self._norm[i])
        hits = [h for h in self.kb.lookup(key) if h.active(self.date)] if key else []
        # a state kept as an actor has only bare country roles; a person out of office has
        # one too on the date, but titled or sector roles besides
        # (country words are left alone: "Britons", "Welsh" are peoples, and "Jordan" often a person)
        return bool(hits) and all(self._place_country(h) is not None and h.kind != "country" and (h.actor is None or all(
            r.sector is None and r.title is None and r.code == r.country for r in h.actor.roles)) for h in hits)

    def _known_person(self, ent: Span, actor: Actor) -> bool:
        """True when an entity is a person the KB knows: its last word alone names the same actor.

        People are known by their surname ("Scholz" for "Olaf Scholz"), bodies hardly ever by
        their last word; the actor must hold a titled role or have a surname entry.
        """
        if len(ent) < 2 or not actor.canonical or actor.members:
            return False
        last = self._norm[ent.end - 1]
        for hit in self.kb.lookup(last) if last else ():
            known = hit.actor
            if known is not None and known.canonical == actor.canonical and (
                    hit.kind == "surname" or any(r.title for r in known.roles)):
                return True
        return False
