"""Filters in both channels, record units from extraction, one result per sentence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from paths import REAL
from test_index_support import make_store, seed_docs, settings_for, tiny_model  # noqa: F401

from duban.extract import extract_document
from duban.index import Filters, Index, hit_dict
from duban.ingest import parse_raw
from duban.records import Commitment, Extraction, Figure, HitRecord, Quantity, RawDocument

CHANNELS = [("dense",), ("lexical",), ("dense", "lexical")]
# tests/real f03: 沅江市's 2023 民生实事 list, voted and published on 2022-12-21, no title.
PLAN_2023 = REAL / "docs" / "f03_yuanjiang_shishi_piaojue_2023.txt"
YEAR_2023 = Filters(since=date(2023, 1, 1), until=date(2023, 12, 31))


def _sentence_of(doc, text):
    return next(s for s in doc.sentences if text in s.text)


def _extraction(doc) -> Extraction:
    """Seed 000: 全年将新增养老床位4000张,其中护理型床位2000张 as one commitment and two figures."""
    sentence = _sentence_of(doc, "全年将新增养老床位4000张")
    clause = "将新增养老床位4000张"
    start = doc.text.index(clause, sentence.start)
    figures = [Figure(text=t, start=doc.text.index(t, sentence.start), end=doc.text.index(t, sentence.start) + len(t),
                      sentence_index=sentence.index, value=v, unit="张", kind="target", subject=s)
               for t, v, s in (("4000张", 4000, "养老床位"), ("2000张", 2000, "护理型床位"))]
    commitment = Commitment(text=clause, start=start, end=start + len(clause), sentence_index=sentence.index,
                            topic="养老服务", deadline_text="全年", quantity=Quantity(4000.0, "张", "4000张"))
    return Extraction(figures=figures, commitments=[commitment], sentence_topics=["养老服务"] * len(doc.sentences))


@pytest.fixture(scope="module")
def index(tmp_path_factory, seed_docs, tiny_model):  # noqa: F811
    directory = tmp_path_factory.mktemp("filters")
    store = make_store(directory, seed_docs)
    store.save_extraction(seed_docs[0], _extraction(seed_docs[0]), "test-1")
    built = Index(settings_for(directory, embed_model=str(tiny_model)), store)
    built.update()
    return built


@pytest.fixture(scope="module")
def plan_index(tmp_path_factory, seed_docs, tiny_model):  # noqa: F811
    """f03 with its extraction, beside seeds 002 (dated 2021-11-16) and 001 (undated)."""
    directory = tmp_path_factory.mktemp("plan_years")
    store = make_store(directory, [seed_docs[1], seed_docs[2]])
    plan = parse_raw(RawDocument(source=str(PLAN_2023), data=PLAN_2023.read_bytes(), filename=PLAN_2023.name))
    store.save_document(plan)
    store.save_extraction(plan, extract_document(plan), "test-1")
    built = Index(settings_for(directory, embed_model=str(tiny_model)), store)
    built.update()
    return built


@pytest.mark.parametrize("use", CHANNELS)
def test_index_filters_region_matches_enclosing_divisions(index, use):
    hits = index.search("养老服务设施建设", Filters(regions=("临沂市",)), k=30, use=use)
    assert hits
    assert {h.region for h in hits} <= {"临沂市", "费县"}  # 费县 lies in 临沂市
    assert "费县" in {h.region for h in index.search("养老", Filters(regions=("临沂市",)), k=50, use=use)}


@pytest.mark.parametrize("use", CHANNELS)
def test_index_filters_level_with_parent_region(index, use):
    hits = index.search("养老服务", Filters(regions=("临沂市",), levels=("county",)), k=20, use=use)
    assert hits and {h.region for h in hits} == {"费县"}


@pytest.mark.parametrize("use", CHANNELS)
def test_index_filters_dates_keep_undated_documents(index, use):
    hits = index.search("养老服务", Filters(since=date(2021, 1, 1), until=date(2021, 12, 31)), k=50, use=use)
    assert hits
    # 延安市 is dated 2021-11-16; 费县 and 六盘水市 are undated; 临沂市 (2020) and 宿迁市 (2018) are out.
    assert {h.region for h in hits} <= {"延安市", "费县", "六盘水市"}
    assert all(h.date is None or h.date.startswith("2021") for h in hits)


@pytest.mark.parametrize("use", CHANNELS)
def test_index_filters_unit_kind_and_figure_kind(index, use):
    commitments = index.search("新增养老床位", Filters(units=("commitment",)), k=5, use=use)
    assert [h.kind for h in commitments] == ["commitment"]
    row = hit_dict(commitments[0])
    assert row["text"] == "将新增养老床位4000张" and row["topic"] == "养老服务" and row["deadline_text"] == "全年"
    assert "全年将新增养老床位4000张" in row["sentence"] and row["region"] == "临沂市"
    figures = index.search("护理型床位", Filters(kinds=("target",)), k=5, use=use)
    assert figures and all(h.kind == "figure" for h in figures)


def test_index_hit_record_is_typed_and_answers_carry_its_whole_row(index):
    """``Hit.record`` reads typed (quantity, deadline, value) and the JSON result still holds every
    field of the store row; the JSON read back (``ask --server``) gives the same hit."""
    from duban.index.query import hit_from_dict

    commitment = index.search("新增养老床位", Filters(units=("commitment",)), k=1)[0]
    record = commitment.record
    assert record.quantity == Quantity(value=4000.0, unit="张", text="4000张") and record.deadline_text == "全年"
    row = hit_dict(commitment)
    assert {k: row[k] for k in record.row if k != "text"} == {k: v for k, v in record.row.items() if k != "text"}
    assert row["quantity"] == {"value": 4000.0, "unit": "张", "text": "4000张"} and "record" not in row
    assert hit_dict(hit_from_dict(row)) == row and hit_from_dict(row).record.quantity == record.quantity
    figure = index.search("护理型床位", Filters(kinds=("target",)), k=1)[0]
    assert figure.record.value == 2000.0 and figure.record.unit == "张" and figure.record.text == figure.text
    sentence = index.search("养老服务", Filters(units=("sentence",)), k=1)[0]
    assert sentence.record is None and hit_from_dict(hit_dict(sentence)) == sentence


def test_index_units_carry_typed_records_through_the_catalog(index, seed_docs):  # noqa: F811
    """``Unit.record`` is typed (quantity, deadline, subject) over the whole store row, and a unit
    read back from the catalog's JSON equals the unit built from the store."""
    from duban.index.catalog import Catalog
    from duban.index.units import document_units

    built = {u.id: u for u in document_units(index.store, [seed_docs[0].id])}
    read = Catalog(index.catalog.path).get(built)
    assert read == built
    commitment = next(u for u in read.values() if u.unit == "commitment")
    assert isinstance(commitment.record, HitRecord) and commitment.record.row["id"] == commitment.id
    assert commitment.record.quantity == Quantity(4000.0, "张", "4000张") and commitment.record.deadline_text == "全年"
    figures = {u.text: u.record for u in read.values() if u.unit == "figure"}
    assert figures["2000张"].subject == "护理型床位" and figures["2000张"].value == 2000.0
    assert all(u.record is None for u in read.values() if u.unit == "sentence")


