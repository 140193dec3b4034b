"""Train bench_mt.py's random model of opus-mt-ar-en's exact shape into one that behaves like a
trained translation model where speed is concerned.

The random model's outputs never end before the engines' length cap (its end token is pushed far
down), about twice what a trained model writes. This script trains the same architecture (all
weights but the shared 62,834 × 512 embedding, which stays frozen) with torch on the CPU, under
bf16 autocast, on a synthetic task whose outputs are peaked and end where the source does:

* sources are bench_mt.py-style Arabic segments (fixture-corpus words, shuffled, 3-36 tokens);
* the target is one English word piece per source piece (a fixed run of distinct words), then
  a fixed tail of ``--tail`` words (default 3) and ``</s>``: 1.1-1.15 × the source's tokens for
  the benchmark's segments of 27-30 tokens, as real ar->en output is. The model must find where
  the source ends through cross-attention; the words themselves are easy.

The softmax of each step is taken over the vocabulary's real pieces plus ``NEGATIVES`` filler
pieces drawn afresh (a sampled softmax: the full 62k output layer would cost 3-6× a step);
the final check runs ``generate()`` over the full vocabulary. The fillers the steps never drew
keep some probability, so the chosen tokens get ~0.7 of it rather than ~1: peaked enough that
greedy output ends where the task says, but beam 4 prefers endings a few tokens earlier.

Tried within the same 15 minutes and dropped: a word-by-word mapping of the source pieces
(closer to translation) learnt the length but not the words (chosen-token probability 0.02);
an output 1.15 × the source's length, and the sampled softmax corrected for the share of
fillers drawn, never learnt where to stop (outputs ran on to the cap).

Training stops after ``--minutes`` of wall time (or once the loss stays under
``TARGET_LOSS``); the model is saved with its tokenizer files into ``--to`` (staged, then
renamed into place) with ``trained-model.json`` saying how it was made: steps, seconds, the
loss, and, measured with greedy ``generate()`` on held-out segments, the mean output/source
token ratio, the share of outputs equal to the task's answer and the mean probability of the
chosen tokens.

    .venv/bin/python bench/train_bench_model.py [--from .cache/bench/opus-mt-ar-en-shape]
        [--to .cache/bench/opus-mt-ar-en-trained] [--minutes 15] [--threads 2] [--tail 3]
        [--force]

A ``--to`` folder trained from the same random model with the same seed and tail is kept
(``--force`` trains again). On a 2-core machine shared with other jobs, ``--threads 1`` trained
several times faster than 2 (OpenMP threads wait for each other).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
for _path in (REPO, REPO / "bench"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import bench_mt  # noqa: E402

from l10nflow.errors import L10nError, UsageError  # noqa: E402
from l10nflow.fsutil import atomic_write_text  # noqa: E402

MARKER = "trained-model.json"
COPIED_FILES = (
    "source.spm",
    "target.spm",
    "vocab.json",
    "tokenizer_config.json",
    "generation_config.json",
)
BATCH = 32  # segments per step
NEGATIVES = 2048  # filler pieces in each step's softmax besides the real pieces
LEARNING_RATE = 1e-3
WARMUP_STEPS = 40
TARGET_LOSS = 0.01  # stop early once the mean loss of the last 20 steps is below this
MIN_TOKENS, MAX_TOKENS = 3, 36  # source tokens per training segment, </s> included
HELD_OUT = 64  # held-out segments of the final check


@dataclass(frozen=True)
class Recipe:
    """What the trained model depends on: a cached model made otherwise is trained again."""

    seed: int = 0
    tail: int = 3  # words after the source's length, before </s>


@dataclass(frozen=True)
class Budget:
    """How long to train (recorded, not part of the cache key)."""

    minutes: float = 15.0
    threads: int = 2


# ---------------------------------------------------------------------------- the task


@dataclass(frozen=True)
class Task:
    """The synthetic translation: a fixed run of English words, one per source piece, then a
    fixed tail of words and ``</s>``."""

    words: tuple[int, ...]
    tail: tuple[int, ...]
    eos: int
    pad: int
    real: tuple[int, ...]  # the pieces of both SentencePiece models and the specials but <pad>

    def target(self, source: Sequence[int]) -> list[int]:
        """The answer for ``source`` (its ids, ``</s>`` last)."""
        return [*self.words[: len(source) - 1], *self.tail, self.eos]


def make_task(vocab: Any, tail: int, seed: int) -> Task:
    """The task over ``vocab``: distinct English word pieces in a fixed shuffled order."""
    encoder = vocab.encoder
    words = sorted(
        encoder[p]
        for p in _pieces(vocab.spm_target)
        if p in encoder and p.startswith("▁") and _latin(p[1:])
    )
    random.Random(seed).shuffle(words)
    if len(words) < MAX_TOKENS - 1 + tail:
        raise UsageError(f"the target vocabulary has {len(words)} words, too few for the task")
    spelled = _pieces(vocab.spm_target) + _pieces(vocab.spm_source)
    real = {encoder[p] for p in spelled if p in encoder} | {encoder["</s>"], encoder["<unk>"]}
    return Task(
        tuple(words[: MAX_TOKENS - 1]),
        tuple(words[MAX_TOKENS - 1 : MAX_TOKENS - 1 + tail]),
        encoder["</s>"],
        encoder["<pad>"],
        tuple(sorted(real)),
    )


def _latin(text: str) -> bool:
    return text.isascii() and text.isalpha()


def _pieces(spm: Any) -> list[str]:
    """A SentencePiece model's pieces, its control pieces left out."""
    return [spm.id_to_piece(i) for i in range(spm.get_piece_size()) if not spm.is_control(i)]


