"""HTML articles: a lossless skeleton, inline tags as numbered tags, safe translated output.

Reading. The page is decoded by its declared charset (``<meta charset>`` or
``http-equiv``) unless ``--encoding`` says otherwise. html5lib (the WHATWG
parser) checks it: when it reports parse errors (a missing doctype and
loose entities are tolerated), a warning names the line and the reader works
on html5lib's repaired serialisation, so identity then holds for the repaired
text. The skeleton comes from the stdlib tokenizer ``html.parser.HTMLParser``,
whose token positions keep every character: tags and attributes, comments,
entities as written, whitespace.

Translatable: text in block elements (``p``, ``h1``–``h6``, ``li``, ``dt``,
``dd``, ``figcaption``, ``blockquote``, ``td``, ``th``, ``caption``,
``title``) and in other containers (``div``, ``section``, ``body``…), split
into sentences; ``alt`` and ``title`` attributes, as segments of kind
``attribute``. Never translated: ``script``, ``style``, ``code``, ``pre``,
``kbd``, ``samp``, ``textarea``, ``template``, ``svg``, ``math``, comments.
Inline elements (:data:`INLINE`) stay inside their segment as numbered tags
(``<1>…</1>``; ``<2/>`` for void ones and for inline code or comments kept
whole), so translators cannot break attributes. Entities are decoded in
segment text and every character of a translation is escaped on output; the
source's tags come back by number with their attributes, and a tag the
source did not have stays visible text. For the target language, the root
``<html>`` gets ``lang`` and ``dir`` (a ``dir``/``lang`` on ``<body>`` follows).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from l10nflow.document.inline import NUMBERED_TAGS, Role, Tag, balance, parse_tags
from l10nflow.document.model import (
    BlockKind,
    Document,
    LocalizedSpan,
    Placement,
    Segment,
    build_parts,
)
from l10nflow.errors import UnsafeOutput
from l10nflow.languages import direction
from l10nflow.segment import split_sentences
from l10nflow.textio import ArticleText, read_article

BLOCK_KINDS: dict[str, BlockKind] = {
    "title": BlockKind.TITLE,
    **{f"h{level}": BlockKind.HEADING for level in range(1, 7)},
    "p": BlockKind.PARAGRAPH,
    "li": BlockKind.LIST_ITEM,
    "dt": BlockKind.LIST_ITEM,
    "dd": BlockKind.LIST_ITEM,
    "figcaption": BlockKind.CAPTION,
    "caption": BlockKind.CAPTION,
    "blockquote": BlockKind.QUOTE,
    "td": BlockKind.TABLE_CELL,
    "th": BlockKind.TABLE_CELL,
}


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Inline markup of its segments (its record in the format registry): numbered tags.
MARKUP = NUMBERED_TAGS
# Elements that stay inside a segment as numbered tags.
INLINE = _names(
    "a em strong b i span sup sub abbr small mark q cite u s del ins time bdi bdo dfn data font "
    "br wbr img"
)
# Elements whose content is never translated; inside a sentence they are one void tag.
UNTRANSLATED = _names("script style code pre kbd samp textarea template svg math")
KEPT_WHOLE = UNTRANSLATED - {"pre"}
VOID_ELEMENTS = _names("area base br col embed hr img input link meta param source track wbr")
TRANSLATABLE_ATTRIBUTES = ("alt", "title")
_NO_ATTRIBUTES = _names("html head body meta link script style base")
# html5lib reports these for pages browsers read alike, so they do not count as malformed.
_TOLERATED = frozenset(
    {
        "expected-doctype-but-got-start-tag",
        "expected-doctype-but-got-chars",
        "expected-doctype-but-got-end-tag",
        "expected-doctype-but-got-eof",
        "unknown-doctype",
        "named-entity-without-semicolon",
        "expected-named-entity",
        "numeric-entity-without-semicolon",
    }
)
_WHITESPACE = frozenset(" \t\n\r\f")
_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s"'<>/=]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s>"'`=<]+)))?"""
)
_TAG_NAME = re.compile(r"</?[^\s/>]+")
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# WHATWG maps these labels to windows-1252; everything else is Python's codec of the same name.
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252"}
_UTF8_LABELS = frozenset({"utf-8", "utf8", "unicode-1-1-utf-8"})