def test_index_filters_one_result_per_sentence_shown_as_preferred_kind(index):
    as_figure = index.search("护理型床位多少张", Filters(prefer_units=("figure",)), k=10)
    keys = [(h.document_id, h.sentence) for h in as_figure]
    assert len(keys) == len(set(keys))
    top = next(h for h in as_figure if "全年将新增养老床位4000张" in h.sentence)
    assert top.kind == "figure" and top.text == "2000张"  # the figure whose subject the query names
    as_commitment = index.search("护理型床位多少张", Filters(prefer_units=("commitment",)), k=10)
    assert next(h for h in as_commitment if "全年将新增养老床位4000张" in h.sentence).kind == "commitment"


def test_index_filters_new_extractor_version_reindexes_the_document(index, seed_docs):  # noqa: F811
    index.store.save_extraction(seed_docs[0], Extraction(), "test-2")
    report = index.update()
    assert report["indexed_documents"] == 1
    assert index.search("新增养老床位", Filters(units=("commitment",))) == []
    assert index.check() == []
    # put the commitment and figures back for the tests after this one (the index is per module)
    index.store.save_extraction(seed_docs[0], _extraction(seed_docs[0]), "test-3")
    assert index.update()["indexed_documents"] == 1


@pytest.mark.parametrize("use", CHANNELS)
def test_index_filters_a_year_matches_the_plan_year_not_only_the_publication_date(plan_index, use):
    """f03 is dated 2022-12-21: 2023 finds its list by the plan year its opening names (and its
    commitments by their deadline, 2023年), 2022 by its publication date; 2021 finds none of it."""
    def plan_hits(filters):
        return [h for h in plan_index.search("民生实事项目中心城区水环境综合治理", filters, k=20, use=use)
                if h.source == str(PLAN_2023)]

    found = plan_hits(YEAR_2023)
    assert any("2023年民生实事项目" in h.sentence for h in found)
    assert any(h.kind == "commitment" and "水环境综合治理" in h.text for h in found)
    assert plan_hits(Filters(since=date(2022, 1, 1), until=date(2022, 12, 31)))
    assert plan_hits(Filters(since=date(2021, 1, 1), until=date(2021, 12, 31))) == []
    assert plan_hits(Filters(since=date(2024, 1, 1))) == []


