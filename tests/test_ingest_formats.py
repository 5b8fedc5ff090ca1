"""Format sniffing, decoding, PDF and DOCX text, file handling, and every bad input.

Inputs are built from the seed texts in corpus/ by tests/ingest_samples.py.
"""

from __future__ import annotations

import codecs
import io
import os
import re

import pytest
from reportlab.lib.pdfencrypt import StandardEncryption

from duban.errors import InputError
from duban.ingest import expand_paths, read_file
from duban.ingest import docx as docx_format
from duban.ingest import pdf as pdf_format
from duban.ingest import txt as txt_format
from duban.ingest.sniff import decode_text, detect_format, html_charset
from duban.records import RawDocument

from ingest_samples import chinese_pdf, gov_page, rectangle_pdf, seed_paragraphs, word_document

# Paragraphs of the 宿迁 quarterly report long enough to wrap; "·" and no-break spaces are
# left out because STSong-Light draws no glyph for them.
REPORT = [p for p in seed_paragraphs("003") if len(p) > 90 and not set(p) & {"·", "\xa0"}]
INTERVIEW = seed_paragraphs("001")

# Traditional-script text as a Taiwan or Hong Kong source would publish it (Big5).
TRADITIONAL = "今年以來，全縣民政系統按照縣委、縣政府部署要求，深入踐行「民政為民、民政愛民」工作理念，聚焦特殊群體，聚焦群眾關切。"


def raw(data: bytes, name: str = "doc", content_type: str | None = None) -> RawDocument:
    return RawDocument(source=name, data=data, filename=name, content_type=content_type)


# -- sniff: formats ------------------------------------------------------------------------

@pytest.mark.parametrize("data, name, expected", [
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "x.bin", "pdf"),
    (b"<!DOCTYPE html>\n<html><body>\xe6\xb0\x91\xe6\x94\xbf</body></html>", "x.txt", "html"),
    (b"  <!-- saved from url -->\n<HTML><HEAD><TITLE>", "download", "html"),
    ("民政局工作情况".encode("utf-8"), "page.shtml", "html"),
    ("民政局工作情况".encode("utf-8"), "notes.txt", "txt"),
    ("<html>民政</html>".encode("utf-16"), "x", "html"),
])
def test_sniff_format_from_content_then_name(data, name, expected):
    assert detect_format(data, name, name) == expected


def test_sniff_docx_is_a_zip_holding_word_document_xml():
    document = word_document("标题", ["正文"])
    assert detect_format(document, "upload.bin") == "docx"


