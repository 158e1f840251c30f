"""The CAMEO-to-PLOVER conversion table (``eval/events/CAMEO2PLOVER-2021.txt``), read in one place.

Each line of the table maps a CAMEO code to a PLOVER type, a mode and a context::

    03: AGREE                                     # a root line: the type only
    030: AGREE,  , diplomatic # Express intent to cooperate
    0841: RETREAT, release,   legal # Return, release person(s)

A code is looked up by its most specific prefix in the table (``174K`` -> ``174``,
``1716`` -> ``171``, down to the root). Codes whose root is above 20 (WEIS codes such as
``223``, test codes such as ``903``) are not CAMEO and map to nothing. Where the table lists
a code twice, the first line wins (``08`` is CONCEDE, not RETREAT).

The PETRARCH unit-test scorer, the verb dictionary reader (``tabari_verbs``) and the
curation script ``scripts/build_event_lexicon.py`` all read the table through here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

#: Where the table is, relative to the shared data folder.
TABLE = "eval/events/CAMEO2PLOVER-2021.txt"

_LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*([A-Z]+)\s*(?:,\s*([\w-]*))?")

T = TypeVar("T")


def read_table(path: Path) -> dict[str, tuple[str, str | None]]:
    """Read the conversion table.

    Args:
        path: ``CAMEO2PLOVER-2021.txt``.

    Returns:
        CAMEO code -> (PLOVER type, mode or None), root lines included.
    """
    table: dict[str, tuple[str, str | None]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _LINE.match(line)
        if m:
            table.setdefault(m[1], (m[2], m[3] or None))
    return table


def cameo_root(code: str | None) -> str | None:
    """The 2-digit CAMEO root of a code, or None when it is not a CAMEO code (root above 20)."""
    if not code or not code[:2].isdigit():
        return None
    return code[:2] if 1 <= int(code[:2]) <= 20 else None


def lookup(code: str | None, table: Mapping[str, T]) -> T | None:
    """The table's entry for a CAMEO code: its most specific prefix in the table.

    Args:
        code: a code as a dictionary writes it ("0841", "174K").
        table: code -> anything (a type, or a type and mode).

    Returns:
        The entry, or None when the code is not CAMEO or no prefix of it is in the table.
    """
    if code is None or cameo_root(code) is None:
        return None
    head = "".join(itertools.takewhile(str.isdigit, code))
    for n in range(len(head), 1, -1):
        if head[:n] in table:
            return table[head[:n]]
    return None
