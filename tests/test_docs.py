"""The README stays in step with the code it documents."""

from __future__ import annotations

from advisor.config import Settings

from .helpers import ROOT


def test_readme_documents_every_setting() -> None:
    readme = (ROOT / "README.md").read_text()
    for name in Settings.model_fields:
        assert f"`ADVISOR_{name.upper()}`" in readme, name


def test_readme_shows_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
