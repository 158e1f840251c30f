from __future__ import annotations

import pytest

from eventwire.clean import clean, content_hash, content_id
from eventwire.errors import EmptyInput, NotEnglish, TooLong
from eventwire.records import Document

BODY = ("Officials from both countries met in the capital on Tuesday to discuss the border dispute, "
        "and they agreed to hold another round of talks next month.")


def doc(text: str, **kw) -> Document:  # type: ignore[no-untyped-def]
    return Document(text=text, **kw)


@pytest.mark.parametrize(
    "raw,place,date,source",
    [
        (f"SEOUL, Nov 7 (Reuters) - {BODY}", "Seoul", "2023-11-07", "Reuters"),
        (f"WASHINGTON (AP) — {BODY}", "Washington", None, "AP"),
        (f"NEW YORK, March 3, 2024 (AFP) -- {BODY}", "New York", "2024-03-03", "AFP"),
        (f"KYIV, Ukraine, Feb 24 - {BODY}", "Kyiv", "2023-02-24", None),
    ],
)
def test_clean_dateline_gives_place_date_source(raw: str, place: str, date: str | None, source: str | None) -> None:
    cleaned = clean(doc(raw, date="2023-05-01" if "Nov" not in raw else None))
    assert cleaned.text == BODY
    assert cleaned.dateline is not None and cleaned.dateline.place == place
    assert cleaned.source == source
    if date and "Nov" in raw:  # no input date and no year: stays partial, document date unset
        assert cleaned.dateline.date == "XXXX-11-07" and cleaned.date is None
    elif date and "2024" in raw:
        assert cleaned.date == "2023-05-01" and cleaned.dateline.date == "2024-03-03"


def test_clean_input_date_wins_over_dateline() -> None:
    cleaned = clean(doc(f"SEOUL, Nov 7, 2023 (Reuters) - {BODY}", date="2023-11-08T10:00:00Z"))
    assert cleaned.date == "2023-11-08"


def test_clean_dateline_date_used_when_input_has_none() -> None:
    cleaned = clean(doc(f"SEOUL, Nov 7, 2023 (Reuters) - {BODY}"))
    assert cleaned.date == "2023-11-07"


@pytest.mark.parametrize("tail,source", [(" — Reuters", "Reuters"), (" (AP)", "AP"), ("\n\n- AFP", "AFP")])
def test_clean_trailing_agency_tag_becomes_source(tail: str, source: str) -> None:
    cleaned = clean(doc(BODY + tail))
    assert cleaned.text == BODY
    assert cleaned.source == source


@pytest.mark.parametrize(
    "noise",
    [
        "Protesters march through the city centre — CAMERON SMITH VIA FLICKR",
        "Photo: A soldier stands guard at the checkpoint",
        "By Jane Doe and John Roe",
        "(Reporting by Jane Doe; Editing by John Roe)",
        "Soldiers patrol the border. REUTERS/Jane Doe",
    ],
)
def test_clean_removes_captions_credits_bylines(noise: str) -> None:
    text = f"{noise}\n\n{BODY}" if noise.startswith("By") else f"{BODY}\n\n{noise}\n\n{BODY}"
    cleaned = clean(doc(text))
    assert noise not in cleaned.text
    assert noise in cleaned.removed
    assert BODY in cleaned.text


@pytest.mark.parametrize("junk", ["XbQerTtuvWQ", "zxKqWpT9", "QWRTPSDFGH"])
def test_clean_drops_junk_tokens_at_edges(junk: str) -> None:
    cleaned = clean(doc(f"{junk}\n{BODY}\n{junk}"))
    assert cleaned.text == BODY


def test_clean_keeps_real_last_sentence() -> None:
    text = f"{BODY}\nTalks resume Friday."
    assert clean(doc(text)).text == text


def test_clean_keeps_sentences_mentioning_agencies() -> None:
    text = f"{BODY} The report was first published by Reuters and later confirmed by officials."
    assert clean(doc(text)).text == text


def test_clean_empty_raises() -> None:
    with pytest.raises(EmptyInput, match="empty.txt"):
        clean(doc("  \n\n ", origin="empty.txt"))


def test_clean_figures_only_is_empty_not_foreign() -> None:
    with pytest.raises(EmptyInput, match="no words"):
        clean(doc("1010\n 2020 - 3030\n", origin="figures.txt"))


def test_clean_not_english_raises() -> None:
    text = ("Le gouvernement a annoncé mercredi une série de mesures pour soutenir les entreprises "
            "touchées par la crise, selon un communiqué publié à Paris.")
    with pytest.raises(NotEnglish, match="article.fr.txt"):
        clean(doc(text, origin="article.fr.txt"))


def test_clean_content_hash_ignores_whitespace_and_id_is_stable() -> None:
    assert content_hash("a  b\nc") == content_hash("a b c")
    assert content_id(BODY) == clean(doc(BODY)).id


def test_clean_text_over_max_chars_is_too_long() -> None:
    body = "The minister said the talks would go on. " * 50  # 2,050 characters, 2,049 once cleaned
    assert len(clean(Document(text=body, origin="a.txt"), max_chars=2_049).text) == 2_049
    with pytest.raises(TooLong) as raised:
        clean(Document(text="LONDON (Reuters) - " + body, origin="a.txt"), max_chars=2_048)
    assert raised.value.kind == "too_long"
    assert raised.value.reason == "the text is 2,049 characters, over the limit of 2,048 (setting max_chars)"
