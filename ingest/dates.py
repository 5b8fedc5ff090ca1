"""A document's date: a hint, a labelled field, a dateline, a speech's or a source note's date,
a signature, front matter, or a full date in the title. Nothing is guessed from the calendar: a
date without a year (seed 004: "6月30日") gives None (shared/gold/README.md, Metadata)."""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime

import cn2an

from . import fields
from .issuer import is_office, opens_with_region
from .title import TRAILING_DATE, as_title, may_be_title

# Date fields, most trusted first: the publication date of the page, then the date it was issued
# (g03 has 发文日期 2024-03-05 and 公开日期 2024-03-07; gold takes the latter). 发文时间 on a page's
# date line (tests/real w06), a forum post's 发表于 2024-4-24 11:26:26 (y09), 发表日期:2026-01-26
# (t05), a page's slip 发布时期: 2018-04-16 (ae05), the 政务公开 table's 生成日期 | 2026-01-23 (t04).
_PUBLISHED_FIELDS = [fields.field(*labels) for labels in (
    ("公开日期", "公布日期", "发布日期", "发布时间", "发表时间", "发表日期", "发布时期", "更新时间", "上载日期", "上传日期",
     "发文时间", "发表于"),
    ("时间", "日期", "生成日期"),
)]
_ISSUED_FIELD = fields.field("成文日期", "发文日期")
# A publication label glued to the field before it, in the page's head: …刘远发来源 :海南省新闻办公室
# 发布时间 :2024年01月27日 (tests/real am03, an10), before a speech's bracketed date above it.
_GLUED_PUBLISHED = re.compile(r"(?:发布|公开|发表)(?:时间|日期)\s*[:：]\s*(?P<value>(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})")
# A page's editing stamp, its label not set apart from what precedes it: 最后编辑时间:2024-03-16
# 15:02:33 来源:未知 (tests/real m02); only in the head, where a body's 报名时间: … does not stand.
_EDITED_DATE = re.compile(r"(?:编辑|录入|发稿|修改|更新)(?:时间|日期)\s*[:：]\s*(?P<value>(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2})")
_HEAD_CHARS = 2000
# A dateline without a label, dropped from the clean text as chrome: 2023-10-23 14:26 来源:… 阅读次数;
# its author between (2024年03月13日 百事不愁 阅读(31798), tests/real r08); a slash after the day
# (2022/12/13/ 22:19 来源:新甘肃, ar09); the site's name and address before it (中央政府门户网站
# www.gov.cn   2009年06月13日   来源:新华社, bj06).
_DATELINE = re.compile(r"^\s*(?:[\u4e00-\u9fff]{2,12}\s+(?:https?://)?(?:[\w-]+\.)+[a-z]{2,6}/?\s+)?(?P<value>(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)/?"
                       r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+[^\s\d]{1,10})?\s*(?:来源|作者|点击|浏览|阅读)", re.M)
# An e-paper page's property block left in the text (its <!--enpproperty … /enpproperty--> tags
# stripped): the issue's date, the page numbers, the paper and the article's file
# (2023-01-13 2 2 聊城晚报 content_24259.html 1 养老 /enpproperty-->, tests/real ai06; az15).
_EPAPER_STAMP = re.compile(r"^\s*(?P<value>(?:19|20)\d{2}-\d{1,2}-\d{1,2})\s+\d+\s+\d+\s+\S+\s+content_\d+\.html?\b", re.M)
# The date of a speech or meeting under its title: ——2016年2月19日在…会议上; a line opening on
# the dashes needs no 在 (——2010年9月27日洪湖市第三届人大常委会第二十四次会议, tests/real ag10).
# A speech's date in brackets on its own line under its title, before the upload date of the site
# that stores it: 在全市农村工作会议上的讲话 / (2021 年2月2日) / 项 雪 龙 (aq14).
_SPEECH_DATE = re.compile(r"[—-]{1,2}\s*(?P<value>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)\s*在"
                          r"|^\s*[—–]{1,2}\s*(?P<dashed>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)"
                          r"|^\s*[(（]\s*(?P<bracketed>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*[)）]\s*$", re.M)
