"""The review desk without a browser: pages, saving, refusals, export, the HTML check report,
and the server's guards (token, CSRF, host, paths)."""

from __future__ import annotations

import csv
import http.client
import json
import re
import shutil
import subprocess
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest

from l10nflow.catalog_entry import NoteKind, set_notes
from l10nflow.check import run_checks
from l10nflow.errors import UsageError
from l10nflow.lock import project_lock
from l10nflow.pofile import read_po, write_po
from l10nflow.project import Project
from l10nflow.review.desk import Desk, digest, entry_token
from l10nflow.review.edit import Action, EditRefused, apply_edit
from l10nflow.review.spans import TermCards, glossary_spans, terms_of, word_diff

from .conftest import FIXTURE_ARTICLES

AR_PO = Path("locales/en/LC_MESSAGES/mini_ar.po")
EN_PO = Path("locales/ar/LC_MESSAGES/mini_en.po")
SCRIPT = "<script>alert('msgstr')</script>"
ONERROR = '<img src=x onerror="alert(1)">'
GLOSSARY_ROWS = [
    ("ar", "en", "forbidden:en", "note"),
    ("الحرس الوطني", "National Guard", "militia", f"US state force; {ONERROR} «الحرس» is guard."),
    ("الشراكة", "partnership", "", ""),
    ("التدريب المشترك", "joint training", "common training", "Use 'joint' for exercises."),
]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def active_markup(html: str, allowed_scripts: tuple[str, ...]) -> list[str]:
    """Tags that could run code: event-handler attributes, scripts other than those allowed."""
    parser = _Tags()
    parser.feed(html)
    found = []
    for tag, attrs in parser.tags:
        found += [f"{tag} {name}" for name in attrs if name.lower().startswith("on")]
        if tag == "script" and attrs.get("src") not in allowed_scripts:
            found.append(f"script {attrs.get('src')}")
        if tag == "img" or any(str(v).startswith("javascript:") for v in attrs.values()):
            found.append(tag)
    return found


def page_policy(html: str) -> str:
    """The Content-Security-Policy a page declares in a meta element."""
    parser = _Tags()
    parser.feed(html)
    return next(
        str(attrs["content"])
        for tag, attrs in parser.tags
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    )