# ----------------------------------------------------------------------------- reading


def declared_charset(data: bytes) -> str | None:
    """The non-UTF-8 charset a page declares in its first 4 KiB (``None``: UTF-8 or none)."""
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    if label in _UTF8_LABELS:
        return None
    return _CHARSET_ALIASES.get(label.replace("us-ascii", "ascii"), label)


def decode_html(path: Path, encoding: str | None = None) -> ArticleText:
    """Read an HTML page, decoded by ``encoding``, else by its declared charset, else UTF-8."""
    if encoding is None:
        try:
            with path.open("rb") as handle:
                encoding = declared_charset(handle.read(4096))
        except OSError:
            pass  # read_article reports it
    return read_article(path, encoding)


def parse_html(
    text: str,
    lang: str,
    *,
    path: Path | None = None,
    bom: bool = False,
    encoding: str = "utf-8",
    segmentation: str = "sentence",
    abbreviations: Iterable[str] = (),
) -> Document:
    """Split an HTML page into segments with a lossless skeleton (see the module notes)."""
    text, warnings = checked_html(text, path)
    builder = _Builder(text, lang, segmentation, tuple(abbreviations))
    builder.walk(_scan(text))
    return Document(
        path=path,
        lang=lang,
        parts=build_parts(text, builder.placements, builder.localized),
        bom=bom,
        format="html",
        encoding=encoding,
        unencodable="xmlcharrefreplace",  # a legacy charset: character references
        warnings=tuple(warnings),
    )


def checked_html(text: str, path: Path | None = None) -> tuple[str, list[str]]:
    """``text`` if html5lib finds it well-formed, else its repaired form and a warning."""
    import html5lib
    from html5lib.constants import E

    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    doctype = re.match(r"\s*(?:<!--.*?-->\s*)*<!doctype[^>]*>", text, re.IGNORECASE | re.DOTALL)
    page = doctype or re.match(r"\s*(?:<!--.*?-->\s*)*<html[\s>]", text, re.IGNORECASE | re.DOTALL)
    tree = parser.parse(text) if page else parser.parseFragment(text)
    errors = [error for error in parser.errors if error[1] not in _TOLERATED]
    if not errors:
        return text, []
    (line, _column), code, data = errors[0]
    detail = (E.get(code, code) % (data or {})).rstrip(".")
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    where = f"{path}:{line}" if path else f"line {line}"
    warning = f"{where}: malformed HTML: {detail}{more}; working on html5lib's repaired markup"
    repaired = html5lib.serialize(
        tree,
        tree="etree",
        omit_optional_tags=False,
        quote_attr_values="always",
        use_trailing_solidus=False,
    )
    if doctype:
        repaired = doctype.group(0).lstrip() + "\n" + repaired
    return repaired + ("\n" if text.endswith("\n") and not repaired.endswith("\n") else ""), [
        warning
    ]


def screen_html(output: str, source: str, path: Path | None = None) -> None:
    """Refuse an assembled page with an element, attribute or comment its source lacks.

    Translations are escaped and only the source's numbered tags come back, so
    this never fires on l10nflow's own output; it is the last guard that the
    whole document, as a browser reads it, carries no new markup.
    """
    extra = _markup_signature(output) - _markup_signature(source)
    if extra:
        what = next(iter(extra))
        raise UnsafeOutput(
            f"the assembled page holds markup its source does not have ({what}); nothing written",
            path=path,
        )


_LOCALIZED_ATTRIBUTES = frozenset({"lang", "dir", "xml:lang"})  # set by localize_root


def _markup_signature(text: str) -> Counter[str]:
    """Start tags with their attribute names, and comments, of a page."""
    found: Counter[str] = Counter()
    for token in _scan(text):
        if token.kind in ("start", "startend"):
            names = sorted({a.name for a in _attributes(text, token)} - _LOCALIZED_ATTRIBUTES)
            found[f"<{token.name} {' '.join(names)}>".replace(" >", ">")] += 1
        elif token.kind in ("comment", "decl", "pi"):
            found[token.kind] += 1
    return found