# The same on a line of its own, without the dashes: 2025年2月11日在嘉興市第九屆人民代表大會第五次會議上
# (tests/real n07); the page's own date line, when it has one, comes first.
_SPEECH_LINE = re.compile(r"^\s*(?P<value>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)\s*在[^。\n]{0,40}会议上", re.M)
# A source note with its date: (来源:中国社会报2022年1月11日), 来源:安徽工人日报 2019-06-12 04:00
# (tests/real q14); the date a resolution was passed: (2023年2月3日义乌市第十六届人民代表大会第二次会议通过).
_SOURCE_DATE = re.compile(r"来\s*源\s*[:：][^)）\n]{0,20}?(?P<value>(?:19|20)\d{2}(?:年\d{1,2}月\d{1,2}日|[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)))")
_PASSED_DATE = re.compile(r"^\s*[(（]?(?P<value>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)[^)）\n]{0,40}(?:通过|批准)[)）]", re.M)
# A signature's date line: 2022年5月25日; the signature stands within the text's last characters.
SIGNATURE_DATE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日")
# An office's name over its date, each on a line of its own: a signature.
_SIGNED = re.compile(rf"^(?P<office>[^\n]{{2,30}})\n\s*(?P<value>{SIGNATURE_DATE.pattern})\s*$", re.M)
# A signature line dated in Chinese numerals: 二○○七年四月十三日 (tests/real g11).
# A speech's, in brackets before its speaker, its zeros typed as digits: (二0二一年五月二十一日) 王小东 (aq05).
_CHINESE_DATE_LINE = re.compile(r"^\s*(?P<open>[(（])?(?P<value>[〇○零0一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月"
                                r"[一二三四五六七八九十]{1,3}日)(?(open)[)）](?:\s*[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3})?)\s*$", re.M)
# Markdown front matter's date (RFC 2822 in collected feeds): date: Sat, 05 Mar 2022 07:52:05 GMT.
_FRONT_MATTER_DATE = re.compile(r"\A\s*---\s*\n(?:.*\n)*?date:\s*(?P<value>.+)$", re.M)
# A line that is only a date (a signature, 2024年3月5日, a table's 2022年12月21日 |), possibly
# labelled (时间:2023-02-24) or after its publisher or newspaper (甘孜日报    2024年02月27日,
# 贵州省作家协会 | 2026-03-07 20:53, 国新办&CGTN 2024-06-27 91次, an app's ZAKER汕头 2023-01-08, the
# site's address http://www.crntt.hk   2021-11-24 11:22:35: tests/real k04, l11); a page's stamp with its clock
# time, then the site or the view count (2016-07-05 09:01:50 云南省民族学会80159; 2024-03-05 16:59:17 34),
# or its views and likes alone (2019-02-26 234 0, bc05); an indented item of the page's info list
# (  • 2023-01-28, an05).
_DATE_LINE = re.compile(r"^\s*(?:[-•]\s*)?(?:[\u4e00-\u9fff]{0,4}\s*[:：]\s*|(?=[A-Za-z]{0,8}[\u4e00-\u9fff])[\u4e00-\u9fffA-Za-z][\u4e00-\u9fff&A-Za-z]{1,19}(?:\s*[|｜]\s*|\s+)"
                        r"|(?:https?://)?(?:[\w-]+\.)+[a-z]{2,6}/?\s+)?(?P<value>(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?)"
                        r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+\S.*)?|\s+\d+(?:次|\s+\d+))?\s*[|｜]?$", re.M)
# A page's stamp, a full date and its clock time on a line of its own, after the byline or the
# outlet (通讯员 周喻琴 李清悦   湖南日报·新湖南客户端   2024-02-29 08:47:53, tests/real ac02;
# 北京日报客户端·2026-01-28 22:02, an13) or
# before the office (2023-01-05 10:00 区人民政府办公室, af11), or glued to the office before it
# (未央区人民政府2022-07-29 09:43, ay05): the page's date, which a 发文日期 in its table
# (2023-01-03) is not.
_STAMP = re.compile(r"^(?:.{0,60}?[\s·\u4e00-\u9fff])?(?P<value>(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2})?"
                    r"(?:\s+[^\s\d][^\n]{0,20})?\s*$", re.M)
# A story opening on the full date of its event: 2021年5月19日(星期三)中午12:30,在市民中心… (ag09),
# after the paper's 本報訊 (本報訊 2023年12月30日上午,市委副書記…, ay14).
_LEAD_DATE = re.compile(r"^\s*(?:本[报報][讯訊]\s*)?(?P<value>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)(?:\s*[(（]星期.[)）])?"
                        r"(?:上午|下午|中午|晚上?|凌晨)?[^\n,，。]{0,12}[,，]", re.M)
