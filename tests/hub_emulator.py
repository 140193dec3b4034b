"""A local stand-in for the Hugging Face hub, for ``models pull`` tests (127.0.0.1 only).

It answers the requests huggingface_hub makes for what l10nflow uses, as the hub does:

* ``GET /api/models/{repo}[/revision/{rev}]?blobs=true``: the commit and its files, with the
  size, git blob id and LFS sha256 the hub records (``HfApi.model_info(files_metadata=True)``);
* ``GET /api/models/{repo}/discussions?type=pull_request&p=N``: pull requests, paginated
  (``HfApi.get_repo_discussions``);
* ``HEAD``/``GET /{repo}/resolve/{rev}/{file}``: the bytes, with ``ETag``, ``X-Repo-Commit``,
  ``X-Linked-Size``/``X-Linked-Etag`` for LFS files, and ``Range`` requests (206, 416);
* errors with the ``X-Error-Code`` header huggingface_hub turns into its typed errors.

A test can cut a file's next downloads after some bytes (the connection closes mid-body), stall
one (hold it until released, so the client can be interrupted), or make the hub record a size
or hash that the served bytes do not have. Every request is logged.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

LFS_SUFFIXES = (".safetensors", ".bin", ".spm", ".h5", ".msgpack")
HOST = "127.0.0.1"  # never any other address
PAGE_SIZE = 2  # discussions per page: small, so that pagination is exercised


def commit_id(files: dict[str, bytes], parent: str = "") -> str:
    digest = hashlib.sha1(parent.encode(), usedforsecurity=False)
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


def git_blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


@dataclass
class Commit:
    sha: str
    files: dict[str, bytes]
    # What the hub records for a file when it differs from the bytes served: {"size": N} and/or
    # {"sha256": "..."} (a corrupted mirror, or a tampered file).
    recorded: dict[str, dict] = field(default_factory=dict)

    def record(self, name: str) -> dict:
        data = self.files[name]
        entry = {"rfilename": name, "size": len(data), "blobId": git_blob_id(data)}
        if name.endswith(LFS_SUFFIXES):
            entry["lfs"] = {
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "pointerSize": 134,
            }
        override = self.recorded.get(name, {})
        if "size" in override:
            entry["size"] = override["size"]
            if "lfs" in entry:
                entry["lfs"]["size"] = override["size"]
        if "sha256" in override and "lfs" in entry:
            entry["lfs"]["sha256"] = override["sha256"]
        if "blobId" in override:
            entry["blobId"] = override["blobId"]
        return entry


@dataclass
class Repo:
    repo_id: str
    refs: dict[str, str] = field(default_factory=dict)  # "main", "refs/pr/1" -> commit
    commits: dict[str, Commit] = field(default_factory=dict)
    discussions: list[dict] = field(default_factory=list)


@dataclass
class Request:
    method: str
    path: str
    range: str | None
    authorization: str | None = None


class HubEmulator:
    """The server and its repositories; ``url`` is what HF_ENDPOINT should be."""

    def __init__(self) -> None:
        self.repos: dict[str, Repo] = {}
        self.requests: list[Request] = []
        self.cuts: dict[str, list[int]] = {}  # file name -> bytes sent before each next cut
        self.stall: dict[str, int] = {}  # file name -> bytes sent before holding the response
        self.stalled = threading.Event()  # set once a response is being held
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((HOST, 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> HubEmulator:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()

    # -- repositories ---------------------------------------------------------------------

    def add_repo(
        self,
        repo_id: str,
        files: dict[str, bytes],
        recorded: dict[str, dict] | None = None,
    ) -> Repo:
        """A repository whose main branch holds ``files``."""
        sha = commit_id(files)
        repo = Repo(repo_id, {"main": sha}, {sha: Commit(sha, dict(files), recorded or {})})
        self.repos[repo_id] = repo
        return repo

    def add_pull_request(
        self, repo_id: str, title: str, author: str, changes: dict[str, bytes]
    ) -> str:
        """A pull request (``refs/pr/N``) adding ``changes`` to main; returns its ref."""
        repo = self.repos[repo_id]
        main = repo.commits[repo.refs["main"]]
        files = {**main.files, **changes}
        sha = commit_id(files, parent=main.sha)
        number = len(repo.discussions) + 1
        ref = f"refs/pr/{number}"
        repo.commits[sha] = Commit(sha, files)
        repo.refs[ref] = sha
        repo.discussions.append(
            {
                "num": number,
                "title": title,
                "author": {"name": author},
                "createdAt": "2023-05-04T12:00:00.000Z",
                "status": "open",
                "isPullRequest": True,
                "repo": {"name": repo_id, "type": "model"},
            }
        )
        return ref

    def add_discussion(self, repo_id: str, title: str, author: str) -> None:
        """A plain discussion (not a pull request), which the PR listing must leave out."""
        repo = self.repos[repo_id]
        repo.discussions.append(
            {
                "num": len(repo.discussions) + 1,
                "title": title,
                "author": {"name": author},
                "createdAt": "2023-05-04T12:00:00.000Z",
                "status": "open",
                "isPullRequest": False,
                "repo": {"name": repo_id, "type": "model"},
            }
        )

    def commit(self, repo_id: str, revision: str) -> Commit | None:
        repo = self.repos.get(repo_id)
        if repo is None:
            return None
        sha = repo.refs.get(revision, revision if revision in repo.commits else None)
        return repo.commits.get(sha) if sha else None

    def log(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def downloads(self, name: str) -> list[Request]:
        """The GET requests for a file's bytes (paths ``/{repo}/resolve/{revision}/{name}``)."""
        return [
            r
            for r in self.requests
            if r.method == "GET" and "/resolve/" in r.path and r.path.endswith(f"/{name}")
        ]


