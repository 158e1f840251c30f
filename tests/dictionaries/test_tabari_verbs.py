"""TABARI/PETRARCH verb dictionaries: reading verbs files, converting them, merging them into the lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from eventwire.cli.dictionaries import import_tabari
from eventwire.config import load_settings
from eventwire.dictionaries import cameo
from eventwire.dictionaries.tabari_verbs import (
    VerbConversion,
    VerbDictionary,
    convert,
    convert_file,
    parse_verbs,
    regular_forms,
    split_code,
    write_lexicon_file,
)
from eventwire.errors import ConfigError
from eventwire.extract import lexicon
from eventwire.records import Document

# A small verbs dictionary in the PETRARCH layout, written for these tests.
VERBS = """\
<!-- A TEST VERBS DICTIONARY
     over two lines -->
&MONEY
+COIN
+GOLD_PIECE                  # two words: no phrase of two
&TREASURE_
+&MONEY
+JEWEL

--- PLEDGE  [070]  ---
PLEDGE
BESTOW {BESTOWS BESTOWED BESTOWING}
LOAN [071]                   # its own code
+HAND_OUT
BEFRIEND [051]
- * &TREASURE  [073]
- * CARD  [---]
- * (TO)  [042:043]
- * JEWEL  [071]              # a later pattern wins over the set's
- * {FOOD AID}  [073]
- * (FOR HELP)  [103]
- ARMY *  [154]
- * + FROM $  [075]
- * SOME_THING  [070]
- * BANANA  [:173]
- * TRIBUTE  [010]            # a statement: no PLOVER type
- * &LATER  [070]             # a set defined further down

--- MUTTER  [---] ---
MUTTER
GRUMBLE [111]
WIRE_+TAP [1711]
ABC_DEF_+GHI [1711]
PLEDGE [112]                  ; listed again: the first entry wins
- * COMPLAINT  [112]

&LATER
+GIFT

--- ZAP  [223] ---
ZAP
~ a (a b PLEDGE) MUTTER = a b 138
"""

# Lines in the layout of the CAMEO2PLOVER table, written for these tests.
TABLE_TEXT = """\
04: CONSULT
042: CONSULT, visit,   # Make a visit
05: SUPPORT
051: SUPPORT,  , diplomatic # Praise or endorse
07: AID
070: AID,   ,  # Provide aid
071: AID,   ,   economic # Provide economic aid
073: AID,   ,   humanitarian # Provide humanitarian aid
11: ACCUSE
111: ACCUSE, disapprove,    # Criticize or denounce
112: ACCUSE, disapprove,    # Accuse
17: COERCE
171: COERCE, seize, human_security    # Seize or damage property
1711: COERCE, seize, human_security   # Confiscate property
"""


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str | None]]:
    path = tmp_path_factory.mktemp("table") / "CAMEO2PLOVER.txt"
    path.write_text(TABLE_TEXT, encoding="utf-8")
    return cameo.read_table(path)


@pytest.fixture(scope="module")
def parsed() -> VerbDictionary:
    return parse_verbs(VERBS, "test.verbs")


@pytest.fixture(scope="module")
def converted(parsed: VerbDictionary, table: dict[str, tuple[str, str | None]]) -> VerbConversion:
    return convert(parsed, table, origin="test.verbs")


@pytest.fixture
def shared_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A shared folder holding only the test table, named by EVENTWIRE_SHARED."""
    folder = tmp_path / "shared"
    (folder / cameo.TABLE).parent.mkdir(parents=True)
    (folder / cameo.TABLE).write_text(TABLE_TEXT, encoding="utf-8")
    monkeypatch.setenv("EVENTWIRE_SHARED", str(folder))
    return folder


@pytest.mark.parametrize(
    "word, forms",
    [("pledge", ("pledge", "pledges", "pledged", "pledging")), ("fix", ("fix", "fixes", "fixed", "fixing")),
     ("deny", ("deny", "denies", "denyed", "denying")), ("agree", ("agree", "agrees", "agreed", "agreeing"))],
)
def test_tabari_verbs_regular_forms_as_petrarch_makes_them(word: str, forms: tuple[str, ...]) -> None:
    assert regular_forms(word) == forms


def test_tabari_verbs_reads_words_and_forms(parsed: VerbDictionary) -> None:
    by_words = {v.words: v for v in parsed.verbs}
    assert by_words[("pledge",)].forms == ("pledge", "pledges", "pledged", "pledging")
    assert by_words[("bestow",)].forms == ("bestow", "bestows", "bestowed", "bestowing")
    tap = by_words[("wire", "tap")]
    assert (tap.lemma, tap.code, tap.block) == ("tap", "1711", "MUTTER")
    assert by_words[("hand", "out")].lemma == "hand"
    assert by_words[("loan",)].code == "071" and by_words[("bestow",)].code == "070"
    assert by_words[("mutter",)].code == "---"


def test_tabari_verbs_reads_synsets_and_patterns(parsed: VerbDictionary) -> None:
    assert parsed.synsets == {"MONEY": ["COIN", "GOLD PIECE"], "TREASURE": ["&MONEY", "JEWEL"], "LATER": ["GIFT"]}
    assert parsed.transformations == 1
    assert [p.text for p in parsed.patterns if p.block == "MUTTER"] == ["* COMPLAINT"]
    assert next(p for p in parsed.patterns if p.text == "* (TO)").code == "042:043"


