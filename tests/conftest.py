"""Fixtures: a network guard, a clean environment, fake-embedding settings, a real advisor, the browser."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from advisor.config import Settings, get_settings

from .helpers import CHROMIUM, CHROMIUM_ARGS, CORPUS, ROOT, free_port, port_open, wait_until

# Fixtures that load the real model or start a browser: a test using them must be marked integration,
# so `make unit` (-m "not integration") stays fast and needs neither.
SLOW_FIXTURES = frozenset({"real_advisor", "browser"})
UPDATE_SCREENSHOTS = "ADVISOR_UPDATE_SCREENSHOTS"


def pytest_configure(config: pytest.Config) -> None:
    # Read before the per-test fixture below clears every ADVISOR_* variable.
    config.stash[_update_key] = os.environ.get(UPDATE_SCREENSHOTS) == "1"


_update_key = pytest.StashKey[bool]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    unmarked = [item.nodeid for item in items if SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))
                and not item.get_closest_marker("integration")]
    if unmarked:
        raise pytest.UsageError("tests using the real model or the browser must be marked integration: "
                                + ", ".join(unmarked))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # Backstop for the hook above: the fast selection must not have loaded the model or a browser driver.
    if session.config.option.markexpr != "not integration":
        return
    loaded = [m for m in ("sentence_transformers", "torch", "playwright") if m in sys.modules]
    if loaded:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line("")
            reporter.write_line(f"unit tests loaded {loaded}: a slow test is missing its integration mark", red=True)


def _is_loopback(address: Any) -> bool:
    if isinstance(address, tuple) and address:
        host = address[0]
        if host in ("localhost", ""):
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return True  # unix sockets


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to reach a non-loopback address fails the test: nothing may call out."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        if not _is_loopback(address):
            raise AssertionError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A user's ADVISOR_* shell settings never change test results; tests set what they need."""
    for name in [n for n in os.environ if n.upper().startswith("ADVISOR_")]:
        monkeypatch.delenv(name)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def screenshot_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where browser tests save pictures: a temp dir, or docs/ with ADVISOR_UPDATE_SCREENSHOTS=1."""
    if request.config.stash[_update_key]:
        return ROOT / "docs"
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped corpus."""
    dest = tmp_path / "corpus"
    shutil.copytree(CORPUS, dest)
    return dest


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    """Settings isolated under tmp_path, with instant fake embeddings unless told otherwise."""

    def make(**overrides: Any) -> Settings:
        base: dict[str, Any] = {"data_dir": tmp_path / "data", "corpus_dir": tmp_path / "corpus",
                                "embedding_model": "fake",
                                # TestClient sends Host: testserver (or the base_url given); real servers are loopback
                                "allowed_hosts": "localhost,127.0.0.1,::1,testserver,advisor.test"}
        base.update(overrides)
        return Settings(**base)

    return make


@pytest.fixture(scope="session")
def real_advisor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """An advisor with the bundled model and embedded Chroma, indexed from the shipped corpus."""
    from advisor import build_advisor

    data = tmp_path_factory.mktemp("real-data")
    adv = build_advisor(Settings(data_dir=data, corpus_dir=CORPUS))
    report = adv.ingest()
    assert report.added > 0 and not report.failures
    yield adv


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    assert shutil.which(CHROMIUM), "Debian's chromium is missing: run `make test` (or scripts/setup-system.sh) as root"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A throwaway redis-server on a free loopback port (Debian package `redis-server`)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (Debian package redis-server; .ci/run installs it)")
    port = free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_until(lambda: port_open(port), seconds=20), "redis-server did not start"
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
