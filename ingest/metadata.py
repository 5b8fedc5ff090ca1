"""Document metadata: title, publisher, date, 索引号, doc_type and issuing region.

Fields are read from what the page states, in this order: the format's hints (HTML ``<meta>``),
the 政务公开 table and datelines of the raw text (索引号 / 发布机构 / 公开日期 / 发布时间 / 来源),
then the opening lines of the clean text. Nothing is guessed from the calendar: a date without
a year (seed 004: "6月30日") gives None (shared/gold/README.md, Metadata).

The issuing region is ingest/issuer.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path

import cn2an

from ..lexicon import cues, regions
from .issuer import NATIONAL_BODY, OFFICE, is_org, is_site, issuing_region, page_region
from ..records import Region
from .clean import prepare

__all__ = ["DOC_TYPES", "Metadata", "read_metadata"]

DOC_TYPES = ("interview", "press_conference", "work_report", "work_plan", "government_report",
             "notice", "news", "other")
DATA = Path(__file__).parent / "data"
_HEAD_LINES = 12  # the opening lines searched for a title, a date and the region
_TITLE_MAX = 80  # a longer line is body text, not a title
_SHAPED_LINES = 20  # the opening lines searched for a heading of the document-title shape
_DATE_BLOCK_LINES = 40  # the raw lines searched for the date and source block under a title


def _label(word: str) -> str:
    """A field label of the 政务公开 table, its characters possibly spaced out (索 引 号)."""
    return r"\s*".join(word)


_CUE_KIND = re.compile(r"\{(?P<kind>[a-z_]+)\}")


def _with_cues(pattern: str) -> str:
    """``pattern`` with each {kind} (a name, never a quantifier such as {2,80}) spelled out by
    that kind of the cue lexicon (lexicon/data/cues.tsv)."""
    return _CUE_KIND.sub(lambda m: f"(?:{cues.sources()[m['kind']]})", pattern)


def _field(*labels: str) -> re.Pattern:
    names = "|".join(_label(w) for w in labels)
    return re.compile(rf"(?:^|\s)(?:{names})\s*[:：]?\s*(?P<value>[^\s:：]+(?: [^\s:：]+)*)", re.M)


_INDEX_NO = re.compile(rf"{_label('索引号')}\s*[:：]?\s*(?P<value>[0-9A-Za-z][0-9A-Za-z/\-_.]*)")
# A title runs to the end of its line or to the next column of the table (two spaces): seed
# 000's 信息名称 holds a colon (市民政局局长孙百迎访谈:统筹谋划,…).
# A table cell is set apart by bars: 名 称: | 德教议复字〔2022〕25号——… | (tests/real e07).
_TITLE_LABELS = "|".join(_label(w) for w in ('信息名称', '文件名称', '原标题', '标题', '名称'))
_TITLE_FIELDS = re.compile(
    rf"^\s*(?:[|｜]\s*)?(?:{_TITLE_LABELS})(?:\s*[:：]|\s*[|｜]|\s+)\s*"
    r"(?:[|｜]\s*)?(?P<value>[^\s|｜].*?)(?:\s{2,}|\s*[|｜]|$)", re.M)
# The label of that field left on a heading line the field pattern did not take (名  称: 琼中…,
# tests/real c14): the title is what follows it.
_TITLE_LABEL = re.compile(rf"^(?:{_TITLE_LABELS})\s*[:：]\s*")
# 作者 names a person as often as an office (作者:县民政局, tests/data/unseen u11): only the first
# value that is an office counts.
_PUBLISHER_FIELDS = _field("发布机构", "发文机关", "发布单位", "信息来源", "来源", "作者")
# Date fields, most trusted first: the publication date of the page (g03 has 发文日期 2024-03-05
# and 公开日期 2024-03-07; gold takes the latter).
_DATE_FIELDS = [_field(*labels) for labels in (
    # 发文时间 on a page's date line (tests/real w06), a forum post's 发表于 2024-4-24 11:26:26 (y09)
    ("公开日期", "公布日期", "发布日期", "发布时间", "发表时间", "更新时间", "上载日期", "上传日期", "发文时间", "发表于"),
    ("时间", "日期"),
    ("成文日期", "发文日期"),
)]
# A dateline without a label, dropped from the clean text as chrome: 2023-10-23 14:26 来源:… 阅读次数;
# its author between (2024年03月13日 百事不愁 阅读(31798), tests/real r08).
_DATELINE = re.compile(r"^\s*(?P<value>(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)"
                       r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+[^\s\d]{1,10})?\s*(?:来源|作者|点击|浏览|阅读)", re.M)
# The date of a speech or meeting under its title: ——2016年2月19日在…会议上.
_SPEECH_DATE = re.compile(r"[—-]{1,2}\s*(?P<value>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)\s*在")
# The same on a line of its own, without the dashes: 2025年2月11日在嘉興市第九屆人民代表大會第五次會議上
# (tests/real n07); the page's own date line, when it has one, comes first.
_SPEECH_LINE = re.compile(r"^\s*(?P<value>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)\s*在[^。\n]{0,40}会议上", re.M)
# A source note with its date: (来源:中国社会报2022年1月11日), 来源:安徽工人日报 2019-06-12 04:00
# (tests/real q14); the date a resolution was passed: (2023年2月3日义乌市第十六届人民代表大会第二次会议通过).
_SOURCE_DATE = re.compile(r"来\s*源\s*[:：][^)）\n]{0,20}?(?P<value>(?:19|20)\d{2}(?:年\d{1,2}月\d{1,2}日|[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)))")
_PASSED_DATE = re.compile(r"^\s*[(（](?P<value>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)[^)）\n]{0,40}(?:通过|批准)[)）]", re.M)
# A signature's date line: 2022年5月25日; the signature stands within the text's last characters.
_SIGNATURE_DATE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日")
_SIGNATURE_CHARS = 400
# A signature line dated in Chinese numerals: 二○○七年四月十三日 (tests/real g11).
_CHINESE_DATE_LINE = re.compile(r"^\s*(?P<value>[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)\s*$", re.M)
# Markdown front matter's date (RFC 2822 in collected feeds): date: Sat, 05 Mar 2022 07:52:05 GMT.
_FRONT_MATTER_DATE = re.compile(r"\A\s*---\s*\n(?:.*\n)*?date:\s*(?P<value>.+)$", re.M)
# A line that is only a date (a signature, 2024年3月5日, a table's 2022年12月21日 |), possibly
# labelled (时间:2023-02-24) or after its publisher or newspaper (甘孜日报    2024年02月27日,
# 贵州省作家协会 | 2026-03-07 20:53, 国新办&CGTN 2024-06-27 91次, an app's ZAKER汕头 2023-01-08, the
# site's address http://www.crntt.hk   2021-11-24 11:22:35: tests/real k04, l11); a page's stamp with its clock
# time, then the site or the view count (2016-07-05 09:01:50 云南省民族学会80159; 2024-03-05 16:59:17 34).
_DATE_LINE = re.compile(r"^(?:[-•]\s*)?(?:[\u4e00-\u9fff]{0,4}\s*[:：]\s*|(?=[A-Za-z]{0,8}[\u4e00-\u9fff])[\u4e00-\u9fffA-Za-z][\u4e00-\u9fff&A-Za-z]{1,19}(?:\s*[|｜]\s*|\s+)"
                        r"|(?:https?://)?(?:[\w-]+\.)+[a-z]{2,6}/?\s+)?(?P<value>(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?)"
                        r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+\S.*)?|\s+\d+次)?\s*[|｜]?$", re.M)
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)")
# The first word of a publisher written relative to its site (市民政局, 县民政局, 自治区民政厅); the
# site's region name ends with the same word.
_RELATIVE = ("自治区", "省", "市", "州", "县", "旗", "区")
_SENTENCE_END = re.compile(r"[。！？!?]$")
# A headline asking its question, with no other stop in it: 武威2021年新建哪些学校? (tests/real v03).
_QUESTION_HEADLINE = re.compile(r"[^。！？!?,，;；:：]{6,30}[?？]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Markdown front matter of a collected article: ---\ntitle: '…'.
_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\n(?:.*\n){0,40}?---[ \t]*\n")
_FRONT_MATTER_TITLE = re.compile(r"\A\s*---\s*\n(?:.*\n)*?title:\s*(?P<value>.+)$", re.M)
# A field of the info table on the title's line: …的答复 内容概述, …答复 主题分类: ….
_TRAILING_FIELD = re.compile(r"\s+(?:内容概述|主题分类|发布机构|索引号|发文字号|文号|来源)\s*(?:[:：].*)?$")
# A 文号 set before the title on its line (营西政办发〔2023〕2号 关于…的通知), and what essay sites
# append to a copied title (…工作计划(精选5篇)作文).
_LEADING_DOC_NO = re.compile(r"^[\u4e00-\u9fff]{1,10}[〔\[【(（]\d{4}[〕\]】)）]\s*\d+\s*号\s+(?=\S)")
_TITLE_BEFORE_DOC_NO = re.compile(
    r"(?P<value>.{4,80}?的(?:通知|报告|意见|决定|批复|函|通告|公告))\s+[\u4e00-\u9fff]{1,10}[〔\[【(（]\d{4}[〕\]】)）]\s*\d+\s*号")
# A page number glued to a year is no digit of it (12023年: no year has five digits).
_TITLE_BEFORE_BODY = re.compile(
    r"\d?(?P<value>(?:19|20)\d{2}\s*年.{2,40}?(?:工作规划|工作计划|工作总结|工作要点|实施方案|工作方案))"
    r"(?=今年|[\u4e00-\u9fff]{2,12}[,，])")
_ESSAY_SUFFIX = re.compile(r"\s*[(（](?:精选|通用|优选|热门|推荐)?\s*\d+\s*篇[)）].*$|(?<=[\u4e00-\u9fff])(?:作文|范文)(?:大全)?$")
_TRAILING_DATE = re.compile(r"\s+(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
# Opening lines that are no title (tests/real): a field (发布单位: 县政府办), a table row, a 文号
# (洋政发〔2024〕8号), a byline (信阳市人民政府市长 尚朝阳), a list item (1开展…), a source note,
# a login or newspaper bar (a hotline, not a programme: 走进《党风政风热线》直播间), a site name (体球网), a date.
_NOT_TITLE = re.compile(
    r"^[\u4e00-\u9fff]{0,4}(?:来源|作者|时间|日期|单位|机构|编辑|记者|索引号|文号|分类|类别|签发人|浏览|点击|附件)\s*[:：]"
    r"|^[\u4e00-\u9fff]{2,6}\s*[:：].{0,12}$|[|｜].*[|｜]|〔\d{4}〕\d+号$|[\u4e00-\u9fff]+(?:长|主任|书记)\s+[\u4e00-\u9fff]{2,3}$"
    r"|^(?:\d{1,2}(?!\d)[.、．]?|[(（]?[一二三四五六七八九十]{1,3}[)）、])[\u4e00-\u9fff\dA-Za-z“]|[;；]$|官方网站|官网|^[(（]?来源|登录|注册|账号|热线(?!》)|纠错|数字报"
    r"|^[(（]此件|^[〇○零一二三四五六七八九]{4}年"
    # an essay site's numbering of the copies it lists (第一篇:2014—6汉滨老城办…, tests/real j05)
    r"|^第[一二三四五六七八九十\d]{1,3}篇\s*[:：]"
    # what a wrong decode left of 省) beside a full stop: (海南?。?024年… (tests/real c15)
    r"|\?。|。\?"
    r"|^[\u4e00-\u9fff]{2,6}网$|^\d{4}[-/.年]\d{1,2}|^\d+\s*[|｜]|(?:时间|日期)\s*[:：]\s*\d{4}|[:：]$|[,，].*[,，].*[,，]"
    # breadcrumbs and menus: 首页 -> 解读回应 -> 新闻发布会, 岳阳网 >新闻中心, CATTI-题库-真题-模拟, 导航 |
    r"|\s-?[>＞»›]|[>＞»›]\s|>>|(?:[^-\s]{1,6}-){3}|[|｜]$|\d{4}-\d{2}-\d{2}"
    # a speaker's or a reporter's byline: 市长 李 军 (tests/real n07), 长沙晚报全媒体记者 匡春林 (c17)
    r"|(?:省长|州长|市长|县长|旗长|区长|乡长|镇长|局长|书记|主任)(?![\u4e00-\u9fff]*[会议]$)\s*[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,4}$"
    r"|记者\s+[\u4e00-\u9fff]{2,3}$"
    # a phone number (汉南区民政局84851396(白), tests/real c07)
    r"|\d{7,}"
    # an e-paper's page label: 第A07版:产业发展 (tests/real k10)
    r"|^第\s*[A-Z]?\d{1,3}\s*版"
    # a newspaper's name under an e-paper story's heading: 皖西日报 (tests/real f17)
    r"|^[\u4e00-\u9fff]{2,6}(?:日报|晚报|商报|时报)$"
    # a speech's dateline under its heading (——2026年1月27日在吉林省第十四届人民代表大会…, tests/real a11),
    # its second line (…第五次会议上), a lead-in to what follows (這裡是浙江——, g04), a line going on
    # past a full stop (殷勇同志作政府工作报告。本报记者 戴冰摄, a22), a byline
    r"|^[—–-]{1,2}\s*(?:19|20)\d{2}\s*年\d{1,2}月\d{1,2}日|会议上$|——$|。.|本报记者|通讯员"
    # a menu: four or more short words set apart by spaces (今日国内 百态社会 今日财经 今日股市, tests/real q14)
    r"|^(?:[\u4e00-\u9fff]{2,4}\s+){3,}[\u4e00-\u9fff]{2,4}$"
    # a photo's caption between paragraphs (会议现场, tests/real q02)
    r"|^[\u4e00-\u9fff]{0,4}现场$"
    # a box of links: 热点推荐, 相关推荐 (tests/real u12)
    r"|^[\u4e00-\u9fff]{0,4}推荐$"
    # the reporters' names over a story: 冉隆国 杨艳 (tests/real w09)
    r"|^[\u4e00-\u9fff]{2,3}(?:\s+[\u4e00-\u9fff]{2,3})+$"
    # a value of the 政务公开 table on its own line (tests/real b18)
    r"|^(?:主动公开|依申请公开|不予公开|有效|废止|失效)$")
# The date and source block under an article's title: 发布日期:2022-10-27 来源:, 时间:2024年01月15日,
# 2023-10-23 14:26 来源:…, 更新:2023-09-21 07:50:41 高考升学网 (tests/real v13).
_DATE_BLOCK = re.compile(r"(?:(?:发布|发表|更新|公开)(?:时间|日期)?|时间|日期)\s*[:：]\s*(?:19|20)\d{2}|来\s*源\s*[:：]"
                         r"|^(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s+\d{1,2}:\d{2}")
# The shape of a document's own title: 关于印发…的通知, 关于…进展情况的通报, …政府工作报告, …工作总结.
_DOCUMENT_TITLE = re.compile(r"关于.{2,60}的(?:通知|通报|报告|意见|决定|批复|函|通告|公告)$|"
                             r"(?:政府工作报告|工作总结|工作计划|工作要点|实施方案|工作方案|规划)$")
# A news byline: 本报讯(记者 刘婷婷), 中新社北京1月9日电, 华龙网讯(唐雨), （记者 李娜 通讯员 王海涛）,
# 浙江在线杭州01月16日讯, 【点新闻报道】 (tests/real n02, n15);
# also a story opening on its day (17日,武汉市…).
_BYLINE = re.compile(r"(?:本报|网|台|社|合作)(?:\d{1,2}月\d{1,2}日)?讯|\d{1,2}月\d{1,2}日讯|【[^】\n]{0,8}报道】|^本报记者|原标题\s*[:：]|\d{1,2}日电|[(（]\s*记者|通讯员|^\d{1,2}日[,，]"
                    # a story retold from a source: 据农业农村部网站21日消息 (tests/real y08)
                    r"|^据[^,，。\n]{2,20}消息", re.M)


# A transcript's or reply's title (and a subtitle saying what the page is) decides before a
# byline (None); a byline before a plan's title (2025年重庆将接续办好15件重点民生实事, a news story
# with 华龙网讯); then the opening lines, then the whole text.
_DOC_TYPE_STAGES = ("title!", "opening!", None, "title", "opening", "text")


@dataclass
class Metadata:
    title: str | None = None
    publisher: str | None = None
    date: date | None = None
    index_no: str | None = None
    doc_type: str = "other"
    region: Region | None = None
    region_source: str = "unresolved"  # publisher, text, url or unresolved


@lru_cache(maxsize=1)
def _doc_type_rules() -> list[tuple[str, str, re.Pattern]]:
    """(doc_type, where, pattern) from doc_types.tsv, in file order, each {kind} in a pattern
    replaced by that kind of the cue lexicon."""
    rules = []
    for line in (DATA / "doc_types.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, where, pattern = line.split("\t", 2)
            rules.append((kind, where, re.compile(_with_cues(pattern.strip()))))
    return rules



def _first(pattern: re.Pattern, text: str) -> str | None:
    m = pattern.search(text)
    return m.group("value").strip() if m else None


def parse_date(text: str) -> date | None:
    """The first full date (2020-09-08, 2021年11月16日) in ``text``; None without a year."""
    for m in _DATE.finditer(text or ""):
        try:
            return date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
    return None


def _date(raw: str, head: str, hints: dict) -> date | None:
    if hints.get("date"):
        found = hints["date"] if isinstance(hints["date"], date) else parse_date(str(hints["date"]))
        if found:
            return found
    for pattern in _DATE_FIELDS:
        for m in pattern.finditer(raw):
            found = parse_date(m.group("value"))
            if found:
                return found
    for pattern in (_DATELINE, _SPEECH_DATE, _DATE_LINE, _SPEECH_LINE, _SOURCE_DATE, _PASSED_DATE):
        found = parse_date(_first(pattern, raw) or "")
        if found:
            return found
    found = _front_matter_date(raw) or _chinese_date(raw)
    if found:
        return found
    # A full date in the title (…2023年3月5日…); a date inside a sentence of the body is the
    # date of some event, not of the document.
    first = head.split("\n", 1)[0]
    return parse_date(first) if _may_be_title(first) else None


def _chinese_date(raw: str) -> date | None:
    """A signature dated in Chinese numerals (二○○七年四月十三日), read by cn2an."""
    value = _first(_CHINESE_DATE_LINE, raw)
    if not value:
        return None
    try:
        return parse_date(cn2an.transform(value.replace("○", "〇"), "cn2an"))
    except (ValueError, KeyError, IndexError):
        return None


def _front_matter_date(raw: str) -> date | None:
    value = _first(_FRONT_MATTER_DATE, raw)
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError):
        return parse_date(value)


def _head(clean: str, n: int = _HEAD_LINES) -> list[str]:
    """The opening lines, after a collected article's front matter (its fields are read from
    the raw text: tests/real a09 opens with 11 lines of it)."""
    clean = _FRONT_MATTER.sub("", clean, count=1)
    return [line.strip() for line in clean.splitlines() if line.strip()][:n]


def _header(lines: list[str]) -> list[str]:
    """The opening lines above the body: up to the first sentence or over-long line."""
    header = []
    for line in lines:
        if _SENTENCE_END.search(line) or len(line) > _TITLE_MAX:
            break
        header.append(line)
    return header


def _title(raw: str, lines: list[str], hints: dict) -> str | None:
    """The article's own heading: a hint, a 标题 field or front-matter ``title:``; else a line
    with the issuer-plus-document-noun shape (…关于…的通知) among the opening lines; else the
    line heading the page's date and source block (发布时间:… 来源:…); else the first opening
    line that is not chrome, a field, a byline, a list item or a sentence."""
    if hints.get("title"):
        return str(hints["title"]).strip()
    for found in (_first(_TITLE_FIELDS, raw), _first(_FRONT_MATTER_TITLE, raw)):
        field = _TRAILING_FIELD.sub("", found or "").strip("'\" ")
        if field and len(_HAN.findall(field)) >= 2 and not _NOT_TITLE.search(field):
            return field
    lines = _before_body(lines)
    joined = _title_over_doc_no(lines)
    if joined:
        return joined
    candidates = [c for c in map(_as_title, lines) if _may_be_title(c)]
    opening = [c for c in map(_as_title, lines[:8]) if _may_be_title(c)]
    shaped = next((c for c in opening if _DOCUMENT_TITLE.search(c)), None)
    if shaped:
        return _with_its_first_line(lines, shaped)
    above = _above_date_block(raw)
    if opening and (above is None or opening[0] in above):
        return opening[0]
    # Chrome before the heading (微信 智能问答 繁體版, 电脑桌面): the heading over the date
    # block, else one of the document-title shape further down.
    return (above or [None])[0] or next((c for c in candidates if _DOCUMENT_TITLE.search(c)), None) or (
        opening[0] if opening else None) or _section_heading(lines)


# An excerpt opening on one of its numbered section headings that names its year: 二、2024年工作安排
# (tests/real u13); a generic one (一、总体情况 of a 信息公开年报, y14) names no document.
_SECTION_HEADING = re.compile(r"[一二三四五六七八九十]{1,3}、(?=[^。！？!?,，;；:：]*(?:(?:19|20)\d{2}|20xx|“十[一二三四五六七八九十]{1,2}五”))[^。！？!?,，;；:：]{2,30}")


def _section_heading(lines: list[str]) -> str | None:
    """The heading an excerpt opens on, when nothing above it is a title: the part of the
    report it is, which is what names it."""
    return lines[0] if lines and _SECTION_HEADING.fullmatch(lines[0]) else None


# A 文号 on a line of its own under the heading: 宁政办规字〔2023〕2号, 国发〔2023〕16号.
_DOC_NO_LINE = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[【(（]\d{4}[〕\]】)）]\s*\d+\s*号")
_HEADING_PARTS = 3  # the most lines a heading is set over
# A heading's lines hold no comma; a site's motto above them does (维基文库,自由的图书馆, tests/real l10).
_COMMA = re.compile(r"[,，]")
# A 关于 title with its document noun after another word: …建设的实施意见 (z08).
_JOINED_TITLE = re.compile(r"关于.{2,70}(?:通知|通报|报告|意见|决定|批复|通告|公告)$")


def _title_over_doc_no(lines: list[str]) -> str | None:
    """A heading set over two or three lines above its 文号 (市政府办公厅关于推进城镇燃气居民和 /
    餐饮用户“安心用气工程”建设的实施意见 / 宁政办规字〔2023〕2号, tests/real z08, z09, z10): the
    longest run of lines right above it that joins into a document's title."""
    at = next((i for i, line in enumerate(lines) if _DOC_NO_LINE.fullmatch(line)), None)
    if not at:
        return None
    for n in range(min(_HEADING_PARTS, at), 1, -1):
        parts = lines[at - n:at]
        joined = "".join(parts)
        if ((_DOCUMENT_TITLE.search(joined) or _JOINED_TITLE.search(joined)) and len(joined) <= _TITLE_MAX
                and not any(_NOT_TITLE.search(p) or _SENTENCE_END.search(p) or _COMMA.search(p) for p in parts)):
            return joined
    return None


