"""Shared fixtures: the real spaCy pipeline (loaded once), temp stores, the shared data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventwire.config import load_settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from eventwire import nlp as nlp_module

    return nlp_module.load("md")


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from eventwire.pipeline import Pipeline

    return Pipeline(load_settings().replace(model="md"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data folder; tests that need it are skipped where it is absent."""
    path = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
    if not (path / "eval").is_dir():
        pytest.skip(f"shared data not found at {path}")
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "events.db"
