"""Files on disk: bounded reading of inputs, atomic writing of outputs.

Reading (:func:`read_input`) accepts regular files only (a FIFO would hang, a
device such as ``/dev/zero`` would never end) and refuses files larger than a
per-kind limit (:data:`SIZE_LIMITS`) before reading them.

Writing (:func:`atomic_write_bytes`) goes to a temp file in the same folder,
fsync, rename: an interrupted write leaves the target either as it was or
complete. It writes where the user pointed: through a symbolic link to its
target (the link stays a link), and into a special file (``/dev/stdout``, a
FIFO, a terminal) in place, never replacing it with a regular file. A
read-only target is refused, never silently replaced. Every failure is a
one-line :class:`~l10nflow.errors.OutputError` naming the file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

# Largest input of each kind read into memory (bytes); bigger files are refused.
MiB = 1024 * 1024
SIZE_LIMITS: dict[str, int] = {
    "article": 16 * MiB,
    "catalog": 64 * MiB,
    "glossary": 64 * MiB,
    "project": 1 * MiB,
    "xml": 1024 * MiB,  # TMX memories of whole archives
    "default": 64 * MiB,
}


def read_input(
    path: str | Path, what: str, error: type | None = None, *, limit: str = "default"
) -> bytes:
    """The bytes of an input file; ``error`` (default InputError) naming it when unusable.

    Only regular files are read (symbolic links are followed), and only up to
    ``SIZE_LIMITS[limit]`` bytes: a larger file is refused before it is read.
    """
    from l10nflow.errors import InputError

    error = error or InputError
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise error(f"no such {what}", path=path) from None
    except OSError as problem:
        raise error(f"cannot read {what}: {problem.strerror}", path=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"is a folder, not a {what}", path=path)
    if not stat.S_ISREG(info.st_mode):
        raise error(f"not a regular file (a device, FIFO or socket), not a {what}", path=path)
    most = SIZE_LIMITS.get(limit, SIZE_LIMITS["default"])
    if info.st_size > most:
        raise error(
            f"{what} is {info.st_size / MiB:.1f} MiB, larger than the {most // MiB} MiB limit",
            path=path,
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(most + 1)
    except OSError as problem:
        raise error(f"cannot read {what}: {problem.strerror}", path=path) from None
    if len(data) > most:  # it grew while we looked
        raise error(f"{what} is larger than the {most // MiB} MiB limit", path=path)
    return data


def write_target(path: str | Path) -> Path:
    """Where writing ``path`` must go: a symbolic link's final target, else ``path``.

    Refuses (:class:`OutputError`) a folder, a parent that is not a folder,
    and a link loop.
    """
    from l10nflow.errors import OutputError

    target = Path(path)
    if target.is_symlink():
        try:
            target = target.resolve(strict=False)
        except (OSError, RuntimeError):
            raise OutputError("symbolic link loop", path=path) from None
    if target.is_dir():
        raise OutputError("is a folder; name a file", path=path)
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"{parent} is a file, not a folder", path=path)
            break
    return target


def is_special_file(path: Path) -> bool:
    """True for an existing file that is not a regular file (device, FIFO, socket, terminal)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, creating parent folders as needed.

    Follows a symbolic link to its target; writes a special file in place;
    refuses a read-only file. Failures raise :class:`OutputError` naming ``path``.
    """
    from l10nflow.errors import OutputError

    if is_special_file(Path(path)):  # /dev/stdout, a pipe, a terminal: opened as named
        _write_in_place(Path(path), data, path)
        return
    target = write_target(path)
    if target.exists() and not target.stat().st_mode & 0o222:  # by mode: root may write anyway
        raise OutputError("file is read-only; make it writable to update it", path=path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as problem:
        raise OutputError(f"cannot write: {problem.strerror}", path=path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_mode(target, tmp_name)
        os.replace(tmp_name, target)
    except BaseException as problem:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(problem, OSError):
            raise OutputError(f"cannot write: {problem.strerror}", path=path) from None
        raise
    _fsync_dir(target.parent)


def _write_in_place(target: Path, data: bytes, shown: str | Path) -> None:
    """Write a special file (a terminal, ``/dev/stdout``, a FIFO) the way a shell would."""
    from l10nflow.errors import OutputError

    try:
        with open(target, "wb", buffering=0) as handle:
            view = memoryview(data)
            while view:
                written = handle.write(view)
                view = view[written or len(view) :]
    except OSError as problem:
        raise OutputError(f"cannot write: {problem.strerror}", path=shown) from None


def _copy_mode(target: Path, tmp_name: str) -> None:
    """The new file gets the old one's permissions, or the umask's for a new file."""
    with contextlib.suppress(OSError):
        if target.exists():
            os.chmod(tmp_name, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_name, 0o666 & ~umask)


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