# A date whose 年 and 月 the stored excerpt lost: 2025427 alone on a signature's line (x02),
# 2019219日弥渡县…通过) (ac10), 20191217日, (aa11); read only where one split of the digits is a date.
_SQUEEZED = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?P<md>\d{3,4})(?P<end>日|[ \t]*$)", re.M)
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)")
# A page's stamp with the day first, on a line of its own: 06.02.2017 09:02 under the title, over
# 本文来源: 云南信息港 (tests/real be08; bj16).
_DAY_FIRST_STAMP = re.compile(r"^\s*(?P<d>\d{2})\.(?P<m>\d{2})\.(?P<y>(?:19|20)\d{2})\s+\d{1,2}:\d{2}\s*$", re.M)
# A story's lead opening on its event's day without the year (2月6日下午,济阳街道组织召开…, tests/real
# aa06), a sentence's opening (…奏响奋进乐章。3月31日上午,金川县举行…, bj14) or after the paper's
# 本报讯 (记者 胡格格) (ad14); or the agency's dateline (新华社北京5月9日电, bi10). Not a deadline
# (3月1日前务必完成), a day the lead counts to (截至9月17日), nor the day of what someone named did
# (国务院总理李克强3月5日在…作2018年政府工作报告时说, ab15).
_LEAD_DAY = re.compile(r"^(?P<before>[^\n]{0,40}?)(?<![\d年月/.-])(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
                       r"(?![前后起至止以])(?P<dispatch>[电讯])?", re.M)
_OPENS_SENTENCE = re.compile(r"(?:^|[。！？!?…:：)）\s]|讯|消息|报道)$")
_NOT_LEAD = re.compile(r"截[至止]|[于到从自在]")
_LEAD_CHARS = 20  # a shorter line is a heading or a caption, not the lead
# A year the lead or the title names (2023年绩溪县卫生健康工作会议), not the end of a span (2023-2027年)
# or a target (到2027年).
_NAMED_YEAR = re.compile(r"(?<![\d\-—–~至到.])((?:19|20)\d{2})\s*年")
# A year without 年 before the name of the event it heads, a region's or the whole country's:
# 2022全国重点媒体聚焦…, 2025贵阳市两会 (tests/real av13, bm16; 新华网2018全国两会特别访谈, ag06).
_BARE_YEAR = re.compile(r"(?<![\d\-—–~至到.])((?:19|20)\d{2})(?=[\u4e00-\u9fff])")
_WHOLE_SCOPE = ("全国", "全省", "全市", "全区", "全县")


def parse_date(text: str) -> date | None:
    """The first full date (2020-09-08, 2021年11月16日) in ``text``; None without a year."""
    for m in _DATE.finditer(text or ""):
        try:
            return date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
    return None


def read_date(raw: str, head: str, hints: dict, title: str | None = None) -> date | None:
    """The page's date: a hint; a publication field or stamp, then the date it was issued; a
    dateline, a speech's or a signature's date; last, a date in or beside the title, or the one a
    story opens on. ``head`` is the clean text's opening lines; ``title`` the title read from
    them, which may stand below a line of chrome."""
    if hints.get("date"):
        found = hints["date"] if isinstance(hints["date"], date) else parse_date(str(hints["date"]))
        if found:
            return found
    head_of_raw = raw[:_HEAD_CHARS]
    for pattern, text in (*((p, raw) for p in _PUBLISHED_FIELDS), (_GLUED_PUBLISHED, head_of_raw), (_STAMP, raw),
                          (_ISSUED_FIELD, raw)):
        for m in pattern.finditer(text):
            found = parse_date(m.group("value"))
            if found:
                return found
    raw = _SQUEEZED.sub(_spelled_out, raw)
    for pattern in (_DATELINE, _EPAPER_STAMP, _SPEECH_DATE, _DATE_LINE, _SPEECH_LINE, _SOURCE_DATE, _PASSED_DATE):
        found = parse_date(_speech_value(raw) if pattern is _SPEECH_DATE else _first_value(pattern, raw))
        if found:
            return found
    found = (_front_matter_date(raw) or _chinese_date(raw) or parse_date(fields.first(_EDITED_DATE, head_of_raw) or "")
             or _day_first(raw))
    if found:
        return found
    # A full date in the title (…2023年3月5日…), or beside it (…各项工作 2019-12-17, tests/real
    # aa11); a date inside a sentence of the body is the date of some event, not of the document,
    # unless the story opens on it. The title read may stand below chrome: 导航菜单 /
    # (河南省)延津县人民政府工作报告(2024年3月2日) (aj11).
    first = head.split("\n", 1)[0]
    heading = as_title(first)
    beside = TRAILING_DATE.search(first)
    found = (parse_date(heading) or parse_date(beside.group() if beside else "")) if may_be_title(heading) else None
    return (found or parse_date(title or "") or parse_date(_first_value(_LEAD_DATE, head))
            or _lead_day(head, title))


