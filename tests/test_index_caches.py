"""The search-time caches kept for tracking passes: decoded catalog units and the last filter
mask. Both must give what an uncached lookup gives, and forget on every write or rebuild."""

from __future__ import annotations

from duban.index.catalog import Catalog
from duban.index.filters import Filters
from duban.index.lexical import LexicalIndex, Postings, tokens
from duban.records import Unit

SENTENCES = [("上海市", "新增4000张养老床位"), ("广东省", "城镇新增就业超143万人"), ("上海市", "完成1581个公共充电桩建设")]


def _unit(n: int, region: str, text: str) -> Unit:
    return Unit(id=f"u{n}", unit="sentence", document_id=f"d{n}", text=text, sentence=text, search_text=text, region=region)


def test_index_catalog_cache_forgets_on_every_write(tmp_path):
    catalog = Catalog(tmp_path / "catalog.sqlite")
    catalog.replace({"d0": ""}, [_unit(0, "上海市", "新增4000张养老床位")], [["养老"]])
    assert catalog.get(["u0"])["u0"].text == "新增4000张养老床位"
    catalog.replace({"d0": ""}, [_unit(0, "上海市", "新增4385张养老床位")], [["养老"]])
    assert catalog.get(["u0"])["u0"].text == "新增4385张养老床位"  # the re-indexed text, not the cached one
    catalog.remove(["d0"])
    assert catalog.get(["u0"]) == {}


def _postings(units: list[Unit]) -> Postings:
    postings = Postings()
    for unit in units:
        postings.add(unit, tokens(unit.text))
    return postings


def test_index_lexical_mask_is_kept_per_filters_and_rebuilt_with_the_index(tmp_path):
    units = [_unit(n, region, text) for n, (region, text) in enumerate(SENTENCES)]
    index = LexicalIndex(tmp_path)
    index.build(_postings(units))
    shanghai, guangdong = Filters(regions=("上海市",)), Filters(regions=("广东省",))
    for filters in (shanghai, guangdong, shanghai):
        assert index.mask_for(filters).tolist() == filters.mask(index.columns).tolist()
    index.build(_postings(units[1:]))
    assert index.mask_for(shanghai).tolist() == [False, True]
