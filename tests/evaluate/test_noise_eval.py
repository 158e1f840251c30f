"""The noise scorer: rates on hand-made articles, the judged sample read back, and a run on a tiny corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.errors import ConfigError, SharedDataMissing
from eventwire.evaluate import noise
from eventwire.evaluate.noise import Article
from eventwire.records import Actor, Event, Span

#: A corpus written for the tests, in the BBC layout: category/file, the title on line 1.
CORPUS: dict[str, str | bytes] = {
    "politics/001.txt": "Leaders meet in Moscow\n\nRussian President Vladimir Putin met Chinese President Hu Jintao "
                        "in Moscow on Tuesday. The two leaders signed an agreement on energy. "
                        "Protesters marched outside the Kremlin.\n",
    "politics/002.txt": "France condemns attack\n\nFrance condemned the attack on its embassy in Baghdad. "
                        "The government said it would send aid to the victims.\n",
    "sport/001.txt": "Striker keen on new deal\n\nThe striker scored twice in the second half. His manager praised "
                     "the young player after the match. The club hopes to keep him until next summer.\n",
    # not valid UTF-8: refused by ingest, as eventwire extract would refuse it
    "sport/002.txt": b"Keeper is the hero\n\nThe keeper saved a penalty in the final minute \xe9.\n",
    "tech/001.txt": "Police close piracy sites\n\nChinese police arrested 224 people in a crackdown on illegal "
                    "websites on Monday. Officials said the sites would stay closed.\n",
    "entertainment/001.txt": "Singer meets president\n\nUS President George W Bush met Japanese Prime Minister "
                             "Junichiro Koizumi at the White House on Monday. The band will tour Europe next year.\n",
    "business/001.txt": "Carmaker shares rise\n\nShares in the carmaker rose by 3% on Friday. "
                        "Analysts expect profits to grow.\n",
}


def event(type_: str, start: int = 0, source: Actor | None = None) -> Event:
    trigger = Span("x", start, start + 1)
    return Event(type_, None, None, source, None, None, None, "asserted", None, trigger, Span("x.", 0, 2), 0.5)


def write_corpus(folder: Path) -> Path:
    """Write the tiny corpus under ``folder`` as a shared folder; return ``folder``."""
    root = folder / noise.CORPUS
    for category in noise.CATEGORIES:
        (root / category).mkdir(parents=True)
    for name, text in CORPUS.items():
        (root / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A shared folder holding only the tiny corpus."""
    return write_corpus(tmp_path / "shared")


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    """The tiny corpus through the real pipeline, once for the module."""
    folder = write_corpus(tmp_path_factory.mktemp("shared"))
    return list(noise.read_articles(noise.corpus_files(folder)))


def test_noise_eval_corpus_files_sorted_and_limited(corpus: Path) -> None:
    files = noise.corpus_files(corpus, limit=1)
    assert [(c, p.name) for c, p in files] == [
        ("business", "001.txt"), ("entertainment", "001.txt"), ("politics", "001.txt"),
        ("sport", "001.txt"), ("tech", "001.txt"),
    ]
    assert len(noise.corpus_files(corpus)) == len(CORPUS)


def test_noise_eval_missing_corpus_names_the_folder(tmp_path: Path) -> None:
    with pytest.raises(SharedDataMissing, match="bbc_news_2225"):
        noise.corpus_files(tmp_path)


def test_noise_eval_reads_articles_through_the_pipeline(articles: list[Article]) -> None:
    by_key = {a.key: a for a in articles}
    assert list(by_key) == sorted(by_key, key=lambda k: (k.split("/")[0], k))
    # the parser's own sentence split of the body (the title is not body)
    assert by_key["sport/001.txt"].sentences == 3
    assert by_key["politics/001.txt"].sentences == 3
    refused = by_key["sport/002.txt"]
    assert refused.refused is not None and "UTF-8" in refused.refused
    assert refused.sentences == 0 and refused.events == []
    # a meeting of two heads of state is coded whatever the category
    assert by_key["politics/001.txt"].events
    assert all(a.refused is None for k, a in by_key.items() if k != "sport/002.txt")


