"""Write long texts for measuring what one document costs: BBC articles run together, a blank line between.

    python benchmarks/long_texts.py --chars 200000 --count 8 --out /tmp/long
    /usr/bin/time -v eventwire ingest /tmp/long --db /tmp/long.db -q     # wall time, "Maximum resident set size"

Each text starts where the previous one stopped in the corpus (politics, business, then the rest),
so no two texts are the same and none is skipped as already stored. The figures in the README's
"Bad input" section were taken this way.
"""

from __future__ import annotations

import argparse
from pathlib import Path

CATEGORIES = ("politics", "business", "entertainment", "sport", "tech")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=200_000, help="characters per text (default 200,000)")
    parser.add_argument("--count", type=int, default=1, help="how many texts (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write long00.txt, long01.txt... into")
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared data folder")
    args = parser.parse_args()
    corpus = args.shared / "corpus" / "bbc_news_2225"
    articles = [path.read_text(encoding="utf-8", errors="replace").strip()
                for category in CATEGORIES for path in sorted((corpus / category).glob("*.txt"))]
    if not articles:
        parser.error(f"no BBC articles under {corpus}")
    args.out.mkdir(parents=True, exist_ok=True)
    taken = 0
    for number in range(args.count):
        parts: list[str] = []
        while sum(len(part) + 2 for part in parts) < args.chars:
            parts.append(articles[taken % len(articles)])
            taken += 1
        text = "\n\n".join(parts)[: args.chars]
        (args.out / f"long{number:02d}.txt").write_text(text, encoding="utf-8")
    print(f"{args.count} texts of {args.chars:,} characters in {args.out}")


if __name__ == "__main__":
    main()