def _with_its_first_line(lines: list[str], shaped: str) -> str:
    """A heading broken over two lines, its 关于 line joined back (关于在振兴区全面振兴新突破三年
    行动中 / 进一步保障和改善民生的实施方案, tests/real j15)."""
    for before, line in zip(lines, lines[1:]):
        if (_as_title(line) == shaped and before.startswith("关于") and not _DOCUMENT_TITLE.search(before)
                and len(before) + len(shaped) <= _TITLE_MAX):
            return before + shaped
    return shaped


def _flattened_title(line: str) -> str:
    """A title that a flattened page runs on into its 文号 and body (河南省人民政府 关于…的通知
    豫政〔2023〕5号 现将…, tests/real c06): the part before the 文号; or, a page number glued
    before it, straight into the body's first words (12023年街道2023年工作规划今年是…, l03): the
    part up to the plan's or report's noun."""
    m = _TITLE_BEFORE_DOC_NO.match(line)
    if m:
        return m.group("value")
    m = _TITLE_BEFORE_BODY.match(line) if len(line) > _TITLE_MAX else None
    return m.group("value") if m else line


def _before_body(lines: list[str]) -> list[str]:
    """The lines that may hold a heading: a line below the body's first sentence only when more
    body follows it (a heading after an essay site's preamble, tests/real d06), never the
    signature block that ends a headline-less excerpt (盘锦市大洼区人民政府办公室 / (此件公开发布)),
    nor a line below a speech's address (``_ADDRESS``)."""
    address = next((i for i, line in enumerate(lines) if _ADDRESS.match(line)), None)
    if address is not None:  # a report's heading stands above 各位代表: (tests/real q12)
        lines = lines[:address]
    body = [i for i, line in enumerate(lines) if _SENTENCE_END.search(line) and len(line) > _TITLE_MAX]
    if not body:
        return lines
    return [line for i, line in enumerate(lines) if i <= body[0] or i < body[-1]]