def test_noise_eval_score_pools_the_noise_categories() -> None:
    articles = [
        Article("sport", "001.txt", sentences=10, events=[event("ASSAULT"), event("ASSAULT", 5)]),
        Article("sport", "002.txt", refused="sport/002.txt: not valid UTF-8"),
        Article("tech", "001.txt", sentences=20, events=[event("CONSULT")]),
        Article("entertainment", "001.txt", sentences=10),
        Article("politics", "001.txt", sentences=50, events=[event("CONSULT")] * 5),
        # business is reported but kept out of the pooled figure
        Article("business", "001.txt", sentences=10, events=[event("AGREE")] * 4),
    ]
    report = noise.score(articles)
    assert report.figures["articles"] == 6
    assert report.figures["refused"] == 1
    assert report.figures["noise_events_per_100_sentences"] == pytest.approx(100 * 3 / 40)
    assert report.figures["politics_events_per_100_sentences"] == pytest.approx(10.0)
    assert report.figures["sport_events_per_100_sentences"] == pytest.approx(20.0)
    assert report.figures["business_events_per_100_sentences"] == pytest.approx(40.0)
    assert "noise_mean_relevance" not in report.figures
    assert "relevance" not in report.lines[0]
    types = {line.split()[0]: line.split() for line in report.lines if line.startswith(("ASSAULT", "CONSULT"))}
    assert types["ASSAULT"][1:3] == ["2", "5.00"]
    assert types["CONSULT"][1:] == ["1", "2.50", "5", "10.00"]
    assert any(line.startswith("refused sport/002.txt") for line in report.lines)


def test_noise_eval_relevance_reported_only_when_given() -> None:
    articles = [
        Article("sport", "001.txt", sentences=10, relevance=0.1),
        Article("sport", "002.txt", sentences=10, relevance=0.3),
        Article("politics", "001.txt", sentences=10, relevance=0.9),
        Article("tech", "001.txt", sentences=10),
    ]
    report = noise.score(articles)
    assert report.figures["noise_mean_relevance"] == pytest.approx(0.2)
    assert report.figures["politics_mean_relevance"] == pytest.approx(0.9)
    assert report.lines[0].split()[-1] == "relevance"
    tech = next(line for line in report.lines if line.startswith("tech"))
    assert tech.split()[-1] == "-"


def test_noise_eval_event_ids_tell_shared_triggers_apart() -> None:
    article = Article("sport", "007.txt", events=[event("AGREE", 12), event("AGREE", 12), event("ACCUSE", 40)])
    assert [sid for sid, _ in noise.event_ids(article)] == [
        "sport/007.txt:12", "sport/007.txt:12#2", "sport/007.txt:40",
    ]


def many_articles() -> list[Article]:
    return [
        Article(c, f"{i:03d}.txt", sentences=5, events=[event("ASSAULT", 3), event("CONSULT", 9)])
        for c in ("sport", "tech", "politics", "business")
        for i in range(1, 16)
    ]


def test_noise_eval_sample_is_fixed_and_from_noise_categories_only() -> None:
    rows = noise.sample_rows(many_articles(), size=20)
    assert rows[0] == list(noise.SAMPLE_COLUMNS)
    assert len(rows) == 21
    assert rows == noise.sample_rows(many_articles(), size=20)
    assert {r[1] for r in rows[1:]} <= set(noise.NOISE)
    assert len({r[0] for r in rows[1:]}) == 20
    assert all(r[-2:] == ["", ""] for r in rows[1:])
    # fewer events than asked for: all of them
    assert len(noise.sample_rows(many_articles()[:2], size=50)) == 5


def test_noise_eval_sample_cells_stay_on_one_line() -> None:
    source = Actor(text="the two\tfederations", members=(Actor(text="a", code="FRA"), Actor(text="b", code="ESP")))
    broken = Event("AGREE", None, None, source, None, None, None, "asserted", None,
                   Span("agreed", 4, 10), Span("They\nagreed.", 0, 12), 0.5)
    rows = noise.sample_rows([Article("sport", "001.txt", sentences=1, events=[broken])])
    assert rows[1][3] == "the two federations [FRA+ESP]"
    assert rows[1][6] == "They agreed."


def judge(path: Path, marks: dict[int, str]) -> None:
    """Fill in the judgement column of a sample file: row number (from 1) -> judgement."""
    lines = path.read_text(encoding="utf-8").splitlines()
    col = lines[0].split("\t").index("judgement")
    for row, mark in marks.items():
        cells = lines[row].split("\t")
        cells[col] = mark
        # as an editor that trims trailing whitespace leaves a row
        lines[row] = "\t".join(cells).rstrip("\t")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_noise_eval_judgements_read_back(tmp_path: Path) -> None:
    path = tmp_path / "sample.tsv"
    noise.write_sample(path, noise.sample_rows(many_articles(), size=6))
    judge(path, {1: "real", 2: "Not real", 3: "not_real", 4: "NOT-REAL"})
    judgements = noise.read_judgements(path)
    assert [j.judgement for j in judgements] == ["real", "not_real", "not_real", "not_real", None, None]
    assert all(j.type in ("ASSAULT", "CONSULT") for j in judgements)