def _lead_day(head: str, title: str | None) -> date | None:
    """The event day a story's lead opens on (6月20日,砚山县举行2022年6月项目集中开工仪式), in the
    latest year the lead names (1月21日,…第四次会议…开幕,…回顾2020年工作,部署2021年…), else
    the title names (武汉2019年民生“红包”发不停 / 1月5日上午9时,武汉市…开幕: tests/real aj02). The
    page must give the year (tests/shared/gold/README.md): a day alone is no date."""
    for line in head.splitlines():
        if len(line) < _LEAD_CHARS:
            continue
        m = _LEAD_DAY.search(line)
        if not m or _NOT_LEAD.search(m["before"]) or not (m["dispatch"] or _OPENS_SENTENCE.search(m["before"])):
            continue
        years = _named_years(line) or _named_years(title or "")
        if not years:
            return None
        try:
            return date(max(int(y) for y in years), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
    return None


def _speech_value(raw: str) -> str:
    """A speech's date, or the signature above it of the notice issuing the speech: 现印发给你们 /
    中宁县人民政府 / 2026年2月9日 over 政府工作报告 / ——2026年1月14日在… (tests/real bk07)."""
    said = _SPEECH_DATE.search(raw)
    if not said:
        return ""
    for m in _SIGNED.finditer(raw, 0, said.start()):
        if is_office(m["office"].strip()):
            return m["value"]
    return next(v for v in said.groupdict().values() if v)


def _first_value(pattern: re.Pattern, text: str) -> str:
    """The first match's date, from whichever of the pattern's named groups took it."""
    m = pattern.search(text)
    return next((v for v in m.groupdict().values() if v), "") if m else ""


def _spelled_out(m: re.Match) -> str:
    """A squeezed date written out (2025427 → 2025年4月27日) when its digits split into a month
    and a day one way only; else the digits as they were (2025121 may be 1月21日 or 12月1日)."""
    md = m["md"]
    if m["end"] != "日" and m.string[m.string.rfind("\n", 0, m.start()) + 1:m.start()].strip():
        return m.group()  # digits ending a line of other text: a number, not a signature's date
    splits = [(md[:i], md[i:]) for i in range(1, len(md)) if i <= 2 and len(md) - i <= 2]
    dates = [(int(mo), int(d)) for mo, d in splits if 1 <= int(mo) <= 12 and 1 <= int(d) <= 31]
    if len(dates) != 1:
        return m.group()
    return f"{m['y']}年{dates[0][0]}月{dates[0][1]}日" + ("" if m["end"] == "日" else m["end"])


def _named_years(text: str) -> list[str]:
    """The years ``text`` names: with 年, or bare before a region's event."""
    bare = [m[1] for m in _BARE_YEAR.finditer(text)
            if text.startswith(_WHOLE_SCOPE, m.end()) or opens_with_region(text[m.end():m.end() + 12])]
    return _NAMED_YEAR.findall(text) + bare


def _day_first(raw: str) -> date | None:
    """A stamp written day first (06.02.2017 09:02), read as 2017-02-06."""
    m = _DAY_FIRST_STAMP.search(raw)
    return parse_date(f"{m['y']}-{m['m']}-{m['d']}") if m else None


def _chinese_date(raw: str) -> date | None:
    """A signature dated in Chinese numerals (二○○七年四月十三日), read by cn2an."""
    value = fields.first(_CHINESE_DATE_LINE, raw)
    if not value:
        return None
    try:
        return parse_date(cn2an.transform(value.replace("○", "〇").replace("0", "〇"), "cn2an"))
    except (ValueError, KeyError, IndexError):
        return None


def _front_matter_date(raw: str) -> date | None:
    value = fields.first(_FRONT_MATTER_DATE, raw)
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError):
        return parse_date(value)
