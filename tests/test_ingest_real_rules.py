"""Cleaning and metadata rules, each on lines taken from real pages of tests/real/ (dev split),
and the flattened-text check: no chrome rule may delete the text around it."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from duban.ingest import parse_raw, read_file
from duban.ingest.clean import clean_text
from duban.ingest.hosts import regions_for_url
from duban.ingest.metadata import read_metadata
from paths import CORPUS, REAL

_HAN = re.compile(r"[\u4e00-\u9fff]")


def _cut(text: str) -> tuple[str, list[tuple[str, str]]]:
    cleaned = clean_text(text)
    return cleaned.text, [(r.kind, r.text) for r in cleaned.removed]


@pytest.mark.parametrize("line, kept, kind", [
    # c05: pinyin glosses inside words of a traditional-script reposting.
    ("現(xiàn)在,我代表市人民政府,向大會報(bào)告工作", "现在,我代表市人民政府,向大会报告工作", "pinyin"),
    # a01: lottery spam injected inside a word of the headline.
    ("让老年人就近就新澳门资料大全正版资料2024年免费便享受养老服务", "让老年人就近就便享受养老服务", "spam"),
    # wm114: a breadcrumb ahead of the heading, on the heading's own line.
    ("您的位置:新文秘网>>换届/政务讲话/政府报告/>>正文 在县第十八届人民代表大会第三次会议上的政府工作报告",
     "在县第十八届人民代表大会第三次会议上的政府工作报告", "chrome"),
    # b03: header widgets beside the site name.
    ("中国民主同盟江苏省委员会    今天是: 加入收藏  |  繁体中文", "中国民主同盟江苏省委员会", "chrome"),
    # c21: spam markup left in the text.
    ('<legend id="h4sia"></legend><samp id="h4sia"></samp>走进社区听民意', "走进社区听民意", "chrome"),
    # wm114: a paywall advert in the body.
    ("高铁索道项目加快推……(新文秘网http://www.wm114.cn省略912字,正式会员可完整阅读)…… 4个。",
     "高铁索道项目加快推4个。", "ad"),
])
def test_cleaning_rule_cuts_only_its_span(line, kept, kind):
    text, removed = _cut(line)
    assert text == kept
    assert kind in {k for k, _ in removed}


def test_editor_line_is_removed():
    text, removed = _cut("民政工作会议召开\n编辑:涂传博 审编:AD\n会议强调,要兜牢民生底线。")
    assert "涂传博" not in text and "会议强调" in text
    assert ("chrome", "编辑:涂传博 审编:AD") in removed


def test_story_ends_at_its_end_mark():
    """a01: after 中新社's (完) come the site's unrelated headlines."""
    text, removed = _cut("不搞齐步走、“一刀切”。(完)\n当前,全球经济增速放缓,地缘政治风险显著上升。")
    assert text.endswith("(完)") and "全球经济" not in text
    assert removed[-1][0] == "after_end"


def test_a_body_read_twice_is_kept_once():
    body = ("根据意见,养老服务网络到2029年基本建成,到2035年更加健全。唐承沛说,通过持续推进建设,"
            "把养老服务网扎得更密更牢,稳稳兜住老年人的养老服务需求。对于意见如何贯彻落实,唐承沛指出,"
            "要健全实施机制、推动措施落实、强化督促指导。他强调,要注意积极稳妥、有序有效推进政策落实,"
            "尊重广大老年民众意愿,不搞齐步走、“一刀切”。")
    text, removed = _cut(f"中国加快健全养老服务网络\n{body}\n{body}")
    assert text.count("2029年基本建成") == 1
    assert [k for k, _ in removed] == ["repeat"]


def test_mojibake_is_repaired_by_re_decoding():
    broken = "民政局召开养老服务工作推进会议".encode("utf-8").decode("gbk", errors="replace")
    fixed = clean_text("城乡低保".encode("utf-8").decode("gb18030"))  # 鍩庝埂浣庝繚
    assert fixed.text == "城乡低保"
    assert any("repaired" in w for w in fixed.warnings)
    assert any("could not be repaired" in w for w in clean_text(broken).warnings)


def test_ftfy_is_asked_per_line_only_when_the_whole_text_looks_bad():
    # repair.py skips ftfy's per-line check when the whole text has no match of ftfy's badness
    # pattern compiled with re.MULTILINE; sound only while its anchors are ^ and $ and it has no
    # lookarounds (a line's match is then always one in the whole text). A newer ftfy that adds
    # \A, \b or a lookaround must fail here.
    from re import _parser

    from ftfy.badness import BADNESS_RE

    def opcodes(node):
        if isinstance(node, _parser.SubPattern):
            for op, arg in node:
                yield str(op)
                yield from opcodes(arg) if str(op) != "AT" else [str(arg)]
        elif isinstance(node, (list, tuple)):
            for part in node:
                yield from opcodes(part)

    found = set(opcodes(_parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)))
    assert {"BRANCH", "IN", "AT_BEGINNING"} <= found  # the walk reaches into the alternatives
    assert not found & {"ASSERT", "ASSERT_NOT", "GROUPREF", "GROUPREF_EXISTS", "AT_BEGINNING_STRING",
                        "AT_END_STRING", "AT_BOUNDARY", "AT_NON_BOUNDARY", "AT_LOC_BOUNDARY",
                        "AT_LOC_NON_BOUNDARY", "AT_UNI_BOUNDARY", "AT_UNI_NON_BOUNDARY"}
    # ^[ÃÂ]  (a line opening with mojibake of a no-break space) is found on the second line too
    assert clean_text("全市养老服务\nÂ 城乡低保").warnings == clean_text("Â 城乡低保").warnings != []


def test_a_text_without_the_characters_of_mojibake_is_not_searched_for_it():
    # repair.py searches for ftfy's badness pattern only when the text has a character outside
    # Chinese text (_CHINESE_TEXT) or one of three pairs of its punctuation. Sound while every
    # alternative of the pattern needs such a character, or is a run of single characters
    # whose every spelling in Chinese text holds one of the pairs. A newer ftfy that adds an
    # alternative of Chinese text alone must fail here.
    import itertools
    import re
    from re import _parser

    from ftfy.badness import BADNESS_RE

    from duban.ingest.repair import _CHINESE_TEXT, _MOJIBAKE_CHARS

    chinese = re.compile(f"[{_CHINESE_TEXT}]")

    def chars(op, arg) -> set[str] | None:  # the characters one item matches; None: not one character
        if str(op) == "LITERAL":
            return {chr(arg)}
        if str(op) != "IN" or any(str(o) not in ("LITERAL", "RANGE") for o, _ in arg):
            return None
        return {chr(c) for o, a in arg for c in ([a] if str(o) == "LITERAL" else range(a[0], a[1] + 1))}

    (op, (_, alternatives)), = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).data
    assert str(op) == "BRANCH" and len(alternatives) > 30
    runs = 0
    for alternative in alternatives:
        items = [chars(op, arg) for op, arg in alternative]
        in_chinese = [None if c is None else {x for x in c if chinese.match(x)} for c in items]
        if any(c == set() for c in in_chinese):
            continue  # one item never matches Chinese text: the class finds that character
        assert None not in items, alternative  # a run of single characters only
        for spelling in itertools.product(*in_chinese):
            assert _MOJIBAKE_CHARS.search("".join(spelling)), spelling
        runs += 1
    assert runs == 3
    assert not _MOJIBAKE_CHARS.search("“放管服”改革，——城乡低保…… 3×5 ℃ ① 20㎡ 一、")
    assert clean_text("城乡”“低保”‘x’×”").warnings == []
    assert clean_text("民政局Ã©").warnings != []


def test_a_text_cleaned_twice_reports_its_removals_twice():
    # prepare() keeps its last results (parsing prepares each raw text for cleaning and for
    # metadata); every call must still hand out the pinyin glosses it removed.
    text = "現(xiàn)在,我代表市人民政府,向大會報(bào)告工作"
    first, second = clean_text(text), clean_text(text)
    assert [r.kind for r in first.removed] == [r.kind for r in second.removed] == ["pinyin", "pinyin"]


@pytest.mark.parametrize("path", sorted(REAL.glob("docs/*.txt")) + sorted(CORPUS.glob("*.txt")),
                         ids=lambda p: p.name)
def test_body_survives_without_line_breaks(path):
    """Text often arrives flattened (a PDF, a one-line page): cleaning must keep the body.

    The body is counted in Chinese characters: a raw page's tags whose attributes run over two
    lines (x04) survive line by line and go once flattened, and their ASCII is not body."""
    text = path.read_text(encoding="utf-8")
    kept = len(_HAN.findall(clean_text(text).text))
    flat = len(_HAN.findall(clean_text(text.replace("\r", "").replace("\n", "")).text))
    assert flat >= 0.95 * kept


def _meta(text: str, url: str | None = None):
    return read_metadata(text, clean_text(text).text, {"url": url} if url else {})


def test_national_body_gives_the_national_region():
    meta = _meta("原创 中国加快健全养老服务网络\n中新社北京1月9日电 (记者 李京泽)中国民政部副部长唐承沛9日在国务院新闻办发布会上表示,中国加快健全覆盖城乡的养老服务网络。")
    assert (meta.region.name, meta.region.level, meta.region.code) == ("全国", "national", "")
    assert meta.doc_type == "news" and meta.title == "中国加快健全养老服务网络"


@pytest.mark.parametrize("url, names", [
    ("https://www.anji.gov.cn/hzgov/front/s587/zwgk/zfgzbg/20230224/i3513966.html", ["安吉县"]),
    ("http://www.hzxh.gov.cn/art/2022/3/14/art_1229462860_59017979.html", ["西湖区"]),
    ("https://www.zjcs.gov.cn/art/2023/7/5/art_1229094054_2482626.html", ["常山县"]),
    ("https://www.smx.gov.cn/4495/616358304/1101253.html", ["三门峡市"]),
    ("http://seoszbbq.cn/news/PeCdaM246653.html", []),
    ("http://cqybzx.gov.cn/upload/201902/files/basic-html/page23.html", ["渝北区"]),   # n04: 渝北区's 政协
])
def test_host_pinyin_names_the_region(url, names):
    assert [r.name for r in regions_for_url(url)] == names


def test_a_host_spelling_its_divisions_word_names_a_division_of_that_word():
    """at13 (dev): xiangchengxian is a 县: 襄城县 of 河南 or 乡城县 of 四川, never 襄城区 of 湖北; its
    breadcrumb's 今日襄城 decides between the two."""
    url = "http://xiangchengxian.gov.cn/jrxc/001003/20220215/d32b6554-1021-4005-bc56-0eb37bb7ce46.html"
    assert sorted(r.name for r in regions_for_url(url)) == ["乡城县", "襄城县"]
    assert [r.name for r in regions_for_url(url, ">您当前位置:首页 > 今日襄城 > 部门动态")] == ["襄城县"]
    path = next((REAL / "docs").glob("at13_*"))
    parsed = parse_raw(replace(read_file(path, 10**7), url=url))
    assert (parsed.region.name, parsed.region_source) == ("襄城县", "host")


