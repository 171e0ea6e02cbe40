"""Where the evaluation's questions are: a path the user gives, else the project's eval/ beside the package."""

from __future__ import annotations

from pathlib import Path

from advisor.errors import ConfigError

# In a source checkout (editable install) eval/ sits next to the advisor package. An installed wheel has
# no eval/ there, so the user passes --questions; the current directory never decides.
PROJECT_EVAL = Path(__file__).resolve().parent.parent.parent / "eval"


def questions_file(given: Path | None = None) -> Path:
    """The question set to use: `given`, or the project's eval/questions.yaml; a clear error if neither exists."""
    path = given if given is not None else PROJECT_EVAL / "questions.yaml"
    if not path.is_file():
        hint = "" if given is not None else " (the project's eval/ is not next to this installation)"
        raise ConfigError(f"no evaluation questions at {path}{hint}; pass --questions FILE "
                          "(the project's eval/questions.yaml).")
    return path


def reports_dir(questions: Path, given: Path | None = None) -> Path:
    """Reports go where asked, else to reports/ next to the questions."""
    return given if given is not None else questions.parent / "reports"
