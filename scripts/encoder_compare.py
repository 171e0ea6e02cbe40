"""The numpy encoder next to sentence-transformers on torch, in one run: load time, speed, and vector agreement.

Usage: HF_HUB_OFFLINE=1 .venv/bin/python scripts/encoder_compare.py
Prints seconds to import and load each engine (each in a fresh subprocess, as a cold start pays it), then
milliseconds for one question, 30 guide sentences (an answer's worth) and 300 sentences (ingest-like), and
the largest difference between the two engines' vectors.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
LOAD = {
    "numpy": "from advisor.npencoder import NumpyBert; NumpyBert(p).encode(['a question'])",
    "torch": ("from sentence_transformers import SentenceTransformer; "
              "SentenceTransformer(p, device='cpu', local_files_only=True).encode(['a question'])"),
}


def _load_seconds(engine: str) -> float:
    code = f"from advisor.embeddings import default_model_path; p = default_model_path(); {LOAD[engine]}"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def _ms(encode: Callable[[Sequence[str]], np.ndarray], texts: Sequence[str], repeat: int = 1) -> float:
    encode(texts)  # warm
    started = time.perf_counter()
    for _ in range(repeat):
        encode(texts)
    return (time.perf_counter() - started) / repeat * 1000


def main() -> None:
    from sentence_transformers import SentenceTransformer

    from advisor.embeddings import default_model_path
    from advisor.npencoder import NumpyBert

    path = default_model_path()
    sentences = [line.strip() for f in sorted((ROOT / "corpus").glob("*.md"))
                 for line in f.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 20][:300]
    ours, ref = NumpyBert(path), SentenceTransformer(path, device="cpu", local_files_only=True)
    engines: dict[str, Callable[[Sequence[str]], np.ndarray]] = {
        "numpy": ours.encode,
        "torch": lambda t: np.asarray(ref.encode(list(t), batch_size=32, normalize_embeddings=True))}
    print("engine | import+load s | 1 question ms | 30 sentences ms | 300 sentences ms")
    for name, encode in engines.items():
        one = _ms(encode, ["what does a senior ML engineer earn?"], 20)
        print(f"{name} | {_load_seconds(name):.2f} | {one:.1f} | {_ms(encode, sentences[:30], 3):.0f}"
              f" | {_ms(encode, sentences):.0f}")
    diff = np.abs(engines["numpy"](sentences) - engines["torch"](sentences)).max()
    print(f"largest difference between the engines' vectors ({len(sentences)} sentences): {diff:.2e}")


if __name__ == "__main__":
    main()
