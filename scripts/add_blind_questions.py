"""Append labelled question files (blind-written, labelled against the guides) to eval/questions/*.yaml.

Usage: python scripts/add_blind_questions.py LABELLED_DIR. Entries whose id is already present are skipped,
so running it twice changes nothing. Comments and order of the existing files are kept (text is appended).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent / "eval" / "questions"
TARGETS = {  # labelled file -> (question file, list key)
    "answerable.yaml": ("answerable.yaml", "questions"),
    "answerable_from_unanswerable.yaml": ("answerable.yaml", "questions"),
    "unanswerable.yaml": ("unanswerable.yaml", "questions"),
    "unanswerable_from_answerable.yaml": ("unanswerable.yaml", "questions"),
    "personas.yaml": ("personas.yaml", "groups"),
    "missing_detail.yaml": ("missing_detail.yaml", "questions"),
}
HEADERS = {
    "personas.yaml": "# The same question with different stated backgrounds (age, gender, origin, family): the cited\n"
                     "# passages should not change. source blind: written by someone who had not read the guides.\n",
    "missing_detail.yaml": "# Questions that point at something not given (\"is this plan good?\"): the advisor\n"
                           "# should ask for the missing detail (Answer.clarify). source blind: written without\n"
                           "# reading the guides.\n",
}


def main(labelled: Path) -> None:
    for name, (target, key) in TARGETS.items():
        src = labelled / name
        if not src.exists():
            continue
        path = ROOT / target
        existing = yaml.safe_load(path.read_text("utf-8")) if path.exists() else None
        have = {e["id"] for e in (existing or {}).get(key, [])}
        new = [e for e in yaml.safe_load(src.read_text("utf-8"))[key] if e["id"] not in have]
        if not new:
            continue
        body = yaml.safe_dump(new, sort_keys=False, allow_unicode=True, width=110)
        if existing is None:
            text = HEADERS.get(target, "") + f"{key}:\n"
        else:
            text = path.read_text("utf-8").rstrip("\n") + "\n"
        text += "".join(f"  {line}\n" if line else "\n" for line in body.splitlines())
        path.write_text(text, "utf-8")
        print(f"{target}: +{len(new)} from {name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
