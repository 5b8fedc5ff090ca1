"""Speaker turns of interview and press-conference transcripts.

A turn opens with a label at the start of a line, and what is said follows on the same line
or on the next lines, up to the next label:

    市政府网站:大家好!…            (seed 000; a host label ending in 网站)
    孙百迎:主持人好,…              (a bare name, introduced in the text as 局长孙百迎)
    问:… / 答:…                    (seed 004)
    华商报记者:⏎…                  (seed 002; the label alone on its line)
    中共延安市委宣传部副部长贺冬梅:⏎  (title + name; the speaker is 贺冬梅, a host)
    主持人⏎…                       (a role word or an introduced name alone on a line)
    中央广播电视总台央视记者⏎…     (a reporter's outlet alone on a line, tests/real ax10)
    市城管委党组书记、主任 胡学春:… (a title and, after a space, the name: 胡学春, tests/real u06)
    [主持人]今天… / [网友 VEAVS]请问… / [周锡生]谢谢… (a label in square brackets, colon or not:
                                   tests/real bp02, e13; a bare name so set apart on two lines or more
                                   is a speaker even if the text never introduces it)

Labels that are neither a role word, nor a title with a name, nor a name the text introduces
(女士们、先生们、记者朋友们: / 总体要求是:) open no turn. A text with fewer than two speakers
is not a transcript and has no turns.
"""

from __future__ import annotations

import re

from ..records import SpeakerTurn

__all__ = ["find_turns"]

_TITLES = (r"(?:党组书记|书记|副?局长|副?主任|副?部长|副?厅长|副?处长|副?科长|[一二三四]级调研员|调研员|"
           r"副?县长|副?市长|副?区长|副?省长|副?镇长|副?乡长|副?主席|秘书长|负责人|发言人|干部)")
_NAME = r"[\u4e00-\u9fff]{2,4}"
# label: no sentence punctuation and no title brackets (【在线访谈】…局长王志强:织密… is a
# headline, tests/gold g05); an optional note: 主持人(市人民政府新闻办公室副主任 彭立新).
_LABEL = re.compile(
    r"(?P<label>[^\s,，。！？!?；;:：“”\"()（）【】《》\[\]]{1,30}?(?:[ \u3000][\u4e00-\u9fff]{2,4})?)"
    r"(?P<note>\s*[(（][^()（）]{0,40}[)）])?\s*[:：]\s*"
)
_HOST = re.compile(r"^主持人|(?:主持人|主持|网站)$|宣传部|新闻办")  # 主持人毕铭鑫 (e13)
_REPORTER = re.compile(r"(?:记者|编辑|网友|提问|^问)$|^网友")  # 网友 VEAVS (bp02)
# [周锡生]… / [福建省南平市蒲城县县长陈国发]:… : a label in square brackets opening a line; a time
# stamp ([01-09 17:27]) or an index line ([ 发布日期 ]) has no Han name and is no speaker.
_BRACKETED = re.compile(r"\[(?P<label>[^\[\]\s,，。！？!?；;:：]{1,30}(?:[ \u3000][^\[\]\s]{1,16})?)\]\s*[:：]?\s*")
_OFFICIAL = re.compile(rf"(?:^答|嘉宾|发布人|{_TITLES})$")
_TITLED_NAME = re.compile(rf"{_TITLES}(?P<name>{_NAME})$")
_ROLE_WORDS = {"主持人": "host", "问": "reporter", "答": "official"}
_BARE_MAX = 4  # a role word or a name alone on a line is short
_BARE_REPORTER = re.compile(r"[^\s,，。！？!?；;:：“”\"()（）【】《》\[\]]{1,16}记者")  # 中央广播电视总台央视记者


def _introduced(name: str, text: str) -> bool:
    """Whether the text presents ``name`` as a person: 局长孙百迎, 田勇同志, 何树德先生."""
    n = re.escape(name)
    return bool(re.search(rf"{_TITLES}{n}|{n}(?:同志|先生|女士|{_TITLES})", text))


def _speaker(label: str, text: str, known: dict[str, str], named: frozenset[str] = frozenset()
             ) -> tuple[str, str] | None:
    """(speaker, role) for a label, or None when the label is no speaker; ``named``: the bare
    names the text sets apart as labels in square brackets more than once."""
    if label in known:
        return label, known[label]
    titled = _TITLED_NAME.search(label)
    if _HOST.search(label):
        return (titled["name"] if titled else label), "host"
    if _REPORTER.search(label):
        return label, "reporter"
    if titled:
        return titled["name"], "official"
    if _OFFICIAL.search(label):
        return label, "official"
    if re.fullmatch(_NAME, label) and (label in named or _introduced(label, text)):
        return label, "official"
    return None


def _bracketed_names(text: str) -> frozenset[str]:
    """Bare names opening two lines or more in square brackets ([周锡生]…, bp02)."""
    labels = re.findall(rf"(?m)^[ \t\u3000]*\[({_NAME})\]", text)
    return frozenset(name for name in labels if labels.count(name) > 1)


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def find_turns(text: str) -> list[SpeakerTurn]:
    """Speaker turns in text order; ``start``/``end`` span what is said, labels excluded."""
    opened: list[tuple[int, int, str, str]] = []  # (label start, speech start, speaker, role)
    known: dict[str, str] = dict(_ROLE_WORDS)  # speaker → role, so 贺冬梅: stays a host
    pending: tuple[int, str, str] | None = None  # a label alone on its line, waiting for speech
    named = _bracketed_names(text) if "[" in text else frozenset()
    for line_start, line in _lines(text):
        stripped = line.strip()
        if not stripped:
            continue
        lead = line_start + len(line) - len(line.lstrip())
        if pending:
            opened.append((pending[0], lead, pending[1], pending[2]))
            pending = None
        m = _BRACKETED.match(stripped) or _LABEL.match(stripped)
        # 市城管委党组书记、主任 胡学春: a title and the name after a space (u06, o12, ax09) is one label
        found = _speaker(re.sub(r"[ \u3000]", "", m["label"]), text, known, named) if m else None
        if m and found:
            known[found[0]] = found[1]
            if m.end() < len(stripped):
                opened.append((lead, lead + m.end(), *found))
            else:
                pending = (lead, *found)
            continue
        alone = len(stripped) <= _BARE_MAX or _BARE_REPORTER.fullmatch(stripped)
        bare = _speaker(stripped, text, known) if alone else None
        if bare:
            pending = (lead, *bare)
    if len({speaker for *_, speaker, _ in opened}) < 2:
        return []
    turns = []
    for i, (_, start, speaker, role) in enumerate(opened):
        end = opened[i + 1][0] if i + 1 < len(opened) else len(text)
        end = len(text[:end].rstrip())
        if end > start:
            turns.append(SpeakerTurn(speaker, role, start, end))
    return turns