# A speech's address to its audience opens its body: below it come its section headings
# (过去五年工作回顾, tests/real q12), not its title.
_ADDRESS = re.compile(r"各位(?:代表|委员)\s*[:：,，]")


def _as_title(line: str) -> str:
    """A heading line without what sits beside the title on it: a field label (名称:), a
    trailing field or date, a leading 文号, list bullets, 原创, an essay site's (精选5篇)."""
    line = _REGION_TAG.sub("", _TITLE_LABEL.sub("", line.strip()))
    line = _TRAILING_FIELD.sub("", _TRAILING_DATE.sub("", _flattened_title(line))).lstrip("•·-* ").removeprefix("原创")
    return _ESSAY_SUFFIX.sub("", _LEADING_DOC_NO.sub("", line.strip())).strip()


# A forum's tag of the region before a post's title: [内蒙古] 2024年乌拉特后旗政府工作报告 (tests/real y09).
_REGION_TAG = re.compile(r"^\[[\u4e00-\u9fff]{2,8}\]\s*")


def _above_date_block(raw: str) -> list[str] | None:
    """The title-like lines among the three right above the page's date and source line
    (发布日期:2022-10-27 来源:), nearest first: the block a page sets under its article's
    title and subtitle; chrome may come before them. None without a date block."""
    lines = [line.strip() for line in raw.splitlines() if line.strip()][:_DATE_BLOCK_LINES]
    block = next((i for i, line in enumerate(lines) if _DATE_BLOCK.search(line)), None)
    if not block:
        return None
    found = [t for t in map(_as_title, reversed(lines[max(0, block - 3):block])) if _may_be_title(t)]
    return found or None


