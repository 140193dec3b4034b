"""Regression tests of the adversarial pass (issue 13): each test failed on the code before it.

Security (outputs, secrets, markup, paths, reports), data loss (shared catalogs, escapes,
duplicates, charsets, unreadable characters, read-only files), bounded inputs, and one-line
errors instead of tracebacks.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from l10nflow.document import read_document
from l10nflow.glossary import Glossary, GlossaryEntry, dump_csv, read_csv
from l10nflow.pofile import parse_po, read_po

from .conftest import snapshot
from .helpers import one_line_error, write_project

PO = Path("locales/en/LC_MESSAGES/qatar-wv-partnership.po")
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'


# --- 1. -o writes where it points ------------------------------------------------------------


def test_output_through_a_symlink_keeps_the_link(cli, project: Path, tmp_path: Path) -> None:
    assert cli(["extract"], cwd=project).exit_code == 0
    target = tmp_path / "real.txt"
    target.write_text("old", encoding="utf-8")
    link = project / "out.txt"
    link.symlink_to(target)
    result = cli(["assemble", "-o", str(link)], cwd=project)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert "قطر ومكتب الحرس الوطني" in target.read_text(encoding="utf-8")


def test_output_into_a_device_writes_in_place(cli, project: Path) -> None:
    assert cli(["extract"], cwd=project).exit_code == 0
    before = os.stat("/dev/null")
    result = cli(["check", "-o", "/dev/null"], cwd=project)
    assert result.exit_code in (0, 1), result.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_output_into_a_fifo_is_written_not_replaced(cli, project: Path, tmp_path: Path) -> None:
    import threading

    assert cli(["extract"], cwd=project).exit_code == 0
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = cli(["check", "--format", "json", "-o", str(fifo)], cwd=project)
    reader.join(timeout=30)
    assert result.exit_code in (0, 1), result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and received[0].startswith(b"{")


def test_output_under_a_regular_file_is_one_line(cli, project: Path) -> None:
    assert cli(["extract"], cwd=project).exit_code == 0
    (project / "afile").write_text("x", encoding="utf-8")
    one_line_error(cli(["assemble", "-o", "afile/out.txt"], cwd=project), "is a file")


# --- 2. secrets are never echoed ---------------------------------------------------------------


def test_a_project_file_cannot_name_a_file_outside_as_glossary(cli, tmp_path: Path) -> None:
    root = write_project(
        tmp_path / "p",
        {"articles/a.txt": "Hello world.\n"},
        'glossaries = ["/proc/self/environ"]\n',
    )
    result = cli(["check"], cwd=root)
    one_line_error(result, "l10nflow.toml:3", "outside the project")


def test_a_non_glossary_file_is_not_quoted(cli, tmp_path: Path) -> None:
    secret = tmp_path / "credentials"
    secret.write_text("https://user:SeCrEt-Token-42@example.org\n", encoding="utf-8")
    result = cli(["glossary", "lint", str(secret)], cwd=tmp_path)
    assert "secret-token" not in result.stdout.lower() + result.stderr.lower()
    assert "not column names" in result.stdout


def test_a_symlinked_glossary_leading_out_is_refused(cli, tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("ar,en\nجندي,soldier\n", encoding="utf-8")
    root = write_project(tmp_path / "p", {"articles/a.txt": "Hello.\n"}, 'glossaries = ["g.csv"]\n')
    (root / "g.csv").symlink_to(outside)
    one_line_error(cli(["glossary", "lint"], cwd=root), "outside the project")


# --- 3. Markdown output screened as a whole ---------------------------------------------------


def _assembled_markdown(tmp_path: Path, source: str, translations: list[str]) -> str:
    path = tmp_path / "a.md"
    path.write_text(source, encoding="utf-8")
    document = read_document(path, lang="en")
    texts = iter(translations)
    mapping = {segment.text: next(texts) for segment in document.segments}
    return document.render(lambda segment: mapping[segment.text], "ar")


def test_html_cannot_form_across_two_markdown_segments(tmp_path: Path) -> None:
    out = _assembled_markdown(
        tmp_path, "First sentence. Second sentence.\n", ["Hello <img src=x", "onerror=alert(1)> w."]
    )
    assert "<img" not in out and "&lt;img src=x" in out


def test_entity_encoded_javascript_link_is_neutralised(tmp_path: Path) -> None:
    out = _assembled_markdown(tmp_path, "Read this.\n", ["[x](java&#115;cript:alert(1)) here"])
    assert "](java" not in out.replace("\\]", "")


# --- 4. paths stay inside the project ---------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "line"),
    [('locales_dir = ".."\n', 3), ('output_dir = "/tmp/elsewhere"\n', 3)],
)
def test_output_folders_outside_the_project_are_refused(cli, tmp_path, config, line) -> None:
    root = write_project(tmp_path / "p", {"articles/a.txt": "Hello world.\n"}, config)
    one_line_error(cli(["extract"], cwd=root), f"l10nflow.toml:{line}", "outside the project")
    assert not (tmp_path / "locales").exists()


def test_document_globs_skip_unknown_suffixes_and_refuse_links_out(cli, tmp_path: Path) -> None:
    secret = tmp_path / "id_rsa"
    secret.write_text("PRIVATE KEY\n", encoding="utf-8")
    root = write_project(
        tmp_path / "p", {"articles/a.txt": "Hello world.\n"}, 'documents = ["articles/*"]\n'
    )
    (root / "articles" / "key").symlink_to(secret)  # suffix-less: never a document
    assert cli(["extract"], cwd=root).exit_code == 0
    assert not (root / "locales/ar/LC_MESSAGES/key.po").exists()
    (root / "articles" / "b.txt").symlink_to(secret)
    one_line_error(cli(["extract"], cwd=root), "outside the project")


# --- 5. reports cannot be forged --------------------------------------------------------------


def test_text_report_escapes_control_characters(cli, tmp_path: Path) -> None:
    po = tmp_path / "locales/ar/LC_MESSAGES/x.po"
    po.parent.mkdir(parents=True)
    text = HEADER.replace("Language: en", "Language: ar") + (
        'msgid "Ten 10"\nmsgstr "عشرة \\033[31m\\nfake.po:1: numbers: ok"\n'
    )
    po.write_text(text, encoding="utf-8")
    result = cli(["check", str(po)], cwd=tmp_path)
    assert "\x1b" not in result.stdout
    assert not any(line.startswith("fake.po") for line in result.stdout.splitlines())


def test_sarif_uris_are_percent_encoded(cli, tmp_path: Path) -> None:
    import json

    po = tmp_path / "locales/en/LC_MESSAGES/a b#c.po"
    po.parent.mkdir(parents=True)
    po.write_text(HEADER + 'msgid "عدد 5"\nmsgstr "number 6"\n', encoding="utf-8")
    result = cli(["check", "--format", "sarif", "locales"], cwd=tmp_path)
    uri = json.loads(result.stdout)["runs"][0]["results"][0]["locations"][0]
    assert uri["physicalLocation"]["artifactLocation"]["uri"].endswith("a%20b%23c.po")


def test_csv_export_guards_formula_cells_and_reads_them_back(tmp_path: Path) -> None:
    entry = GlossaryEntry({"ar": ("قائد",), "en": ("=HYPERLINK(1)", "@cmd")}, note="+1")
    text = dump_csv([entry])
    assert "'=HYPERLINK" in text and "'+1" in text
    path = tmp_path / "g.csv"
    path.write_text(text, encoding="utf-8")
    assert read_csv(path) == [entry]


# --- 6-11. data loss --------------------------------------------------------------------------


def test_documents_sharing_a_catalog_are_refused(cli, tmp_path: Path) -> None:
    root = write_project(
        tmp_path / "p", {"articles/page.txt": "Hello.\n", "articles/Page.md": "Hi there.\n"}
    )
    one_line_error(cli(["extract"], cwd=root), "page.txt", "Page.md", "share")
    assert not (root / "locales").exists()


def test_c_escapes_of_a_reviewed_translation_keep_their_meaning(cli, project: Path) -> None:
    assert cli(["extract"], cwd=project).exit_code == 0
    po = project / PO
    text = po.read_text(encoding="utf-8")
    first = read_po(po)[0].msgid
    text = text.replace(f'msgid "{first}"\nmsgstr ""', f'msgid "{first}"\nmsgstr "\\101\\x42!"', 1)
    po.write_text(text, encoding="utf-8")
    article = project / "articles/qatar-wv-partnership.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nجملة جديدة.\n", encoding="utf-8")
    assert cli(["extract"], cwd=project).exit_code == 0
    assert read_po(po).find(first).msgstr == "AB!"


def test_duplicate_msgid_is_refused_with_its_line(cli, project: Path) -> None:
    assert cli(["extract"], cwd=project).exit_code == 0
    po = project / PO
    text = po.read_text(encoding="utf-8")
    first = read_po(po)[0].msgid
    po.write_text(text + f'\nmsgid "{first}"\nmsgstr "reviewed"\n', encoding="utf-8")
    before = snapshot(project)
    result = cli(["extract"], cwd=project)
    one_line_error(result, "duplicate message definition", f"{PO}:")
    assert snapshot(project) == before


def test_legacy_charset_catalog_is_rewritten_as_utf8(cli, tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"articles/a.txt": "Hello world. New one.\n"})
    po = root / "locales/ar/LC_MESSAGES/a.po"
    po.parent.mkdir(parents=True)
    legacy = HEADER.replace("UTF-8", "ISO-8859-6").replace("Language: en", "Language: ar")
    legacy += 'msgid "Hello world."\nmsgstr "مرحبا"\n'
    po.write_bytes(legacy.encode("iso-8859-6"))
    assert cli(["extract"], cwd=root).exit_code == 0
    assert b"charset=UTF-8" in po.read_bytes()
    assert read_po(po).find("Hello world.").msgstr == "مرحبا"


@pytest.mark.parametrize("char", ["\u2028", "\x85", "\x1c", "\u2029"])
def test_line_separators_in_a_translation_survive_a_round_trip(tmp_path: Path, char: str) -> None:
    po = tmp_path / "a.po"
    po.write_text(HEADER + f'msgid "a"\nmsgstr "x{char}y"\n', encoding="utf-8")
    catalog = read_po(po)
    assert catalog.find("a").msgstr == f"x{char}y"
    from l10nflow.pofile import po_bytes

    assert parse_po(po_bytes(catalog), po).find("a").msgstr == f"x{char}y"


def test_a_read_only_catalog_is_not_replaced(cli, tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"articles/a.txt": "Hello world.\n"})
    assert cli(["extract"], cwd=root).exit_code == 0
    (root / "articles/a.txt").write_text("Hello world. More.\n", encoding="utf-8")
    po = root / "locales/ar/LC_MESSAGES/a.po"
    po.chmod(0o444)
    before = po.read_bytes()
    one_line_error(cli(["extract"], cwd=root), "read-only")
    assert po.read_bytes() == before


def test_a_bad_tmx_creates_no_memory(cli, tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"articles/a.txt": "Hello world.\n"})
    (root / "bad.tmx").write_text("<tmx><body><tu>", encoding="utf-8")
    one_line_error(cli(["tm", "import", "bad.tmx"], cwd=root), "bad.tmx")
    assert not (root / ".l10nflow/tm.sqlite").exists()


def test_a_missing_model_creates_no_memory(cli, tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"articles/a.txt": "Hello world.\n"})
    result = cli(["translate", "--model", str(tmp_path / "no-model")], cwd=root)
    one_line_error(result)
    assert not (root / ".l10nflow/tm.sqlite").exists()


# --- 12-13. bounded inputs --------------------------------------------------------------------


def test_a_fifo_is_not_read(cli, tmp_path: Path) -> None:
    fifo = tmp_path / "a.txt"
    os.mkfifo(fifo)
    one_line_error(cli(["segment", str(fifo)], cwd=tmp_path), "not a regular file")


def test_a_device_is_not_read(cli, tmp_path: Path) -> None:
    one_line_error(cli(["segment", "/dev/zero"], cwd=tmp_path), "not a regular file")


def test_deep_tbx_and_front_matter_are_refused_not_recursed(cli, tmp_path: Path) -> None:
    tbx = tmp_path / "deep.tbx"
    tbx.write_text("<martif>" + "<x>" * 5000 + "</x>" * 5000 + "</martif>", encoding="utf-8")
    one_line_error(cli(["glossary", "import", str(tbx), "-o", "x.csv"], cwd=tmp_path), "deeper")
    md = tmp_path / "deep.md"
    md.write_text("---\nk: " + "[" * 600 + "]" * 600 + "\n---\n\nHello.\n", encoding="utf-8")
    one_line_error(cli(["segment", str(md)], cwd=tmp_path), "deeper")


# --- one line instead of a traceback ----------------------------------------------------------


def test_state_folder_that_is_a_file(cli, tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"articles/a.txt": "Hello world.\n"})
    (root / ".l10nflow").write_text("x", encoding="utf-8")
    one_line_error(cli(["extract"], cwd=root), ".l10nflow", "is a file")


def test_lock_that_is_a_folder(cli, tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"articles/a.txt": "Hello world.\n"})
    (root / ".l10nflow/lock").mkdir(parents=True)
    one_line_error(cli(["extract"], cwd=root), "lock")


def test_catalog_that_is_a_folder(cli, tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"articles/a.txt": "Hello world.\n"})
    (root / "locales/ar/LC_MESSAGES/a.po").mkdir(parents=True)
    one_line_error(cli(["extract"], cwd=root), "a.po", "folder")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_unwritable_folder(cli, tmp_path: Path) -> None:  # pragma: no cover - CI runs as root
    root = write_project(tmp_path / "p", {"articles/a.txt": "Hello world.\n"})
    (root / "locales").mkdir()
    (root / "locales").chmod(0o555)
    one_line_error(cli(["extract"], cwd=root), "cannot write")


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"l10nflow.toml.keep": ""})
    name = os.fsencode(str(root / "articles")) + b"/bad\xff.txt"
    os.makedirs(os.fsencode(str(root / "articles")), exist_ok=True)
    with open(name, "wb") as handle:
        handle.write(b"Hello world.\n")
    result = subprocess.run(
        [sys.executable, "-m", "l10nflow", "extract"], cwd=root, capture_output=True, text=True
    )
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "UTF-8" in result.stderr


@pytest.mark.parametrize("encoding", ["utf-7", "unicode_escape", "punycode"])
def test_refused_encodings(cli, tmp_path: Path, encoding: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Hello +ADw-script+AD4-.\n", encoding="utf-8")
    one_line_error(cli(["segment", "--encoding", encoding, str(article)], cwd=tmp_path), encoding)
    root = write_project(
        tmp_path / "p", {"articles/a.txt": "Hello.\n"}, f'encoding = "{encoding}"\n'
    )
    one_line_error(cli(["extract"], cwd=root), "l10nflow.toml:3")


def test_catalog_header_naming_a_refused_charset(cli, tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text(HEADER.replace("UTF-8", "utf-7") + 'msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    one_line_error(cli(["status", str(po)], cwd=tmp_path), "charset")


def test_threads_are_bounded(cli, tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"articles/a.txt": "Hello.\n"})
    assert cli(["translate", "--threads", "100000"], cwd=root).exit_code == 2
    root2 = write_project(
        tmp_path / "b" / "p", {"articles/a.txt": "Hello.\n"}, "[translate]\nthreads = 100000\n"
    )
    one_line_error(cli(["extract"], cwd=root2), "at most 256")


# --- correctness ------------------------------------------------------------------------------


def test_cli_honours_a_pages_meta_charset(cli, tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1256"><title>عنوان</title></head>'
        "<body><p>نص عربي هنا.</p></body></html>\n"
    )
    root = tmp_path / "p"
    (root / "articles").mkdir(parents=True)
    (root / "articles/a.html").write_bytes(page.encode("cp1256"))
    (root / "l10nflow.toml").write_text('source_language = "ar"\ntarget_languages = ["en"]\n')
    assert cli(["extract"], cwd=root).exit_code == 0
    assert read_po(root / "locales/en/LC_MESSAGES/a.po").find("نص عربي هنا.") is not None


def test_config_error_names_the_line_of_its_table(cli, tmp_path: Path) -> None:
    config = '[translate]\nengine = "transformers"\n\n[check]\nengine = "x"\n'
    root = write_project(tmp_path / "p", {"articles/a.txt": "Hello.\n"}, config)
    one_line_error(cli(["extract"], cwd=root), "l10nflow.toml:7", "check.engine")


def test_valid_po_syntax_gettext_accepts(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text(HEADER + 'msgid "a" "b"\nmsgstr"x"\n', encoding="utf-8")
    subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)], check=True)
    assert read_po(po).find("ab").msgstr == "x"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('msgid "a"\nmsgstr "\\?"\n', "invalid escape"),
        ('msgid ""\nmsgstr "x"\n', "duplicate header"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[2] "y"\n', "wrong index"),
    ],
)
def test_what_msgfmt_rejects_is_a_catalog_syntax_finding(cli, tmp_path, body, message) -> None:
    po = tmp_path / "locales/en/LC_MESSAGES/x.po"
    po.parent.mkdir(parents=True)
    po.write_text(HEADER + body, encoding="utf-8")
    gnu = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)], capture_output=True)
    assert gnu.returncode != 0
    result = cli(["check", str(po)], cwd=tmp_path)
    assert result.exit_code == 1
    assert "catalog-syntax" in result.stdout and message in result.stdout


def test_binary_detection_looks_past_8_kib(cli, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(b"Hello world. " * 1000 + b"\x00\x01\x02")
    one_line_error(cli(["segment", str(article)], cwd=tmp_path), "binary")


@pytest.mark.parametrize("char", ["\x1b", "\u202e", "\x07"])
def test_control_and_bidi_override_characters_are_reported(cli, tmp_path, char) -> None:
    article = tmp_path / "a.txt"
    article.write_text(f"Hello.\nA line with {char}[31m inside.\n", encoding="utf-8")
    one_line_error(cli(["segment", str(article)], cwd=tmp_path), "a.txt:2", f"U+{ord(char):04X}")


def test_glossary_loads_with_guarded_cells(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("ar,en\nقائد,'-commander\n", encoding="utf-8")
    assert Glossary.load([path]).entries[0].forms["en"] == ("-commander",)


def test_polib_entry_api_is_unchanged_by_the_reader(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text(HEADER + '#~ msgid "old"\n#~ msgstr "alt"\n', encoding="utf-8")
    catalog = read_po(po)
    assert isinstance(catalog[0], polib.POEntry) and catalog[0].obsolete


def test_output_to_dev_stdout_on_a_pipe(cli, project: Path) -> None:
    """/dev/stdout links to pipe:[…], no file path: it is written in place, not resolved."""
    assert cli(["extract"], cwd=project).exit_code == 0
    result = subprocess.run(
        [sys.executable, "-m", "l10nflow", "check", "--format", "json", "-o", "/dev/stdout"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode in (0, 1), result.stderr
    assert result.stdout.startswith("{") and '"findings"' in result.stdout
