"""The Ray settings of ``[translate]`` and the one-line error without Ray (fast: no Ray started)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from l10nflow.config import load_config
from l10nflow.errors import ConfigError, UsageError
from l10nflow.mt.ray_backend import RaySettings, require_ray


def config(tmp_path: Path, translate: str):
    path = tmp_path / "l10nflow.toml"
    path.write_text(
        f'source_language = "ar"\ntarget_languages = ["en"]\n\n[translate]\n{translate}\n',
        encoding="utf-8",
    )
    return load_config(path)


def test_ray_keys_are_read_and_flags_override_the_address(tmp_path) -> None:
    settings = config(
        tmp_path,
        'backend = "ray"\nray_address = "ray://head:10001"\nray_workers = 8\n'
        "ray_cpus_per_worker = 2\nray_gpus_per_worker = 0",
    ).translate
    assert (settings.backend, settings.ray_workers, settings.ray_cpus_per_worker) == ("ray", 8, 2)
    ray = RaySettings.from_translate(settings)
    assert ray == RaySettings("ray://head:10001", 8, 2, 0)
    assert RaySettings.from_translate(settings, address="").address == ""  # --ray: local
    assert config(tmp_path, "").translate.backend == "local"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('backend = "dask"', "backend"),
        ("ray_workers = 0", "at least 1"),
        ('ray_workers = "4"', "must be int"),
        ("ray_gpus_per_worker = -1", "at least 0"),
    ],
)
def test_bad_ray_settings_name_the_file_and_line(tmp_path, line, message) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        config(tmp_path, line)
    assert "l10nflow.toml" in str(caught.value) and ".toml:5:" in str(caught.value)


def test_without_ray_the_error_names_the_extra(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # what an install without the extra sees
    with pytest.raises(UsageError, match=r"pip install 'l10nflow\[ray\]'"):
        require_ray()
