"""Benchmark of the default engine (CTranslate2 int8, issue 19): whole ``l10nflow translate``
processes against a naive one-``generate()``-per-segment loop, on a model of opus-mt-ar-en's shape.

Two models of ``Helsinki-NLP/opus-mt-ar-en``'s exact shape can be measured (``--model-dir``); the
output names the one each run used:

* **trained** (the default, ``.cache/bench/opus-mt-ar-en-trained``, made by
  ``bench/train_bench_model.py`` on first use, ~15 min of CPU): peaked outputs that end at about
  1.15 × the source's tokens, as a trained translation model's do. Its ``trained-model.json``
  says how it was made and what greedy ``generate()`` measured on held-out segments;
* **random** (``--model-dir .cache/bench/opus-mt-ar-en-shape``, bench_mt.py's): random weights,
  the end token pushed far down, so that every output runs to its length cap, ``2 × longest
  source + 10`` tokens, about twice what a trained model writes.

The naive loop gets the engines' cap too, so both paths write the same tokens. Segments are
bench_mt.py's (Arabic, at most 30 tokens each). All on the CPU with ``--threads`` threads
(default 2), each path in its own fresh process:

1. ``l10nflow --help``, best and median of 5 processes;
2. first-use conversion of the model to CTranslate2 int8 (skipped when the cache is fresh);
3. one article of 29 segments, beam 4, process start to PO written: the default engine
   (best and median of ``--article-runs`` processes) and ``--engine transformers`` once, side by
   side, with the peak RSS (VmHWM) of each process;
4. 240 segments, greedy and beam 4: the default engine's whole process against the naive loop's
   decoding alone (its start-up not counted), outputs compared segment by segment.

    .venv/bin/python bench/bench_ct2_default.py [--model-dir .cache/bench/opus-mt-ar-en-trained]
        [--threads 2] [--segments 240] [--article 29] [--article-runs 3] [--naive-segments N]
        [--quick]

``--naive-segments N`` times the naive loops on the first N segments only and scales their time
to all segments (say so when quoting); outputs are then compared on those N.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
for path in (REPO, REPO / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import bench_mt  # noqa: E402
import train_bench_model  # noqa: E402

from l10nflow.mt.base import TranslateOptions  # noqa: E402

TARGETS = {"article_s": 1.5, "greedy_x": 40.0, "beam_x": 15.0, "same": 0.95, "rss_mib": 400.0}
HELP_TARGET_S = 0.1
TRAINED = REPO / ".cache/bench/opus-mt-ar-en-trained"
RANDOM = REPO / ".cache/bench/opus-mt-ar-en-shape"
QUICK = REPO / ".cache/bench/quick-random"  # --quick: bench_mt.py's small random model
# Runs ``l10nflow`` with the arguments given, then writes the process's peak RSS (VmHWM) to the
# file named by BENCH_RSS: ru_maxrss of a child can carry the parent's peak over exec.
_WRAPPER = """
import atexit, os, sys
def _peak():
    for line in open("/proc/self/status", encoding="ascii"):
        if line.startswith("VmHWM:"):
            open(os.environ["BENCH_RSS"], "w").write(line.split()[1])
