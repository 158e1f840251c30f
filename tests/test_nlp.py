"""Parsing in bounded batches and pieces (``nlp.pipe``): texts of any length, offsets of the whole text."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire import nlp as nlp_module
from eventwire.nlp import groups, pieces, pipe

PARAGRAPH = ("North Korea fired two ballistic missiles into the sea on Monday, the South Korean military said. "
             "Japan condemned the launch and called for talks in Geneva.")


@pytest.mark.parametrize("text, limit, ends", [
    # after the last blank line that fits
    ("One. Two.\n\nThree. Four.\n\nFive. Six. Seven.", 20, ["\n\n", "\n\n", "."]),
    # one long paragraph: after a sentence (a full stop, then a capital), not after "U.S." before a small letter
    ("The U.S. envoy arrived. Talks began at noon. They ended late.", 40, [". ", "."]),
    # no sentence end: after a line break, else a space
    ("first line without a stop\nsecond line without one", 30, ["\n", "e"]),
    ("words and words and words and words", 12, [" ", " ", " ", "s"]),
    # nothing to cut at: at the limit
    ("x" * 25, 10, ["x", "x", "x"]),
])
def test_nlp_pieces_join_back_and_end_where_best(text: str, limit: int, ends: list[str]) -> None:
    found = pieces(text, limit)
    assert "".join(found) == text
    assert all(0 < len(piece) <= limit for piece in found)
    assert [piece[-len(end):] for piece, end in zip(found, ends)] == ends and len(found) == len(ends)


@pytest.mark.parametrize("sizes, batch_size, batch_chars, runs", [
    ([10, 10, 10], 2, 100, [[0, 1], [2]]),
    ([10, 50, 50, 10], 32, 60, [[0, 1], [2, 3]]),
    ([200, 10, 10], 32, 60, [[0], [1, 2]]),  # one over the budget is a batch of its own
    ([], 32, 60, []),
])
def test_nlp_groups_bound_count_and_characters(sizes: list[int], batch_size: int, batch_chars: int,
                                               runs: list[list[int]]) -> None:
    assert [list(run) for run in groups(sizes, batch_size=batch_size, batch_chars=batch_chars)] == runs


def test_nlp_long_text_parsed_in_pieces_keeps_its_offsets(nlp: Language) -> None:
    text = "\n\n".join(PARAGRAPH.replace("Monday", day) for day in ("Monday", "Tuesday", "Friday") * 6)
    ((whole, _),) = pipe(nlp, [(text, None)])
    ((cut, context),) = pipe(nlp, [(text, "ctx")], piece_chars=700)
    assert isinstance(whole, Doc) and isinstance(cut, Doc) and context == "ctx"
    assert len(pieces(text, 700)) > 3
    assert cut.text == text
    assert [(t.idx, t.text) for t in cut] == [(t.idx, t.text) for t in whole]
    assert [(s.start_char, s.end_char) for s in cut.sents] == [(s.start_char, s.end_char) for s in whole.sents]
    assert [(e.start_char, e.end_char, e.label_) for e in cut.ents] == [(e.start_char, e.end_char, e.label_)
                                                                        for e in whole.ents]
    assert all(text[e.start_char:e.end_char] == e.text for e in cut.ents)
    assert cut.has_annotation("DEP") and cut[-2].head.i >= cut[-2].sent.start  # heads point into their sentence


def test_nlp_pipe_keeps_order_and_contexts(nlp: Language) -> None:
    texts = [PARAGRAPH, "", PARAGRAPH * 3, "Short."]
    out = list(pipe(nlp, [(t, i) for i, t in enumerate(texts)], batch_size=2, batch_chars=300, piece_chars=200))
    assert [context for _, context in out] == [0, 1, 2, 3]
    assert [doc.text for doc, _ in out] == texts  # type: ignore[union-attr]


@Language.component("refuses_the_word_poison")
def _refuses(doc: Doc) -> Doc:
    if "poison" in doc.text:
        raise ValueError("refused a poisoned text")
    return doc


def test_nlp_pipe_one_text_that_fails_stands_alone() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("refuses_the_word_poison")
    texts = ["A good text.", "A poison text.", "Another good one.", "x" * 50 + " poison at the end"]
    out = list(pipe(blank, [(t, t) for t in texts], piece_chars=20))
    assert [context for _, context in out] == texts
    docs = [doc for doc, _ in out]
    assert [type(d) for d in docs] == [Doc, ValueError, Doc, ValueError]
    assert docs[2].text == "Another good one."  # type: ignore[union-attr]


def test_nlp_pieces_are_far_under_spacys_limit() -> None:
    # A text over spaCy's nlp.max_length (1,000,000) never reaches the parser in one piece.
    assert nlp_module.PIECE_CHARS * 10 <= 1_000_000 and nlp_module.BATCH_CHARS < 1_000_000
