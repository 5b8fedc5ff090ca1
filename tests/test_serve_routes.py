"""`duban serve` routes with Starlette's test client, on the five seeds (lexical index).

Facet counts are checked against counts made here from the store's own rows, never against
numbers copied from a run. The hostile document is a seed sentence wrapped in markup by this
test (tests/serve_support.py), so escaping is checked on every page that shows document text.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import spec_fields
from openpyxl import load_workbook
from serve_support import HOSTILE_MARKUP, app_for, hostile_dir, indexed_dir  # noqa: F401 - fixtures
from starlette.testclient import TestClient

from duban.export import LEDGER_COLUMNS
from duban.serve.security import Access, access_for
from duban.errors import InputError
from duban.records import Evidence, Tracking
from duban.store import Store

READ_ONLY = Access(edit=False, token=None, login_required=False)


@pytest.fixture(scope="module")
def client(indexed_dir):
    with TestClient(app_for(indexed_dir, READ_ONLY)) as c:
        yield c


@pytest.fixture(scope="module")
def ledger_rows(indexed_dir) -> list[dict]:
    return Store(f"sqlite:///{indexed_dir / 'duban.db'}").query_records("commitments")


def facets(client, **params) -> dict:
    body = client.get("/api/commitments", params=params).json()
    return {name: {v["value"]: v["count"] for v in values} for name, values in body["facets"].items()}


def test_serve_ledger_api_counts_match_the_store(client, ledger_rows):
    body = client.get("/api/commitments").json()
    assert body["total"] == len(ledger_rows) and body["page"] == 1
    assert len(body["results"]) == min(50, len(ledger_rows))
    assert spec_fields()["commitments"] <= set(body["results"][0])
    counts = facets(client)
    assert counts["topic"] == Counter(r["topic"] for r in ledger_rows)
    assert counts["level"] == Counter(r["level"] for r in ledger_rows)
    assert counts["deadline"] == Counter((r["deadline"] or "")[:4] or "none" for r in ledger_rows)


def test_serve_region_filter_and_facets_follow_the_url(client, ledger_rows):
    feixian = [r for r in ledger_rows if r["county"] == "费县"]
    body = client.get("/api/commitments", params={"region": "费县"}).json()
    assert body["total"] == len(feixian) > 0 and body["filters"] == {"region": "费县"}
    topic, n = Counter(r["topic"] for r in feixian).most_common(1)[0]
    both = client.get("/api/commitments", params={"region": "费县", "topic": topic}).json()
    assert both["total"] == n and {r["topic"] for r in both["results"]} == {topic}
    # the city holds its county: 临沂市 counts its own commitments and 费县's
    linyi = client.get("/api/commitments", params={"region": "临沂市"}).json()["total"]
    assert linyi == sum(r["city"] == "临沂市" for r in ledger_rows) > len(feixian)


def test_serve_ledger_page_shows_the_region_tree_with_counts(client, ledger_rows):
    page = client.get("/").text
    by_province = Counter(r["province"] for r in ledger_rows)
    for province, n in by_province.items():
        assert f'>{province}</a>\n    <span class="count">{n}</span>' in page
    assert page.count("<tr>") == 1 + min(50, len(ledger_rows))  # header + one page


def test_serve_sort_and_pages(client, ledger_rows):
    body = client.get("/api/commitments", params={"sort": "deadline", "per_page": 10, "page": 2}).json()
    dated = sorted(r["deadline"] for r in ledger_rows if r["deadline"])
    assert [r["deadline"] for r in body["results"]] == dated[10:20]
    assert body["pages"] == -(-len(ledger_rows) // 10)
    assert client.get("/api/commitments", params={"sort": "bogus"}).status_code == 400
    assert "page=0" in client.get("/", params={"page": "0"}).text


def test_serve_download_xlsx_has_the_ledger_layout(client):
    response = client.get("/download/commitments.xlsx", params={"region": "费县"})
    assert response.status_code == 200
    assert "filename*=utf-8''%E7%9D%A3%E6%9F%A5%E5%8F%B0%E8%B4%A6.xlsx" in response.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(response.content))["督查台账"]
    assert [c.value for c in sheet[1]] == [h for h, _ in LEDGER_COLUMNS]
    total = client.get("/api/commitments", params={"region": "费县"}).json()["total"]
    assert sheet.max_row == total + 1 and {sheet.cell(r, 2).value for r in range(2, total + 2)} == {"费县"}


def test_serve_download_csv_has_bom_and_formula_guard(hostile_client):
    response = hostile_client.get("/download/commitments.csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    formula = [r for r in rows if "SUM(" in (r["text"] or "")]
    assert formula and all(r["text"].startswith("'=") for r in formula)


@pytest.fixture(scope="module")
def hostile_client(hostile_dir):
    with TestClient(app_for(hostile_dir, READ_ONLY)) as c:
        yield c


def test_serve_escapes_document_text_everywhere(hostile_client, hostile_dir):
    store = Store(f"sqlite:///{hostile_dir / 'duban.db'}")
    doc = next(d for d in store.list_documents() if d["source"].endswith("hostile_notice.txt"))
    mine = store.query_records("commitments", doc=doc["id"])
    assert any(HOSTILE_MARKUP in c["text"] for c in mine), "the hostile clause must be a commitment"
    # The ledger is shown filtered to the document: unfiltered, its row may sit on a later page.
    pages = [f"/documents/{doc['id']}", f"/commitments/{mine[0]['id']}",
             "/ask?q=" + "新增养老床位<script>", f"/?document_id={doc['id']}"]
    for path in pages:
        html = hostile_client.get(path).text
        assert HOSTILE_MARKUP not in html and "<script>" not in html, path
        assert "&lt;script&gt;" in html, path


def test_serve_ask_groups_by_region_and_says_why(client):
    html = client.get("/ask", params={"q": "费县承诺新增多少养老床位？"}).text
    assert "<h2>费县</h2>" in html and "<mark>床位</mark>" in html
    assert "命中渠道：词面" in html  # the lexical channel (this index has no dense channel)
    assert "地区: 费县" in html and "优先类型: 承诺、数据" in html  # read from the question, removable
    body = client.get("/api/ask", params={"q": "费县承诺新增多少养老床位？"}).json()
    assert body["filters"]["regions"] == ["费县"]
    assert spec_fields()["answers"] <= set(body["results"][0])


def test_serve_removing_a_read_filter_widens_the_search(client):
    question = "费县承诺新增多少养老床位？"
    narrow = client.get("/api/ask", params={"q": question}).json()
    wide = client.get("/api/ask", params={"q": question, "without": "regions"}).json()
    assert wide["filters"]["regions"] == [] and {r["region"] for r in narrow["results"]} == {"费县"}
    assert {r["region"] for r in wide["results"]} - {"费县"}


def test_serve_ask_says_when_nothing_passes(client):
    html = client.get("/ask", params={"q": "量子计算机芯片的制程工艺"}).text
    assert 'id="no-answer"' in html


def test_serve_document_page_marks_the_linked_sentence(client, ledger_rows):
    c = next(r for r in ledger_rows if r["quantity"])
    html = client.get(f"/commitments/{c['id']}").text
    assert f'<span class="quote">{c["text"]}</span>' in html
    link = f'/documents/{c["document_id"]}?s={c["sentence_index"]}#s{c["sentence_index"]}'
    assert link.replace("&", "&amp;") in html
    doc_html = client.get(link.split("#")[0]).text
    assert f'<li id="s{c["sentence_index"]}" class="linked">' in doc_html
    assert "原文第" in doc_html  # where a metadata field came from


def test_serve_unknown_ids_are_404(client):
    assert client.get("/commitments/nope").status_code == 404
    assert client.get("/documents/ffffffffffff").status_code == 404
    assert client.get("/api/documents/ffffffffffff").json()["error"].startswith("ffffffffffff")


def test_serve_healthz(client, ledger_rows):
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["commitments"] == len(ledger_rows) and body["units"] > 0


# -- writes and access ------------------------------------------------------------------------
def test_serve_read_only_refuses_every_write(client):
    for method in ("post", "put", "delete", "patch"):
        response = client.request(method.upper(), "/commitments/x/status", data={"status": "met"})
        assert response.status_code == 403 and "read-only" in response.text


@pytest.fixture
def editable(indexed_dir, tmp_path):
    """A copy of the indexed seeds this test may change."""
    return Path(shutil.copytree(indexed_dir, tmp_path / "data"))


def test_serve_edit_needs_the_token_and_csrf(editable):
    access = Access(edit=True, token="s3cret-token", login_required=False)
    with TestClient(app_for(editable, access)) as c:
        assert c.post("/commitments/x/status", data={"status": "met"}).status_code == 403
        wrong = c.post("/commitments/x/status", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 403 and "token" in wrong.text
        # a browser session: log in through the form, with the CSRF cookie and field
        login = c.get("/login")
        token = login.text.split('name="csrftoken" value="')[1].split('"')[0]
        assert c.post("/login", data={"token": "wrong", "csrftoken": token}).status_code == 403
        assert c.post("/login", data={"token": "s3cret-token"}).status_code == 403  # no CSRF field
        ok = c.post("/login", data={"token": "s3cret-token", "csrftoken": token, "next": "//evil.example"},
                    follow_redirects=False)
        assert ok.status_code == 303 and ok.headers["location"] == "/"
        # logged in, but a form post without the CSRF field is still refused
        forged = c.post("/commitments/x/status", data={"status": "met"})
        assert forged.status_code == 403 and "did not match" in forged.text


def test_serve_non_loopback_needs_a_token():
    with pytest.raises(InputError, match="non-loopback address needs a token"):
        access_for("0.0.0.0", edit=False, token=None)
    assert access_for("0.0.0.0", edit=False, token="t").login_required
    local = access_for("127.0.0.1", edit=True, token=None)
    assert local.token and not local.login_required  # made up for --edit, printed at start
    assert not access_for("::1", edit=False, token=None).token


def test_serve_login_required_guards_reads(indexed_dir):
    access = Access(edit=False, token="office-token", login_required=True)
    with TestClient(app_for(indexed_dir, access)) as c:
        assert c.get("/healthz").status_code == 200
        assert c.get("/api/commitments").status_code == 401
        page = c.get("/?region=费县", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")
        ok = c.get("/api/commitments", headers={"Authorization": "Bearer office-token"})
        assert ok.status_code == 200


def test_serve_status_set_through_the_form(editable):
    access = Access(edit=True, token="s3cret-token", login_required=False)
    store = Store(f"sqlite:///{editable / 'duban.db'}")
    target = store.query_records("commitments", region="费县")[0]
    with TestClient(app_for(editable, access)) as c:
        c.post("/login", data={"token": "s3cret-token", "csrftoken": _csrf(c)})
        page = c.get(f"/commitments/{target['id']}").text
        assert 'id="status-form"' in page
        bad = c.post(f"/commitments/{target['id']}/status", data={"status": "done", "csrftoken": _csrf(c)})
        assert bad.status_code == 400 and "choose one of met" in bad.text
        ok = c.post(f"/commitments/{target['id']}/status", follow_redirects=False,
                    data={"status": "partly", "note": "已建成一处<b>", "by": "督查科", "csrftoken": _csrf(c)})
        assert ok.status_code == 303 and ok.headers["location"].endswith("#history")
        record = c.get(f"/api/commitments/{target['id']}").json()
    assert (record["status"], record["status_source"]) == ("partly", "manual")
    last = record["status_history"][-1]
    assert (last["status"], last["source"], last["by"], last["note"]) == ("partly", "manual", "督查科", "已建成一处<b>")
    html = TestClient(app_for(editable, READ_ONLY)).get(f"/commitments/{target['id']}").text
    assert "已建成一处&lt;b&gt;" in html and "督查科" in html and 'id="status-form"' not in html


def _csrf(client) -> str:
    return client.get("/login").text.split('name="csrftoken" value="')[1].split('"')[0]


def test_serve_commitment_page_shows_evidence_timeline(editable):
    """Evidence stored by tracking (here through the store's API, from seed 001's own review
    sentence) appears in date order with its verdict and reason."""
    store = Store(f"sqlite:///{editable / 'duban.db'}")
    target = next(r for r in store.query_records("commitments", region="费县") if r["quantity"])
    doc = store.get_document(target["document_id"])
    review = next(s for s in doc["sentences"] if "已建成" in s["text"])
    link = Evidence(document_id=doc["id"], sentence_index=review["idx"], start=review["start"],
                    end=review["end"], sentence=review["text"], text=review["text"], verdict="partly",
                    reason="报告 已建成，目标未写明数量：部分完成")
    store.save_tracking({target["id"]: Tracking(status="partly", reason=link.reason, due_state="overdue",
                                                evidence=[link])})
    with TestClient(app_for(editable, READ_ONLY)) as c:
        html = c.get(f"/commitments/{target['id']}").text
        assert review["text"] in html and link.reason in html and "部分完成" in html
        assert 'class="badge warn-overdue"' in html
        overdue = c.get("/api/commitments", params={"due_state": "overdue", "per_page": 500}).json()
        assert target["id"] in {r["id"] for r in overdue["results"]}
        assert {r["due_state"] for r in overdue["results"]} == {"overdue"}


def test_serve_ledger_import_through_the_form(editable):
    """The 费县 view downloaded as XLSX and uploaded back as a 台账: its rows become ledger
    commitments once; the same file again changes nothing; a file without a task column is
    refused whole."""
    access = Access(edit=True, token="s3cret-token", login_required=False)
    with TestClient(app_for(editable, access)) as c:
        xlsx = c.get("/download/commitments.xlsx", params={"region": "费县"}).content
        n = c.get("/api/commitments", params={"region": "费县"}).json()["total"]
        assert c.post("/ledger/import", files={"file": ("费县台账.xlsx", xlsx)}).status_code == 403
        c.post("/login", data={"token": "s3cret-token", "csrftoken": _csrf(c)})
        forged = c.post("/ledger/import", data={"csrftoken": "x"}, files={"file": ("费县台账.xlsx", xlsx)})
        assert forged.status_code == 403 and "did not match" in forged.text
        ok = c.post("/ledger/import", data={"csrftoken": _csrf(c)}, files={"file": ("费县台账.xlsx", xlsx)})
        assert ok.status_code == 200 and f"新增 {n} 项，未变 0 项" in ok.text, ok.text
        again = c.post("/ledger/import", data={"csrftoken": _csrf(c)}, files={"file": ("费县台账.xlsx", xlsx)})
        assert f"新增 0 项，未变 {n} 项" in again.text
        imported = c.get("/api/commitments", params={"origin": "ledger"}).json()
        assert imported["total"] == n and imported["facets"]["origin"] == [
            {"value": "ledger", "label": "台账导入", "count": n}]
        bad = c.post("/ledger/import", data={"csrftoken": _csrf(c)},
                     files={"file": ("坏表.csv", "序号,地区\n1,费县\n".encode("utf-8"))})
        assert bad.status_code == 400 and "坏表.csv" in bad.text
        assert c.get("/api/commitments", params={"origin": "ledger"}).json()["total"] == n
        wrong_type = c.post("/ledger/import", data={"csrftoken": _csrf(c)}, files={"file": ("a.txt", b"x")})
        assert wrong_type.status_code == 400 and "give a .xlsx or .csv" in wrong_type.text
    kept = sorted(p.name for p in (editable / "uploads").iterdir())
    assert len(kept) == 2 and all(name.endswith(("-费县台账.xlsx", "-坏表.csv")) for name in kept)


def test_serve_status_facets_count_the_tracked_ledger(client, ledger_rows):
    counts = facets(client)
    assert counts["status"] == Counter(r["status"] or "none" for r in ledger_rows)
    assert counts["due_state"] == Counter(r["due_state"] or "none" for r in ledger_rows)
    assert len(counts["status"]) > 1  # tracking as of 2022-06-30 gives the seeds several statuses
    status = next(s for s in counts["status"] if s != "none")
    body = client.get("/api/commitments", params={"status": status, "region": "延安市"}).json()
    assert body["total"] == sum(r["status"] == status and r["city"] == "延安市" for r in ledger_rows)