def _handler_for(hub: HubEmulator) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            self._route(body=True)

        def do_HEAD(self) -> None:
            self._route(body=False)

        def _route(self, body: bool) -> None:
            parts = urlsplit(self.path)
            segments = [unquote(s) for s in parts.path.split("/")[1:]]
            resolve_index = segments.index("resolve") if "resolve" in segments else -1
            hub.log(
                Request(
                    self.command,
                    "/" + "/".join(segments),
                    self.headers.get("Range"),
                    self.headers.get("Authorization"),
                )
            )
            query = parse_qs(parts.query)
            if segments[:2] == ["api", "models"] and len(segments) >= 4:
                repo_id = "/".join(segments[2:4])
                rest = segments[4:]
                if not rest:
                    return self._model_info(repo_id, "main")
                if rest[0] == "revision" and len(rest) >= 2:
                    return self._model_info(repo_id, "/".join(rest[1:]))
                if rest == ["discussions"]:
                    return self._discussions(repo_id, query)
            if resolve_index == 2 and len(segments) >= 5:
                repo_id = "/".join(segments[:2])
                return self._resolve(repo_id, segments[3], "/".join(segments[4:]), body)
            self._error(404, "EntryNotFound", "not found")

        # -- API ----------------------------------------------------------------------

        def _model_info(self, repo_id: str, revision: str) -> None:
            if repo_id not in hub.repos:
                return self._error(404, "RepoNotFound", "Repository not found")
            commit = hub.commit(repo_id, revision)
            if commit is None:
                return self._error(404, "RevisionNotFound", f"Invalid rev id: {revision}")
            self._json(
                {
                    "_id": commit.sha[:24],
                    "id": repo_id,
                    "modelId": repo_id,
                    "sha": commit.sha,
                    "private": False,
                    "disabled": False,
                    "gated": False,
                    "tags": ["transformers", "marian", "translation"],
                    "pipeline_tag": "translation",
                    "library_name": "transformers",
                    "siblings": [commit.record(name) for name in sorted(commit.files)],
                }
            )

        def _discussions(self, repo_id: str, query: dict[str, list[str]]) -> None:
            if repo_id not in hub.repos:
                return self._error(404, "RepoNotFound", "Repository not found")
            wanted = query.get("type", ["all"])[0]
            listed = [
                d
                for d in reversed(hub.repos[repo_id].discussions)  # newest first, as the hub
                if wanted == "all" or d["isPullRequest"] == (wanted == "pull_request")
            ]
            page = int(query.get("p", ["0"])[0])
            start = page * PAGE_SIZE
            self._json(
                {
                    "discussions": listed[start : start + PAGE_SIZE],
                    "count": len(listed),
                    "start": start,
                    "numClosedDiscussions": 0,
                }
            )

        # -- files --------------------------------------------------------------------

        def _resolve(self, repo_id: str, revision: str, name: str, body: bool) -> None:
            if repo_id not in hub.repos:
                return self._error(404, "RepoNotFound", "Repository not found")
            commit = hub.commit(repo_id, revision)
            if commit is None:
                return self._error(404, "RevisionNotFound", f"Invalid rev id: {revision}")
            if name not in commit.files:
                return self._error(404, "EntryNotFound", f"{name} does not exist")
            data = commit.files[name]
            record = commit.record(name)
            etag = record["lfs"]["sha256"] if "lfs" in record else record["blobId"]
            start = 0
            wanted = self.headers.get("Range")
            if wanted:
                start = int(wanted.removeprefix("bytes=").split("-")[0])
                if start >= len(data):
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(data)}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            self.send_response(206 if wanted else 200)
            self.send_header("ETag", f'"{etag}"')
            self.send_header("X-Repo-Commit", commit.sha)
            if "lfs" in record:
                self.send_header("X-Linked-Etag", f'"{etag}"')
                self.send_header("X-Linked-Size", str(record["lfs"]["size"]))
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(data) - start))
            if wanted:
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            self.end_headers()
            if not body:
                return
            payload = data[start:]
            with hub._lock:
                cuts = hub.cuts.get(name)
                cut = cuts.pop(0) if cuts else None
                stall = hub.stall.pop(name, None)
            if stall is not None:
                self.wfile.write(payload[:stall])
                self.wfile.flush()
                hub.stalled.set()
                hub.release.wait(30)
                self.close_connection = True
                return
            if cut is not None:
                self.wfile.write(payload[:cut])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(2)  # SHUT_RDWR: the body stops short
                return
            self.wfile.write(payload)

        # -- helpers ------------------------------------------------------------------

        def _json(self, data: dict) -> None:
            payload = json.dumps(data).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

        def _error(self, status: int, code: str, message: str) -> None:
            payload = json.dumps({"error": message}).encode()
            self.send_response(status)
            self.send_header("X-Error-Code", code)
            self.send_header("X-Error-Message", message)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

    return Handler