def two_way_project(root: Path, models: tuple[Path, Path] | None = None) -> Path:
    """An Arabic and an English article translating into each other, with a glossary.

    With ``models`` (the tiny test models) the catalogs are ``translate``'s output;
    without, ``extract``'s catalogs filled with the parallel article as fuzzy MT.
    """
    (root / "articles").mkdir(parents=True)
    (root / "glossaries").mkdir()
    for name in ("mini_ar.txt", "mini_en.txt"):
        shutil.copy(FIXTURE_ARTICLES / name, root / "articles" / name)
    with (root / "glossaries" / "terms.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(GLOSSARY_ROWS)
    config = 'documents = ["articles/*.txt"]\nglossaries = ["glossaries/terms.csv"]\n'
    if models:
        config += f'\n[models]\n"ar-en" = "{models[0]}"\n"en-ar" = "{models[1]}"\n'
    (root / "l10nflow.toml").write_text(config, encoding="utf-8")
    from .conftest import run_cli

    if models:
        result = run_cli(["-q", "translate"], cwd=root)
        assert result.exit_code == 0, result.stderr
        return root
    assert run_cli(["-q", "extract"], cwd=root).exit_code == 0
    project = Project.discover(root)
    segments = {
        lang: [s.text for s in project.read(root / "articles" / f"mini_{lang}.txt").segments]
        for lang in ("ar", "en")
    }
    for po, source, target in ((AR_PO, "ar", "en"), (EN_PO, "en", "ar")):
        catalog = read_po(root / po)
        pairs = dict(zip(segments[source], segments[target], strict=True))
        for entry in catalog:
            entry.msgstr = pairs[entry.msgid]
            entry.flags = ["fuzzy"]
            set_notes(entry, NoteKind.MT, [f"test {source}-{target}"])
        write_po(catalog, root / po)
    return root


@pytest.fixture
def desk_project(tmp_path: Path) -> Path:
    return two_way_project(tmp_path / "desk")


def _desk(root: Path) -> Desk:
    return Desk.open(Project.discover(root))


def _edit(root: Path, po: Path, number: int, action: Action, text: str = "", **over):
    desk = _desk(root)
    ref = next(r for r in desk.catalogs if r.po_path == root / po)
    view = desk.view(ref)
    entry = view.entries[number]
    arguments = dict(
        msgid=entry.msgid,
        msgctxt=None,
        action=action,
        msgstr=text,
        page_digest=view.digest,
        token=entry.token,
    )
    arguments.update(over)
    return apply_edit(root, ref.po_path, **arguments)


def test_desk_lists_both_directions_in_document_order(desk_project: Path) -> None:
    desk = _desk(desk_project)
    pairs = [(r.reference, r.source_lang, r.target_lang) for r in desk.catalogs]
    assert pairs == [("articles/mini_ar.txt", "ar", "en"), ("articles/mini_en.txt", "en", "ar")]
    arabic, english = (desk.view(ref) for ref in desk.catalogs)
    assert (arabic.source_dir, arabic.target_dir) == ("rtl", "ltr")
    assert (english.source_dir, english.target_dir) == ("ltr", "rtl")
    segments = Project.discover(desk_project).read(desk_project / "articles/mini_ar.txt").segments
    assert [e.msgid for e in arabic.entries] == [s.text for s in segments]
    assert [e.kind for e in arabic.entries[:3]] == ["title", "dateline", "paragraph"]
    third = arabic.entries[2]
    assert (third.before, third.after) == (segments[1].text, segments[3].text)
    assert {e.state for e in arabic.entries} == {"machine"}
    assert arabic.entries[0].mt == "test ar-en"
    assert arabic.progress["reviewed"] == 0 and arabic.progress["total"] == 7


def test_states_previous_source_diff_and_findings_per_entry(desk_project: Path) -> None:
    path = desk_project / AR_PO
    catalog = read_po(path)
    catalog[0].flags = []  # reviewed
    catalog[1].msgstr = ""  # empty
    catalog[2].comment = ""  # fuzzy without MT: memory
    catalog[3].previous_msgid = "تشمل الشراكة أنشطة التدريب."
    catalog[3].comment = ""  # changed since review
    catalog[6].msgstr = "The militia supports peace and stability."
    write_po(catalog, path)
    view = _desk(desk_project).view(_desk(desk_project).catalogs[0])
    assert [e.state for e in view.entries[:5]] == [
        "reviewed",
        "empty",
        "memory",
        "changed",
        "machine",
    ]
    assert view.entries[3].previous == [
        ("equal", "تشمل الشراكة أنشطة التدريب "),
        ("insert", "المشترك"),
        ("equal", "."),
    ]
    codes = {f.code for f in view.entries[6].findings}
    assert {"glossary-missing", "glossary-forbidden"} <= codes
    kinds = [s.kind for s in view.entries[6].source if s.kind]
    assert kinds == ["missing"]
    assert [s.text for s in view.entries[6].target if s.kind == "forbidden"] == ["militia"]
    assert view.progress["with_findings"] >= 1


def test_glossary_spans_cover_the_text_exactly_with_term_details(desk_project: Path) -> None:
    glossary = Project.discover(desk_project).load_glossary()
    source = "يدعم الحرس الوطني الشراكة."
    target = "The National Guard supports the partnership."
    spans_src, spans_tgt = glossary_spans(TermCards(glossary, "ar", "en"), source, target)
    assert "".join(s.text for s in spans_src) == source
    assert "".join(s.text for s in spans_tgt) == target
    assert [s.text for s in spans_tgt if s.kind == "term"] == ["National Guard", "partnership"]
    guard = terms_of(spans_src, spans_tgt)[0]
    assert (guard.number, guard.required, guard.forbidden) == (1, "National Guard", ("militia",))
    assert guard.summary == "required: National Guard; forbidden: militia"
    assert ONERROR in guard.note  # kept as text; the templates escape it
    assert word_diff("a b c", "a c d") == [
        ("equal", "a "),
        ("delete", "b "),
        ("equal", "c "),
        ("insert", "d"),
    ]


def test_approve_writes_only_that_entry_and_msgfmt_accepts_it(desk_project: Path) -> None:
    path = desk_project / AR_PO
    before = path.read_text(encoding="utf-8").splitlines()
    result = _edit(desk_project, AR_PO, 2, Action.APPROVE, "The two sides launched it in 2021.")
    assert result.saved and result.message == "approved"
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=False) if a != b]
    assert len(after) == len(before) - 1  # the fuzzy flag line is gone, nothing else moved
    entry = polib.pofile(str(path)).find("أطلق الطرفان الشراكة عام 2021.")
    assert entry.msgstr == "The two sides launched it in 2021." and "fuzzy" not in entry.flags
    assert any("launched it" in b for _, b in changed)
    assert result.digest == digest(path.read_bytes())
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)


