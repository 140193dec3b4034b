"""``models pull`` against a local hub emulator serving the tiny Marian model in every real shape.

The CLI runs in a subprocess with ``HF_ENDPOINT`` pointing at the emulator (127.0.0.1), as a
user's mirror would be configured; huggingface_hub itself makes the requests.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import write_project
from tests.hub_emulator import HubEmulator

pytestmark = pytest.mark.mt

PR_TITLE = "Adding `safetensors` variant of this model"
AR_EN = "Helsinki-NLP/opus-mt-ar-en"
GENERATION_IN_OLD_CONFIGS = {"bad_words_ids", "max_length", "num_beams"}


def _pickled_weights(folder: Path) -> bytes:
    """``pytorch_model.bin`` as older repositories hold it: torch.save of the state dict
    (tied embeddings share one storage)."""
    import torch
    from transformers import MarianMTModel

    model = MarianMTModel.from_pretrained(str(folder), use_safetensors=True)
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getvalue()


def _padded_weights(folder: Path) -> bytes:
    """The model's safetensors plus a 24 MiB tensor: a file that downloads in several chunks."""
    import torch
    from safetensors.torch import load_file, save

    tensors = load_file(str(folder / "model.safetensors"))
    tensors["padding"] = torch.arange(6 * 1024 * 1024, dtype=torch.float32)
    return save(tensors, metadata={"format": "pt"})


@pytest.fixture(scope="module")
def model_files(marian_ar_en: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in marian_ar_en.iterdir() if p.is_file()}


