"""Who issued a document: the shape of an office's name, and the issuing region.

The region is read from evidence in a fixed order of precedence (``_EVIDENCE``), and
``region_source`` names the one that decided (``SOURCES``):

1. what the document states of its issuer: the 发文机关 of an official title (``document``), a
   national body heading the title, the publisher (``publisher``), the names in the title
   (``title``);
2. the site the page is on: its name, the <title>'s site part, the footer's owner, the
   网站标识码, a breadcrumb, the 索引号's division code (``site``);
3. a national body named as such in the publisher, the title or the opening (``national``);
4. the outlet a source field names, where the text vouches for it (``source``);
5. the region the host's pinyin names (``host``);
6. the opening lines (``opening``), then the places the text names (``mentions``, ingest/mentioned.py).

A site, a host or a poster of a higher level is narrowed to the division inside it that the text
speaks as (a township naming itself the issuer, a county holding its own meeting); a county's
page in a township's section of its site is the township's (``path``). A name shared by several
places (朝阳区, 通州区) is resolved against the page's headings or left None. When nothing
decides, the region stays unresolved: nothing is guessed.
"""

from __future__ import annotations

import re
from functools import cached_property
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..lexicon import regions
from ..records import Region
from . import footer, hosts
from .mentioned import (COUNTY_SCOPES, TOWNSHIP_SCOPES, county_of_scope, in_own_scope, region_by_mentions,
                        region_of_scope, stated_scope)

__all__ = ["BREADCRUMB", "NATIONAL", "NATIONAL_BODY", "OFFICE", "RELATIVE", "SOURCES", "is_media", "is_office", "is_org", "is_site", "issuing_region",
           "names_issuer", "opens_with_region", "page_region"]

# An issuing body: a name ending in the word for a government office (临沂市民政局, 延安市人民政府
# 新闻办公室, 顺德区人民政府办公室). 陕新发布 (seed 002's 来源, a news account) is none.
OFFICE = re.compile(r"[\u4e00-\u9fff]{2,30}?(?:人民政府(?:办公室|新闻办公室|办公厅)?|新闻办公室|"
                  r"[局厅委办署院部]|办公室|委员会|常委会|中心|办事处)")
# An official document's title: the issuing office, then 关于 (省民政厅关于进一步加强…的通知).
_DOCUMENT_ISSUER = re.compile(rf"(?P<office>{OFFICE.pattern})关于")
# A site name heading a page: 青海省人民政府网, 恭城瑶族自治县人民政府门户网站 (tests/data/unseen).
_SITE = re.compile(rf"(?:{OFFICE.pattern})(?:门户网站|网站|网)")
# A township names the issuer only as the subject of its own office: 南京东路街道办事处,
# 佛山市南海区狮山镇人民政府, its own congress (双龙湖街道第一届议事代表大会第三次会议召开, tests/real
# ae15); 狮山镇 in a headline is news about the town, not its issuer.
_TOWNSHIP_OFFICE = re.compile(r"办事处|人民政府|政府|党?工委|党委|党政办|第[一二三四五六七八九十\d]{1,3}届|\d{4}年.{0,12}工作|工作(?:总结|计划|要点|报告)"
                             r"|$|(?:\d{4}年度?)?(?:民生实事|为民办实事)")
