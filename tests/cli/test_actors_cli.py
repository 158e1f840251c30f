"""``eventwire actors``: lookup and add, through Click's runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli.actors import actors
from eventwire.extract.actors import get_resolver


@pytest.fixture(autouse=True)
def _no_user_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTWIRE_ACTORS_FILE", raising=False)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["lookup", "Moon Jae-in", "--date", "2019-05-01"], "KORGOV\tKOR\tGOV\tMoon Jae-in\tPresident"),
        (["lookup", "the Kremlin"], "RUSGOV\tRUS\tGOV"),
        (["lookup", "Moscow"], "capital of Russia"),
    ],
)
def test_actors_cli_lookup_prints_code_and_why(args: list[str], expected: str) -> None:
    result = CliRunner().invoke(actors, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert expected in result.output
    assert "why:" in result.output


def test_actors_cli_lookup_unknown_exits_1() -> None:
    result = CliRunner().invoke(actors, ["lookup", "Qwxzy Plonk"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "not in the knowledge base" in result.output


def test_actors_cli_lookup_rejects_bad_date() -> None:
    result = CliRunner().invoke(actors, ["lookup", "Putin", "--date", "May 2019"])
    assert result.exit_code == 2


def test_actors_cli_add_then_lookup(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    runner = CliRunner()
    result = runner.invoke(actors, ["add", "Jane Quillfeather", "--code", "CANGOV", "--title", "Envoy",
                                    "--start", "2024-01-01", "--alias", "Envoy Quillfeather",
                                    "--actors-file", str(path)], catch_exceptions=False)
    assert result.exit_code == 0 and path.exists()
    result = runner.invoke(actors, ["lookup", "Envoy Quillfeather", "--date", "2024-06-01", "--actors-file", str(path)],
                           catch_exceptions=False)
    assert "CANGOV\tCAN\tGOV\tJane Quillfeather\tEnvoy" in result.output
    assert "your actors file" in result.output


def test_actors_cli_add_second_role_and_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "actors.yaml"
    monkeypatch.setenv("EVENTWIRE_ACTORS_FILE", str(path))
    runner = CliRunner()
    runner.invoke(actors, ["add", "Jo Brightwater", "--code", "AUSOPP", "--end", "2022-05-22"], catch_exceptions=False)
    runner.invoke(actors, ["add", "Jo Brightwater", "--code", "AUSGOV", "--start", "2022-05-23"], catch_exceptions=False)
    assert get_resolver().lookup("Jo Brightwater", "2020-01-01")[0][0].code == "AUSOPP"
    assert get_resolver().lookup("Jo Brightwater", "2023-01-01")[0][0].code == "AUSGOV"


@pytest.mark.parametrize(
    "args",
    [
        ["add", "Nobody", "--actors-file", "x.yaml"],
        ["add", "Nobody", "--code", "USAGOV"],
    ],
)
def test_actors_cli_add_usage_errors(args: list[str]) -> None:
    result = CliRunner().invoke(actors, args)
    assert result.exit_code == 2


@pytest.mark.parametrize(("context", "first", "why"), [
    (None, "in a sentence: Mr Howard -> AUSGOV", "in a story naming another person of that surname"),
    ("Tory leader Michael Howard spoke in London.", "in the given story: Mr Howard -> no actor",
     "the text names another person of that surname"),
    ("The BBC asked about immigration in Britain.", "in the given story: Mr Howard -> no actor",
     "the story names GBR, not AUS"),
    ("Reporters gathered in Canberra, where Australia's cabinet met.", "in the given story: Mr Howard -> AUSGOV",
     "John Howard: role AUSGOV"),
])
def test_actors_cli_lookup_runs_the_extraction_resolver(context: str | None, first: str, why: str) -> None:
    """A title and the story's own context count as they do in extraction (#20: "Mr Howard" was "not in the KB")."""
    args = ["lookup", "Mr Howard", "--date", "2005-01-15"] + (["--context", context] if context else [])
    result = CliRunner().invoke(actors, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(first) and why in lines[1]
    assert "knowledge base:" in lines  # the entries behind the choice are listed after it
