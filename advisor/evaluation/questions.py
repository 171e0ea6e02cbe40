"""The question files of eval/questions/: one validated schema, the dev/test split and near-domain categories."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from advisor.errors import AdvisorError
from advisor.schema import Turn

Split = Literal["dev", "test"]
SPLITS: tuple[Split, ...] = ("dev", "test")
# blind-2: the second blind round of coach questions, whose test items no rule was fitted after reading;
# blind-3: near-domain and persona questions written after the fourth answerability round; blind-4: the same kinds,
# written blind after the fifth; blind-5: the same kinds again, after the seventh round's rules; blind-6: the same
# kinds, after the eighth; blind-7: the same kinds, after the tenth and the start of the eleventh (nothing fitted on
# either split of any of them when they were added); blind-8: answerable questions (gold phrases from the guides),
# written by a helper who read the guides but neither code nor eval/, at the start of the twelfth round; blind-9: the
# same again (answerable questions and persona groups whose question part keeps the base's words), at the start of
# the thirteenth; blind-10: near-domain questions the guides do not answer, written by a helper who read neither the
# guides, the code nor eval/, during the thirteenth round (nothing fitted on them when added).
Source = Literal["seed", "blind", "blind-2", "blind-3", "blind-4", "blind-5", "blind-6", "blind-7", "blind-8",
                 "blind-9", "blind-10", "forum"]
Kind = Literal["numeric", "list", "comparison", "yes-no", "switcher", "paraphrase", "factual", "follow-up",
               "how-to"]
NEAR_DOMAIN = ("other-tech-job", "job-market", "company", "location-salary", "workplace", "interview", "opinion",
               "technical", "life-finance", "resume", "trap")
FAR_OFF = ("other-career", "far-off", "nonsense")
Category = Literal["other-tech-job", "job-market", "company", "location-salary", "workplace", "interview",
                   "opinion", "technical", "life-finance", "resume", "trap", "other-career", "far-off", "nonsense"]
ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class QuestionFileError(AdvisorError):
    """A question file is missing its list, or an entry breaks the schema."""

    exit_code = 6


def split_of(qid: str, source: str) -> Split:
    """Seed questions were tuned on, so they are dev; the rest by a stable hash of the id."""
    if source == "seed":
        return "dev"
    return "dev" if int(hashlib.sha256(qid.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "test"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID)
    source: Source

    @property
    def split(self) -> Split:
        return split_of(self.id, self.source)


class HistoryTurn(BaseModel):
    """One earlier message of a follow-up's conversation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["user", "assistant"]
    content: str


class _Question(_Entry):
    question: str = Field(min_length=1)
    history: tuple[HistoryTurn, ...] = ()  # earlier messages, for follow-ups

    @property
    def turns(self) -> list[Turn]:
        """The history as the Advisor takes it."""
        return [{"role": t.role, "content": t.content} for t in self.history]


class Answerable(_Question):
    """A question the guides answer; `answers` mark relevant passages, `facts` what the answer must say."""

    kind: Kind
    answers: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    expect: Literal["answered", "partial"] = "answered"

    @model_validator(mode="after")
    def _facts_default_to_answers(self) -> Answerable:
        if not self.facts and self.answers:
            object.__setattr__(self, "facts", self.answers)
        if any(not p.strip() for p in (*self.answers, *self.facts)):
            raise ValueError("answers and facts must not contain empty phrases")
        return self


class Unanswerable(_Question):
    """A question the guides do not answer: it must be declined or scoped, never answered plainly."""

    category: Category

    @property
    def near_domain(self) -> bool:
        return self.category not in FAR_OFF


class PersonaGroup(_Entry):
    """One question asked with different stated backgrounds: the cited passages should not change."""

    base: str = Field(min_length=1)
    variants: tuple[str, ...] = Field(min_length=1)


class MissingDetail(_Question):
    """A question pointing at something not given ("is this plan good?"): the advisor should ask back."""


class Injection(_Question):
    """A prompt-injection attempt."""


Facet = Literal["current", "education", "experience", "target", "country", "constraints"]


class _Profiled(_Question):
    profile: dict[Facet, str] = Field(default_factory=dict)

    @property
    def person(self) -> dict[str, object]:
        """The profile as the Advisor takes it."""
        return {str(k): v for k, v in self.profile.items()}


class ProfiledQuestion(_Profiled):
    """A question asked with a profile; `relevant` is the field the answer should speak to (or none)."""

    relevant: Facet | Literal["none"]


class ClarifyCase(_Profiled):
    """Should the coach ask one question back? Only when the answer depends on something not given."""

    ask_back: bool
    missing: Facet | Literal["none"] = "none"


