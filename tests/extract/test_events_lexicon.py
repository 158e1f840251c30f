"""The event lexicon data files: every trigger names a real PLOVER type, mode and CAMEO code."""

from __future__ import annotations

import pytest
import yaml

from eventwire.extract import lexicon

TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}


def all_senses(lex: lexicon.Lexicon) -> list[tuple[str, lexicon.Sense]]:
    out = [(k, s) for table in (lex.verbs, lex.nouns, lex.adjectives) for k, s in table.items()]
    out += [(" ".join(k), s) for k, s in lex.phrases.items()]
    return out


def test_lexicon_covers_all_plover_types() -> None:
    lex = lexicon.load()
    assert {s.type for _, s in all_senses(lex)} == TYPES
    assert set(lex.default_cameo) == TYPES


def test_lexicon_senses_are_valid() -> None:
    lex = lexicon.load()
    for word, sense in all_senses(lex):
        assert sense.type in TYPES, word
        assert sense.mode is None or (sense.type, sense.mode) in lex.scores, (word, sense)
        assert sense.cameo.isdigit() and 3 <= len(sense.cameo) <= 4, (word, sense)
        assert 0.0 < sense.weight <= 1.0, (word, sense)


@pytest.mark.parametrize("name", ["lexicon.yaml", "cues.yaml", "plover.yaml"])
def test_lexicon_yaml_has_no_accidental_booleans(name: str) -> None:
    # YAML 1.1 reads bare on/no/yes as booleans: a preposition "on" must stay a word
    with open(lexicon.DATA / name, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)

    def walk(x: object) -> None:
        assert not isinstance(x, bool), name
        if isinstance(x, dict):
            for k, v in x.items():
                walk(k)
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(data)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("ASSAULT:firearms 193", lexicon.Sense("ASSAULT", "firearms", "193", 0.8)),
        ("AGREE 030 0.5", lexicon.Sense("AGREE", None, "030", 0.5)),
    ],
)
def test_lexicon_parse_sense(value: str, expected: lexicon.Sense) -> None:
    assert lexicon.parse_sense(value) == expected


@pytest.mark.parametrize(
    "cameo, quad", [("036", 1), ("057", 1), ("073", 2), ("0841", 2), ("112", 3), ("141", 3), ("163", 4), ("190", 4), (None, None)]
)
def test_lexicon_quad_class(cameo: str | None, quad: int | None) -> None:
    assert lexicon.quad_class(cameo) == quad


def test_lexicon_phrases_match_either_order() -> None:
    lex = lexicon.load()
    assert lex.phrases[("hunger", "strike")] == lex.phrases[("strike", "hunger")]
    assert lex.phrases[("open", "fire")].type == "ASSAULT"


def test_lexicon_argument_tables_compile() -> None:
    lex = lexicon.load()
    # classes are registered per member word, with their "@" name
    assert "@peacekeepers" in lex.word_classes["peacekeeper"]
    assert "@forces" in lex.word_classes["troop"]
    # "none" means no event; a sense is parsed like any other
    assert lex.object_senses["mobilize"]["*"] is None
    assert lex.object_senses["withdraw"]["@personnel"] == lexicon.Sense("SANCTION", "withdraw", "161", 0.8)
    assert lex.subject_senses["arrive"]["@peacekeepers"].type == "AID"
    assert lex.clausal_senses["protest"].type == "ACCUSE"
    # blocked pairs match either order, like phrases
    assert ("press", "release") in lex.not_events and ("release", "press") in lex.not_events


def test_lexicon_argument_senses_are_valid() -> None:
    lex = lexicon.load()
    names = set(lex.word_classes.values())
    known = {cls for classes in names for cls in classes}
    for table in (lex.object_senses, lex.subject_senses):
        for head, args in table.items():
            for key, sense in args.items():
                # every "@class" used is defined, every sense is a real type, mode and code
                assert not key.startswith("@") or key in known, (head, key)
                if sense is not None:
                    assert sense.mode is None or (sense.type, sense.mode) in lex.scores, (head, key, sense)
                    assert sense.cameo.isdigit() and 3 <= len(sense.cameo) <= 4, (head, key, sense)