def test_save_draft_send_back_and_restore(desk_project: Path) -> None:
    path = desk_project / EN_PO
    saved = _edit(desk_project, EN_PO, 0, Action.SAVE, "مسودة")
    assert saved.saved and "fuzzy" in saved.entry.flags and saved.entry.msgstr == "مسودة"
    approved = _edit(desk_project, EN_PO, 0, Action.APPROVE, "قطر والحرس الوطني")
    assert "fuzzy" not in read_po(path)[0].flags
    back = _edit(desk_project, EN_PO, 0, Action.SEND_BACK)
    assert back.saved and "fuzzy" in read_po(path)[0].flags
    assert read_po(path)[0].msgstr == "قطر والحرس الوطني"
    restored = _edit(
        desk_project, EN_PO, 0, Action.RESTORE, restore=approved.before, token=back.entry and ""
    )
    assert not restored.saved  # a stale token is refused, even for an undo
    current = read_po(path)[0]
    undone = _edit(desk_project, EN_PO, 0, Action.RESTORE, restore=approved.before)
    assert undone.saved and read_po(path)[0].msgstr == "مسودة"
    assert entry_token(current) != entry_token(read_po(path)[0])


def test_empty_approval_and_empty_send_back_are_refused(desk_project: Path) -> None:
    with pytest.raises(EditRefused, match="empty translation"):
        _edit(desk_project, AR_PO, 0, Action.APPROVE, "   ")
    _edit(desk_project, AR_PO, 0, Action.SAVE, "")
    with pytest.raises(EditRefused, match="nothing to send back"):
        _edit(desk_project, AR_PO, 0, Action.SEND_BACK)


def test_a_file_changed_since_the_page_is_never_overwritten(desk_project: Path) -> None:
    path = desk_project / AR_PO
    desk = _desk(desk_project)
    view = desk.view(desk.catalogs[0])
    entry = view.entries[0]
    catalog = read_po(path)
    catalog[0].msgstr = "Poedit's version"
    write_po(catalog, path)
    on_disk = path.read_bytes()
    result = apply_edit(
        desk_project,
        path,
        msgid=entry.msgid,
        msgctxt=None,
        action=Action.APPROVE,
        msgstr="mine",
        page_digest=view.digest,
        token=entry.token,
    )
    assert not result.saved and "changed on disk" in result.message
    assert result.entry.msgstr == "Poedit's version" and result.digest == digest(on_disk)
    assert path.read_bytes() == on_disk
    # another entry changed: the file digest is fresh, this entry's token is not
    catalog = read_po(path)
    catalog[0].msgstr = "third version"
    write_po(catalog, path)
    again = apply_edit(
        desk_project,
        path,
        msgid=entry.msgid,
        msgctxt=None,
        action=Action.APPROVE,
        msgstr="mine",
        page_digest=digest(path.read_bytes()),
        token=entry_token(result.entry),
    )
    assert not again.saved and read_po(path)[0].msgstr == "third version"


def test_a_save_while_another_run_writes_is_refused(desk_project: Path) -> None:
    on_disk = (desk_project / AR_PO).read_bytes()
    with project_lock(desk_project), pytest.raises(EditRefused, match="another l10nflow run"):
        _edit(desk_project, AR_PO, 0, Action.APPROVE, "text")
    assert (desk_project / AR_PO).read_bytes() == on_disk