# ----------------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class _Token:
    """One token of the page: its kind, its span, and the lower-case tag name of a tag."""

    kind: str  # start | end | startend | data | entity | comment | decl | pi
    start: int
    end: int
    name: str = ""


class _Scanner(HTMLParser):
    """The stdlib HTML tokenizer, recording where each token starts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.events: list[tuple[str, tuple[int, int], str]] = []

    def _add(self, kind: str, name: str = "") -> None:
        self.events.append((kind, self.getpos(), name))

    def handle_starttag(self, tag, attrs) -> None:
        self._add("start", tag)

    def handle_startendtag(self, tag, attrs) -> None:
        self._add("startend", tag)

    def handle_endtag(self, tag) -> None:
        self._add("end", tag)

    def handle_data(self, data) -> None:
        self._add("data")

    def handle_entityref(self, name) -> None:
        self._add("entity")

    def handle_charref(self, name) -> None:
        self._add("entity")

    def handle_comment(self, data) -> None:
        self._add("comment")

    def handle_decl(self, decl) -> None:
        self._add("decl")

    def handle_pi(self, data) -> None:
        self._add("pi")

    def unknown_decl(self, data) -> None:
        self._add("decl")


def _scan(text: str) -> list[_Token]:
    """Tokens covering ``text`` end to end: each runs to where the next one starts."""
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    newlines = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]  # HTMLParser's lines
    starts = [newlines[line - 1] + column for _kind, (line, column), _name in scanner.events]
    tokens = []
    for index, (kind, _position, name) in enumerate(scanner.events):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        if end > starts[index]:
            tokens.append(_Token(kind, starts[index], end, name.lower()))
    return tokens


@dataclass(frozen=True)
class _Attribute:
    name: str
    start: int  # of the value, in the page
    end: int
    quote: str  # '"', "'" or "" for an unquoted value


def _attributes(text: str, token: _Token) -> list[_Attribute]:
    """The attributes of a start tag with the spans of their values."""
    raw = text[token.start : token.end]
    name = _TAG_NAME.match(raw)
    found = []
    for match in _ATTRIBUTE.finditer(raw, name.end() if name else 1):
        for group, quote in (("dq", '"'), ("sq", "'"), ("uq", "")):
            if match.group(group) is not None:
                start, end = match.span(group)
                found.append(
                    _Attribute(
                        match.group("name").lower(), token.start + start, token.start + end, quote
                    )
                )
    return found


# ----------------------------------------------------------------------------- codecs


def escape_text(text: str) -> str:
    """A translation's text as HTML text: every markup character escaped."""
    return html.escape(text, quote=False).replace("\xa0", "&nbsp;")


Template = tuple[str | int, ...]  # raw markup and indexes of segments rendered into it


@dataclass(frozen=True)
class _TextCodec:
    """Renders a text segment: its source tags restored by number, the translation escaped."""

    layout: tuple[str | Tag, ...]  # the source: raw text between its tags
    templates: Mapping[Tag, Template]
    hosted: bool  # some tag holds a translatable attribute (another segment)

    def render(self, segment: Segment, translation: str | None, rendered: Mapping[int, str]) -> str:
        if translation is None:
            if not self.hosted:
                return segment.source
            return "".join(p if isinstance(p, str) else self._tag(p, rendered) for p in self.layout)
        source = [p for p in self.layout if isinstance(p, Tag)]
        tokens = balance(parse_tags(translation), source).tokens
        return "".join(
            escape_text(t) if isinstance(t, str) else self._tag(t, rendered) for t in tokens
        )

    def _tag(self, tag: Tag, rendered: Mapping[int, str]) -> str:
        return "".join(p if isinstance(p, str) else rendered[p] for p in self.templates[tag])