def test_a_provincial_papers_story_about_a_county_is_the_countys():
    """al09 (dev): 来源:海南日报 over 陵水今年拟完成项目投资120.7亿元…, the county named in full in the
    lead (海南日报记者从陵水黎族自治县发改委获悉); the chrome lists every city of 海南."""
    path = next((REAL / "docs").glob("al09_*"))
    parsed = parse_raw(replace(read_file(path, 10**7), url="http://www.zgzxcmw.com/lingshui/65863.html"))
    assert (parsed.region.name, parsed.region_source) == ("陵水黎族自治县", "title")


def test_a_newspapers_host_names_its_province_only_with_the_text():
    # k10: epaper.sxrb.com is 山西日报 (sx also spells 陕西, 绍兴 ...): the text decides.
    url = "http://epaper.sxrb.com/shtml/sxscdb/20231010/912409.shtml"
    text = "全省开工改造606个县城老旧小区 10月9日,省政府新闻办举行“山西加快转型发展”系列主题新闻发布会"
    assert [r.name for r in regions_for_url(url, text)] == ["山西省"]
    assert regions_for_url(url, "全省开工改造606个县城老旧小区") == []


def test_township_writing_its_own_report_is_the_issuer():
    meta = _meta("昌硕街道2022年工作总结和2023年工作计划\n- 时间:2023-02-24\n一、2022年工作回顾",
                 "https://www.anji.gov.cn/hzgov/front/s587/zwgk/zfgzbg/20230224/i3513966.html")
    assert (meta.region.name, meta.region.level, meta.region.county) == ("昌硕街道", "township", "安吉县")
    assert meta.date.isoformat() == "2023-02-24" and meta.doc_type == "work_report"
    assert meta.region_source == "title"


