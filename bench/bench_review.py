"""The review desk on a 2,000-entry catalog: start-up, page, one save.

Builds a project with one Arabic article of 2,000 distinct sentences (the
shipped defense glossary, every entry fuzzy MT), then ``--repeat`` times starts
``l10nflow review`` as a user would and measures: start-up (process start to
the first answered request), the document page, and one approval over HTTP.
Finally the library save alone (:func:`l10nflow.review.edit.apply_edit`).

    .venv/bin/python bench/bench_review.py [--repeat 3] [--entries 2000]
"""

from __future__ import annotations

import argparse
import html
import http.client
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXE = str(Path(sys.executable).parent / "l10nflow")
SENTENCE = (
    "أعلن المتحدث باسم وزارة الدفاع في البيان رقم {n} أن الشراكة تشمل التدريب المشترك "
    "مع الحرس الوطني."
)


def build(root: Path, entries: int, wrap: int | None = None) -> Path:
    """A project whose one catalog holds ``entries`` fuzzy MT entries; its PO path."""
    from l10nflow.pofile import read_po, write_po

    (root / "articles").mkdir(parents=True)
    shutil.copy(REPO / "glossaries" / "defense.csv", root / "defense.csv")
    paragraphs = [
        " ".join(SENTENCE.format(n=p * 5 + s) for s in range(5)) for p in range(entries // 5)
    ]
    (root / "articles" / "big.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (root / "l10nflow.toml").write_text(
        'source_language = "ar"\ntarget_languages = ["en"]\ndocuments = ["articles/*.txt"]\n'
        'glossaries = ["defense.csv"]\n' + ("" if wrap is None else f"[catalog]\nwrap = {wrap}\n"),
        encoding="utf-8",
    )
    subprocess.run([EXE, "-q", "extract"], cwd=root, check=True)
    po = root / "locales" / "en" / "LC_MESSAGES" / "big.po"
    catalog = read_po(po)
    for i, entry in enumerate(catalog):
        entry.msgstr = (
            f"In statement {i}, the Ministry of Defense spokesman said the partnership "
            "includes joint training with the National Guard."
        )
        entry.flags = ["fuzzy"]
        entry.comment = "block: paragraph\nmt: bench"
    write_po(catalog, po)
    return po


def request(port: int, method: str, path: str, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request(method, path, body, {"Host": f"127.0.0.1:{port}", **(headers or {})})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read().decode("utf-8")


def one_run(root: Path, run: int) -> tuple[float, float, float, float, int]:
    """Start-up, page, save and next-entry seconds, and the page's size in bytes."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [EXE, "review"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        url = urllib.parse.urlparse(re.search(r"http://\S+", process.stdout.readline()).group(0))
        _, headers, _ = request(url.port, "GET", f"/?{url.query}")
        up = time.perf_counter() - start
        cookie = {"Cookie": headers["set-cookie"].split(";")[0]}
        start = time.perf_counter()
        status, _, page = request(url.port, "GET", "/doc/0", cookie)
        shown = time.perf_counter() - start
        assert status == 200
        token, msgid = re.findall(r'data-token="([0-9a-f]+)" data-msgid="([^"]*)"', page)[1000]
        body = {
            "action": "approve",
            "msgid": html.unescape(msgid),
            "msgstr": f"Approved text {run}",
            "digest": re.search(r'data-digest="([0-9a-f]+)"', page).group(1),
            "token": token,
        }
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
        post = {**cookie, "X-CSRF-Token": csrf, "Content-Type": "application/json"}
        start = time.perf_counter()
        status, _, reply = request(url.port, "POST", "/doc/0/save", post, json.dumps(body))
        saved = time.perf_counter() - start
        assert status == 200 and json.loads(reply)["saved"], reply[:300]
        start = time.perf_counter()  # the next entry's neighbours and memory matches
        status, _, _ = request(url.port, "GET", "/doc/0/suggest/1001", cookie)
        looked = time.perf_counter() - start
        assert status == 200
        return up, shown, saved, looked, len(page.encode("utf-8"))
    finally:
        process.terminate()
        process.wait()


def library_save(root: Path, po: Path, repeat: int, wrap: int) -> list[float]:
    from l10nflow.pofile import read_po
    from l10nflow.review.desk import digest, entry_token
    from l10nflow.review.edit import Action, apply_edit

    times = []
    for run in range(repeat):
        entry = read_po(po)[500 + run]
        start = time.perf_counter()
        result = apply_edit(
            root,
            po,
            msgid=entry.msgid,
            msgctxt=None,
            action=Action.APPROVE,
            msgstr=f"text {run}",
            page_digest=digest(po.read_bytes()),
            token=entry_token(entry),
            wrap=wrap,
        )
        times.append(time.perf_counter() - start)
        assert result.saved
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--wrap", type=int, help="[catalog] wrap of the project (default: 79)")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="review-bench-")) / "project"
    po = build(root, args.entries, args.wrap)
    runs = []
    for run in range(args.repeat):
        up, shown, saved, looked, size = one_run(root, run)
        runs.append((up, shown, saved, looked))
        print(
            f"run {run}: start-up {up:.2f} s, page {shown:.2f} s ({size / 1e6:.1f} MB), "
            f"save {saved:.3f} s, next entry's context and memory {looked:.3f} s"
        )
    library = library_save(root, po, 5, 79 if args.wrap is None else args.wrap)
    median = [statistics.median(column) for column in zip(*runs, strict=True)]
    print(
        f"{args.entries} entries, median of {args.repeat}: start-up {median[0]:.2f} s, "
        f"page {median[1]:.2f} s, save over HTTP {median[2]:.3f} s, "
        f"next entry's context and memory {median[3]:.3f} s; "
        f"apply_edit alone {statistics.median(library) * 1000:.0f} ms (median of 5)"
    )
    shutil.rmtree(root.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