# National bodies (ingest/data/national_bodies.txt): their documents are issued for 全国.
_NATIONAL_NAMES = sorted((line.strip() for line in (Path(__file__).parent / "data" / "national_bodies.txt")
                          .read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")),
                         key=len, reverse=True)
# 住建部门, 教育部门 are any level's departments, not the ministry; 全国人大代表, 全国政协委员 are a
# person's seat, not the body (全国人大代表、渝中区委书记黄玉林:发挥重庆“母城”优势, tests/real w09).
NATIONAL_BODY = re.compile("(?:" + "|".join(map(re.escape, _NATIONAL_NAMES)) + ")(?!门|代表|委员)")
NATIONAL = Region("全国", "", "national")
# In the opening lines only a national body named as such: 中国民政部副部长, 国务院新闻办发布会;
# not 中国西部内陆城市 (a city's report, tests/real i09); or a ministry's head speaking as such:
# 住房和城乡建设部副部长齐骥 (a press interview at the 全国人大's news centre, tests/real bp01).
_NATIONAL_SUBJECT = re.compile(rf"中国(?:{NATIONAL_BODY.pattern})|国务院新闻办|国新办"
                               rf"|(?:{NATIONAL_BODY.pattern})(?:党组书记、)?副?(?:部长|主任|局长|署长)")
# The 国务院新闻办, where regions and ministries hold their press conferences.
_PRESS_OFFICE = re.compile(r"国务院新闻办|国新办")
# A source line: 信息来源:济南日报, 来源:辽宁日报; not a list of the outlets a story drew on
# (素材来源:中山日报、央视新闻 新华社, tests/real i07), nor the quoted 来源 of a site's copyright notice
# (凡本网注明“来源:黔东南信息港”的所有作品 under a story of 岑巩县, be06 dev).
_SOURCE = re.compile(r"(?<!“)来\s*源\s*[:：]\s*([\u4e00-\u9fff]{2,12})(?![\u4e00-\u9fff、,，])|^([\u4e00-\u9fff]{2,4}(?:日报|晚报))(?:\s|$)", re.M)
# A news outlet opening a story: 四川新闻网消息, 济南日报讯, 天津北方网讯.
_OUTLET = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:新闻网|日报|晚报|网|电视台|广播电视台)(?:消息|讯)")
# A news outlet's name standing alone as a line, the banner of the site that carries the story:
# 前郭尔罗斯蒙古族自治县广播电视台 over 吉林省人民政府关于印发…纲要的通知 (tests/real an06).
_MEDIA = re.compile(r"[\u4e00-\u9fff]{2,30}?(?:广播电视台|电视台|融媒体中心|日报社?|晚报|新闻网)")
# The scope of a meeting a story reports, relative to its site: 2023年全州民政工作会议 (tests/real d09).
_SCOPE = re.compile(r"全(?P<scope>省|自治区|州|市|县|旗|区)[\u4e00-\u9fff]{0,8}?(?:工作)?会议")
_NATIONAL_MEETING = re.compile(r"全国[\u4e00-\u9fff]{2,12}?工作会议")
# A higher meeting that the story's own meeting studies or carries out is not the one it reports:
# 深入学习全省卫生健康工作会议、全省中医药工作会议精神, 全面落实全市卫生健康工作会议要求 (ad01).
_STUDIED_BEFORE = re.compile(r"(?:学习|贯彻|落实|传达|按照|根据)[^,，。;；]{0,4}$")
_STUDIED_AFTER = re.compile(r"[^,，。;；]*?(?:精神|要求|部署)")
_SCOPE_LEVELS = {"省": "province", "自治区": "province", "州": "city", "市": "city", "县": "county",
                 "旗": "county", "区": "county"}
_LEVELS = ("national", "province", "city", "county", "district", "township")
_SUFFIX_CHARS = frozenset("省市州县区旗盟镇乡街")
# A township holding its own meeting is the issuer of the story: 东二营镇召开…部署会 (tests/real x15).
_TOWN_HOLDS = re.compile(r"(?:组织)?召开|举行|举办")
# A division holding its own meeting: 西吉县召开卫生健康工作会议, 2022年西吉县卫生健康工作会议 (ad02).
_OWN_MEETING = re.compile(r"(?:召开|举行)|[\u4e00-\u9fff]{0,10}?(?:工作会议|大会)(?:召开|$|\s)")
_TOWN_LINES = 4  # the opening lines where a township of the site's county may name itself the issuer
# A 索引号 of the unit's division code, its number and the year: 4311000025/2023-03069 (永州市's
# 市交通运输局, tests/real u05), 620721003/2022-00111 (肃南裕固族自治县, y05); not an organisation
# code (00250253-0/2022-…) nor a credit code (11341702003256087M/…).
_INDEX_CODE = re.compile(r"(?P<code>\d{6})\d{3,4}/(?:19|20)\d{2}")
# A breadcrumb line (当前位置:首页 > …, 您当前的位置 : … >> …) and an item of it naming a division by
# its short name and the word of a site or news column (西青信息港, 交城动态).
BREADCRUMB = re.compile(r"^\s*(?:当前|您的|您当前的|您现在的|我的)\s*位置\s*[:：]?(?P<trail>.*[>»›].*)$", re.M)
_CRUMB_ITEM = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,3})(?:动态|要闻|新闻|新闻网|信息港|在线|发布)")
# What sites put between the article title and the site name in <title>: 标题_绵阳市人民政府,
# 标题-北京市朝阳区人民政府, 标题--马尔康市人民政府, 标题 | 站名.
_TITLE_SEPARATOR = re.compile(r"\s*(?:_|-{1,2}|—{1,2}|\|)\s*")


def is_org(text: str) -> bool:
    return bool(OFFICE.fullmatch(text))


def is_site(text: str) -> bool:
    return bool(_SITE.fullmatch(text))


def is_media(text: str) -> bool:
    """The banner of a news outlet carrying the page: 前郭尔罗斯蒙古族自治县广播电视台 (tests/real an06)."""
    return bool(_MEDIA.fullmatch(text))


# The first word of a publisher written relative to its site (市民政局, 县民政局, 自治区民政厅); the
# site's region name ends with the same word.
RELATIVE = ("自治区", "省", "市", "州", "县", "旗", "区")


def opens_with_region(line: str) -> bool:
    return any(start == 0 for start, _, _ in regions.find_mentions(line))