def _may_be_title(line: str) -> bool:
    # Not a bare site or office name (宿迁市民政局 heading seed 003), nor a sentence or a
    # transcript turn (seed 001 opens with 县政府网站:各位网友,大家好!…您好!).
    if _is_office(line) or is_site(line) or len(line) > _TITLE_MAX or (
            _SENTENCE_END.search(line) and not _QUESTION_HEADLINE.fullmatch(line)):
        return False
    return len(_HAN.findall(line)) >= 4 and not _NOT_TITLE.search(line)


def _opens_with_region(line: str) -> bool:
    return any(start == 0 for start, _, _ in regions.find_mentions(line))


def _is_office(line: str) -> bool:
    """An office's name (宿迁市民政局, 市民政局, 民政部), not a headline that happens to end in
    one (北京布局建设百个区域养老服务中心, tests/real a15)."""
    if not is_org(line):
        return False
    return (len(line) <= 10 or line.startswith(_RELATIVE) or bool(NATIONAL_BODY.match(line))
            or _opens_with_region(line))


def _publisher(raw: str, clean: str, lines: list[str], title: str | None, hints: dict,
               page: Region | None) -> str | None:
    # 来源:陕新发布 (seed 002) names a news account, 作者:李娜 a person, not the issuer.
    values = [hints.get("publisher") or ""] + [m["value"] for m in _PUBLISHER_FIELDS.finditer(raw)]
    found = next((v.split()[0] for v in values if v.strip() and _is_issuer(v.split()[0])), None)
    if found:
        return _spelled_out(found, lines, page)
    signed = _signature(clean)
    if signed:
        return signed
    m = OFFICE.search(title or "")
    # 延安市人民政府新闻办公室 in seed 002's title; a name only if it starts with a region.
    return m.group() if m and regions.find_mentions(m.group()) else None


