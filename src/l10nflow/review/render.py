"""The review desk's templates: one Jinja2 environment, autoescaping always on.

Every string from a PO file, a document or a glossary reaches HTML through
these templates and is escaped there; no template marks such a string safe.
Pages carry no inline script and no inline event handler: the live desk loads
``static/review.js`` (the Content-Security-Policy allows scripts from the
server only); static pages (export, ``check --format html``) have no script
and embed the stylesheet under a hash-pinned policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from importlib.resources import files
from typing import Any

import jinja2

from l10nflow import __version__

STATIC = files("l10nflow.review") / "static"
_QUOTED = re.compile(r"'([^'\n]+)'|«([^»\n]+)»")

# The live desk: scripts and styles only from the server itself.
SERVER_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)


@cache
def environment() -> jinja2.Environment:
    """The templates of the package, HTML-escaped, undefined names an error."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("l10nflow.review", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.filters["quoted"] = quoted_pieces
    return env


def quoted_pieces(message: str) -> list[tuple[str, bool]]:
    """A message cut into (text, quoted) pieces, so that quoted terms can be isolated (bidi)."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _QUOTED.finditer(message):
        pieces.append((message[position : match.start()], False))
        pieces.append((match.group(0), True))
        position = match.end()
    pieces.append((message[position:], False))
    return [piece for piece in pieces if piece[0]]


@cache
def stylesheet() -> str:
    """The desk's CSS (vendored in the package)."""
    return (STATIC / "review.css").read_text(encoding="utf-8")


def static_csp() -> str:
    """The policy of a static page: no script at all, only the embedded stylesheet."""
    sha = base64.b64encode(hashlib.sha256(stylesheet().encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'sha256-{sha}'; base-uri 'none'; form-action 'none'"


def render(template: str, **context: Any) -> str:
    """A template rendered with ``context``; static pages get the embedded stylesheet."""
    context.setdefault("csrf", "")
    context.setdefault("static", False)
    context.setdefault("home", "index.html" if context["static"] else "/")
    if context["static"]:
        context.setdefault("inline_css", stylesheet())
        context.setdefault("csp", static_csp())
    else:
        context.setdefault("inline_css", "")
        context.setdefault("csp", "")
    return environment().get_template(template).render(**context)
