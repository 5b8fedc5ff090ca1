"""Boilerplate removal on our HTML pages: duban's bs4 rules (ingest/html.py) against trafilatura.

    python bench/boilerplate.py --trafilatura-python /tmp/trf/bin/python [--pages-dir /tmp/trf-pages]

Issue 2 welcomes a boilerplate library "if it proves better on our pages"; this measures it.
trafilatura is not a duban dependency, so it runs in its own interpreter (a scratch venv with
``pip install trafilatura lxml_html_clean``) and answers over a pipe in JSON.

Pages: the article pages of tests/data/site/, the HTML pages in tests/data/unseen/, and the
TRS/Hanweb template tests/data/formats/gov_page.html filled with each seed (UTF-8 and GB2312,
title = the seed's first line, body = the rest), plus the 2000s table layout that
tests/test_ingest_html.py builds. The expected article of a seed page is the seed text it was
built from; for the hand-written pages it is the ``<p>`` text of the element with the most
``<p>`` children (their article container: div#zoom, div.content, td#zoom ...).

Scores per page and extractor:
  recall  share of the expected article's sentences (split at 。！？!?) found in the output,
          whitespace removed and NFKC-normalised on both sides
  chrome  the page-chrome markers found in the output (无障碍, 长者模式, ICP, 当前位置 ...)
  T D P I whether the title, publication date, publisher (发布机构/来源) and 索引号 reach a
          metadata field (M), only the text (t), or neither (-); "." where the page has none
"""

from __future__ import annotations

import argparse
import base64
import json
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the test builders: gov_page, seed_paragraphs

from bs4 import BeautifulSoup  # noqa: E402
from ingest_samples import CORPUS, gov_page  # noqa: E402

from duban.errors import DubanError  # noqa: E402
from duban import ingest  # noqa: E402
from duban.ingest import parse_raw, read_file  # noqa: E402

# The list, plus the spellings our pages use (上一篇, 主办：, 分享到, 版权所有 ...).
CHROME = ["无障碍", "长者模式", "上一条", "下一条", "上一篇", "下一篇", "关闭窗口", "ICP", "公网安备",
          "主办单位", "主办：", "技术支持", "打印本页", "字体", "当前位置", "首页>", "首页»", "分享到",
          "相关链接", "网站标识码", "版权所有", "登录", "我的位置"]
_SEED_CHROME = re.compile(r"^(名称|信息名称|索引号|发布机构|文号|存放位置|政府信息公开|文件下载|相关信息|时间:|编辑|编审|"
                          r"电话:|pic$)|作者:|点击数|公开日期")
MODES = {"trf-default": {}, "trf-recall": {"favor_recall": True}, "trf-precision": {"favor_precision": True}}
_SENTENCE_END = re.compile(r"(?<=[。！？!?])")
_ISO_DATE = re.compile(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})")

# Runs inside the trafilatura interpreter: {"modes": {name: kwargs}, "pages": [[name, b64]]} on
# stdin → {page: {mode: {"text", "title", "date", "author", "sitename"} or {"error"}}} on stdout.
_TRAFILATURA_PROGRAM = r"""
import base64, json, sys
import trafilatura
job = json.load(sys.stdin)
out = {}
for name, b64 in job["pages"]:
    data = base64.b64decode(b64)
    out[name] = {}
    for mode, kwargs in job["modes"].items():
        try:
            found = trafilatura.extract(data, output_format="json", with_metadata=True,
                                        include_comments=False, **kwargs)
            out[name][mode] = json.loads(found) if found else {"text": ""}
        except Exception as exc:
            out[name][mode] = {"text": "", "error": f"{type(exc).__name__}: {exc}"}
json.dump(out, sys.stdout, ensure_ascii=False)
"""


@dataclass
class Page:
    name: str
    data: bytes
    article: list[str]  # expected article paragraphs
    expected: dict[str, set[str]]  # title/date/publisher/index_no → accepted values (normalised)