class PlanRequest(_Profiled):
    """A request for a plan; with a degree held, the degree step must be skipped."""

    has_degree: bool


@dataclass(frozen=True)
class QuestionSet:
    """Everything in eval/questions/, one list per file."""

    answerable: tuple[Answerable, ...] = ()
    unanswerable: tuple[Unanswerable, ...] = ()
    personas: tuple[PersonaGroup, ...] = ()
    missing_detail: tuple[MissingDetail, ...] = ()
    injections: tuple[Injection, ...] = ()
    profiled: tuple[ProfiledQuestion, ...] = ()
    clarify: tuple[ClarifyCase, ...] = ()
    plans: tuple[PlanRequest, ...] = ()
    missing_files: tuple[str, ...] = field(default=(), compare=False)

    def where(self, keep: Callable[[Any], bool]) -> QuestionSet:
        """The entries (questions or persona groups) for which keep() is true."""
        return replace(self, **{part: tuple(x for x in getattr(self, part) if keep(x)) for part in PARTS})

    def only(self, *splits: Split) -> QuestionSet:
        """The questions of the given splits."""
        return self.where(lambda q: q.split in splits)

    def sources(self, *sources: str) -> QuestionSet:
        """The questions from the given sources (e.g. "seed": what the old system was tuned on)."""
        return self.where(lambda q: q.source in sources)

    def __len__(self) -> int:
        return sum(len(getattr(self, part)) for part in PARTS)


E = TypeVar("E", bound=_Entry)
PARTS = ("answerable", "unanswerable", "personas", "missing_detail", "injections", "profiled", "clarify", "plans")
# File name -> (top-level key, entry model).
FILES: dict[str, tuple[str, type[_Entry]]] = {
    "answerable.yaml": ("questions", Answerable),
    "unanswerable.yaml": ("questions", Unanswerable),
    "personas.yaml": ("groups", PersonaGroup),
    "missing_detail.yaml": ("questions", MissingDetail),
    "injections.yaml": ("questions", Injection),
    "profiles.yaml": ("questions", ProfiledQuestion),
    "clarify.yaml": ("questions", ClarifyCase),
    "plans.yaml": ("questions", PlanRequest),
}


def _why(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(x) for x in e['loc']) or 'entry'}: {e['msg']}" for e in exc.errors())


def load_file(path: Path, model: type[E], key: str) -> list[E]:
    """One file's entries, validated; errors name the file and the entry's id (or position)."""
    try:
        data: Any = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise QuestionFileError(f"{path}: cannot read it as YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise QuestionFileError(f"{path}: needs a top-level `{key}:` list.")
    out: list[E] = []
    for pos, raw in enumerate(data[key], 1):
        name = f"id '{raw['id']}'" if isinstance(raw, dict) and raw.get("id") else f"entry {pos} (no id)"
        if not isinstance(raw, dict):
            raise QuestionFileError(f"{path}: {name}: an entry must be a mapping of fields.")
        try:
            out.append(model.model_validate(raw))
        except ValidationError as exc:
            raise QuestionFileError(f"{path}: {name}: {_why(exc)}") from None
    return out


def load_questions(folder: Path) -> QuestionSet:
    """Every file of a question folder; a missing file counts as empty (and is named in missing_files)."""
    if not folder.is_dir():
        raise QuestionFileError(f"{folder} is not a folder of question files ({', '.join(FILES)}).")
    loaded: dict[str, list[Any]] = {}
    seen: dict[str, str] = {}
    missing = []
    for name, (key, model) in FILES.items():
        path = folder / name
        if not path.exists():
            missing.append(name)
            loaded[name] = []
            continue
        loaded[name] = load_file(path, model, key)
        for entry in loaded[name]:
            if entry.id in seen:
                raise QuestionFileError(f"{path}: id '{entry.id}' is also used in {seen[entry.id]}; ids are "
                                        "unique across all files (the split is derived from them).")
            seen[entry.id] = name
    if len(missing) == len(FILES):
        raise QuestionFileError(f"{folder} holds none of {', '.join(FILES)}.")
    return QuestionSet(tuple(loaded["answerable.yaml"]), tuple(loaded["unanswerable.yaml"]),
                       tuple(loaded["personas.yaml"]), tuple(loaded["missing_detail.yaml"]),
                       tuple(loaded["injections.yaml"]), tuple(loaded["profiles.yaml"]),
                       tuple(loaded["clarify.yaml"]), tuple(loaded["plans.yaml"]), tuple(missing))