def make_segments(vocab: Any, count: int, rng: random.Random) -> list[list[int]]:
    """``count`` Arabic segments as source ids, ``</s>`` last: shuffled corpus words and a
    full stop, MIN_TOKENS-MAX_TOKENS tokens long (bench_mt.py's segments, lengths varied)."""
    found = []
    for _ in range(count):
        want = rng.randint(MIN_TOKENS, MAX_TOKENS)
        text = rng.choice(_WORDS)
        while len(vocab.source_tokens(f"{text} {(word := rng.choice(_WORDS))}.")) <= want:
            text = f"{text} {word}"
        found.append(vocab.ids(vocab.source_tokens(f"{text}.")))
    return found


_WORDS = sorted(
    {
        word.strip(bench_mt.SENTENCE_END)
        for source, _ in bench_mt.btm.load_corpus(bench_mt.DIRECTION)
        for word in source.split()
    }
    - {""}
)


# ---------------------------------------------------------------------------- training


def batch_tensors(task: Task, sources: list[list[int]]) -> dict[str, Any]:
    """Padded input ids, attention mask, decoder inputs (pad first: Marian's start token) and
    labels (-100 at padding)."""
    import torch

    targets = [task.target(s) for s in sources]
    width, depth = max(map(len, sources)), max(map(len, targets))
    pad = task.pad
    return {
        "input_ids": torch.tensor([s + [pad] * (width - len(s)) for s in sources]),
        "attention_mask": torch.tensor([[1] * len(s) + [0] * (width - len(s)) for s in sources]),
        "decoder_input_ids": torch.tensor(
            [[pad] + t[:-1] + [pad] * (depth - len(t)) for t in targets]
        ),
        "labels": torch.tensor([t + [-100] * (depth - len(t)) for t in targets]),
    }


def sampled_loss(model: Any, batch: dict[str, Any], real: Any, fillers: Any) -> Any:
    """Cross-entropy over the ``real`` pieces and NEGATIVES pieces drawn from ``fillers``."""
    import torch

    hidden = model.model(
        input_ids=batch["input_ids"],
        attention_mask=batch["attention_mask"],
        decoder_input_ids=batch["decoder_input_ids"],
    ).last_hidden_state
    columns = torch.cat([real, fillers[torch.randint(len(fillers), (NEGATIVES,))]])
    index = torch.full((model.config.vocab_size,), -100, dtype=torch.long)
    index[real] = torch.arange(len(real))
    labels = batch["labels"]
    picked = torch.where(labels >= 0, index[labels.clamp(min=0)], labels)
    logits = hidden @ model.model.shared.weight[columns].T
    return torch.nn.functional.cross_entropy(logits.float().flatten(0, 1), picked.flatten())


