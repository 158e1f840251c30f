"""eventwire: offline event data from news text.

    >>> import eventwire
    >>> doc = eventwire.extract("Blinken will visit Seoul on Wednesday.", date="2023-11-07")
    >>> doc.events[0].type
    'CONSULT'

``extract`` gives the same record as ``eventwire extract`` on the command line.
"""

from __future__ import annotations

import functools
from typing import Any

from .config import Settings, load_settings
from .errors import EventwireError, InputError
from .ingest import from_html, from_text
from .pipeline import Pipeline
from .records import Actor, Entity, Event, Extraction, Failure, Place, Quote, Timex

__all__ = [
    "Actor", "Entity", "Event", "EventwireError", "Extraction", "Failure", "InputError", "Pipeline",
    "Place", "Quote", "Settings", "Timex", "extract", "load_settings",
]
__version__ = "0.2.0"


@functools.lru_cache(maxsize=2)
def _pipeline(model: str | None) -> Pipeline:
    settings = load_settings()
    return Pipeline(settings.replace(model=model))


def extract(text: str, *, date: str | None = None, html: bool = False, model: str | None = None,
            **fields: Any) -> Extraction:
    """Extract everything from one document.

    Args:
        text: the article's plain text (or its HTML with ``html=True``).
        date: publication date (ISO); relative dates resolve against it.
        html: treat ``text`` as HTML and extract the article body first.
        model: spaCy pipeline ("md", "sm", ...); default from settings.
        **fields: id, title, source, url.

    Returns:
        The Extraction (``.to_dict()`` gives the contract's JSON).

    Raises:
        InputError: the text is empty, too large or not English.
    """
    make = from_html if html else from_text
    pipeline = _pipeline(model)
    if len(text.encode("utf-8")) > pipeline.settings.max_bytes:
        from .errors import TooLarge

        raise TooLarge("<string>", f"text is over the limit of {pipeline.settings.max_bytes:,} bytes")
    return pipeline.extract(make(text, date=date, **fields))
