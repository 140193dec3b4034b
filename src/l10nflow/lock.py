"""The project lock: one writing run (extract, translate, tm import) at a time.

An advisory lock on ``.l10nflow/lock`` under the project root. A second run
waits, saying so once, or fails at once with ``wait=False``. The lock file
exists only while a run holds it, so a run that fails leaves nothing behind
(removing a lock file safely: after locking, a run checks that the path
still names the file it locked, and retries if not). Read-only commands
(check, status) take no lock. Where ``fcntl`` is missing (Windows),
``filelock`` provides the lock and the file stays.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from l10nflow.errors import L10nError

STATE_DIR = ".l10nflow"


class ProjectLocked(L10nError):
    """Another l10nflow run holds the project lock."""


def _locked_message(path: Path) -> ProjectLocked:
    return ProjectLocked(
        "another l10nflow run is writing this project; try again when it ends "
        "(or leave out --no-wait to wait for it)",
        path=path,
    )


@contextmanager
def project_lock(
    root: Path, *, wait: bool = True, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the project lock for the duration of the block."""
    folder = root / STATE_DIR
    created_folder = not folder.exists()
    path = folder / "lock"
    try:
        folder.mkdir(exist_ok=True)
    except FileExistsError:
        raise L10nError(
            "is a file, but l10nflow keeps its lock and memory in this folder; move it away",
            path=folder,
        ) from None
    except OSError as problem:
        raise L10nError(
            f"cannot create the state folder: {problem.strerror}", path=folder
        ) from None
    if path.is_dir():
        raise L10nError("the project lock is a folder; remove it", path=path)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        with _filelock(path, wait, on_wait):
            yield
        return
    fd = _acquire(path, wait, on_wait, fcntl)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)
        if created_folder:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if still empty


def _acquire(path: Path, wait: bool, on_wait, fcntl) -> int:
    told = False
    while True:
        try:
            fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o644)
        except FileNotFoundError:  # the holder removed the empty state folder: make it again
            path.parent.mkdir(exist_ok=True)
            continue
        except OSError as problem:
            raise L10nError(
                f"cannot take the project lock: {problem.strerror}", path=path
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                os.close(fd)
                raise _locked_message(path) from None
            if on_wait and not told:
                on_wait(f"waiting for another l10nflow run to finish ({path})")
                told = True
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            if os.fstat(fd).st_ino == os.stat(path).st_ino:
                return fd  # still the file at the path: the lock is ours
        except FileNotFoundError:
            pass
        os.close(fd)  # the holder removed it while we waited: lock the new one


@contextmanager
def _filelock(path: Path, wait: bool, on_wait) -> Iterator[None]:  # pragma: no cover - Windows
    from filelock import FileLock, Timeout

    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            raise _locked_message(path) from None
        if on_wait:
            on_wait(f"waiting for another l10nflow run to finish ({path})")
        lock.acquire()
    try:
        yield
    finally:
        lock.release()