def _inject(root: Path) -> None:
    catalog = read_po(root / AR_PO)
    catalog[6].msgstr = f"The National Guard {SCRIPT} {ONERROR}"
    write_po(catalog, root / AR_PO)


def test_export_is_static_escaped_and_counts_findings(desk_project: Path, cli) -> None:
    _inject(desk_project)
    out = desk_project / "site"
    result = cli(["review", "--export", str(out)], cwd=desk_project)
    assert result.exit_code == 0, result.stderr
    pages = sorted(p.name for p in out.iterdir())
    assert pages == ["001-mini_ar.en.html", "002-mini_en.ar.html", "index.html"]
    for page in out.iterdir():
        html = page.read_text(encoding="utf-8")
        assert not active_markup(html, allowed_scripts=())
        assert "default-src 'none'" in page_policy(html) and "script" not in page_policy(html)
    arabic = (out / "001-mini_ar.en.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in arabic and "onerror=&#34;alert(1)&#34;" in arabic
    assert 'dir="rtl" lang="ar"' in arabic and 'dir="ltr" lang="en"' in arabic
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="001-mini_ar.en.html"' in index and "0 / 7" in index


def test_check_format_html_is_a_static_escaped_report(desk_project: Path, cli) -> None:
    _inject(desk_project)
    catalog = read_po(desk_project / AR_PO)
    catalog[6].flags = []  # reviewed, so the missing term is an error
    catalog[6].msgstr = f"The militia {SCRIPT}"
    write_po(catalog, desk_project / AR_PO)
    out = desk_project / "report.html"
    result = cli(["check", "--format", "html", "-o", str(out)], cwd=desk_project)
    assert result.exit_code == 1
    html = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;" in html and not active_markup(html, allowed_scripts=())
    assert "glossary-missing" in html and "glossary-forbidden" in html
    assert html.count('class="entry finding') == len(
        run_checks([desk_project / AR_PO, desk_project / EN_PO], _glossary(desk_project)).findings
    )


def _glossary(root: Path):
    return Project.discover(root).load_glossary()


def test_review_without_catalogs_is_one_line_and_exit_2(tmp_path: Path, cli) -> None:
    root = tmp_path / "empty"
    (root / "articles").mkdir(parents=True)
    shutil.copy(FIXTURE_ARTICLES / "mini_ar.txt", root / "articles")
    (root / "l10nflow.toml").write_text('documents = ["articles/*.txt"]\n', encoding="utf-8")
    result = cli(["review", "--export", str(root / "out")], cwd=root)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "no catalogs to review" in result.stderr
    assert not (root / "out").exists()
    with pytest.raises(UsageError):
        Desk.open(Project.discover(root))


# --- the server's guards, over plain HTTP -------------------------------------------------


@pytest.fixture
def served(desk_project: Path):
    from l10nflow.review.server import ReviewServer

    server = ReviewServer(_desk(desk_project))
    server.start()
    yield server
    server.stop()


def _request(server, method: str, path: str, *, headers=None, body=None, host=None):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    all_headers = {"Host": host or f"127.0.0.1:{server.port}", **(headers or {})}
    connection.request(method, path, body=body, headers=all_headers)
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read().decode("utf-8")


def _cookie(server) -> dict[str, str]:
    token = urllib.parse.parse_qs(urllib.parse.urlparse(server.url).query)["token"][0]
    status, headers, _ = _request(server, "GET", f"/?token={token}")
    assert status == 303 and headers["location"] == "/"
    assert "HttpOnly" in headers["set-cookie"] and "SameSite=strict" in headers["set-cookie"]
    return {"Cookie": headers["set-cookie"].split(";")[0]}


def test_server_needs_the_token_and_sends_a_strict_policy(served) -> None:
    assert served.url.startswith("http://127.0.0.1:")
    assert _request(served, "GET", "/")[0] == 403
    assert _request(served, "GET", "/?token=wrong")[0] == 403
    cookie = _cookie(served)
    status, headers, html = _request(served, "GET", "/doc/0", headers=cookie)
    assert status == 200
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert not active_markup(html, allowed_scripts=("/static/review.js",))
    assert _request(served, "GET", "/doc/0", headers=cookie, host="evil.example:80")[0] == 421
    assert _request(served, "GET", "/static/review.css", headers=cookie)[0] == 200


def test_server_paths_never_reach_the_file_system(served) -> None:
    cookie = _cookie(served)
    assert _request(served, "GET", "/doc/7", headers=cookie)[0] == 400
    for path in ("/doc/..%2f..%2fl10nflow.toml", "/static/..%2f..%2fdesk.py", "/l10nflow.toml"):
        assert _request(served, "GET", path, headers=cookie)[0] == 404


def test_server_posts_need_the_csrf_token_and_json(served, desk_project: Path) -> None:
    cookie = _cookie(served)
    _, _, html = _request(served, "GET", "/doc/0", headers=cookie)
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)
    page_digest = re.search(r'data-digest="([0-9a-f]+)"', html).group(1)
    token = re.search(r'data-token="([0-9a-f]+)"', html).group(1)
    body = {
        "action": "approve",
        "msgid": "قطر والحرس الوطني يعززان الشراكة",
        "msgstr": "Qatar and the National Guard strengthen the partnership",
        "digest": page_digest,
        "token": token,
    }
    data = json.dumps(body)
    json_type = {"Content-Type": "application/json"}
    before = (desk_project / AR_PO).read_bytes()
    assert (
        _request(served, "POST", "/doc/0/save", headers={**cookie, **json_type}, body=data)[0]
        == 403
    )
    forged = {**cookie, "X-CSRF-Token": csrf, "Content-Type": "text/plain"}
    assert _request(served, "POST", "/doc/0/save", headers=forged, body=data)[0] == 403
    cross = {**cookie, **json_type, "X-CSRF-Token": csrf, "Origin": "http://evil.example"}
    assert _request(served, "POST", "/doc/0/save", headers=cross, body=data)[0] == 403
    assert (desk_project / AR_PO).read_bytes() == before
    good = {**cookie, **json_type, "X-CSRF-Token": csrf}
    status, _, reply = _request(served, "POST", "/doc/0/save", headers=good, body=data)
    assert status == 200 and json.loads(reply)["saved"] is True
    assert "fuzzy" not in read_po(desk_project / AR_PO)[0].flags
    status, _, reply = _request(served, "POST", "/doc/0/save", headers=good, body=data)
    assert status == 200 and json.loads(reply)["saved"] is False  # the page is stale now