@dataclass(frozen=True)
class _AttributeCodec:
    """Renders an attribute value: escaped for its quotes (an unquoted one gets quotes)."""

    quote: str

    def render(self, segment: Segment, translation: str | None, rendered: Mapping[int, str]) -> str:
        if translation is None:
            return segment.source
        value = html.escape(_fold(translation), quote=True).replace("\xa0", "&nbsp;")
        return value if self.quote else f'"{value}"'


def _fold(text: str) -> str:
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip()


def localize_root(tag: str, lang: str, *, add: bool = True) -> str:
    """A start tag with ``lang`` and ``dir`` for ``lang`` set (added when ``add``)."""
    values = {"lang": lang, "dir": direction(lang)}
    values["xml:lang"] = lang
    edits: list[tuple[int, int, str]] = []
    present = set()
    for attribute in _attributes(tag, _Token("start", 0, len(tag))):
        if attribute.name in values:
            present.add(attribute.name)
            quote = attribute.quote or '"'
            value = f"{quote}{values[attribute.name]}{quote}"
            size = len(attribute.quote)
            edits.append((attribute.start - size, attribute.end + size, value))
    missing = "".join(f' {n}="{values[n]}"' for n in ("lang", "dir") if n not in present)
    if add and missing:
        closing = len(tag) - (2 if tag.endswith("/>") else 1)
        edits.append((closing, closing, missing))
    for start, end, replacement in sorted(edits, reverse=True):
        tag = tag[:start] + replacement + tag[end:]
    return tag


# ----------------------------------------------------------------------------- the builder


@dataclass(slots=True)
class _Item:
    """One character (entities decoded, whitespace folded) or one tag of a text run."""

    start: int
    end: int
    char: str = ""  # for a character
    role: Role | None = None  # for a tag
    token: _Token | None = None
    partner: int | None = None  # index of the other tag of a pair


