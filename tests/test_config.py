"""Settings from defaults, a TOML file and the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.config import load_settings
from eventwire.errors import ConfigError


def test_config_max_chars_from_env_and_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("EVENTWIRE_MAX_CHARS", raising=False)
    assert load_settings(tmp_path / "none.toml").max_chars == 200_000
    (tmp_path / "eventwire.toml").write_text("max_chars = 50000\n")
    assert load_settings(tmp_path / "eventwire.toml").max_chars == 50_000
    monkeypatch.setenv("EVENTWIRE_MAX_CHARS", "1000000")
    assert load_settings(tmp_path / "eventwire.toml").max_chars == 1_000_000


@pytest.mark.parametrize("name, value", [("EVENTWIRE_MAX_CHARS", "0"), ("EVENTWIRE_MAX_CHARS", "-5"),
                                         ("EVENTWIRE_MAX_CHARS", "lots"), ("EVENTWIRE_MAX_BYTES", "0"),
                                         ("EVENTWIRE_BATCH_SIZE", "0")])
def test_config_sizes_are_whole_numbers_of_at_least_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str,
                                                        value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=name.removeprefix("EVENTWIRE_").lower()):
        load_settings(tmp_path / "none.toml")
