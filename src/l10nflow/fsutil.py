"""Atomic file writes: a temp file in the same folder, fsync, rename.

An interrupted write leaves the target either as it was or complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def read_input(path: str | Path, what: str, error: type | None = None) -> bytes:
    """The bytes of an input file; ``error`` (default InputError) naming it when unreadable."""
    from l10nflow.errors import InputError

    error = error or InputError
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise error(f"no such {what}", path=path) from None
    except IsADirectoryError:
        raise error(f"is a folder, not a {what}", path=path) from None
    except OSError as problem:
        raise error(f"cannot read {what}: {problem.strerror}", path=path) from None


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, creating parent folders as needed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, target.stat().st_mode & 0o7777)
        else:
            with contextlib.suppress(OSError):
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(target.parent)


def remove_stale_temp_files(path: str | Path) -> int:
    """Remove temp files a killed writer left beside ``path`` (call only under a lock)."""
    target = Path(path)
    removed = 0
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
            removed += 1
    return removed


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (no newline translation)."""
    atomic_write_bytes(path, text.encode(encoding))


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def deferred_signals():
    """Let a write finish: SIGINT/SIGTERM arriving inside the block take effect after it."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[tuple[int, object]] = []
    handlers = {}

    def remember(signum, frame):
        received.append((signum, frame))

    for signum in (signal.SIGINT, signal.SIGTERM):
        handlers[signum] = signal.signal(signum, remember)
    try:
        yield
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
        for signum, _frame in received[:1]:
            signal.raise_signal(signum)  # delivered now, to the handler the caller had