@dataclass
class _Builder:
    """Walks the tokens of a page and places its segments."""

    text: str
    lang: str
    segmentation: str
    abbreviations: tuple[str, ...]
    placements: list[Placement] = field(default_factory=list)
    localized: list[LocalizedSpan] = field(default_factory=list)
    stack: list[str] = field(default_factory=list)
    run: list[_Token] = field(default_factory=list)
    blocks: int = 0

    def walk(self, tokens: list[_Token]) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if self._untranslated():
                self._structure(token)
            elif token.kind in ("data", "entity") or (token.kind == "comment" and self.run):
                self.run.append(token)
            elif token.kind in ("start", "startend") and token.name in KEPT_WHOLE:
                end = _closing(tokens, index)
                self.run.append(_Token("whole", token.start, tokens[end].end, token.name))
                index = end
            elif token.kind in ("start", "startend", "end") and token.name in INLINE:
                self.run.append(token)
            else:
                self._flush()
                self._structure(token)
            index += 1
        self._flush()

    def _untranslated(self) -> bool:
        return any(name in UNTRANSLATED for name in self.stack)

    def _structure(self, token: _Token) -> None:
        """A token outside sentences: track open elements, place attributes and the root."""
        if token.kind == "end":
            if token.name in self.stack:
                del self.stack[len(self.stack) - 1 - self.stack[::-1].index(token.name) :]
            return
        if token.kind not in ("start", "startend"):
            return
        if token.name in ("html", "body"):
            self._localize(token)
        if not self._untranslated():
            self.placements += self._attribute_placements(token)
        if token.kind == "start" and token.name not in VOID_ELEMENTS and token.name not in INLINE:
            if (
                token.name in ("p", "li", "dt", "dd")
                and self.stack
                and self.stack[-1] == token.name
            ):
                self.stack.pop()  # an implied end tag
            self.stack.append(token.name)

    def _localize(self, token: _Token) -> None:
        if any(span.start == token.start for span in self.localized):
            return
        root = token.name == "html"
        raw = self.text[token.start : token.end]
        if not root and not re.search(r"\s(?:dir|lang)\s*=", raw, re.IGNORECASE):
            return

        def localize(lang: str, raw: str = raw, root: bool = root) -> str:
            return localize_root(raw, lang, add=root)

        self.localized.append(LocalizedSpan(token.start, token.end, localize))

    def _attribute_placements(self, token: _Token) -> list[Placement]:
        if token.name in _NO_ATTRIBUTES:
            return []
        placements = []
        for attribute in _attributes(self.text, token):
            if attribute.name not in TRANSLATABLE_ATTRIBUTES:
                continue
            value = _fold(html.unescape(self.text[attribute.start : attribute.end]))
            if not _has_words(value):
                continue
            self.blocks += 1
            codec = _AttributeCodec(attribute.quote)
            placements.append(
                Placement(
                    attribute.start,
                    attribute.end,
                    value,
                    BlockKind.ATTRIBUTE,
                    self.blocks,
                    lambda index_of, codec=codec: codec,
                )
            )
        return placements

    def _kind(self) -> BlockKind:
        for name in reversed(self.stack):
            if name in BLOCK_KINDS:
                return BLOCK_KINDS[name]
        return BlockKind.PARAGRAPH

    # -- a run of inline content

    def _flush(self) -> None:
        run, self.run = self.run, []
        items = self._items(run)
        chars = [i for i, item in enumerate(items) if item.role is None]
        plain = "".join(items[i].char for i in chars)
        if not _has_words(plain):
            self._place_gap_attributes(items, 0, len(items))
            return
        self.blocks += 1
        spans = split_sentences(
            plain, self.lang, abbreviations=self.abbreviations, mode=self.segmentation
        )
        ranges = _repair_ranges(items, [[chars[a], chars[b - 1] + 1] for a, b in spans])
        position = 0
        kind = self._kind()
        for start, end in ranges:
            self._place_gap_attributes(items, position, start)
            if _has_words("".join(item.char for item in items[start:end])):
                self.placements.append(self._segment(items, start, end, kind))
            else:
                self._place_gap_attributes(items, start, end)
            position = end
        self._place_gap_attributes(items, position, len(items))

    def _items(self, run: Sequence[_Token]) -> list[_Item]:
        """Characters and tags of a run; pairs matched, unmatched tags made void."""
        items: list[_Item] = []
        opened: list[int] = []
        for token in run:
            raw = self.text[token.start : token.end]
            if token.kind in ("data", "entity"):
                chars = html.unescape(raw) if token.kind == "entity" else raw
                step = 1 if token.kind == "data" else 0
                for offset, char in enumerate(chars):
                    start = token.start + offset * step
                    end = start + 1 if step else token.end
                    if char in _WHITESPACE and items and items[-1].char == " ":
                        items[-1].end = end
                    else:
                        items.append(_Item(start, end, " " if char in _WHITESPACE else char))
            elif token.kind == "start" and token.name not in VOID_ELEMENTS:
                opened.append(len(items))
                items.append(_Item(token.start, token.end, role=Role.OPEN, token=token))
            elif token.kind == "end":
                match = next(
                    (i for i in reversed(opened) if items[i].token.name == token.name), None
                )
                item = _Item(token.start, token.end, role=Role.VOID, token=token)
                if match is not None:
                    for inner in opened[opened.index(match) + 1 :]:
                        items[inner].role = Role.VOID  # crossed: kept whole where it stands
                    del opened[opened.index(match) :]
                    item.role, item.partner = Role.CLOSE, match
                    items[match].partner = len(items)
                items.append(item)
            else:
                items.append(_Item(token.start, token.end, role=Role.VOID, token=token))
        for index in opened:
            items[index].role = Role.VOID
        return items

    def _segment(self, items: list[_Item], start: int, end: int, kind: BlockKind) -> Placement:
        """A sentence: its text with numbered tags, and the codec that restores them."""
        numbers: dict[int, int] = {}
        text: list[str] = []
        layout: list[str | Tag] = []
        templates: dict[Tag, Template] = {}
        hosted: list[Placement] = []
        position = items[start].start
        for index in range(start, end):
            item = items[index]
            if item.role is None:
                text.append(item.char)
                continue
            if item.role is Role.CLOSE:
                tag = Tag(numbers[item.partner], Role.CLOSE)  # type: ignore[index]
            else:
                numbers[index] = len(numbers) + 1
                tag = Tag(numbers[index], item.role)
            text.append(str(tag))
            layout += [self.text[position : item.start], tag]
            position = item.end
            templates[tag] = self._template(item, hosted)
        layout.append(self.text[position : items[end - 1].end])
        codec = _TextCodec(tuple(p for p in layout if p != ""), templates, bool(hosted))
        return Placement(
            items[start].start,
            items[end - 1].end,
            "".join(text),
            kind,
            self.blocks,
            lambda index_of: _link(codec, hosted, index_of),
            hosted,
        )

    def _template(self, item: _Item, hosted: list[Placement]) -> Template:
        """A tag's markup, with its translatable attribute values as hosted segments."""
        token = item.token
        if token is None or token.kind not in ("start", "startend"):
            return (self.text[item.start : item.end],)
        attributes = self._attribute_placements(token)
        pieces: list[str | Placement] = []
        position = item.start
        for placement in attributes:
            pieces += [self.text[position : placement.start], placement]
            position = placement.end
        pieces.append(self.text[position : item.end])
        hosted += attributes
        return tuple(pieces)  # type: ignore[arg-type]  # placements become indexes in _link

    def _place_gap_attributes(self, items: list[_Item], start: int, end: int) -> None:
        """Attributes of the tags a run leaves in the skeleton are segments of their own."""
        for item in items[start:end]:
            if item.token is not None and item.token.kind in ("start", "startend"):
                self.placements += self._attribute_placements(item.token)