def is_office(line: str) -> bool:
    """An office's name (宿迁市民政局, 市民政局, 民政部), not a headline that happens to end in
    one (北京布局建设百个区域养老服务中心, tests/real a15)."""
    if not is_org(line):
        return False
    return (len(line) <= 10 or line.startswith(RELATIVE) or bool(NATIONAL_BODY.match(line))
            or opens_with_region(line))


def _region_in(text: str, context: str = "", towns: bool = False) -> Region | None:
    """The issuing region a line names: the last of the first chain of adjacent names, each
    inside the one before it (佛山市顺德区 → 顺德区). A township ends the chain only followed by
    its office (狮山镇人民政府), right after its county (惠民县皂户李镇, 山东省广饶县花官镇: tests/real
    h08, g08; a 街道 there in short too, ``_town_after``), or anywhere in a title when ``towns`` (集贤路街道持续推进…, h14); else a short name
    heading the line (沧州：…).

    A name shared by several places (通州区 of 北京 and 南通) that the line alone leaves open
    is resolved against ``context``, the page's own headings, or not at all.
    """
    chain: list[tuple[int, int, Region]] = []
    for start, end, region in regions.find_mentions(text):
        if region is None and not chain:
            region = regions.resolve(text[start:end], context)
        if region is not None and region.level == "township" and not (
                towns or _TOWNSHIP_OFFICE.match(text, end)
                or (chain and start == chain[-1][1] and _inside(region, chain[-1][2]))):
            region = None
        if region is None:
            if chain:
                break
            continue
        if chain and not _ADJACENT.fullmatch(text, chain[-1][1], start):
            break
        if chain and not _inside(region, chain[-1][2]):
            region = _homophone_child(chain[-1][2], text[start:end])
            if region is None:
                break
        chain.append((start, end, region))
    if chain:
        return _town_after(chain[-1][2], text, chain[-1][1])
    head = re.match(r"([\u4e00-\u9fff]{2,4})[:：]", text)
    return regions.resolve(head.group(1), context) if head else None


# What may stand between a name and the next one in its chain: nothing, or the bracket closing a
# province set before a title and the year: (湖南省)2020年新晃侗族自治县政府工作报告 (tests/real n10).
_ADJACENT = re.compile(r"(?:[)）】\]]\s*(?:(?:19|20)\d{2}\s*年度?)?)?")


def _town_after(region: Region, text: str, end: int) -> Region:
    """A 街道 named in short right after its county or district ends the chain as a full name
    there does: 汉滨区老城办事处 is 老城街道's (tests/real j05)."""
    if region.level not in ("county", "district"):
        return region
    found = regions.township_at(region, text, end)
    return found[0] if found else region


def _inside(region: Region, parent: Region) -> bool:
    return parent.name in (region.province, region.city, region.county) and region != parent


def _homophone_child(parent: Region, name: str) -> Region | None:
    """The division under ``parent`` that a name typed with the wrong characters of the same
    pinyin stands for (福建省南平市蒲城县: 蒲城县 is in 陕西, 南平市 has 浦城县, tests/real e13);
    None unless exactly one child sounds so."""
    sound = hosts.spellings(name)[0]
    found = [r for r in regions.children(parent) if hosts.spellings(r.name)[0] == sound]
    return found[0] if len(found) == 1 else None


def page_region(header: list[str], hints: dict, raw: str = "", index_no: str | None = None) -> Region | None:
    """The region whose site the page is on: the site name, the <title>'s site part
    (…_北京市通州区人民政府), a ``header`` line (the lines above the body) that is an office
    or site name (an office in a list further down, 江岸区民政局 8xxxx, names no site), else the
    owner that the footer of the ``raw`` text names, or its 网站标识码 (ingest/footer.py), else
    the division code a 索引号 opens with (``_INDEX_CODE``)."""
    parts = _TITLE_SEPARATOR.split(hints.get("page_title") or "")
    headings = [hints.get("site"), parts[-1] if len(parts) > 1 else None,
                *(line for line in header if is_org(line) or is_site(line)), *footer.owner_names(raw)]
    for text in filter(None, headings):
        found = _region_in(str(text))
        if found:
            return found
    found = _breadcrumb_region(raw)
    if found:
        return found
    code = footer.site_code(raw)
    if code and code.startswith("bm"):
        return NATIONAL
    if code:
        return regions.by_code(code[:6])
    m = _INDEX_CODE.match(index_no or "")
    return regions.by_code(m["code"]) if m else None


