"""Exceptions eventwire raises.

    EventwireError                 base of everything below
    ├── InputError                 a document cannot be processed (one line, names the document)
    │   ├── EmptyInput             nothing to read after cleaning
    │   ├── BinaryInput            NUL bytes or a non-text file
    │   ├── EncodingError          not valid UTF-8
    │   ├── TooLarge               over the configured size limit in bytes (max_bytes)
    │   ├── TooLong                over the configured limit in characters (max_chars)
    │   ├── MalformedRecord        a JSON Lines record that is not JSON or lacks text/html
    │   └── NotEnglish             the text is not English
    ├── ConfigError                a bad setting (unknown model, bad path)
    ├── SharedDataMissing          an evaluation set under ../shared is absent
    └── StoreError                 the store cannot be opened or written
        └── NotStored              the store refused one document (the batch goes on)
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class of all eventwire errors."""


class InputError(EventwireError):
    """A document cannot be processed; the batch goes on without it."""

    kind = "input"

    def __init__(self, origin: str, reason: str) -> None:
        self.origin = origin
        self.reason = reason
        super().__init__(f"{origin}: {reason}")


class EmptyInput(InputError):
    """Nothing to read after cleaning."""

    kind = "empty"


class BinaryInput(InputError):
    """NUL bytes or another sign of a non-text file."""

    kind = "binary"


class EncodingError(InputError):
    """Not valid UTF-8."""

    kind = "encoding"


class TooLarge(InputError):
    """Over the configured size limit."""

    kind = "too_large"


class TooLong(InputError):
    """Over the configured limit in characters (the ``max_chars`` setting)."""

    kind = "too_long"


class MalformedRecord(InputError):
    """A JSON Lines record that is not JSON, or lacks text and html."""

    kind = "malformed"


class NotEnglish(InputError):
    """The text is not English."""

    kind = "not_english"


class ConfigError(EventwireError):
    """A bad setting."""


class SharedDataMissing(EventwireError):
    """An evaluation set or corpus under the shared folder is absent."""


class StoreError(EventwireError):
    """The store cannot be opened or written."""


class NotStored(StoreError):
    """The store refused one document; the batch goes on without it."""

    kind = "store"

    def __init__(self, origin: str, reason: str) -> None:
        self.origin = origin
        self.reason = reason
        super().__init__(f"cannot store {origin}: {reason}")