def _link(codec: _TextCodec, hosted: list[Placement], index_of: Callable) -> _TextCodec:
    """The codec with hosted placements replaced by their final segment indexes."""
    if not hosted:
        return codec
    templates = {
        tag: tuple(p if isinstance(p, str) else index_of(p) for p in template)
        for tag, template in codec.templates.items()
    }
    return _TextCodec(codec.layout, templates, True)


def _closing(tokens: list[_Token], index: int) -> int:
    """Index of the end tag closing the element that starts at ``index`` (itself if none)."""
    name = tokens[index].name
    if tokens[index].kind == "startend" or name in VOID_ELEMENTS:
        return index
    depth = 0
    for position in range(index, len(tokens)):
        token = tokens[position]
        if token.name == name and token.kind == "start":
            depth += 1
        elif token.name == name and token.kind == "end":
            depth -= 1
            if depth == 0:
                return position
    return index


def _repair_ranges(items: list[_Item], ranges: list[list[int]]) -> list[list[int]]:
    """Widen and merge sentence ranges until every tag pair is inside one, or outside all.

    Each pass merges every pair whose two tags lie in different ranges (or one in
    a range, one outside) with the ranges it touches, in one sweep; a pass can
    bring a pair's tag into a range for the first time, so passes repeat until
    nothing changes (as many as pairs nest across sentences, in practice one or two).
    """
    pairs = [
        (index, item.partner)
        for index, item in enumerate(items)
        if item.role is Role.OPEN and item.partner is not None
    ]
    while True:
        starts = [start for start, _ in ranges]
        spans = [
            [a, b + 1, False]
            for a, b in pairs
            if _owner(ranges, starts, a) != _owner(ranges, starts, b)
        ]
        if not spans:
            return ranges
        merged: list[list] = []
        for low, high, real in sorted([[a, b, True] for a, b in ranges] + spans):
            if merged and low < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], high)
                merged[-1][2] = merged[-1][2] or real
            else:
                merged.append([low, high, real])
        ranges = [[low, high] for low, high, real in merged if real]


def _owner(ranges: list[list[int]], starts: list[int], position: int) -> int | None:
    """The index of the range holding ``position`` (``starts``: the ranges' starts), or None."""
    from bisect import bisect_right

    k = bisect_right(starts, position) - 1
    return k if k >= 0 and position < ranges[k][1] else None


def _has_words(text: str) -> bool:
    return any(char.isalnum() for char in text)