def train(
    model: Any, vocab: Any, task: Task, recipe: Recipe, budget: Budget, log
) -> dict[str, Any]:
    """Adam with warm-up on fresh batches until the time box ends or the loss is low."""
    import torch

    torch.manual_seed(recipe.seed)
    rng = random.Random(recipe.seed + 1)
    model.model.shared.weight.requires_grad_(False)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.Adam(trainable, lr=LEARNING_RATE, betas=(0.9, 0.98))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / WARMUP_STEPS, math.sqrt(WARMUP_STEPS / (step + 1)))
    )
    real = torch.tensor(task.real)
    fillers = torch.tensor(sorted(set(range(model.config.vocab_size)) - {*task.real, task.pad}))
    model.train()
    losses: list[float] = []
    started = time.perf_counter()
    deadline = started + budget.minutes * 60
    while time.perf_counter() < deadline:
        batch = batch_tensors(task, make_segments(vocab, BATCH, rng))
        with torch.autocast("cpu", dtype=torch.bfloat16):
            loss = sampled_loss(model, batch, real, fillers)
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        optimizer.step()
        schedule.step()
        losses.append(loss.item())
        if len(losses) % 20 == 0:
            recent = statistics.mean(losses[-20:])
            log(f"step {len(losses)}, {time.perf_counter() - started:.0f} s, loss {recent:.4f}")
            if recent < TARGET_LOSS:
                break
    model.eval()
    return {
        "steps": len(losses),
        "seconds": round(time.perf_counter() - started, 1),
        "segments_seen": len(losses) * BATCH,
        "loss_last_20_steps": round(statistics.mean(losses[-20:]), 5),
        "batch": BATCH,
        "learning_rate": LEARNING_RATE,
        "sampled_softmax_negatives": NEGATIVES,
    }


# ---------------------------------------------------------------------------- the check


def check(model: Any, vocab: Any, task: Task, seed: int) -> dict[str, Any]:
    """Greedy ``generate()`` over the full vocabulary on held-out segments: output/source
    token ratio (``</s>`` counted on both), share equal to the task's answer, and the mean
    probability of the chosen tokens."""
    import torch

    sources = make_segments(vocab, HELD_OUT, random.Random(seed + 2))
    batch = batch_tensors(task, sources)
    with torch.inference_mode(), bench_mt.btm.quiet_transformers():
        found = model.generate(
            input_ids=batch["input_ids"],
            attention_mask=batch["attention_mask"],
            num_beams=1,
            do_sample=False,
            max_new_tokens=2 * MAX_TOKENS + 10,
            output_scores=True,
            return_dict_in_generate=True,
        )
    outputs = [_until_eos(row.tolist()[1:], task) for row in found.sequences]
    chosen = torch.stack(found.scores, 1).softmax(-1).max(-1).values  # (segments, steps)
    top = [chosen[i, : len(o)].mean().item() for i, o in enumerate(outputs)]
    ratios = [len(o) / len(s) for o, s in zip(outputs, sources, strict=True)]
    return {
        "held_out_segments": len(sources),
        "source_tokens_mean": round(statistics.mean(map(len, sources)), 1),
        "output_source_ratio_mean": round(statistics.mean(ratios), 3),
        "output_source_ratio_min_max": [round(min(ratios), 3), round(max(ratios), 3)],
        "answer_ratio_mean": round(
            statistics.mean(len(task.target(s)) / len(s) for s in sources), 3
        ),
        "exact_answers": sum(o == task.target(s) for o, s in zip(outputs, sources, strict=True)),
        "mean_chosen_token_probability": round(statistics.mean(top), 4),
    }


def _until_eos(ids: list[int], task: Task) -> list[int]:
    """Output ids up to and including ``</s>`` (all of them when it never comes)."""
    return ids[: ids.index(task.eos) + 1] if task.eos in ids else ids


# ---------------------------------------------------------------------------- the folder


def marker_of(recipe: Recipe) -> dict[str, Any]:
    """The cache key: the random model (its shape and seed; bench_mt.py rebuilds the same
    weights after an edit of its own) and the recipe."""
    built = {"shape": asdict(bench_mt.OPUS_MT_AR_EN), "seed": bench_mt.SEED}
    return {"from": built, "recipe": asdict(recipe)}


