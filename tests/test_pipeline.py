"""The pipeline end to end on the real model: a text parsed in pieces keeps every offset right."""

from __future__ import annotations

from eventwire import nlp
from eventwire.ingest import from_text
from eventwire.pipeline import Pipeline

STORIES = [
    "North Korea fired two ballistic missiles into the sea on {day}, the South Korean military said.",
    "Japan condemned the launch and summoned the North Korean ambassador in Tokyo on {day}.",
    "US Secretary of State Antony Blinken met South Korean Foreign Minister Park Jin in Seoul on {day}.",
    "Russian forces shelled the Ukrainian city of Kharkiv on {day}, officials in Kyiv said.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def test_pipeline_text_over_a_piece_keeps_its_offsets(pipeline: Pipeline) -> None:
    paragraphs = [" ".join(s.format(day=DAYS[(i + j) % 5]) for j, s in enumerate(STORIES)) for i in range(80)]
    text = "\n\n".join(paragraphs)
    assert nlp.PIECE_CHARS < len(text) < pipeline.settings.max_chars and len(nlp.pieces(text)) >= 2
    record = pipeline.extract(from_text(text, date="2023-11-07"))
    assert record.text == text
    assert record.entities and all(text[e.start:e.end] == e.text for e in record.entities)
    assert record.timexes and all(text[t.start:t.end] == t.text for t in record.timexes)
    assert record.places and all(text[p.start:p.end] == p.text for p in record.places)
    for event in record.events:
        assert text[event.trigger.start:event.trigger.end] == event.trigger.text
        assert text[event.sentence.start:event.sentence.end] == event.sentence.text
        assert "\n\n" not in event.sentence.text.strip()  # a sentence never runs across a paragraph, or a piece
    second_piece = len(nlp.pieces(text)[0])
    assert any(e.sentence.start >= second_piece for e in record.events)
    assert {e.type for e in record.events if e.sentence.start >= second_piece} == {e.type for e in record.events}