def test_region_from_the_host_when_the_text_names_none():
    meta = _meta("一、2022年工作总结\n全年财政总收入13.23亿元。", "http://www.haiyan.gov.cn/art/2022/4/18/art_1.html")
    assert meta.region is None or meta.region_source == "host"
    meta = _meta("一、2022年工作总结\n全年财政总收入13.23亿元。", "https://www.anji.gov.cn/a.html")
    assert (meta.region.name, meta.region_source) == ("安吉县", "host")


@pytest.mark.parametrize("text, title, date", [
    # b10: a site-clock banner and a pinyin-glossed date label.
    ("2023年03月29日 星期三\n\n站在新起點(diǎn) 實(shí)現(xiàn)新突破\n\n發(fā)布日期:2018-01-09",
     "站在新起点 实现新突破", "2018-01-09"),
    # a07: a dateline with no space before the time.
    ("无障碍\n\n2021年全省民政工作会议召开 谋划“十四五”发展思路\n\n2021年01月11日10:42  来源:黑龙江省人民政府网\n\n1月8日上午,全省民政工作会议召开。",
     "2021年全省民政工作会议召开 谋划“十四五”发展思路", "2021-01-11"),
    # a09: markdown front matter of a collected article.
    ("\n---\ntitle: 'GDP预期目标5.5%如何实现？今年要着重做好这几个方面'\ncategories: \n - 金融\n---\n正文。",
     "GDP预期目标5.5%如何实现？今年要着重做好这几个方面", None),
    # c06: a date inside a body sentence is not the document's.
    ("现将重点工作任务予以分解,并于2023年3月25日、6月25日前向省政府报告进展情况。", None, None),
])
def test_title_and_date_from_real_openings(text, title, date):
    meta = _meta(text)
    assert meta.title == title
    assert (meta.date.isoformat() if meta.date else None) == date


@pytest.mark.parametrize("title, doc_type", [
    ("2021年全省民政工作会议召开 谋划“十四五”发展思路、部署2021年重点任务", "news"),
    ("新疆昌吉2024年木垒县“十大民生实事项目”落实情况新闻发布会举行", "news"),
    ("关于公开征求《海盐县关于推进养老服务高质量发展的工作方案(征求意见稿)》的通知", "work_plan"),
    ("三门峡市人民政府办公室关于明确政府工作报告提出的2023年重点工作责任单位的通知", "work_plan"),
    ("解读2022年武穴市政府工作报告(八)", "other"),
    ("镇巴县人民政府工作规则", "notice"),
    # j14: a county's own 工作报告; j03: a progress table of a plan's projects.
    ("镇原县2024工作报告📜", "government_report"),
    ("2022年度市县民生实事未完成项目进度表(截至10月31日)", "work_report"),
    ("民政办2023年工作总结和2024年工作计划", "work_report"),
    # n12: the year before the region's own 工作报告.
    ("2024松滋市工作报告", "government_report"),
    # k04: a headline saying the year's list is out is a story.
    ("【看得见的平安 摸得见的幸福】让老百姓拥有更多获得感幸福感安全感 今年十件民生实事出炉", "news"),
])
def test_doc_type_from_real_titles(title, doc_type):
    assert _meta(f"{title}\n\n今年以来,各项工作扎实推进。").doc_type == doc_type


@pytest.mark.parametrize("text, title", [
    # f17: an e-paper's newspaper name under the heading, a meeting whose name holds 主任.
    ("年 |\n月 |\n市卫健委召开县区卫健委主任座谈会\n皖西日报\n作者:\n新闻 时间:2024年01月15日 来源:皖西日报\n本报讯(胡蝶)1月9日,市卫健委召开座谈会。",
     "市卫健委召开县区卫健委主任座谈会"),
    # a15: a headline ending in 中心 is no office name.
    ("北京布局建设百个区域养老服务中心\n\n[南沙群岛] 时间:2025-05-05 04:43:23 来源:拌肚丝网 作者:太原市 点击:35次\n据北京市民政局介绍,北京市布局建设100个街道区域养老服务中心。\n\n(责任编辑:海西蒙古族藏族自治州)",
     "北京布局建设百个区域养老服务中心"),
    # e07: the 名称 cell of a table set apart by bars.
    ("索 引 号: | 000014349/2022-4099750 | 是否有效: | |\n名 称: | 德教议复字〔2022〕25号——德江县教育局关于县第十八届人大一次会议第46号建议的答复 | ||\n谢雅慧代表:",
     "德教议复字〔2022〕25号——德江县教育局关于县第十八届人大一次会议第46号建议的答复"),
    # b18: a value of the 政务公开 table on its own line is no title; the document's is.
    ("  • 公开方式:\n\n    主动公开\n\n  • 文号:\n\n    常政办发〔2023〕47号\n\n常山县人民政府办公室关于印发《常山县提升“助老三件事”服务能力的实施办法》的通知\n\n各乡镇人民政府:",
     "常山县人民政府办公室关于印发《常山县提升“助老三件事”服务能力的实施办法》的通知"),
    # g04: chrome (EN, the site's address) before the heading over the date block.
    ("EN\nhttps://www.gov.cn/\n\n事關全局的探路示範——浙江高質量發展建設共同富裕示範區調研記\n\n2021-08-01 10:51 來源: 新華社\n字號:默認 超大 | 打印 |\n\n新華社杭州7月31日電",
     "事关全局的探路示范——浙江高质量发展建设共同富裕示范区调研记"),
    # k10: an e-paper's page label is no title.
    ("第A07版:产业发展\n\n全省开工改造606个县城老旧小区\n\n开工率达到120%\n\n  本报讯(记者秦昕)截至9月底,全省开工改造606个县城老旧小区。",
     "全省开工改造606个县城老旧小区"),
    # c07: a phone line is no title.
    ("汉南区民政局84851396(白)15202732347(夜)\n", None),
])
def test_title_chooser_on_real_headers(text, title):
    assert _meta(text).title == title


