"""Compare the events two versions of eventwire give on one BBC category, and draw samples to judge.

The events of this checkout and of another one (a git worktree of an older commit) are
written as TSV, one event a line, keyed by article, trigger offset and type; the events
both give, only the older gives (dropped) and only this one gives (added) are counted,
and a fixed-seed sample of each is written for judging by hand. The samples quote the
articles: keep only ids, codes and judgements in the project (``benchmarks/README.md``).

Example:
    git worktree add /tmp/base cb80056
    python benchmarks/compare_events.py --base-tree /tmp/base --shared ../shared --out /tmp/compare
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

#: Run inside either tree: prints one TSV line per event of the category's articles.
DUMP = r"""
import sys
from pathlib import Path
from eventwire.pipeline import Pipeline
from eventwire.records import Document, Extraction

def cell(actor):
    if actor is None:
        return ""
    code = actor.code or "+".join(m.code or "" for m in actor.members)
    return " ".join(actor.text.split()) + " [" + code + "]"

folder = Path(sys.argv[1])
files = sorted(folder.glob("*.txt"))
docs = [Document(text=f.read_bytes().decode("utf-8", "replace"), origin=f"{folder.name}/{f.name}") for f in files]
for outcome in Pipeline().run(docs):
    if isinstance(outcome, Extraction):
        for e in outcome.events:
            row = [outcome.origin, str(e.trigger.start), e.type, cell(e.source), cell(e.target), e.trigger.text,
                   " ".join(e.sentence.text.split())]
            print("\t".join(row))
"""


def dump(tree: Path, folder: Path) -> dict[tuple[str, str, str], list[str]]:
    """The events the eventwire in ``tree`` gives on ``folder``, by (article, offset, type)."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    done = subprocess.run([sys.executable, "-c", DUMP, str(folder)], env=env, cwd=tree, check=True,
                          capture_output=True, text=True)
    rows = [line.split("\t") for line in done.stdout.splitlines() if line]
    return {(r[0], r[1], r[2]): r for r in rows}


def write_sample(path: Path, rows: list[list[str]], size: int, seed: int) -> None:
    """A fixed-seed sample of ``rows`` as TSV with empty judgement and note columns."""
    drawn = sorted(random.Random(seed).sample(rows, min(size, len(rows))))
    lines = ["id\ttype\tsource\ttarget\ttrigger\tsentence\tjudgement\tnote"]
    lines += [f"{r[0]}:{r[1]}\t" + "\t".join(r[2:]) + "\t\t" for r in drawn]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-tree", type=Path, required=True, help="checkout of the older version")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--category", default="politics")
    parser.add_argument("--out", type=Path, required=True, help="folder for the TSV files")
    parser.add_argument("--size", type=int, default=50)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args(argv)
    folder = (args.shared / "corpus" / "bbc_news_2225" / args.category).resolve()
    if not folder.is_dir():
        print(f"error: {folder} not found; point --shared at the shared data folder", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    base, now = dump(args.base_tree.resolve(), folder), dump(HERE, folder)
    groups = {
        "kept": [now[k] for k in now if k in base],
        "dropped": [base[k] for k in base if k not in now],
        "added": [now[k] for k in now if k not in base],
    }
    print(f"{args.category}: base {len(base)} events, now {len(now)}; "
          + ", ".join(f"{name} {len(rows)}" for name, rows in groups.items()))
    for name, rows in groups.items():
        write_sample(args.out / f"{args.category}_{name}_sample.tsv", rows, args.size, args.seed)
    print(f"samples in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
