"""HTML article extraction on government-style pages, hints, frames and links."""

from __future__ import annotations

from pathlib import Path

import pytest

from duban.errors import InputError
from duban.ingest import html
from duban.records import RawDocument

from ingest_samples import gov_page, seed_paragraphs

DATA = Path(__file__).parent / "data" / "formats"
INTERVIEW = seed_paragraphs("001")[:6]
TITLE = "费县民政局局长田勇做客政务访谈"
CHROME = ["无障碍浏览", "长者模式", "登录", "政务公开", "当前位置", "分享到", "上一篇", "下一篇", "相关链接",
          "养老服务体系建设工作推进会", "主办", "ICP备", "公网安备", "网站标识码", "网站统计", "float"]


def page(data: bytes, url: str | None = None, content_type: str | None = None) -> RawDocument:
    return RawDocument(source=url or "page.html", data=data, url=url, content_type=content_type,
                       filename="page.html")


@pytest.mark.parametrize("charset, codec", [("utf-8", "utf-8"), ("gb2312", "gb18030")])
def test_html_gov_page_keeps_article_and_drops_chrome(charset, codec):
    result = html.extract(page(gov_page(TITLE, INTERVIEW, charset, site="费县人民政府", region="费县",
                                        publisher="费县民政局")))
    paragraphs = result.text.split("\n\n")
    assert result.encoding == codec
    assert paragraphs[-len(INTERVIEW):] == INTERVIEW
    assert paragraphs[:4] == [
        "索 引 号 1360274559/mzj/2020-0000090 发布机构 费县民政局",  # the 信息公开 table, row by row
        "公开日期 2020-09-08 公开方式 主动公开",
        TITLE,
        "发布时间：2020-09-08　来源：费县民政局　【字体：大 中 小】",  # textual chrome: clean.py's job
    ]
    for chrome in CHROME:
        assert chrome not in result.text, chrome


def test_html_hints_from_meta_and_title():
    result = html.extract(page(gov_page(TITLE, INTERVIEW[:1], site="费县人民政府", publisher="费县民政局",
                                        date="2021-08-20"), url="http://www.feixian.gov.cn/zmhd/ft/202.html"))
    assert result.hints == {
        "title": TITLE, "page_title": f"{TITLE}_费县人民政府", "date": "2021-08-20 10:30",
        "publisher": "费县民政局", "site": "费县人民政府", "column": "政务访谈",
        "url": "http://www.feixian.gov.cn/zmhd/ft/202.html",
    }


def test_html_title_from_heading_when_no_meta():
    markup = f"""<html><head><meta charset="utf-8"><title>{TITLE}-费县人民政府</title></head><body>
    <div class="header"><h1>费县人民政府</h1></div>
    <div class="content"><h1>{TITLE}</h1><div class="text"><p>{INTERVIEW[0]}</p></div></div></body></html>"""
    result = html.extract(page(markup.encode()))
    assert result.hints["title"] == TITLE
    assert result.text == f"{TITLE}\n\n{INTERVIEW[0]}"


def test_html_http_header_charset_beats_wrong_meta():
    markup = f'<html><head><meta charset="utf-8"></head><body><p>{INTERVIEW[0]}</p></body></html>'
    result = html.extract(page(markup.encode("gbk"), content_type="text/html; charset=GBK"))
    assert result.text == INTERVIEW[0]


def test_html_old_table_layout_found_by_text_density():
    # county sites from the 2000s: a layout table, link column on the left, text on the right
    links = "".join(f'<a href="/{n}.html">第{n}期工作动态</a><br>' for n in range(12))
    markup = f"""<html><head><meta charset="gbk"></head><body><table><tr>
    <td width="200">{links}</td>
    <td>{"<br>".join(INTERVIEW[:3])}</td></tr></table>
    <center>版权所有：费县人民政府 鲁ICP备05001234号</center></body></html>"""
    result = html.extract(page(markup.encode("gbk")))
    assert result.text.split("\n\n") == INTERVIEW[:3]


def test_html_line_breaks_in_source_between_chinese_characters_vanish():
    markup = "<html><body><div id='zoom'><p>全县共开展临时性\n    生活救助627人次, sent by\n  email</p></div></body></html>"
    assert html.extract(page(markup.encode())).text == "全县共开展临时性生活救助627人次, sent by email"


def test_html_frameset_page_names_the_frame():
    data = (DATA / "frameset.html").read_bytes()
    expected = r"frame-only page; ingest the frame's URL: http://mzj\.linyi\.gov\.cn/zwgk/article_20200908\.html"
    with pytest.raises(InputError, match=expected):
        html.extract(page(data, url="http://mzj.linyi.gov.cn/index.html"))


def test_html_iframe_shell_page_is_frame_only():
    markup = b'<html><body><iframe src="/zwgk/content.jsp?id=1"></iframe></body></html>'
    with pytest.raises(InputError, match="frame-only page; ingest the frame's URL: /zwgk/content.jsp"):
        html.extract(page(markup))


def test_html_page_with_iframe_and_text_is_not_frame_only():
    markup = (f'<html><body><iframe src="/video.html"></iframe>'
              f'<div class="content"><p>{INTERVIEW[0]}</p></div></body></html>')
    assert html.extract(page(markup.encode())).text == INTERVIEW[0]


def test_html_empty_body_gives_empty_text():
    assert html.extract(page(b"<html><head><title>x</title></head><body> </body></html>")).text == ""


def test_html_links_absolute_with_titles_and_no_scripts():
    data = gov_page(TITLE, INTERVIEW[:1], "gb2312")
    found = html.links(data, "http://www.linyi.gov.cn/zmhd/ft/202.html")
    urls = dict(found)
    assert ("http://www.linyi.gov.cn/zmhd/ft/201.html", "市卫健委负责同志做客政务访谈") in found
    # the listing cut the anchor text short; the title attribute has it whole
    assert urls["http://www.linyi.gov.cn/zwgk/mzj/2.html"] == "全市养老服务体系建设工作推进会议在市民政局召开"
    assert not [u for u in urls if u.startswith("javascript") or "#" in u]


def test_html_links_respects_base_tag():
    markup = ('<html><head><base href="http://www.yanan.gov.cn/mzj/"></head>'
              '<body><a href="a/1.html">通知</a></body></html>')
    assert html.links(markup, "http://other.example/x.html") == [("http://www.yanan.gov.cn/mzj/a/1.html", "通知")]



def test_measure_counts_each_element_as_its_text_and_its_links_give():
    # html._measure adds children's figures up in one backward pass; per element they must be
    # what get_text() gives, all of it for a link, and for any other element its children's links.
    from bs4 import BeautifulSoup, Tag

    def linked(tag: Tag) -> int:
        if tag.name == "a":
            return len(html._squash(tag.get_text()))
        return sum(linked(child) for child in tag.children if isinstance(child, Tag))

    pages = [p.read_bytes() for p in sorted((Path(__file__).parent / "data" / "unseen").glob("*.htm*"))]
    pages.append(gov_page(TITLE, INTERVIEW, "utf-8", site="费县人民政府", region="费县", publisher="费县民政局"))
    checked = with_links = 0
    for data in pages:
        body = BeautifulSoup(data, "lxml").body
        sizes = html._measure(body)
        for tag in (body, *(t for t in body.descendants if isinstance(t, Tag))):
            expected = (len(html._squash(tag.get_text())), linked(tag))
            assert sizes[id(tag)] == expected, tag.name
            checked += 1
            with_links += expected[1] > 0
    assert checked > 400 and with_links > 50
