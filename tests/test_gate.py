"""The CPU gate: at most N answers computing at once, the rest served strictly in arrival order."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from advisor.locks import FairGate


def _until(check: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


def test_waiters_are_served_in_arrival_order_and_newcomers_never_jump_the_queue() -> None:
    gate = FairGate(1)
    order: list[str] = []
    release = {name: threading.Event() for name in "ABC"}

    def worker(name: str) -> None:
        with gate:
            order.append(name)
            release[name].wait(10)

    gate.__enter__()  # the main thread holds the only slot
    threads = {}
    for n, name in enumerate("AB", start=1):
        threads[name] = threading.Thread(target=worker, args=(name,))
        threads[name].start()
        _until(lambda n=n: len(gate._waiting) == n)  # type: ignore[misc]
    gate.__exit__(None, None, None)  # the slot goes to A, the oldest waiter
    _until(lambda: order == ["A"])
    threads["C"] = threading.Thread(target=worker, args=("C",))
    threads["C"].start()
    _until(lambda: len(gate._waiting) == 2)  # C arrived while A holds: it queues behind B
    for name in "ABC":
        release[name].set()
    for t in threads.values():
        t.join(10)
    assert order == ["A", "B", "C"]
    assert gate._free == 1 and not gate._waiting


def test_never_more_holders_than_slots() -> None:
    gate = FairGate(2)
    inside, most = 0, 0
    count = threading.Lock()

    def worker() -> None:
        nonlocal inside, most
        with gate:
            with count:
                inside += 1
                most = max(most, inside)
            time.sleep(0.005)
            with count:
                inside -= 1

    threads = [threading.Thread(target=worker) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert most == 2 and inside == 0 and gate._free == 2
