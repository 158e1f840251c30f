"""List candidate event verbs from the CAMEO 2.0 verb dictionary, for curation.

Reads PETRARCH2's ``CAMEO.2.0.txt`` (MIT, Open Event Data Alliance) and the
CAMEO-to-PLOVER table, and prints, as YAML in the format of
``eventwire/data/events/lexicon.yaml`` ("TYPE[:mode] CAMEO weight"), the
single-word verbs whose block has a CAMEO code and that our lexicon does not
have yet. The output is a worklist to read and curate by hand, never a file
to ship as is: block codes are often too coarse for a word on its own.

With ``--phrases`` it lists "verb object" candidates from the dictionary's
"- * OBJECT [code]" patterns instead, where the object changes the verb's
PLOVER type or makes a verb that is no trigger one ("freeze assets").

Example:
    python scripts/build_event_lexicon.py --shared ../shared > /tmp/candidates.yaml
    python scripts/build_event_lexicon.py --shared ../shared --phrases > /tmp/phrases.yaml
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventwire.dictionaries import cameo  # noqa: E402
from eventwire.extract.lexicon import load  # noqa: E402

BLOCK = re.compile(r"^---\s+(\S+)\s+\[(\S+)\]\s+---")
WORD = re.compile(r"^([A-Z][A-Z_]*)\s*(?:\{[^}]*\})?\s*(?:\[(\d+)[^\]]*\])?")


def cameo_to_plover(path: Path) -> dict[str, tuple[str, str | None]]:
    """CAMEO code -> (PLOVER type, mode) from the conversion table (``eventwire.dictionaries.cameo``)."""
    return cameo.read_table(path)


def pattern_lines(path: Path) -> Iterator[str]:
    """The non-empty lines of the dictionary's VERB PATTERNS section, comments removed."""
    in_patterns = False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if "VERB PATTERNS" in raw:
            in_patterns = True
        if in_patterns and line:
            yield line


def verb_codes(path: Path) -> dict[str, str]:
    """Verb lemma (lower case) -> CAMEO code of its word line or block."""
    out: dict[str, str] = {}
    block_code: str | None = None
    for line in pattern_lines(path):
        block = BLOCK.match(line)
        if block:
            block_code = None if block.group(2) == "---" else block.group(2)
            continue
        if line.startswith(("-", "+", "&")):
            continue
        word = WORD.match(line)
        if word:
            code = word.group(2) or block_code
            lemma = word.group(1).lower()
            if code and "_" not in lemma:
                out.setdefault(lemma, code)
    return out


PATTERN = re.compile(r"^-\s+\*\s+(\{[A-Z_ ]+\}|[A-Z_]+)\s*\[(\d+)[^\]]*\]")


def object_patterns(path: Path) -> dict[tuple[str, str], str]:
    """(verb lemma, object word) -> CAMEO code, from "- * OBJECT [code]" patterns.

    Only patterns whose object follows the verb directly are read; a
    braced compound ("{ROCKET ATTACK}") gives its last word, the head noun.
    Every verb of a block shares the block's patterns.
    """
    out: dict[tuple[str, str], str] = {}
    block_verbs: list[str] = []
    for line in pattern_lines(path):
        if BLOCK.match(line):
            block_verbs = []
            continue
        pattern = PATTERN.match(line)
        if pattern:
            words = pattern.group(1).strip("{}").split()
            obj = words[-1].lower().replace("_", " ")
            for verb in block_verbs:
                out.setdefault((verb, obj), pattern.group(2))
            continue
        if line.startswith(("-", "+", "&")):
            continue
        word = WORD.match(line)
        if word and "_" not in word.group(1):
            block_verbs.append(word.group(1).lower())
    return out


def lookup(code: str, table: dict[str, tuple[str, str | None]]) -> tuple[str, str | None] | None:
    """The PLOVER type of a CAMEO code, trying shorter prefixes."""
    return cameo.lookup(code, table)


def print_phrases(patterns: dict[tuple[str, str], str], table: dict[str, tuple[str, str | None]]) -> int:
    """Print "verb object" candidates that the lexicon lacks and that say more
    than the verb alone (another PLOVER type, or a verb that is no trigger)."""
    lex = load()
    print("# phrase candidates from CAMEO 2.0 patterns (curate before adding to lexicon.yaml)\nphrases:")
    for (verb, obj), code in sorted(patterns.items()):
        plover = lookup(code, table)
        if plover is None or " " in obj or (verb, obj) in lex.phrases:
            continue
        own = lex.verbs.get(verb)
        if own is not None and own.type == plover[0]:
            continue
        type_, mode = plover
        print(f"  {verb} {obj}: {type_}{':' + mode if mode else ''} {code} 0.6")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Print candidate verb entries not yet in the lexicon."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--phrases", action="store_true",
        help="list verb + object phrases whose PLOVER type differs from the verb's own sense instead",
    )
    args = parser.parse_args(argv)
    verbs_file = args.shared / "reference" / "petrarch2" / "CAMEO.2.0.txt"
    table = cameo_to_plover(args.shared / cameo.TABLE)
    if args.phrases:
        return print_phrases(object_patterns(verbs_file), table)
    verbs = verb_codes(verbs_file)
    known = load().verbs
    print("# candidates from CAMEO 2.0 (curate before adding to lexicon.yaml)\nverbs:")
    for lemma, code in sorted(verbs.items()):
        plover = lookup(code, table)
        if lemma in known or plover is None:
            continue
        type_, mode = plover
        print(f"  {lemma}: {type_}{':' + mode if mode else ''} {code} 0.5")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
