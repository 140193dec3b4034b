"""Smoke test of ``bench/bench_mt.py``: the quick benchmark runs end to end (no timing asserted)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_mt.py"


@pytest.mark.slow
def test_quick_benchmark_prints_ratios_and_passes_the_zero_calls_check(tmp_path: Path) -> None:
    model = tmp_path / "model"
    command = [sys.executable, str(BENCH), "--quick", "--segments", "4", "--model-dir", str(model)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    labels = [
        "naive loop, greedy",
        "transformers fp32, greedy",
        "transformers fp32, beam 4",
        "transformers int8, greedy",
        "transformers int8, beam 4",
    ]
    if importlib.util.find_spec("ctranslate2"):
        labels += ["ctranslate2 int8, greedy", "ctranslate2 int8, beam 4"]
    for label in labels:
        assert re.search(rf"^{label} .* \d+\.\d\d× ", out, re.MULTILINE), out
    assert re.search(r"^greedy ratio \d+\.\d\d×", out, re.MULTILINE), out
    assert re.search(r"second run 0 model call\(s\), 0 entries translated", out), out
    assert (model / "model.safetensors").is_file() and (model / "bench-model.json").is_file()
