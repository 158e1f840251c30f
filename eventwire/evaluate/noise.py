"""Count the events eventwire invents on news that is not about politics.

The corpus is BBC News 2004-05 in five categories (``<shared>/corpus/bbc_news_2225``,
one article a file, the title on the first line). Sport, entertainment and tech
stories hold next to no PLOVER events, so almost every event coded there is
invented: the rate of events per 100 sentences on them, pooled, is the noise
figure; politics is the rate on news that does hold events, for scale; business
is reported on its own (trade and takeover stories hold some real events).

A hand-judged sample says how much of the noise is really noise: ``run`` can
write a random sample (fixed seed) of noise-category events to a TSV file with
an empty ``judgement`` column (``real`` or ``not_real``); when the file holds
judgements, the report says how many were judged real and how many of the
sampled events the current code still produces.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from ..config import Settings, load_settings
from ..errors import ConfigError
from ..ingest import read
from ..pipeline import Pipeline
from ..records import Actor, CleanDocument, Event, Extraction
from . import Report, require

CORPUS = "corpus/bbc_news_2225"
CATEGORIES = ("business", "entertainment", "politics", "sport", "tech")
NOISE = ("sport", "entertainment", "tech")
#: The hand-judged sample the report reads back when it exists.
SAMPLE_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "noise_sample.tsv"
SAMPLE_SEED = 2225
SAMPLE_COLUMNS = ("id", "category", "type", "source", "target", "trigger", "sentence", "judgement", "note")
JUDGEMENTS = ("real", "not_real")


@dataclass
class Article:
    """One corpus article as the pipeline saw it."""

    category: str
    name: str
    """The file name, e.g. ``001.txt``."""
    sentences: int = 0
    """Sentences in the cleaned body, as the parser split them (0 when refused)."""
    events: list[Event] = field(default_factory=list)
    relevance: float | None = None
    """The extraction's document relevance, where the pipeline gives one."""
    refused: str | None = None
    """Why the pipeline refused or failed the article, or None."""

    @property
    def key(self) -> str:
        """``category/file``, the prefix of its events' sample ids."""
        return f"{self.category}/{self.name}"


@dataclass(frozen=True)
class Judgement:
    """One row of the hand-judged sample."""

    id: str
    type: str
    judgement: str | None
    """``real``, ``not_real``, or None while unjudged."""
    note: str = ""


def corpus_files(shared: Path, *, limit: int | None = None) -> list[tuple[str, Path]]:
    """The articles to read, by category, each category's files sorted by name.

    Args:
        shared: the shared data folder.
        limit: at most this many articles per category.

    Returns:
        (category, path) pairs.
    """
    root = require(shared / CORPUS, "BBC News corpus")
    out: list[tuple[str, Path]] = []
    for category in CATEGORIES:
        files = sorted(require(root / category, f"BBC News {category} folder").glob("*.txt"))
        out += [(category, path) for path in files[:limit]]
    return out


def read_articles(files: Sequence[tuple[str, Path]], *, model: str = "md") -> Iterator[Article]:
    """Run the product's pipeline over the articles, in order.

    Files are read by ``ingest.read``, as ``eventwire extract`` reads them, so a
    file that is not valid UTF-8 is refused the same way and counts as 0 events.

    Args:
        files: (category, path) pairs from ``corpus_files``.
        model: the spaCy pipeline to parse with.

    Yields:
        One Article per file, in order.
    """
    settings = load_settings().replace(model=model)
    pipeline = _CountingPipeline(settings)
    paths = [path for _, path in files]
    outcomes = pipeline.run(read(paths, input_format="text", max_bytes=settings.max_bytes))
    for (category, path), outcome in zip(files, outcomes):
        article = Article(category, path.name)
        if isinstance(outcome, Extraction):
            article.sentences = pipeline.sentences.pop(outcome.origin, 0)
            article.events = list(outcome.events)
            # getattr: the scorer also runs on older trees (baselines) whose Extraction has no relevance.
            article.relevance = getattr(outcome, "relevance", None)
        else:
            pipeline.sentences.pop(str(path), None)
            article.refused = getattr(outcome, "reason", None) or str(outcome)
        yield article


