"""The built wheel, installed (not editable) into a fresh venv, works from a directory that is not the project."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from advisor.prompts import load_prompt

from .helpers import CORPUS, ROOT
from .openai_standin import StandIn

pytestmark = pytest.mark.integration
QUESTION = "How much is tuition for out-of-state students?"


@dataclass
class Installed:
    """A venv holding only the wheel; `work` is an unrelated directory with a copy of the guides."""

    venv: Path
    work: Path

    def run(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        """`advisor ARGS` from the work directory, with fake embeddings and the index under work/data."""
        base = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("ADVISOR_")}
        base |= {"ADVISOR_EMBEDDING_MODEL": "fake", "ADVISOR_DATA_DIR": str(self.work / "data")} | env
        return subprocess.run([str(self.venv / "bin" / "advisor"), *args], cwd=self.work, env=base,
                              capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp = tmp_path_factory.mktemp("wheel")
    # Build from a copy: an in-tree build would leave build/ and *.egg-info in the checkout.
    src = tmp / "src"
    shutil.copytree(ROOT / "advisor", src / "advisor", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    pip = [sys.executable, "-m", "pip"]
    subprocess.run([*pip, "wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(tmp / "dist"),
                    str(src)], check=True, capture_output=True)
    [wheel] = (tmp / "dist").glob("advisor-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    subprocess.run([*pip, "--python", str(venv / "bin" / "python"), "install", "-q", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True)
    # Dependencies come from this interpreter's site-packages (no torch download). A path added by a .pth
    # file is not a site dir, so the project's editable-install hook there stays inactive: advisor is the wheel.
    [site] = Path(venv / "lib").glob("python3*/site-packages")
    deps = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (site / "_test_dependencies.pth").write_text("\n".join(deps) + "\n")
    work = tmp / "elsewhere"
    shutil.copytree(CORPUS, work / "guides")
    return Installed(venv, work)


@pytest.fixture(scope="module")
def indexed(installed: Installed) -> Installed:
    done = installed.run("ingest", "--corpus", "guides")
    assert done.returncode == 0, done.stderr
    return installed


def test_the_installed_package_is_the_wheel(installed: Installed) -> None:
    out = subprocess.run([str(installed.venv / "bin" / "python"), "-c", "import advisor; print(advisor.__file__)"],
                         cwd=installed.work, env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
                         capture_output=True, text=True, check=True).stdout
    assert Path(out.strip()).is_relative_to(installed.venv)


def ask(inst: Installed, **env: str) -> dict[str, Any]:
    done = inst.run("ask", QUESTION, "--json", **env)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    assert data["refused"] is False and data["citations"]
    return data


def test_ask_from_another_directory(indexed: Installed) -> None:
    data = ask(indexed)
    # Fake embeddings: which tuition sentence leads may vary; the figure is in what it cites.
    assert "out-of-state" in data["answer"] and not data.get("notice")
    assert any("$33,627" in c["text"] for c in data["citations"])


@pytest.fixture
def standin() -> Iterator[StandIn]:
    server = StandIn()
    yield server
    server.close()


def test_llm_providers_use_the_prompts_shipped_in_the_wheel(indexed: Installed, standin: StandIn) -> None:
    fake = ask(indexed, ADVISOR_LLM_PROVIDER="fake")
    assert not fake.get("notice")  # the checked model text was used, not the quoting fallback
    served = ask(indexed, ADVISOR_LLM_PROVIDER="openai", ADVISOR_LLM_BASE_URL=standin.base_url)
    assert not served.get("notice")
    system = standin.requests[-1]["messages"][0]
    # The system prompt carries a random canary per process: compare everything else.
    content = re.sub(r"CANARY-[0-9a-f]{16}", "CANARY-X", system["content"])
    assert system["role"] == "system" and content == load_prompt("system").render(canary="CANARY-X")


def test_failures_are_messages(installed: Installed) -> None:
    cases = [(("eval",), 6, "--questions"), (("bench",), 6, "--questions"),
             (("eval", "--questions", "missing.yaml"), 6, "missing.yaml"),
             (("ask", QUESTION), 3, "advisor ingest")]
    for args, code, hint in cases:
        done = installed.run(*args, ADVISOR_DATA_DIR=str(installed.work / "empty"))
        assert (done.returncode, "Traceback" in done.stderr) == (code, False), (args, done.stderr)
        assert done.stderr.startswith("error: ") and hint in done.stderr, (args, done.stderr)
    bad = installed.run("ask", QUESTION, ADVISOR_LLM_TIMEOUT="soon")
    assert bad.returncode == 6 and "ADVISOR_LLM_TIMEOUT" in bad.stderr and "Traceback" not in bad.stderr
