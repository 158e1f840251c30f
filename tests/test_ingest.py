from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import BinaryInput, EncodingError, InputError, MalformedRecord, TooLarge
from eventwire.ingest import discover, read
from eventwire.records import Document

TEXT = "Officials met in the capital on Tuesday to discuss the border dispute."


def test_ingest_text_title_from_first_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"Border talks resume\n\n{TEXT}\n", encoding="utf-8")
    (doc,) = read([path])
    assert isinstance(doc, Document)
    assert doc.title == "Border talks resume"
    assert doc.text.strip() == TEXT
    assert doc.origin == str(path)


def test_ingest_folder_walks_known_suffixes(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(TEXT)
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "x", "text": TEXT}) + "\n")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    found = discover([tmp_path])
    assert [Path(p).name for p, _ in found] == ["a.jsonl", "b.txt"]
    docs = list(read([tmp_path]))
    assert [d.id for d in docs if isinstance(d, Document)] == ["x", None]


def test_ingest_html_uses_trafilatura_metadata(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Border talks resume</title>"
        '<meta name="author" content="Jane Doe">'
        '<meta property="article:published_time" content="2023-11-07T09:00:00Z"></head>'
        f"<body><nav>Home | World</nav><article><h1>Border talks resume</h1><p>{TEXT}</p>"
        f"<p>{TEXT.replace('Tuesday', 'Wednesday')}</p></article><footer>Copyright</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html)
    (doc,) = read([path])
    assert isinstance(doc, Document)
    assert doc.title == "Border talks resume"
    assert doc.date == "2023-11-07"
    assert doc.author == "Jane Doe"
    assert TEXT in doc.text and "Copyright" not in doc.text


def test_ingest_jsonl_fields_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": TEXT, "date": "2023-11-07", "title": "T", "source": "Wire", "url": "u"}) + "\n"
        "{not json\n"
        + json.dumps({"id": "c", "title": "no text"}) + "\n"
        + json.dumps(["a", "list"]) + "\n"
    )
    out = list(read([path]))
    assert isinstance(out[0], Document) and (out[0].id, out[0].date, out[0].source) == ("a", "2023-11-07", "Wire")
    assert [type(x) for x in out[1:]] == [MalformedRecord] * 3
    assert [x.origin for x in out[1:]] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "not valid JSON" in str(out[1]) and "neither 'text' nor 'html'" in str(out[2])


@pytest.mark.parametrize(
    "content,error",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInput),
        ("Caf\u00e9 talks".encode("latin-1") + b" in the capital", EncodingError),
    ],
)
def test_ingest_bad_bytes(tmp_path: Path, content: bytes, error: type[InputError]) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    (out,) = read([path])
    assert isinstance(out, error)
    assert str(path) in str(out)


def test_ingest_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 1000)
    (out,) = read([path], max_bytes=1000)
    assert isinstance(out, TooLarge) and "over the limit" in str(out)


def test_ingest_missing_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (out,) = read([tmp_path / "nope.txt"])
    assert isinstance(out, InputError) and "cannot read" in str(out)


@pytest.mark.parametrize("name, content", [
    ("late.txt", TEXT.encode() * 200 + b"\x00" + TEXT.encode()),  # the NUL is past the first 8 KB
    ("late.html", b"<p>" + TEXT.encode() * 200 + b"\x00</p>"),
    ("late.jsonl", json.dumps({"id": "a", "text": TEXT * 200}).encode() + b"\x00\n"),
])
def test_ingest_nul_byte_anywhere_is_binary(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    offset = content.index(b"\x00")
    assert offset > 8192
    (out,) = read([path])
    assert isinstance(out, BinaryInput), out
    assert f"NUL byte at offset {offset:,}" in out.reason


@pytest.mark.parametrize("record, error, words", [
    ({"text": TEXT + "\u0000" + TEXT}, BinaryInput, "'text' has a NUL character (\\u0000) at offset 70"),
    ({"text": TEXT, "title": "Talks\u0000"}, BinaryInput, "'title' has a NUL character"),
    ({"html": "<p>" + TEXT + "\u0000</p>"}, BinaryInput, "'html' has a NUL character"),
    ({"text": TEXT + " \ud800"}, EncodingError, "'text' has a lone surrogate (\\ud800) at offset 71"),
    ({"text": TEXT, "source": "\udfff"}, EncodingError, "'source' has a lone surrogate (\\udfff)"),
])
def test_ingest_jsonl_escapes_that_no_store_can_hold(tmp_path: Path, record: dict[str, str], error: type[InputError],
                                                    words: str) -> None:
    path = tmp_path / "batch.jsonl"
    # json.dumps writes "\u0000" and a lone "\ud800" as escapes: the file itself is clean ASCII
    path.write_text(json.dumps(record) + "\n" + json.dumps({"id": "fine", "text": TEXT}) + "\n", encoding="ascii")
    bad, good = read([path])
    assert isinstance(bad, error) and words in bad.reason and bad.origin == f"{path}:1"
    assert isinstance(good, Document) and good.id == "fine"


@pytest.mark.parametrize("line, reason", [
    ('{"text": "unterminated', "not valid JSON (Unterminated string starting at column 10)"),
    ('{"text": "a\tb"}', "not valid JSON (Invalid control character at column 12)"),
    ("{oops", "not valid JSON (Expecting property name enclosed in double quotes at column 2)"),
])
def test_ingest_json_error_says_at_once(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    (out,) = read([path])
    assert isinstance(out, MalformedRecord) and out.reason == reason


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_ingest_utf16_and_utf32_with_a_bom_are_text(tmp_path: Path, encoding: str) -> None:
    import codecs

    boms = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
    text = "Talks in Seoul\n\nThe minister said «peace» was near on Tuesday."
    data = boms.get(encoding, b"") + text.encode(encoding)  # "utf-16"/"utf-32" write their own BOM
    path = tmp_path / "wide.txt"
    path.write_bytes(data)
    (doc,) = list(read([path]))
    assert isinstance(doc, Document), doc
    assert doc.title == "Talks in Seoul" and doc.text.strip() == "The minister said «peace» was near on Tuesday."


def test_ingest_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfThe minister arrived in Seoul on Tuesday.")
    (doc,) = list(read([path]))
    assert isinstance(doc, Document) and doc.text == "The minister arrived in Seoul on Tuesday."


def test_ingest_utf16_without_a_bom_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "nobom.txt"
    path.write_bytes("The minister arrived.".encode("utf-16-le"))
    (error,) = list(read([path]))
    assert isinstance(error, BinaryInput)


def test_ingest_utf16_with_a_nul_character_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "nul16.txt"
    path.write_bytes(("The minister\x00 arrived.").encode("utf-16"))
    (error,) = list(read([path]))
    assert isinstance(error, BinaryInput) and "a NUL character at offset 12 of the UTF-16 text" in error.reason