@pytest.mark.parametrize("filters", [
    Filters(regions=("临沂市",)), Filters(regions=("费县",), levels=("county",)), Filters(units=("figure",)),
    Filters(kinds=("target",)), Filters(topics=("养老服务",)), Filters(since=date(2021, 1, 1)),
    Filters(regions=("延安市",), until=date(2021, 12, 31), units=("sentence", "commitment")),
], ids=lambda f: "-".join(f"{k}" for k, v in f.to_dict().items() if v))
def test_index_filters_chroma_keeps_what_its_where_clauses_need(index, filters):
    """Chroma keeps a unit's non-empty filter fields only (vectors.unit_metadata): its ``where``
    clauses pick exactly the units the dense matrix's mask picks (an empty field was stored as ""
    before, which no ``$in`` matched either)."""
    assert _chroma_and_mask_agree(index, filters)


@pytest.mark.parametrize(("filters", "documents"), [
    (YEAR_2023, {"f03", "001"}), (Filters(until=date(2022, 6, 30)), {"002", "001"}),
    (Filters(since=date(2022, 1, 1)), {"f03", "001"}), (Filters(since=date(2022, 12, 22)), {"f03", "001"}),
    (Filters(since=date(2022, 12, 22), published_only=True), {"001"}),
], ids=["2023", "until-2022-06", "since-2022", "after-f03", "published-after-f03"])
def test_index_filters_chroma_and_the_mask_read_plan_years_alike(plan_index, filters, documents):
    """A period compares the publication day and the plan years in both: f03's units (dated
    2022-12-21, plan year 2023), seed 002's (2021-11-16, none) and seed 001's (undated, none).
    ``published_only`` (tracking's evidence published after a promise) reads the day alone."""
    kept = _chroma_and_mask_agree(plan_index, filters)
    assert {Path(u.source).name[:3] for u in plan_index.catalog.get(kept).values()} == documents


def _chroma_and_mask_agree(index, filters: Filters) -> set[str]:
    """The unit ids a filter keeps, the same in Chroma's ``where`` and in the dense matrix's mask."""
    vector = index.embedder.encode_queries(["养老服务"])[0]
    k = index.lexical.size
    by_chroma = {i for i, _ in index.vectors.search(vector, filters.chroma_where(), k)}
    by_mask = {index.lexical.ids[i] for i, _ in index.matrix.search(vector, index.lexical.mask_for(filters), k)}
    assert by_chroma and by_chroma == by_mask
    return by_chroma


def test_index_filters_translate_to_chroma_where():
    where = Filters(regions=("临沂市",), levels=("county",), since=date(2021, 1, 1)).chroma_where()
    assert where["$and"][0] == {"$or": [{c: {"$in": ["临沂市"]}} for c in ("region", "province", "city", "county")]}
    assert {"level": {"$in": ["county"]}} in where["$and"]
    assert Filters().chroma_where() is None


# Five units: region columns, level, day (YYYYMMDD, 0 undated) and plan years (0 none).
_COLUMNS = {
    "unit": np.array(["commitment", "figure", "sentence", "commitment", "sentence"]),
    "region": np.array(["费县", "临沂市", "延安市", "", "费县"]), "province": np.array(["山东省", "山东省", "陕西省", "", "山东省"]),
    "city": np.array(["临沂市", "临沂市", "延安市", "", "临沂市"]), "county": np.array(["费县", "", "", "", "费县"]),
    "level": np.array(["county", "city", "city", "", "county"]), "topic": np.array(["养老服务", "", "", "", "养老服务"]),
    "kind": np.array(["", "target", "", "", ""]),
    "day": np.array([20210301, 20201231, 0, 0, 20221221]), "plan_from": np.array([0, 0, 0, 2023, 2023]),
    "plan_to": np.array([0, 0, 0, 2023, 2023]),
}


@pytest.mark.parametrize(("filters", "kept"), [
    (Filters(), None),
    (Filters(regions=("临沂市",)), [True, True, False, False, True]),
    (Filters(regions=("临沂市",), levels=("county",)), [True, False, False, False, True]),
    (Filters(units=("figure", "sentence")), [False, True, True, False, True]),
    (Filters(kinds=("target",)), [False, True, False, False, False]),
    (Filters(topics=("养老服务",), regions=("费县", "延安市")), [True, False, False, False, True]),
    # 2021: seed-like dated units by their day, the undated unit without plan years passes.
    (Filters(since=date(2021, 1, 1), until=date(2021, 12, 31)), [True, False, True, False, False]),
    # 2023: the plan year finds the unit published on 2022-12-21 and the undated plan.
    (YEAR_2023, [False, False, True, True, True]),
    (Filters(since=date(2022, 12, 22), published_only=True), [False, False, True, True, False]),
], ids=["none", "region", "region-level", "units", "kind", "topic-regions", "2021", "2023", "published-only"])
def test_index_filters_mask_reads_the_where_clause_over_columns(filters, kept):
    """The mask evaluates the Chroma ``where`` clause over metadata columns (one definition of
    each filter); None when it keeps everything or there is no filter."""
    mask = filters.mask(_COLUMNS)
    assert (None if mask is None else mask.tolist()) == kept
