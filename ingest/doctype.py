"""A document's type (shared/spec/records.md doc_type), by the rules of data/doc_types.tsv
tried on its title, its opening lines and its text, and a news byline."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..lexicon import cues
from .title import SECTION_HEADING, SENTENCE_END

DOC_TYPES = ("interview", "press_conference", "work_report", "work_plan", "government_report",
             "notice", "news", "other")
DATA = Path(__file__).parent / "data"
_CUE_KIND = re.compile(r"\{(?P<kind>[a-z_]+)\}")


def _with_cues(pattern: str) -> str:
    """``pattern`` with each {kind} (a name, never a quantifier such as {2,80}) spelled out by
    that kind of the cue lexicon (lexicon/data/cues.tsv)."""
    return _CUE_KIND.sub(lambda m: f"(?:{cues.sources()[m['kind']]})", pattern)


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


def _lead(lines: list[str]) -> str:
    """The first paragraph of the body, where a story's byline stands below its page's chrome
    and date line (天津北方网讯:今晚播出的…, tests/real w14)."""
    return next((line for line in lines if SENTENCE_END.search(line) and len(line) > _LEAD_MIN), "")


_LEAD_MIN = 20  # a shorter sentence is a caption or a slogan, not a paragraph


def read_doc_type(title: str | None, raw: str, lines: list[str]) -> str:
    """The shipped model's decision (doctype_model.py) over the rules' verdicts and the title's
    and opening's characters; the rules' answer (``rule_doc_type``) when no model ships."""
    from .doctype_model import features, load_model

    model = load_model()
    stages = stage_verdicts(title, raw, lines, every=model is not None)
    rule = first_verdict(stages)
    return model.predict(features(title, lines, stages, rule)) if model else rule


def rule_doc_type(title: str | None, raw: str, lines: list[str]) -> str:
    """The first rule of doc_types.tsv that matches, stage by stage (``_DOC_TYPE_STAGES``). A
    section's heading (二、2024年工作安排) names a part, not the kind of document: its rules are
    the opening's and the text's (the report's 各位代表, tests/real u13)."""
    return first_verdict(stage_verdicts(title, raw, lines))


def first_verdict(stages: list[tuple[str, str | None]]) -> str:
    """The rules' answer: the first stage's that decides, else other."""
    return next((kind for _, kind in stages if kind), "other")


def stage_verdicts(title: str | None, raw: str, lines: list[str], every: bool = False) -> list[tuple[str, str | None]]:
    """(stage, the kind its first matching rule gives, or None) stage by stage, the byline's
    stage named ``byline``; up to the first stage that decides, or every stage when ``every``
    (the learned model reads them all as features: doctype_model.py)."""
    opening = "\n".join(lines[:4])
    if title and SECTION_HEADING.fullmatch(title):
        title = None
    texts = {"title!": title or "", "opening!": opening, "title": title or "", "opening": opening,
             "text": raw}
    rules = _doc_type_rules()
    out = []
    for stage in _DOC_TYPE_STAGES:
        if stage is None:
            found = "news" if _BYLINE.search(opening) or _BYLINE.search(_lead(lines)) else None
        else:
            found = next((kind for kind, where, pattern in rules
                          if where == stage and pattern.search(texts[stage])), None)
        out.append((stage or "byline", found))
        if found and not every:
            break
    return out
