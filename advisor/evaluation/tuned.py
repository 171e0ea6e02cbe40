"""eval/tuned.yaml: where every tuned constant came from, checked against the code it names."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from advisor.evaluation.questions import QuestionFileError


@dataclass(frozen=True)
class Tuned:
    """One record: a constant, the value it was fitted to, on which split, and how."""

    module: str
    name: str
    value: Any
    fitted_on: str
    how: str


def load_tuned(path: Path) -> list[Tuned]:
    """The records of a tuned-constants file."""
    try:
        data: Any = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise QuestionFileError(f"{path}: cannot read it as YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("constants"), list):
        raise QuestionFileError(f"{path}: needs a top-level `constants:` list.")
    out = []
    for pos, raw in enumerate(data["constants"], 1):
        fields = set(Tuned.__dataclass_fields__)
        if not isinstance(raw, dict) or set(raw) != fields:
            raise QuestionFileError(f"{path}: entry {pos} needs exactly the fields {', '.join(sorted(fields))}.")
        out.append(Tuned(**raw))
    return out


def current_value(module: str, name: str) -> Any:
    """The constant's value in the code: a module attribute, a class default or a Settings field default."""
    obj: Any = importlib.import_module(module)
    for part in name.split("."):
        fields = getattr(obj, "model_fields", None)  # pydantic models keep field defaults here
        if isinstance(obj, type) and isinstance(fields, dict) and part in fields:
            obj = fields[part].default
        else:
            obj = getattr(obj, part)
    return obj


def _plain(value: Any) -> Any:
    """Tuples, sets and frozensets compare with the lists YAML gives back; a regex by its pattern text."""
    if isinstance(value, re.Pattern):
        return value.pattern
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def problems(records: list[Tuned]) -> list[str]:
    """Everything wrong with the records: fitted on anything but dev, missing from the code, or drifted."""
    out = []
    for r in records:
        where = f"{r.module}.{r.name}"
        if r.fitted_on != "dev":
            out.append(f"{where} was fitted on {r.fitted_on!r}; tune on dev only")
        try:
            now = current_value(r.module, r.name)
        except (ImportError, AttributeError) as exc:
            out.append(f"{where} is not in the code ({exc}); update eval/tuned.yaml")
            continue
        if _plain(now) != _plain(r.value):
            out.append(f"{where} is {now!r} in the code but {r.value!r} in eval/tuned.yaml: record the retune")
    return out