@pytest.mark.parametrize("line, title", [
    ("营西政办发〔2023〕2号 关于做好建议和提案办理工作的通知", "关于做好建议和提案办理工作的通知"),
    ("民政局2023年工作总结及2024年工作计划(精选5篇)作文", "民政局2023年工作总结及2024年工作计划"),
    # l03: a flattened page, its page number glued to the title and the body run on.
    ("12023年街道2023年工作规划今年是中国共产党成立101周年,是实施“十四五〞规划的开局之年,也是科教创新区建设的关键之年。"
     "做好今年经济社会进展工作,迈好“十四五〞时期进展第一步,至关重要。", "2023年街道2023年工作规划"),
    # c14: the 名称 label of the info table kept on the heading line.
    ("名  称: 琼中黎族苗族自治县2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告",
     "琼中黎族苗族自治县2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告"),
])
def test_title_without_what_sits_beside_it(line, title):
    from duban.ingest.title import as_title

    assert as_title(line) == title


def test_township_named_alone_in_a_publisher_field_is_the_issuer():
    # g02: 发布机构: 暨阳街道 (诸暨市, a 县级市 under 绍兴市); g03: 来源:三垟街道.
    meta = _meta("发布机构: 暨阳街道 成文日期: 2024-01-17\n\n暨阳街道2023年民生实事项目完成情况报告\n\n发布时间:2024-01-17 15:34 浏览次数: 信息来源:暨阳街道\n\n第一项:校舍维修建设及设施设备提升工程。")
    assert (meta.region.name, meta.region.level, meta.region.county) == ("暨阳街道", "township", "诸暨市")
    meta = _meta("关于做好2023年度三垟街道民生实事建议项目征集工作的通知\n\n发布日期:2022-10-13 16:27 访问次数: 来源:三垟街道\n\n各有关单位:")
    assert (meta.region.name, meta.region.county, meta.doc_type) == ("三垟街道", "瓯海区", "notice")


def test_story_subject_named_by_a_short_name_in_the_headline():
    meta = _meta("事關全局的探路示範——浙江高質量發展建設共同富裕示範區調研記\n\n新華社記者\n\n這裡是紅船起航地。")
    assert (meta.region.name, meta.region.level, meta.region_source) == ("浙江省", "province", "title")
    # Two regions named after the opening: nothing is guessed.
    assert _meta("长三角一体化:浙江与江苏签订合作协议\n\n今年以来,各项工作扎实推进。").region is None


@pytest.mark.parametrize("text, date", [
    # d08: an e-paper's newspaper and date on one line.
    ("聚焦百姓关切 推动民政事业提质增效\n甘孜日报    2024年02月27日\n本网讯 2月26日,2024年全州民政工作会议在康定召开。", "2024-02-27"),
    # e04: publisher | date time.
    ("信息量好大!贵州代表团答记者问实录\n贵州省作家协会 | 2026-03-07 20:53\n在中国式现代化进程中展现贵州新风采", "2026-03-07"),
    # c11: a source note with its date.
    ("本报讯 1月10日,广西壮族自治区民政厅召开2022年全区民政工作视频会议。\n(来源:中国社会报2022年1月11日)", "2022-01-11"),
    # b05: the date a resolution was passed.
    ("(2023年2月3日义乌市第十六届人民代表大会第二次会议通过) 义乌市第十六届人民代表大会第二次会议听取和审议了政府工作报告。", "2023-02-03"),
    # a09: a collected feed's front matter (RFC 2822).
    ("\n---\ntitle: 'GDP预期目标5.5%如何实现？'\nauthor: 新浪财经\ndate: Sat, 05 Mar 2022 07:52:05 GMT\n---\n正文。", "2022-03-05"),
    # d03, b15: a page's stamp with its clock time, then the site or the view count.
    ("2016-07-05 09:01:50 云南省民族学会80159\n为贯彻落实《国务院关于加强农村留守儿童关爱保护工作的意见》(国发〔2016〕13号),现提出以下意见:", "2016-07-05"),
    ("民政办2023年工作总结和2024年工作计划\n2024-03-05 16:59:17 34\n\nimage.png\n\n民政办2023年工作总结和2024年工作计划", "2024-03-05"),
    # e05: publisher, date and view count.
    ("双语:国新办就“加快建设现代化美丽新宁夏”答记者问\n\n国新办&CGTN 2024-06-27 91次\n\nW020240520384765684170.png\n\n寿小丽:", "2024-06-27"),
    # f03: a signature's date in a table cell.
    ("10.丘陵区山塘清淤增蓄。\n沅江市第十八届人民代表大会\n第二次会议主席团\n2022年12月21日 |", "2022-12-21"),
    # n07: a speech's date line without its dashes.
    ("(浙江?。?025年嘉興市人民政府政府工作報(bào)告\n2025年2月11日在嘉興市第九屆人民代表大會第五次會議上\n市長 李 軍\n各位代表:", "2025-02-11"),
    # k04: an app's name before the date; l11: the site's address before the stamp.
    ("ZAKER汕头 2023-01-08\n【看得见的平安 摸得见的幸福】让老百姓拥有更多获得感幸福感安全感 今年十件民生实事出炉", "2023-01-08"),
    ("】 【打 印】 \n河北9000多個老舊小區改造完成\nhttp://www.crntt.hk   2021-11-24 11:22:35\n  中評社北京11月24日電/據人民日報報道", "2021-11-24"),
])
def test_dates_from_real_date_lines(text, date):
    assert _meta(text).date.isoformat() == date