def _breadcrumb_region(raw: str) -> Region | None:
    """The division a breadcrumb's item names by its short name and a site's or column's word:
    您当前的位置 : 西青信息港 >> 新闻 (西青区's site, tests/real o13), 当前位置:… > 政务要闻 > 交城动态
    (交城县's news column, j11)."""
    for m in BREADCRUMB.finditer(raw):
        for item in re.split(r"\s*(?:>+|»|›)\s*", m["trail"]):
            named = _CRUMB_ITEM.fullmatch(item.strip(" |"))
            found = regions.resolve_short(named["name"]) if named else None
            if found:
                return found
    return None


# The evidence a region is read from, strongest first, as ``issuing_region`` reports it
# (documents.region_source; serve/views.py words each for the reader).
SOURCES = ("document", "publisher", "title", "national", "source", "site", "host", "path", "opening",
           "mentions", "unresolved")


def issuing_region(publisher: str | None, title: str | None, lines: list[str], hints: dict,
                   page: Region | None, text_body: str) -> tuple[Region | None, str]:
    """The issuing region and the evidence that decided it (``SOURCES``), the first of
    ``_EVIDENCE`` that names one: what the document states of its issuer, a national body named
    as such, who carries the page (its source, its site, its host), then what the text speaks
    as (its opening lines, the places it names). Nothing is guessed: ``unresolved`` when none
    decides. A county's page in its township's section of the site is the township's
    (``path``), unless an office named as publisher says whose it is (江汉区人大常委会 under
    …/jdrd/hxj/, tests/real c21)."""
    facts = _Page.of(publisher, title, lines, hints, page, text_body)
    region, source = next(filter(None, (step(facts) for step in _EVIDENCE)), (None, "unresolved"))
    town = hosts.township_for_url(hints.get("url"), region, text_body) \
        if region and region.level in ("county", "district") and source not in _STATED else None
    return (town, "path") if town else (region, source)


# Sources that name the issuer itself: a township section of the site does not override them.
_STATED = frozenset({"document", "publisher", "source"})


@dataclass(frozen=True)
class _Page:
    """What the steps of ``issuing_region`` read: the stated fields and the opening lines."""
    publisher: str | None
    title: str | None
    lines: list[str]
    hints: dict
    site: Region | None  # the region whose site the page is on (``page_region``)
    text: str  # the clean text
    by_url: list[Region]
    context: str  # the page's headings and the URL's regions, to decide among shared names

    @classmethod
    def of(cls, publisher: str | None, title: str | None, lines: list[str], hints: dict,
           site: Region | None, text: str) -> _Page:
        by_url = hosts.regions_for_url(hints.get("url"), " ".join(filter(None, (title, *lines))))
        context = " ".join(str(t) for t in (hints.get("site"), hints.get("page_title"), *lines,
                                              *(r.name for r in by_url)) if t)
        return cls(publisher, title, lines, hints, site, text, by_url, context)

    @cached_property
    def scope(self) -> str | None:
        """The scope the clean text speaks for (全县, 我市: ``mentioned.stated_scope``)."""
        return stated_scope(self.text)

    @cached_property
    def mentions(self) -> list[tuple[int, int, Region | None]]:
        """The full names the clean text writes (``regions.find_mentions``), read once for the
        steps that count its places (``_county_story``, ``_main_township``)."""
        return regions.find_mentions(self.text)

    @cached_property
    def named(self) -> list[tuple[int, int, Region | None]]:
        """The names the clean text writes, short ones too (``find_mentions(short_names=True)``),
        read once for ``about`` and ``_in_stated_scope``."""
        return regions.find_mentions(self.text, short_names=True)

    @cached_property
    def about(self) -> Region | None:
        """The region the clean text's places settle on (``mentioned.region_by_mentions``); read
        once for the steps that ask."""
        return region_by_mentions(self.text, names_issuer, NATIONAL_BODY, NATIONAL, mentions=self.named)

    @cached_property
    def opening(self) -> Region | None:
        """The region the opening lines name as the story's (``_opening_region``)."""
        return _opening_region(self)


Found = tuple[Region, str]


def _stated(page: _Page) -> Found | None:
    """What the document states of its issuer, in this order: the office an official title opens
    on (``_document_issuer``), a national body heading the title (国务院关于推动内蒙古…的意见,
    tests/real z09), the publisher (or a township of its county that the title or the opening names as
    the issuer: 五常市背荫河镇2022年政府信息公开工作年度报告 under 来源:五常市人民政府, bo04), the full names the title writes, the publisher hint, the
    province or city the headline is about by its short name (``_title_subject``)."""
    found = _document_issuer(page)
    if found:
        return found, "document"
    if page.title and NATIONAL_BODY.match(page.title):
        return NATIONAL, "title"
    for text, source in ((page.publisher, "publisher"), (page.title, "title"), (page.hints.get("publisher"), "publisher")):
        found = _region_in(str(text), page.context, towns=text is page.title) if text else None
        if found and source == "publisher":
            town = _township_issuer(page, found)
            return _held_inside(page, found) or ((town, "opening") if town else (found, source))
        if found:
            return found, source
    return _title_subject(page)