@dataclass
class Output:
    text: str
    meta: dict[str, str] = field(default_factory=dict)  # title/date/publisher/index_no as found
    error: str | None = None
    spam: list[str] = field(default_factory=list)  # what clean.py cut out as injected spam


def norm(text: str) -> str:
    """NFKC without whitespace; GB2312's A1AA is U+2015 to Python's gb2312 codec and U+2014 to
    gb18030, so the two dashes are one here."""
    return "".join(unicodedata.normalize("NFKC", text).replace("\u2015", "\u2014").split())


def iso(text: str) -> str | None:
    match = _ISO_DATE.search(text or "")
    return f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}" if match else None


def sentences(paragraphs: list[str]) -> list[str]:
    found = (norm(s) for p in paragraphs for s in _SENTENCE_END.split(p))
    return [s for s in found if len(s) >= 4]


# --- the pages ----------------------------------------------------------------------------------

def seed_pages() -> list[Page]:
    pages = []
    for path in sorted(CORPUS.glob("*.txt")):
        article = seed_article(path)
        titles = [line for line in article if 8 <= len(line) <= 50 and not re.search("[。！？!?]", line)]
        title = titles[0] if titles else "民政局负责同志做客政务访谈"  # seed 001 starts with the first turn
        body = [line for line in article if line != title]
        for charset in ("utf-8", "gb2312"):
            data = gov_page(title, body, charset)  # template defaults: 临沂市民政局, 2020-09-08
            expected = {"title": {norm(title)}, "date": {"2020-09-08"}, "publisher": {norm("临沂市民政局")},
                        "index_no": {norm("1360274559/mzj/2020-0000090")}}
            pages.append(Page(f"seed{path.name[:3]}-{charset}", data, body, expected))
    # tests/test_ingest_html.py::test_html_old_table_layout_found_by_text_density
    body = seed_article(next(CORPUS.glob("001_*.txt")))[:3]
    links = "".join(f'<a href="/{n}.html">第{n}期工作动态</a><br>' for n in range(12))
    markup = (f'<html><head><meta charset="gbk"></head><body><table><tr><td width="200">{links}</td>'
              f'<td>{"<br>".join(body)}</td></tr></table>'
              f'<center>版权所有：费县人民政府 鲁ICP备05001234号</center></body></html>')
    pages.append(Page("table-layout-gbk", markup.encode("gbk"), body, {}))
    return pages


