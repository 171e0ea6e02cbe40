"""A BERT sentence encoder in numpy: the bundled model's vectors without importing torch or sentence-transformers.

Why: importing sentence-transformers (torch, transformers, scikit-learn, scipy) was 6 to 10 s of every cold
start (`python -X importtime -m advisor.cli ask ...`), more than everything else together, while a question
is a dozen tokens through six small layers. This runs the same arithmetic as sentence-transformers'
Transformer -> Pooling -> Normalize on a BERT checkpoint, read from the model folder's safetensors and
tokenizer.json; tests hold its vectors to sentence-transformers' own. Any model folder it does not fully
understand (another architecture, pooling or module list) is left to sentence-transformers (`supports`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

_MODULES = ("sentence_transformers.models.Transformer", "sentence_transformers.models.Pooling",
            "sentence_transformers.models.Normalize")
_POOLING = {"pooling_mode_mean_tokens": "mean", "pooling_mode_cls_token": "cls"}
_NEG = np.float32(np.finfo(np.float32).min)


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _pooling(folder: Path, modules: list[dict[str, Any]]) -> str | None:
    """'mean' or 'cls' when the folder is exactly Transformer, Pooling and optional Normalize; else None."""
    kinds = [m.get("type") for m in modules]
    if kinds not in (list(_MODULES), list(_MODULES[:2])):
        return None
    config = _read(folder / modules[1].get("path", "") / "config.json")
    modes = [mode for key, mode in _POOLING.items() if config.get(key)]
    others = [k for k, v in config.items() if k.startswith("pooling_mode") and v and k not in _POOLING]
    return modes[0] if len(modes) == 1 and not others else None


def supports(folder: str | Path) -> bool:
    """Whether this encoder computes the folder's model exactly: a BERT with absolute positions, mean or CLS
    pooling, a tokenizer.json and safetensors weights. Anything else goes to sentence-transformers."""
    root = Path(folder)
    try:
        config = _read(root / "config.json")
        pooled = _pooling(root, _read(root / "modules.json"))
    except (OSError, ValueError, IndexError, AttributeError):
        return False
    return (pooled is not None and config.get("model_type") == "bert"
            and config.get("hidden_act") == "gelu"
            and config.get("position_embedding_type", "absolute") == "absolute"
            and (root / "tokenizer.json").is_file() and (root / "model.safetensors").is_file())


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU, erf by Abramowitz and Stegun 7.1.26: absolute error under 1.5e-7, below float32's
    resolution here. Computed in place: this is the largest elementwise step of the forward pass."""
    a = np.abs(x) * np.float32(0.7071067811865476)
    t = np.float32(0.3275911) * a
    t += 1
    np.reciprocal(t, out=t)
    poly = np.float32(1.061405429) * t
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(c)
        poly *= t
    a *= a
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a  # 1 - erf(|x|/sqrt 2)
    # gelu(x) = x * (1 + erf(x/sqrt2)) / 2 = x - x * (1 - erf(|x|/sqrt2)) / 2 for x >= 0, x * (1 - ...)/2 below
    poly *= np.float32(0.5)
    poly *= x
    return np.where(x >= 0, x - poly, poly)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(-1, keepdims=True)
    return centred / np.sqrt(var + np.float32(eps)) * weight + bias


class NumpyBert:
    """Sentence vectors from a BERT sentence-transformers folder, computed with numpy (float32)."""

    # Small batches: numpy pays for padding in full, and 30 sentences took 0.34 s in batches of 4 to 8 against
    # 0.86 s in one batch of 32 (measured with a throwaway loop over batch sizes; scripts/encoder_compare.py
    # prints the default's).
    def __init__(self, folder: str | Path, batch_size: int = 8) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        root = Path(folder)
        config = _read(root / "config.json")
        st_config = _read(root / "sentence_bert_config.json") if (root / "sentence_bert_config.json").is_file() else {}
        modules = _read(root / "modules.json")
        self.pooling = _pooling(root, modules) or "mean"
        self.normalize = len(modules) == 3
        self.max_length = int(min(st_config.get("max_seq_length") or 512, config["max_position_embeddings"]))
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.batch_size = batch_size
        self.tokenizer = Tokenizer.from_file(str(root / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(self.max_length)
        weights = load_file(str(root / "model.safetensors"))
        w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in weights.items()}
        self.word, self.position = w["embeddings.word_embeddings.weight"], w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            qkv = np.concatenate([w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")]).T.copy()
            qkv_b = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self.layers.append((qkv, qkv_b, w[p + "attention.output.dense.weight"].T.copy(),
                                w[p + "attention.output.dense.bias"], w[p + "attention.output.LayerNorm.weight"],
                                w[p + "attention.output.LayerNorm.bias"], w[p + "intermediate.dense.weight"].T.copy(),
                                w[p + "intermediate.dense.bias"], w[p + "output.dense.weight"].T.copy(),
                                w[p + "output.dense.bias"], w[p + "output.LayerNorm.weight"],
                                w[p + "output.LayerNorm.bias"]))

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        batch, length = ids.shape
        heads, size = self.heads, self.word.shape[1] // self.heads
        x = self.word[ids] + self.position[:length] + self.token_type
        x = _layer_norm(x.reshape(batch * length, -1), *self.emb_norm, self.eps)  # rows: every token
        bias = np.where(mask[:, None, None, :] > 0, np.float32(0), _NEG)  # padding gets no attention
        scale = np.float32(1.0 / np.sqrt(size))
        for qkv, qkv_b, out, out_b, ln1_w, ln1_b, up, up_b, down, down_b, ln2_w, ln2_b in self.layers:
            q, k, v = (x @ qkv + qkv_b).reshape(batch, length, 3, heads, size).transpose(2, 0, 3, 1, 4)
            scores = q @ k.transpose(0, 1, 3, 2)
            scores *= scale
            scores += bias
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            merged = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, heads * size)
            x = _layer_norm(x + merged @ out + out_b, ln1_w, ln1_b, self.eps)
            x = _layer_norm(x + _gelu(x @ up + up_b) @ down + down_b, ln2_w, ln2_b, self.eps)
        x = x.reshape(batch, length, -1)
        if self.pooling == "cls":
            pooled = x[:, 0]
        else:
            weights = mask[:, :, None].astype(np.float32)
            pooled = (x * weights).sum(1) / np.maximum(weights.sum(1), np.float32(1e-9))
        if self.normalize:
            pooled = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), np.float32(1e-12))
        return pooled.astype(np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text; batches of similar length so little is padding (as sentence-transformers does)."""
        encoded = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(encoded)), key=lambda i: -len(encoded[i].ids))
        out = np.zeros((len(encoded), self.word.shape[1]), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            chosen = order[start:start + self.batch_size]
            length = len(encoded[chosen[0]].ids)
            ids = np.zeros((len(chosen), length), dtype=np.int64)
            mask = np.zeros((len(chosen), length), dtype=np.int64)
            for row, i in enumerate(chosen):
                n = len(encoded[i].ids)
                ids[row, :n], mask[row, :n] = encoded[i].ids, 1
            out[chosen] = self._forward(ids, mask)
        return out
