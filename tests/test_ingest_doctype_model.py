"""The learned doc_type model (ingest/doctype_model.py): the shipped file is this feature set's and
the current rules', it decides where the rules' first stage is wrong on dev documents, and
without it the rules decide."""

from __future__ import annotations

import numpy as np
import pytest

from duban.ingest import doctype, doctype_model
from duban.ingest.clean import clean_text
from duban.ingest.metadata import read_metadata
from paths import REAL


def test_doctype_model_ships_for_these_rules():
    """A retrain is one command; a rule edit without it fails here, not silently."""
    model = doctype_model.load_model()
    assert model is not None, "ingest/data/doctype_model.npz missing or of another MODEL_VERSION"
    assert model.rules_sha == doctype_model.rules_digest(), \
        "doc_types.tsv changed since the model was trained: run python -m duban.ingest.train_doctype"
    assert set(model.classes) <= set(doctype.DOC_TYPES)


def test_doctype_model_of_another_version_is_not_used(tmp_path, monkeypatch):
    shipped = doctype_model.load_model()
    path = tmp_path / "model.npz"
    monkeypatch.setattr(doctype_model, "MODEL_VERSION", "0")
    shipped.save(path)
    monkeypatch.undo()
    assert doctype_model.load_model.__wrapped__(path) is None


def test_doctype_model_saved_and_loaded_decides_the_same(tmp_path):
    shipped = doctype_model.load_model()
    path = tmp_path / "model.npz"
    shipped.save(path)
    again = doctype_model.load_model.__wrapped__(path)
    named = doctype_model.features("关于印发2024年民生实事项目的通知", ["关于印发2024年民生实事项目的通知"],
                                   [("title!", None), ("title", "work_plan")], "work_plan")
    assert again.predict(named) == shipped.predict(named)
    assert np.allclose(again.weights, shipped.weights, atol=1e-2)


def _doc_type(prefix: str, n: int) -> str:
    path = next((REAL / "docs").glob(f"{prefix}_*"))
    text = "\n".join(path.read_text(encoding="utf-8").splitlines()[:n])
    return read_metadata(text, clean_text(text).text, {}).doc_type


@pytest.mark.parametrize("prefix, doc_type", [
    ("s01", "government_report"),  # a 政府工作报告 excerpt without its heading (the rules: other)
    ("v07", "work_plan"),          # 关于公布2023年市政府民生实事项目实施计划的通知 (notice)
    ("d10", "interview"),          # a 市长访谈 (news)
    ("aa11", "news"),              # 区政府全体会议审议《政府工作报告》(送审稿)… (government_report)
    ("ad06", "work_report"),       # a 统计局 上半年 总结 (other)
])
def test_doctype_model_decides_where_the_rules_fail_on_dev(prefix, doc_type):
    """Dev documents the rules of doc_types.tsv type wrong (their answer in brackets); the
    model was trained on them, so this is in-sample: its held-out figure is the CV's."""
    assert _doc_type(prefix, 10**6) == doc_type


def test_doctype_without_a_model_is_the_rules(monkeypatch):
    title, lines = "关于做好2023年度三垟街道民生实事建议项目征集工作的通知", []
    monkeypatch.setattr(doctype_model, "load_model", lambda: None)
    assert doctype.read_doc_type(title, title, lines) == doctype.rule_doc_type(title, title, lines) == "notice"


def test_the_trainer_refuses_a_missing_gold_file_in_one_line_and_writes_nothing(tmp_path, capsys):
    from duban.ingest import train_doctype
    from duban.ingest.doctype_model import MODEL

    before = MODEL.read_bytes()
    missing = tmp_path / "gold.jsonl"
    with pytest.raises(SystemExit) as stopped:
        train_doctype.main(["--gold", str(missing)])
    message = str(stopped.value.code)
    assert message.startswith("python -m duban.ingest.train_doctype: ") and str(missing) in message
    assert "\n" not in message and MODEL.read_bytes() == before