def _document_issuer(page: _Page) -> Region | None:
    """The office an official document's title opens on (发文机关 + 关于 + 事由 + 文种) issued it,
    whoever posted it: 省民政厅关于进一步加强养老服务领域自建房安全专项整治的通知 under 来源:崇阳县民政局
    is 湖北省's (tests/real ab12). An office written relative to the site (省民政厅, 市政府办公厅) is
    of the division of that kind above the poster's or the site's region. Where the poster is
    the issuer, the publisher says so."""
    m = _DOCUMENT_ISSUER.match(page.title or "")
    if not m:
        return None
    office = m["office"]
    poster = _region_in(page.publisher, page.context) if page.publisher else page.site
    found = NATIONAL if NATIONAL_BODY.match(office) else _region_in(office, page.context)
    prefix = next((p for p in RELATIVE if office.startswith(p)), None)
    if found is None and prefix is not None and poster is not None:
        above = [poster] + [regions.resolve(name, page.context) for name in (poster.city, poster.province) if name]
        found = next((r for r in above if r is not None and r.name.endswith(prefix)), None)
    return found if found is not None and found != poster else None


def _held_inside(page: _Page, region: Region) -> Found | None:
    """A city or county inside ``region`` (a province's or a city's office that posted the page)
    that the title or the opening lines name holding its own meeting: 2022年西吉县卫生健康工作会议
    under 来源:宁夏回族自治区卫生健康委员会 is the county's story (tests/real ad02)."""
    if region.level not in ("province", "city"):
        return None
    for line in filter(None, (page.title, *page.lines[:_TOWN_LINES])):
        for _, end, found in _mentions(line, page.context):
            if (found is not None and found.level in ("city", "county", "district") and _inside(found, region)
                    and _OWN_MEETING.match(line, end)):
                return found, "opening"
    return None


def _title_subject(page: _Page) -> Found | None:
    """A short name in the title: its subject, or a province or city opening it; unless the text
    speaks as a county and its places settle on one (北京忠和酒业二期(扩能)项目开工 heading 县委书记…
    宣布全县2021年第一季度重大项目集中开工 … 房县举行了…: a company's name, 房县's story, tests/real aa08)."""
    title = page.title or ""
    found = _subject_of_title(title, page.context)
    if found is None and not _names_peers(title, page.context):
        found = _leading_short_name(title, page.context) or _leading_county(page)
    if found is None:
        return None
    if page.scope in COUNTY_SCOPES:
        about = page.about
        if about is not None and about.level in ("county", "district"):
            return about, "mentions"
    return found, "title"


def _national(page: _Page) -> Found | None:
    """A national body named as such: in the title or the publisher, before the place of the
    newspaper that ran the story (交通运输部:明年9月底前… 来源:安徽工人日报, tests/real q14); in the
    opening lines as the subject (中国民政部副部长…), or reporting a national meeting
    (``_national_meeting``). Where that is only the 国务院新闻办, the host of a press conference,
    the region presenting there is the issuer, when the text's places settle on one
    (国务院新闻办公室推动高质量发展系列主题新闻发布会如期举行。这一次,重庆站上C位 … 市委副书记、市长
    胡衡华…介绍: 重庆市, tests/real ac07)."""
    if NATIONAL_BODY.search(" ".join(filter(None, (page.publisher, page.title)))):
        return NATIONAL, "national"
    opening = " ".join(page.lines[:3])
    named = [m.group() for m in _NATIONAL_SUBJECT.finditer(opening)]
    named += [line for line in page.lines[:3] if NATIONAL_BODY.match(line)]
    if not named:
        return (NATIONAL, "national") if NATIONAL_BODY.search(opening) and _national_meeting(opening) else None
    about = page.about
    if all(_PRESS_OFFICE.match(text) for text in named) and about is not None and about.level != "national":
        return about, "mentions"
    return NATIONAL, "national"


def _national_meeting(text: str) -> bool:
    """Whether ``text`` reports a national meeting (在日前召开的全国住房城乡建设工作会议上,住房城乡建设部
    …部长倪虹系统总结了…, tests/real ak12), not one whose 精神 a local meeting studies."""
    return any(not _studied(text, m) for m in _NATIONAL_MEETING.finditer(text))


def _studied(text: str, m: re.Match) -> bool:
    """Whether the meeting ``m`` names is one the story's meeting studies or carries out
    (深入学习全省…会议精神, 全面落实全市…会议要求, tests/real ad01), not the one it reports."""
    return bool(_STUDIED_BEFORE.search(text, 0, m.start()) or _STUDIED_AFTER.match(text, m.end()))


def _site(page: _Page) -> Found | None:
    """The site the page is on (``page_region``), narrowed to the division the text speaks as."""
    return _narrowed(page, page.site, "site") if page.site else None


