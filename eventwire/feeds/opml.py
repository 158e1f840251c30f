"""The feeds file: one feed URL a line (``#`` starts a comment), or an OPML outline of them."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from ..errors import InputError


def read_feeds(path: str | Path) -> list[str]:
    """The feed URLs ``path`` lists, in order, each once.

    An OPML file (its text starts with ``<``) gives every ``outline`` element's ``xmlUrl``; a text file
    gives each line that is not blank or a comment.

    Raises:
        InputError: the file cannot be read, is not valid OPML, or lists no feed.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the feeds file: {exc}") from exc
    if text.lstrip().startswith("<"):
        try:
            root = ElementTree.fromstring(text)
        except ElementTree.ParseError as exc:
            raise InputError(str(path), f"not valid OPML: {exc}") from exc
        urls = [node.get("xmlUrl", "").strip() for node in root.iter("outline")]
    else:
        urls = [line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
                for line in text.splitlines()]
    found = list(dict.fromkeys(url for url in urls if url))
    if not found:
        raise InputError(str(path), "lists no feed URL")
    return found
