"""A document's title: a hint, a 标题 field, a heading of the document-title shape, the line
above the page's date block, or the first opening line that is not chrome."""

from __future__ import annotations

import re

from . import fields
from .issuer import BREADCRUMB, is_media, is_office, is_site

TITLE_MAX = 80  # a longer line is body text, not a title
_DATE_BLOCK_LINES = 40  # the raw lines searched for the date and source block under a title
SENTENCE_END = re.compile(r"[。！？!?]$")
# A headline asking its question, with no other stop in it: 武威2021年新建哪些学校? (tests/real v03).
_QUESTION_HEADLINE = re.compile(r"[^。！？!?,，;；:：]{6,30}[?？]")
# A headline exclaiming, a stop inside it too: @武清人!2023年,天津要办这些大事! (tests/real a14's 原标题).
_EXCLAIMED_HEADLINE = re.compile(r"[^。？?;；:：]{6,40}[!！]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_FRONT_MATTER_TITLE = re.compile(r"\A\s*---\s*\n(?:.*\n)*?title:\s*(?P<value>.+)$", re.M)
# A title runs to the end of its line or to the next column of the table (two spaces): seed
# 000's 信息名称 holds a colon (市民政局局长孙百迎访谈:统筹谋划,…).
# A table cell is set apart by bars: 名 称: | 德教议复字〔2022〕25号——… | (tests/real e07); a list of
# the table's fields sets a bullet before each (• 信息名称:关于印发…的通知, tests/real bd11, bo12).
_TITLE_LABELS = "|".join(fields.label(w) for w in ('信息名称', '文件名称', '原标题', '标题', '名称'))
_TITLE_FIELDS = re.compile(
    rf"^\s*(?:[|｜•·]\s*)?(?:{_TITLE_LABELS})(?:\s*[:：]|\s*[|｜]|\s+)\s*"
    r"(?:[|｜]\s*)?(?P<value>[^\s|｜].*?)(?:\s{2,}|\s*[|｜]|$)", re.M)
# The label of that field left on a heading line the field pattern did not take (名  称: 琼中…,
# tests/real c14): the title is what follows it.
_TITLE_LABEL = re.compile(rf"^(?:{_TITLE_LABELS})\s*[:：]\s*")
# A field of the info table on the title's line: …的答复 内容概述, …答复 主题分类: ….
# Any field of that table may follow, a date's too (名称: 泾县人民政府关于…的通知 文号: 泾政〔2023〕1号, q11).
_TRAILING_FIELD = re.compile(r"\s+(?:内容概述|主题分类|发布机构|索引号|发文字号|文号|来源|信息来源|作者|发布单位|"
                             r"(?:发布|公开|成文|发文|生成|更新)?(?:日期|时间)|浏览次数|点击数)\s*(?:[:：].*)?$")
# A 文号 set before the title on its line (营西政办发〔2023〕2号 关于…的通知), and what essay sites
# append to a copied title (…工作计划(精选5篇)作文).
_LEADING_DOC_NO = re.compile(r"^[\u4e00-\u9fff]{1,10}[〔\[【(（]\d{4}[〕\]】)）]\s*\d+\s*号(?:\s+(?=\S)|(?=《))")
_TITLE_BEFORE_DOC_NO = re.compile(
    r"(?P<value>.{4,80}?的(?:通知|报告|意见|决定|批复|函|通告|公告))\s+[\u4e00-\u9fff]{1,10}[〔\[【(（]\d{4}[〕\]】)）]\s*\d+\s*号")
# A page number glued to a year is no digit of it (12023年: no year has five digits).
_TITLE_BEFORE_BODY = re.compile(
    r"\d?(?P<value>(?:19|20)\d{2}\s*年.{2,40}?(?:工作规划|工作计划|工作总结|工作要点|实施方案|工作方案))"
    r"(?=今年|[\u4e00-\u9fff]{2,12}[,，]|\s+(?:19|20)\d{2}年)")
_ESSAY_SUFFIX = re.compile(r"\s*[(（](?:精选|通用|优选|热门|推荐)?\s*\d+\s*篇[)）].*$|(?<=[\u4e00-\u9fff])(?:作文|范文)(?:大全)?$"
                           # its word count (县民政局2024年上半年工作总结及下半年工作计划(3531字), tests/real ag12)
                           r"|\s*[(（]\d+\s*字[)）]$")
TRAILING_DATE = re.compile(r"\s+(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
# Opening lines that are no title (tests/real): a field (发布单位: 县政府办; letter-spaced, 联 系 人:熊晓玮 and
# 抄 报:区政协办公室、… under a reply, bl13), a table row, a 文号 (洋政发〔2024〕8号), a byline (信阳市人民政府
# 市长 尚朝阳), a list item (1开展…), a source note, a login or newspaper bar (a hotline, not a programme: 走进《党风政风热线》直播间), a site name (体球网), a date.
_NOT_TITLE = re.compile(
    r"^[\u4e00-\u9fff]{0,4}(?:来源|作者|时间|日期|单位|机构|编辑|记者|索引号|文号|分类|类别|签发人|浏览|点击|附件|抄\s?[报送])\s*[:：]"
    r"|^[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,5}\s*[:：][^“”]{0,12}$|[|｜].*[|｜]|〔\d{4}〕\d+号$|[\u4e00-\u9fff]+(?:长|主任|书记)\s+[\u4e00-\u9fff]{2,3}$"
    r"|^(?:\d{1,2}(?!\d)[.、．]?|[(（]?[一二三四五六七八九十]{1,3}[)）、])[\u4e00-\u9fff\dA-Za-z“]|[;；]$|官方网站|官网|^[(（]?来源|登录|注册|账号|热线(?!》)|纠错|数字报"
    r"|^[(（]此件|^[(（]?[〇○零一二三四五六七八九0]{4}年"
    # an essay site's numbering of the copies it lists (第一篇:2014—6汉滨老城办…, tests/real j05)
    r"|^第[一二三四五六七八九十\d]{1,3}篇\s*[:：]"
    # what a wrong decode left of 省) beside a full stop: (海南?。?024年… (tests/real c15)
    r"|\?。|。\?"
    r"|^[\u4e00-\u9fff]{2,6}网$|^\d{4}[-/.年]\d{1,2}|^\d+\s*[|｜]|(?:时间|日期)\s*[:：]\s*\d{4}|[:：]$|[,，].*[,，].*[,，]"
    # breadcrumbs and menus: 首页 -> 解读回应 -> 新闻发布会, 岳阳网 >新闻中心, CATTI-题库-真题-模拟, 导航 |
    r"|\s-?[>＞»›]|[>＞»›]\s|[>＞»›]$|>>|(?:[^-\s]{1,6}-){3}|[|｜]$|\d{4}-\d{2}-\d{2}"
    # a speaker's or a reporter's byline: 市长 李 军 (tests/real n07), 长沙晚报全媒体记者 匡春林 (c17)
    # (not an interview's headline naming whom it visits: …——访吉林市委书记胡斌, aq03)
    r"|^[^—]*(?:省长|州长|市长|县长|旗长|区长|乡长|镇长|局长|书记|主任)(?![\u4e00-\u9fff]*[会议]$)\s*[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,4}$"
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
    r"|^(?:主动公开|依申请公开|不予公开|有效|废止|失效)$"
    # the site's own functions: 网站支持IPV6 无障碍阅读 适老化模式 (y05), 登录/注册 用户中心 支持IPV6 (o05),
    # 设为首页收藏本站 (y09), 客服设为首页 | (e13), and the breadcrumb's label (所在位置: 党史学习教育, p02)
    # a site's home link (凤凰网首页, bp08), its region switch (四川切换, bj13), an e-paper's back issues (往期阅读, az12)
    r"|IPV6|IPv6|无障碍|适老化|设为首页|收藏本站|加入收藏|网站首页|返回首页|首页\s*[|｜>＞]|首页$|切换|^往期|手机版|繁体版|简体版|电脑版|桌面|客户端下载|下载客户端"
    r"|位置是?\s*[:：]|^(?:网站)?导航"
    # a bracketed field label ([ 主题分类 ] | 文化旅游, tests/real ax08); the breadcrumb's last item (中新社四川分社正文, av15)
    r"|^\[\s*[\u4e00-\u9fff]{2,6}\s*\]|正文$"
    # the site's credit (长城新媒体集团  主办, tests/real ar01), a photo's caption ((图:2024年上半年…会议), ad09)
    r"|\s(?:主办|承办)$|^[(（]?图\s*[:：]"
    # a site's slogan or greeting: 姚安县人民政府欢迎您! (h07), 三联生活资讯 www.3030k.cn,中国最专业的资讯网站! (g08)
    r"|欢迎(?:您|你|光临|访问)|www\.|https?://|网站[!！]$")
# The date and source block under an article's title: 发布日期:2022-10-27 来源:, 时间:2024年01月15日,
# 2023-10-23 14:26 来源:…, 更新:2023-09-21 07:50:41 高考升学网 (tests/real v13), its label letter-spaced as
# a table's (时  间:2024年4月18日 under a press conference's transcript, bp09).
_DATE_BLOCK = re.compile(r"(?:(?:发布|发表|更新|公开)(?:时间|日期)?|时\s*间|日\s*期)\s*[:：]\s*(?:19|20)\d{2}|来\s*源\s*[:：]"
                         r"|^(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s+\d{1,2}:\d{2}")
# The shape of a document's own title: 关于印发…的通知, 关于…进展情况的通报, …政府工作报告, …工作总结.
# The nouns a 关于… document title ends in; a joined title (no 的 before its noun) takes them but 函 alone.
_DOC_NOUN = "通知|通报|报告|意见|决定|决议|批复|答复函?|函|通告|公告"
_DOCUMENT_TITLE = re.compile(rf"关于.{{2,60}}的(?:{_DOC_NOUN})$|"
                             r"(?:政府工作报告|工作总结|工作计划|工作要点|实施方案|工作方案|规划)$")


def read_title(raw: str, lines: list[str], hints: dict) -> str | None:
    """The article's own heading: a hint, a 标题 field or front-matter ``title:``; else a line
    with the issuer-plus-document-noun shape (…关于…的通知) among the opening lines; else the
    line heading the page's date and source block (发布时间:… 来源:…); else the first opening
    line that is not chrome, a field, a byline, a list item or a sentence."""
    if hints.get("title"):
        return str(hints["title"]).strip()
    fields_found = (fields.first(_TITLE_FIELDS, raw), fields.first(_FRONT_MATTER_TITLE, raw), fields.first(_SHARED_FILE, raw))
    for found in fields_found:
        field = _TRAILING_FIELD.sub("", found or "").strip("'\" ")
        if field and len(_HAN.findall(field)) >= 2 and not _NOT_TITLE.search(field):
            return field
    lines = _under_opening_paragraph(_before_body(lines))
    joined = _title_over_doc_no(lines) or _split_heading(lines) or _continued_heading(lines)
    if joined:
        return joined
    candidates = [c for c in map(as_title, lines) if may_be_title(c)]
    opening = [c for c in map(as_title, lines[:8]) if may_be_title(c)]
    shaped = next((c for c in opening if _DOCUMENT_TITLE.search(c)), None)
    block = _date_block(raw)
    above = _above_date_block(block)
    if shaped and not (above and _below_date_block(block, shaped)):
        return _with_its_first_line(lines, shaped)
    if opening and (above is None or opening[0] in above):
        # a motto over the heading, both above the date block (办好人民满意的教育,推动山西全方位高质量
        # 发展! / 山西省“全面建成小康社会”系列发布会省教育厅专场发布会举行, tests/real ax09)
        return above[0] if above and _MOTTO.search(opening[0]) else opening[0]
    # Chrome before the heading (微信 智能问答 繁體版, 电脑桌面): the heading over the date
    # block, else one of the document-title shape further down.
    return (above or [None])[0] or next((c for c in candidates if _DOCUMENT_TITLE.search(c)), None) or (
        opening[0] if opening else None) or _section_heading(lines)


# A document site's note on the file it shows: 《县教育局2024年工作要点.docx》由会员分享,可在线阅读 (tests/real
# at10, y13): the file's name is the document's title.
_SHARED_FILE = re.compile(r"《(?P<value>[^《》\n]{2,80}?)\.(?:docx?|pdf|wps|txt)》由会员分享")


def _below_date_block(block: tuple[list[str], int | None], shaped: str) -> bool:
    """Whether a line of the document-title shape first comes after the page's date block: the
    page's own heading stands over that block, and a document it reposts or quotes below (以下为
    方案全文: 关于推动城市高质量发展…的实施方案, tests/real ar12; 黑龙江发布关于…的意见! over the block,
    the 意见's own title in the article, ao03), or a story's sub-heading (更多权威信息 透露未来规划, ae07),
    is not the page's title. A row of the 政务公开 table above the heading (索 引 号: 002482365/2023-00095
    公开日期: 2023-04-22, at05) holds a date, but it is not that block."""
    lines, at = block
    if at is None or _INDEX_ROW.search(lines[at]):
        return False
    return next((i for i, line in enumerate(lines) if shaped in line), -1) > at


_INDEX_ROW = re.compile(r"索\s*引\s*号")


# What a heading below a page's opening paragraph needs to be the page's title, not a section's: a
# document's title, an essay site's copy (乡镇民政工作计划书篇一, d06; …工作计划篇1, r06), a column's
# tag (【直击两会】…, f01), a question (武威2021年新建哪些学校?, v03).
_HEADLINE_SHAPE = re.compile(r"篇[一二三四五六七八九十\d]{1,2}$|^【[^】]{2,10}】|[?？]$")
_PARAGRAPH_MIN = 40  # a shorter line ending in a stop is a slogan or a caption, not a paragraph


def _under_opening_paragraph(lines: list[str]) -> list[str]:
    """The lines that may hold a heading when an excerpt opens on a paragraph of its body: only
    those of a title's shape. A plain heading below it is a section's (解决“一老一小”问题 持续增进
    民生福祉 under 四川新闻网消息(记者 …)12月27日晚…, tests/real d10; 基础设施, i01; 观光铁路、
    水上巴士春节开通, i06; 改造燃气管网200公里, u06): such an excerpt has no title."""
    if not lines or not ((SENTENCE_END.search(lines[0]) and len(lines[0]) > _PARAGRAPH_MIN) or len(lines[0]) > TITLE_MAX):
        return lines
    return lines[:1] + [line for line in lines[1:]
                        if _DOCUMENT_TITLE.search(as_title(line)) or _HEADLINE_SHAPE.search(as_title(line))]


# An excerpt opening on one of its numbered section headings that names its year: 二、2024年工作安排
# (tests/real u13); a generic one (一、总体情况 of a 信息公开年报, y14) names no document.
SECTION_HEADING = re.compile(r"[一二三四五六七八九十]{1,3}、(?=[^。！？!?,，;；:：]*(?:(?:19|20)\d{2}|20xx|“十[一二三四五六七八九十]{1,2}五”))[^。！？!?,，;；:：]{2,30}")


def _section_heading(lines: list[str]) -> str | None:
    """The heading an excerpt opens on, when nothing above it is a title: the part of the
    report it is, which is what names it."""
    return lines[0] if lines and SECTION_HEADING.fullmatch(lines[0]) else None


# A 文号 on a line of its own under the heading: 宁政办规字〔2023〕2号, 国发〔2023〕16号.
_DOC_NO_LINE = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[【(（]\d{4}[〕\]】)）]\s*\d+\s*号")
_HEADING_PARTS = 3  # the most lines a heading is set over
# A heading's lines hold no comma; a site's motto above them does (维基文库,自由的图书馆, tests/real l10).
_COMMA = re.compile(r"[,，]")
# A site's motto: a comma inside, an exclamation at its end.
_MOTTO = re.compile(r"[,，].*[!！]$")
# A 关于 title with its document noun after another word: …建设的实施意见 (z08).
_JOINED_TITLE = re.compile(r"关于.{2,70}(?:" + _DOC_NOUN.replace("|函|", "|") + ")$")


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
        if ((_DOCUMENT_TITLE.search(joined) or _JOINED_TITLE.search(joined)) and len(joined) <= TITLE_MAX
                and not any(_NOT_TITLE.search(p) or SENTENCE_END.search(p) or _COMMA.search(p) or not _HAN.search(p)
                            for p in parts)):
            return joined
    return None


# A 关于 line whose document noun has not come yet: 关于对政协腾冲市第三届二次会议第65号 (its 提案的答复
# on the next line, tests/real ab02); the 关于 within the first words (民政局关于, ag10).
_OPEN_ABOUT = re.compile(r"^.{0,15}关于")
_ABOUT_DONE = re.compile(rf"关于.{{2,70}}的(?:{_DOC_NOUN})$")


def _split_heading(lines: list[str]) -> str | None:
    """A heading set over two or three lines with no 文号 under it, from its unfinished 关于 line
    to its document noun (关于印发新乡市公共卫生体系建设三年行动计划 / (2023—2025年)的通知, tests/real
    o15), with the issuing office on the line above it (重庆市梁平区人民政府办公室 / 关于印发2021年区政府
    工作报告 / 目标任务分解方案的通知, af10; c04 and x02 are titled so; a finished 关于 line under its
    office, 洋县人民政府 / 关于印发…的通知, d18, is titled without it). A page heading the document
    with its title on one line first is titled so (…关于市六届人大三次会议第0111号建议办理情况的答复函 over
    重庆市国有资产监督管理委员会 / 关于市人大三次会议第0111建议 / 办理情况的答复函, x02)."""
    for i, line in enumerate(lines[:8]):
        if not _OPEN_ABOUT.match(line) or _ABOUT_DONE.search(line) or _unfit_part(line):
            if _DOCUMENT_TITLE.search(as_title(line)) and may_be_title(as_title(line)):
                return None
            continue
        for n in range(2, _HEADING_PARTS + 1):
            parts = lines[i:i + n]
            if len(parts) < n or _unfit_part(parts[-1]):
                break
            office = lines[i - 1] if i and is_office(lines[i - 1]) else ""
            joined = office + "".join(map(_unspaced, parts))
            if _JOINED_TITLE.search(joined) and len(joined) <= TITLE_MAX:
                return joined
    return None


# A heading's short line set letter-spaced: 答 复, 通 知 (tests/real bi09).
_LETTER_SPACED = re.compile(r"[\u4e00-\u9fff](?:\s+[\u4e00-\u9fff]){1,5}")
# The last words of a heading broken before its document noun: 年度报告 under 道县文广新局2013年度信息公开工作
# (tests/real bh07), 第63号提案的答复 under 对蒙自市第三届政协第四次会议 (bl04), 答 复 (bi09).
_HEADING_TAIL = re.compile(rf"[^\s。，,：:；;！!？?]{{0,10}}(?:{_DOC_NOUN})")


def _unspaced(line: str) -> str:
    return re.sub(r"\s+", "", line) if _LETTER_SPACED.fullmatch(line) else line


def _continued_heading(lines: list[str]) -> str | None:
    """The first heading line of the opening joined to the next one when that holds only the
    heading's last words and its document noun (``_HEADING_TAIL``), the first naming no document
    noun yet (2023年十堰市张湾区政府工作报告—全文 over 政府工作报告 is whole, tests/real ah06)."""
    for line, after in zip(lines[:8], lines[1:9]):
        head = as_title(line)
        if not may_be_title(head):
            continue
        tail = _unspaced(after)
        joined = head + tail
        if (_HEADING_TAIL.fullmatch(tail) and not re.search(_DOC_NOUN, head)
                and not _unfit_part(after) and len(joined) <= TITLE_MAX):
            return joined
        return None
    return None


def _unfit_part(line: str) -> bool:
    return bool(_NOT_TITLE.search(line) or SENTENCE_END.search(line) or _COMMA.search(line)) or len(line) > TITLE_MAX


def _with_its_first_line(lines: list[str], shaped: str) -> str:
    """A heading broken over two lines, its 关于 line joined back (关于在振兴区全面振兴新突破三年
    行动中 / 进一步保障和改善民生的实施方案, tests/real j15)."""
    for before, line in zip(lines, lines[1:]):
        if (as_title(line) == shaped and before.startswith("关于") and not _DOCUMENT_TITLE.search(before)
                and len(before) + len(shaped) <= TITLE_MAX):
            return before + shaped
    return shaped


def _flattened_title(line: str) -> str:
    """A title that a flattened page runs on into its 文号 and body (河南省人民政府 关于…的通知
    豫政〔2023〕5号 现将…, tests/real c06): the part before the 文号; or, a page number glued
    before it, straight into the body's first words (12023年街道2023年工作规划今年是…, l03): the
    part up to the plan's or report's noun; or the heading that a scanned page repeats over it."""
    m = _TITLE_BEFORE_DOC_NO.match(line)
    if m:
        return m.group("value")
    m = (_TITLE_BEFORE_BODY.match(line) or _REPEATED_HEADING.match(line)) if len(line) > TITLE_MAX else None
    return m.group("value") if m else line


# A scanned report's heading twice, as its running head and its title, then the body on the same
# line (区民政局工作总结及下一年工作打算 区民政局工作总结及下一年工作打算 今年以来,…, tests/real ag13).
_REPEATED_HEADING = re.compile(r"(?P<value>[^\s。,，]{6,60})\s+(?P=value)\s")


def _before_body(lines: list[str]) -> list[str]:
    """The lines that may hold a heading: a line below the body's first sentence only when more
    body follows it (a heading after an essay site's preamble, tests/real d06), never the
    signature block that ends a headline-less excerpt (盘锦市大洼区人民政府办公室 / (此件公开发布)),
    nor a line below a speech's address (``_ADDRESS``); but the heading of the document that
    a cover letter sends, under its (此件公开发布)."""
    address = next((i for i, line in enumerate(lines) if _ADDRESS.match(line)), None)
    if address is not None:  # a report's heading stands above 各位代表: (tests/real q12)
        lines = lines[:address]
    body = [i for i, line in enumerate(lines) if SENTENCE_END.search(line) and len(line) > TITLE_MAX]
    if not body:
        return lines
    attached = next((i for i, line in enumerate(lines) if i > body[0] and _PUBLISHED.fullmatch(line)), None)
    if attached is not None:  # the cover letter's mark, then the document it sends
        return lines[:body[0] + 1] + lines[attached + 1:]
    return [line for i, line in enumerate(lines) if i <= body[0] or i < body[-1]]


# The mark ending a cover letter that sends a document: its heading follows (各开发区管委会,…: / 经市政府
# 研究同意,现将《…》印发给你们 / 海城市人民政府 / 2023年3月17日 / (此件公开发布) / 海城市关于贯彻落实…方案,
# tests/real an01, at12).
_PUBLISHED = re.compile(r"[(（]此件(?:公开发布|主动公开)[)）]")


# A speech's address to its audience opens its body: below it come its section headings
# (过去五年工作回顾, tests/real q12), not its title.
_ADDRESS = re.compile(r"各位(?:代表|委员)\s*[:：,，]")


def as_title(line: str) -> str:
    """A heading line without what sits beside the title on it: a field label (名称:), a
    trailing field or date, a leading 文号, list bullets, 原创, an essay site's (精选5篇), the
    markup, the site's name and the table's bar around it."""
    line = _REGION_TAG.sub("", _TITLE_LABEL.sub("", _MARKUP.sub("", line).strip()))
    line = _TRAILING_FIELD.sub("", TRAILING_DATE.sub("", _flattened_title(line))).lstrip("•·-* ").removeprefix("原创")
    line = _ESSAY_SUFFIX.sub("", _LEADING_DOC_NO.sub("", line.strip())).strip()
    line = _REPEATED_TAIL.sub(r"\1", _SITE_SUFFIX.sub("", _TABLE_BAR.sub("", line)))
    return _WRAPPED.sub(r"\1", line)


# What a page sets around its heading: the raw HTML of a page stored as source (<h4 class=
# "ndTitle">…</h4>, tests/real x04); the site's name after an underscore, as in its <title> (…设置在
# 公园等场所_小恐龙蜘蛛池, ai08; no gold title holds an underscore); the bar ending a table's row
# (东柳街道2023年工作总结和2024年工作思路 |, z04); a document site's category repeating the title's
# last words (民政厅厅长述职报告述职报告, ag11); the book-title marks around a 文号's title (武政办
# 〔2023〕1号《武汉市人民政府办公厅关于…的通知》, v08).
_MARKUP = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_SITE_SUFFIX = re.compile(r"(?:_[^_\s]{2,16})+$")
_TABLE_BAR = re.compile(r"(?:\s*[|｜])+\s*$")
_REPEATED_TAIL = re.compile(r"([\u4e00-\u9fff]{2,6})\1$")
_WRAPPED = re.compile(r"^《([^《》]+)》$")


# A forum's tag of the region before a post's title: [内蒙古] 2024年乌拉特后旗政府工作报告 (tests/real y09).
_REGION_TAG = re.compile(r"^\[[\u4e00-\u9fff]{2,8}\]\s*")


def _date_block(raw: str) -> tuple[list[str], int | None]:
    """The opening raw lines and the index of the page's date and source line among them: read
    once per title, for the lines above it and for where a document-shaped line stands. A
    breadcrumb above that line starts them: what stands over it is the site's banner and slogan
    (打造网上国际投资促进平台 致力于中国投资促进事业 over 您现在的位置:首页 > 开发区新闻 > …, tests/real
    bc03, bm17)."""
    lines = [line.strip() for line in raw.splitlines() if line.strip()][:_DATE_BLOCK_LINES]
    at = next((i for i, line in enumerate(lines) if _DATE_BLOCK.search(line)), None)
    crumb = next((i for i, line in enumerate(lines[:at]) if BREADCRUMB.match(line)), None) if at else None
    return (lines[crumb + 1:], at - crumb - 1) if crumb is not None else (lines, at)


def _above_date_block(block: tuple[list[str], int | None]) -> list[str] | None:
    """The title-like lines among the three right above the page's date and source line
    (发布日期:2022-10-27 来源:), nearest first: the block a page sets under its article's
    title and subtitle; chrome may come before them. None without a date block."""
    lines, at = block
    if not at:
        return None
    found = [t for t in map(as_title, reversed(lines[max(0, at - 3):at])) if may_be_title(t)]
    return found or None


def may_be_title(line: str) -> bool:
    # Not a bare site or office name (宿迁市民政局 heading seed 003), nor a sentence or a
    # transcript turn (seed 001 opens with 县政府网站:各位网友,大家好!…您好!).
    if is_office(line) or is_site(line) or is_media(line) or len(line) > TITLE_MAX or (
            SENTENCE_END.search(line) and not _QUESTION_HEADLINE.fullmatch(line)
            and not _EXCLAIMED_HEADLINE.fullmatch(line)):
        return False
    return len(_HAN.findall(line)) >= 4 and not _NOT_TITLE.search(line)