@pytest.mark.parametrize("text, title", [
    # c06: a flattened page runs the title on into its 文号 and the body.
    ("河南省人民政府 关于明确政府工作报告提出的2023年 重点工作责任单位的通知 豫政〔2023〕5号 现将《政府工作报告》提出的2023年重点工作任务予以分解并明确责任单位。",
     "河南省人民政府 关于明确政府工作报告提出的2023年 重点工作责任单位的通知"),
    # a14: a repost names the original title.
    ("周日. 6 月 8th, 2025\n\n原标题:@武清人!2023年,天津要办这些大事!\n\n日前,天津市政府下发通知。", "@武清人!2023年,天津要办这些大事!"),
    # e05: a short label before a headline is part of it; a field is not.
    ("当前位置: 首页 > 英语笔译\n\n双语:国新办就“加快建设现代化美丽新宁夏”答记者问\n\n国新办&CGTN 2024-06-27 91次",
     "双语:国新办就“加快建设现代化美丽新宁夏”答记者问"),
    # f03, e11: a list item ending in ;, a site's name.
    ("6.S220四共轴线建设;\n7.实施城乡供水一体化工程。", None),
    ("环球国际(中国)官方网站 教育局\n", None),
    # f02: a 通报 of the document-title shape below a menu entry.
    ("您年度重点工作进展和完成情况\n\n关于2023年10月份民生实事项目进展情况的通报\n\n访问量:\n\n"
     "办好65件民生实事项目是县政府对全县人民的庄严承诺。", "关于2023年10月份民生实事项目进展情况的通报"),
    # j15: a heading broken over two lines under the notice that issues it.
    ("各镇街,区政府各部门:\n《关于在振兴区全面振兴新突破三年行动中进一步保障和改善民生的实施方案》已经区政府同意,现印发给你们,请认真组织实施。\n"
     "振兴区人民政府\n2024年3月8日\n(此件公开发布)\n关于在振兴区全面振兴新突破三年行动中\n进一步保障和改善民生的实施方案\n为深入贯彻习近平总书记关于",
     "关于在振兴区全面振兴新突破三年行动中进一步保障和改善民生的实施方案"),
    # c15: a line the page's bad decode left, over the clean heading.
    ("(海南?。?024年海口市秀英区人民政府工作报告\n2024年秀英區(qū)政府工作報告\n政 府 工 作 报 告\n——2024年1月30日在秀英区第八届人民代表大会",
     "2024年秀英区政府工作报告"),
    # j05: an essay site's numbering of its copies.
    ("第一篇:2014—6汉滨老城办未雨绸缪打造十大民生工程\n汉滨老城办未雨绸缪打造十大民生工程\n通讯员:翁军\n"
     "一年之计在于春,一招之际在于心。", "汉滨老城办未雨绸缪打造十大民生工程"),
    # e16: a programme's name is no hotline bar.
    ("9月25日,县委副书记、县长赵永进带领县住建、市场、交通、交警、环卫中心等部门负责人走进市广播电视台。\n"
     "原标题:县长赵永进走进市广播电视台《党风政风热线》直播间\n", "县长赵永进走进市广播电视台《党风政风热线》直播间"),
])
def test_more_titles_from_real_openings(text, title):
    assert _meta(text).title == title


@pytest.mark.parametrize("text, doc_type", [
    # e03, e13: third-person interview turns.
    ("四川三年攻坚,泸州构建区域性交通枢纽\n记者:2009年,泸州交通枢纽建设做了哪些工作?\n梁中元:过去的一年,泸州交通系统圆满完成了各项目标任务。", "interview"),
    ("央视网|中国网络电视台|网站地图 |\n[主持人毕铭鑫]:我现在最想了解新农村建设的经验。\n[福建省南平市蒲城县县长陈国发]:浦城是福建第三大县。", "interview"),
    # e14: a transcript announced in the opening.
    ("国家发展改革委今日上午召开专题新闻发布会,介绍西部大开发进展情况并回答记者提问。\n以下为文字实录:\n肖渭明:今年,国家发改委会同有关部门认真贯彻落实。", "press_conference"),
    # a16: a story quoting the report is no report.
    ("超大型社区助餐点升级养老驿站\n在年初的北京两会上,政府工作报告为新一年的养老服务工作明确了“任务书”。近日,北京青年报记者前往天通苑北街道探访。", "news"),
    # c10: the speaker's own words.
    ("——2022年1月20日在广州市荔湾区第十七届人民代表大会第二次会议上 各位代表: 现在,我代表区人民政府向大会作政府工作报告,请予审议。", "government_report"),
    # a12: a progress table.
    ("序号 | 任务要求 | 进展情况 |\n1 | 新建2000张养老家庭照护床位。 | 2022年度,本市新建养老家庭照护床位3000余张。 |", "work_report"),
    # a17, b07: stories about handling 建议/提案; f01: a column tag; b22: a list completed.
    ("优质高效办理代表委员建议提案 推动民政事业高质量发展——民政部2020年建议提案办理工作情况回顾\n本报记者祝闯\n作为社会建设兜底性工作,民政事业备受关注。", "news"),
    ("区民政局面对面答复人大建议、政协提案\n本报7月4日讯(记者 支倩倩) 近日,章丘区民政局召开面商会。", "news"),
    ("【直击两会】甘谷县政府2020年将为民办好15件大事和民生实事\n县政府将继续优先保障民生投入。", "news"),
    ("为老服务、教育、健身……2023年普陀区29项为民办实事项目完成 2024年01月19日\n来源: 上海普陀\n2023年普陀区共安排29个为民办实事项目。", "work_report"),
])
def test_doc_type_from_real_openings(text, doc_type):
    assert _meta(text).doc_type == doc_type


