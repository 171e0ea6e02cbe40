"""The numpy BERT encoder: which model folders it takes, and that its vectors are sentence-transformers' own."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from advisor.config import Settings
from advisor.embeddings import ModelEmbeddings, default_model_path
from advisor.npencoder import NumpyBert, supports

from .helpers import ROOT

TEXTS = ["How do I become a machine learning engineer?", "", "ok", "Line one\nline two",
         "Écrire du code, naïve café ☃ 💼", "what does a senior ML engineer earn " * 60]  # the last: > 256 tokens


def _copy(tmp_path: Path, pooling: dict[str, bool] | None = None, normalize: bool = True,
          config: dict[str, object] | None = None) -> Path:
    """The bundled model folder with its weights linked, and pooling/modules/config changed as asked."""
    src = Path(default_model_path())
    dst = tmp_path / "model"
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("model.safetensors"))
    (dst / "model.safetensors").symlink_to(src / "model.safetensors")
    if pooling is not None:
        pool = json.loads((dst / "1_Pooling" / "config.json").read_text())
        pool.update(pooling)
        (dst / "1_Pooling" / "config.json").write_text(json.dumps(pool))
    if not normalize:
        modules = json.loads((dst / "modules.json").read_text())
        (dst / "modules.json").write_text(json.dumps(modules[:2]))
    if config is not None:
        cfg = json.loads((dst / "config.json").read_text())
        cfg.update(config)
        (dst / "config.json").write_text(json.dumps(cfg))
    return dst


def test_supports_only_what_it_computes_exactly(tmp_path: Path) -> None:
    assert supports(default_model_path())
    assert not supports(tmp_path / "missing")
    cases = {
        "max": _copy(tmp_path / "a", pooling={"pooling_mode_mean_tokens": False, "pooling_mode_max_tokens": True}),
        "two poolings": _copy(tmp_path / "b", pooling={"pooling_mode_cls_token": True}),
        "mpnet": _copy(tmp_path / "c", config={"model_type": "mpnet"}),
        "relative positions": _copy(tmp_path / "d", config={"position_embedding_type": "relative_key"}),
        "tanh gelu": _copy(tmp_path / "e", config={"hidden_act": "gelu_new"}),
    }
    for name, folder in cases.items():
        assert not supports(folder), name
    extra = _copy(tmp_path / "f")
    modules = json.loads((extra / "modules.json").read_text())
    modules.append({"idx": 3, "name": "3", "path": "3_Dense", "type": "sentence_transformers.models.Dense"})
    (extra / "modules.json").write_text(json.dumps(modules))
    assert not supports(extra)
    assert supports(_copy(tmp_path / "g", pooling={"pooling_mode_mean_tokens": False,
                                                    "pooling_mode_cls_token": True}))
    assert supports(_copy(tmp_path / "h", normalize=False))


def test_vectors_are_unit_length_and_do_not_depend_on_batch_company() -> None:
    model = NumpyBert(default_model_path(), batch_size=2)
    together = model.encode(TEXTS)
    assert together.dtype == np.float32 and together.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    alone = np.stack([model.encode([t])[0] for t in TEXTS])
    assert np.allclose(together, alone, atol=1e-5)  # padding next to a longer text changes nothing
    # Text past the model's 256 tokens is cut off, as sentence-transformers does.
    assert np.allclose(model.encode([TEXTS[-1]]), model.encode([TEXTS[-1] * 2]), atol=1e-6)
    assert float(together[0] @ together[-1]) > float(together[0] @ together[4])  # similarity still means something


def test_small_calls_do_not_load_torch() -> None:
    code = ("import sys; from advisor.config import Settings; from advisor.embeddings import build_embeddings, "
            "vectors; e = build_embeddings(Settings()); v = vectors(e, ['a question', 'another']); "
            "print(v.shape, 'torch' in sys.modules, 'sentence_transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"})
    assert out.stdout.split() == ["(2,", "384)", "False", "False"], out.stderr[-2000:]


@pytest.mark.integration
@pytest.mark.parametrize("variant", ["bundled", "cls", "unnormalised"])
def test_vectors_equal_sentence_transformers(variant: str, tmp_path: Path) -> None:
    from sentence_transformers import SentenceTransformer

    folder = {"bundled": lambda: Path(default_model_path()),
              "cls": lambda: _copy(tmp_path, pooling={"pooling_mode_mean_tokens": False,
                                                       "pooling_mode_cls_token": True}),
              "unnormalised": lambda: _copy(tmp_path, normalize=False)}[variant]()
    ours = NumpyBert(folder).encode(TEXTS)
    ref = SentenceTransformer(str(folder), device="cpu", local_files_only=True).encode(TEXTS, batch_size=4)
    assert np.abs(ours - ref).max() < 1e-5, variant
    if variant == "unnormalised":
        assert not np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-3)


@pytest.mark.integration
@pytest.mark.parametrize("normalize", [True, False])
def test_model_embeddings_route_by_batch_size_with_one_answer(normalize: bool, tmp_path: Path) -> None:
    folder = default_model_path() if normalize else str(_copy(tmp_path, normalize=False))
    emb = ModelEmbeddings(Settings(embedding_model=folder))
    small = emb.matrix(TEXTS[:4])
    assert emb._torch is None  # a few texts never loaded torch
    big = emb.matrix(TEXTS[:4] * 20)  # more than `small`: sentence-transformers
    assert emb._torch is not None
    assert np.abs(big[:4] - small).max() < 1e-5  # both normalised, whatever the folder's modules say
    assert np.allclose(np.linalg.norm(small, axis=1), 1.0, atol=1e-5)
    forced = ModelEmbeddings(Settings(encoder="torch"))
    forced.matrix(TEXTS[:1])
    assert forced._numpy is None and forced._torch is not None
