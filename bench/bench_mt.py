"""Benchmark of the Marian engine's batching against a naive one-segment-at-a-time loop.

Builds a random-weight Marian model of ``Helsinki-NLP/opus-mt-ar-en``'s exact shape (the tiny
test model's SentencePiece files, its ``vocab.json`` padded with filler pieces to the real size,
a fixed seed, and the end-of-sentence logit pushed far down so that every output runs to its
length limit), makes Arabic segments of about 30 tokens from the fixture corpus, and translates
them side by side on the CPU:

* the naive loop: one ``model.generate()`` per segment, greedy, 30 new tokens;
* l10nflow's engines (``create_engine(...).translate_batch``): transformers fp32, transformers
  with ``--quantize int8`` and CTranslate2 int8, each greedy and beam 4, with
  ``TranslateOptions(max_new_tokens=30)``, so that every path writes the same 30 tokens per
  segment (end token included), as in the issue's "30 tokens -> 30 tokens".

Each path runs in its own fresh process (peak RSS from ``resource.getrusage`` is per path, model
load included); an engine path is timed REPEATS times after a warm-up and its median is shown.
Outputs are compared with the naive loop's (greedy) and with transformers fp32 greedy's. Last, a
temporary project made of the segments is translated twice with ``translate_project``; the
second run must make no model call, or the script exits 1.

    .venv/bin/python bench/bench_mt.py [--segments 64] [--threads 2] [--model-dir DIR] [--quick]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import hashlib
import json
import multiprocessing
import os
import platform
import random
import resource
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # the tiny test model's builder lives in tests/fixtures
    sys.path.insert(0, str(REPO))

from tests.fixtures.marian import build_test_model as btm  # noqa: E402

from l10nflow import __version__  # noqa: E402
from l10nflow.errors import L10nError, UsageError  # noqa: E402
from l10nflow.fsutil import atomic_write_bytes, atomic_write_text  # noqa: E402

DIRECTION = "ar-en"
TINY_MODEL_CACHE = REPO / ".cache" / "bench"
MARKER = "bench-model.json"  # what a --model-dir folder was built as (reused when it matches)
SEED = 0
SOURCE_TOKENS = 30  # source tokens per segment, ``</s>`` included (at most; whole words)
NEW_TOKENS = 30  # the naive loop's max_new_tokens
EOS_LOGIT_BIAS = -1.0e4  # no output ends before its length limit
REPEATS = 3  # timed runs of each engine path; the median is reported
TARGET_RATIO = 7.0  # issue 4: transformers fp32 greedy tokens/s over the naive loop's
FAST_TARGETS = {1: 20.0, 4: 10.0}  # issue 8: the fast engine's ratio at greedy and beam 4
FAST_SAME = 0.95  # issue 8: share of fast-engine greedy outputs identical to fp32 greedy's
RSS_TARGET_MIB = 1536  # issue 8: a translate run's peak RSS
SENTENCE_END = ".!?؟،؛:"


@dataclass(frozen=True)
class ModelShape:
    """The size of the random Marian model."""

    d_model: int
    layers: int  # encoder layers = decoder layers
    heads: int
    ffn: int
    vocab_size: int

    def describe(self) -> str:
        return (
            f"d_model {self.d_model}, {self.layers}+{self.layers} layers, {self.heads} heads, "
            f"FFN {self.ffn}, vocab {self.vocab_size:,}"
        )


OPUS_MT_AR_EN = ModelShape(d_model=512, layers=6, heads=8, ffn=2048, vocab_size=62_834)
QUICK_SHAPE = ModelShape(d_model=64, layers=2, heads=4, ffn=256, vocab_size=2_000)
QUICK_SEGMENTS = 8


# ---------------------------------------------------------------------------- the model


def marian_config(shape: ModelShape) -> Any:
    """The test models' OPUS-MT-like MarianConfig at ``shape``'s size."""
    return btm.make_config(
        shape.vocab_size,
        d_model=shape.d_model,
        encoder_layers=shape.layers,
        decoder_layers=shape.layers,
        encoder_attention_heads=shape.heads,
        decoder_attention_heads=shape.heads,
        encoder_ffn_dim=shape.ffn,
        decoder_ffn_dim=shape.ffn,
    )


def padded_vocab(vocab: dict[str, int], size: int) -> dict[str, int]:
    """``vocab`` (``<pad>`` last) grown to ``size`` entries with filler pieces before ``<pad>``."""
    tokens = [token for token, _ in sorted(vocab.items(), key=lambda item: item[1])]
    if tokens[-1] != "<pad>" or len(tokens) > size:
        raise UsageError(f"cannot pad a {len(tokens)}-entry vocabulary to {size}")
    fillers = (f"▁w{n:05d}" for n in range(size))  # fixed width: no filler prefixes another
    extra = [piece for piece in fillers if piece not in vocab][: size - len(tokens)]
    return {token: index for index, token in enumerate([*tokens[:-1], *extra, "<pad>"])}


def write_tokenizer(folder: Path, tiny: Path, size: int) -> None:
    """The tiny model's SentencePiece files with a ``vocab.json`` of ``size`` entries."""
    for name in ("source.spm", "target.spm"):
        atomic_write_bytes(folder / name, (tiny / name).read_bytes())
    vocab = json.loads((tiny / "vocab.json").read_text(encoding="utf-8"))
    text = json.dumps(padded_vocab(vocab, size), ensure_ascii=False, indent=1)
    atomic_write_text(folder / "vocab.json", text)
    btm.save_tokenizer_config(folder, *DIRECTION.split("-"))  # with the new <pad> id