def _host(page: _Page) -> Found | None:
    """The one region the page's host names (ingest/hosts.py), narrowed so too."""
    return _narrowed(page, page.by_url[0], "host") if len(page.by_url) == 1 else None


def _outlet(page: _Page) -> Found | None:
    """A source field, or the lead sentence opening on a province or city (北京的养老服务今年将有很多
    新的亮点, tests/real a16): the division a chain of full names there ends on (吉林市丰满区人民政府|
    2022-02-09, x12). A news outlet's name (四川新闻网消息, 来源:辽宁日报) gives where the outlet is; a
    division inside it that the places of the text settle on is what the story is about (…巴中市
    《市长访谈》…市长高鹏凌, d10), and so is one outside it: the outlet's short name was another
    place's (来源:海西房产网, 海西 for 福建 … 长乐区投资14亿元: ai01)."""
    lead = next((line for line in page.lines if line != page.title), None)
    # A county's own outlet where the text speaks as the county (来源:文成新闻网 … 我县, o10).
    levels = ("province", "city", "county") if page.scope in COUNTY_SCOPES else ("province", "city")
    for text, source in ((_source_field(page.lines), "source"), (lead, "opening")):
        found = _leading_short_name(text or "", page.context, levels)
        if not found or (source == "source" and not _vouched(page, text, found)):
            continue
        deeper = _region_in(text, page.context)
        if deeper is not None and _inside(deeper, found):
            return deeper, source
        if source == "source" or _OUTLET.match(text):
            story = _county_story(page, found)
            if story is not None:
                return story, "title"
            about = page.about
            if about not in (None, found) and about.level != "national" and not _inside(found, about):
                return about, "mentions"
        return found, source
    return None


def _county_story(page: _Page, outlet: Region) -> Region | None:
    """A county of the outlet's province or city that the headline opens on by its short name
    and the text names in full: a provincial paper's story about it (陵水今年拟完成项目投资120.7亿元
    … 海南日报记者从陵水黎族自治县发改委获悉 under 来源:海南日报, tests/real al09)."""
    found = _leading_short_name(page.title or "", page.context, ("county", "district"))
    if found is None or not _inside(found, outlet):
        return None
    named = any(region == found for _, _, region in page.mentions)
    return found if named else None


def _vouched(page: _Page, source: str, found: Region) -> bool:
    """Whether a source field's region counts: an office or a government site names its own
    (来源:黑龙江省人民政府网, tests/real a07); a news outlet only where the text names its region,
    settles inside it (来源:安阳新闻网 … 安阳市, l07) or speaks as a division of its kind (来源:文成新闻网
    … 县长…主持召开, 我县: o10): a broadcaster carries other places' news (来源:江苏广电总台 over the
    national 政府工作报告, i04)."""
    if is_org(source) or is_site(source) or (page.scope and found.name.endswith(page.scope)):
        return True
    body = "\n".join(line for line in page.text.splitlines() if source not in line)
    about = page.about
    return (found.name in body or regions.short_name(found) in body
            or (about is not None and (about == found or _inside(about, found))))


def _narrowed(page: _Page, site: Region, source: str) -> Found | None:
    """The region of a site or a host, or the division inside it that the text speaks as: a
    township that the opening names as the issuer (``_township_issuer``); the township a text
    speaking as one names most, or nothing when it names none (街道上下团结一心 on hbdaye.gov.cn,
    tests/real ai14); a division of a province or a city that the opening lines name, where they
    name no other at its level (a province's news portal reporting a county, hebei.news.163.com:
    青龙县委副书记、代县长…主持召开县政府第68次常务会议, aa14; a city's report supporting each of its
    parts, 支持荆州区、沙市区…支持公安县…, is the city's: ac11)."""
    town = _township_issuer(page, site)
    if town:
        return town, "opening"
    if site.level in ("county", "district") and page.scope in TOWNSHIP_SCOPES:
        town = _main_township(site, page)
        return (town, "mentions") if town else None
    opening = page.opening if site.level in ("province", "city") else None
    if opening and _inside(opening, site) and not _several_inside(page, site, opening):
        return opening, "opening"
    return site, source