def _signature(clean: str) -> str | None:
    """The office signing a letter at its end, over the date: a reply to 建议 about 双台子区
    signed 盘山县交通运输局 / 2022年5月25日 is the bureau's (tests/real h09)."""
    tail = [line.strip() for line in clean[-_SIGNATURE_CHARS:].splitlines() if line.strip()][-4:]
    for above, below in zip(tail, tail[1:]):
        if _SIGNATURE_DATE.fullmatch(below) and is_org(above) and _opens_with_region(above):
            return above
    return None


def _is_issuer(value: str) -> bool:
    """An office, or a 街道/镇/乡 named alone in a publisher field (发布机构: 暨阳街道): a
    township's pages name their 办事处 so."""
    if is_org(value):
        return True
    found = regions.find_mentions(value)
    return len(found) == 1 and found[0][:2] == (0, len(value)) and bool(found[0][2]) \
        and found[0][2].level == "township"


def _spelled_out(found: str, lines: list[str], page: Region | None) -> str:
    """A publisher written relative to its site (市民政局, 县民政局) with the site's region.

    Seed 003's heading line 宿迁市民政局 spells out 发布机构 市民政局; otherwise the region the
    page belongs to does when its name ends the same way (作者:县民政局 on 恭城瑶族自治县's site).
    """
    prefix = next((p for p in _RELATIVE if found.startswith(p)), None)
    if prefix is None:
        return found
    heading = next((line for line in lines if is_org(line) and line.endswith(found)), None)
    if heading:
        return heading
    return page.name + found[len(prefix):] if page and page.name.endswith(prefix) else found