atexit.register(_peak)
from l10nflow.cli import main
sys.argv = ["l10nflow", *sys.argv[1:]]
main()
"""


@dataclass
class Process:
    """One whole ``l10nflow`` process."""

    seconds: float
    peak_rss_mib: float
    outputs: list[str]
    stderr: str


def translate_process(
    model: Path, segments: list[str], beams: int, threads: int, engine: str = "auto"
) -> Process:
    """``l10nflow translate`` of a fresh project holding ``segments``, process start to exit."""
    from l10nflow.pofile import read_po

    with tempfile.TemporaryDirectory(prefix="bench-ct2-") as root:
        project = Path(root)
        (project / "articles").mkdir()
        (project / "articles" / "bench.txt").write_text("\n\n".join(segments) + "\n", "utf-8")
        (project / "l10nflow.toml").write_text(
            'source_language = "ar"\ntarget_languages = ["en"]\n\n'
            f'[models]\n"ar-en" = {json.dumps(str(model))}\n\n'
            f'[translate]\nengine = "{engine}"\ndevice = "cpu"\nnum_beams = {beams}\n'
            f"threads = {threads}\n",
            encoding="utf-8",
        )
        rss = project / "rss"
        env = {**os.environ, "BENCH_RSS": str(rss), "OMP_NUM_THREADS": str(threads)}
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _WRAPPER, "translate"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"bench_ct2_default: translate failed:\n{done.stderr}")
        catalog = read_po(project / "locales/en/LC_MESSAGES/bench.po")
        found = {entry.msgid: entry.msgstr for entry in catalog}
        outputs = [found.get(segment, "") for segment in segments]
        return Process(seconds, int(rss.read_text()) / 1024, outputs, done.stderr)


def naive(folder: str, segments: list[str], threads: int, beams: int, limit: int):
    """One ``generate()`` per segment with the engines' output cap (runs in a child process):
    (seconds of the loop alone, outputs)."""
    import torch

    torch.set_num_threads(threads)
    tokenizer, model = bench_mt.btm.load_model(Path(folder))

    def generate(text: str):
        batch = tokenizer(text, return_tensors="pt")
        return model.generate(
            **batch, num_beams=beams, do_sample=False, max_new_tokens=limit, early_stopping=True
        )[0]

    with torch.inference_mode(), bench_mt.btm.quiet_transformers():
        generate(segments[0])  # warm-up, untimed
        started = time.perf_counter()
        outputs = [generate(text) for text in segments]
        seconds = time.perf_counter() - started
    return seconds, [bench_mt._decode(tokenizer, ids.tolist()) for ids in outputs]


def convert(folder: str) -> tuple[float, str | None, str]:
    """First-use conversion (runs in a child process): (seconds, why, converted folder)."""
    from l10nflow.mt.models import ModelLocation, ensure_converted

    heard: list[str] = []
    started = time.perf_counter()
    location = ensure_converted(ModelLocation(Path(folder), "bench", "local"), notify=heard.append)
    return time.perf_counter() - started, (heard[0] if heard else None), str(location.folder)


def help_times(runs: int = 5) -> list[float]:
    script = shutil.which("l10nflow", path=str(Path(sys.executable).parent)) or "l10nflow"
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([script, "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return times


def progress(message: str) -> None:
    print(f"bench_ct2_default: {message}", file=sys.stderr, flush=True)


def same(ours: Sequence[str], theirs: Sequence[str]) -> tuple[int, list[int]]:
    """How many outputs are identical, and the indices of those that differ."""
    differ = [i for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b]
    return len(ours) - len(differ), differ


def divergence(ours: str, theirs: str) -> str:
    """Where two outputs part: the word position and a few words of each from there."""
    a, b = ours.split(), theirs.split()
    pairs = enumerate(zip(a, b, strict=False))
    at = next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))
    return (
        f"word {at} of {len(a)}/{len(b)}: ours {' '.join(a[at : at + 4])!r} | transformers "
        f"{' '.join(b[at : at + 4])!r}"
    )


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def prepare(folder: Path, quick: bool) -> str:
    """Make sure ``folder`` holds its model (the default trained one is trained if missing);
    what the model is, for the output."""
    if quick or (folder != TRAINED and not (folder / train_bench_model.MARKER).is_file()):
        shape = bench_mt.QUICK_SHAPE if quick else bench_mt.OPUS_MT_AR_EN
        bench_mt.prepare_model(folder, shape, bench_mt.SEED)
        return (
            f"RANDOM weights, end token suppressed (every output runs to the cap), seed "
            f"{bench_mt.SEED}, {shape.describe()}"
        )
    if folder == TRAINED:
        made = train_bench_model.ensure_trained(RANDOM, folder, train_bench_model.Recipe())
    else:
        made = json.loads((folder / train_bench_model.MARKER).read_text(encoding="utf-8"))
    check, training = made["check"], made["training"]
    return (
        f"TRAINED (bench/train_bench_model.py: {training['steps']} steps in "
        f"{training['seconds']:.0f} s, loss {training['loss_last_20_steps']}; greedy "
        f"output/source tokens {check['output_source_ratio_mean']}, chosen-token probability "
        f"{check['mean_chosen_token_probability']} on held-out segments), "
        f"{bench_mt.OPUS_MT_AR_EN.describe()}"
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, help="default: the trained model")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--segments", type=int, default=240)
    parser.add_argument("--article", type=int, default=29)
    parser.add_argument("--article-runs", type=int, default=3)
    parser.add_argument("--naive-segments", type=int, default=None)
    parser.add_argument("--quick", action="store_true", help="the small model: a smoke test")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    folder = (args.model_dir or (QUICK if args.quick else TRAINED)).resolve()
    load = os.getloadavg()[0]
    progress(f"model in {folder}")
    model = prepare(folder, args.quick)
    from l10nflow.mt.marian_vocab import MarianVocab

    vocab = MarianVocab(folder)
    count = lambda text: len(vocab.source_tokens(text))  # noqa: E731
    segments = bench_mt.make_segments(count, args.segments, bench_mt.SEED)
    if len(set(segments)) != len(segments):
        raise SystemExit("bench_ct2_default: the segments are not distinct")
    article = segments[: args.article]
    limit = TranslateOptions().output_limit(max(map(count, segments)), 512)
    sample = segments[: args.naive_segments or len(segments)]
    scale = len(segments) / len(sample)

    progress("l10nflow --help")
    helps = help_times()
    progress("first-use conversion")
    conversion = bench_mt.in_child(convert, str(folder))
    progress(f"article of {len(article)} segments, beam 4: default engine")
    articles = [
        translate_process(folder, article, 4, args.threads) for _ in range(args.article_runs)
    ]
    fast_article = sorted(articles, key=lambda p: p.seconds)[len(articles) // 2]  # the median
    progress("article, beam 4: --engine transformers")
    slow_article = translate_process(folder, article, 4, args.threads, engine="transformers")
    rows = {}
    for beams in (1, 4):
        mode = "greedy" if beams == 1 else "beam 4"
        progress(f"{len(segments)} segments, {mode}: default engine, whole process")
        fast = translate_process(folder, segments, beams, args.threads)
        progress(f"naive loop, {mode}, {len(sample)} segments")
        seconds, outputs = bench_mt.in_child(naive, str(folder), sample, args.threads, beams, limit)
        rows[mode] = (fast, seconds * scale, outputs)

    print(f"command: {shlex.join(sys.orig_argv)}")
    print(f"{bench_mt.versions()}; load average {load:.2f} before, {os.getloadavg()[0]:.2f} after")
    print(f"model in {folder}: {model}; threads {args.threads}")
    lengths = [count(s) for s in segments]
    # each output word is one piece for both bench models: words + 1 (the end token) = tokens
    written = [len(text.split()) + 1 for text in rows["greedy"][0].outputs]
    print(
        f"segments: {len(segments)} distinct Arabic, source tokens min/mean/max {min(lengths)}/"
        f"{statistics.mean(lengths):.1f}/{max(lengths)}; greedy outputs min/mean/max "
        f"{min(written)}/{statistics.mean(written):.1f}/{max(written)} tokens (words + end "
        f"token), the cap {limit}"
    )
    best, median = min(helps), statistics.median(helps)
    print(
        f"l10nflow --help: best {best:.3f} s, median {median:.3f} s "
        f"(< {HELP_TARGET_S} s: {_met(best < HELP_TARGET_S)})"
    )
    seconds, why, converted = conversion
    print(f"conversion to {converted}: {f'{seconds:.1f} s ({why})' if why else 'cache fresh'}")
    same_article, differ = same(fast_article.outputs, slow_article.outputs)
    print(
        f"article, {len(article)} segments, beam 4, process start to PO written: default engine "
        f"median {fast_article.seconds:.2f} s of {len(articles)} (best "
        f"{min(p.seconds for p in articles):.2f} s), {fast_article.peak_rss_mib:.0f} MiB peak (≤ "
        f"{TARGETS['article_s']} s: {_met(fast_article.seconds <= TARGETS['article_s'])}); "
        f"--engine transformers {slow_article.seconds:.2f} s, {slow_article.peak_rss_mib:.0f} MiB"
        f"; identical {same_article}/{len(article)}"
    )
    engine_line = [ln for ln in fast_article.stderr.splitlines() if ln.startswith("engine:")]
    print(f"  {engine_line[0] if engine_line else 'no engine line'}")
    for mode, (fast, naive_seconds, outputs) in rows.items():
        ratio = naive_seconds / fast.seconds
        target = TARGETS["greedy_x" if mode == "greedy" else "beam_x"]
        matches, differ = same(fast.outputs[: len(outputs)], outputs)
        share = matches / len(outputs)
        print(
            f"{len(segments)} segments, {mode}: default engine whole process {fast.seconds:.2f} s "
            f"({fast.peak_rss_mib:.0f} MiB peak), naive loop {naive_seconds:.1f} s"
            f"{' (scaled)' if scale != 1 else ''}: {ratio:.1f}× (≥ {target:.0f}×: "
            f"{_met(ratio >= target)}); identical to transformers {matches}/{len(outputs)} "
            f"(≥ {TARGETS['same']:.0%}: {_met(share >= TARGETS['same'])})"
        )
        for i in differ[:5]:
            print(f"  differs #{i}: {divergence(fast.outputs[i], outputs[i])}")
    peak = max(p.peak_rss_mib for p in (*articles, *(r[0] for r in rows.values())))
    print(
        f"peak RSS of a default translate run: {peak:.0f} MiB (≤ {TARGETS['rss_mib']:.0f} MB: "
        f"{_met(peak <= TARGETS['rss_mib'])})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