@pytest.mark.parametrize("code, parts", [("070", ("070", None)), ("042:043", ("042", "043")), (":173", (None, "173")),
                                         ("---", (None, None)), ("", (None, None))])
def test_tabari_verbs_split_code(code: str, parts: tuple[str | None, str | None]) -> None:
    assert split_code(code) == parts


@pytest.mark.parametrize(
    "word, sense",
    [("pledge", "AID 070 0.6"),  # the block's code (its second entry, under MUTTER, is ignored)
     ("bestow", "AID 070 0.6"),
     ("loan", "AID 071 0.6"),  # its own code beats the block's
     ("befriend", "SUPPORT 051 0.6"),
     ("grumble", "ACCUSE:disapprove 111 0.6"),  # own code in a block of the null code
     ("mutter", None),  # [---]: no event on its own
     ("zap", None)],  # 223, a WEIS code: no PLOVER type
)
def test_tabari_verbs_block_and_own_codes(converted: VerbConversion, word: str, sense: str | None) -> None:
    assert converted.data["verbs"].get(word) == sense


@pytest.mark.parametrize(
    "phrase, sense",
    [("pledge coin", "AID 073 0.6"),  # a member of a set inside the set
     ("loan coin", "AID 073 0.6"),
     ("bestow jewel", "AID 071 0.6"),  # the later pattern wins
     ("pledge to", "CONSULT:visit 042 0.6"),  # "* (PREP)"; the active part of the code
     ("mutter complaint", "ACCUSE:disapprove 112 0.6"),
     ("grumble complaint", "ACCUSE:disapprove 112 0.6"),  # every single-word verb of the block
     ("hand out", "AID 070 0.6"),  # a two-word verb
     ("tap wire", "COERCE:seize 1711 0.6"),
     ("pledge gold", None), ("pledge piece", None),  # a member of two words
     ("pledge gift", None),  # a set used before it is defined
     ("pledge tribute", None),  # no PLOVER type
     ("pledge card", None)],  # [---]: a non-event
)
def test_tabari_verbs_patterns_to_phrases(converted: VerbConversion, phrase: str, sense: str | None) -> None:
    assert converted.data["phrases"].get(phrase) == sense


def test_tabari_verbs_null_code_patterns_are_not_events(converted: VerbConversion) -> None:
    assert set(converted.data["not_events"]) == {f"{v} card" for v in ("pledge", "bestow", "loan", "befriend")}


@pytest.mark.parametrize(
    "pattern, reason",
    [("* {FOOD AID}", "a noun phrase of several words"), ("* (FOR HELP)", "a prepositional phrase with an object"),
     ("ARMY *", "words before the verb"), ("* + FROM $", "actor markers"),
     ("* SOME_THING", "several words after the verb"), ("* BANANA", "only a passive code [:173]"),
     ("* &LATER", "synonym set &LATER used before it is defined")],
)
def test_tabari_verbs_unexpressible_patterns_are_warned(converted: VerbConversion, pattern: str, reason: str) -> None:
    assert any(f"'- {pattern} [" in w and reason in w for w in converted.warnings), converted.warnings


def test_tabari_verbs_counts(converted: VerbConversion) -> None:
    c = converted.counts
    assert c["patterns"] == 13 and c["patterns_not_expressible"] == 7 and c["patterns_converted"] == 5
    assert (c["synsets"], c["synsets_in_patterns"], c["synsets_used"]) == (3, 2, 1)
    assert c["codes_unmapped"] == 2  # ZAP 223 and "* TRIBUTE" 010
    assert c["verbs_not_expressible"] == 1  # ABC_DEF_+GHI
    assert c["verbs_repeated"] == 1 and c["transformations"] == 1
    assert (c["verbs"], c["phrases"], c["not_events"]) == (
        len(converted.data["verbs"]), len(converted.data["phrases"]), len(converted.data["not_events"]))
    assert any("010 (1), 223 (1)" in w for w in converted.warnings)
    assert any("'abc_def_ghi': three words" in w for w in converted.warnings)
    assert any("1 transformations" in w for w in converted.warnings)


def test_tabari_verbs_mode_eventwire_lacks_is_dropped(
    parsed: VerbDictionary, table: dict[str, tuple[str, str | None]]
) -> None:
    modes = {t: frozenset() for t in ("AID", "CONSULT", "SUPPORT", "ACCUSE", "COERCE")}
    result = convert(parsed, table, modes=modes)
    assert result.data["phrases"]["pledge to"] == "CONSULT 042 0.6"
    assert any("CONSULT:visit (1)" in w for w in result.warnings)


