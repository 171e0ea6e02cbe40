"""`advisor doctor`: checks the configuration, the data folder and the index, and says how to fix each problem."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from advisor.config import Settings
from advisor.errors import AdvisorError, ConfigError, DataDirError, IndexMissingError

MIN_FREE_BYTES = 200_000_000  # an ingest of a few thousand guides needs about this much


@dataclass(frozen=True)
class Check:
    """One check's outcome: a problem carries how to fix it and the exit code it maps to."""

    name: str
    ok: bool
    detail: str
    exit_code: int = 0

    def line(self) -> str:
        return f"{'ok     ' if self.ok else 'PROBLEM'} {self.name}: {self.detail}"


def _config(s: Settings) -> Check:
    from advisor.answer import ANSWERERS

    if s.llm_provider not in ANSWERERS:
        return Check("configuration", False, f"ADVISOR_LLM_PROVIDER '{s.llm_provider}' is unknown; use one of "
                     f"{', '.join(ANSWERERS)}.", ConfigError.exit_code)
    if s.llm_provider == "openai" and not (s.llm_base_url or s.llm_api_key):
        return Check("configuration", False, "ADVISOR_LLM_PROVIDER=openai needs ADVISOR_LLM_BASE_URL or "
                     "ADVISOR_LLM_API_KEY.", ConfigError.exit_code)
    model = s.embedding_model
    if model and model != "fake" and ("/" in model or model.startswith(".")) and not Path(model).exists():
        return Check("configuration", False, f"ADVISOR_EMBEDDING_MODEL folder {model} does not exist; unset it "
                     "to use the bundled model.", ConfigError.exit_code)
    if not Path(s.corpus_dir).is_dir():
        return Check("configuration", False, f"the corpus folder {s.corpus_dir} does not exist; set "
                     "ADVISOR_CORPUS_DIR or pass --corpus DIR.", ConfigError.exit_code)
    return Check("configuration", True, f"answerer {s.llm_provider}, corpus {s.corpus_dir}")


def _data_dir(s: Settings) -> Check:
    d = Path(s.data_dir)
    probe = d if d.exists() else next((p for p in d.parents if p.exists()), Path("/"))
    try:
        with tempfile.NamedTemporaryFile(dir=probe, prefix=".doctor-"):
            pass
    except OSError as exc:
        return Check("data folder", False, f"{probe} is not writable ({exc.strerror}); make it writable or set "
                     "ADVISOR_DATA_DIR to a writable folder.", DataDirError.exit_code)
    free = shutil.disk_usage(probe).free
    if free < MIN_FREE_BYTES:
        return Check("data folder", False, f"only {free // 1_000_000} MB free on the disk holding {probe}; free "
                     f"at least {MIN_FREE_BYTES // 1_000_000} MB.", DataDirError.exit_code)
    return Check("data folder", True, f"{d} is writable, {free // 1_000_000:,} MB free")


def _index_file(s: Settings) -> Check:
    db = Path(s.data_dir) / "chroma" / "chroma.sqlite3"
    if s.chroma_host:
        return Check("index file", True, f"using the Chroma server at {s.chroma_host}:{s.chroma_port}")
    if not db.exists():
        return Check("index file", False, f"no index at {db}; run `advisor ingest`.", IndexMissingError.exit_code)
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as exc:
        result = str(exc)
    if result != "ok":
        return Check("index file", False, f"{db} is damaged ({result}); move {db.parent} aside and run "
                     "`advisor ingest` to rebuild it.", DataDirError.exit_code)
    return Check("index file", True, f"{db} passes SQLite's integrity check")


def _index(s: Settings) -> Check:
    from advisor.factory import build_advisor

    try:
        count = build_advisor(s).index.count()
    except AdvisorError as exc:
        return Check("index", False, str(exc), exc.exit_code)
    if not count:
        return Check("index", False, "the index is empty; run `advisor ingest`.", IndexMissingError.exit_code)
    return Check("index", True, f"{count:,} chunks searchable")


CHECKS: tuple[Callable[[Settings], Check], ...] = (_config, _data_dir, _index_file, _index)


def run_doctor(settings: Settings) -> list[Check]:
    """Every check, in order; the index is opened only when the checks before it passed."""
    out: list[Check] = []
    for check in CHECKS:
        if check is _index and not all(c.ok for c in out):
            break  # opening a damaged or unwritable index would only repeat the problem found
        out.append(check(settings))
    return out
