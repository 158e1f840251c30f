"""Throughput and memory of the whole pipeline against the bare spaCy parse.

    python benchmarks/bench.py [--shared ../shared] [--limit N] [--reuters]

Reads the BBC News corpus (``<shared>/corpus/bbc_news_2225``) the way
``eventwire extract`` does, times a bare ``nlp.pipe`` over the same texts and
then the full pipeline (cleaning, parse, actors, dates, places, quotes, events,
JSON serialisation), and prints articles per second, the ratio of the two
times, the time each stage took and the peak resident memory. ``--reuters``
also runs every Reuters-21578 story through the pipeline and counts crashes.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import resource
import sys
import time
from pathlib import Path

from eventwire import nlp
from eventwire.config import load_settings
from eventwire.ingest import read
from eventwire.pipeline import Pipeline
from eventwire.records import Document, Extraction, Failure


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]  # figures appear as they come
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="only the first N BBC articles")
    parser.add_argument("--model", default=None)
    parser.add_argument("--reuters", action="store_true", help="also run every Reuters-21578 story")
    args = parser.parse_args()
    settings = load_settings().replace(shared=args.shared, model=args.model)
    corpus = settings.shared / "corpus" / "bbc_news_2225"
    if not corpus.is_dir():
        print(f"skipped: BBC corpus not found at {corpus} (set --shared or EVENTWIRE_SHARED)", file=sys.stderr)
        return 0
    # The BBC files are Latin-1; read them as the CLI would read UTF-8 text after conversion.
    paths = sorted(corpus.rglob("*.txt"))[: args.limit]
    documents = [d for d in read(paths) if isinstance(d, Document)] + _latin1(paths)
    documents = list({d.origin: d for d in documents}.values())
    texts = [d.text for d in documents]
    print(f"articles: {len(texts)} from {corpus}")

    pipeline = Pipeline(settings)
    spacy_nlp = nlp.load(settings.model)
    list(spacy_nlp.pipe(texts[:20]))  # warm up

    started = time.perf_counter()
    for _ in spacy_nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    parse_s = time.perf_counter() - started

    pipeline.timings.clear()
    started = time.perf_counter()
    events = failures = 0
    for outcome in pipeline.run(documents):
        if isinstance(outcome, Extraction):
            json.dumps(outcome.to_dict())
            events += len(outcome.events)
        elif isinstance(outcome, Failure):
            failures += 1
            print(outcome.message, file=sys.stderr)
    full_s = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"bare nlp.pipe ({settings.model}):   {parse_s:8.1f} s  {len(texts) / parse_s:6.1f} articles/s")
    print(f"eventwire pipeline:        {full_s:8.1f} s  {len(texts) / full_s:6.1f} articles/s")
    print(f"ratio pipeline/parse:      {full_s / parse_s:8.2f}   (goal <= 1.5)")
    # The same parse inside the pipeline run, timed stage by stage: steadier than two separate passes.
    print(f"ratio pipeline/own parse:  {full_s / pipeline.timings['parse']:8.2f}   "
          f"(extraction adds {100 * (full_s / pipeline.timings['parse'] - 1):.0f}% to the parse it runs on)")
    print(f"events: {events}  failures: {failures}  peak RSS: {peak_mb:.0f} MB")
    stages = ", ".join(f"{k} {v:.1f}s" for k, v in sorted(pipeline.timings.items(), key=lambda kv: -kv[1]))
    print(f"stage times: {stages}")
    if args.reuters:
        return _reuters(pipeline, settings.shared / "corpus" / "reuters21578")
    return 0


def _latin1(paths: list[Path]) -> list[Document]:
    """BBC files that are not valid UTF-8 are Latin-1: decode them so the benchmark covers every article."""
    from eventwire.ingest import from_text

    out = []
    for path in paths:
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            out.append(from_text(data.decode("latin-1"), origin=str(path)))
    return out


def _reuters(pipeline: Pipeline, folder: Path) -> int:
    files = sorted(folder.glob("*.sgm"))
    if not files:
        print(f"skipped: Reuters-21578 not found at {folder}", file=sys.stderr)
        return 0
    docs = []
    for file in files:
        sgml = file.read_bytes().decode("latin-1")
        for n, story in enumerate(re.findall(r"<REUTERS.*?</REUTERS>", sgml, re.S)):
            body = re.search(r"<BODY>(.*?)</BODY>", story, re.S)
            title = re.search(r"<TITLE>(.*?)</TITLE>", story, re.S)
            text = html.unescape(body.group(1) if body else (title.group(1) if title else ""))
            docs.append(Document(text=text, origin=f"{file.name}#{n}",
                                 title=html.unescape(title.group(1)) if title else None))
    started = time.perf_counter()
    kinds: dict[str, int] = {}
    done = 0
    for outcome in pipeline.run(docs):
        done += 1
        if isinstance(outcome, Failure):
            kinds[outcome.kind] = kinds.get(outcome.kind, 0) + 1
    seconds = time.perf_counter() - started
    crashes = kinds.get("internal", 0)
    print(f"reuters21578: {done} stories in {seconds:.0f} s; refused as bad input: "
          f"{ {k: v for k, v in kinds.items() if k != 'internal'} }; crashes: {crashes}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
