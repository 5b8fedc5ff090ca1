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


def test_index_lexical_postings_score_as_bm25s_does_on_token_strings(tmp_path):
    """Tokens handed to bm25s as ids into one vocabulary (index/lexical.py ``Postings``) give
    the scores of bm25s's own string path, an empty unit included."""
    import bm25s
    import numpy as np

    from duban.index.lexical import LexicalIndex, Postings
    from duban.records import Unit

    texts = seed_sentences()[:300] + ["。"]
    postings = Postings()
    for n, text in enumerate(texts):
        postings.add(Unit(id=f"u{n}", unit="sentence", document_id="d", text=text, sentence=text,
                          search_text=text), tokens(text))
    index = LexicalIndex(tmp_path / "bm25")
    index.build(postings)
    index.save("g")
    assert index.load() and index.size == len(texts)
    plain = bm25s.BM25()
    plain.index([tokens(t) or ["\u2400"] for t in texts], show_progress=False)
    for question in ("养老床位", "城乡居民医保", "低保标准提高"):
        asked = [t for t in query_tokens(question) if t in plain.vocab_dict]
        ours = index.bm25.get_scores(asked)
        assert np.allclose(ours, plain.get_scores(asked)) and ours.max() > 0
