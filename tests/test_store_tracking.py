"""Tracking in the store: evidence replaced per run, an append-only history, set statuses kept."""

from __future__ import annotations

from conftest import settings_at

from duban.extract import EXTRACTOR_VERSION, extract_document
from duban.records import Evidence, Tracking
from duban.store import Store


def _store(seeded_copy) -> Store:
    return Store(settings_at(seeded_copy).db_url)


def _link(doc_id: str, verdict: str = "met") -> Evidence:
    return Evidence(document_id=doc_id, sentence_index=3, start=10, end=20, sentence="新增床位300张。",
                    text="300张", verdict=verdict, reason=f"报告 300张，目标 300张：{verdict}",
                    value=300, unit="张", score=0.9)


def test_store_tracking_evidence_status_and_history(seeded_copy):
    store = _store(seeded_copy)
    first = store.query_records("commitments")[0]
    cid, doc_id = first["id"], first["document_id"]
    assert first["status"] is None and first["evidence"] == [] and first["origin"] == "extracted"
    assert store.save_tracking({cid: Tracking("met", "报告 300张：已完成", "none", [_link(doc_id)])}) == 1
    assert store.save_tracking({cid: Tracking("met", "报告 300张：已完成", "none", [_link(doc_id)])}) == 0
    row = store.query_records("commitments", ids=[cid])[0]
    assert (row["status"], row["status_source"], row["due_state"]) == ("met", "auto", "none")
    assert [e["text"] for e in row["evidence"]] == ["300张"] and row["evidence"][0]["source"]
    assert store.query_records("commitments", status="met") == [row]
    assert [h["status"] for h in store.status_history(cid)] == ["met"]


def test_store_manual_status_wins_and_survives_reextraction(seeded_copy):
    store = _store(seeded_copy)
    first = store.query_records("commitments")[0]
    cid, doc_id = first["id"], first["document_id"]
    store.set_status(cid, "partly", by="张三", note="一期完工")
    store.save_tracking({cid: Tracking("not_met", "报告 100张：未完成", "overdue", [_link(doc_id, "not_met")])})
    row = store.query_records("commitments", ids=[cid])[0]
    assert (row["status"], row["status_source"], row["due_state"]) == ("partly", "manual", "overdue")
    assert "张三" in row["status_reason"] and row["evidence"][0]["verdict"] == "not_met"
    doc = store.load_parsed(doc_id)
    store.save_extraction(doc, extract_document(doc), EXTRACTOR_VERSION)  # re-extraction
    again = next(r for r in store.query_records("commitments", doc=doc_id) if r["text"] == first["text"])
    assert (again["status"], again["status_source"]) == ("partly", "manual")
    assert again["evidence"] == []  # evidence belongs to a tracking run; re-tracking refills it
    assert [(h["source"], h["by"]) for h in store.status_history(again["id"])] == [("manual", "张三")]