def test_a_save_replies_with_the_entry_rechecked_and_the_counts(desk_project: Path) -> None:
    from l10nflow.review.pages import entry_update

    desk = _desk(desk_project)
    result = _edit(desk_project, AR_PO, 6, Action.APPROVE, "The militia supports peace.")
    reply = entry_update(desk, desk.catalogs[0], result)
    assert reply["saved"] and reply["index"] == 6
    assert reply["counts"]["reviewed"] == 1 and reply["counts"]["machine"] == 6
    assert reply["progress"]["text"] == "1 of 7 reviewed (14%)"
    assert "glossary-forbidden" in reply["html"] and "glossary-missing" in reply["html"]
    assert 'data-findings="2"' in reply["html"] and 'id="t-1"' in reply["cards"]


def test_review_command_serves_on_loopback_with_a_token(desk_project: Path) -> None:
    import sys

    exe = Path(sys.executable).parent / "l10nflow"
    process = subprocess.Popen(
        [str(exe), "review"], cwd=desk_project, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        line = process.stdout.readline().decode("utf-8")
        url = urllib.parse.urlparse(re.search(r"http://\S+", line).group(0))
        assert line.startswith("l10nflow review: 2 catalog(s) at http://127.0.0.1:")
        assert len(urllib.parse.parse_qs(url.query)["token"][0]) >= 32
        connection = http.client.HTTPConnection("127.0.0.1", url.port, timeout=10)
        connection.request("GET", f"/?{url.query}")
        assert connection.getresponse().status == 303
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_memory_suggestions_show_similar_reviewed_work_with_its_score(desk_project) -> None:
    from l10nflow.review.pages import suggestions

    other = read_po(desk_project / AR_PO)  # another document's catalog, one entry reviewed
    for entry in other:
        entry.msgid = entry.msgid.replace("2021", "2022")
    other[2].flags = []
    other[2].msgstr = "Both sides launched the partnership in 2022."
    write_po(other, desk_project / "locales/en/LC_MESSAGES/other.po")
    desk = _desk(desk_project)
    fragment = suggestions(desk, desk.catalogs[0], 2)  # «… عام 2021.», still MT
    assert "Both sides launched the partnership in 2022." in fragment
    assert re.search(r'<span class="score">(8|9)\d%</span>', fragment)
    assert 'data-action="use"' in fragment and 'dir="ltr" lang="en"' in fragment
    assert "nothing similar" in suggestions(desk, desk.catalogs[0], 0)


def test_a_broken_catalog_is_one_line_on_its_page_and_noted_on_the_index(served, desk_project):
    cookie = _cookie(served)
    (desk_project / EN_PO).write_text('msgid "open\n', encoding="utf-8")
    status, _, text = _request(served, "GET", "/doc/1", headers=cookie)
    assert status == 400 and text.startswith("l10nflow review: ") and "mini_en.po:1" in text
    status, _, html = _request(served, "GET", "/", headers=cookie)
    assert status == 200 and "unterminated string" in html
    (desk_project / EN_PO).unlink()
    status, _, text = _request(served, "GET", "/doc/1", headers=cookie)
    assert status == 500 and "cannot read or write a catalog" in text


def test_approving_a_changed_entry_clears_the_old_source_and_its_note(desk_project) -> None:
    path = desk_project / AR_PO
    catalog = read_po(path)
    catalog[3].previous_msgid = "تشمل الشراكة أنشطة التدريب."
    set_notes(
        catalog[3], NoteKind.CHANGED, ["source edited (90% similar); review the kept translation"]
    )
    catalog[3].tcomment = "asked the editor"
    write_po(catalog, path)
    assert _desk(desk_project).view(_desk(desk_project).catalogs[0]).entries[3].state == "changed"
    result = _edit(desk_project, AR_PO, 3, Action.APPROVE, "The partnership includes joint drills.")
    entry = read_po(path)[3]
    assert result.saved and entry.previous_msgid is None and "fuzzy" not in entry.flags
    assert "changed: " not in entry.comment and "mt: test ar-en" in entry.comment
    assert entry.tcomment == "asked the editor"  # the translator's comment stays


LONG = (
    "The two sides launched the partnership in 2021, and since then the National Guard "
    "has trained with Qatari forces every year."
)


@pytest.mark.skipif(not shutil.which("msgcat"), reason="GNU gettext is not installed")
@pytest.mark.parametrize("wrap", [None, 0])
def test_a_save_writes_what_gnu_msgcat_writes(desk_project: Path, wrap: int | None) -> None:
    if wrap is not None:
        config = desk_project / "l10nflow.toml"
        config.write_text(config.read_text() + f"\n[catalog]\nwrap = {wrap}\n", encoding="utf-8")
    path = desk_project / AR_PO
    desk = _desk(desk_project)
    ref = desk.catalogs[0]
    view = desk.view(ref)
    entry = view.entries[2]
    result = apply_edit(
        desk_project,
        path,
        msgid=entry.msgid,
        msgctxt=None,
        action=Action.APPROVE,
        msgstr=LONG,
        page_digest=view.digest,
        token=entry.token,
        wrap=desk.project.config.catalog.wrap,
    )
    assert result.saved
    gnu = ["msgcat", "--no-wrap"] if wrap == 0 else ["msgcat"]
    rewritten = subprocess.run([*gnu, str(path)], capture_output=True, check=True).stdout
    assert rewritten == path.read_bytes()  # a pass of msgcat (or a Poedit save) changes nothing
    assert (f'msgstr "{LONG}"' in path.read_text(encoding="utf-8")) == (wrap == 0)
