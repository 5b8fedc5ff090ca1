"""parse_raw end to end: every format through read_file → parse_raw, and every bad input."""

from __future__ import annotations

import hashlib
import os
from datetime import date

import pytest
from reportlab.lib.pdfencrypt import StandardEncryption

from duban.errors import InputError
from duban.ingest import extract_text, parse_raw, read_file
from duban.records import RawDocument

from ingest_samples import chinese_pdf, gov_page, rectangle_pdf, seed_paragraphs, word_document

INTERVIEW = seed_paragraphs("001")[:4]  # 县政府网站: / 田勇: turns
REPORT = [p for p in seed_paragraphs("003") if len(p) > 90 and not set(p) & {"·", "\xa0"}][:3]
TITLE = "费县民政局局长田勇做客政务访谈"
TRADITIONAL = "今年以來，全縣民政系統按照縣委、縣政府部署要求，深入踐行「民政為民、民政愛民」工作理念。"

SAMPLES = {
    "interview.txt": lambda: "\r\n".join(INTERVIEW).encode("gbk"),
    "taiwan.txt": lambda: TRADITIONAL.encode("big5"),
    "unicode.txt": lambda: "\n".join(INTERVIEW).encode("utf-16"),
    "page.html": lambda: gov_page(TITLE, INTERVIEW, "gb2312", site="费县人民政府", region="费县",
                                  publisher="费县民政局"),
    "report.pdf": lambda: chinese_pdf([REPORT[:2], REPORT[2:]]),
    "plan.docx": lambda: word_document("市民政局2018年一季度工作情况", REPORT),
}


@pytest.mark.parametrize("name, kind, encoding, expected", [
    ("interview.txt", "txt", "gb18030", INTERVIEW),
    ("taiwan.txt", "txt", "big5hkscs", [TRADITIONAL]),
    ("unicode.txt", "txt", "utf-16-le", INTERVIEW),
    ("page.html", "html", "gb18030", INTERVIEW),
    ("report.pdf", "pdf", None, REPORT),
    ("plan.docx", "docx", None, REPORT),
])
def test_extract_text_every_format(tmp_path, name, kind, encoding, expected):
    path = tmp_path / name
    path.write_bytes(SAMPLES[name]())
    found_kind, extracted = extract_text(read_file(path, 10_000_000))
    assert (found_kind, extracted.encoding) == (kind, encoding)
    lines = [line for line in extracted.text.splitlines() if line]
    assert lines[-len(expected):] == expected


@pytest.mark.parametrize("name, phrase", [
    ("interview.txt", "全县民政系统"), ("unicode.txt", "全县民政系统"), ("page.html", "全县民政系统"),
    ("taiwan.txt", "全县民政系统"),  # clean.py converts to simplified script
    ("report.pdf", "社会兜底救助水平"), ("plan.docx", "社会兜底救助水平"),
])
def test_parse_raw_every_format(tmp_path, name, phrase):
    path = tmp_path / name
    path.write_bytes(SAMPLES[name]())
    raw = read_file(path, 10_000_000)
    doc = parse_raw(raw)
    assert doc.source == str(path)
    assert doc.sha256 == hashlib.sha256(raw.data).hexdigest()
    assert doc.text and doc.sentences
    assert all(doc.text[s.start:s.end] == s.text for s in doc.sentences)
    assert phrase in doc.text


def test_parse_raw_gov_page_metadata_and_turns(tmp_path):
    raw = RawDocument(source="http://www.feixian.gov.cn/zmhd/ft/202.html", data=SAMPLES["page.html"](),
                      url="http://www.feixian.gov.cn/zmhd/ft/202.html", content_type="text/html")
    doc = parse_raw(raw)
    assert (doc.format, doc.title, doc.date) == ("html", TITLE, date(2020, 9, 8))
    assert doc.url == raw.url
    assert "无障碍浏览" not in doc.raw_text and "公网安备" not in doc.raw_text
    assert [t.speaker for t in doc.turns][:2] == ["县政府网站", "田勇"]


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (os.urandom(4000), "binary file, not text"),
    (lambda: chinese_pdf([REPORT[:2]])[:1200], "damaged PDF"),
    (lambda: chinese_pdf([REPORT[:1]], encrypt=StandardEncryption("secret")), "password-protected PDF"),
    (rectangle_pdf, r"no text layer \(scanned PDF\?\); run OCR first"),
    (b'<html><frameset><frame src="main.html"></frameset></html>', "frame-only page"),
    (lambda: word_document("标题", REPORT)[:3000], "damaged Word file"),
])
def test_parse_raw_bad_inputs(data, reason):
    raw = RawDocument(source="inbox/x", data=data() if callable(data) else data, filename="x")
    with pytest.raises(InputError, match=reason) as caught:
        parse_raw(raw)
    assert caught.value.source == "inbox/x" and caught.value.exit_code == 3


def test_parse_raw_whitespace_only_is_empty_after_cleaning():
    with pytest.raises(InputError, match="empty after cleaning"):
        parse_raw(RawDocument(source="blank.txt", data="\u3000\u3000\r\n  \n".encode("utf-8")))