def test_tabari_verbs_lexicon_merges_without_overriding() -> None:
    shipped = lexicon.load()
    meet, pay = shipped.verbs["meet"], "pay" in shipped.verbs
    assert "befriend" not in shipped.verbs and "pay" in shipped.light_verbs and "visit" in shipped.nouns
    data = {
        "verbs": {"meet": "COERCE:arrest 173 0.6", "befriend": "SUPPORT 051 0.6", "pay": "AID 070 0.6"},
        "phrases": {"meet rebels": "COERCE 170 0.6", "befriend rebels": "AID 070 0.6",
                    "pay visit": "AGREE 032 0.6", "pay dues": "AID 071 0.6"},
        "not_events": ["meet friends", "befriend pets"],
    }
    merged = lexicon.merge_user_lexicon(shipped, data)
    assert merged.verbs["meet"] == meet and merged.verbs["befriend"] == lexicon.Sense("SUPPORT", None, "051", 0.6)
    assert ("pay" in merged.verbs) == pay  # a light verb stays a light verb
    assert ("meet", "rebels") not in merged.phrases and ("pay", "visit") not in merged.phrases
    assert merged.phrases[("befriend", "rebels")].type == "AID" and merged.phrases[("pay", "dues")].cameo == "071"
    assert ("befriend", "pets") in merged.not_events and ("meet", "friends") not in merged.not_events
    assert all(merged.phrases[k] == v for k, v in shipped.phrases.items())
    assert lexicon.load() is shipped and "befriend" not in shipped.verbs  # the shipped lexicon is untouched


@pytest.mark.parametrize(
    "data, message",
    [({"verbs": {"befriend": "FRIENDLY 051"}}, "not a PLOVER type"),
     ({"verbs": {"befriend": "SUPPORT:hugs 051"}}, "not a mode of SUPPORT"),
     ({"verbs": {"befriend": "SUPPORT 51"}}, "3 or 4 digits"),
     ({"phrases": {"befriend the rebels": "SUPPORT 051"}}, "two words")],
)
def test_tabari_verbs_lexicon_refuses_bad_entries(data: dict[str, dict[str, str]], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        lexicon.merge_user_lexicon(lexicon.load(), data)


def test_tabari_verbs_load_reads_yaml_and_dictionary_once_per_file(tmp_path: Path, shared_table: Path) -> None:
    dictionary = tmp_path / "test.verbs.txt"
    dictionary.write_text(VERBS, encoding="utf-8")
    converted = tmp_path / "test_verbs.yaml"
    write_lexicon_file(convert_file(dictionary), converted, "a note")
    assert converted.read_text(encoding="utf-8").startswith("# a note\n")
    from_yaml, from_text = lexicon.load(str(converted)), lexicon.load(str(dictionary))
    assert from_yaml.verbs["befriend"] == from_text.verbs["befriend"] == lexicon.Sense("SUPPORT", None, "051", 0.6)
    assert from_yaml.phrases == from_text.phrases and from_yaml.not_events == from_text.not_events
    assert lexicon.load(str(converted)) is from_yaml and lexicon.load() is lexicon.load(None)
    (tmp_path / "bad.yaml").write_text("actors: []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="only the sections"):
        lexicon.load(str(tmp_path / "bad.yaml"))


def test_tabari_verbs_dictionary_needs_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_SHARED", str(tmp_path / "nowhere"))
    (tmp_path / "test.verbs.txt").write_text(VERBS, encoding="utf-8")
    with pytest.raises(ConfigError, match="CAMEO to PLOVER table"):
        convert_file(tmp_path / "test.verbs.txt")


def test_tabari_verbs_cli_import_writes_trigger_file(tmp_path: Path, shared_table: Path) -> None:
    (tmp_path / "test.verbs.txt").write_text(VERBS, encoding="utf-8")
    out = tmp_path / "out" / "verbs.yaml"
    result = CliRunner().invoke(import_tabari, ["--verbs", str(tmp_path / "test.verbs.txt"), "--verbs-out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}: 5 verbs, 16 phrases, 4 non-event phrases" in result.stdout
    assert "a noun phrase of several words" in result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["verbs"]["befriend"] == "SUPPORT 051 0.6" and "pledge card" in data["not_events"]


def test_tabari_verbs_cli_import_requires_verbs_out(tmp_path: Path) -> None:
    (tmp_path / "test.verbs.txt").write_text(VERBS, encoding="utf-8")
    result = CliRunner().invoke(import_tabari, ["--verbs", str(tmp_path / "test.verbs.txt")])
    assert result.exit_code == 2 and "--verbs-out" in result.output


def test_tabari_verbs_user_verb_codes_an_event_through_the_pipeline(tmp_path: Path, shared_table: Path) -> None:
    from eventwire.pipeline import Pipeline

    dictionary = tmp_path / "test.verbs.txt"
    dictionary.write_text(VERBS, encoding="utf-8")
    text = Document(text="France befriended Germany on Monday.", date="2023-11-07")
    settings = load_settings().replace(model="md")
    assert Pipeline(settings).extract(text).events == []  # eventwire alone does not know the verb
    events = Pipeline(settings.replace(verbs_file=dictionary)).extract(text).events
    assert [(e.type, e.cameo, e.trigger.text) for e in events] == [("SUPPORT", "051", "befriended")]
    assert events[0].source is not None and events[0].source.code == "FRA"
    assert events[0].target is not None and events[0].target.code == "DEU"