def _lead(lines: list[str]) -> str:
    """The first paragraph of the body, where a story's byline stands below its page's chrome
    and date line (天津北方网讯:今晚播出的…, tests/real w14)."""
    return next((line for line in lines if _SENTENCE_END.search(line) and len(line) > _LEAD_MIN), "")


_LEAD_MIN = 20  # a shorter sentence is a caption or a slogan, not a paragraph


def _doc_type(title: str | None, raw: str, lines: list[str]) -> str:
    """The first rule of doc_types.tsv that matches, stage by stage (``_DOC_TYPE_STAGES``). A
    section's heading (二、2024年工作安排) names a part, not the kind of document: its rules are
    the opening's and the text's (the report's 各位代表, tests/real u13)."""
    opening = "\n".join(lines[:4])
    if title and _SECTION_HEADING.fullmatch(title):
        title = None
    texts = {"title!": title or "", "opening!": opening, "title": title or "", "opening": opening,
             "text": raw}
    rules = _doc_type_rules()
    for stage in _DOC_TYPE_STAGES:
        if stage is None:
            if _BYLINE.search(opening) or _BYLINE.search(_lead(lines)):
                return "news"
            continue
        found = next((kind for kind, where, pattern in rules
                      if where == stage and pattern.search(texts[stage])), None)
        if found:
            return found
    return "other"


def read_metadata(raw_text: str, clean_text: str, hints: dict, prepared: str | None = None) -> Metadata:
    """Metadata of one document from its raw text, its cleaned text and the format's hints.

    ``hints`` may carry ``title``, ``date`` (ISO string or ``date``), ``publisher``, ``site``
    from HTML ``<meta>`` tags; they win over what the text says. ``prepared`` is the raw text
    already through ``clean.prepare`` (``Cleaned.prepared``), so that parsing prepares it once.
    """
    raw = prepared if prepared is not None else prepare(raw_text or "")[0]
    lines = _head(clean_text)
    title = _title(raw, _head(clean_text, _SHAPED_LINES), hints)
    page = page_region(_header(lines), hints)
    publisher = _publisher(raw, clean_text, lines, title, hints, page)
    region, region_source = issuing_region(publisher, title, lines, hints, page, clean_text)
    return Metadata(
        title=title,
        publisher=publisher,
        date=_date(raw, "\n".join(lines), hints),
        index_no=_first(_INDEX_NO, raw),
        doc_type=_doc_type(title, raw, lines),
        region=region,
        region_source=region_source,
    )
