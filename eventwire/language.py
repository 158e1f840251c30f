"""Is this text English? A cheap check that runs before the parse.

English prose is dense with function words ("the", "of", "and", "to"): in news
text they are 35–50% of the words. Text in another script has few Latin letters
at all, and text in another Latin-script language is dense with its own function
words instead (``data/function_words.yaml``). English text with few function
words of any language (an earnings table, a list of figures) stays English. Both
signals are robust on anything longer than a sentence and cost microseconds, which
is why a language-identification model is not needed.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_DATA = Path(__file__).parent / "data" / "function_words.yaml"
#: Share of words that must be function words of a language for the text to read as it.
DENSITY = 0.12


@functools.lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    """Function words by language code; other languages' lists leave out words English has."""
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    english = frozenset(str(w) for w in data["en"])
    return {lang: frozenset(str(w) for w in words) - (english if lang != "en" else frozenset())
            for lang, words in data.items()}


def looks_english(text: str, *, sample: int = 4000) -> bool:
    """True if ``text`` looks like English.

    Args:
        text: the text to check; only its first ``sample`` characters are read.

    Returns:
        False for text with no letters, text mostly in another script, or text denser in
        another language's function words than in English ones.
    """
    head = text[:sample]
    letters = sum(c.isalpha() for c in head)
    if letters == 0:
        return False
    latin = sum(c.isascii() and c.isalpha() for c in head)
    if latin / letters < 0.7:
        return False
    words = [w.lower() for w in _WORD.findall(head)]
    if len(words) < 8:
        # Too short to judge by function words: a headline or a one-liner in Latin script passes.
        return True
    density = {lang: sum(w in vocab for w in words) / len(words) for lang, vocab in function_words().items()}
    if density["en"] >= DENSITY:
        return True
    other = max(v for lang, v in density.items() if lang != "en")
    return other < DENSITY or other <= density["en"]
