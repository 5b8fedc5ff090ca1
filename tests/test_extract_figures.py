"""Figures of policy text: numbers with unit, qualifier and kind (extract/figures.py).

The phrases are from the five seeds (shared/seeds) unless a comment says otherwise; the last
test scores the extractor on the seeds against shared/gold/seeds.jsonl with score.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from paths import SEEDS, SEEDS_GOLD

from duban.extract.figures import find_figures
from duban.extract.passages import sentence_passages
from duban.extract.numbers import chinese, fold
from duban.records import Extraction, ParsedDocument, Sentence



def _triples(sentence: str, **kwargs) -> list[tuple[str, float, str | None]]:
    return [(f.text, f.value, f.unit) for f in find_figures(sentence, **kwargs)]


# ----- what is a figure ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # scale words, decimals
        ("累计将12.2万名建档立卡贫困人口纳入低保", [("12.2万名", 122000, "名")]),
        ("累计支出困难群众救助资金37.78亿元", [("37.78亿元", 3778000000, "元")]),
        ("全市12.29万名城乡低保对象、0.51万名特困人员实现应保尽保",
         [("12.29万名", 122900, "名"), ("0.51万名", 5100, "名")]),
        # odd spacing as scraped (seed 002)
        ("减免、降低会费42. 5万元", [("42. 5万元", 425000, "元")]),
        # percentages, with and without qualifier
        ("全市丧事简办率达60%以上", [("60%以上", 60, "%")]),
        ("农村低保覆盖率达到6.31%", [("6.31%", 6.31, "%")]),
        ("覆盖率达到百分之九十五", [("百分之九十五", 95, "%")]),
        # run-on list of rates (seed 003)
        ("按照城乡低保分别提高5%8%以上的标准", [("5%", 5, "%"), ("8%以上", 8, "%")]),
        # 余 / 多 keep the stated number
        ("4万余名优抚对象已经享受", [("4万余名", 40000, "名")]),
        ("年均救助流浪乞讨人员5200多人次", [("5200多人次", 5200, "人次")]),
        ("共出动检查人员80余次", [("80余次", 80, "次")]),
        # ranges take the upper bound
        ("多数乡镇仅配有1-2名民政助理", [("1-2名", 2, "名")]),
        # rates
        ("农村低保标准由3015元/人年提高到5400元/人年",
         [("3015元/人年", 3015, "元/人年"), ("5400元/人年", 5400, "元/人年")]),
        ("城市低保标准由470元/人月提高到610元/人月",
         [("470元/人月", 470, "元/人月"), ("610元/人月", 610, "元/人月")]),
        ("特困人员供养标准为850元/人·月", [("850元/人·月", 850, "元/人月")]),  # written form, not a seed
        ("领取了每月55元的水电气等生活补贴", [("每月55元", 55, "元/月")]),
        # counts with measure words
        ("发放棉衣4420套,棉被6119套、大米1975袋、食用油660桶",
         [("4420套", 4420, "套"), ("6119套", 6119, "套"), ("1975袋", 1975, "袋"), ("660桶", 660, "桶")]),
        ("保障城乡低保家庭10839户、13085人", [("10839户", 10839, "户"), ("13085人", 13085, "人")]),
        ("全市已建成公益性公墓748处,墓穴74.5万个", [("748处", 748, "处"), ("74.5万个", 745000, "个")]),
        ("市依法登记的社会组织达到2369家", [("2369家", 2369, "家")]),
        ("全市共平(迁)散坟5万余座", [("5万余座", 50000, "座")]),
        ("发放光荣人家134852块", [("134852块", 134852, "块")]),
        ("全县共开展临时性生活救助627人次", [("627人次", 627, "人次")]),
        ("设置养老床位数达到1.35万张", [("1.35万张", 13500, "张")]),
        # Chinese numerals with a measure word (cn2an)
        ("采取三种方式,提升照料护理水平", [("三种", 3, "种")]),
        ("从十个方面着力,全力推动", [("十个", 10, "个")]),
        ("共计消除各类安全隐患六类143个", [("六类", 6, "类"), ("143个", 143, "个")]),
        ("开展临时救助两千余人次", [("两千余人次", 2000, "人次")]),  # 两/千 via cn2an
        ("发放资金三百五十万元", [("三百五十万元", 3500000, "元")]),
        # bare counts get 个; 4部门 keeps its noun
        ("今年计划改造10民营养老机构", [("10", 10, "个")]),
        ("及省民政厅、省财政厅等4部门《关于积极推行政府购买服务的意见》", [("4部门", 4, "个")]),
        # durations that are policy parameters, and age thresholds
        ("严格实行急难对象24小时内先行救助", [("24小时内", 24, "小时")]),
        ("认真落实6个月的低保渐退期制度", [("6个月", 6, "个月")]),
        ("集中力量对2年以上未参加年检的社会组织进行清理", [("2年以上", 2, "年")]),
        ("对象拓展到建档立卡户中的60周岁以上老年人", [("60周岁以上", 60, "周岁")]),
        ("资助年满18周岁仍在校就读的孤儿12人", [("18周岁", 18, "周岁"), ("12人", 12, "人")]),
        # after a colon that ends words, not digits (10:30 is a time); composed, not a seed
        ("补贴对象:60周岁以上老年人", [("60周岁以上", 60, "周岁")]),
        # prefixed qualifiers (spec qualifier list: 约, 近, 超过)
        ("约3000人参加培训", [("约3000人", 3000, "人")]),
        # full-width digits and signs keep their offsets
        ("全市共有养老机构１８７家，占比６０％以上", [("１８７家", 187, "家"), ("６０％以上", 60, "%")]),
    ],
)
def test_figures_values_and_units(sentence, expected):
    assert _triples(sentence) == [(text, pytest.approx(value), unit) for text, value, unit in expected]


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [("全市丧事简办率达60%以上", "以上"), ("4万余名优抚对象", "余"), ("约3000人参加", "约"),
     ("严格实行急难对象24小时内先行救助", "内"), ("累计支出资金142万元", None)],
)
def test_figures_qualifier(sentence, qualifier):
    assert find_figures(sentence)[0].qualifier == qualifier


def test_figures_range_low_bound():
    (figure,) = find_figures("多数乡镇仅配有1-2名民政助理或民政会计")
    assert (figure.low, figure.value) == (1, 2)


def test_figures_change_points_baseline_at_new_value():
    figures = find_figures("五年来,农村低保标准由3015元/人年提高到5400元/人年,城市低保标准由470元/人月提高到610元/人月")
    assert [f.baseline_of for f in figures] == [1, None, 3, None]
    assert [f.value for f in figures] == [3015, 5400, 470, 610]
    assert [f.subject for f in figures] == ["农村低保标准", "农村低保标准", "城市低保标准", "城市低保标准"]


def test_figures_growth_is_a_figure():
    assert _triples("全市社会救助资金比上年增长8%") == [("8%", 8, "%")]  # composed, not a seed


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("全年将新增养老床位4000张", "养老床位"),
        ("累计将12.2万名建档立卡贫困人口纳入低保", "建档立卡贫困人口"),
        ("改建了6个区域性养老服务中心", "区域性养老服务中心"),
        ("农村低保标准由3015元/人年提高到5400元/人年", "农村低保标准"),
    ],
)
def test_figures_subject(sentence, subject):
    assert find_figures(sentence)[0].subject == subject


def test_figures_offsets_point_into_the_document():
    document = "目前,全市已建成公益性公墓748处。全年将新增养老床位4000张,其中护理型床位2000张。"
    second = document.index("全年")
    figures = find_figures(document[second:], offset=second, sentence_index=1)
    assert [document[f.start:f.end] for f in figures] == ["4000张", "2000张"]
    assert {f.sentence_index for f in figures} == {1}


# ----- kinds ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "forward", "kinds"),
    [
        ("全年将新增养老床位4000张,其中护理型床位2000张", False, ["target", "target"]),
        ("力争护理型床位达到55%以上", False, ["target"]),
        ("新建街道综合养老服务机构12处、日间照料中心18处", True, ["target", "target"]),
        ("建成后将新增养老床位700张", False, ["target"]),
        ("目前已建成6处,为老人免费提供服务", True, ["achieved"]),  # 已 inside a plan passage
        ("累计将12.2万名建档立卡贫困人口纳入低保", False, ["achieved"]),  # 将 = 把
        ("农村低保标准由3015元/人年提高到5400元/人年", False, ["standard", "standard"]),
        ("领取了每月55元的水电气等生活补贴", False, ["standard"]),
        ("按照不低于当地最低生活保障标准的65%发放保障金", False, ["standard"]),
        ("认真落实6个月的低保渐退期制度", True, ["standard"]),
        ("在保障省定7类重点救助对象的同时", False, ["standard"]),
        ("及省民政厅、省财政厅等4部门《关于积极推行政府购买服务的意见》", False, ["other"]),
        # from tests/gold g01-g06: levels in reports and plans
        # a raised standard is a norm in force in a report, a target in a plan
        ("城市低保标准由每人每月690元提高到720元。", False, ["standard", "standard"]),
        ("城乡低保标准提高到每人每月1300元以上。", True, ["target"]),
        ("乡镇临时救助审批额度提高到3000元,全年实施临时救助4512人次。", False, ["standard", "achieved"]),
        # multiples of a standard stay norms even in plans; a volume of hours is a target
        ("将认定标准由低保标准的1.5倍提高到2倍。", True, ["standard", "standard"]),
        ("提供照护服务6万小时以上。", True, ["target"]),
        # per-unit grants and caps are norms; a price paid is a result
        ("60至79周岁老年人每餐补贴1元。", False, ["standard", "standard"]),
        ("单个助餐点平均服务半径控制在1公里以内。", False, ["standard"]),
        ("城镇登记失业率控制在2.5%以内。", False, ["achieved"]),
        ("老人实际负担每餐在5元至8元之间。", False, ["achieved"]),
        # 将累计 is the future, 累计 alone the past
        ("“十四五”期间,全区将累计新增养老床位2000张以上。", False, ["target"]),
        ("累计发放低保金1.62亿元。", False, ["achieved"]),
    ],
)
def test_figures_kind(sentence, forward, kinds):
    assert [f.kind for f in find_figures(sentence, forward=forward)] == kinds


def test_figures_problems_passage_is_other():
    figures = find_figures("目前全市187家养老机构,取得许可手续的仅有27家", problems=True)
    assert [(f.text, f.kind) for f in figures] == [("187家", "other"), ("27家", "other")]


def _parsed(sentences: list[tuple[str, str | None]], when: date | None = date(2018, 4, 10)) -> ParsedDocument:
    text, rows = "", []
    for i, (s, role) in enumerate(sentences):
        rows.append(Sentence(index=i, start=len(text), end=len(text) + len(s), text=s, paragraph=i, role=role))
        text += s
    return ParsedDocument(source="t", sha256="0" * 64, format="txt", raw_text=text, text=text, date=when, sentences=rows)


def test_figures_passages_follow_headings_and_questions():
    parsed = _parsed([
        ("截至3月底,全市共为20.05万名城乡低保对象发放低保救助金1.98亿元。", None),
        ("二、存在的突出问题", None),
        ("目前全市187家养老机构,取得许可手续的仅有27家。", None),
        ("三、面临的形势和下一步打算", None),
        ("年内再完成20家民营养老机构改造。", None),
        ("下一步还有什么具体安排?", "reporter"),
        ("在30个城市社区引入社会组织。", "official"),
        ("请介绍一下今年以来取得了哪些成效?", "reporter"),
        ("新建5个城镇社区嵌入式养老服务中心。", "official"),
    ])
    assert [p.kind for p in sentence_passages(parsed)] == [
        "report", "problems", "problems", "plan", "plan", "question", "plan", "question", "report",
    ]


def test_figures_component_sets_doc_figures_with_document_offsets():
    import spacy  # here, not at import: spaCy brings thinc and torch (seconds per process)

    from duban.extract.components import clauses_component, figures_component, passages_component

    parsed = _parsed([
        ("五年来,农村低保标准由3015元/人年提高到5400元/人年。", None),
        ("全市已建成公益性公墓748处。", None),
    ])
    nlp = spacy.blank("zh")  # character segmentation: the component reads doc._.parsed only
    doc = nlp.make_doc(parsed.text)
    doc._.parsed = parsed
    figures = figures_component(clauses_component(passages_component(doc)))._.figures
    assert [parsed.text[f.start:f.end] for f in figures] == ["3015元/人年", "5400元/人年", "748处"]
    assert [f.sentence_index for f in figures] == [0, 0, 1]
    assert figures[0].baseline_of == 1


def test_figures_component_without_parsed_document_sets_empty_list():
    import spacy

    from duban.extract.components import figures_component

    doc = spacy.blank("zh").make_doc("全市已建成公益性公墓748处。")
    assert figures_component(doc)._.figures == []


# ----- what is not a figure ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # years, dates, months, times
        "2021年是中国共产党成立100周年",
        "时间:2021-11-16 07:12:13 来源:陕新发布",
        "11月12日10:30,延安市人民政府新闻办公室举行发布会",
        "截至3月底,全面实施;难残疾人单人保政策于1月份全面实施",
        "一季度,全市共实施医疗救助",
        # time-frame durations
        "五年来,农村低保标准持续提高",
        "两年多来,我们立足实际",
        "继续开展养老服务设施三年改造提升工程",
        # phones, hotlines, platforms, postcodes, addresses
        "开通12345社会救助服务热线",
        "12349平台建设完成后,由专业养老服务组织开展试点",
        "电话:0539-7200966 传真:0539-7200917",
        "邮编:276000",
        "临沂市北城新区北京路13号(市人民防空办公室大楼5-8层)",
        # document, index and file numbers
        "《市政府办公室关于印发民营养老机构的通知》(宿政办发〔2017〕150号)已明确",
        "继续推动省59号文件落实",
        "索引号 1360274559/mzj/2020-0000090",
        "鲁ICP备05023652号 政府网站标识码:3713000019",
        # list markers
        "一是要建立困难群众主动发现机制",
        "(一)进一步优化兜底保障政策服务供给",
        "1.加强组织领导",
        # ordinals and ranks
        "系列新闻发布会第五场",
        "延安市被确定为第四批中央财政支持开展居家和社区养老服务改革试点城市",
        "救助人次及金额均居全省第二",
        "推动二级以上综合医院与养老机构开展合作",
        # labels and slogans
        "出台服务业纾困解难的“惠7条”措施",
        "“十四五”时期是奋力谱写新篇章的关键五年",
        "全市社会救助标准实现“十连增”",
        "着力强化“五项”措施,着力健全“五大体系”",
        "二是探索“1+2+3”工作模式",
        "及时足额发放残疾人两项补贴",
        "督促全面落实“四议两公开”",
        "探沂镇积极建设“一老一小”幸福家园",
        "目前两项目已经完成主体工程",
        # level descriptors
        "建立了覆盖“市县乡村”四级的未成年人保护网络",
        "推动市县两级未成年人保护中心建设",
        "压实县、乡、村三级责任",
        # 一 as an article
        "建设一批养老服务设施,建设一支专业的基层社会工作人才队伍",
        "开展一次老年人健康体检",
        # placeholders (template text, not a seed)
        "新增X家养老机构,投入×亿元,服务xx人",
        # injected spam (raw seed 003)
        "明确了188比分直播城乡社区",
        # place names with a numeral and a measure word (not a seed)
        "七台河市和五家渠市民政局",
        "长春市九台区、双鸭山市四方台区和东方市八所镇",  # named in the gazetteer, not in a list here
    ],
)
def test_figures_not_a_figure(sentence):
    assert find_figures(sentence) == []


# ----- bad input --------------------------------------------------------------------------------


def test_figures_empty_and_none():
    assert find_figures("") == []
    assert find_figures(None) == []  # type: ignore[arg-type]


def test_figures_document_of_only_numbers():
    assert find_figures("1234567890" * 50) == []
    assert find_figures("12 34 56 78 90 3.14 2.71") == []


@pytest.mark.slow  # 1 MB of text
@pytest.mark.parametrize(
    ("unit", "per_unit"),
    [
        ("全市新增养老床位4000张其中护理型床位2000张占比50%以上累计支出资金1.98亿元", 4),
        ("“惠7条”新建日间照料中心18处农村幸福院24处覆盖率90%“十四五”", 3),  # quotes, no past cue
    ],
    ids=["past-cues", "quotes"],
)
def test_figures_one_megabyte_line(unit, per_unit):
    line = unit * (1_000_000 // len(unit))
    figures = find_figures(line)
    assert len(figures) == per_unit * (1_000_000 // len(unit))


@pytest.mark.slow
def test_figures_one_megabyte_of_digits_and_dots():
    assert find_figures("1." * 500_000) == []


def test_figures_mixed_traditional_text():
    figures = find_figures("累計發放救助資金142萬元,保障城鄉低保家庭10839戶、兩千餘人次")
    assert [(f.text, f.value, f.unit) for f in figures] == [
        ("142萬元", 1420000, "元"), ("10839戶", 10839, "户"), ("兩千餘人次", 2000, "人次"),
    ]


def test_numbers_fold_keeps_length_and_chinese_rejects_labels():
    assert fold("１２萬個２４小時內") == "12万个24小时内"
    assert len(fold("１２萬個")) == 4
    assert chinese("十四五") is None
    assert chinese("三百五十") == 350


# ----- against the seed gold --------------------------------------------------------------------

# Pinned at what the rules achieve on the seeds; floors only move up. The one miss is a scorer
# placement effect: gold "10" of seed 003 is placed by occurrence rank in the raw file, and the
# cleaned text lacks the header date 2018-04-10, so the rank lands on "110家".
FLOORS = {"f1": 0.99, "value": 0.99, "kind": 0.98}


def test_figures_seed_gold_floor():
    from duban.score import PRFScore, Accuracy, read_gold, score_document
    from duban.ingest import parse_raw, read_file

    total, value, kind = PRFScore(), Accuracy(), Accuracy()
    for gold in read_gold(SEEDS_GOLD):
        parsed = parse_raw(read_file(SEEDS / gold["file"], 10_000_000))
        figures = []
        for sentence, passage in zip(parsed.sentences, sentence_passages(parsed)):
            figures += find_figures(sentence.text, sentence.start, sentence.index, passage.forward,
                                    problems=passage.kind == "problems")
        score = score_document(gold, parsed, Extraction(figures=figures))
        total += score.figures
        value += score.fields["figure.value"]
        kind += score.fields["figure.kind"]
    assert total.f1 >= FLOORS["f1"], total.to_dict()
    assert value.value >= FLOORS["value"], value.to_dict()
    assert kind.value >= FLOORS["kind"], kind.to_dict()


# ----- ranges and plan sections (tests/gold g01-g06) ------------------------------------------


def test_figures_ranges_rates_and_bounds():
    figures = find_figures("每年给予2万至5万元运营补贴,巡查不少于每周3次,按每个不超过10万元的标准补助。")
    assert [(f.text, f.value, f.low, f.unit, f.qualifier) for f in figures] == [
        ("2万至5万元", 50000, 20000, "元", None),
        ("每周3次", 3, None, "次/周", "不少于"),
        ("10万元", 100000, None, "元", "不超过"),
    ]


def test_figures_plan_sections_by_title_and_document_type():
    parsed = _parsed([
        ("一、2023年工作开展情况", None),
        ("建成县级养老服务指导中心1个。", None),
        ("二、2024年主要工作（节选）", None),
        ("新增养老床位500张。", None),
        ("目前全县60周岁以上老年人有9.1万人。", None),
        ("新建长者饭堂20间。", None),
    ], when=date(2024, 1, 15))
    assert [p.forward for p in sentence_passages(parsed)] == [False, False, True, True, False, True]
    plan = replace(_parsed([("新增养老机构床位800张。", None)]), doc_type="work_plan")
    assert [p.kind for p in sentence_passages(plan)] == ["plan"]  # a work plan is all plan


# ----- real dev lines with figure gold (tests/real/ann_fig, annotator T) ------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # b18, e19: a session of a congress or plenum is an ordinal, not a count of 次
        ("落实省第十五次党代会第八次党代会县委十四届四次全会要求,坚持以人民为中", []),
        ("关于兴庆区人大四届三次会议第16号“关于将解放", []),
        ("3月6日上午,出席十四届全国人大四次会议的贵州代表团在驻地", []),  # e04
        # c02: a news story's items numbered 1…7 with no mark after the digit
        ("1开展职业技能培训和评价取证", []),
        # b06: 3个亿元以上项目 is three projects of over 亿元, not 3亿
        ("成功招引元宇宙混合现实技术展演场景应用、浙江南北能源等3个亿元以上项目。", [("3个", 3, "个")]),
        # a12: a Chinese numeral before 部门 counts like 4部门 (the guideline's issuers)
        ("会同市财政局等五部门联合印发《关于提升北京市养老助餐服务管理水平的实施意见》", [("五部门", 5, "个")]),
        # T2's dev documents: d16 a voltage class, e11 and f04 places named 四台 and 三台山, r11
        # the list's count pointed back at after it was given
        ("持续完善输配电网络,启动110千伏坪地输变电工程,积极申报110千伏卯家湾输变电工程;", []),
        ("区教育局高度重视四台地区学校建设和学生入学事宜,", []),
        # d19: 村 after digits counts villages like 乡镇; 三村片区 (e11) stays a place
        ("完成陇城上袁等31村扶贫开发整村推进项目建设;改造农村危旧房2000户", [("31村", 31, "个"), ("2000户", 2000, "户")]),
        ("在三村片区布局一所占地约30亩", [("约30亩", 30, "亩")]),
        ("近日,中共三台山乡委员会印发了《三台山德昂族乡2023年政府工作报告》", []),
        ("票决产生八个民生实事项目。 这八件民生实事项目是:", [("八个", 8, "个")]),
        # b21, as cleaning leaves its traditional script (simplified): 课时 is a unit
        ("建设1个家校共育&&,打造1000课时的家庭教育课程资源库", [("1个", 1, "个"), ("1000课时", 1000, "课时")]),
        # units of power, energy, length and concentration, and 盏 of lamps: a11, k11, a22, y13, h11
        ("新增开发装机超过600万千瓦", [("超过600万千瓦", 6e6, "千瓦")]),
        ("全社会用电量突破1000亿千瓦时", [("1000亿千瓦时", 1e11, "千瓦时")]),
        ("细颗粒物年均浓度27微克/立方米、下降11.5%", [("27微克", 27, "微克"), ("11.5%", 11.5, "%")]),
        ("土层在30厘米左右,适宜寒果种植", [("30厘米左右", 30, "厘米")]),
        ("硬化道路10万平方米并安装太阳能路灯1000盏,惠及17个乡镇(街道办)",
         [("10万平方米", 1e5, "平方米"), ("1000盏", 1000, "盏"), ("17个", 17, "个")]),
    ],
)
def test_figures_real_dev_lines(line, expected):
    assert _triples(line) == expected


def test_figures_a_numeral_and_tai_count_machines_unless_a_place_is_named():
    # places from the gazetteer (四方台区) or before a place word (四台小学, e11); machines otherwise
    assert _triples("为四台小学购置五台电脑,四方台区购置三台") == [("五台", 5, "台"), ("三台", 3, "台")]


def test_figures_after_a_connective_ending_in_ci_are_counted():
    # 此 points back only alone (此3个项目); 因此 / 为此 are connectives before a new count
    assert _triples("因此3个项目已完成,为此10家企业参与") == [("3个", 3, "个"), ("10家", 10, "家")]
    assert _triples("此3个项目已完成") == []


def test_figures_count_of_the_shishi_a_list_promises_is_a_target():
    # c02 (dev): the scope of the year's 实事 list, in a news story of how it was drawn up
    line = "研究制订工作方案等4个阶段,最终确定了10件省重点民生实事,形成了《"
    assert [(f.text, f.kind) for f in find_figures(line)] == [("4个", "achieved"), ("10件", "target")]
    # tests/gold g02: a list reported done is achieved
    assert [f.kind for f in find_figures("十件民生实事全部完成。")] == ["achieved"]
    assert [f.kind for f in find_figures("扎实开展九项“我为群众办实事”实践活动")] == ["achieved"]  # c11