@pytest.mark.parametrize("text, doc_type", [
    # b10: a commentary's subtitle decides before its headline's 实现 (a news word).
    ("站在新起點(diǎn) 實(shí)現(xiàn)新突破\n\n王忠林在市十六屆人大二次會議上的政府工作報告解讀\n\n發(fā)布日期:2018-01-09\n\n信息來源:濟(jì)南日報\n"
     "過去的一年,是濟(jì)南發(fā)展史上極不平凡的一年。", "other"),
    # f03: the heading of the year's list of projects, under the vote that chose them.
    ("沅江市第十八届人民代表大会第二次会议于2022年12月21日依法票决产生了沅江市人民政府2023年民生实事项目,现将票决结果公告如下:\n"
     "沅江市人民政府2023年民生实事项目:\n1.中心城区水环境综合治理;\n2.“三线一站”新型电力系统建设;", "work_plan"),
    # b21: a headline that a list was published is a story about it.
    ("上海靜安發布2024年十項為民辦實事項目\n• 新华网无人机\n正文\n\n分享至手机\n\n上海靜安發布2024年十項為民辦實事項目\n\n"
     "新华网上海1月18日电(史依灵 郭敬丹)新华网从日前召开的上海市静安区第二届人民代表大会", "news"),
    # d03: an opinion's preamble, without a title.
    ("2016-07-05 09:01:50 云南省民族学会80159\n为贯彻落实《国务院关于加强农村留守儿童关爱保护工作的意见》(国发〔2016〕13号),"
     "进一步加强全省农村留守儿童关爱保护工作,现提出以下意见:\n一、重要意义", "notice"),
    # c15: the deputies addressed below the speech's date and speaker (past the opening lines).
    ("——2024年1月30日在秀英区第八届人民代表大会\n第四次会议上\n秀英区人民政府区长 柳战良\n各位代表:\n"
     "现在,我代表区人民政府向大会报告工作,请予审议,并请区政协委员和其他列席人员提出意见。", "government_report"),
    # d13: the credits closing a news agency's graphic story.
    ("2023年\n重庆地区生产总值迈上3万亿元新台阶\n城镇新增就业73.9万人\n……\n文案:韩梦霖、刘梓桐\n视频制作:马天龙", "news"),
    # j04: a 督查 report on the year's tasks, without a title.
    ("为切实推进市政府决策部署的贯彻落实,市政府政务督查室近期对《政府工作报告》确定的2021年重点工作上半年完成情况进行了督办。"
     "现将有关情况通报如下:\n一、主要指标任务完成情况", "work_report"),
    # e16: a visit to a programme's studio told in the third person is a story.
    ("原标题:县长赵永进走进市广播电视台《党风政风热线》直播间\n9月25日,县委副书记、县长赵永进带领县住建、市场、交通、交警、环卫中心"
     "等部门负责人走进市广播电视台。\n图为:赵永进率队走进《党风政风热线》直播间", "news"),
    # b13: the reporter's name closing a story; f16: a story opening on its day.
    ("会议强调,要深化婚丧领域移风易俗,加强行业管理,优化婚姻登记服务,推动婚姻登记机关标准化建设。要持续健全完善分层分类社会救助体系,"
     "加强低收入人口动态监测。同时,持续拓展儿童福利服务,有序推进儿童福利机构改革,加强流动儿童和留守儿童关爱服务。(蔡仕祥)", "news"),
    ("4月3日上午,我市召开2024年卫生健康工作会议,总结2023年工作,部署2024年重点任务。市政协一级调研员、市计生协会会长张东辉,"
     "市领导秦玉林、伍检告、高爱民等出席会议。", "news"),
])
def test_doc_type_without_a_deciding_title(text, doc_type):
    assert _meta(text).doc_type == doc_type


@pytest.mark.parametrize("text, region", [
    ("四川三年攻坚,泸州构建区域性交通枢纽\n记者:2009年,泸州交通枢纽建设做了哪些工作?", "泸州市"),   # e03
    ("上海靜安發布2024年十項為民辦實事項目\n\n今年以来,各项工作扎实推进。", "静安区"),   # b21
    ("聚焦百姓关切 推动民政事业提质增效\n甘孜日报    2024年02月27日\n本网讯 2月26日,全州民政工作会议召开。", "甘孜藏族自治州"),   # d08
    ("国家发展改革委今日上午召开专题新闻发布会,介绍西部大开发进展情况。\n以下为文字实录:", "全国"),   # e14
])
def test_region_of_a_story_from_real_openings(text, region):
    assert _meta(text).region.name == region


@pytest.mark.parametrize("text, region", [
    # h14: a 街道 heading the headline is its story's subject.
    ("集贤路街道持续推进小区“改旧” 美化辖区环境\n今年以来,为改善老旧小区落后基础设施,进一步提升辖区居民的居住环境,"
     "集贤路街道联合城管、公安、市场、消防等部门集中力量对影响老旧小区改造的违法建筑进行拆除。", "集贤路街道"),
    # h08, g08: a town named right after its county in the body.
    ("本文详细报道了惠民县皂户李镇于3月14日召开的2025年工作亮目标主题系列新闻发布会内容,介绍了该镇2025年围绕县委“1357”工作体系,"
     "在多个领域的工作计划、目标任务与重点项目。", "皂户李镇"),
    ("乡村刮起“掌上风”\n\n自从加入花官镇环境卫生协同管理群成为一名志愿卫生督查员,随手拍就成为山东省广饶县花官镇北口村村民赵会莲生活的一部分。",
     "花官镇"),
    # h09: a reply about a road to 双台子区 is the county bureau's that signs it.
    ("对县十八届人大一次会议第13号建议的答复\n王捍国代表:\n您提出的《关于林丰路双台子区新府大街至辽宁新材料产业经济开发区路口道路建设的建议》"
     "已收悉,答复如下:\n您提出的新建设双台子区至盘山县道路,涉及双台子区行政管辖区域和盘山县行政管辖区域。\n盘山县交通运输局\n2022年5月25日", "盘山县"),
])
def test_township_subjects_and_signatures_from_real_pages(text, region):
    assert _meta(text).region.name == region


def test_a_story_named_by_its_lead_sentence_or_past_its_front_matter():
    """a16: the lead sentence opens on 北京; a09: a collected feed's front matter takes the
    opening lines, and the 国务院新闻办公室 below it makes the story national."""
    meta = _meta("超大型社區(qū)助餐點升級養(yǎng)老驛站\n北京的養(yǎng)老服務今年將有很多新的亮點值得期待。"
                 "在年初的北京兩會上,政府工作報告為新一年的養(yǎng)老服務工作明確了“任務書”。")
    assert meta.region.name == "北京市"
    meta = _meta("---\ntitle: 'GDP预期目标5.5%如何实现？今年要着重做好这几个方面'\ncategories: \n - 金融\n - 新浪财经\n"
                 " - 新浪财经－国內\nauthor: 新浪财经\ncomments: false\ndate: Sat, 05 Mar 2022 07:52:05 GMT\n---\n\n"
                 "<p>　　3月5日下午，国务院新闻办公室举行吹风会，解读《政府工作报告》有关情况，并答记者问。</p>")
    assert (meta.region.name, meta.region.level) == ("全国", "national")


