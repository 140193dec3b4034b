"""Reading untrusted XML (TBX, TMX) safely, with errors that name the file and line.

defusedxml's SAX parser refuses entity declarations (billion laughs) and
external entities; the external DTD that a DOCTYPE names (``tmx14.dtd``, TBX
v2's) is skipped without being fetched.
"""

from __future__ import annotations

import io
import xml.sax
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from l10nflow.errors import InputError
from l10nflow.fsutil import read_input


class _Parser(DefusedExpatParser):
    """defusedxml's SAX parser that skips, without fetching, an external DTD subset."""

    def defused_external_entity_ref_handler(self, context, base, sysid, pubid):
        if context is None:  # the DTD a DOCTYPE names
            return 1
        return super().defused_external_entity_ref_handler(context, base, sysid, pubid)


class LineTrackingHandler(xml.sax.handler.ContentHandler):
    """A SAX handler that knows the line being parsed (``line``; 0 before parsing)."""

    def __init__(self) -> None:
        super().__init__()
        self._locator = None

    def setDocumentLocator(self, locator) -> None:
        self._locator = locator

    @property
    def line(self) -> int:
        return self._locator.getLineNumber() if self._locator else 0


MAX_DEPTH = 256  # element nesting beyond this is refused (no real TBX/TMX/XLIFF comes close)


class _TooDeep(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


class _DepthGuard:
    """Passes SAX events on to a handler, refusing elements nested deeper than MAX_DEPTH."""

    def __init__(self, handler: xml.sax.handler.ContentHandler):
        self._handler = handler
        self._depth = 0
        self._locator = None

    def __getattr__(self, name: str):
        return getattr(self._handler, name)

    def setDocumentLocator(self, locator) -> None:
        self._locator = locator
        self._handler.setDocumentLocator(locator)

    def startElement(self, name, attrs) -> None:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _TooDeep(self._locator.getLineNumber() if self._locator else 0)
        self._handler.startElement(name, attrs)

    def endElement(self, name) -> None:
        self._depth -= 1
        self._handler.endElement(name)


def read_xml_bytes(path: Path, kind: str, error: type[InputError] = InputError) -> bytes:
    """The bytes of an XML file of ``kind`` ("TBX", "TMX"); ``error`` if missing or empty."""
    data = read_input(path, f"{kind} file", error, limit="xml")
    if not data.strip():
        raise error(f"empty {kind} file", path=path)
    return data


def parse_xml(
    data: bytes,
    handler: xml.sax.handler.ContentHandler,
    *,
    path: Path,
    kind: str,
    error: type[InputError] = InputError,
) -> None:
    """Feed ``data`` to a SAX ``handler``; malformed or entity-declaring XML raises ``error``.

    A :class:`LineTrackingHandler` (or any handler with a ``line`` attribute) lets
    a refusal name the line.
    """
    parser = _Parser()
    parser.setContentHandler(_DepthGuard(handler))
    try:
        parser.parse(io.BytesIO(data))
    except _TooDeep as problem:
        raise error(
            f"malformed {kind}: elements nested deeper than {MAX_DEPTH} levels",
            path=path,
            line=problem.line or None,
        ) from None
    except xml.sax.SAXParseException as problem:
        raise error(
            f"malformed {kind}: {problem.getMessage()}", path=path, line=problem.getLineNumber()
        ) from None
    except DefusedXmlException as problem:
        raise error(
            f"{kind} refused: it declares XML entities ({type(problem).__name__}), which could "
            "expand without bound or read other files",
            path=path,
            line=getattr(handler, "line", 0) or None,
        ) from None
