"""`translate --ray` against the local path, and the driver's planning time on 1 M segments.

Two measurements (issue 21):

1. **MT throughput.** An archive of ``--articles`` variations of the seed article
   (examples/partnership: paragraphs rotated, numbers and the partner country changed,
   so most segments are new) is translated by the tiny ar->en fixture model (greedy, CPU),
   once by the local single-process path and once on a local Ray instance with
   ``--workers`` workers. Each run is a fresh subprocess: the numbers are unique segments
   sent to MT per second, output tokens per second, peak memory of the driver and of each
   worker, and whether both runs wrote the same PO files.
2. **Planning.** ``translate_project`` up to the point where MT would start (extract every
   document, sync the translation memory, plan and deduplicate, write the new catalogs) on
   synthetic archives of ``--plan-sizes`` segments (50 per article), no model: seconds,
   microseconds per segment, and the ratio of the largest to the smallest per-segment time.

    .venv/bin/python bench/bench_ray.py                       # 500 articles, 2 workers, 1 M
    .venv/bin/python bench/bench_ray.py --articles 100 --plan-sizes 100000 200000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "examples" / "partnership" / "articles" / "qatar-wv-partnership.txt"
PARTNERS = ["قطر", "الكويت", "عمان", "البحرين", "الأردن", "تونس", "المغرب", "مصر"]
PROJECT_FILE = 'source_language = "ar"\ntarget_languages = ["en"]\n'


def variation(seed: str, index: int) -> str:
    """Article ``index`` of the archive: the seed's paragraphs rotated, numbers shifted, the
    partner country changed (Arabic text; every article different)."""
    paragraphs = [p for p in seed.split("\n\n") if p.strip()]
    shift = index % len(paragraphs)
    paragraphs = paragraphs[:1] + paragraphs[1 + shift :] + paragraphs[1 : 1 + shift]
    text = "\n\n".join(paragraphs)
    text = re.sub(r"\d+", lambda m: str(int(m.group()) + index), text)
    return text.replace("قطر", PARTNERS[index % len(PARTNERS)]) + "\n"


def write_archive(root: Path, articles: int) -> Path:
    seed = SEED.read_text(encoding="utf-8")
    (root / "articles").mkdir(parents=True)
    for i in range(articles):
        (root / "articles" / f"a{i:06d}.txt").write_text(variation(seed, i), encoding="utf-8")
    (root / "l10nflow.toml").write_text(PROJECT_FILE, encoding="utf-8")
    return root


def fixture_model() -> Path:
    sys.path.insert(0, str(REPO))
    from tests.fixtures.marian.build_test_model import ensure_test_model

    cache = Path(
        os.environ.get("L10NFLOW_TEST_MODEL_CACHE", REPO / ".pytest_cache/d/l10nflow-test-models")
    )
    return ensure_test_model("ar-en", cache)


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def catalogs_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for po in sorted((root / "locales").rglob("*.po")):
        digest.update(re.sub(rb'"POT-Creation-Date: [^"]*"', b"", po.read_bytes()))
    return digest.hexdigest()[:16]


def run_mt(mode: str, articles: int, workers: int, threads: int) -> dict:
    """One MT run in this process (called in a child): its measurements."""
    from dataclasses import replace

    from l10nflow.config import TranslateSettings
    from l10nflow.mt.factory import EngineFactory
    from l10nflow.project import Project
    from l10nflow.translate import translate_project

    model = fixture_model()
    root = write_archive(Path(tempfile.mkdtemp(prefix="bench-ray-")) / "p", articles)
    settings = replace(
        TranslateSettings(), engine="transformers", device="cpu", num_beams=1, threads=threads
    )
    factory = EngineFactory(models=lambda s, t: str(model), settings=settings)
    planned: list[int] = []
    session = None
    if mode == "ray":
        from l10nflow.mt.ray_backend import RayEngineFactory, RaySettings, ray_session

        factory = RayEngineFactory(factory, RaySettings(workers=workers))
        session = ray_session(factory.ray_settings)
        session.__enter__()
    engines: list = []

    def make(source: str, target: str):
        engines.append(factory(source, target))
        return engines[-1]

    start = time.perf_counter()
    report = translate_project(
        Project.discover(root),
        engine_factory=make,
        settings=settings,
        on_plan=lambda n: planned.extend([n, time.perf_counter()]),
    )
    end = time.perf_counter()
    stats = engines[0].stats
    worker_peaks = getattr(engines[0], "worker_peaks", [])
    if session is not None:
        session.__exit__(None, None, None)
    startup = getattr(engines[0], "startup_s", 0.0)  # the Ray pool starts after planning
    mt_seconds = end - planned[1] - startup
    result = {
        "mode": mode,
        "workers": workers if mode == "ray" else 1,
        "segments": report.machine_translated,
        "unique": planned[0],
        "plan_s": planned[1] - start,  # local: the model loads in here
        "startup_s": startup,
        "mt_s": mt_seconds,
        "total_s": end - start,
        "seg_per_s": planned[0] / mt_seconds,
        "tokens_per_s": stats.output_tokens / mt_seconds,
        "driver_peak_mb": peak_rss() / 2**20,
        "worker_peak_mb": [p / 2**20 for p in worker_peaks],
        "digest": catalogs_digest(root),
    }
    shutil.rmtree(root.parent, ignore_errors=True)
    return result


def synthetic_archive(root: Path, segments: int, per_article: int = 50) -> Path:
    """``segments`` different Arabic sentences in articles of ``per_article``."""
    words = "تعزز الشراكة قدرات القوات في مجال التدريب والتبادل العسكري مع الحرس الوطني"
    words = words.split(" ")
    (root / "articles").mkdir(parents=True)
    for article in range(0, segments, per_article):
        lines = []
        for n in range(article, min(article + per_article, segments)):
            picked = [words[(n * 7 + i * 3) % len(words)] for i in range(9)]
            lines.append(f"{' '.join(picked)} رقم {n}.")
        paragraphs = [" ".join(lines[i : i + 5]) for i in range(0, len(lines), 5)]
        path = root / "articles" / f"s{article // per_article:07d}.txt"
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (root / "l10nflow.toml").write_text(PROJECT_FILE, encoding="utf-8")
    return root


def run_plan(segments: int) -> dict:
    """The driver's work before MT on ``segments`` synthetic segments, phase by phase, as
    translate_project does it: extract, plan (memory, dedupe), write the new catalogs."""
    from l10nflow.catalog_updates import write_updates
    from l10nflow.extract import prepare_updates
    from l10nflow.project import Project
    from l10nflow.translate import TranslateReport, _plan, _project_memory

    root = synthetic_archive(Path(tempfile.mkdtemp(prefix="bench-plan-")) / "p", segments)
    project = Project.discover(root)
    settings = project.config.translate
    start = time.perf_counter()
    updates = prepare_updates(project)
    extracted = time.perf_counter()
    with _project_memory(project) as memory:
        report = TranslateReport(updates=updates)
        work = _plan(updates, report, memory, False, settings.memory_threshold, True)
    planned = time.perf_counter()
    write_updates(updates)
    written = time.perf_counter()
    shutil.rmtree(root.parent, ignore_errors=True)
    return {
        "segments": segments,
        "to_translate": sum(len(items) for items in work.values()),
        "extract_s": extracted - start,
        "plan_s": planned - extracted,
        "write_s": written - planned,
        "seconds": planned - start,
        "us_per_segment": (planned - start) / segments * 1e6,
        "driver_peak_mb": peak_rss() / 2**20,
    }


def child(args: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False
    )
    if out.returncode:
        sys.exit(f"child {args} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="engine threads per process")
    parser.add_argument("--plan-sizes", type=int, nargs="*", default=[250_000, 500_000, 1_000_000])
    parser.add_argument("--skip-mt", action="store_true")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = run_plan(int(rest[0])) if kind == "plan" else run_mt(kind, *map(int, rest))
        print(json.dumps(result))
        return
    if not args.skip_mt:
        runs = [
            child(["local", str(args.articles), "1", str(args.threads)]),
            child(["ray", str(args.articles), str(args.workers), str(args.threads)]),
        ]
        print(f"MT: {args.articles} articles, fixture model ar-en, greedy, CPU")
        print(
            "| run | workers | unique segments | plan s | pool start s | MT s | segments/s | "
            "tokens/s | driver peak MB | worker peak MB |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        for r in runs:
            workers = ", ".join(f"{p:.0f}" for p in r["worker_peak_mb"]) or "(in driver)"
            cells = [
                r["mode"],
                r["workers"],
                r["unique"],
                f"{r['plan_s']:.1f}",
                f"{r['startup_s']:.1f}",
                f"{r['mt_s']:.1f}",
                f"{r['seg_per_s']:.1f}",
                f"{r['tokens_per_s']:.0f}",
                f"{r['driver_peak_mb']:.0f}",
                workers,
            ]
            print("| " + " | ".join(map(str, cells)) + " |")
        same = runs[0]["digest"] == runs[1]["digest"]
        print(f"same PO files (POT-Creation-Date aside): {same}")
    if args.plan_sizes:
        print("\nDriver before MT (no model): extract, plan (memory, dedupe), write new catalogs")
        print(
            "| segments | extract s | plan s | extract+plan s | µs/segment | "
            "write new catalogs s | driver peak MB |"
        )
        print("|---|---|---|---|---|---|---|")
        rows = [child(["plan", str(n)]) for n in args.plan_sizes]
        for r in rows:
            cells = [
                f"{r['segments']:,}",
                f"{r['extract_s']:.1f}",
                f"{r['plan_s']:.1f}",
                f"{r['seconds']:.1f}",
                f"{r['us_per_segment']:.1f}",
                f"{r['write_s']:.1f}",
                f"{r['driver_peak_mb']:.0f}",
            ]
            print("| " + " | ".join(cells) + " |")
        per = [r["us_per_segment"] for r in rows]
        print(f"largest/smallest extract+plan time per segment: {max(per) / min(per):.2f}")


if __name__ == "__main__":
    main()
