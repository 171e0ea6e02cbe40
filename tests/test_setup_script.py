"""scripts/setup-system.sh (run by `make test` and `.ci/run`): installs chromium as root, else says how."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .helpers import ROOT

SCRIPT = ROOT / "scripts" / "setup-system.sh"
INSTALL = "apt-get install -y --no-install-recommends chromium fonts-dejavu-core"


def run_script(tmp_path: Path, uid: int, chromium: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run the script with stand-ins for `id` and `apt-get` first on PATH; returns apt-get's calls."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    log = tmp_path / "apt.log"
    stubs = {"id": f"echo {uid}", "apt-get": f'echo "apt-get $*" >> {log}', "make": "exit 0", "redis-server": "exit 0"}
    for name, body in stubs.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "CHROMIUM": chromium}
    done = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60)
    return done, log.read_text().splitlines() if log.exists() else []


def test_as_root_a_missing_chromium_is_installed(tmp_path: Path) -> None:
    done, calls = run_script(tmp_path, 0, "/nonexistent/chromium")
    assert done.returncode == 0, done.stderr
    assert calls[0] == "apt-get update -qq" and calls[1].startswith(INSTALL)


def test_without_root_it_stops_at_once_with_the_command(tmp_path: Path) -> None:
    done, calls = run_script(tmp_path, 1000, "/nonexistent/chromium")
    assert done.returncode == 1 and calls == []
    assert f"apt-get update && {INSTALL}" in done.stderr


def test_nothing_happens_when_chromium_is_there(tmp_path: Path) -> None:
    done, calls = run_script(tmp_path, 1000, "/bin/sh")
    assert done.returncode == 0 and calls == [] and done.stderr == ""
