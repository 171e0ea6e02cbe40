"""Prompts are data shipped in the package (advisor/prompt_files/*.yaml), rendered with strict variable checks."""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

# Package data, read through importlib.resources so an installed wheel finds them wherever it runs.
PROMPT_FOLDER = "prompt_files"  # inside the advisor package


class PromptError(ValueError):
    """A prompt file is malformed or was rendered with the wrong variables."""


@dataclass(frozen=True)
class Prompt:
    """A template whose placeholders must equal its declared variables."""

    name: str
    template: str
    variables: frozenset[str]

    def render(self, **values: str) -> str:
        given = set(values)
        if given != self.variables:
            raise PromptError(f"prompt '{self.name}' needs {sorted(self.variables)}, got {sorted(given)}")
        # Values are inserted verbatim (no format spec processing), so braces in user text are safe.
        out = []
        for literal, field, _, _ in string.Formatter().parse(self.template):
            out.append(literal)
            if field is not None:
                out.append(values[field])
        return "".join(out)


def parse_prompt(name: str, raw: str) -> Prompt:
    """Validate a prompt file's text."""
    data = yaml.safe_load(raw)
    if not isinstance(data, dict) or not isinstance(data.get("template"), str):
        raise PromptError(f"prompt '{name}' must be a mapping with a 'template' string")
    declared = frozenset(data.get("variables") or [])
    used = set()
    for _, field, spec, conv in string.Formatter().parse(data["template"]):
        if field is not None:
            if not field.isidentifier() or spec or conv:
                raise PromptError(f"prompt '{name}': placeholder '{{{field}}}' must be a plain name")
            used.add(field)
    if used != declared:
        raise PromptError(f"prompt '{name}': template uses {sorted(used)} but declares {sorted(declared)}")
    return Prompt(name, data["template"], declared)


def prompt_names() -> list[str]:
    """Names of the shipped prompts."""
    files = (resources.files("advisor") / PROMPT_FOLDER).iterdir()
    return sorted(f.name.removesuffix(".yaml") for f in files if f.name.endswith(".yaml"))


@cache
def load_prompt(name: str) -> Prompt:
    """Load the shipped prompt <name>.yaml once."""
    path = resources.files("advisor") / PROMPT_FOLDER / f"{name}.yaml"
    if not path.is_file():
        raise PromptError(f"prompt '{name}' is missing (advisor/prompt_files/{name}.yaml)")
    return parse_prompt(name, path.read_text("utf-8"))
