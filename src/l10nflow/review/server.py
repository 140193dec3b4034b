"""The review desk as a local web app (Starlette on uvicorn), for one user at one machine.

Safety, because every string of a PO file, article or glossary is untrusted:

- bound to 127.0.0.1; requests must name that host (no DNS rebinding);
- a random token in the printed URL, exchanged on first visit for a
  ``SameSite=Strict`` HttpOnly cookie; every request needs it;
- POSTs are JSON with the page's CSRF token in a header and a same-origin
  ``Origin``; there are no forms;
- a Content-Security-Policy allowing scripts and styles from the server only,
  so injected markup could not run even if escaping failed (it does not:
  templates autoescape, and no inline event handler exists);
- a request names a catalog by its number in the desk's list: no request path
  reaches the file system (static assets come from the package).
"""

from __future__ import annotations

import contextlib
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import polib
import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse
from starlette.responses import Response as StarletteResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from l10nflow.errors import InputError, L10nError, UsageError
from l10nflow.review.desk import CatalogRef, Desk
from l10nflow.review.edit import Action, EditRefused, apply_edit
from l10nflow.review.pages import document_page, entry_update, index_page, suggestions
from l10nflow.review.render import SERVER_CSP

_MAX_BODY = 1_000_000  # bytes of a save request


@dataclass
class _Undo:
    """One save that ``u`` can take back: the entry before, and its token after the save."""

    msgid: str
    msgctxt: str | None
    before: polib.POEntry
    token: str


@dataclass
class DeskState:
    """What the app holds: the desk, its secrets, and per-catalog undo stacks."""

    desk: Desk
    token: str
    csrf: str
    hosts: frozenset[str]
    undo: dict[int, list[_Undo]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def cookie(self) -> str:
        return "l10nflow-review-" + sorted(self.hosts)[0].rsplit(":", 1)[-1]


class _Guard(BaseHTTPMiddleware):
    """Host check, token cookie, CSRF on POST, security headers on every response."""

    def __init__(self, app: Any, state: DeskState):
        super().__init__(app)
        self.state = state

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint):
        response = self._refusal(request)
        if response is None:
            response = await call_next(request)
        headers = response.headers
        headers["Content-Security-Policy"] = SERVER_CSP
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Frame-Options"] = "DENY"
        headers["Cache-Control"] = "no-store"
        return response

    def _refusal(self, request: Request) -> StarletteResponse | None:
        state = self.state
        host = request.headers.get("host", "")
        if host not in state.hosts:
            return PlainTextResponse("unknown host", status_code=421)
        given = request.query_params.get("token")
        if given is not None and secrets.compare_digest(given, state.token):
            response = RedirectResponse(request.url.path, status_code=303)
            response.set_cookie(
                state.cookie, state.token, httponly=True, samesite="strict", path="/"
            )
            return response
        cookie = request.cookies.get(state.cookie, "")
        if not secrets.compare_digest(cookie, state.token):
            return PlainTextResponse(
                "forbidden: open the URL that `l10nflow review` printed (it holds the token)",
                status_code=403,
            )
        if request.method not in ("GET", "HEAD"):
            origin = request.headers.get("origin")
            csrf = request.headers.get("x-csrf-token", "")
            json_body = request.headers.get("content-type", "").startswith("application/json")
            if (
                not secrets.compare_digest(csrf, state.csrf)
                or not json_body
                or (origin is not None and origin != f"http://{host}")
            ):
                return PlainTextResponse("forbidden: missing or wrong CSRF token", 403)
        return None