@pytest.mark.parametrize(
    "text, message",
    [
        ("id\tcategory\ttype\nsport/001.txt:3\tsport\tASSAULT\n", "header"),
        ("id\ttype\tjudgement\nsport/001.txt:3\tASSAULT\tmaybe\n", "line 2"),
    ],
)
def test_noise_eval_bad_sample_file_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "sample.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        noise.read_judgements(path)


def test_noise_eval_judged_sample_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "sample.tsv"
    rows = noise.sample_rows(many_articles(), size=4)
    noise.write_sample(path, rows)
    noise.write_sample(path, rows)  # unjudged: a new draw may replace it
    judge(path, {1: "real"})
    with pytest.raises(ConfigError, match="holds judgements"):
        noise.write_sample(path, rows)


def test_noise_eval_judged_figures_and_what_is_still_produced(tmp_path: Path) -> None:
    path = tmp_path / "sample.tsv"
    before = many_articles()
    noise.write_sample(path, noise.sample_rows(before, size=4))
    judge(path, {1: "real", 2: "not_real", 3: "not_real"})
    judgements = noise.read_judgements(path)
    # the coder changes: every ASSAULT goes, and one sampled article is not read (a run with --limit)
    skipped = judgements[3].id.rpartition(":")[0]
    after = [Article(a.category, a.name, a.sentences, [e for e in a.events if e.type != "ASSAULT"])
             for a in before if a.key != skipped]
    figures = noise.judged_figures(judgements, after)
    assert figures["sample_judged"] == 3
    assert figures["sample_real"] == 1
    assert figures["sample_real_share"] == pytest.approx(1 / 3)
    checked = [j for j in judgements[:3] if j.id.rpartition(":")[0] != skipped]
    assert figures["sample_checked"] == len(checked)
    kept = [j for j in checked if j.type == "CONSULT"]
    assert figures["sample_still_produced"] == len(kept)
    assert figures["sample_real_still_produced"] == sum(j.judgement == "real" for j in kept)
    assert figures["sample_not_real_still_produced"] == sum(j.judgement == "not_real" for j in kept)
    assert noise.judged_figures(judgements[3:], after) == {}


def test_noise_eval_run_writes_a_sample_and_reads_it_back(corpus: Path, tmp_path: Path) -> None:
    sample = tmp_path / "benchmarks" / "noise_sample.tsv"
    report = noise.run(corpus, sample_out=sample, sample_size=3, judged=sample)
    assert report.figures["articles"] == len(CORPUS)
    assert report.figures["refused"] == 1
    assert "sample_judged" not in report.figures
    rows = sample.read_text(encoding="utf-8").splitlines()
    assert rows[0].split("\t") == list(noise.SAMPLE_COLUMNS)
    assert 1 <= len(rows) - 1 <= 3
    judge(sample, {n: "real" if n == 1 else "not_real" for n in range(1, len(rows))})
    again = noise.run(corpus, limit=5, judged=sample)
    assert again.figures["sample_judged"] == len(rows) - 1
    assert again.figures["sample_real"] == 1
    # the same code on the same articles gives the same events
    assert again.figures["sample_still_produced"] == again.figures["sample_checked"]


def test_noise_eval_cli(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    sample = tmp_path / "sample.tsv"
    result = runner.invoke(main, ["eval", "noise", "--shared", str(corpus), "--limit", "1",
                                  "--sample-out", str(sample), "--sample-size", "2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "noise_events_per_100_sentences" in result.stdout
    assert f"sampled events to {sample}" in result.stdout
    assert sample.exists()
    wrong = runner.invoke(main, ["eval", "plover", "--sample-out", str(sample)])
    assert wrong.exit_code == 2 and "--sample-out is for noise only" in wrong.stderr


def test_eval_coding_groups_the_three_sources_of_the_coding_discipline() -> None:
    from eventwire.evaluate import GROUPS, SCORERS

    assert GROUPS["coding"] == ["plover", "petrarch", "noise"]
    assert set(GROUPS["all"]) == set(SCORERS)
