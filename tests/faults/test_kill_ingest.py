"""SIGKILL at random points of an ingest: the index answers every time, and the next ingest converges."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from advisor import build_advisor
from advisor.config import Settings
from tests.helpers import ROOT

KILLS = 10


def _edit(corpus: Path) -> None:
    """A corpus change that adds, re-locates and removes chunks (v1 -> v2)."""
    guides = sorted(corpus.glob("*.md"))
    guides[0].unlink()
    text = guides[1].read_text("utf-8")
    guides[1].write_text(text.replace("\n## ", "\n## Added section\n\nA new paragraph about machine learning "
                                      "engineer interviews and portfolios, written for this test.\n\n## ", 1), "utf-8")
    (corpus / "new-guide.md").write_text(guides[0].name and text.replace("# ", "# Copy of ", 1), "utf-8")


@pytest.mark.parametrize("trial", range(KILLS))
def test_sigkill_mid_ingest(trial: int, corpus_copy: Path, make_settings: Callable[..., Settings],
                            tmp_path: Path) -> None:
    settings = make_settings()
    build_advisor(settings).ingest()  # v1 is indexed
    _edit(corpus_copy)
    env = {**os.environ, "ADVISOR_DATA_DIR": str(settings.data_dir), "ADVISOR_CORPUS_DIR": str(corpus_copy),
           "ADVISOR_EMBEDDING_MODEL": "fake", "ADVISOR_EMBEDDING_BATCH_SIZE": "4", "ADVISOR_WRITE_PAUSE": "0.1",
           "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "advisor.cli", "ingest"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    delay = random.Random(trial).uniform(0.5, 6.0)  # startup, embedding, writing, deleting: anywhere
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    adv = build_advisor(settings)
    assert adv.index.count() > 0 and adv.retrieve("how do I become a machine learning engineer?", k=3)
    assert adv.ask("Do I need a degree?").citations, f"no cited answer after a kill at {delay:.1f}s"
    build_advisor(settings).ingest()  # the next ingest finishes the job...
    clean = make_settings(data_dir=tmp_path / "clean")
    build_advisor(clean).ingest()
    # ...and leaves exactly what a fresh ingest of the same corpus would: same ids, same metadata.
    assert build_advisor(settings).index.stored() == build_advisor(clean).index.stored()
