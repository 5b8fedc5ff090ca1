"""store.py: idempotent saves, versions, id lookup, ledger filters, schema and transaction safety."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import settings_at
from paths import CORPUS

from duban.config import DEFAULT_MAX_BYTES
from duban.errors import InputError, StoreError
from duban.ingest import parse_raw, read_file
from duban.records import Commitment, Extraction, Quantity, RawDocument
from duban.store import Store

TABLES = ("documents", "sentences", "turns", "figures", "commitments", "mentions")
FEIXIAN = next(CORPUS.glob("001_*.txt"))  # 费县 interview, 田勇 speaking


def parsed(path: Path, data: bytes | None = None):
    raw = read_file(path, DEFAULT_MAX_BYTES)
    return parse_raw(replace(raw, data=data) if data is not None else raw)


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def rows_of(db: Path, doc_id: str) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        found = {t: conn.execute(f"SELECT count(*) FROM {t} WHERE document_id = ?", (doc_id,)).fetchone()[0]
                 for t in TABLES if t != "documents"}
        found["documents"] = conn.execute("SELECT count(*) FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    return found


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(settings_at(tmp_path).db_url)


@pytest.fixture(scope="module")
def seeded(seeded_dir) -> Store:
    return Store(settings_at(seeded_dir).db_url)


@pytest.fixture(scope="module")
def feixian():
    return parsed(FEIXIAN)


def test_store_save_document_is_idempotent(store, tmp_path, feixian):
    first = store.save_document(feixian)
    before = counts(tmp_path / "duban.db")
    assert store.save_document(feixian) == (first[0], False)
    assert first == (feixian.id, True)
    assert counts(tmp_path / "duban.db") == before
    assert before["documents"] == 1 and before["sentences"] == len(feixian.sentences) > 20


def test_store_changed_source_becomes_a_new_version(store, feixian):
    store.save_document(feixian)
    changed = parsed(FEIXIAN, FEIXIAN.read_bytes() + "\n下一步，我们将新建农村幸福院10处。\n".encode())
    new_id, created = store.save_document(changed)
    assert created and new_id != feixian.id
    versions = {d["id"]: d["version"] for d in store.list_documents()}
    assert versions == {feixian.id: 1, new_id: 2}
    assert store.resolve_id(str(FEIXIAN)) == new_id  # a source means its latest version
    assert "农村幸福院10处" in store.get_document(new_id)["text"]


def test_store_resolve_id_by_id_prefix_and_source(seeded):
    doc = next(d for d in seeded.list_documents() if d["region"] == "费县")
    assert seeded.resolve_id(doc["id"]) == doc["id"]
    assert seeded.resolve_id(doc["id"][:6]) == doc["id"]
    assert seeded.resolve_id(doc["source"]) == doc["id"]


@pytest.mark.parametrize("ref", ["0000000000000000", "corpus/nope.txt", "%", "_"])
def test_store_resolve_id_unknown_reference(seeded, ref):
    # % and _ are SQL LIKE wildcards: they must not match every id
    with pytest.raises(InputError, match="no such document"):
        seeded.resolve_id(ref)


def test_store_resolve_id_ambiguous_prefix(store, feixian):
    for suffix in ("1", "2"):
        store.save_document(replace(feixian, sha256="abcd" + suffix * 60))
    with pytest.raises(InputError, match="ambiguous"):
        store.resolve_id("abcd")
    assert store.resolve_id("abcd1") == "abcd" + "1" * 12


def test_store_save_extraction_replaces_previous_rows(seeded_copy):
    store = Store(settings_at(seeded_copy).db_url)
    doc_id = store.resolve_id(next(d["source"] for d in store.list_documents() if d["region"] == "费县"))
    assert rows_of(seeded_copy / "duban.db", doc_id)["commitments"] > 10
    doc = store.load_parsed(doc_id)
    clause = "将新增养老床位700张"
    start = doc.text.index(clause)
    sentence = next(s for s in doc.sentences if s.start <= start < s.end)
    only = Commitment(text=clause, start=start, end=start + len(clause), sentence_index=sentence.index,
                      topic="养老服务", quantity=Quantity(700, "张", "700张"))
    store.save_extraction(doc, Extraction(commitments=[only]), "test")
    after = rows_of(seeded_copy / "duban.db", doc_id)
    assert (after["commitments"], after["figures"], after["mentions"]) == (1, 0, 0)
    [row] = store.query_records("commitments", doc=doc_id)
    assert row["quantity"] == {"value": 700, "unit": "张", "text": "700张"}
    assert row["sentence"] == sentence.text and row["region"] == "费县"
    assert doc_id not in store.pending_extraction("test")


def test_store_delete_document_leaves_no_rows(seeded_copy):
    db = seeded_copy / "duban.db"
    store = Store(settings_at(seeded_copy).db_url)
    doc_id = next(d["id"] for d in store.list_documents() if d["region"] == "费县")
    before = counts(db)
    owned = rows_of(db, doc_id)
    assert owned["commitments"] and owned["figures"] and owned["sentences"] and owned["turns"]
    store.delete_document(doc_id)
    assert set(rows_of(db, doc_id).values()) == {0}
    assert counts(db) == {t: before[t] - owned[t] for t in TABLES}


# -- ledger filters on the five seeds ----------------------------------------------------------
def test_store_query_region_by_name_enclosing_division_and_code(seeded):
    feixian = seeded.query_records("commitments", region="费县")
    linyi = seeded.query_records("commitments", region="临沂市")
    assert feixian and {r["region"] for r in feixian} == {"费县"}
    assert any(r["text"] == "将新增养老床位700张" for r in feixian)
    # a city's ledger includes its counties: 费县 is under 临沂市, and both under 山东省
    assert {r["region"] for r in linyi} == {"临沂市", "费县"}
    ids = lambda rows: {r["id"] for r in rows}  # noqa: E731
    assert ids(feixian) < ids(linyi)
    assert ids(seeded.query_records("commitments", region="山东省")) == ids(linyi)
    assert ids(seeded.query_records("commitments", region="371325")) == ids(feixian)
    assert ids(seeded.query_records("commitments", region="371300")) == ids(linyi)
    assert seeded.query_records("figures", region="六盘水市")
    assert seeded.query_records("commitments", region="北京市") == []


def test_store_query_level_topic_kind_due_before_and_doc(seeded):
    county = seeded.query_records("commitments", level="county")
    assert county and {r["region"] for r in county} == {"费县"}
    elderly = seeded.query_records("commitments", topic="养老服务")
    assert elderly and {r["topic"] for r in elderly} == {"养老服务"}
    assert len(elderly) < len(seeded.query_records("commitments"))
    targets = seeded.query_records("figures", kind="target")
    assert targets and {r["kind"] for r in targets} == {"target"}
    due = seeded.query_records("commitments", due_before="2020-12-31")
    assert due and all(r["deadline"] and r["deadline"] <= "2020-12-31" for r in due)
    assert len(due) < len(seeded.query_records("commitments", due_before="2025-12-31"))
    doc_id = county[0]["document_id"]
    assert {r["document_id"] for r in seeded.query_records("figures", doc=doc_id)} == {doc_id}
    # filters combine
    both = seeded.query_records("commitments", region="临沂市", topic="养老服务")
    assert both and all(r["topic"] == "养老服务" and r["city"] == "临沂市" for r in both)


def test_store_records_carry_sentence_and_source(seeded):
    for row in seeded.query_records("figures", region="费县"):
        assert row["text"] in row["sentence"], row
        assert row["source"].endswith(".txt") and row["document_id"]


# -- failures --------------------------------------------------------------------------------
def test_store_schema_mismatch_is_a_store_error(tmp_path):
    Store(settings_at(tmp_path).db_url).close()
    with sqlite3.connect(tmp_path / "duban.db") as conn:
        conn.execute("UPDATE duban_meta SET value = '0' WHERE key = 'schema'")
    with pytest.raises(StoreError, match="schema version 0") as caught:
        Store(settings_at(tmp_path).db_url)
    assert caught.value.exit_code == 5


def test_store_corrupt_database_is_a_store_error(tmp_path):
    (tmp_path / "duban.db").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        Store(settings_at(tmp_path).db_url)


def test_store_failed_document_save_changes_nothing(store, tmp_path, feixian):
    """The sentence rows fail after the document row went in: the whole save is rolled back."""
    broken = replace(feixian, sentences=[feixian.sentences[0], feixian.sentences[0]])
    with pytest.raises(StoreError):
        store.save_document(broken)
    assert set(counts(tmp_path / "duban.db").values()) == {0}
    assert store.save_document(feixian) == (feixian.id, True)


def test_store_failed_extraction_save_keeps_previous_rows(seeded_copy):
    """A write that fails half way (simulated by a trigger) leaves the old ledger in place."""
    db = seeded_copy / "duban.db"
    store = Store(settings_at(seeded_copy).db_url)
    doc_id = next(d["id"] for d in store.list_documents() if d["region"] == "费县")
    before = counts(db)
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TRIGGER full BEFORE INSERT ON commitments "
                     "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    doc = store.load_parsed(doc_id)
    clause = "将新增养老床位700张"
    start = doc.text.index(clause)
    new = Commitment(text=clause, start=start, end=start + len(clause), sentence_index=0, topic="养老服务")
    with pytest.raises(StoreError, match="disk is full"):
        store.save_extraction(doc, Extraction(commitments=[new]), "test")
    assert counts(db) == before
    assert store.get_document(doc_id)["extracted_with"] not in (None, "test")


def test_store_raw_document_source_is_kept_verbatim(store):
    raw = RawDocument(source="https://mzj.linyi.gov.cn/info/1.html", url="https://mzj.linyi.gov.cn/info/1.html",
                      data="<html><title>费县民政局</title><p>费县将新增养老床位700张。</p></html>".encode(),
                      filename="1.html")
    doc_id, _ = store.save_document(parse_raw(raw))
    assert store.resolve_id("https://mzj.linyi.gov.cn/info/1.html") == doc_id