def _township_issuer(page: _Page, county: Region) -> Region | None:
    """A township of ``county`` (the region of the page's site or URL) that the title or the
    opening lines name as the issuer: with its office or its year's work (…官洲街道办事处认真贯彻
    落实…条例 on haizhu.gov.cn, tests/real y14; 东柳街道2023年工作总结… on nbyz.gov.cn, z04), holding
    a meeting (东二营镇召开…部署会, x15) or right after its county (蓟州区东二营镇, x15) where it is
    the one township of the county the opening names (a county's list of projects in its towns,
    …砚山县平远镇基础设施提升改造项目、砚山县稼依镇补佐村…, is the county's: aa09); unless the
    text speaks as the county (``_in_stated_scope``)."""
    if county.level not in ("county", "district"):
        return None
    context = f"{page.context} {county.name}"
    opening = [line for line in (page.title, *page.lines[:_TOWN_LINES]) if line]
    towns = {region for line in opening for start, end, region in _mentions(line, context)
             if region is not None and region.level == "township" and _inside(region, county)}
    for line in opening:
        before: tuple[int, Region | None] = (-1, None)
        for start, end, region in _mentions(line, context):
            if (region is not None and region.level == "township" and _inside(region, county)
                    and (names_issuer(line, end) or _TOWN_HOLDS.match(line, end)
                         or (before[0] == start and before[1] == county and len(towns) == 1))):
                found = _in_stated_scope(region, page)
                return found if found and found.level == "township" else None
            before = (end, region)
    return None


def _mentions(line: str, context: str) -> list[tuple[int, int, Region | None]]:
    """The names a line writes, a shared one resolved against ``context``."""
    return [(start, end, region or regions.resolve(line[start:end], context))
            for start, end, region in regions.find_mentions(line)]


def _several_inside(page: _Page, site: Region, found: Region) -> bool:
    """Whether the opening lines name divisions of ``site`` other than ``found`` at its level."""
    named = {r for line in page.lines for _, _, r in _mentions(line, page.context)
             if r is not None and r.level == found.level and _inside(r, site)}
    return bool(named - {found})


def _opening(page: _Page) -> Found | None:
    return (page.opening, "opening") if page.opening else None


def _opening_region(page: _Page) -> Region | None:
    """The first opening line that names an issuing region, raised to the scope the story
    writes relative to its site (``_within_scope``) and checked against the scope the text
    states (``_in_stated_scope``)."""
    found = next(filter(None, (_region_in(line, page.context) for line in page.lines if not is_media(line))), None)
    if not found:
        return None
    opening = "\n".join(filter(None, (page.title, *page.lines[:4])))
    return _in_stated_scope(_within_scope(found, opening, page.context), page)


def _in_stated_scope(found: Region, page: _Page) -> Region | None:
    """``found`` checked against the scope the page's text states as its own (ingest/mentioned.py): a
    township named in a county's story (我县召开…推进会 … 青木川镇党委书记出席, tests/real z02) is
    its county; a county named in a township's text is the one township of it that the text
    names most (济淡河乡位于龙江县西北部 … 济沁河乡核定…, 全乡: 济沁河乡, y13); where it names none
    (2015年全乡的工作思路 … 建设武乡东部一流强乡, q13) the township is unknown, so nothing. A
    province or city named where a lower scope speaks is the one division of that scope inside it
    that the text names (2025年全区教育工作部署会在长春市第一六二中学召开 … 双阳美好教育: 双阳区, ad05;
    ``mentioned.in_own_scope``); a county or district named where a city speaks (前三季度我市重点民生
    工程… 普兰店区, ad12) is its city. Never higher: a city's 全区 or 我省 is often its province's
    scope it stands in (拉萨市率先在全区打赢脱贫攻坚战, i01)."""
    scope = page.scope
    if found.level == "township" and scope in COUNTY_SCOPES and found.county:
        return regions.resolve(found.county, f"{found.province} {found.city}") or found
    if found.level != "township" and scope in TOWNSHIP_SCOPES:
        return _main_township(found, page)
    if found.level == "township" or scope is None:
        return found
    scoped = in_own_scope(found, set(), page.text)
    if scoped is None and found.level in ("province", "city"):
        # Only a division below needs the text's places, short names too.
        named = {r for _, _, r in page.named if r is not None}
        scoped = in_own_scope(found, named, page.text)
    scoped = scoped or found
    if _inside(scoped, found) or (_inside(found, scoped) and scoped.level == "city"
                                  and found.level in ("county", "district")):
        return scoped
    return found


def _main_township(county: Region, page: _Page) -> Region | None:
    """The township of ``county`` that the page's text names most, twice or more and more often
    than any other (济沁河乡 five times beside its neighbour 山泉镇 once, tests/real y13), or None."""
    towns = Counter(r for _, _, r in page.mentions
                    if r is not None and r.level == "township" and _inside(r, county))
    ranked = towns.most_common(2) + [(None, 0)] * 2
    (top, n), (_, runner_up) = ranked[0], ranked[1]
    return top if n >= 2 and n > runner_up else None


def _places(page: _Page) -> Found | None:
    """The region the opening lines speak for (``mentioned.region_of_scope``), else the one the
    places of the text settle on, else the county it speaks as and names by its short name
    (``mentioned.county_of_scope``)."""
    found = region_of_scope("\n".join(page.lines)) or page.about or county_of_scope(page.text)
    return (found, "mentions") if found else None


_EVIDENCE = (_stated, _site, _national, _outlet, _host, _opening, _places)


