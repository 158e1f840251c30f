"""Tests for eventwire.extract.quotes on sentences written for these tests, with the real parser."""

from __future__ import annotations

import pytest

from eventwire.extract.quotes import cues, find_quotes


def quotes_of(nlp, text: str) -> list[tuple[str | None, str, str, bool]]:  # type: ignore[no-untyped-def]
    """(speaker text, cue, content, direct) for each quote found in ``text``."""
    return [
        (q.speaker.text if q.speaker else None, q.cue.text, q.content.text, q.direct)
        for q in find_quotes(nlp(text))
    ]


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content", "direct"),
    [
        # indirect speech with a clausal complement
        ("The ministry said the army was on high alert.", "The ministry", "said",
         "the army was on high alert", False),
        # direct speech with the cue after the quotation
        ('"We will respond to any attack," the minister said.', "the minister", "said",
         "We will respond to any attack", True),
        # subject after the cue
        ('"The talks were useful," said the envoy.', "the envoy", "said", "The talks were useful", True),
        # a participle sharing its head verb's subject
        ("The governor praised the volunteers, adding that the roads would reopen on Monday.",
         "The governor", "adding", "that the roads would reopen on Monday", False),
        # a speech verb interrupting the clause it reports
        ("The voters, she said, would not forgive a broken promise.", "she", "said",
         "The voters, she said, would not forgive a broken promise", False),
        # evidence and belief verbs count with a that-clause
        ("A new survey found that most farmers expect lower prices.", "A new survey", "found",
         "that most farmers expect lower prices", False),
        # "according to"
        ("Two soldiers were wounded, according to the local police.", "the local police",
         "according to", "Two soldiers were wounded", False),
    ],
)
def test_quotes_find_one_attribution(nlp, text: str, speaker: str, cue: str, content: str, direct: bool) -> None:  # type: ignore[no-untyped-def]
    assert quotes_of(nlp, text) == [(speaker, cue, content, direct)]


def test_quotes_quotation_left_as_its_own_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"We have never been stronger. The numbers prove it." the mayor said.'
    found = quotes_of(nlp, text)
    assert [(s, c) for s, c, _, _ in found] == [("the mayor", "said")]
    assert found[0][2].startswith("We have never been stronger")


def test_quotes_colon_introduces_content(nlp) -> None:  # type: ignore[no-untyped-def]
    found = quotes_of(nlp, 'The senator ended with a warning: "Nobody will be spared."')
    assert [(s, c, t) for s, c, t, _ in found] == [("The senator", "warning", "Nobody will be spared")]


def test_quotes_nested_in_a_direct_quote_are_dropped(nlp) -> None:  # type: ignore[no-untyped-def]
    found = quotes_of(nlp, '"I think the vote will be close," the candidate told reporters.')
    assert [(s, c) for s, c, _, _ in found] == [("the candidate", "told")]


@pytest.mark.parametrize(
    "text",
    [
        "The minister said nothing.",  # no content clause
        "Let me tell you.",  # imperative fragment
        "It was announced that the border would close.",  # no speaker to name
        "They think about the harvest.",  # belief verb without a clause
    ],
)
def test_quotes_none_without_speaker_and_content(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert quotes_of(nlp, text) == []


def test_quotes_offsets_index_the_text(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'Officials said the bridge was closed. "It will take weeks," an engineer added.'
    for quote in find_quotes(nlp(text)):
        for span in (quote.cue, quote.content):
            assert text[span.start:span.end] == span.text
        assert quote.speaker is not None
        assert text[quote.speaker.start:quote.speaker.end] == quote.speaker.text


def test_quotes_cue_lexicon_is_data() -> None:
    lexicon = cues()
    assert {"say", "tell", "announce"} <= lexicon.speech
    assert {"think", "find"} <= lexicon.complement_only
    assert not lexicon.speech & lexicon.complement_only


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The senator called the bill a disgrace.", "called", "a disgrace"),
        ("The union described the offer as an insult.", "described", "as an insult"),
        ("The bishops called for an immediate ceasefire.", "called", "an immediate ceasefire"),
        ("The mayor called on residents to stay indoors.", "called", "residents to stay indoors"),
    ],
)
def test_quotes_characterisations_and_calls(nlp, text: str, cue: str, content: str) -> None:  # type: ignore[no-untyped-def]
    assert [(c, t) for _, c, t, _ in quotes_of(nlp, text)] == [(cue, content)]


def test_quotes_a_phone_call_is_not_a_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    assert quotes_of(nlp, "The president called his counterpart on Monday.") == []
