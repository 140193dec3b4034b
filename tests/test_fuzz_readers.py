"""Property-based fuzzing of every reader through the command line (issue 13).

One contract for any input: exit 0 (or 1 where findings are the answer), or exit 2 with
one line naming the file; never a traceback; nothing modified on exit 2; bounded time
(hypothesis' deadline). Inputs are built from the pieces each format is made of, mixed
with arbitrary text and bytes, so that both near-valid and hostile files are tried.
The fast suite tries a few dozen files per reader; ``-m slow`` tries many more.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import run_cli, snapshot
from .helpers import one_line_error, write_project

FAST = settings(
    max_examples=40,
    deadline=5000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SLOW = settings(FAST, max_examples=400)


def _pieces(*fragments: str) -> st.SearchStrategy[str]:
    """Text made of format fragments, arbitrary characters and control characters."""
    piece = st.one_of(
        st.sampled_from(fragments),
        st.text(max_size=12),
        st.sampled_from(["\x00", "\x1b", "\u202e", "\u2028", "\x85", "\r", "\n", "\ufeff"]),
    )
    return st.lists(piece, max_size=40).map("".join)


def _encoded(text: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    return st.one_of(
        text.map(lambda t: t.encode("utf-8", "surrogatepass")),
        text.map(lambda t: t.encode("utf-16")),
        st.binary(max_size=200),
    )


ARTICLE = _pieces(
    "Hello world. ", "مرحبا بالعالم. ", "\n\n", "# ", "- ", "1. ", "**", "`", "[a](b)", "<p>",
    "</p>", "<b>", "</b>", "<!--", "-->", "<script>", "---\n", "title: x\n", "&amp;", "&#", ">",
    "![i](j)", "|", "\t", "...", "؟", "«", "»", "(", ")", "[", "]", "\\",
)  # fmt: skip
PO = _pieces(
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', 'msgid "', 'msgstr "',
    'msgstr[0] "', "msgid_plural ", "msgctxt ", '"', '\\"', "\\n", "\\x4", "\\101", "\\?", "\n",
    "#, fuzzy\n", "#~ ", "#| msgid ", "#: a.txt:1\n", "#. block: title\n", "charset=utf-7",
    "Plural-Forms: nplurals=2; plural=(n != 1);\\n",
)  # fmt: skip
CSV = _pieces(
    "ar,en\n", "ar,en,note,forbidden:en\n", "جندي,soldier\n", '"', ",", "|", "\n", "=cmd",
    "forbidden:xx", "en-gb",
)  # fmt: skip
XML = _pieces(
    '<?xml version="1.0"?>', "<martif>", "</martif>", "<tmx>", "</tmx>", "<body>", "</body>",
    "<termEntry>", "</termEntry>", '<langSet xml:lang="ar">', "</langSet>", "<tig>", "</tig>",
    "<term>", "</term>", "<tu>", "</tu>", '<tuv xml:lang="en">', "</tuv>", "<seg>", "</seg>",
    '<!DOCTYPE x [<!ENTITY a "aaaa">]>', "&a;", '<!ENTITY b SYSTEM "file:///etc/passwd">',
    "<![CDATA[", "]]>",
)  # fmt: skip
TOML = _pieces(
    'source_language = "ar"\n', 'target_languages = ["en"]\n', "[translate]\n", "[check]\n",
    'engine = "x"\n', "threads = 99999\n", 'locales_dir = ".."\n', 'glossaries = ["/etc"]\n',
    'encoding = "utf-7"\n', "=", '"', "[", "]", "\n", "num_beams = 0\n",
)  # fmt: skip


def _project(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    if root.exists():
        import shutil

        shutil.rmtree(root)
    return write_project(root, {"articles/a.txt": "Hello world. Second sentence.\n"})


def _contract(
    args: list[str], root: Path, file: str | tuple[str, ...], allowed: tuple[int, ...] = (0,)
) -> None:
    """Run ``l10nflow ARGS`` in ``root``: an allowed exit, or exit 2 in one line naming ``file``
    with nothing modified. Any exception (a traceback for the user) fails the test."""
    before = snapshot(root)
    result = run_cli(args, cwd=root)
    if result.exit_code == 2:
        line = one_line_error(result)
        files = (file,) if isinstance(file, str) else file
        assert any(name in line for name in files) or "Usage" in result.stderr, line
        assert snapshot(root) == before, "a refused input modified the project"
    else:
        assert result.exit_code in allowed, (result.exit_code, result.stderr)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
@FAST
@given(data=_encoded(ARTICLE))
def test_articles(tmp_path_factory, suffix: str, data: bytes) -> None:
    root = tmp_path_factory.mktemp("art")
    _write(root / f"doc{suffix}", data)
    _contract(["segment", f"doc{suffix}"], root, f"doc{suffix}")


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
@FAST
@given(data=_encoded(ARTICLE))
def test_articles_extract_and_assemble(tmp_path_factory, suffix: str, data: bytes) -> None:
    root = _project(tmp_path_factory.mktemp("ext"), "p")
    (root / "articles" / "a.txt").unlink()
    _write(root / "articles" / f"doc{suffix}", data)
    _contract(["extract"], root, f"doc{suffix}")
    if (root / "locales").exists():
        _contract(["assemble", "--fallback", "source"], root, f"doc{suffix}")


@FAST
@given(data=_encoded(PO))
def test_po_files(tmp_path_factory, data: bytes) -> None:
    root = tmp_path_factory.mktemp("po")
    _write(root / "locales/en/LC_MESSAGES/x.po", data)
    _contract(["status", "locales/en/LC_MESSAGES/x.po"], root, "x.po")
    _contract(["check", "locales/en/LC_MESSAGES/x.po"], root, "x.po", allowed=(0, 1))


@FAST
@given(data=_encoded(PO))
def test_po_files_under_extract(tmp_path_factory, data: bytes) -> None:
    root = _project(tmp_path_factory.mktemp("pox"), "p")
    _write(root / "locales/ar/LC_MESSAGES/a.po", data)
    _contract(["extract"], root, "a.po")


@FAST
@given(data=_encoded(CSV))
def test_glossary_csv(tmp_path_factory, data: bytes) -> None:
    root = tmp_path_factory.mktemp("csv")
    _write(root / "g.csv", data)
    before = snapshot(root)
    result = run_cli(["glossary", "lint", "g.csv"], cwd=root)  # a report: findings on stdout
    assert result.exit_code in (0, 1, 2)
    assert all(line.startswith("g.csv") for line in result.stdout.splitlines()), result.stdout
    assert snapshot(root) == before


@pytest.mark.parametrize(
    ("suffix", "args"), [(".tbx", ["glossary", "import"]), (".tmx", ["tm", "import"])]
)
@FAST
@given(data=_encoded(XML))
def test_xml_files(tmp_path_factory, suffix: str, args: list[str], data: bytes) -> None:
    root = _project(tmp_path_factory.mktemp("xml"), "p")
    _write(root / f"x{suffix}", data)
    extra = ["-o", "out.csv"] if suffix == ".tbx" else []
    _contract([*args, f"x{suffix}", *extra], root, f"x{suffix}")


@FAST
@given(text=TOML)
def test_project_files(tmp_path_factory, text: str) -> None:
    root = _project(tmp_path_factory.mktemp("toml"), "p")
    (root / "l10nflow.toml").write_bytes(text.encode("utf-8", "surrogatepass"))
    _contract(["extract"], root, ("l10nflow.toml", "a.txt"))  # a.txt: against its language


@pytest.mark.slow
@SLOW
@given(
    suffix=st.sampled_from([".txt", ".md", ".html"]),
    data=_encoded(ARTICLE),
)
def test_articles_many(tmp_path_factory, suffix: str, data: bytes) -> None:
    root = _project(tmp_path_factory.mktemp("many"), "p")
    _write(root / "articles" / f"doc{suffix}", data)
    _contract(["extract"], root, f"doc{suffix}")


@pytest.mark.slow
@SLOW
@given(data=_encoded(PO))
def test_po_files_many(tmp_path_factory, data: bytes) -> None:
    root = tmp_path_factory.mktemp("pomany")
    _write(root / "locales/en/LC_MESSAGES/x.po", data)
    _contract(["check", "locales/en/LC_MESSAGES/x.po"], root, "x.po", allowed=(0, 1))


def test_contract_helper_fails_on_an_exception(tmp_path: Path) -> None:
    """The harness itself: an input that raised would fail the property."""
    root = _project(tmp_path, "p")
    with pytest.raises(AssertionError):
        _contract(["status", "no-such.po"], root, "something-else.po")
    assert os.path.exists(root / "l10nflow.toml")
