"""What the CLI says about dates, URLs and its own examples: ``ingest`` tells once how to date undated files."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from eventwire.cli import main

DATED = "Rebels attacked an army convoy near Kabul on 3 May 2004, officials said.\n"
UNDATED = "Tony Blair met Jacques Chirac in London on Monday. The talks were useful.\n"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_dates_cli_ingest_says_once_how_to_date_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n, text in enumerate([UNDATED, UNDATED.replace("Monday", "Tuesday"), DATED]):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    result = run("ingest", str(folder), "--db", str(tmp_path / "ew.db"))
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "--date" in notes[0] and '"date" field' in notes[0]
    line = next(line for line in result.stderr.splitlines() if line.startswith("dates:"))
    undated, events, dayless = re.search(r"(\d+) of 3 documents without a date; (\d+) of (\d+)", line).groups()  # type: ignore[union-attr]
    assert undated == "3" and int(events) >= 1
    summary = run("summary", "--db", str(tmp_path / "ew.db")).stdout
    assert re.search(r"no day\s+\d+ \(\d+%\): \d+ undated", summary)
    dated = run("ingest", str(folder), "--db", str(tmp_path / "dated.db"), "--date", "2004-05-04")
    assert "note:" not in dated.stderr and "0 of 3 documents without a date" in dated.stderr


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_dates_cli_a_url_says_where_urls_are_read(command: str, tmp_path: Path) -> None:
    args = [command, "https://example.org/story.html"] + (["--db", str(tmp_path / "ew.db")] if command == "ingest" else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "error: https://example.org/story.html: is a URL" in result.stderr and "eventwire watch" in result.stderr


def _example_lines() -> list[str]:
    """Every line of an Example block in the help of every command and subcommand."""
    lines, groups = [], [main]
    while groups:
        group = groups.pop()
        for command in group.commands.values():  # type: ignore[attr-defined]
            text = command.help or ""
            if "Example:" in text:
                lines += [line.strip() for line in text.split("Example:")[-1].splitlines() if "eventwire " in line]
            if isinstance(command, click.Group):
                groups.append(command)
    return lines


@pytest.mark.parametrize("line", _example_lines())
def test_dates_cli_help_examples_use_real_options(line: str) -> None:
    """Every --option an Example line of a help text uses is an option of the command it runs."""
    words = line.split("eventwire ", 1)[1].split()
    command: click.Command = main
    while isinstance(command, click.Group) and words and words[0] in command.commands:
        command = command.commands[words.pop(0)]
    known = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
    used = {word.split("=")[0] for word in words if word.startswith("--")}
    assert used <= known, f"{line!r}: {sorted(used - known)} are not options of {command.name}"