def write_random_model(folder: Path, shape: ModelShape, seed: int) -> None:
    """Random weights (fixed seed), EOS logit far down, saved as safetensors with its configs."""
    import torch
    from transformers import MarianMTModel

    config = marian_config(shape)
    with torch.random.fork_rng(devices=[]), btm.quiet_transformers():
        torch.manual_seed(seed)
        model = MarianMTModel(config)
    with torch.no_grad():
        model.final_logits_bias[0, config.eos_token_id] = EOS_LOGIT_BIAS
    model.generation_config = btm.make_generation_config(config.pad_token_id)
    with btm.quiet_transformers():
        model.save_pretrained(str(folder))


def build_model(folder: Path, shape: ModelShape, seed: int, marker: dict) -> None:
    """Build into a staging folder next to ``folder``, then rename it into place."""
    tiny = btm.ensure_test_model(DIRECTION, TINY_MODEL_CACHE)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        write_tokenizer(staging, tiny, shape.vocab_size)
        write_random_model(staging, shape, seed)
        atomic_write_text(staging / MARKER, json.dumps(marker, indent=2))
        if folder.exists():
            folder.rmdir()
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def builder_hash() -> str:
    """Hash of this script: a model built by another version of it is not reused."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def prepare_model(folder: Path, shape: ModelShape, seed: int) -> bool:
    """Make ``folder`` hold the model of ``shape``; True when an earlier build was reused.

    A folder built by another version of this script is rebuilt; any other non-empty folder
    is refused.
    """
    marker = {"shape": asdict(shape), "seed": seed, "builder": builder_hash()}
    with contextlib.suppress(OSError, ValueError):
        if json.loads((folder / MARKER).read_text(encoding="utf-8")) == marker:
            return True
    if (folder / MARKER).is_file():
        shutil.rmtree(folder)  # an older build of this script: replaced
    elif folder.exists() and any(folder.iterdir()):
        raise UsageError("holds something other than this benchmark's model", path=folder)
    build_model(folder, shape, seed, marker)
    return False


# ---------------------------------------------------------------------------- segments


def make_segments(count_tokens: Callable[[str], int], count: int, seed: int) -> list[str]:
    """``count`` Arabic segments of at most SOURCE_TOKENS tokens: shuffled corpus words, cut."""
    sentences = [source for source, _ in btm.load_corpus(DIRECTION)]
    rng = random.Random(seed)
    segments = []
    for _ in range(count):
        order = rng.sample(sentences, len(sentences))
        words = [w for w in (w.strip(SENTENCE_END) for s in order for w in s.split()) if w]
        text = words[0]
        for word in words[1:]:
            if count_tokens(f"{text} {word}.") > SOURCE_TOKENS:
                break
            text = f"{text} {word}"
        segments.append(f"{text}.")
    return segments


# ---------------------------------------------------------------------------- the paths


@dataclass
class PathResult:
    """One path's run over the segments."""

    label: str
    seconds: float  # wall time of the timed section
    cpu_seconds: float  # process CPU time of it, all threads (spinning included)
    new_tokens: int
    model_calls: int
    peak_rss_mib: float
    parameters: int = 0
    matches: int | None = None
    outputs: list | None = None

    @property
    def tokens_per_second(self) -> float:
        return self.new_tokens / self.seconds