def seed_article(path: Path) -> list[str]:
    """The seed's lines without the chrome its source page left in it (000 starts with 无障碍浏览
    and the 索引号 table, 003 with 政府信息公开, 004 with 我的位置): a line is chrome when it
    names an info-table label, or holds a chrome marker and no full stop (002's "无障碍改造"
    sentence stays)."""
    lines = [norm(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [line for line in lines if not _SEED_CHROME.search(line)
            and not (any(m in line for m in CHROME) and "。" not in line)]


def file_pages() -> list[Page]:
    data_dir = ROOT / "tests" / "data"
    paths = [p for p in sorted((data_dir / "site").rglob("*.html")) if "list" not in p.parts]
    paths += sorted((data_dir / "unseen").glob("*.htm*"))
    pages = []
    for path in paths:
        data = path.read_bytes()
        soup = BeautifulSoup(data, "lxml")
        pages.append(Page(str(path.relative_to(data_dir)), data, labelled_article(soup), labelled_meta(soup)))
    return pages


def labelled_article(soup: BeautifulSoup) -> list[str]:
    """The ``<p>`` texts of the element with the most ``<p>`` children: the hand-written pages'
    article container. A labelling rule for these fixtures, not an extractor."""
    container = max(soup.find_all(True), key=lambda t: len(t.find_all("p", recursive=False)))
    return [p.get_text() for p in container.find_all("p", recursive=False) if p.get_text(strip=True)]


def labelled_meta(soup: BeautifulSoup) -> dict[str, set[str]]:
    """Title, date, publisher and 索引号 as the page shows them (meta tags, info table, info line)."""
    metas = {str(m.get("name")).lower(): str(m.get("content", "")) for m in soup.find_all("meta", content=True)}
    text = norm(soup.body.get_text(" ") if soup.body else "")
    expected: dict[str, set[str]] = {}
    headings = [norm(h.get_text()) for h in soup.find_all(["h1", "h2", "h3", "h4"])]
    if metas.get("articletitle") or headings:
        expected["title"] = {norm(metas.get("articletitle") or max(headings, key=len))}
    date = iso(metas.get("pubdate", "")) or iso(next(iter(re.findall(r"(?:发布时间|发布日期|(?<!成文)日期)[:：]?(\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)", text)), ""))
    if date:
        expected["date"] = {date}
    publishers = {norm(metas["contentsource"])} if metas.get("contentsource") else set()
    publishers |= set(re.findall(r"(?:发布机构|信息来源|来源)[:：]([^:：|【]+?(?:局|厅|政府|办公室|部|委|中心|网|办))", text))
    if publishers:
        expected["publisher"] = publishers
    index = re.search(r"索引号[:：]?([0-9A-Za-z/\-]{6,})", text)
    if index:
        expected["index_no"] = {index[1]}
    return expected


# --- the extractors -----------------------------------------------------------------------------

def run_duban(path: Path, article_text: str | None = None) -> Output:
    """parse_raw on the page; with ``article_text``, that text stands in for html.extract's
    (its hints and encoding kept), so another extractor's output goes through duban's
    clean → metadata → segment as it would after a switch."""
    original = ingest._PARSERS["html"]
    if article_text is not None:
        ingest._PARSERS["html"] = lambda raw: original(raw)._replace(text=article_text)
    try:
        doc = parse_raw(read_file(path, 50_000_000))
    except DubanError as exc:
        return Output("", error=str(exc))
    finally:
        ingest._PARSERS["html"] = original
    meta = {"title": doc.title, "date": doc.date.isoformat() if doc.date else None,
            "publisher": doc.publisher, "index_no": doc.index_no}
    return Output(doc.text, {k: v for k, v in meta.items() if v}, spam=doc.spam)


def run_trafilatura(python: str, pages: list[Page]) -> dict[str, dict[str, Output]]:
    job = {"modes": MODES, "pages": [[p.name, base64.b64encode(p.data).decode()] for p in pages]}
    done = subprocess.run([python, "-c", _TRAFILATURA_PROGRAM], input=json.dumps(job), text=True,
                          capture_output=True, check=False)
    if done.returncode:
        sys.exit(f"boilerplate.py: {python} failed to run trafilatura: {done.stderr.strip().splitlines()[-1:]}")
    results = json.loads(done.stdout)
    outputs: dict[str, dict[str, Output]] = {}
    for name, modes in results.items():
        outputs[name] = {}
        for mode, found in modes.items():
            # trafilatura puts the site or the 来源 line in author/sitename when it finds them
            publisher = " ".join(filter(None, (found.get("author"), found.get("sitename"))))
            meta = {"title": found.get("title"), "date": iso(found.get("date") or ""), "publisher": publisher,
                    "index_no": None}  # trafilatura has no field for it
            outputs[name][mode] = Output(found.get("text") or "", {k: v for k, v in meta.items() if v},
                                         found.get("error"))
    return outputs


# --- scoring ------------------------------------------------------------------------------------

@dataclass
class Score:
    found: int
    total: int
    chrome: list[str]
    reach: dict[str, str]  # field → M / t / - / .

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0


def score(page: Page, output: Output, spam: list[str]) -> Score:
    """``spam``: the fragments clean.py cut from the page (seed 003's injected 188比分直播),
    taken out of the expected sentences and of every output alike."""
    def unspam(text: str) -> str:
        for fragment in spam:
            text = text.replace(fragment, "")
        return text

    text = unspam(norm(output.text))
    wanted = [unspam(s) for s in sentences(page.article)]
    found = sum(s in text for s in wanted)
    article = norm("".join(page.article))
    chrome = [m for m in CHROME if m in text and m not in article]  # seed 002: 无障碍改造 is article
    reach = {}
    for key in ("title", "date", "publisher", "index_no"):
        accepted = page.expected.get(key)
        if not accepted:
            reach[key] = "."
            continue
        value = norm(output.meta.get(key, ""))
        if value and any(a in value or value in a for a in accepted):
            reach[key] = "M"
        elif any(a in text for a in accepted) or (key == "date" and any(a in _dates_in(output.text) for a in accepted)):
            reach[key] = "t"
        else:
            reach[key] = "-"
    return Score(found, len(wanted), chrome, reach)


def _dates_in(text: str) -> set[str]:
    return {f"{y}-{int(m):02d}-{int(d):02d}" for y, m, d in _ISO_DATE.findall(text)}


# --- report -------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trafilatura-python", required=True,
                        help="a Python with trafilatura installed, e.g. /tmp/trf/bin/python")
    parser.add_argument("--pages-dir", type=Path, default=Path("/tmp/trf-pages"),
                        help="where the built pages and their expected article text are written")
    parser.add_argument("--quiet", action="store_true", help="totals only")
    parser.add_argument("--show", help="extractors in the per-page table, comma-separated (default: all)")
    args = parser.parse_args()
    python = Path(args.trafilatura_python)
    if not python.is_file():
        sys.exit(f"boilerplate.py: no interpreter at {python}; "
                 f"make one with: python3 -m venv /tmp/trf && /tmp/trf/bin/pip install trafilatura lxml_html_clean")

    pages = seed_pages() + file_pages()
    args.pages_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for page in pages:
        stem = page.name.replace("/", "__").removesuffix(".html")
        paths[page.name] = args.pages_dir / f"{stem}.html"
        paths[page.name].write_bytes(page.data)
        (args.pages_dir / f"{stem}.expected.txt").write_text("\n".join(page.article) + "\n", encoding="utf-8")

    outputs = run_trafilatura(str(python), pages)
    for page in pages:
        found = outputs[page.name]
        for mode in MODES:  # trafilatura's text through duban's clean → metadata, as after a switch
            found[f"{mode}>duban"] = run_duban(paths[page.name], found[mode].text)
        found["duban"] = run_duban(paths[page.name])
    systems = ["duban", *MODES, *(f"{mode}>duban" for mode in MODES)]
    shown = args.show.split(",") if args.show else systems
    scores = {(p.name, s): score(p, outputs[p.name][s], [norm(f) for f in outputs[p.name]["duban"].spam])
              for p in pages for s in systems}

    if not args.quiet:
        print(f"{'page':44} {'extractor':19} {'recall':>11}  T D P I  chrome")
        for page in pages:
            for system in shown:
                sc, out = scores[page.name, system], outputs[page.name][system]
                flags = " ".join(sc.reach[k] for k in ("title", "date", "publisher", "index_no"))
                note = f"  ERROR {out.error}" if out.error else ""
                print(f"{page.name:44} {system:19} {sc.found:>3}/{sc.total:<3}{sc.recall:5.0%}  {flags}  "
                      f"{','.join(sc.chrome) or '-'}{note}")
        print()
    print(f"{'extractor':19} {'sentences':>11} {'full-recall pages':>18} {'chrome markers':>15} "
          f"{'pages w/ chrome':>16}  title date publ 索引号 (M=field t=text only)")
    for system in systems:
        rows = [scores[p.name, system] for p in pages]
        found, total = sum(r.found for r in rows), sum(r.total for r in rows)
        full = sum(r.found == r.total for r in rows)
        markers = sum(len(r.chrome) for r in rows)
        leaky = sum(bool(r.chrome) for r in rows)
        reach = []
        for key in ("title", "date", "publisher", "index_no"):
            flags = [r.reach[key] for r in rows if r.reach[key] != "."]
            reach.append(f"{flags.count('M')}M+{flags.count('t')}t/{len(flags)}")
        print(f"{system:19} {found:>5}/{total:<5} {full:>11}/{len(rows):<6} {markers:>15} {leaky:>10}/{len(rows):<5}  "
              + " ".join(reach))


if __name__ == "__main__":
    main()
