"""The CTranslate2 engine's CPU sub-batches: a token budget and a cap on hypotheses, which bound
the decoder's buffers (peak RSS), posted together so that the workers decode side by side."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from l10nflow.mt import create_engine, resolve_model
from l10nflow.mt.base import TranslateOptions
from l10nflow.mt.ct2 import sub_batches
from l10nflow.mt.models import convert_model
from tests.fixtures.marian.build_test_model import load_corpus

ctranslate2 = pytest.importorskip("ctranslate2")


@given(
    st.lists(st.integers(1, 80), min_size=1, max_size=60),
    st.integers(1, 300),
    st.none() | st.integers(1, 12),
)
def test_sub_batches_hold_every_segment_once_within_the_budgets(lengths, budget, rows) -> None:
    groups = sub_batches(lengths, budget, rows)
    assert sorted(i for group in groups for i in group) == list(range(len(lengths)))
    for group in groups:
        longest = max(lengths[i] for i in group)
        assert lengths[group[0]] == longest  # the longest first: padded size is len × first
        assert len(group) == 1 or len(group) * longest <= budget
        assert rows is None or len(group) <= rows
    firsts = [lengths[group[0]] for group in groups]
    assert firsts == sorted(firsts, reverse=True)  # longest segments first


def test_a_segment_over_the_budget_is_decoded_alone() -> None:
    assert sub_batches([5, 40, 5, 5], budget=20, rows=None) == [[1], [0, 2, 3]]
    assert sub_batches([5, 5, 5, 5, 5], budget=100, rows=2) == [[0, 1], [2, 3], [4]]


@pytest.fixture(scope="module")
def ct2_int8_ar_en(marian_ar_en, tmp_path_factory):
    return convert_model(marian_ar_en, tmp_path_factory.mktemp("ct2") / "ar-en-int8", "int8")


class _Recorder:
    """The engine's CTranslate2 translator, recording the size of every call it gets."""

    def __init__(self, translator):
        self.translator, self.sizes = translator, []

    def translate_batch(self, source, *args, **kwargs):
        self.sizes.append(len(source))
        return self.translator.translate_batch(source, *args, **kwargs)


@pytest.mark.parametrize("beams", [1, 4])
def test_the_row_cap_splits_short_segments_and_keeps_every_output(
    ct2_int8_ar_en, monkeypatch, beams
) -> None:
    texts = [source.split()[0] for source, _ in load_corpus("ar-en")[:24]]  # one word each
    options = TranslateOptions(num_beams=beams)
    location = resolve_model(str(ct2_int8_ar_en), "ar-en")
    engine = create_engine(location, "ar", "en", engine="ctranslate2", device="cpu", threads=2)
    whole = [h[0].text for h in engine.translate_batch(texts, options)]
    monkeypatch.setattr("l10nflow.mt.ct2.CPU_BATCH_ROWS", 8)
    engine.translator = recorder = _Recorder(engine.translator)
    capped = [h[0].text for h in engine.translate_batch(texts, options)]
    assert capped == whole
    assert sum(recorder.sizes) == len(texts)
    assert max(recorder.sizes) == max(1, 8 // beams) and len(recorder.sizes) >= 3