@dataclass
class ZeroCalls:
    """The twice-translated project: what each run did."""

    first_calls: int
    first_translated: int
    second_calls: int
    second_translated: int
    engines_loaded: int
    peak_rss_mib: float  # of the whole process: a real translate run (default settings)


@contextlib.contextmanager
def stopwatch() -> Iterator[dict[str, float]]:
    """Wall and process CPU seconds of the block, in the yielded dict once it ends."""
    times: dict[str, float] = {}
    wall, cpu = time.perf_counter(), time.process_time()
    yield times
    times["wall"], times["cpu"] = time.perf_counter() - wall, time.process_time() - cpu


def peak_rss_mib() -> float:
    """This process's peak resident size: Linux's VmHWM (ru_maxrss of a spawned child can
    carry an earlier process's peak over exec), else ru_maxrss."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def naive_loop(folder: str, segments: list[str], threads: int) -> PathResult:
    """One ``generate()`` per segment, greedy, NEW_TOKENS new tokens (runs in a child process)."""
    import torch

    torch.set_num_threads(threads)
    tokenizer, model = btm.load_model(Path(folder))

    def generate(text: str):
        batch = tokenizer(text, return_tensors="pt")
        return model.generate(**batch, num_beams=1, do_sample=False, max_new_tokens=NEW_TOKENS)[0]

    with torch.inference_mode(), btm.quiet_transformers():
        generate(segments[0])  # warm-up, untimed (the engine path gets one too)
        with stopwatch() as times:
            outputs = [generate(text) for text in segments]
    pad = model.config.pad_token_id  # also the decoder start token: not counted
    return PathResult(
        label="naive loop, greedy",
        seconds=times["wall"],
        cpu_seconds=times["cpu"],
        new_tokens=sum(int((ids != pad).sum()) for ids in outputs),
        model_calls=len(segments),
        peak_rss_mib=peak_rss_mib(),
        parameters=sum(p.numel() for p in model.parameters()),
        outputs=[_decode(tokenizer, ids.tolist()) for ids in outputs],
    )


def _decode(tokenizer, ids: list[int]) -> str:
    """Output ids as text, cleaned the way l10nflow's engines clean theirs."""
    from l10nflow.mt.postprocess import clean_output

    special = set(tokenizer.all_special_ids)
    return clean_output(
        "".join(tokenizer.convert_ids_to_tokens(i) for i in ids if i not in special)
    )