@pytest.mark.parametrize("data, reason", [
    (b"PK\x03\x04" + os.urandom(64), "damaged ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), r"legacy Word/Excel \(OLE\) file"),
], ids=["zip", "ole"])  # random bytes in an id differ per process, which pytest-xdist refuses
def test_sniff_rejects_archives_and_legacy_office(data, reason):
    with pytest.raises(InputError, match=reason):
        detect_format(data, "attachment")


# -- sniff: decoding -----------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "gbk", "utf-16-le", "utf-16-be"])
def test_decode_simplified_text_without_declaration(encoding):
    text = "\n".join(INTERVIEW[:3])
    decoded, used = decode_text(text.encode(encoding), "x.txt")
    assert decoded == text
    assert codecs.lookup(used).name == codecs.lookup({"gbk": "gb18030"}.get(encoding, encoding)).name


def test_decode_big5_traditional_text():
    decoded, used = decode_text(TRADITIONAL.encode("big5"), "tw.txt")
    assert decoded == TRADITIONAL
    assert "big5" in used


@pytest.mark.parametrize("encoding, bom", [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                                           ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_decode_byte_order_mark_wins_and_is_dropped(encoding, bom):
    decoded, used = decode_text(bom + INTERVIEW[0].encode(encoding), "x.txt", declared="gbk")
    assert decoded == INTERVIEW[0]
    assert used == encoding


def test_decode_gb2312_label_reads_gbk_only_characters():
    # 镕 and 堃 are outside GB2312; pages labelled gb2312 contain them anyway
    text = "朱镕基同志、王堃同志出席" + INTERVIEW[0]
    decoded, used = decode_text(text.encode("gbk"), "x.html", declared="gb2312")
    assert decoded == text and used == "gb18030"


def test_decode_ignores_a_declared_charset_that_does_not_fit():
    decoded, _ = decode_text(INTERVIEW[0].encode("utf-8"), "x.html", declared="gb2312")
    assert decoded == INTERVIEW[0]


@pytest.mark.parametrize("data", [
    os.urandom(3000),
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000),
    bytes(range(0, 32)) * 50,
])
def test_decode_binary_junk_is_an_input_error(data):
    with pytest.raises(InputError, match="binary file, not text"):
        decode_text(data, "junk.txt")


def test_html_charset_header_beats_meta():
    page = b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    assert html_charset(page) == "gb2312"
    assert html_charset(page, "text/html; charset=UTF-8") == "UTF-8"
    assert html_charset(b'<meta charset="big5">') == "big5"


# -- txt ---------------------------------------------------------------------------------

def test_txt_unifies_line_ends():
    result = txt_format.extract(raw("第一段。\r\n第二段。\r第三段。".encode("gbk")))
    assert result.text == "第一段。\n第二段。\n第三段。"


def test_txt_uses_the_http_charset():
    result = txt_format.extract(raw(TRADITIONAL.encode("big5"), content_type="text/plain; charset=big5"))
    assert result.text == TRADITIONAL


# -- pdf ---------------------------------------------------------------------------------

def test_pdf_two_pages_of_chinese_in_reading_order():
    result = pdf_format.extract(raw(chinese_pdf([REPORT[:2], REPORT[2:4]]), "report.pdf"))
    assert result.text.split("\n\n") == REPORT[:4]
    assert "— 1 —" not in result.text and result.encoding is None


def test_pdf_paragraph_running_over_a_page_break_is_joined():
    # six long paragraphs overflow the first page; the one that breaks must come out whole
    document = chinese_pdf([REPORT[:6]])
    assert pdf_format.extract(raw(document)).text.split("\n\n") == REPORT[:6]


def test_pdf_text_without_unicode_map_is_refused_not_stored():
    # With reportlab's RC4 encryption (empty user password) pdfminer cannot read the font's
    # CIDSystemInfo, so every character comes out as (cid:N): no text worth storing.
    document = chinese_pdf([REPORT[:1]], encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0))
    with pytest.raises(InputError, match=r"text reads as \(cid:N\)\); run OCR first"):
        pdf_format.extract(raw(document))


def _mixed_pdf() -> bytes:
    """A page with what a real report has beside its body text: a table's ruled cells, a stamp
    drawn as a form XObject (pdfminer's LTFigure) with text inside, a line set at 90°, an image,
    and a MediaBox whose origin is not (0, 0)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.beginForm("stamp")
    pdf.setFont("STSong-Light", 10)
    pdf.drawString(0, 0, "宿迁市民政局办公室印发")
    pdf.endForm()
    pdf.setFont("STSong-Light", 12)
    for row, paragraph in enumerate(REPORT[:3]):
        pdf.rect(60, 700 - 40 * row, 420, 30)
        pdf.drawString(72, 710 - 40 * row, paragraph[:30])
    pdf.saveState()
    pdf.translate(40, 300)
    pdf.rotate(90)
    pdf.drawString(0, 0, "二〇二三年十二月十八日")
    pdf.restoreState()
    pdf.doForm("stamp")
    pdf.drawImage(ImageReader(Image.new("RGB", (8, 8), "red")), 400, 100, 40, 40)
    pdf.showPage()
    pdf.save()
    return re.sub(rb"/MediaBox \[ 0 0 ", b"/MediaBox [ 20 30 ", buffer.getvalue())


def test_pdf_lines_are_pdfplumbers_own():
    # pdf.py builds the characters itself instead of pdfplumber's page.chars (bench/ingest.py:
    # half of a PDF's time), from a page device that drops paths and images; the lines must be
    # the ones pdfplumber's own extract_text_lines gives.
    import pdfplumber
    from pdfminer.layout import LTChar, LTFigure

    documents = [_mixed_pdf(), chinese_pdf([REPORT[:6]]), chinese_pdf([REPORT[:2], REPORT[2:4]])]
    with pdfplumber.open(io.BytesIO(documents[0])) as mixed:
        page = mixed.pages[0]
        assert page.mediabox[0] == 20 and page.mediabox[1] != 0 and page.rects and page.images  # the cases
        assert any(isinstance(o, LTFigure) and any(isinstance(c, LTChar) for c in o) for o in page.layout)
        assert {c["upright"] for c in page.chars} == {True, False}
    compared = 0
    for document in documents:
        with pdfplumber.open(io.BytesIO(document)) as pdf:
            for page in pdf.pages:
                expected = page.extract_text_lines(return_chars=False, x_tolerance_ratio=pdf_format._SPACE_RATIO)
                page.close()
                assert pdf_format._text_lines(page) == expected
                compared += len(expected)
    assert compared > 80


@pytest.mark.parametrize("build, reason", [
    (lambda: chinese_pdf([REPORT[:1]], encrypt=StandardEncryption("secret")), "password-protected PDF"),
    (rectangle_pdf, r"no text layer \(scanned PDF\?\); run OCR first"),
    (lambda: chinese_pdf([REPORT[:2]])[:900], "damaged PDF"),
    (lambda: b"%PDF-1.7\n" + os.urandom(500), "damaged PDF"),
])
def test_pdf_bad_inputs(build, reason):
    with pytest.raises(InputError, match=reason) as caught:
        pdf_format.extract(raw(build(), "corpus/x.pdf"))
    assert str(caught.value).startswith("corpus/x.pdf: ")


# -- docx --------------------------------------------------------------------------------

def test_docx_paragraphs_then_table_rows():
    table = [["任务", "责任单位", "完成时限"], ["新增养老床位1200张", "市民政局", "2018年底"]]
    result = docx_format.extract(raw(word_document("市民政局2018年一季度工作情况", REPORT[:2], table)))
    assert result.text.split("\n\n") == [
        "市民政局2018年一季度工作情况", *REPORT[:2], "任务 责任单位 完成时限", "新增养老床位1200张 市民政局 2018年底"]


def test_docx_merged_cells_appear_once():
    import io

    import docx

    document = docx.Document()
    grid = document.add_table(rows=1, cols=3)
    merged = grid.cell(0, 0).merge(grid.cell(0, 1))
    merged.text = "社会救助"
    grid.cell(0, 2).text = "年内完成"
    buffer = io.BytesIO()
    document.save(buffer)
    assert docx_format.extract(raw(buffer.getvalue())).text == "社会救助 年内完成"


def test_docx_damaged_is_an_input_error():
    document = word_document("标题", REPORT[:3])
    with pytest.raises(InputError, match="damaged Word file"):
        docx_format.extract(raw(document[: len(document) // 2], "plan.docx"))


# -- files -------------------------------------------------------------------------------

def test_expand_paths_walks_folders_sorted_and_skips_other_files(tmp_path):
    for name in ["b/2.pdf", "b/1.HTML", "a.txt", "c.xlsx", "b/notes.md", ".hidden/x.txt", "~$lock.docx", "d.docx"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    assert expand_paths([tmp_path]) == [tmp_path / "a.txt", tmp_path / "b/1.HTML", tmp_path / "b/2.pdf",
                                        tmp_path / "d.docx"]


def test_expand_paths_named_files_keep_their_order(tmp_path):
    first, second = tmp_path / "z.txt", tmp_path / "a.pdf"
    first.write_text("x")
    second.write_text("x")
    assert expand_paths([first, second]) == [first, second]


@pytest.mark.parametrize("name, reason", [("table.xlsx", "unsupported file type '.xlsx'"),
                                          ("missing.txt", "no such file or folder")])
def test_expand_paths_bad_named_file(tmp_path, name, reason):
    if name == "table.xlsx":
        (tmp_path / name).write_bytes(b"PK")
    ok = tmp_path / "ok.txt"
    ok.write_text("x")
    error, found = expand_paths([tmp_path / name, ok])
    assert isinstance(error, InputError) and reason in str(error) and found == ok


def test_expand_paths_folder_without_documents(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    [error] = expand_paths([tmp_path])
    assert str(error) == f"{tmp_path}: no .docx .htm .html .pdf .shtml .text .txt files in this folder"


def test_expand_paths_name_too_long_is_one_error(tmp_path):
    [error] = expand_paths([tmp_path / ("长" * 200 + ".txt")])
    assert isinstance(error, InputError) and str(error).endswith("cannot read (File name too long)")


def test_read_file_bytes_and_source(tmp_path):
    path = tmp_path / "001.txt"
    path.write_bytes("民政".encode("gbk"))
    document = read_file(path, max_bytes=1000)
    assert document.data == "民政".encode("gbk")
    assert (document.source, document.filename) == (str(path), "001.txt")


def test_read_file_over_size_names_the_flag(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as out:
        out.truncate(60 * 1024 * 1024)  # sparse: no 60 MB written
    with pytest.raises(InputError, match=r"file is 60 MB, over the 50 MB limit \(--max-bytes\)"):
        read_file(path, max_bytes=50 * 1024 * 1024)


def test_read_file_folder_and_missing(tmp_path):
    with pytest.raises(InputError, match="is a folder, not a file"):
        read_file(tmp_path, 100)
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "gone.txt", 100)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_read_file_unreadable(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("民政")
    path.chmod(0)
    with pytest.raises(InputError, match="cannot read"):
        read_file(path, 100)


def test_gbk_page_builder_declares_gb2312():
    page = gov_page("标题", ["正文"], "gb2312")
    assert html_charset(page) == "gb2312"