def test_a_county_typed_with_a_homophone_is_read_under_its_city():
    """e13: 蒲城县 is in 陕西; under 福建省南平市 the speaker's 蒲城 is 浦城 (both pu cheng)."""
    meta = _meta("央视网|中国网络电视台|网站地图 |\n客服 |\n[主持人毕铭鑫]:我现在最想了解,就是我们发展新农村建设方面,"
                 "我们最具有亮点性的经验、感受,在这儿说一下。\n[福建省南平市蒲城县县长陈国发]:浦城是福建第三大县。")
    assert (meta.region.name, meta.region.city) == ("浦城县", "南平市")


def test_a_story_of_the_whole_prefecture_is_the_prefectures():
    """d09: 全州民政工作会议, at which 临潭县 and 夏河县 spoke, is 甘南藏族自治州's; 全市 of a 县级市
    stays the 县级市's (b05)."""
    meta = _meta("本报合作讯 (记者 高淑兰) 2月22日,2023年全州民政工作会议暨州未成年人保护工作领导小组会议召开。 副州长王芳出席会议并讲话。"
                 " 会上,传达了全省民政工作会议精神;宣读了《2022年各县市民政工作综合考核评估结果的通报》;临潭县、夏河县相关负责人分别作了交流发言;")
    assert (meta.region.name, meta.region.level) == ("甘南藏族自治州", "city")
    meta = _meta("(2023年2月3日义乌市第十六届人民代表大会第二次会议通过) 义乌市第十六届人民代表大会第二次会议听取和审议了叶帮锐市长"
                 "代表市人民政府所作的政府工作报告。会议充分肯定市人民政府过去一年的工作,同意报告提出的2023年全市经济社会发展主要目标、任务和举措,决定批准这个报告。")
    assert (meta.region.name, meta.region.level) == ("义乌市", "county")


def test_upload_date_is_the_pages_date():
    # g06: 发文日期 is when it was signed, 上载日期 when the page went up.
    text = ("发 布 机 构 市人民政府办公室 发 文 日 期 2019-11-29\n"
            "名        称 齐齐哈尔市人民政府办公室关于印发《齐齐哈尔市政务云平台管理实施细则》等三个文件的通知\n"
            "文        号 齐政办发〔2019〕29号   上 载 日 期 2019-12-02\n")
    meta = _meta(text)
    assert meta.date.isoformat() == "2019-12-02"
    assert meta.title == "齐齐哈尔市人民政府办公室关于印发《齐齐哈尔市政务云平台管理实施细则》等三个文件的通知"


@pytest.mark.parametrize("line", [
    "扫一扫在手机上查看当前页面",          # e11, e19
    "扫一扫在手机端打开当前页",            # d20
    "微信扫一扫在手机阅读、分享本文",      # b15
    "长沙晚报网 数字报 版面导航 日 星期 出版 前一天 后一天",   # c17
    "<!-- 正文下iframe -->",                 # a09: an HTML comment left in a collected page
])
def test_widget_and_epaper_bars_are_chrome(line):
    assert clean_text(f"{line}\n各位代表:现在,我代表市人民政府向大会报告工作。").text == "各位代表:现在,我代表市人民政府向大会报告工作。"


@pytest.mark.parametrize("line", ["他说前一天已经完成了全部任务。", "前一天完成了任务,后一天验收"])
def test_a_sentence_naming_the_day_before_is_text(line):
    assert line in clean_text(f"{line}\n正文").text


def test_a_headline_less_notice_splitting_tasks():
    # g10: no heading in the excerpt; the signature block is no title; the attachment line
    # names the 任务分解表, so it is a plan, and the quoted 《政府工作报告》 does not make it one.
    text = ("各镇(街道)人民政府(办事处),临港经济开发区管委会,区政府各部门、直属机构:\n"
            "为深入贯彻落实盘锦市大洼区第十八届人民代表大会第四次会议精神,全面完成好《政府工作报告》中确定的2021年各项工作任务,"
            "在充分征求区政府、经济园区和区农垦集团主要领导意见后,现将《<政府工作报告>任务分解表》印发给你们。\n"
            "附件:《政府工作报告》任务分解表\n盘锦市大洼区人民政府办公室\n2021年1月25日\n(此件公开发布)")
    meta = _meta(text)
    assert (meta.title, meta.doc_type, meta.date.isoformat()) == (None, "work_plan", "2021-01-25")


def test_signature_dated_in_chinese_numerals():
    # g11: 二○○七年四月十三日 (with ○, not 〇).
    text = ("区第十四届人大第二次会议审议通过的《政府工作报告》,确定了我区2007年经济社会发展的各项重要工作目标和任务。"
            "为推动各项工作的落实,区政府决定将工作任务逐项分解下达。现将有关事项通知如下:\n"
            "附件:2007年三水区政府工作主要任务分解表\n二○○七年四月十三日\n|")
    meta = _meta(text)
    assert (meta.title, meta.date.isoformat(), meta.doc_type) == (None, "2007-04-13", "work_plan")


def test_a_heading_after_an_essay_sites_preamble():
    # d06: the preamble is body, the heading below it still counts when body follows.
    text = ("计划是人们在面对各种挑战和任务时,为了更好地组织和管理自己的时间、资源和能力而制定的一种指导性工具。"
            "那么我们该如何写一篇较为完美的计划呢?以下是小编收集整理的工作计划书范文,仅供参考,希望能够帮助到大家。\n"
            "乡镇民政工作计划书篇一\n"
            "xx年是城乡环境综合整治的关键年,我乡民政工作总的要求是:在乡党委,政府的正确领导下,在市民政局的具体指导下,"
            "把关注民生,改善民生作为最基本的要求,突出重点,培育亮点,同时要进一步抓好各项工作。")
    assert _meta(text).title == "乡镇民政工作计划书篇一"


