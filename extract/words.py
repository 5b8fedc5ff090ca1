"""Words of jieba's dictionary, for rules that must see a character belong to the word before it."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def two_char_words() -> frozenset[str]:
    """Two-character words of jieba's dictionary: 完成县级 → 完成, not 成县 (regions.py);
    青年初心 → 青年, not 年初 (timex.py)."""
    import jieba

    with jieba.dt.get_dict_file() as f:  # binary lines: b"word freq tag\n"
        words = (line.split(maxsplit=1)[0].decode("utf-8") for line in f)
        return frozenset(w for w in words if len(w) == 2)