def create_app(state: DeskState) -> Starlette:
    """The ASGI app of a desk."""
    desk = state.desk

    def catalog(request: Request) -> CatalogRef:
        return desk.catalog(int(request.path_params["number"]))

    async def index(request: Request) -> HTMLResponse:
        html = await run_in_threadpool(index_page, desk, csrf=state.csrf)
        return HTMLResponse(html)

    async def document(request: Request) -> HTMLResponse:
        ref = catalog(request)
        html = await run_in_threadpool(document_page, desk, ref, csrf=state.csrf)
        return HTMLResponse(html)

    async def suggest(request: Request) -> HTMLResponse:
        ref = catalog(request)
        index = int(request.path_params["index"])
        html = await run_in_threadpool(suggestions, desk, ref, index)
        return HTMLResponse(html)

    async def save(request: Request) -> JSONResponse:
        ref = catalog(request)
        body = await _json(request)
        try:
            action = Action(body.get("action", ""))
        except ValueError:
            raise InputError("unknown action") from None
        if action is Action.RESTORE:
            raise InputError("use /undo")
        result = await run_in_threadpool(_save, state, ref, body, action)
        return JSONResponse(result)

    async def undo(request: Request) -> JSONResponse:
        ref = catalog(request)
        body = await _json(request)
        result = await run_in_threadpool(_undo, state, ref, str(body.get("digest", "")))
        return JSONResponse(result)

    async def refuse(request: Request, error: Exception) -> StarletteResponse:
        if isinstance(error, OSError):
            message, status = f"cannot read or write a catalog: {error.strerror or error}", 500
        else:
            message, status = str(error), 409 if isinstance(error, EditRefused) else 400
        if request.method == "GET":
            return PlainTextResponse(f"l10nflow review: {message}", status_code=status)
        return JSONResponse({"saved": False, "message": message}, status_code=status)

    routes = [
        Route("/", index),
        Route("/favicon.ico", lambda request: StarletteResponse(status_code=204)),
        Route("/doc/{number:int}", document),
        Route("/doc/{number:int}/suggest/{index:int}", suggest),
        Route("/doc/{number:int}/save", save, methods=["POST"]),
        Route("/doc/{number:int}/undo", undo, methods=["POST"]),
        Mount("/static", StaticFiles(packages=[("l10nflow.review", "static")])),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(_Guard, state=state)],
        exception_handlers={L10nError: refuse, OSError: refuse},
    )


async def _json(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if len(raw) > _MAX_BODY:
        raise InputError("request too large")
    import json

    try:
        body = json.loads(raw)
    except ValueError:
        raise InputError("the request is not JSON") from None
    if not isinstance(body, dict):
        raise InputError("the request is not a JSON object")
    return body


def _save(state: DeskState, ref: CatalogRef, body: dict[str, Any], action: Action) -> dict:
    msgctxt = body.get("msgctxt")
    with state.lock:
        result = apply_edit(
            state.desk.project.root,
            ref.po_path,
            msgid=str(body.get("msgid", "")),
            msgctxt=None if msgctxt is None else str(msgctxt),
            action=action,
            msgstr=str(body.get("msgstr", "")),
            page_digest=str(body.get("digest", "")),
            token=str(body.get("token", "")),
            wrap=state.desk.project.config.catalog.wrap,
        )
        if result.saved and result.entry is not None and result.before is not None:
            from l10nflow.review.desk import entry_token

            stack = state.undo.setdefault(ref.number, [])
            stack.append(
                _Undo(
                    result.entry.msgid,
                    result.entry.msgctxt,
                    result.before,
                    entry_token(result.entry),
                )
            )
            del stack[:-50]
        return entry_update(state.desk, ref, result)


def _undo(state: DeskState, ref: CatalogRef, page_digest: str) -> dict:
    with state.lock:
        stack = state.undo.get(ref.number, [])
        if not stack:
            raise EditRefused("nothing to undo on this page")
        last = stack.pop()
        result = apply_edit(
            state.desk.project.root,
            ref.po_path,
            msgid=last.msgid,
            msgctxt=last.msgctxt,
            action=Action.RESTORE,
            page_digest=page_digest,
            token=last.token,
            restore=last.before,
            wrap=state.desk.project.config.catalog.wrap,
        )
        return entry_update(state.desk, ref, result)


class ReviewServer:
    """A desk served on 127.0.0.1: :attr:`url` holds the token; :meth:`run` blocks."""

    def __init__(self, desk: Desk, port: int = 0, host: str = "127.0.0.1"):
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.socket.bind((host, port))
        except OSError as error:
            self.socket.close()
            raise UsageError(
                f"cannot listen on {host}:{port} ({error.strerror}); pick another --port"
            ) from None
        self.socket.listen(128)  # connections wait from now on, even before the app runs
        self.port = self.socket.getsockname()[1]
        hosts = frozenset({f"{host}:{self.port}", f"localhost:{self.port}"})
        self.state = DeskState(desk, secrets.token_urlsafe(24), secrets.token_urlsafe(24), hosts)
        self.url = f"http://{host}:{self.port}/?token={self.state.token}"
        config = uvicorn.Config(
            create_app(self.state), log_level="warning", access_log=False, lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    def run(self) -> None:
        """Serve until interrupted (Ctrl+C)."""
        self.server.run(sockets=[self.socket])

    def start(self) -> None:
        """Serve from a background thread (tests, embedding); returns once it listens."""
        self._thread = threading.Thread(target=self.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        with contextlib.suppress(OSError):
            self.socket.close()
