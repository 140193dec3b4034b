"""Markdown articles: CommonMark blocks into segments, Markdown syntax kept safe.

markdown-it-py (CommonMark with tables and strikethrough, source line maps)
finds the blocks. Translatable: headings, paragraphs, list items, block
quotes, table cells (image alt text and link text inside them), and the
front-matter values of :data:`FRONT_MATTER_KEYS` (never the keys). Code
blocks (fenced and indented), raw HTML blocks, HTML comments, link reference
definitions and everything between blocks stay in the skeleton, as do the
block markers (``#``, ``>``, ``-``, ``1.``, ``|``) and, in a paragraph that
spans lines, the markers that start its continuation lines.

Inline markup (emphasis, links with their URLs, inline code, inline HTML)
stays inside the segment as Markdown, as mdpo and po4a keep it; a sentence
never ends inside it. A translation is untrusted: it is folded onto one line
and cannot gain raw HTML, ``javascript:``-style links, a block marker at its
start, or (in a table cell) a column, that its source segment did not have.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from l10nflow.document.inline import (
    Protected,
    Role,
    Tag,
    Token,
    merge_text,
    protect_tokens,
)
from l10nflow.document.model import (
    BlockKind,
    Document,
    Placement,
    Segment,
    build_parts,
    fold_line_breaks,
    line_starts,
)
from l10nflow.errors import InputError, UnsafeOutput
from l10nflow.segment import split_sentences

FRONT_MATTER_KEYS: dict[str, BlockKind] = {
    "title": BlockKind.TITLE,
    "subtitle": BlockKind.HEADING,
    "description": BlockKind.PARAGRAPH,
    "summary": BlockKind.PARAGRAPH,
    "excerpt": BlockKind.PARAGRAPH,
    "caption": BlockKind.CAPTION,
}
_CONTAINER_KINDS = {
    "th_open": BlockKind.TABLE_CELL,
    "td_open": BlockKind.TABLE_CELL,
    "list_item_open": BlockKind.LIST_ITEM,
    "blockquote_open": BlockKind.QUOTE,
}
_FENCE = re.compile(r"---[ \t]*")
_FENCE_END = re.compile(r"(?:---|\.\.\.)[ \t]*")
_YAML_STR = "tag:yaml.org,2002:str"
# What may stand before a block's text on its line: indentation and container markers.
_LINE_PREFIX = re.compile(r"[ \t>*+\-#0-9.)]*")
_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")
_BLOCK_START = re.compile(
    r"#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|=+\s*$|(?:[-*_][ \t]*){3,}$"
    r"|`{3,}|~{3,}|\||\[[^\]]*\]:"
)
_DANGEROUS_URL = re.compile(r"(?i)(?:javascript|vbscript|data):")
_IGNORED_IN_URL = re.compile(r"[\s\x00-\x1f]+")
# What may open markup after "<": a tag, a closing tag, a comment or declaration, a PI.
_MARKUP_OPENER = re.compile(r"<(?=[A-Za-z/!?])")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")


# ----------------------------------------------------------------------------- reading


def parse_markdown(
    text: str,
    lang: str,
    *,
    path: Path | None = None,
    bom: bool = False,
    segmentation: str = "sentence",
    abbreviations: Iterable[str] = (),
) -> Document:
    """Split a Markdown article into segments with a lossless skeleton."""
    lines = _Lines(text)
    front, placements = _front_matter(text, lines, path)
    reader = _Reader(text, lines, lang, segmentation, tuple(abbreviations), placements, path)
    body = "\n" * front + text[lines.start(front) :] if front else text
    env: dict = {}
    reader.walk(markdown_parser().parse(body, env), env)
    return Document(
        path=path,
        lang=lang,
        parts=build_parts(text, reader.placements),
        bom=bom,
        format="markdown",
        warnings=tuple(reader.warnings),
    )


class _Lines:
    """Where each line of a text starts and where its content ends (before the line break)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)
        self.ends = [m.start() for m in re.finditer(r"\r\n|\r|\n", text)] + [len(text)]

    @property
    def count(self) -> int:
        return len(self.starts)

    def start(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def content(self, line: int) -> str:
        return self.text[self.starts[line] : self.ends[line]]


def _front_matter(text: str, lines: _Lines, path: Path | None) -> tuple[int, list[Placement]]:
    """Lines taken by a YAML front matter, and its translatable values."""
    if not _FENCE.fullmatch(lines.content(0)):
        return 0, []
    close = next((i for i in range(1, lines.count) if _FENCE_END.fullmatch(lines.content(i))), None)
    if close is None:
        raise InputError(
            "front matter opened here is never closed (no '---' line after it)", path=path, line=1
        )
    base = lines.start(1)
    placements = []
    for key, value in _top_level_scalars(text[base : lines.start(close)], path):
        kind = FRONT_MATTER_KEYS.get(key.value.lower()) if _is_string(key) else None
        if kind is None or value is None or not _is_string(value):
            continue
        folded = fold_line_breaks(value.value).strip()
        if not _has_words(folded):
            continue
        start, end = base + value.start_mark.index, base + value.end_mark.index
        raw = text[start:end]
        codec = _YamlCodec(raw[len(raw.rstrip()) :])
        placements.append(Placement(start, end, folded, kind, 0, lambda _, c=codec: c))
    return close + 1, placements


MAX_FRONT_MATTER_DEPTH = 64


def _top_level_scalars(yaml_text: str, path: Path | None) -> list[tuple[Any, Any]]:
    """(key, value) scalar events of a front matter's top-level mapping (value None when
    it is a collection or an alias).

    Read from the parser's events, not a composed tree: nothing is expanded (no
    alias bombs) and nesting is only counted (refused beyond
    :data:`MAX_FRONT_MATTER_DEPTH`), so no input recurses or blows up.
    """
    import yaml

    pairs: list[tuple[Any, Any]] = []
    depth, expect_key, key = 0, True, None
    slots: list[bool] = []  # per open collection at depth 1: was it a key?
    try:
        for event in yaml.parse(yaml_text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                if depth == 0 and not isinstance(event, yaml.MappingStartEvent):
                    raise _not_mapping(path)
                if depth == 1:
                    slots.append(expect_key)
                    if not expect_key:
                        pairs.append((key, None))
                depth += 1
                if depth > MAX_FRONT_MATTER_DEPTH:
                    raise InputError(
                        f"front matter nested deeper than {MAX_FRONT_MATTER_DEPTH} levels",
                        path=path,
                        line=2 + event.start_mark.line,
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                if depth == 1:
                    expect_key = not slots.pop()
            elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                if depth == 0:
                    raise _not_mapping(path)
                if depth == 1:
                    scalar = event if isinstance(event, yaml.ScalarEvent) else None
                    if expect_key:
                        key = scalar
                    elif key is not None:
                        pairs.append((key, scalar))
                    expect_key = not expect_key
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or "unreadable"
        line = 2 + mark.line if mark is not None else 1
        raise InputError(
            f"front matter is not valid YAML: {problem}", path=path, line=line
        ) from None
    return [(k, v) for k, v in pairs if k is not None]


def _not_mapping(path: Path | None) -> InputError:
    return InputError("front matter is not a mapping of keys to values", path=path, line=2)


def _is_string(event) -> bool:
    """Whether a scalar event is a string as a YAML 1.1 safe loader resolves it."""
    import yaml

    tag = event.tag
    if tag is None or tag == "!":
        tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, event.value, event.implicit)
    return tag == _YAML_STR


@dataclass
class _Reader:
    """Walks markdown-it's block tokens and places the segments of their inline content."""

    text: str
    lines: _Lines
    lang: str
    segmentation: str
    abbreviations: tuple[str, ...]
    placements: list[Placement]
    path: Path | None
    warnings: list[str] = field(default_factory=list)
    blocks: int = 0
    title_seen: bool = False
    env: dict = field(default_factory=dict)

    def walk(self, tokens: list, env: dict) -> None:
        self.env = env
        stack: list = []
        cells: list[tuple[int, int]] = []
        for token in tokens:
            if token.nesting == 1:
                stack.append(token)
                if token.type == "tr_open" and token.map:
                    cells = self._cells(token.map[0])
            elif token.nesting == -1:
                stack.pop()
            elif token.type == "inline" and token.map:
                kind = self._kind(stack)
                if kind is BlockKind.TABLE_CELL:
                    if cells:
                        start, end = cells.pop(0)
                        self._place(self.text[start:end], lambda i, s=start: s + i, kind)
                else:
                    self._inline(token, kind)

    def _kind(self, stack: list) -> BlockKind:
        for token in reversed(stack):
            if token.type == "heading_open":
                kind = BlockKind.HEADING if self.title_seen else BlockKind.TITLE
                self.title_seen = True
                return kind
            if token.type in _CONTAINER_KINDS:
                return _CONTAINER_KINDS[token.type]
        return BlockKind.PARAGRAPH

    def _inline(self, token, kind: BlockKind) -> None:
        """A paragraph or heading: its content lines found in the source lines."""
        first, last = token.map
        pieces = token.content.split("\n")
        offsets: list[tuple[int, int]] = []  # (offset in content, offset in the page)
        position = 0
        for number, piece in zip(range(first, last), pieces, strict=False):
            column = _find_content(self.lines.content(number), piece)
            if column is None or len(pieces) != last - first:
                self._warn(number + 1, "cannot map this block to its source; left untranslated")
                return
            offsets.append((position, self.lines.start(number) + column))
            position += len(piece) + 1

        def to_page(offset: int) -> int:
            base, page = next((c, p) for c, p in reversed(offsets) if c <= offset)
            return page + offset - base

        self._place(token.content, to_page, kind)

    def _place(self, content: str, to_page: Callable[[int], int], kind: BlockKind) -> None:
        if not _has_words(content):
            return
        self.blocks += 1
        spans = split_sentences(
            content, self.lang, abbreviations=self.abbreviations, mode=self.segmentation
        )
        codec = _MarkdownCodec(table_cell=kind is BlockKind.TABLE_CELL)
        for start, end in _keep_markup_whole(content, spans, self.env):
            text = fold_line_breaks(content[start:end])
            if _has_words(markdown_words(text)):
                self.placements.append(
                    Placement(
                        to_page(start),
                        to_page(end - 1) + 1,
                        text,
                        kind,
                        self.blocks,
                        lambda _, c=codec: c,
                    )
                )

    def _cells(self, line: int) -> list[tuple[int, int]]:
        """Page spans of the cells of a table row (whitespace around them excluded)."""
        content, base = self.lines.content(line), self.lines.start(line)
        first, last = len(content) - len(content.lstrip()), len(content.rstrip())
        edges = [match.end() - 1 for match in _PIPE.finditer(content)]
        if not edges or edges[0] != first:
            edges.insert(0, first - 1)
        if edges[-1] != last - 1:
            edges.append(last)
        cells = []
        for left, right in pairwise(edges):
            cell = content[left + 1 : right]
            start = left + 1 + len(cell) - len(cell.lstrip())
            cells.append((base + start, base + start + len(cell.strip())))
        return cells

    def _warn(self, line: int, message: str) -> None:
        where = f"{self.path}:{line}" if self.path else f"line {line}"
        self.warnings.append(f"{where}: {message}")


def _find_content(line: str, piece: str) -> int | None:
    """Where a content line of a block starts in its source line, after any markers."""
    position = line.find(piece)
    while position >= 0:
        if _LINE_PREFIX.fullmatch(line[:position]):
            return position
        position = line.find(piece, position + 1)
    return None


def _keep_markup_whole(
    content: str, spans: list[tuple[int, int]], env: dict
) -> list[tuple[int, int]]:
    """Sentence spans, merged where a boundary would cut emphasis, a link or inline code.

    A boundary is checked only when markup characters stand on both sides of it
    within :data:`_MARKUP_WINDOW` characters, and only that window is parsed, so
    a long paragraph costs linear time (markup longer than the window is not
    seen whole, and a sentence may then end inside it).
    """
    if len(spans) < 2:
        return spans
    marks = [m.start() for m in _MARKUP_CHAR.finditer(content)]
    merged: list[tuple[int, int]] = []
    current = spans[0]
    for start, stop in spans[1:]:
        if _crossed(content, current[0], current[1], start, marks, env):
            current = (current[0], stop)
        else:
            merged.append(current)
            current = (start, stop)
    merged.append(current)
    return merged


_MARKUP_CHAR = re.compile(r"[*_~`\[\]<>!\\]")
_MARKUP_WINDOW = 2000


def _crossed(content: str, head: int, cut: int, tail: int, marks: list[int], env: dict) -> bool:
    """Whether inline markup spans the boundary between ``content[:cut]`` and ``[tail:]``."""
    from bisect import bisect_left

    low, high = max(head, cut - _MARKUP_WINDOW), min(len(content), tail + _MARKUP_WINDOW)
    before = bisect_left(marks, cut)
    if before == 0 or marks[before - 1] < low or before == len(marks) or marks[before] >= high:
        return False
    whole = _markup(content[low:high], env)
    return _markup(content[low:cut], env) + _markup(content[tail:high], env) != whole


def _markup(text: str, env: dict) -> Counter[str]:
    tokens = markdown_parser().parseInline(text, dict(env))
    children = tokens[0].children or [] if tokens else []
    plain = ("text", "softbreak", "hardbreak", "text_special")
    return Counter(child.type for child in children if child.type not in plain)


def _has_words(text: str) -> bool:
    return any(char.isalnum() for char in text)


# ----------------------------------------------------------------------------- output


@dataclass(frozen=True)
class _MarkdownCodec:
    """Renders a translation as safe Markdown in its block (see :func:`safe_markdown`)."""

    table_cell: bool = False

    def render(self, segment: Segment, translation: str | None, rendered: Mapping[int, str]) -> str:
        if translation is None:
            return segment.source
        return safe_markdown(translation, segment.text, table_cell=self.table_cell)


@dataclass(frozen=True)
class _YamlCodec:
    """Renders a front-matter value as a YAML double-quoted scalar (templates often print it raw,
    so it cannot gain raw HTML either)."""

    trailing: str  # the line breaks a block scalar's span ends with

    def render(self, segment: Segment, translation: str | None, rendered: Mapping[int, str]) -> str:
        if translation is None:
            return segment.source
        value = _escape_new_html(fold_line_breaks(translation).strip(), segment.text)
        return json.dumps(value, ensure_ascii=False) + self.trailing


def safe_markdown(translation: str, source: str, *, table_cell: bool = False) -> str:
    """A translation made safe to put where its ``source`` segment stood.

    Folded onto one line; a block marker at its start that the source does
    not start with is escaped; in a table cell a ``|`` is escaped; with a
    ``javascript:``/``vbscript:``/``data:`` URL the source lacks, no link can
    form; raw HTML the source does not have is escaped; a final backslash
    cannot escape what follows.
    """
    text = fold_line_breaks(translation).strip()
    block = _BLOCK_START.match(text)
    if block and not _BLOCK_START.match(source):
        digits = len(block.group()) - 1 if text[0].isdigit() else 0
        text = text[:digits] + "\\" + text[digits:]
    if table_cell:
        text = _UNESCAPED_PIPE.sub(r"\1\\|", text)
    if _dangerous_urls(text) > _dangerous_urls(source):
        text = re.sub(r"(?<!\\)([\[\]<])", r"\\\1", text)
    text = _escape_new_html(text, source)
    trailing = len(text) - len(text.rstrip("\\"))
    return text + "\\" if trailing % 2 else text


def _escape_new_html(text: str, source: str) -> str:
    """``text`` with every ``<`` that could open markup its ``source`` does not have made literal.

    Conservative, so that no raw HTML can form even across segments of the
    assembled document: a ``<`` before a letter, ``/``, ``!`` or ``?`` is kept
    only where one of the source's own HTML pieces or autolinks starts there.
    """
    if "<" not in text:
        return text
    allowed = Counter(_html_pieces(source)) + Counter(_AUTOLINK.findall(source))
    out: list[str] = []
    position = 0
    for opener in _MARKUP_OPENER.finditer(text):
        start = opener.start()
        if start < position or _escaped(text, start):
            continue
        piece = next((p for p in allowed if allowed[p] > 0 and text.startswith(p, start)), None)
        if piece is None:
            out.append(text[position:start] + "&lt;")
            position = start + 1
        else:
            allowed[piece] -= 1
            out.append(text[position : start + len(piece)])
            position = start + len(piece)
    out.append(text[position:])
    return "".join(out)


def _escaped(text: str, position: int) -> bool:
    """Whether the character at ``position`` follows an odd number of backslashes."""
    before = position
    while before > 0 and text[before - 1] == "\\":
        before -= 1
    return (position - before) % 2 == 1


def _dangerous_urls(text: str) -> int:
    """How many ``javascript:``-style schemes ``text`` holds, entities decoded and the
    whitespace browsers ignore inside a URL removed."""
    if ":" not in text and "&" not in text:
        return 0
    return len(_DANGEROUS_URL.findall(_IGNORED_IN_URL.sub("", html.unescape(text))))


def _without_front_matter(text: str) -> str:
    """The Markdown body of a document (its front matter is YAML, screened by its codec)."""
    lines = _Lines(text)
    if not _FENCE.fullmatch(lines.content(0)):
        return text
    close = next((i for i in range(1, lines.count) if _FENCE_END.fullmatch(lines.content(i))), None)
    return text if close is None else text[lines.start(close + 1) :]


def _dangerous_links(text: str) -> int:
    """Links and images whose URL has a ``javascript:``-style scheme, as a renderer that
    trusts every URL would make them (entities decoded, ignored whitespace removed)."""
    parser = _permissive_parser()
    count = 0
    for token in parser.parse(text):
        for child in token.children or ():
            url = child.attrGet("href") if child.type == "link_open" else None
            url = child.attrGet("src") if child.type == "image" else url
            if url and _dangerous_urls(str(url)):
                count += 1
    return count


@lru_cache(maxsize=1)
def _permissive_parser():
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    parser.validateLink = lambda url: True
    return parser


def screen_markdown(output: str, source: str, path: Path | None = None) -> None:
    """Refuse an assembled Markdown document that has raw HTML or dangerous links its
    source does not have (the whole document, as a renderer reads it)."""
    output, source = _without_front_matter(output), _without_front_matter(source)
    extra = Counter(_html_pieces(output)) - Counter(_html_pieces(source))
    if extra or _dangerous_links(output) > _dangerous_links(source):
        what = next(iter(extra), "a javascript:-style link")
        raise UnsafeOutput(
            f"the assembled document holds raw HTML or a link its source does not have "
            f"({what[:40]!r}); nothing written",
            path=path,
        )


def _html_pieces(text: str) -> list[str]:
    """Raw HTML in ``text`` read as a Markdown block: HTML blocks and inline HTML, in order."""
    pieces = []
    for token in markdown_parser().parse(text):
        if token.type == "html_block":
            pieces.append(token.content.rstrip("\n"))
        for child in token.children or []:
            if child.type == "html_inline":
                pieces.append(child.content)
    return pieces


# ----------------------------------------------------------------------------- inline markup


@lru_cache(maxsize=1)
def markdown_parser():
    """The shared markdown-it parser: CommonMark with HTML, tables and strikethrough."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


_PAIRS = {"em_open": "em", "strong_open": "strong", "s_open": "s", "link_open": "link"}
_CLOSES = {"em_close", "strong_close", "s_close", "link_close"}


def markdown_constructs(text: str) -> Counter[str]:
    """The inline markup of a Markdown segment, as comparable items (``link <url>``, ``**``…)."""
    items: Counter[str] = Counter()
    for token in _inline_children(text):
        if token.type == "link_open":
            items[f"link {token.attrGet('href')}"] += 1
        elif token.type in _PAIRS:
            items[f"{_PAIRS[token.type]} {token.markup}"] += 1
        elif token.type == "image":
            items[f"image {token.attrGet('src')}"] += 1
        elif token.type == "code_inline":
            items[f"code {token.markup}{token.content}{token.markup}"] += 1
        elif token.type == "html_inline":
            items[f"html {token.content}"] += 1
    return items


def markdown_words(text: str) -> str:
    """The words of a Markdown segment a reader sees: text, link text and image alt text."""
    kept = ("text", "image")  # an image token's content is its alt text
    return " ".join(t.content for t in _inline_children(text) if t.type in kept)


def _inline_children(text: str) -> list:
    tokens = markdown_parser().parseInline(text)
    return list(tokens[0].children or []) if tokens else []


def _markdown_tokens(text: str) -> tuple[list[Token], dict[Tag, str]]:
    """A Markdown segment as text and numbered tags, with the Markdown syntax of each tag."""
    tokens: list[Token] = []
    syntax: dict[Tag, str] = {}
    stack: list[Tag] = []
    children = _inline_children(text)
    index = 0
    while index < len(children):
        token = children[index]
        if token.type == "link_open" and token.markup == "autolink":
            end = next(i for i in range(index, len(children)) if children[i].type == "link_close")
            inner = "".join(child.content for child in children[index + 1 : end])
            index = _add_void(tokens, syntax, f"<{inner}>", end)
            continue
        if token.type in _PAIRS:
            tag = Tag(_next_number(syntax), Role.OPEN)
            stack.append(tag)
            syntax[tag] = "[" if token.type == "link_open" else token.markup
            close = Tag(tag.number, Role.CLOSE)
            syntax[close] = _link_tail(token) if token.type == "link_open" else token.markup
            tokens.append(tag)
        elif token.type in _CLOSES and stack:
            tokens.append(Tag(stack.pop().number, Role.CLOSE))
        elif token.type in ("code_inline", "image", "html_inline"):
            _add_void(tokens, syntax, _markdown_source(token), index)
        elif token.type in ("softbreak", "hardbreak"):
            tokens.append(" ")
        else:
            tokens.append(token.content)
        index += 1
    return merge_text(tokens), syntax


def _next_number(syntax: Mapping[Tag, str]) -> int:
    return 1 + max((tag.number for tag in syntax), default=0)


def _add_void(tokens: list[Token], syntax: dict[Tag, str], markup: str, index: int) -> int:
    tag = Tag(_next_number(syntax), Role.VOID)
    syntax[tag] = markup
    tokens.append(tag)
    return index + 1


def _link_tail(token) -> str:
    return f"]({_destination(token.attrGet('href') or '')}{_title(token)})"


def _destination(url: str) -> str:
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def _title(token) -> str:
    title = token.attrGet("title")
    return "" if not title else ' "' + title.replace('"', '\\"') + '"'


def _markdown_source(token) -> str:
    """Markdown for a void construct: inline code, an image, raw inline HTML."""
    if token.type == "html_inline":
        return token.content
    if token.type == "image":
        alt = escape_markdown(token.content)
        return f"![{alt}]({_destination(token.attrGet('src') or '')}{_title(token)})"
    fence = "`" * (max((len(run) for run in re.findall("`+", token.content)), default=0) + 1)
    pad = " " if token.content.startswith("`") or token.content.endswith("`") else ""
    return f"{fence}{pad}{token.content}{pad}{fence}"


# Backslash, code, emphasis and HTML openers; ``_`` inside a word starts no emphasis.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*<]|(?<![^\W_])_|_(?![^\W_]))")


def escape_markdown(text: str) -> str:
    """Backslash-escape the characters that would start inline Markdown markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _markdown_text(tokens: Sequence[Token], syntax: Mapping[Tag, str]) -> str:
    return "".join(
        syntax[token] if isinstance(token, Tag) else escape_markdown(token) for token in tokens
    )


class MarkdownMarkup:
    """Markdown's inline syntax (emphasis, links, images, inline code, raw HTML) in a segment."""

    raw_html = True  # inline HTML is Markdown: compare reports what a translation adds

    def protect(self, text: str) -> Protected:
        """The words for the engine; the restore writes the syntax back around the translation.

        An empty emphasis (``****``) would show as text: left out when it cannot be placed.
        """
        tokens, syntax = _markdown_tokens(text)
        droppable = frozenset(
            tag.number for tag, markup in syntax.items() if tag.role is Role.OPEN and markup != "["
        )
        return protect_tokens(tokens, lambda out: _markdown_text(out, syntax), droppable=droppable)

    def words(self, text: str) -> str:
        return markdown_words(text)

    def compare(self, source: str, target: str) -> list[str]:
        """Emphasis, links (by URL), images (by source), inline code and raw HTML lost or added."""
        before, after = markdown_constructs(source), markdown_constructs(target)
        problems = [f"missing in the translation: {item}" for item in sorted(before - after)]
        return problems + [f"not in the source: {item}" for item in sorted(after - before)]


MARKUP = MarkdownMarkup()  # its record in the format registry