def cached(folder: Path, wanted: dict[str, Any]) -> bool:
    """Whether ``folder`` holds a model trained from the same random model, same recipe."""
    with contextlib.suppress(OSError, ValueError, KeyError):
        made = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        return {"from": made["from"], "recipe": made["recipe"]} == wanted
    return False


def ensure_trained(
    source: Path, folder: Path, recipe: Recipe, budget: Budget = Budget(), *, force: bool = False
) -> dict[str, Any]:
    """The trained model in ``folder`` (trained now unless cached); its ``trained-model.json``."""
    wanted = marker_of(recipe)
    if not force and cached(folder, wanted):
        return json.loads((folder / MARKER).read_text(encoding="utf-8"))
    if folder.exists() and not (folder / MARKER).is_file() and any(folder.iterdir()):
        raise UsageError("holds something other than this script's model", path=folder)
    bench_mt.prepare_model(source, bench_mt.OPUS_MT_AR_EN, bench_mt.SEED)
    return train_into(source, folder, recipe, budget, wanted)


def train_into(source: Path, folder: Path, recipe: Recipe, budget: Budget, wanted: dict) -> dict:
    """Train, check, and save into a staging folder renamed into place."""
    import torch
    from transformers import MarianMTModel

    from l10nflow.mt.marian_vocab import MarianVocab

    torch.set_num_threads(budget.threads)
    vocab = MarianVocab(source)
    task = make_task(vocab, recipe.tail, recipe.seed)
    with bench_mt.btm.quiet_transformers():
        model = MarianMTModel.from_pretrained(str(source), dropout=0.0)
    with torch.no_grad():
        model.final_logits_bias.zero_()  # the random model's end-token penalty goes
    progress(f"training {source.name} for up to {budget.minutes:g} min, {budget.threads} threads")
    made = {
        **wanted,
        "task": _describe_task(recipe),
        "budget": asdict(budget),
        "training": train(model, vocab, task, recipe, budget, progress),
    }
    progress("checking with greedy generate() on held-out segments")
    made["check"] = check(model, vocab, task, recipe.seed)
    model.config.dropout = 0.1  # saved as the random model's (opus-mt's) configuration
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        with bench_mt.btm.quiet_transformers():
            model.save_pretrained(str(staging))
        for name in COPIED_FILES:  # the generation settings too: opus-mt's, not training's
            shutil.copy2(source / name, staging / name)
        atomic_write_text(staging / MARKER, json.dumps(made, indent=2) + "\n")
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return made


def _describe_task(recipe: Recipe) -> str:
    return (
        "synthetic: one English word piece per source piece (a fixed run of distinct words), "
        f"then a fixed tail of {recipe.tail} words and </s>; shared embedding frozen, the rest "
        "trained with Adam under bf16 autocast, sampled softmax"
    )


def progress(message: str) -> None:
    print(f"train_bench_model: {message}", file=sys.stderr, flush=True)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cache = REPO / ".cache" / "bench"
    parser.add_argument("--from", dest="source", type=Path, default=cache / "opus-mt-ar-en-shape")
    parser.add_argument("--to", type=Path, default=cache / "opus-mt-ar-en-trained")
    parser.add_argument("--minutes", type=float, default=15.0, help="time box (default 15)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tail", type=int, default=3, help="words after the source's length")
    parser.add_argument("--force", action="store_true", help="train again even if cached")
    args = parser.parse_args(argv)
    if args.minutes <= 0 or args.threads < 1 or not 0 <= args.tail <= 20:
        parser.error("--minutes must be > 0, --threads >= 1, --tail within 0-20")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    recipe, budget = Recipe(args.seed, args.tail), Budget(args.minutes, args.threads)
    try:
        made = ensure_trained(
            args.source.resolve(), args.to.resolve(), recipe, budget, force=args.force
        )
    except L10nError as error:
        print(f"train_bench_model: error: {error}", file=sys.stderr)
        return error.exit_code
    print(json.dumps({k: made[k] for k in ("training", "check")}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
