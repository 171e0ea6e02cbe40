"""Data flows one way: schema <- ingest <- index <- retrieve <- answer <- core <- {cli, serve, evaluation}.

Each advisor module belongs to a layer; a module may import its own layer and the ones below, never
one above. Every import counts: top level, inside functions and under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "advisor"

# Lowest first. A new module must be placed here (the test fails until it is).
LAYERS: list[tuple[str, set[str]]] = [
    # Shared vocabulary and pure helpers: settings, errors, value types, text rules, BM25, prompt files.
    ("base", {"advisor.config", "advisor.errors", "advisor.schema", "advisor.offline", "advisor.clean",
              "advisor.lexical", "advisor.prompts", "advisor.poison", "advisor.urls", "advisor.datadir",
              "advisor.places", "advisor.care"}),
    ("ingest", {"advisor.ingest", "advisor.chunking"}),
    # Storage: the embedder, the Chroma index, the feedback table and the gap log's grouping.
    ("index", {"advisor.embeddings", "advisor.npencoder", "advisor.index", "advisor.feedback", "advisor.gaps",
               "advisor.locks", "advisor.textvectors"}),
    ("retrieve", {"advisor.retrieve"}),
    # Answering: composing and checking answers, follow-up suggestions, scope decisions, figure labels.
    ("answer", {"advisor.answer", "advisor.extractive", "advisor.citations", "advisor.suggest", "advisor.scope",
                "advisor.figures", "advisor.brief",
                "advisor.answerability", "advisor.answer_rules",
                "advisor.fake_llm", "advisor.plan", "advisor.coach"}),
    ("core", {"advisor.core", "advisor.factory", "advisor.doctor"}),
    ("adapters", {"advisor.serve", "advisor.evaluation"}),
    # The command line dispatches to the server and the evaluation; the package root exposes the factory.
    ("entry", {"advisor.cli", "advisor"}),
]
SEPARATE = {"adapters", "entry"}  # serve and evaluation are independent surfaces over core
RANK = {group: rank for rank, (_, groups) in enumerate(LAYERS) for group in groups}


def group_of(module: str) -> str:
    """The LAYERS entry a module belongs to (a subpackage's modules share its entry)."""
    if module == "advisor":
        return module
    parts = module.split(".")
    for n in range(len(parts), 1, -1):
        if ".".join(parts[:n]) in RANK:
            return ".".join(parts[:n])
    raise AssertionError(f"{module} is in no layer: add it to LAYERS in {Path(__file__).name}")


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """Every advisor module a file imports, wherever the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return {m for m in found if m == "advisor" or m.startswith("advisor.")}


MODULES = sorted(PACKAGE.rglob("*.py"))


def upward(module: str, imported: set[str]) -> list[str]:
    """Imports of a layer above the module's own; in a SEPARATE layer, also imports between its members."""
    group = group_of(module)
    bad = []
    for target in sorted(imported):
        other = group_of(target)
        peers = RANK[other] == RANK[group] and other != group and LAYERS[RANK[group]][0] in SEPARATE
        if RANK[other] > RANK[group] or peers:
            bad.append(f"{module} ({LAYERS[RANK[group]][0]}) imports {target} ({LAYERS[RANK[other]][0]})")
    return bad


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_module_imports_upwards(path: Path) -> None:
    assert upward(module_name(path), imports(path)) == []


def test_the_check_catches_an_upward_import() -> None:
    # retrieve.py once imported suggest (answering): that must be reported.
    assert upward("advisor.retrieve", {"advisor.suggest", "advisor.lexical"}) == [
        "advisor.retrieve (retrieve) imports advisor.suggest (answer)"]
    assert upward("advisor.serve.api", {"advisor.evaluation.retrieval"})  # peers stay apart
    assert upward("advisor.serve.api", {"advisor.serve.render", "advisor.core"}) == []