def engine_path(
    folder: str,
    segments: list[str],
    threads: int,
    beams: int,
    reference: list | None,
    engine_name: str = "transformers",
    quantize: str = "none",
) -> PathResult:
    """``translate_batch`` over all segments with one engine setup (runs in a child process)."""
    if engine_name == "transformers":
        import torch

        torch.set_num_threads(threads)
    from l10nflow.mt import TranslateOptions, create_engine, resolve_model

    engine = create_engine(
        resolve_model(folder, DIRECTION),
        "ar",
        "en",
        engine=engine_name,
        device="cpu",
        quantize=quantize,
        threads=threads,
    )
    options = TranslateOptions(num_beams=beams, num_hypotheses=1, max_new_tokens=NEW_TOKENS)
    engine.translate_batch(segments[:1], options)  # warm-up, untimed
    runs = []
    for _ in range(REPEATS):
        calls, tokens = engine.stats.model_calls, engine.stats.output_tokens
        with stopwatch() as times:
            results = engine.translate_batch(segments, options)
        runs.append((times, engine.stats.model_calls - calls, engine.stats.output_tokens - tokens))
    times, model_calls, new_tokens = sorted(runs, key=lambda run: run[0]["wall"])[REPEATS // 2]
    texts = [hypotheses[0].text for hypotheses in results]
    matches = None
    if reference is not None:
        matches = sum(text == naive for text, naive in zip(texts, reference, strict=True))
    mode = "greedy" if beams == 1 else f"beam {beams}"
    precision = "int8" if quantize == "int8" or engine_name == "ctranslate2" else "fp32"
    return PathResult(
        label=f"{engine_name} {precision}, {mode}",
        seconds=times["wall"],
        cpu_seconds=times["cpu"],
        new_tokens=new_tokens,
        model_calls=model_calls,
        peak_rss_mib=peak_rss_mib(),
        matches=matches,
        outputs=texts,
    )


def zero_calls_check(folder: str, segments: list[str], threads: int) -> ZeroCalls:
    """Translate a project made of the segments twice (runs in a child process)."""
    import torch

    from l10nflow.mt import create_engine, resolve_model
    from l10nflow.project import Project
    from l10nflow.translate import translate_project

    torch.set_num_threads(threads)
    loaded: list[tuple[str, str]] = []

    def factory(source: str, target: str):
        loaded.append((source, target))
        location = resolve_model(folder, f"{source}-{target}")
        return create_engine(location, source, target, device="cpu")

    with tempfile.TemporaryDirectory(prefix="bench-mt-project-") as root:
        atomic_write_text(Path(root) / "l10nflow.toml", project_file(folder))
        atomic_write_text(Path(root) / "articles" / "bench.txt", "\n\n".join(segments) + "\n")
        project = Project.discover(Path(root))
        first = translate_project(project, engine_factory=factory)
        second = translate_project(project, engine_factory=factory)
    return ZeroCalls(
        first.model_calls,
        first.machine_translated,
        second.model_calls,
        second.machine_translated,
        len(loaded),
        peak_rss_mib(),
    )


def project_file(model: str) -> str:
    return (
        'source_language = "ar"\ntarget_languages = ["en"]\n\n'
        f'[models]\n"ar-en" = {json.dumps(model)}\n\n'
        '[translate]\ndevice = "cpu"\nnum_beams = 4\nnum_hypotheses = 1\n'
    )


def in_child(function: Callable, *args: Any) -> Any:
    """Run ``function(*args)`` in a fresh process, so that its peak RSS is its own."""
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(function, *args).result()


# ---------------------------------------------------------------------------- report


def table(rows: Sequence[PathResult], segments: int) -> str:
    """The side-by-side table; ratios are tokens/s over the first row's."""
    baseline = rows[0].tokens_per_second
    lines = [
        f"{'path':<26}{'calls':>6}{'segs':>6}{'new tok':>9}{'wall s':>9}{'CPU s':>9}{'tok/s':>9}"
        f"{'ratio':>10}{'peak RSS':>11}{'= naive':>9}"
    ]
    for row in rows:
        same = "-" if row.matches is None else f"{row.matches}/{segments}"
        lines.append(
            f"{row.label:<26}{row.model_calls:>6}{segments:>6}{row.new_tokens:>9}"
            f"{row.seconds:>9.2f}{row.cpu_seconds:>9.2f}{row.tokens_per_second:>9.1f}"
            f" {row.tokens_per_second / baseline:>8.2f}×{row.peak_rss_mib:>7.0f} MiB{same:>9}"
        )
    return "\n".join(lines)


def versions() -> str:
    import torch
    import transformers

    return (
        f"l10nflow {__version__}, torch {torch.__version__}, transformers "
        f"{transformers.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()} with {os.cpu_count()} CPUs"
    )


def progress(message: str) -> None:
    print(f"bench_mt: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=None, help="default 64 (8 with --quick)")
    parser.add_argument("--threads", type=int, default=2, help="torch threads (default 2)")
    parser.add_argument("--model-dir", type=Path, help="build the model here, or reuse it")
    parser.add_argument("--quick", action="store_true", help="a small model: a smoke test")
    parser.add_argument("--no-ct2", action="store_true", help="leave out the CTranslate2 rows")
    args = parser.parse_args(argv)
    if args.segments is None:
        args.segments = QUICK_SEGMENTS if args.quick else 64
    if args.segments < 1 or args.threads < 1:
        parser.error("--segments and --threads must be >= 1")
    return args


@dataclass
class Measured:
    """Everything one benchmark run found, for the report."""

    shape: ModelShape
    reused: bool
    lengths: list[int]  # source tokens per segment
    rows: list[PathResult]
    check: ZeroCalls
    load: tuple[float, float]  # 1-minute load average before and after
    layout: str  # CTranslate2's workers × threads each


def measure(args: argparse.Namespace, folder: Path) -> Measured:
    """Build (or reuse) the model, make the segments, run each path in its own process."""
    from l10nflow.mt.marian import load_tokenizer

    load_before = os.getloadavg()[0]
    shape = QUICK_SHAPE if args.quick else OPUS_MT_AR_EN
    progress(f"model in {folder}")
    reused = prepare_model(folder, shape, SEED)
    tokenizer = load_tokenizer(folder)
    count = lambda text: len(tokenizer(text)["input_ids"])  # noqa: E731
    segments = make_segments(count, args.segments, SEED)
    model = str(folder)
    progress("naive loop, greedy")
    rows = [in_child(naive_loop, model, segments, args.threads)]
    setups = [("transformers", "none", model), ("transformers", "int8", model)]
    if not args.no_ct2 and _has_ctranslate2():
        from l10nflow.mt.models import convert_model

        converted = folder.parent / f"{folder.name}-ct2-int8"
        if not (converted / "model.bin").exists():
            progress("converting to CTranslate2 int8")
            convert_model(folder, converted, "int8")
        setups.append(("ctranslate2", "none", str(converted)))
    for engine_name, quantize, where in setups:
        for beams in (1, 4):
            progress(f"{engine_name} {quantize}, {'greedy' if beams == 1 else f'beam {beams}'}")
            reference = rows[0].outputs if beams == 1 else None
            rows.append(
                in_child(
                    engine_path,
                    where,
                    segments,
                    args.threads,
                    beams,
                    reference,
                    engine_name,
                    quantize,
                )
            )
    progress("zero-calls check")
    check = in_child(zero_calls_check, model, segments, args.threads)
    lengths = [count(text) for text in segments]
    load = (load_before, os.getloadavg()[0])
    from l10nflow.mt.ct2 import cpu_layout

    workers, per_worker = cpu_layout(args.threads)
    layout = f"{workers} worker(s) × {per_worker} thread(s)"
    return Measured(shape, reused, lengths, rows, check, load, layout)


def _has_ctranslate2() -> bool:
    import importlib.util

    return importlib.util.find_spec("ctranslate2") is not None


def report(args: argparse.Namespace, found: Measured) -> None:
    """Print the command, the settings, the table and the checks."""
    naive = found.rows[0]
    lengths = found.lengths
    print(f"command: {shlex.join(sys.orig_argv)}")
    print(f"{versions()}; load average {found.load[0]:.2f} before, {found.load[1]:.2f} after")
    print(
        f"model: random Marian (the test models' OPUS-MT config), {found.shape.describe()}, "
        f"{naive.parameters:,} parameters ({naive.parameters / 1e6:.1f} M), seed {SEED}"
        f"{' (reused)' if found.reused else ''}"
    )
    print(
        f"segments: {len(lengths)} Arabic, source tokens min/mean/max "
        f"{min(lengths)}/{statistics.mean(lengths):.1f}/{max(lengths)}; torch threads "
        f"{args.threads} (CTranslate2: {found.layout}); max_new_tokens {NEW_TOKENS} on every "
        f"path; EOS never chosen early; tok/s = generated tokens / wall time, engine paths the "
        f"median of {REPEATS} runs"
    )
    print(table(found.rows, len(lengths)))
    distinct = len(set(naive.outputs or []))
    print(
        f"= naive: greedy outputs identical to the naive loop's; it gave {distinct} distinct "
        f"output(s) (a random model repeats tokens)"
    )
    rows = {row.label: row for row in found.rows}
    greedy_ratio = found.rows[1].tokens_per_second / naive.tokens_per_second
    verdict = _met(greedy_ratio >= TARGET_RATIO)
    print(f"greedy ratio {greedy_ratio:.2f}× (issue 4: ≥ {TARGET_RATIO:.0f}×: {verdict})")
    fp32 = found.rows[1].outputs or []
    for row in found.rows[2:]:
        mode = row.label.rsplit(", ", 1)[1]
        reference = rows[f"transformers fp32, {mode}"]
        if row is not reference:
            same = sum(
                a == b for a, b in zip(row.outputs or [], reference.outputs or [], strict=False)
            )
            print(
                f"{row.label}: {same}/{len(fp32)} outputs identical to those of '{reference.label}'"
            )
    for precision in ("ctranslate2 int8", "transformers int8"):
        greedy, beam = rows.get(f"{precision}, greedy"), rows.get(f"{precision}, beam 4")
        if greedy is None or beam is None:
            continue
        ratios = {
            n: r.tokens_per_second / naive.tokens_per_second for n, r in ((1, greedy), (4, beam))
        }
        same = sum(a == b for a, b in zip(greedy.outputs or [], fp32, strict=False)) / len(fp32)
        print(
            f"issue 8, {precision}: greedy {ratios[1]:.2f}× (≥ {FAST_TARGETS[1]:.0f}×: "
            f"{_met(ratios[1] >= FAST_TARGETS[1])}), beam 4 {ratios[4]:.2f}× (≥ "
            f"{FAST_TARGETS[4]:.0f}×: {_met(ratios[4] >= FAST_TARGETS[4])}), {same:.0%} identical "
            f"to fp32 (≥ {FAST_SAME:.0%}: {_met(same >= FAST_SAME)})"
        )
    check = found.check
    print(
        f"zero-calls check: first run {check.first_calls} model call(s), "
        f"{check.first_translated} entries translated; second run {check.second_calls} model "
        f"call(s), {check.second_translated} entries translated, engines loaded "
        f"{check.engines_loaded}: {'OK' if check.second_calls == 0 else 'FAILED'}"
    )
    print(
        f"peak RSS of that translate_project process (model load, beam 4, full batch): "
        f"{check.peak_rss_mib:.0f} MiB (issue 8: < 1.5 GB: "
        f"{_met(check.peak_rss_mib < RSS_TARGET_MIB)})"
    )


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def run(args: argparse.Namespace) -> int:
    with contextlib.ExitStack() as stack:
        folder = args.model_dir
        if folder is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-mt-")))
            folder = folder / "model"
        found = measure(args, folder.resolve())
    report(args, found)
    return 0 if found.check.second_calls == 0 else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except L10nError as error:
        print(f"bench_mt: error: {error}", file=sys.stderr)
        return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
