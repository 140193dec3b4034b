"""The review desk in a real browser: Debian's chromium driven by Playwright.

A two-way project (an Arabic and an English article, translated by the tiny
test models) is served on 127.0.0.1; the tests read the layout, edit and
approve with the keyboard, provoke a concurrent change, and inject markup
through a msgstr and a glossary note. Set ``L10NFLOW_SCREENSHOTS=docs/screenshots``
to refresh the README's screenshots.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest

from l10nflow.pofile import read_po, write_po
from l10nflow.project import Project
from l10nflow.review.desk import Desk
from l10nflow.review.server import ReviewServer

from .test_review import AR_PO, EN_PO, GLOSSARY_ROWS, ONERROR, SCRIPT, two_way_project

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("L10NFLOW_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed"),
]
SHOTS = os.environ.get("L10NFLOW_SCREENSHOTS")


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def translated(tmp_path_factory, marian_ar_en: Path, marian_en_ar: Path) -> Path:
    root = tmp_path_factory.mktemp("review") / "project"
    return two_way_project(root, (marian_ar_en, marian_en_ar))


@pytest.fixture
def project(translated: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(translated, root)
    return root


@pytest.fixture
def serve(project: Path) -> Iterator:
    servers: list[ReviewServer] = []

    def start() -> ReviewServer:
        server = ReviewServer(Desk.open(Project.discover(project)))
        server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


class Watched:
    """A page with every dialog, console error and page error it produced."""

    def __init__(self, page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))

    def _dialog(self, dialog) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()


@pytest.fixture
def watched(browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-US")
    yield Watched(context.new_page())
    context.close()


def _shot(page, name: str, tmp_path: Path, height: int = 860) -> None:
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": height})
    page.screenshot(path=str(folder / name))
    page.set_viewport_size({"width": 1280, "height": 860})


def _stage(project: Path) -> None:
    """Entries in every state, and findings, as a reviewer meets them."""
    ar = read_po(project / AR_PO)
    for number in (0, 2):
        ar[number].flags = []
    ar[1].msgstr = ""
    ar[3].previous_msgid = "تشمل الشراكة أنشطة التدريب."
    ar[3].comment = "\n".join(n for n in ar[3].comment.split("\n") if not n.startswith("mt: "))
    ar[6].msgstr = "The militia supports peace and stability."
    write_po(ar, project / AR_PO)
    en = read_po(project / EN_PO)
    en[0].flags = []
    en[3].msgstr = "تشمل الشراكة أنشطة التدريب."
    write_po(en, project / EN_PO)
    rows = [[cell.replace(f"{ONERROR} ", "") for cell in row] for row in GLOSSARY_ROWS]
    with (project / "glossaries" / "terms.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def _open(watched: Watched, server: ReviewServer, number: int):
    page = watched.page
    page.goto(server.url)
    page.click(f'a[href="/doc/{number}"]')
    page.wait_for_selector(".entry.active")
    return page


def test_layout_directions_terms_and_findings(serve, watched, project, tmp_path) -> None:
    _stage(project)
    server = serve()
    page = watched.page
    page.goto(server.url)
    assert page.url.endswith("/") and "token" not in page.url
    assert page.locator("table.docs tbody tr").count() == 2
    page = _open(watched, server, 0)
    first = page.locator("#e0")
    assert first.locator(".col.src").get_attribute("dir") == "rtl"
    assert first.locator(".col.src").get_attribute("lang") == "ar"
    assert first.locator(".col.tgt").get_attribute("dir") == "ltr"
    assert first.locator(".col.src .text").evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert first.locator(".kind").inner_text().lower() == "title"
    assert "reviewed" in first.get_attribute("class")
    assert page.locator("#e3 .badge").inner_text() == "changed since review"
    assert page.locator("#e3 .previous ins").inner_text().strip() == "المشترك"
    assert page.locator("#e2 .context").is_hidden()
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.locator("#e2 .context").wait_for()  # neighbouring sentences of the active one
    assert page.locator("#e2 .context .before").inner_text() == "2024-07-30"
    assert page.locator("#e2 .context .after").inner_text() == "تشمل الشراكة أنشطة التدريب المشترك."
    guard = page.locator("#e6 .col.src .term-missing")
    assert guard.count() == 1
    assert page.locator("#e6 .col.tgt .term-forbidden").inner_text().startswith("militia")
    assert "glossary-missing" in page.locator("#e6 .findings").inner_text()
    guard.hover()
    tip = page.locator("#tip")
    assert tip.is_visible() and "required: National Guard" in tip.inner_text()
    assert "forbidden: militia" in tip.inner_text() and "missing" in tip.inner_text()
    assert page.locator("#terms #t-1").count() == 1  # one card per term and page
    page.locator("#search").fill("الحرس")
    assert page.locator(".entry:not(.hidden)").count() == 2
    page.locator("#search").fill("")
    page.keyboard.press("Escape")
    page.locator('[data-filter="findings"]').click()
    shown = page.locator(".entry:not(.hidden)")
    assert shown.count() == page.locator(".entry.has-findings").count() == 1
    assert shown.first.get_attribute("id") == "e6"
    page.locator('[data-filter="all"]').click()
    page.set_viewport_size({"width": 1280, "height": 1240})
    page.evaluate("window.scrollTo(0, 0)")
    guard.hover()
    _shot(page, "review-ar-en.png", tmp_path, height=1240)
    page = _open(watched, server, 1)
    column = page.locator("#e0 .col.tgt")
    assert (column.get_attribute("dir"), column.get_attribute("lang")) == ("rtl", "ar")
    assert page.locator("#e0 .col.src").get_attribute("dir") == "ltr"
    page.locator("#e3 .col.src .term").first.hover()
    _shot(page, "review-en-ar.png", tmp_path)
    assert watched.problems == []


def test_keyboard_edit_approve_undo_writes_the_po(serve, watched, project) -> None:
    server = serve()
    page = _open(watched, server, 0)
    path = project / AR_PO
    original = read_po(path)[0]
    assert "fuzzy" in original.flags
    page.keyboard.press("Enter")
    area = page.locator("#e0 textarea.edit")
    assert area.get_attribute("dir") == "ltr" and area.input_value() == original.msgstr
    area.fill("Qatar and the National Guard strengthen their partnership")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#e0.state-reviewed")
    assert page.locator("#e1").evaluate("e => e.classList.contains('active')")  # next open
    entry = polib.pofile(str(path)).find("قطر والحرس الوطني يعززان الشراكة")
    assert entry.msgstr == "Qatar and the National Guard strengthen their partnership"
    assert "fuzzy" not in entry.flags and entry.comment == original.comment
    subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)], check=True)
    assert page.locator("#progress-text").inner_text().startswith("1 of 7")
    page.keyboard.press("1")  # open entries only
    assert page.locator("#e0").is_hidden() and page.locator(".entry:not(.hidden)").count() == 6
    page.keyboard.press("4")
    page.keyboard.press("b")  # send #2 back: it is MT already, so it stays fuzzy
    page.wait_for_selector("#e1 .status.saved")
    page.keyboard.press("u")
    page.keyboard.press("u")
    page.wait_for_selector("#e0.state-machine")
    assert str(read_po(path)[0]) == str(original)
    assert page.locator("#progress-text").inner_text().startswith("0 of 7")
    assert watched.problems == []


def test_a_concurrent_change_is_refused_and_the_fresh_entry_shown(serve, watched, project):
    server = serve()
    page = _open(watched, server, 1)
    path = project / EN_PO
    catalog = read_po(path)
    catalog[0].msgstr = "نسخة من Poedit"
    write_po(catalog, path)
    on_disk = path.read_bytes()
    page.keyboard.press("Enter")
    page.locator("#e0 textarea.edit").fill("نصي أنا")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#message.refused")
    assert "changed on disk" in page.locator("#message").inner_text()
    assert page.locator("#e0 .col.tgt .text").inner_text() == "نسخة من Poedit"
    assert page.locator("#e0 textarea.edit").input_value() == "نصي أنا"  # not lost either
    assert path.read_bytes() == on_disk
    page.keyboard.press("Control+Enter")  # seen the fresh entry: saving again is deliberate
    page.wait_for_selector("#e0.state-reviewed")
    assert read_po(path)[0].msgstr == "نصي أنا"
    assert watched.problems == []


def test_markup_in_a_msgstr_or_a_glossary_note_never_runs(serve, watched, project) -> None:
    catalog = read_po(project / AR_PO)
    catalog[6].msgstr = f"The National Guard {SCRIPT} {ONERROR}"
    write_po(catalog, project / AR_PO)
    server = serve()
    page = _open(watched, server, 0)
    target = page.locator("#e6 .col.tgt .text").inner_text()
    assert SCRIPT in target and ONERROR in target  # shown as text
    page.locator("#e6 .col.src .term").first.hover()  # the note holds ONERROR
    sync_api.expect(page.locator("#tip")).to_contain_text(ONERROR)  # waits for the card
    assert page.locator("img").count() == 0 and page.locator("#entries script").count() == 0
    page.locator("#e5").click()
    page.keyboard.press("Enter")
    page.locator("#e5 textarea.edit").fill('<img src=x onerror="window.pwned=1"><b>bold</b>')
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#e5.state-reviewed")
    assert page.locator("#e5 .col.tgt .text").inner_text().startswith("<img src=x")
    assert page.evaluate("window.pwned") is None and page.locator("img, #e5 b").count() == 0
    assert watched.problems == []


def test_export_and_check_report_in_the_browser(project, watched, cli, tmp_path) -> None:
    _stage(project)
    out = project / "site"
    assert cli(["review", "--export", str(out)], cwd=project).exit_code == 0
    report = project / "report.html"
    result = cli(["check", "--format", "html", "-o", str(report)], cwd=project)
    assert result.exit_code == 0 and "3 warnings" in result.stderr  # unreviewed: warnings
    page = watched.page
    page.goto((out / "index.html").as_uri())
    assert page.locator("progress").count() == 2
    page.click('a[href="001-mini_ar.en.html"]')
    badge = page.locator("#e0 .badge")
    assert badge.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"  # CSS ran
    assert page.locator("#e0 .col.src").get_attribute("dir") == "rtl"
    assert page.locator(".actions, textarea").count() == 0  # read-only
    _shot(page, "export-ar-en.png", tmp_path)
    page.click('a[href="#f-open"]')
    assert page.locator("#e0").is_hidden() and page.locator("#e1").is_visible()
    page.goto((out / "002-mini_en.ar.html").as_uri())
    assert page.locator("#e0 .col.tgt").get_attribute("dir") == "rtl"
    _shot(page, "export-en-ar.png", tmp_path)
    page.goto((out / "index.html").as_uri())
    _shot(page, "export-index.png", tmp_path, height=240)
    page.goto(report.as_uri())
    assert page.locator(".finding").count() >= 2
    _shot(page, "check-report.png", tmp_path)
    assert watched.problems == []


def test_a_memory_suggestion_goes_into_the_editor_and_is_approved(serve, watched, project):
    other = read_po(project / AR_PO)  # another document's catalog holds similar reviewed work
    for entry in other:
        entry.msgid = entry.msgid.replace("2021", "2022")
    other[2].flags = []
    other[2].msgstr = "Both sides launched the partnership in 2022."
    write_po(other, project / "locales/en/LC_MESSAGES/other.po")
    server = serve()
    page = _open(watched, server, 0)
    page.locator("#e2").click()
    use = page.locator('#e2 .tm button[data-action="use"]')
    use.wait_for()
    assert page.locator("#e2 .tm .score").inner_text().endswith("%")
    use.click()
    area = page.locator("#e2 textarea.edit")
    assert area.input_value() == "Both sides launched the partnership in 2022."
    area.fill("Both sides launched the partnership in 2021.")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#e2.state-reviewed")
    assert read_po(project / AR_PO)[2].msgstr == "Both sides launched the partnership in 2021."
    assert watched.problems == []
