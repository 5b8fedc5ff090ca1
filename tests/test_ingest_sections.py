"""A long text cleaned in sections (ingest/sections.py): each section within its size, cut
where a line or a sentence ends, and cleaned to the same text as the whole."""

from __future__ import annotations

import pytest
from paths import CORPUS

from duban.ingest import parse_raw, read_file
from duban.ingest.clean import clean_text
from duban.ingest.sections import clean_in_sections, sections

SEEDS = sorted(CORPUS.glob("*.txt"))


def test_sections_end_at_a_line_break_then_a_sentence_end_then_the_size():
    text = "第一段。" * 30 + "\n\n" + "第二段，没有句号" * 30
    pieces = sections(text, 150)
    assert all(len(piece) <= 150 for piece, _ in pieces)
    assert pieces[0] == ("第一段。" * 30, "\n\n")  # the blank line is the seam
    assert [(len(piece), seam) for piece, seam in pieces[1:]] == [(150, ""), (90, "")]  # no line or sentence end
    assert "".join(piece + seam for piece, seam in pieces) == text
    one_line = "甲乙丙。" * 100
    assert all(piece.endswith("。") for piece, _ in sections(one_line, 150))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("flattened", [False, True], ids=["lines", "one_line"])
def test_cleaning_in_sections_gives_the_text_cleaning_the_whole_gives(seed, flattened):
    text = seed.read_text(encoding="utf-8")
    text = text.replace("\n", "") if flattened else text
    assert len(sections(text, 1500)) > 1
    whole = clean_text(text)
    cut = clean_in_sections(text, 1500)
    assert cut.text == whole.text
    assert sorted(r.text for r in cut.removed) == sorted(r.text for r in whole.removed)


def test_a_document_parsed_in_sections_keeps_its_sentences_and_metadata():
    raw = read_file(SEEDS[2], 10 ** 6)
    whole, cut = parse_raw(raw), parse_raw(raw, section_chars=1500)
    assert cut.text == whole.text
    assert [s.text for s in cut.sentences] == [s.text for s in whole.sentences]
    assert (cut.title, cut.date, cut.region, cut.doc_type) == (whole.title, whole.date, whole.region, whole.doc_type)