def names_issuer(text: str, end: int) -> bool:
    """Whether the township named up to ``end`` is named as the issuer (狮山镇人民政府)."""
    return bool(_TOWNSHIP_OFFICE.match(text, end))


def _within_scope(found: Region, opening: str, context: str) -> Region:
    """A region named in a story, raised to the scope the story writes relative to its own
    site: 全州民政工作会议 where 临潭县 reports is 甘南藏族自治州's (tests/real d09). Unchanged when
    the scope is not above it (全市 of 义乌市, b05) or is not its parent's kind."""
    m = next((m for m in _SCOPE.finditer(opening) if not _studied(opening, m)), None)
    scope = m.group("scope") if m else ""
    level = _SCOPE_LEVELS.get(scope)
    if level is None or found.name.endswith(scope) or _LEVELS.index(found.level) <= _LEVELS.index(level):
        return found
    name = {"province": found.province, "city": found.city, "county": found.county}[level]
    parent = regions.resolve(name, context) if name and name.endswith(scope) else None
    return parent or found


def _source_field(lines: list[str]) -> str | None:
    m = _SOURCE.search("\n".join(lines))
    return (m.group(1) or m.group(2)) if m else None


def _leading_short_name(text: str, context: str, levels: tuple[str, ...] = ("province", "city")) -> Region | None:
    """A province or city (of ``levels``) written without its suffix at the start of a title or
    a newspaper's name: 北京布局建设…, 深圳如何实现…, 济南日报."""
    for length in (3, 2):
        found = _short_name(text, 0, length, context) if len(text) > length else None
        if found and found.level in levels:
            return found
    return None


def _leading_county(page: _Page) -> Region | None:
    """A county or district a headline opens on by its short name, which the text writes in full
    too: 资中打造“4+5+5”现代产业体系 over 资中县第十六届人民代表大会… (tests/real bj13 dev); or the
    division inside it that the opening lines name (汉滨老城办… over 汉滨区老城办事处早谋划…: 老城街道, j05)."""
    found = _leading_short_name(page.title or "", page.context, ("county", "district"))
    if found is None or found.name not in page.text:
        return None
    inner = page.opening
    return inner if inner is not None and _inside(inner, found) else found


def _subject_of_title(title: str, context: str) -> Region | None:
    """The province or city a headline names by its short name, the subject of a story
    (事关全局的探路示范——浙江高质量发展…, 国新办就“加快建设现代化美丽新宁夏”答记者问); of a
    province and a city in it, the city (四川三年攻坚,泸州构建区域性交通枢纽 → 泸州市); a district
    only right after its city or province (上海静安发布… → 静安区)."""
    found = set(_short_names(title, context))
    deepest = [r for r in found if all(o == r or o.name in (r.province, r.city) for o in found)]
    return deepest[0] if len(deepest) == 1 else None


def _names_peers(title: str, context: str) -> bool:
    """Whether a headline names two provinces or cities neither inside the other: a story of
    both (济南青岛都市圈联动发展协同开放会议召开, their province's meeting, tests/real bc10 dev), so the
    one it names first is not its subject."""
    found = set(_short_names(title, context))
    return any(a.name not in (b.province, b.city) and b.name not in (a.province, a.city)
               for a in found for b in found if a != b)


def _short_names(text: str, context: str):
    """Provinces and cities written by their short name (浙江, 泸州), and a county or district
    right after its parent's (上海静安). A plain look-up in the gazetteer, without the word
    segmenter that the mentions of a whole text need: a headline is short."""
    i = 0
    while i < len(text):
        region, end = _short_name_at(text, i, context, ("province", "city"))
        if region is None:
            i += 1
            continue
        yield region
        child, child_end = _short_name_at(text, end, region.name, ("county", "district"))
        if child is not None and region.name in (child.province, child.city):
            yield child
            end = child_end
        i = end


def _short_name_at(text: str, i: int, context: str, levels: tuple[str, ...]) -> tuple[Region | None, int]:
    for length in (3, 2):
        name = text[i:i + length]
        region = _short_name(text, i, length, context) if len(name) == length else None
        if region is not None and region.level in levels and regions.short_name(region) == name:
            return region, i + length
    return None, i


def _short_name(text: str, i: int, length: int, context: str) -> Region | None:
    """The division a short name at ``i`` stands for, unless a suffix follows it: 朝阳区 is a full
    name (of two districts), not 朝阳 (朝阳市) and 区; nor a station named after its city
    (兰新铁路二线、西宁站改造…, a story of 青海省发展改革委, tests/real az03 dev)."""
    after = text[i + length:i + length + 1]
    if after == "站":
        return None
    if after in _SUFFIX_CHARS:
        return regions.resolve(text[i:i + length], context)
    return regions.resolve_short(text[i:i + length], context)
