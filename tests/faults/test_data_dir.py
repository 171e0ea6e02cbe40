"""Read-only, full or damaged data folders: clear messages, exit code 8 or HTTP 503, and `advisor doctor`."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from advisor import build_advisor
from advisor.config import Settings
from advisor.errors import DataDirError
from advisor.serve.app import create_app
from tests.helpers import ROOT


def cli(args: list[str], data: Path, corpus: Path, as_nobody: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a fresh process (as an unprivileged user when asked: root ignores file modes)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ADVISOR_DATA_DIR": str(data), "ADVISOR_CORPUS_DIR": str(corpus),
           "ADVISOR_EMBEDDING_MODEL": "fake", "HOME": "/tmp"}
    prefix: list[str] = []
    if as_nobody and os.geteuid() == 0:
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    return subprocess.run([*prefix, sys.executable, "-m", "advisor.cli", *args], env=env, capture_output=True,
                          text=True, timeout=300, cwd=ROOT)


@pytest.fixture
def built(corpus_copy: Path, make_settings: Callable[..., Settings]) -> Settings:
    s = make_settings()
    build_advisor(s).ingest()
    return s


def damage(settings: Settings) -> None:
    with open(settings.data_dir / "chroma" / "chroma.sqlite3", "r+b") as fh:
        fh.write(b"this is not a database" * 200)


def readable_by_everyone(path: Path) -> None:
    for p in [path, *path.parents]:
        if p == Path("/tmp") or p == Path("/"):
            break
        p.chmod(p.stat().st_mode | 0o755)


def test_damaged_index_is_a_clear_message_in_the_cli(built: Settings, corpus_copy: Path) -> None:
    damage(built)
    for args in (["ask", "Do I need a degree?"], ["ingest"], ["retrieve", "degree"]):
        r = cli(args, built.data_dir, corpus_copy)
        assert r.returncode == 8, (args, r.stderr)
        assert "damaged" in r.stderr and "advisor ingest" in r.stderr and "Traceback" not in r.stderr


def test_damaged_index_while_serving_is_503_on_health(built: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    adv = build_advisor(built)
    client = TestClient(create_app(adv, ui=False))
    assert client.get("/api/health").status_code == 200
    damage(built)
    adv.index.client.close()  # the next read reopens the index from disk, as after another process's ingest
    r = client.get("/api/health")
    assert r.status_code == 503 and "damaged" in r.json()["error"]["message"]


def test_read_only_data_dir_is_a_clear_message(built: Settings, corpus_copy: Path) -> None:
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.skip("needs setpriv to drop root, which ignores file modes")
    readable_by_everyone(built.data_dir)
    readable_by_everyone(corpus_copy)
    for p in [built.data_dir, *built.data_dir.rglob("*")]:
        p.chmod(p.stat().st_mode & ~0o222)
    try:
        for args in (["ask", "Do I need a degree?"], ["ingest"]):
            r = cli(args, built.data_dir, corpus_copy, as_nobody=True)
            assert r.returncode == 8, (args, r.stderr)
            assert "not writable" in r.stderr and "Traceback" not in r.stderr
        r = cli(["doctor"], built.data_dir, corpus_copy, as_nobody=True)
        assert r.returncode == 8 and "PROBLEM data folder" in r.stdout
    finally:
        for p in [built.data_dir, *built.data_dir.rglob("*")]:
            p.chmod(p.stat().st_mode | 0o200)


def test_full_disk_during_ingest_says_so(corpus_copy: Path, make_settings: Callable[..., Settings],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    adv = build_advisor(make_settings())

    def full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(adv.index.collection, "upsert", full)
    with pytest.raises(DataDirError, match="full"):
        adv.ingest()


def test_doctor_passes_a_healthy_setup_and_explains_a_damaged_one(built: Settings, corpus_copy: Path) -> None:
    r = cli(["doctor"], built.data_dir, corpus_copy)
    assert r.returncode == 0 and "all checks passed" in r.stdout and "chunks searchable" in r.stdout
    damage(built)
    r = cli(["doctor"], built.data_dir, corpus_copy)
    assert r.returncode == 8 and "PROBLEM index file" in r.stdout and "advisor ingest" in r.stdout
    r = cli(["doctor"], built.data_dir / "missing", corpus_copy)
    assert r.returncode == 3 and "run `advisor ingest`" in r.stdout


def test_a_setting_that_does_not_parse_is_exit_6(built: Settings, corpus_copy: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISOR_CHUNK_CHARS", "lots")
    r = cli(["doctor"], built.data_dir, corpus_copy)
    assert r.returncode == 6 and "ADVISOR_CHUNK_CHARS" in r.stderr and "Traceback" not in r.stderr
