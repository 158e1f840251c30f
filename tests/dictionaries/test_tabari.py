"""TABARI/PETRARCH dictionaries: reading .actors and .agents files and converting them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from eventwire.cli.dictionaries import import_tabari
from eventwire.dictionaries.tabari import (
    CodeSpan,
    convert,
    convert_files,
    display_name,
    parse_actors,
    parse_agents,
    parse_code,
    parse_date,
    write_actor_file,
)
from eventwire.extract.actors import get_resolver

# A small dictionary in the TABARI layout, with made-up places and people.
ACTORS = """\
<!-- A TEST DICTIONARY -->
<!--
  a comment over several lines
  VELORIA_FALSE [XXX]
-->
VELORIA_  [VLR]   # a country
+VELORIAN
+PORT_ASHEN ; an old TABARI comment
KARTH [KRT]

MARA_TELLEN   # a person with dated roles
+PRESIDENT_TELLEN
\t[VLRGOV 20100101-20151231]
\t[VLRREB >160101]
\t[VLRMIL < 091231]

NOBODY_IN_PARTICULAR [---]
"""

AGENTS = """\
!PERSON! = MAN, WOMAN
COAST_GUARD {} [~MIL]   # no plural
FOREIGN_MINISTER [~GOVFRM]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]
CHAIR!PERSON! [~GOV]
RELIEF_AGENCY [NGO~]
TEA_LEAF_READER [~TLR]
"""


@pytest.mark.parametrize(
    "raw, iso",
    [("20100101", "2010-01-01"), ("100101", "2010-01-01"), ("991231", "1999-12-31"), ("290615", "2029-06-15")],
)
def test_tabari_parse_date_reads_both_lengths(raw: str, iso: str) -> None:
    assert parse_date(raw) == iso


@pytest.mark.parametrize("raw", ["2010011", "20101301", "abc"])
def test_tabari_parse_date_rejects_bad_dates(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_date(raw)


@pytest.mark.parametrize(
    "block, span",
    [
        ("VLR", CodeSpan("VLR")),
        ("vlr", CodeSpan("VLR")),
        ("VLRGOV <991231", CodeSpan("VLRGOV", end="1999-12-31")),
        ("VLRGOV < 991231", CodeSpan("VLRGOV", end="1999-12-31")),
        ("VLRGOV >20000101", CodeSpan("VLRGOV", start="2000-01-01")),
        ("VLRGOV 19950601 - 19990815", CodeSpan("VLRGOV", "1995-06-01", "1999-08-15")),
        ("---", CodeSpan(None)),
        ("--- <950630", CodeSpan(None, end="1995-06-30")),
        ("ELR/GAL", CodeSpan("ELR/GAL")),
    ],
)
def test_tabari_parse_code_reads_restrictions(block: str, span: CodeSpan) -> None:
    assert parse_code(block) == span


@pytest.mark.parametrize("block", ["950601-990815", "VLR 9506", "VLR ~ 950601"])
def test_tabari_parse_code_rejects_malformed_blocks(block: str) -> None:
    with pytest.raises(ValueError):
        parse_code(block)


def test_tabari_parse_actors_reads_records_and_skips_comments() -> None:
    actors, warnings = parse_actors(ACTORS)
    assert warnings == []
    assert [a.name for a in actors] == ["VELORIA_", "KARTH", "MARA_TELLEN", "NOBODY_IN_PARTICULAR"]
    veloria, _, tellen, nobody = actors
    assert veloria.synonyms == ["VELORIAN", "PORT_ASHEN"]
    assert veloria.codes == [CodeSpan("VLR")]
    assert tellen.codes == [
        CodeSpan("VLRGOV", "2010-01-01", "2015-12-31"),
        CodeSpan("VLRREB", start="2016-01-01"),
        CodeSpan("VLRMIL", end="2009-12-31"),
    ]
    assert nobody.codes == [CodeSpan(None)]


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("\t[VLR]\n", "before any actor"),
        ("+ORPHAN\n", "before any actor"),
        ("KARTH [KRT 2020]\n", "bad code block"),
    ],
)
def test_tabari_parse_actors_warns_on_bad_lines(text: str, fragment: str) -> None:
    _, warnings = parse_actors(text, "x.actors")
    assert len(warnings) == 1 and fragment in warnings[0] and warnings[0].startswith("x.actors:1")


def test_tabari_parse_agents_expands_markers_and_plurals() -> None:
    agents, warnings = parse_agents(AGENTS)
    assert warnings == []
    got = {(a.phrase, a.code, a.prefix) for a in agents}
    assert got == {
        ("coast guard", "MIL", False),
        ("foreign minister", "GOVFRM", False),
        ("attorney general", "JUD", False),
        ("attorneys general", "JUD", False),
        ("chairman", "GOV", False),
        ("chairwoman", "GOV", False),
        ("relief agency", "NGO", True),
        ("tea leaf reader", "TLR", False),
    }


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("GUARD\n", "expected one [code]"),
        ("GUARD [~G-V]\n", "bad agent code"),
        ("VICE!ROLE! [~GOV]\n", "undefined marker"),
        ("SECURITY SERVICE [~GOV]\n", "read as consecutive"),
    ],
)
def test_tabari_parse_agents_warns_on_bad_lines(text: str, fragment: str) -> None:
    _, warnings = parse_agents(text)
    assert len(warnings) == 1 and fragment in warnings[0]


@pytest.mark.parametrize(
    "phrase, name",
    [("VELORIA_", "Veloria"), ("NORTH_KARTH", "North Karth"), ("U.V.", "U.V."),
     ("BARAD-KOL", "Barad-Kol"), ("GROUP_OF_SEVEN", "Group of Seven")],
)
def test_tabari_display_name_title_cases_words(phrase: str, name: str) -> None:
    assert display_name(phrase) == name


def test_tabari_convert_builds_user_actor_file() -> None:
    actors, _ = parse_actors(ACTORS + "LORN [LRN/KRT]\n")
    agents, _ = parse_agents(AGENTS)
    result = convert(actors, agents)
    entries = {e["name"]: e for e in result.data["actors"]}
    assert entries["Veloria"] == {"name": "Veloria", "aliases": ["Velorian", "Port Ashen"], "roles": [{"code": "VLR"}]}
    assert entries["Mara Tellen"]["roles"][0] == {"code": "VLRGOV", "start": "2010-01-01", "end": "2015-12-31"}
    assert entries["Nobody in Particular"]["roles"] == [{}]
    assert entries["Lorn"]["roles"] == [{"code": "LRN"}]
    assert result.data["agents"] == {
        "coast guard": "MIL", "foreign minister": "GOV", "attorney general": "JUD", "attorneys general": "JUD",
        "chairman": "GOV", "chairwoman": "GOV", "relief agency": "NGO",
    }
    assert any("several codes LRN/KRT" in w for w in result.warnings)
    assert any("tea leaf reader" in w and "no eventwire sector" in w for w in result.warnings)


@pytest.fixture
def converted(tmp_path: Path) -> Path:
    (tmp_path / "test.actors").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "test.agents").write_text(AGENTS, encoding="utf-8")
    out = tmp_path / "actors.yaml"
    write_actor_file(convert_files(tmp_path / "test.actors", tmp_path / "test.agents"), out, "test")
    return out


@pytest.mark.parametrize(
    "name, date, code",
    [
        ("Veloria", None, "VLR"),
        ("Port Ashen", None, "VLR"),
        ("Mara Tellen", "2012-05-01", "VLRGOV"),
        ("President Tellen", "2017-05-01", "VLRREB"),
        ("Mara Tellen", "2005-05-01", "VLRMIL"),
    ],
)
def test_tabari_converted_file_resolves_names(converted: Path, name: str, date: str | None, code: str) -> None:
    found = get_resolver(str(converted)).lookup(name, date)
    assert found and found[0][0].code == code


@pytest.mark.parametrize(
    "text, word, code",
    [
        ("The Velorian coast guard seized a boat.", "guard", "VLRMIL"),
        ("Karth's foreign minister visited Veloria.", "minister", "KRTGOV"),
    ],
)
def test_tabari_converted_file_codes_phrases_in_text(converted: Path, nlp, text: str, word: str, code: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    actors = get_resolver(str(converted)).document(doc, "2020-01-01")
    token = next(t for t in doc if t.text == word)
    actor = actors.actor_for_token(token)
    assert actor is not None and actor.code == code


def test_tabari_cli_import_writes_file_and_lists_warnings(tmp_path: Path) -> None:
    (tmp_path / "test.actors").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "test.agents").write_text(AGENTS, encoding="utf-8")
    out = tmp_path / "out" / "actors.yaml"
    result = CliRunner().invoke(
        import_tabari, [str(tmp_path / "test.actors"), "--agents", str(tmp_path / "test.agents"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "wrote 4 actors and 7 agent phrases" in result.stdout
    assert "tea leaf reader" in result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [e["name"] for e in data["actors"]] == ["Veloria", "Karth", "Mara Tellen", "Nobody in Particular"]


def test_tabari_cli_import_requires_out(tmp_path: Path) -> None:
    (tmp_path / "test.actors").write_text(ACTORS, encoding="utf-8")
    result = CliRunner().invoke(import_tabari, [str(tmp_path / "test.actors")])
    assert result.exit_code == 2 and "--out" in result.output
