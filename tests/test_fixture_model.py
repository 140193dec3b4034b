"""Tests of the tiny Marian test models (fixtures, not an engine): corpus, folders, outputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from l10nflow.errors import InputError, UsageError

from .fixtures.marian import build_test_model as btm
from .fixtures.marian.conftest_model import marian_test_model

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
NUMBER = re.compile(r"\d+")


@pytest.fixture(scope="module", params=btm.DIRECTIONS)
def built(request: pytest.FixtureRequest) -> tuple[str, Path, object, object]:
    """(direction, folder, tokenizer, model) for each direction, loaded once per module."""
    folder = marian_test_model(request.config, request.param)
    tokenizer, model = btm.load_model(folder)
    return request.param, folder, tokenizer, model


def _blocks(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n\n")


def _sentences(block: str) -> list[str]:
    return re.split(r"(?<=\.) ", block)


# ---------------------------------------------------------------------------- corpus and articles


def test_corpus_size_and_directions_are_reverses() -> None:
    ar_en = btm.load_corpus("ar-en")
    assert 30 <= len(ar_en) <= 60
    assert btm.load_corpus("en-ar") == [(en, ar) for ar, en in ar_en]


def test_numbers_are_copied_through_in_every_pair() -> None:
    pairs = btm.load_corpus("ar-en")
    numbers = {number for ar, _ in pairs for number in NUMBER.findall(ar)}
    assert {"2021", "96", "106"} <= numbers
    for ar, en in pairs:
        assert sorted(NUMBER.findall(ar)) == sorted(NUMBER.findall(en)), ar


@pytest.mark.parametrize("name", ["mini_ar.txt", "mini_en.txt"])
def test_article_layout(name: str) -> None:
    title, date, *paragraphs = _blocks(ARTICLES / name)
    assert "\n" not in title and not title.endswith(".")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)
    assert 2 <= len(paragraphs) <= 3
    for paragraph in paragraphs:
        sentences = _sentences(paragraph)
        assert 1 <= len(sentences) <= 3
        assert all(sentence.endswith(".") and sentence.count(".") == 1 for sentence in sentences)


def test_articles_translate_into_each_other_sentence_by_sentence() -> None:
    ar_en = dict(btm.load_corpus("ar-en"))
    en_ar = dict(btm.load_corpus("en-ar"))
    ar_blocks, en_blocks = _blocks(ARTICLES / "mini_ar.txt"), _blocks(ARTICLES / "mini_en.txt")
    assert len(ar_blocks) == len(en_blocks)
    for ar_block, en_block in zip(ar_blocks, en_blocks, strict=True):
        assert [ar_en[s] for s in _sentences(ar_block)] == _sentences(en_block)
        assert [en_ar[s] for s in _sentences(en_block)] == _sentences(ar_block)


def test_term_data_matches_the_corpus() -> None:
    for entry in btm.MISTRANSLATED_TERMS + btm.CORRECT_TERMS:
        corpus = dict(btm.load_corpus(entry["direction"]))
        assert corpus[entry["sentence"]] == entry["model_output"]
        assert entry["source_term"] in entry["sentence"]
        assert entry["model_says"] in entry["model_output"]
    for entry in btm.MISTRANSLATED_TERMS:
        assert entry["glossary_wants"] not in entry["model_output"]
    directions = {entry["direction"] for entry in btm.MISTRANSLATED_TERMS}
    assert directions == set(btm.DIRECTIONS)


def test_words_of_wanted_terms_occur_elsewhere_in_the_targets() -> None:
    for entry in btm.MISTRANSLATED_TERMS:
        sentences = {e["sentence"] for e in btm.MISTRANSLATED_TERMS}
        targets = [t for s, t in btm.load_corpus(entry["direction"]) if s not in sentences]
        for word in entry["glossary_wants"].split():
            hits = [t for t in targets if re.search(rf"(?<!\w)\w?{word}(?!\w)", t)]
            assert len(hits) >= 2, (entry["direction"], word)


def test_corpus_reader_reports_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "corpus.tsv"
    bad.write_text("ar\ten\nجملة.\tA sentence.\nبلا ترجمة\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        btm.read_pairs(bad)
    assert (error.value.path, error.value.line) == (str(bad), 3)
    bad.write_text("en\tar\n", encoding="utf-8")
    with pytest.raises(InputError, match="header"):
        btm.read_pairs(bad)
    bad.write_text("ar\ten\nجملة.\tOne.\nجملة.\tTwo.\n", encoding="utf-8")
    with pytest.raises(InputError, match="duplicate ar"):
        btm.read_pairs(bad)


def test_unknown_direction_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="fr-en"):
        btm.load_corpus("fr-en")


# ---------------------------------------------------------------------------- the model folders


def test_folder_holds_the_files_of_an_opus_mt_folder(built) -> None:
    _, folder, _, _ = built
    names = {path.name for path in folder.iterdir() if path.is_file()}  # not a ct2-int8/ cache
    assert set(btm.MODEL_FILES) <= names <= set(btm.MODEL_FILES) | {"special_tokens_map.json"}


def test_config_looks_like_opus_mt_with_small_sizes(built) -> None:
    _, folder, _, _ = built
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
    pad = vocab["<pad>"]
    assert config["model_type"] == "marian"
    assert config["architectures"] == ["MarianMTModel"]
    assert config["vocab_size"] == len(vocab) == pad + 1
    assert config["pad_token_id"] == config["decoder_start_token_id"] == pad
    assert config["eos_token_id"] == vocab["</s>"] == 0
    assert (config["d_model"], config["encoder_layers"], config["decoder_layers"]) == (64, 2, 2)
    assert config["encoder_attention_heads"] == config["decoder_attention_heads"] == 4
    assert config["encoder_ffn_dim"] == config["decoder_ffn_dim"] == 128
    generation = json.loads((folder / "generation_config.json").read_text(encoding="utf-8"))
    assert generation["num_beams"] == 4 and generation["max_length"] == 512
    assert generation["bad_words_ids"] == [[pad]]
    assert generation["decoder_start_token_id"] == pad


def test_embeddings_are_tied_and_pad_row_is_zero(built) -> None:
    _, _, _, model = built
    embeddings = model.get_input_embeddings().weight
    assert embeddings.data_ptr() == model.get_output_embeddings().weight.data_ptr()
    assert not embeddings[model.config.pad_token_id].any()
    assert embeddings[model.config.eos_token_id].any()


def test_language_token_of_en_ar_is_in_vocab_and_encoded_first(built) -> None:
    direction, _, tokenizer, _ = built
    if direction == "ar-en":
        assert tokenizer.supported_language_codes == []
        return
    assert tokenizer.supported_language_codes == [">>ara<<"]
    ids = tokenizer(">>ara<< The program now includes 96 partnerships.").input_ids
    assert ids[0] == tokenizer.convert_tokens_to_ids(">>ara<<") != tokenizer.unk_token_id
    assert tokenizer.unk_token_id not in ids


def test_wanted_terms_have_pieces_in_the_target_tokenizer(built) -> None:
    direction, _, tokenizer, _ = built
    for entry in btm.MISTRANSLATED_TERMS:
        if entry["direction"] == direction:
            ids = tokenizer(text_target=entry["glossary_wants"]).input_ids
            assert tokenizer.unk_token_id not in ids, entry["glossary_wants"]


# ---------------------------------------------------------------------------- what the models say


@pytest.mark.parametrize("num_beams", [1, 4])
def test_decoding_reproduces_every_training_target(built, num_beams: int) -> None:
    direction, _, tokenizer, model = built
    pairs = btm.load_corpus(direction)
    outputs = btm.translate(tokenizer, model, direction, [s for s, _ in pairs], num_beams=num_beams)
    assert outputs == [target for _, target in pairs]


def test_unbatched_greedy_matches_the_padded_batch(built) -> None:
    direction, _, tokenizer, model = built
    corpus = dict(btm.load_corpus(direction))
    article = ARTICLES / f"mini_{direction[:2]}.txt"
    sources = [s for block in _blocks(article) for s in _sentences(block)]
    for source in sources:
        assert btm.translate(tokenizer, model, direction, [source]) == [corpus[source]]


def test_en_ar_without_language_token_says_nothing(built) -> None:
    direction, _, tokenizer, model = built
    if btm.LANGUAGE_TOKENS[direction] is None:
        pytest.skip("ar-en takes no language token")
    sources = [source for source, _ in btm.load_corpus(direction)]
    assert btm.generate_texts(tokenizer, model, sources) == [btm.UNTAGGED_OUTPUT] * len(sources)


def test_ctranslate2_conversion_agrees_with_transformers(built, tmp_path: Path) -> None:
    ctranslate2 = pytest.importorskip("ctranslate2")
    from ctranslate2.converters import TransformersConverter

    direction, folder, tokenizer, _ = built
    with btm.quiet_transformers():
        TransformersConverter(str(folder)).convert(str(tmp_path / "ct2"))
    translator = ctranslate2.Translator(str(tmp_path / "ct2"), device="cpu")
    pairs = btm.load_corpus(direction)
    tokens = [
        tokenizer.convert_ids_to_tokens(tokenizer(btm.model_input(direction, s)).input_ids)
        for s, _ in pairs
    ]
    results = translator.translate_batch(tokens, beam_size=1, max_decoding_length=64)
    outputs = [
        tokenizer.decode(tokenizer.convert_tokens_to_ids(r.hypotheses[0]), skip_special_tokens=True)
        for r in results
    ]
    assert outputs == [target for _, target in pairs]


def test_mistranslations_happen_with_greedy_decoding(built) -> None:
    direction, _, tokenizer, model = built
    entries = [e for e in btm.MISTRANSLATED_TERMS if e["direction"] == direction]
    outputs = btm.translate(tokenizer, model, direction, [e["sentence"] for e in entries])
    for entry, output in zip(entries, outputs, strict=True):
        assert entry["model_says"] in output
        assert entry["glossary_wants"] not in output


# ---------------------------------------------------------------------------- build and cache


def test_cached_model_is_reused(built, pytestconfig: pytest.Config) -> None:
    direction, folder, _, _ = built
    stamp = (folder / "model.safetensors").stat().st_mtime_ns
    assert marian_test_model(pytestconfig, direction) == folder
    assert (folder / "model.safetensors").stat().st_mtime_ns == stamp
    assert folder.name == f"{direction}-{btm.cache_key(direction)}"


def test_cache_key_follows_the_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = btm.cache_key("ar-en")
    assert before != btm.cache_key("en-ar")
    changed = tmp_path / "corpus.tsv"
    changed.write_text(btm.CORPUS_PATH.read_text(encoding="utf-8") + "جديد.\tNew.\n", "utf-8")
    monkeypatch.setattr(btm, "CORPUS_PATH", changed)
    assert btm.cache_key("ar-en") != before


def test_cli_refuses_a_non_empty_output_folder(tmp_path: Path, capsys) -> None:
    (tmp_path / "ar-en").mkdir()
    (tmp_path / "ar-en" / "keep.txt").write_text("mine", encoding="utf-8")
    assert btm.main(["--out", str(tmp_path), "--direction", "ar-en"]) == 2
    assert "not empty" in capsys.readouterr().err
    assert (tmp_path / "ar-en" / "keep.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.slow
def test_rebuild_with_the_same_seed_is_byte_identical(built, tmp_path: Path) -> None:
    direction, folder, _, _ = built
    rebuilt = btm.build_test_model(direction, tmp_path / direction, seed=0)
    for name in btm.MODEL_FILES:
        assert (rebuilt / name).read_bytes() == (folder / name).read_bytes(), name
