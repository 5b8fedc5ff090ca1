"""The lexical channel's word cut: rjieba must cut exactly as jieba does (HMM off), so an index
built with either is searched correctly with the other."""

from __future__ import annotations

import re

import jieba
import rjieba
from paths import CORPUS

from duban.index.lexical import query_tokens, tokens



def seed_sentences() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    return [s for s in re.split(r"[。！？\n]", text) if len(s) > 4]


def test_index_lexical_rjieba_cuts_like_jieba():
    sentences = seed_sentences()
    assert len(sentences) > 300
    differing = [s for s in sentences if rjieba.cut(s, hmm=False) != jieba.lcut(s, HMM=False)]
    assert differing == []


def test_index_lexical_tokens_are_words_bigrams_and_characters():
    got = tokens("新增养老床位700张")
    assert {"养老", "床位", "700"} <= set(got)
    assert {"新增", "增养", "养老", "老床", "床位"} <= set(got)  # bigrams of the Han run
    assert got.count("养老") == 2  # a two-character word counts as word and as bigram
    assert {"新", "增", "床", "位"} <= set(got)  # the characters of the Han run


def test_index_lexical_query_drops_question_words():
    assert "多少" not in query_tokens("低保标准是多少") and "低保" in query_tokens("低保标准是多少")
