"""HTML articles: lossless skeleton, inline tags, attributes, escaping, charset, repair, e2e."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import html5lib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10nflow.document import BlockKind, read_document
from l10nflow.document.html import checked_html, localize_root, parse_html
from l10nflow.document.inline import MARKUP_MOVED, compare_tags
from l10nflow.pofile import read_po
from tests.fixtures.formats.support import (
    HERE,
    OTHER,
    article_project,
    assemble_with,
    identity_through_po,
)
from tests.fixtures.marian.build_test_model import load_corpus

ARTICLES = sorted(HERE.glob("*.html"))
PAGES = HERE / "pages.html"
SEED = HERE / "qatar-wv-partnership.html"


def _parse(page: str):
    return html5lib.parse(page, namespaceHTMLElements=False)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_html_articles_round_trip_byte_for_byte(path: Path) -> None:
    data = path.read_bytes()
    document = read_document(path)
    assert document.format == "html" and document.segments and not document.warnings
    assert document.encode(document.render()) == data
    assert identity_through_po(document).encode("utf-8") == data
    # into the other language only the lang/dir of <html> (and a dir/lang on <body>) change
    other = OTHER[document.lang]
    expected = text = data.decode("utf-8")
    for name, add in (("<html", True), ("<body", False)):
        start = text.index(name)
        tag = text[start : text.index(">", start) + 1]
        expected = expected.replace(tag, localize_root(tag, other, add=add), 1)
    assert identity_through_po(document, other) == expected
    assert f'lang="{other}"' in expected


@pytest.mark.parametrize(
    "variant",
    [lambda t: t.replace("\n", "\r\n"), lambda t: t.rstrip("\n"), lambda t: "\ufeff" + t],
    ids=["crlf", "no-final-newline", "bom"],
)
def test_awkward_variants_round_trip(tmp_path: Path, variant) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(variant(PAGES.read_text(encoding="utf-8")).encode("utf-8"))
    document = read_document(path, lang="en")
    assert document.encode(document.render()) == path.read_bytes()
    assert len(document.segments) > 30


_TAGS = [
    "<p>",
    "</p>",
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<br>",
    "<br/>",
    "<img alt=Alt src=x>",
    "<li>",
]
_MORE = ["<a href='x' title=\"T t\">", "</a>", "<span title=s>", "</span>", "<code>", "</code>"]
_BLOCKS = [
    "<pre>",
    "</pre>",
    "<div>",
    "</div>",
    "<h1>",
    "</h1>",
    "<table>",
    "<td>",
    "<ul>",
    "</ul>",
]
_PAGE = ["<script>x<p>y</script>", "<!-- c -->", "<html>", "<body dir=rtl>", "<!doctype html>"]
_TEXT = [
    "&amp;",
    "&copy",
    "&lt;1&gt;",
    "&#x41;",
    "<1>",
    "</2>",
    "Word",
    "قطر",
    ". ",
    "? ",
    " ",
    "\n",
]
_PIECES = st.sampled_from([*_TAGS, *_MORE, *_BLOCKS, *_PAGE, *_TEXT, "\r\n"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=30).map("".join), st.sampled_from(["ar", "en"]))
def test_round_trip_property(text: str, lang: str) -> None:
    repaired, _warnings = checked_html(text)
    document = parse_html(text, lang)
    assert document.render() == repaired  # identity holds for the (repaired) page
    assert identity_through_po(document) == repaired
    translated = document.render(lambda s: f"{s.text} <x>&", OTHER[lang])
    if not checked_html(repaired)[1]:  # html5lib's own repair is not always clean
        assert checked_html(translated)[1] == []


def test_blocks_attributes_and_untranslated_elements() -> None:
    document = read_document(PAGES)
    by_text = {s.text: s for s in document.segments}
    assert by_text["Formats & pages"].kind is BlockKind.TITLE  # entities decoded for translators
    assert by_text["Formats — a <1>test</1> page"].kind is BlockKind.HEADING
    assert by_text["Top of the page"].kind is BlockKind.ATTRIBUTE  # title="…"
    assert by_text["An inline image"].kind is BlockKind.ATTRIBUTE  # alt="…"
    assert by_text["Unquoted"].kind is BlockKind.ATTRIBUTE  # alt=Unquoted
    assert by_text["Definition of the term."].kind is BlockKind.LIST_ITEM
    assert by_text["A small table"].kind is BlockKind.CAPTION
    assert by_text["<1>Quoted</1> cell"].kind is BlockKind.TABLE_CELL
    assert by_text["Quoted directly in the blockquote."].kind is BlockKind.QUOTE
    assert by_text["Text directly in a div.<1>Span text.</1>"].kind is BlockKind.PARAGRAPH
    assert "First sentence with <1>a <2>nested</2> link</1>." in by_text  # nested inline tags
    assert "Second sentence has\xa0a non-breaking space & an entity © 2024." in by_text
    assert "Use <1/> to list." in by_text  # inline code is one void tag
    assert "Item one" in by_text and "Item <1>two</1> with <2>1</2> and <3>2</3>." in by_text
    assert "Whole bold paragraph." in by_text  # tags around a whole sentence stay outside
    abbr = by_text["North Atlantic Treaty Organization"]
    assert abbr.host == by_text["<1>NATO</1> met."].index  # rendered inside its host's tag
    joined = " ".join(by_text)
    for hidden in (
        "not a paragraph",
        "color",
        "Preformatted",
        "svg text",
        "ls -l",
        "Ctrl",
        "inline comment",
    ):
        assert hidden not in joined


def test_translations_are_escaped_and_tags_restored_with_their_attributes() -> None:
    document = read_document(PAGES)
    translations = {
        "First sentence with <1>a <2>nested</2> link</1>.": (
            "Première <1>un lien <2>imbriqué</2></1> & <b>."
        ),
        "<1>NATO</1> met.": "L'<1>OTAN</1> s'est réunie.",
        "North Atlantic Treaty Organization": 'Organisation "du traité"',
        "Unquoted": "Sans guillemets",
        "Formats & pages": "Formats & pages <traduit>",
    }
    out = assemble_with(document, translations, "fr")
    assert (
        "<a href=\"https://example.com/?a=1&amp;b=2\" class='ext' title='External link'>un lien "
        "<strong>imbriqué</strong></a> &amp; &lt;b&gt;." in out
    )
    assert '<abbr title="Organisation &quot;du traité&quot;">OTAN</abbr>' in out
    assert 'alt="Sans guillemets"' in out
    assert "<title>Formats &amp; pages &lt;traduit&gt;</title>" in out
    assert '<html lang="fr" dir="ltr">' in out and '<body dir="ltr">' in out


ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<1 onclick="alert(1)">x</1>',
    '<a href="javascript:alert(1)">click</a>',
    'x" onerror="alert(1)" y="',
    "x onmouseover=alert(1)",
    "</1><script>alert(1)</script><1>",
    "<!--<script>-->alert(1)",
]


def _active_content(page: str) -> list[str]:
    found = []
    for element in _parse(page).iter():
        if element.tag in ("script", "iframe", "object"):
            found.append(f"<{element.tag}> {element.text!r}")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{element.tag} {name}")
            if value.strip().lower().startswith("javascript:"):
                found.append(f"{element.tag} {name}={value}")
    return found


@pytest.mark.parametrize("attack", ATTACKS)
def test_untrusted_translations_come_out_as_text(attack: str) -> None:
    document = read_document(PAGES)
    before = _active_content(document.render())
    assert [item for item in before if "not a paragraph" not in item] == []  # the page's own script
    translations = {s.text: f"{attack} {s.text}" for s in document.segments}
    out = assemble_with(document, translations, "ar")
    assert _active_content(out) == before
    tags = [e.tag for e in _parse(out).iter()]
    assert tags == [e.tag for e in _parse(document.render()).iter()]  # no element added


def test_translated_structure_is_the_source_structure() -> None:
    document = read_document(SEED)
    out = assemble_with(document, {s.text: f"EN {s.text}" for s in document.segments}, "en")

    def shape(page: str) -> list[tuple[str, tuple]]:
        kept = ("href", "src", "class", "width", "datetime")
        return [
            (e.tag, tuple((k, v) for k, v in sorted(e.attrib.items()) if k in kept))
            for e in _parse(page).iter()
        ]

    assert shape(out) == shape(document.render())
    assert '<html lang="en" dir="ltr">' in out


def test_malformed_html_is_repaired_with_a_warning(tmp_path) -> None:
    page = (
        "<!DOCTYPE html>\n<html>\n<head><title>Page</title></head>\n<body>\n"
        "<p>One <b>two <i>three</b> four</i>.</p>\n<div>Five.</span></div>\n</body>\n</html>\n"
    )
    repaired, warnings = checked_html(page, Path("bad.html"))
    assert warnings == [
        "bad.html:5: malformed HTML: End tag (b) violates step 1, paragraph 3 of the adoption "
        "agency algorithm (and 1 more); working on html5lib's repaired markup"
    ]
    assert checked_html(repaired) == (repaired, [])  # the repaired markup is well-formed
    path = tmp_path / "bad.html"
    path.write_text(page, encoding="utf-8")
    document = read_document(path, lang="en")
    assert any("bad.html:5: malformed HTML" in warning for warning in document.warnings)
    assert document.render() == repaired
    assert [s.text for s in document.segments] == [
        "Page",
        "One <1>two <2>three</2></1><3> four</3>.",
        "Five.",
    ]
    out = assemble_with(document, {"Five.": "Cinq."}, "fr")
    assert "<div>Cinq.</div>" in out
    # the command line shows it (a real process: pytest's log capture is not in the way)
    command = [sys.executable, "-m", "l10nflow", "segment", str(path), "--lang", "en"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "bad.html:5: malformed HTML: End tag (b)" in result.stderr


def test_fragments_and_loose_entities_are_not_malformed() -> None:
    for page in (
        "<p>Fragment &copy 2024 &bogus; text.</p>\n",
        "<html><body><p>x</p></body></html>",
    ):
        assert checked_html(page) == (page, [])
        assert parse_html(page, "en").render() == page


def test_declared_windows_1256_charset_decodes_the_page(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1256"><title>قطر والحرس الوطني</title></head>'
        "<body><p>تدعم قطر الأمن في المنطقة.</p></body></html>\n"
    )
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1256"))
    document = read_document(path)
    assert document.lang == "ar" and document.encoding == "windows-1256"
    assert [s.text for s in document.segments] == [
        "قطر والحرس الوطني",
        "تدعم قطر الأمن في المنطقة.",
    ]
    assert document.encode(document.render()) == path.read_bytes()  # identity in its own charset
    out = document.encode(document.render(lambda s: "Qatar ✓" if s.index == 0 else None, "en"))
    assert b"<title>Qatar &#10003;</title>" in out  # what the charset lacks becomes a reference
    http_equiv = page.replace(
        'charset="windows-1256"',
        'http-equiv="Content-Type" content="text/html; charset=windows-1256"',
    )
    path.write_bytes(http_equiv.encode("cp1256"))
    assert read_document(path).segments[1].text == "تدعم قطر الأمن في المنطقة."


def test_undeclared_legacy_bytes_are_refused_clearly(cli, tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    path.write_bytes("<p>تدعم قطر الأمن.</p>".encode("cp1256"))
    result = cli(["segment", str(path)], cwd=tmp_path)
    assert result.exit_code == 2 and "not UTF-8 (looks like windows-1256)" in result.stderr


def test_root_language_and_direction() -> None:
    assert localize_root("<html>", "ar") == '<html lang="ar" dir="rtl">'
    assert (
        localize_root("<html lang='ar' dir=rtl class=x>", "en")
        == "<html lang='en' dir=\"ltr\" class=x>"
    )
    assert localize_root('<html xml:lang="ar">', "en") == '<html xml:lang="en" lang="en" dir="ltr">'
    assert localize_root('<body dir="rtl">', "en", add=False) == '<body dir="ltr">'
    assert localize_root("<body>", "en", add=False) == "<body>"


# ----------------------------------------------------------------------------- end to end

E2E_ARTICLE = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><title>قطر والحرس الوطني يعززان الشراكة</title></head>
<body>
<h1>قطر والحرس الوطني يعززان الشراكة</h1>
<p><time datetime="2024-07-30">2024-07-30</time></p>
<p>أطلق الطرفان الشراكة عام <strong>2021</strong>. <em>تشمل الشراكة أنشطة التدريب المشترك.</em></p>
<figure><img src="base.jpg" alt="زار الحرس الوطني القاعدة الجوية.">
<figcaption>وصل الوفد إلى القاعدة الجوية.</figcaption></figure>
<ul>
<li>يضم البرنامج الآن <b>96</b> شراكة مع <b>106</b> دول.</li>
<li><a href="https://example.com/interop" title="هذا البرنامج مهم للسلام.">
تعزز الأنشطة قابلية التشغيل البيني للقوات.</a></li>
</ul>
<p>يدعم <a href="https://example.com/ng">الحرس الوطني</a> السلام والاستقرار.</p>
<pre>قطر</pre>
<script>var label = "قطر";</script>
</body>
</html>
"""