@pytest.fixture(scope="module")
def hub(marian_ar_en: Path, model_files: dict[str, bytes]):
    """The emulator with one repository per shape (a)-(f)."""
    files = model_files
    pickled = {k: v for k, v in files.items() if k != "model.safetensors"}
    pickled["pytorch_model.bin"] = _pickled_weights(marian_ar_en)
    emulator = HubEmulator()
    # (a) safetensors and generation config on main
    emulator.add_repo(AR_EN, files)
    # (b) pickles on main; the bot's conversion is the oldest pull request (second page), newer
    # ones include a human's with the same title and a README change
    emulator.add_repo("shapes/pr-conversion", pickled)
    emulator.add_pull_request(
        "shapes/pr-conversion",
        PR_TITLE,
        "SFconvertbot",
        {"model.safetensors": files["model.safetensors"]},
    )
    emulator.add_discussion("shapes/pr-conversion", "Which Arabic variants?", "a-user")
    emulator.add_pull_request(
        "shapes/pr-conversion", PR_TITLE, "mallory", {"model.safetensors": b"not the weights"}
    )
    emulator.add_pull_request(
        "shapes/pr-conversion", "Update README.md", "a-user", {"README.md": b"#"}
    )
    # (c) pickles only, no conversion
    emulator.add_repo("shapes/pickle-only", pickled)
    # (d) no generation_config.json: generation settings in config.json, as in 2020's repos
    generation = json.loads(files["generation_config.json"])
    config = json.loads(files["config.json"])
    config.update({k: generation[k] for k in GENERATION_IN_OLD_CONFIGS})
    old = {k: v for k, v in files.items() if k != "generation_config.json"}
    old["config.json"] = json.dumps(config, indent=2).encode()
    emulator.add_repo("shapes/no-generation-config", old)
    # (f) served bytes that differ from what the hub records
    weights = bytearray(files["model.safetensors"])
    weights[len(weights) // 2] ^= 0xFF
    tampered = {**files, "model.safetensors": bytes(weights)}
    original_sha = _sha256(files["model.safetensors"])
    emulator.add_repo(
        "shapes/tampered", tampered, recorded={"model.safetensors": {"sha256": original_sha}}
    )
    emulator.add_repo(
        "shapes/wrong-size", files, recorded={"vocab.json": {"size": len(files["vocab.json"]) + 7}}
    )
    # (e) weights larger than huggingface_hub's 10 MiB write chunk, so a cut leaves a part
    emulator.add_repo("shapes/large", {**files, "model.safetensors": _padded_weights(marian_ar_en)})
    emulator.start()
    yield emulator
    emulator.stop()


@pytest.fixture(autouse=True)
def _fresh_log(hub: HubEmulator):
    hub.requests.clear()
    hub.cuts.clear()
    hub.stall.clear()
    hub.stalled.clear()
    hub.release.clear()


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def hub_env(hub: HubEmulator, tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a user whose HF_ENDPOINT is the emulator (no proxy, own HF_HOME)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HF_", "HUGGING")) and "proxy" not in k.lower()
    }
    env.update(
        HF_ENDPOINT=hub.url,
        HF_HOME=str(tmp_path / "hf-home"),
        HF_HUB_DISABLE_TELEMETRY="1",
        NO_PROXY="127.0.0.1",
        L10NFLOW_MODELS=str(tmp_path / "l10nflow-models"),
    )
    env.update(extra)
    return env


def l10nflow(
    args: list[str], env: dict[str, str], cwd: Path, **kwargs
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "l10nflow", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def pull(hub: HubEmulator, tmp_path: Path, repo: str, name: str = "pulled", **env: str):
    destination = tmp_path / name
    result = l10nflow(
        ["models", "pull", repo, "--to", str(destination)], hub_env(hub, tmp_path, **env), tmp_path
    )
    return result, destination


def provenance(folder: Path) -> dict:
    return json.loads((folder / "l10nflow-model.json").read_text(encoding="utf-8"))


def same_tensors(a: Path, b: Path) -> bool:
    import torch
    from safetensors.torch import load_file

    left, right = load_file(str(a)), load_file(str(b))
    return all(torch.equal(tensor, right[name]) for name, tensor in left.items())


def one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


# ---------------------------------------------------------------------------- shapes (a)-(d)


def test_a_safetensors_on_main(hub, tmp_path, model_files):
    result, folder = pull(hub, tmp_path, AR_EN)
    assert result.returncode == 0, result.stderr
    for name, data in model_files.items():
        assert (folder / name).read_bytes() == data, name
    record = provenance(folder)
    main = hub.repos[AR_EN].refs["main"]
    assert record["revision"] == main and record["weights_revision"] == main
    assert record["files"]["model.safetensors"]["sha256"] == _sha256(
        model_files["model.safetensors"]
    )
    assert "generation_config" not in record and "weights" not in record
    assert not (tmp_path / "pulled.partial").exists()
    assert f"downloaded {AR_EN}@{main[:12]}" in result.stderr
    # every file is fetched at the commit listed, not at a branch that may move meanwhile
    for name in model_files:
        assert [r.path for r in hub.downloads(name)] == [f"/{AR_EN}/resolve/{main}/{name}"]


def test_b_weights_from_the_bots_conversion_pull_request(hub, tmp_path, model_files):
    result, folder = pull(hub, tmp_path, "shapes/pr-conversion")
    assert result.returncode == 0, result.stderr
    record = provenance(folder)
    assert record["weights_revision"] == "refs/pr/1"  # the bot's, not mallory's (refs/pr/3)
    assert record["weights_commit"] == hub.repos["shapes/pr-conversion"].refs["refs/pr/1"]
    assert (folder / "model.safetensors").read_bytes() == model_files["model.safetensors"]
    assert not (folder / "pytorch_model.bin").exists()
    assert not hub.downloads("pytorch_model.bin")  # the pickle is never fetched
    assert [r.path for r in hub.requests].count("/api/models/shapes/pr-conversion/discussions") == 2
    assert "safetensors conversion refs/pr/1" in result.stderr


@pytest.mark.slow
def test_c_pickles_only_are_converted_with_the_weights_only_loader(hub, tmp_path, marian_ar_en):
    result, folder = pull(hub, tmp_path, "shapes/pickle-only")
    assert result.returncode == 0, result.stderr
    assert not (folder / "pytorch_model.bin").exists()
    assert same_tensors(marian_ar_en / "model.safetensors", folder / "model.safetensors")
    weights = provenance(folder)["weights"]
    assert weights["converted_from"] == "pytorch_model.bin"
    assert weights["loader"] == "torch.load(weights_only=True)"
    assert weights["pickle_sha256"] == _sha256(
        hub.repos["shapes/pickle-only"]
        .commits[hub.repos["shapes/pickle-only"].refs["main"]]
        .files["pytorch_model.bin"]
    )
    assert "converted to safetensors here" in result.stderr


@pytest.mark.slow
def test_c_a_pickle_with_code_is_refused(hub, tmp_path, model_files):
    """A pickle that would run code on load: the weights-only loader refuses it, one line."""
    evil = {k: v for k, v in model_files.items() if k != "model.safetensors"}
    evil["pytorch_model.bin"] = (
        b"cos\nsystem\n(S'echo pwned > " + str(tmp_path / "pwned").encode() + b"'\ntR."
    )
    hub.add_repo("shapes/evil-pickle", evil)
    result, folder = pull(hub, tmp_path, "shapes/evil-pickle")
    assert result.returncode == 2
    line = one_error_line(result.stderr)
    assert "weights-only loader" in line
    assert not (tmp_path / "pwned").exists()
    assert not folder.exists()


def test_d_generation_defaults_derived_from_config(hub, tmp_path, model_files):
    result, folder = pull(hub, tmp_path, "shapes/no-generation-config")
    assert result.returncode == 0, result.stderr
    derived = json.loads((folder / "generation_config.json").read_text(encoding="utf-8"))
    shipped = json.loads(model_files["generation_config.json"])
    for key in (
        "bad_words_ids",
        "bos_token_id",
        "decoder_start_token_id",
        "eos_token_id",
        "forced_eos_token_id",
        "max_length",
        "num_beams",
        "pad_token_id",
    ):
        assert derived[key] == shipped[key], key
    assert provenance(folder)["generation_config"].startswith("derived from config.json")
    assert "generation defaults derived" in result.stderr


def test_d_token_ids_match_transformers_own_derivation(hub, tmp_path):
    """The oracle: transformers' GenerationConfig.from_model_config on the same config.json.

    transformers 5 no longer carries beam width and banned words over from config.json; the
    derived file keeps them, since the repository's authors set them (old repositories state
    num_beams and the ban on <pad> only there)."""
    from transformers import GenerationConfig, MarianConfig

    result, folder = pull(hub, tmp_path, "shapes/no-generation-config")
    assert result.returncode == 0, result.stderr
    derived = json.loads((folder / "generation_config.json").read_text(encoding="utf-8"))
    reference = GenerationConfig.from_model_config(MarianConfig.from_pretrained(str(folder)))
    for key, value in reference.to_diff_dict().items():
        if key in derived:
            assert derived[key] == value, key
    assert {"decoder_start_token_id", "pad_token_id", "eos_token_id"} <= derived.keys()


# ---------------------------------------------------------------------------- (e) resuming


CHUNK = 10 * 1024 * 1024  # huggingface_hub writes what it received in chunks of this size


def large_weights(hub: HubEmulator) -> bytes:
    repo = hub.repos["shapes/large"]
    return repo.commits[repo.refs["main"]].files["model.safetensors"]


@pytest.mark.slow
def test_e_a_cut_connection_is_resumed_in_the_same_run(hub, tmp_path):
    hub.cuts["model.safetensors"] = [15_000_000]
    result, folder = pull(hub, tmp_path, "shapes/large")
    assert result.returncode == 0, result.stderr
    assert (folder / "model.safetensors").read_bytes() == large_weights(hub)
    ranges = [r.range for r in hub.downloads("model.safetensors")]
    assert ranges == [None, f"bytes={CHUNK}-"]


@pytest.mark.slow
def test_e_an_interrupted_pull_resumes_where_it_stopped(hub, tmp_path):
    hub.stall["model.safetensors"] = 15_000_000
    destination = tmp_path / "pulled"
    partial = tmp_path / "pulled.partial" / "model.safetensors.incomplete"
    command = ["models", "pull", "shapes/large", "--to", str(destination)]
    process = subprocess.Popen(
        [sys.executable, "-m", "l10nflow", *command],
        env=hub_env(hub, tmp_path),
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert hub.stalled.wait(60)
    deadline = time.monotonic() + 30
    while not (partial.is_file() and partial.stat().st_size >= CHUNK):
        assert time.monotonic() < deadline, "the first chunk never reached the disk"
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)  # Ctrl-C mid-download
    _, stderr = process.communicate(timeout=60)
    hub.release.set()
    assert process.returncode == 130, stderr
    assert one_error_line(stderr) == "l10nflow: interrupted"
    assert partial.stat().st_size == CHUNK
    assert not destination.exists()

    result, folder = pull(hub, tmp_path, "shapes/large")
    assert result.returncode == 0, result.stderr
    assert (folder / "model.safetensors").read_bytes() == large_weights(hub)
    assert hub.downloads("model.safetensors")[-1].range == f"bytes={CHUNK}-"
    assert not (tmp_path / "pulled.partial").exists()


# ---------------------------------------------------------------------------- (f) refusing


def test_f_a_hash_mismatch_is_refused(hub, tmp_path):
    result, folder = pull(hub, tmp_path, "shapes/tampered")
    assert result.returncode == 2
    line = one_error_line(result.stderr)
    assert line.startswith("l10nflow: error: refused shapes/tampered@")
    assert "model.safetensors: sha256" in line and "but the hub records" in line
    assert not folder.exists()
    assert not list((tmp_path / "pulled.partial").glob("model.safetensors*"))


def test_f_a_size_mismatch_is_refused(hub, tmp_path, model_files):
    result, folder = pull(hub, tmp_path, "shapes/wrong-size")
    assert result.returncode == 2
    line = one_error_line(result.stderr)
    size = len(model_files["vocab.json"])
    assert f"vocab.json: {size} bytes, but the hub records {size + 7}" in line
    assert not folder.exists()


# ---------------------------------------------------------------------------- environment


def test_offline_is_one_line_and_no_request(hub, tmp_path):
    result, folder = pull(hub, tmp_path, AR_EN, HF_HUB_OFFLINE="1")
    assert result.returncode == 2
    assert "HF_HUB_OFFLINE is set" in one_error_line(result.stderr)
    assert not hub.requests and not folder.exists()


def test_the_token_under_hf_home_is_sent(hub, tmp_path):
    """A user logged in with `hf auth login` (token in HF_HOME) can pull gated repositories."""
    (tmp_path / "hf-home").mkdir()
    (tmp_path / "hf-home" / "token").write_text("hf_emulated_token\n", encoding="utf-8")
    result, _ = pull(hub, tmp_path, AR_EN)
    assert result.returncode == 0, result.stderr
    assert hub.requests
    assert {r.authorization for r in hub.requests} == {"Bearer hf_emulated_token"}


def test_an_unknown_repository_is_one_line(hub, tmp_path):
    result, _ = pull(hub, tmp_path, "nobody/nothing")
    assert result.returncode == 2
    line = one_error_line(result.stderr)
    assert "model nobody/nothing" in line and "--model DIR" in line


def test_a_folder_that_is_not_a_pull_is_never_replaced(hub, tmp_path):
    (tmp_path / "pulled").mkdir()
    (tmp_path / "pulled" / "thesis.txt").write_text("years of work", encoding="utf-8")
    result, folder = pull(hub, tmp_path, AR_EN)
    assert result.returncode == 2
    assert "not empty and holds no pulled model" in one_error_line(result.stderr)
    assert (folder / "thesis.txt").read_text(encoding="utf-8") == "years of work"


@pytest.mark.slow
def test_pulling_again_downloads_only_what_changed(hub, tmp_path, model_files):
    first, folder = pull(hub, tmp_path, AR_EN)
    assert first.returncode == 0, first.stderr
    hub.requests.clear()
    again, _ = pull(hub, tmp_path, AR_EN)
    assert again.returncode == 0, again.stderr
    assert "up to date:" in again.stderr
    assert not [r for r in hub.requests if "/resolve/" in r.path]
    (folder / "vocab.json").write_bytes(b"{}")  # damaged since: fetched again, all checked
    third, _ = pull(hub, tmp_path, AR_EN)
    assert third.returncode == 0, third.stderr
    assert "downloaded" in third.stderr
    assert (folder / "vocab.json").read_bytes() == model_files["vocab.json"]


def test_a_complete_snapshot_in_the_hf_cache_serves_offline(tmp_path, marian_ar_en):
    """A model another huggingface_hub program cached under HF_HOME is used, offline."""
    commit = "0123456789abcdef0123456789abcdef01234567"
    repo = tmp_path / "hf-home" / "hub" / "models--Helsinki-NLP--opus-mt-ar-en"
    shutil.copytree(marian_ar_en, repo / "snapshots" / commit)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit, encoding="ascii")
    code = (
        "from l10nflow.mt.models import resolve_model\n"
        f"print(resolve_model({AR_EN!r}, 'ar-en').revision)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("HF_")}
    env.update(
        HF_HOME=str(tmp_path / "hf-home"),
        HF_HUB_OFFLINE="1",
        L10NFLOW_MODELS=str(tmp_path / "empty"),
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == commit
    listed = l10nflow(["models", "list"], env, tmp_path)
    assert listed.returncode == 0, listed.stderr
    row = next(line for line in listed.stdout.splitlines() if line.startswith("ar-en"))
    assert "available in the HF cache" in row and commit[:12] in row


def test_progress_bar_on_a_terminal_for_large_files(hub, tmp_path):
    """On a terminal the weights (over 512 KiB) get a bar; the small files do not."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    destination = tmp_path / "pulled"
    process = subprocess.Popen(
        [sys.executable, "-m", "l10nflow", "models", "pull", AR_EN, "--to", str(destination)],
        env=hub_env(hub, tmp_path),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=follower,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(timeout=60) == 0
    os.close(leader)
    text = shown.decode("utf-8", "replace")
    assert "model.safetensors:" in text and "838k" in text  # the bar, with the file's size
    assert "vocab.json:" not in text and "config.json:" not in text


# ---------------------------------------------------------------------------- convert, verify


@pytest.mark.slow
@pytest.mark.parametrize(
    "repo", [AR_EN, "shapes/pr-conversion", "shapes/pickle-only", "shapes/no-generation-config"]
)
def test_models_convert_runs_on_each_pulled_shape(hub, tmp_path, repo):
    pytest.importorskip("ctranslate2")
    result, folder = pull(hub, tmp_path, repo)
    assert result.returncode == 0, result.stderr
    env = hub_env(hub, tmp_path, HF_HUB_OFFLINE="1")
    converted = l10nflow(
        ["models", "convert", str(folder), "--to", str(tmp_path / "ct2")], env, tmp_path
    )
    assert converted.returncode == 0, converted.stderr
    verified = l10nflow(
        ["models", "verify", str(tmp_path / "ct2"), "--pair", "ar-en"], env, tmp_path
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert provenance(tmp_path / "ct2")["model_id"] == repo


def _truncated_copy(marian_ar_en: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "truncated"
    shutil.copytree(marian_ar_en, folder)
    weights = folder / "model.safetensors"
    data = weights.read_bytes()
    weights.write_bytes(data[: len(data) // 2])
    return folder


def test_verify_calls_a_truncated_safetensors_unusable(marian_ar_en, tmp_path, cli):
    folder = _truncated_copy(marian_ar_en, tmp_path)
    result = cli(["models", "verify", str(folder), "--pair", "ar-en"])
    assert result.exit_code == 1
    assert "model.safetensors is unusable: truncated: its tensors need" in result.stdout


def test_translate_with_a_truncated_model_is_one_line(marian_ar_en, tmp_path, cli):
    folder = _truncated_copy(marian_ar_en, tmp_path)
    files = {"articles/a.txt": "مرحبا بكم.\n"}
    project = write_project(tmp_path / "project", files, source="ar", targets=["en"])
    result = cli(["translate", "--model", str(folder)], cwd=project)
    assert result.exit_code == 2
    line = one_error_line(result.stderr)
    assert "model.safetensors is unusable: truncated" in line and "pull it again" in line


def test_the_engine_itself_refuses_a_truncated_model(marian_ar_en, tmp_path):
    """Whatever path reaches the engine (the CTranslate2 engine's fallback builds it directly)."""
    from l10nflow.errors import ModelError
    from l10nflow.mt import ModelLocation, create_engine

    folder = _truncated_copy(marian_ar_en, tmp_path)
    with pytest.raises(ModelError, match=r"model\.safetensors is unusable: truncated"):
        create_engine(ModelLocation(folder, "m", "local"), "ar", "en")


def test_an_unwritable_destination_is_one_line(hub, tmp_path):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    result, _ = pull(hub, tmp_path, AR_EN, name="a-file/model")
    assert result.returncode == 2
    line = one_error_line(result.stderr)
    assert line.startswith(f"l10nflow: error: cannot write {AR_EN} into ")