@pytest.mark.parametrize("text, region", [
    # c21: a district's 人大常委会 in the source field issues the story about one of its 街道.
    ("走进社区听民意,聚焦养老惠民生——汉兴街召开以“聚焦‘互联网+居家养老’”为主题的人大代表接待选民活动\n\n"
     "        发布时间: 2019-11-22    来源: 江汉区人大常委会    作者:\n随着人口老龄化进程的不断加快,养老已经日益成为一个重要社会问题。",
     ("江汉区", "district")),
    # j05: a 街道 named in short after its district (老城办事处 for 老城街道办事处).
    ("汉滨老城办未雨绸缪打造十大民生工程\n通讯员:翁军\n一年之计在于春,一招之际在于心。汉滨区老城办事处早谋划、早安排、早动手,"
     "以民族风情旅游街区建设为马首是瞻,瞅准发展目标,推进网格化提升等十大民生项目。", ("老城街道", "township")),
    # f17: 皖西日报 is 六安市's paper.
    ("市卫健委召开县区卫健委主任座谈会\n皖西日报\n作者:\n新闻 时间:2024年01月15日 来源:皖西日报\n"
     "本报讯(胡蝶)1月9日,市卫健委召开县区卫健委主任座谈会,总结2023年工作。", ("六安市", "city")),
])
def test_issuers_the_gazetteer_names_in_short(text, region):
    meta = _meta(text)
    assert (meta.region.name, meta.region.level) == region


def test_a_sites_short_name_is_its_city_and_a_full_name_stays_ambiguous():
    # l07: 来源:安阳新闻网 is 安阳市's site, not 安阳县's (安阳 names both).
    meta = _meta("top\n\n《政府工作报告》解读2017:十件实事\n\n作者:佚名   发布时间:2017-03-17 15:14   来源:安阳新闻网\n\n“十件实事”\n\n"
                 "  今年,我市将办好事关人民群众切身利益的“十件实事”")
    assert (meta.region.name, meta.region.level) == ("安阳市", "city")
    assert _meta("朝阳区民政局关于开展冬季救助工作的通知\n\n各街道:现将有关事项通知如下。").region is None


def test_a_headline_less_report_speaks_for_the_scope_it_names():
    # k14: 全州人民 and 凉山 named twice: 凉山彝族自治州's report.
    text = ("政府工作报告\n\n  全面加强生态保护修复。*开展大规模绿化凉山行动,加强沙化、石漠化和水土流失等脆弱地区生态治理。"
            "强化河(湖)长制落实,加强“三江”凉山段、安宁河、邛海、泸沽湖、马湖等重点河湖综合治理。\n\n"
            "  第九,坚持以人民为中心,不断增进全州人民福祉。持续加大民生投入,加快补齐民生短板。")
    meta = _meta(text)
    assert (meta.region.name, meta.region.level) == ("凉山彝族自治州", "city")
    # Named once, nothing is guessed.
    assert _meta(text.replace("“三江”凉山段", "“三江”段")).region is None


@pytest.mark.parametrize("line", [
    "——2026年1月27日在吉林省第十四届人民代表大会第五次会议上",   # a11: a speech's dateline
    "這裡是浙江——",                                              # g04: a lead-in to what follows
    "殷勇同志作政府工作报告。本报记者 戴冰摄",                     # a22: a photo's caption
    "第A07版:产业发展",                                           # k10: an e-paper's page label
    "市長 李 軍",                                                 # n07: the speaker under the heading
    "长沙晚报全媒体记者 匡春林",                                   # c17: the reporter's byline
    "您的位置:新文秘网>>换届/政务讲话/政府报告/>>正文",            # wm114: a breadcrumb
])
def test_lines_that_are_no_title(line):
    from duban.ingest.title import as_title, may_be_title

    assert not may_be_title(as_title(clean_text(line).text or line))


def test_doc_type_rules_read_the_plan_and_report_words_from_the_cue_lexicon():
    from duban.ingest.doctype import _doc_type_rules
    from duban.lexicon.cues import sources

    patterns = {(kind, where): rule.pattern for kind, where, rule in _doc_type_rules()}
    assert sources()["plan_document"] in patterns[("work_plan", "title")]
    assert sources()["report_document"] in patterns[("work_report", "title")]
    assert not any("{plan_document}" in p or "{report_document}" in p for p in patterns.values())
    # b06's title: a report by the lexicon's 工作总结 (before the plan's 工作计划).
    assert _meta("昌硕街道2022年工作总结和2023年工作计划\n\n一、2022年工作回顾").doc_type == "work_report"


def test_a_province_set_before_a_title_in_brackets_chains_to_the_county():
    # n10: (湖南省) and the year stand between the province and its county.
    meta = _meta("(湖南省)2020年新晃侗族自治县政府工作报告(全文)\n公文搜 2021-07-27 17:55:23 政府报告\n各位代表:")
    assert (meta.region.name, meta.region.level, meta.date.isoformat()) == ("新晃侗族自治县", "county", "2021-07-27")


@pytest.mark.parametrize("text", [
    # n02, n15: an outlet's dated 讯, a bracketed 报道 tag.
    "浙江在线杭州01月16日讯 今天上午9时,浙江省十一届人大四次会议在省人民大会堂隆重开幕,浙江省省长吕祖善作政府工作报告。",
    "【點新聞報道】廣東省十四屆人大二次會議今日(23日)上午開幕。廣東省省長王偉中作省政府工作報告時表示,今年(2024年)廣東省發展面臨的有利條件強於不利因素。",
])
def test_news_bylines_from_real_openings(text):
    assert _meta(text).doc_type == "news"




@pytest.mark.parametrize("name, doc_type", [
    # p02: 刚刚,市政府2023年度十件民生实事定了!事关每个杭州人 goes on past its 民生实事: a story.
    ("p02_hangzhou_2023_shijian_minsheng_shishi_news.txt", "news"),
    # p06: 2019年十大民生工程及20件民生大事项目完成情况表 reports how the projects went.
    ("p06_meishan_2019_shida_minsheng_gongcheng_wancheng_biao.txt", "work_report"),
])
def test_minsheng_headings_of_real_pages(name, doc_type):
    assert _meta((REAL / "docs" / name).read_text(encoding="utf-8")).doc_type == doc_type