def _tags_in_order(page: str) -> list[tuple[str, tuple]]:
    translated = ("alt", "title", "lang", "dir")
    return [
        (e.tag, tuple(sorted((k, v) for k, v in e.attrib.items() if k not in translated)))
        for e in _parse(page).iter()
    ]


def test_translate_and_assemble_an_html_article(cli, tmp_path, marian_ar_en) -> None:
    project = article_project(tmp_path, "partnership.html", E2E_ARTICLE, "ar", "en")
    result = cli(["translate", "--model", str(marian_ar_en), "--num-beams", "1"], cwd=project)
    assert result.exit_code == 0, result.stderr
    corpus = dict(load_corpus("ar-en"))
    entries = {e.msgid: e for e in read_po(project / "locales/en/LC_MESSAGES/partnership.po")}
    numbers = entries["يضم البرنامج الآن <1>96</1> شراكة مع <2>106</2> دول."]
    assert (
        numbers.msgstr
        == "The program now includes <1>96</1> partnerships with <2>106</2> countries."
    )
    assert "markup:" not in numbers.comment
    flagged = entries["يدعم <1>الحرس الوطني</1> السلام والاستقرار."]
    # no anchor for tag 1 (no glossary, no shared word): placed by position, flagged
    assert flagged.msgstr == "The <1>National Guard supports</1> peace and stability."
    assert f"markup: {MARKUP_MOVED}" in flagged.comment and "fuzzy" in flagged.flags
    assert compare_tags(flagged.msgid, flagged.msgstr) == []
    assert entries["هذا البرنامج مهم للسلام."].msgstr == corpus["هذا البرنامج مهم للسلام."]

    result = cli(["assemble", "--fallback", "mt"], cwd=project)
    assert result.exit_code == 0, result.stderr
    output = (project / "build/en/partnership.html").read_text(encoding="utf-8")
    assert _tags_in_order(output) == _tags_in_order(E2E_ARTICLE)
    assert checked_html(output)[1] == []  # well-formed
    assert '<html lang="en" dir="ltr">' in output
    assert f"<title>{corpus['قطر والحرس الوطني يعززان الشراكة']}</title>" in output
    assert f'title="{corpus["هذا البرنامج مهم للسلام."]}"' in output
    assert f'alt="{corpus["زار الحرس الوطني القاعدة الجوية."]}"' in output
    assert "in <strong>2021</strong>." in output
    assert "<pre>قطر</pre>" in output and 'var label = "قطر";' in output
