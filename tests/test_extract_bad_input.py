"""Bad input through the whole extraction path: parse_raw, then extract_document.

The per-component files test the pure functions (find_figures, find_commitments) on the same
cases; these run every component together, as `duban extract` does.
"""

from __future__ import annotations


import pytest

from duban.errors import InputError
from duban.extract import extract_document
from duban.ingest import parse_raw
from duban.records import ParsedDocument, RawDocument


def _parse(text: str) -> ParsedDocument:
    return parse_raw(RawDocument("bad.txt", text.encode("utf-8"), filename="bad.txt"))


def _is_empty(extraction) -> bool:
    return not (extraction.figures or extraction.commitments or extraction.times)


def test_empty_document():
    with pytest.raises(InputError):  # ingest refuses it ...
        _parse("")
    empty = ParsedDocument(source="empty.txt", sha256="0" * 64, format="txt", raw_text="", text="")
    extraction = extract_document(empty)  # ... and extraction of an empty text is empty
    assert _is_empty(extraction) and extraction.mentions == [] and extraction.sentence_topics == []


def test_document_of_only_numbers():
    parsed = _parse("12345 678 2020-09-08 0539-7200966\n3.14 2.71 1.2.3.4 100 200\n20231231 6 7 8")
    extraction = extract_document(parsed)
    assert extraction.figures == [] and extraction.commitments == []


@pytest.mark.slow  # 1 MB of text through the whole pipeline
def test_one_megabyte_line_is_fast_and_sound():
    unit = "全市新增养老床位4000张,其中护理型床位2000张,占比50%以上"
    line = unit * (1_000_000 // len(unit))
    parsed = _parse(line)
    extraction = extract_document(parsed)
    assert len(extraction.figures) == 3 * (1_000_000 // len(unit))
    assert {f.text for f in extraction.figures} == {"4000张", "2000张", "50%以上"}
    assert all(parsed.text[f.start:f.end] == f.text for f in extraction.figures[:1000])
    # Whether 新增养老床位4000张 without a cue is a plan is the clause classifier's call (the
    # rules said report, the classifier says target list); either way every record is sound.
    assert len(extraction.commitments) <= 3 * (1_000_000 // len(unit))
    assert all(parsed.text[c.start:c.end] == c.text for c in extraction.commitments[:1000])


@pytest.mark.slow
def test_one_megabyte_line_of_digits_gives_no_figures():
    parsed = _parse("1234567890" * 100_000)  # ingest's spam pattern once took minutes on this
    extraction = extract_document(parsed)
    assert extraction.figures == [] and extraction.commitments == [] and extraction.times == []


def test_mixed_traditional_text():
    parsed = _parse(
        "下半年,我們將新增養老床位4000張,確保農村低保標準穩定高於省定扶貧線。\n"
        "我们将新建社区老年食堂12处。"
    )
    extraction = extract_document(parsed)
    assert [(f.text, f.value, f.unit, f.kind) for f in extraction.figures] == [
        ("4000张", 4000, "张", "target"), ("12处", 12, "处", "target"),
    ]
    quotes = [c.text for c in extraction.commitments]
    assert "将新增养老床位4000张" in quotes and "将新建社区老年食堂12处" in quotes
    assert all(c.deadline_text == "下半年" for c in extraction.commitments[:2])