class _CountingPipeline(Pipeline):
    """The product's Pipeline, noting each document's sentence count from the parse it already made.

    Counting from the same Doc the event stages read means the rate's
    denominator uses the very sentence split the events were found in, and the
    corpus is parsed once.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__(settings)
        self.sentences: dict[str, int] = {}
        """Sentence count by document origin, until ``read_articles`` takes it."""

    def extract_clean(self, cleaned: CleanDocument, doc: Doc) -> Extraction:
        self.sentences[cleaned.origin] = sum(1 for _ in doc.sents)
        return super().extract_clean(cleaned, doc)


def event_ids(article: Article) -> list[tuple[str, Event]]:
    """Each event of the article with its sample id, ``category/file:trigger start``.

    Events that share a trigger (one per member of a compound actor) are told
    apart by ``#2``, ``#3`` in the order the pipeline gives them.
    """
    seen: Counter[int] = Counter()
    out = []
    for event in article.events:
        start = event.trigger.start
        seen[start] += 1
        suffix = f"#{seen[start]}" if seen[start] > 1 else ""
        out.append((f"{article.key}:{start}{suffix}", event))
    return out


def per_100(events: int, sentences: int) -> float:
    """Events per 100 sentences (0 when there are no sentences)."""
    return 100 * events / sentences if sentences else 0.0


def score(articles: Iterable[Article]) -> Report:
    """Events per 100 sentences per category, pooled over the noise categories, and by type.

    Args:
        articles: what ``read_articles`` yields (or hand-made Articles).

    Returns:
        The report: figures per category and pooled; lines with the per-category
        table and the per-type rates on the noise categories and on politics.
    """
    by_cat: dict[str, list[Article]] = {c: [] for c in CATEGORIES}
    for article in articles:
        by_cat.setdefault(article.category, []).append(article)
    noise = [a for c in NOISE for a in by_cat.get(c, [])]
    politics = by_cat.get("politics", [])
    noise_sents = sum(a.sentences for a in noise)
    politics_sents = sum(a.sentences for a in politics)
    figures: dict[str, float] = {
        "articles": float(sum(len(v) for v in by_cat.values())),
        "refused": float(sum(a.refused is not None for v in by_cat.values() for a in v)),
        "noise_events_per_100_sentences": per_100(sum(len(a.events) for a in noise), noise_sents),
        "politics_events_per_100_sentences": per_100(sum(len(a.events) for a in politics), politics_sents),
    }
    for category, group in by_cat.items():
        figures[f"{category}_events_per_100_sentences"] = per_100(
            sum(len(a.events) for a in group), sum(a.sentences for a in group))
    for name, group in (("noise", noise), ("politics", politics)):
        relevance = mean_relevance(group)
        if relevance is not None:
            figures[f"{name}_mean_relevance"] = relevance
    lines = category_lines(by_cat) + [""] + type_lines(noise, politics)
    refused = [f"refused {a.key}: {a.refused}" for v in by_cat.values() for a in v if a.refused is not None]
    if refused:
        lines += [""] + refused
    return Report("noise", figures, lines)


def mean_relevance(articles: Sequence[Article]) -> float | None:
    """The mean document relevance over the articles that have one, or None."""
    values = [a.relevance for a in articles if a.relevance is not None]
    return sum(values) / len(values) if values else None


def category_lines(by_cat: dict[str, list[Article]]) -> list[str]:
    """The per-category table; a relevance column only when the pipeline gives relevance."""
    relevances = {c: mean_relevance(group) for c, group in by_cat.items()}
    with_relevance = any(r is not None for r in relevances.values())
    head = f"{'category':<14} {'articles':>8} {'refused':>7} {'sentences':>9} {'events':>6} {'per100':>7}"
    lines = [head + (f" {'relevance':>9}" if with_relevance else "")]
    for category, group in by_cat.items():
        sents, events = sum(a.sentences for a in group), sum(len(a.events) for a in group)
        refused = sum(a.refused is not None for a in group)
        line = f"{category:<14} {len(group):8d} {refused:7d} {sents:9d} {events:6d} {per_100(events, sents):7.2f}"
        relevance = relevances[category]
        if with_relevance:
            line += f" {relevance:9.3f}" if relevance is not None else f" {'-':>9}"
        lines.append(line)
    return lines


def type_lines(noise: Sequence[Article], politics: Sequence[Article]) -> list[str]:
    """Events per 100 sentences by type on the pooled noise categories, politics beside them."""
    noise_by = Counter(e.type for a in noise for e in a.events)
    politics_by = Counter(e.type for a in politics for e in a.events)
    noise_sents = sum(a.sentences for a in noise)
    politics_sents = sum(a.sentences for a in politics)
    lines = [f"{'type':<12} {'noise':>6} {'per100':>7} {'politics':>8} {'per100':>7}"]
    for typ in sorted(set(noise_by) | set(politics_by), key=lambda t: (-noise_by[t], t)):
        lines.append(f"{typ:<12} {noise_by[typ]:6d} {per_100(noise_by[typ], noise_sents):7.2f} "
                     f"{politics_by[typ]:8d} {per_100(politics_by[typ], politics_sents):7.2f}")
    return lines


def actor_cell(actor: Actor | None) -> str:
    """An actor as ``text [code]`` for the sample (a compound lists its members' codes)."""
    if actor is None:
        return ""
    codes = [actor.code] if actor.code else [m.code or m.text for m in actor.members]
    return f"{actor.text} [{'+'.join(codes)}]" if any(codes) else actor.text


def _cell(value: str) -> str:
    # One row a line, one field a tab: tabs and line breaks inside a sentence become spaces.
    return " ".join(value.split())


def sample_rows(articles: Iterable[Article], *, size: int = 50, seed: int = SAMPLE_SEED) -> list[list[str]]:
    """A random sample of the noise categories' events, as TSV rows (header first).

    Args:
        articles: what ``read_articles`` yields.
        size: how many events to draw (all of them when there are fewer).
        seed: the random seed, fixed so the same output draws the same sample.

    Returns:
        The header and one row per sampled event, sorted by id, judgement and note empty.
    """
    pool = [(sid, a.category, e) for a in articles if a.category in NOISE for sid, e in event_ids(a)]
    pool.sort(key=lambda x: x[0])
    drawn = sorted(random.Random(seed).sample(pool, min(size, len(pool))), key=lambda x: x[0])
    rows = [list(SAMPLE_COLUMNS)]
    for sid, category, e in drawn:
        rows.append([sid, category, e.type, actor_cell(e.source), actor_cell(e.target),
                     e.trigger.text, e.sentence.text, "", ""])
    return [[_cell(v) for v in row] for row in rows]


def write_sample(path: Path, rows: Sequence[Sequence[str]]) -> None:
    """Write sample rows as TSV; refuse to overwrite a file that holds judgements."""
    check_sample_out(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")


def check_sample_out(path: Path) -> None:
    """Raise ConfigError when ``path`` holds judgements (hand work that a new sample would erase)."""
    if path.exists() and any(j.judgement for j in read_judgements(path)):
        raise ConfigError(f"{path} holds judgements; move it away or write the new sample elsewhere")


def read_judgements(path: Path) -> list[Judgement]:
    """Read a sample TSV back: one Judgement per row, in file order.

    A judgement is ``real`` or ``not_real`` (case, spaces and hyphens aside);
    an empty cell is unjudged.

    Raises:
        ConfigError: the header lacks ``id`` or ``judgement``, or a judgement is something else.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t") if lines else []
    if "id" not in header or "judgement" not in header:
        raise ConfigError(f"{path}: the first line must be the header with 'id' and 'judgement' columns")
    col = {name: header.index(name) for name in header}
    out = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        # Editors drop trailing tabs, so a row without a note (or judgement) is short.
        cells = line.split("\t") + [""] * len(header)
        raw = cells[col["judgement"]].strip().lower().replace("-", "_").replace(" ", "_")
        if raw and raw not in JUDGEMENTS:
            raise ConfigError(f"{path} line {number}: judgement {raw!r} is neither 'real' nor 'not_real'")
        out.append(Judgement(
            id=cells[col["id"]].strip(),
            type=cells[col["type"]].strip() if "type" in col else "",
            judgement=raw or None,
            note=cells[col["note"]].strip() if "note" in col else "",
        ))
    return out


def judged_figures(judgements: Sequence[Judgement], articles: Sequence[Article]) -> dict[str, float]:
    """What the hand-judged sample says, and how much of it the current output still produces.

    A sampled event is checked only when its article was read in this run (a
    run with ``--limit`` reads fewer); it is still produced when an event with
    the same id and type is in the current output.

    Returns:
        Figures prefixed ``sample_``; empty when nothing is judged.
    """
    judged = [j for j in judgements if j.judgement]
    if not judged:
        return {}
    real = [j for j in judged if j.judgement == "real"]
    figures = {
        "sample_judged": float(len(judged)),
        "sample_real": float(len(real)),
        "sample_real_share": len(real) / len(judged),
    }
    read_keys = {a.key for a in articles}
    produced = {(sid, e.type) for a in articles for sid, e in event_ids(a)}
    checked = [j for j in judged if j.id.rpartition(":")[0] in read_keys]
    if checked:
        kept = [j for j in checked if (j.id, j.type) in produced]
        figures["sample_checked"] = float(len(checked))
        figures["sample_still_produced"] = float(len(kept))
        figures["sample_real_still_produced"] = float(sum(j.judgement == "real" for j in kept))
        figures["sample_not_real_still_produced"] = float(sum(j.judgement == "not_real" for j in kept))
    return figures


def run(
    shared: Path,
    *,
    model: str = "md",
    limit: int | None = None,
    sample_out: Path | None = None,
    sample_size: int = 50,
    judged: Path | None = SAMPLE_FILE,
) -> Report:
    """Count events per 100 sentences on the BBC News categories.

    Args:
        shared: the shared data folder.
        model: the spaCy pipeline to parse with.
        limit: read at most ``limit`` articles per category (the first by file name).
        sample_out: write a random sample of the noise categories' events here, for judging.
        sample_size: how many events the sample holds.
        judged: a judged sample to report on, when the file exists.

    Returns:
        The report (see ``score``), with the judged sample's figures.
    """
    if sample_out is not None:
        check_sample_out(sample_out)  # before the long run, not after it
    files = corpus_files(shared, limit=limit)
    started = time.perf_counter()
    articles = list(read_articles(files, model=model))
    seconds = time.perf_counter() - started
    report = score(articles)
    report.figures["ms_per_article"] = 1000 * seconds / max(1, len(articles))
    if judged is not None and judged.exists():
        report.figures.update(judged_figures(read_judgements(judged), articles))
    if sample_out is not None:
        rows = sample_rows(articles, size=sample_size)
        write_sample(sample_out, rows)
        report.lines += ["", f"wrote {len(rows) - 1} sampled events to {sample_out}",
                         "(it quotes the articles to judge by: keep only ids, codes and judgements in the project,"
                         " as benchmarks/noise_sample.tsv does; the BBC text stays in the shared folder)"]
    return report
