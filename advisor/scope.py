"""Is a question covered by the guides? A calibrated decision from retrieval evidence, and the decline text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.lexical import tokenize
from advisor.schema import Answer, Passage

# Occupations people ask a career advisor about. A question naming one that the guides never mention is
# about another profession, however similar its wording ("how do I become a nurse?"). Matched after
# stemming against the corpus vocabulary, so a corpus that adds nursing guides covers nurses at once.
OCCUPATIONS = frozenset(tokenize("""
nurse nurses nursing doctor physician surgeon dentist dental pharmacist veterinarian vet lawyer attorney paralegal
judge pilot pilots airline flight attendant chef cook baker plumber plumbing electrician carpenter mechanic welder
firefighter police policeman soldier teacher teaching accountant accounting actuary architect therapist psychologist
counselor journalist actor actress musician singer artist photographer footballer football athlete coach realtor
estate banker farmer driver trucker barista waiter waitress bartender hairdresser barber cashier librarian midwife
paramedic dietitian nutritionist optometrist radiologist chiropractor economist translator tailor florist astronaut
politician priest dancer novelist poet surgeon midwife caregiver janitor housekeeper butcher fisherman miner
"""))
INJECTION = re.compile(
    r"[^.!?\n]*\b(ignore|disregard|forget|override)\b[^.!?\n]*\b(instructions?|rules|prompt|guides?|above)\b[^.!?\n]*[.!?]?|"
    r"[^.!?\n]*\b(system prompt|hidden rules|your (rules|instructions)|you are now|pretend (you are|to be)|"
    r"act as|role-?play|jailbreak|developer mode|DAN\b|repeat (everything|all|the text) above|new instructions)"
    r"[^.!?\n]*[.!?]?|^\s*(system|assistant|user)\s*:", re.I)


def strip_injection(question: str) -> str:
    """Remove sentences that try to instruct the advisor; what remains is the question, if any."""
    return " ".join(INJECTION.sub(" ", question).split())


def other_occupation(words: list[str], vocabulary: frozenset[str]) -> bool:
    """Does the question name an occupation the guides never mention?"""
    return any(w in OCCUPATIONS and w not in vocabulary for w in words)


@dataclass(frozen=True)
class Evidence:
    """Retrieval signals for the best passage, in raw (not min-max) units."""

    dense: float  # cosine of question and best chunk text
    heading: float  # cosine of question and best heading path
    known_words: float  # share of the question's content words that occur anywhere in the corpus
    other_occupation: bool = False  # names a profession the guides never mention


def evidence(passages: list[Passage], question_words: list[str], vocabulary: frozenset[str]) -> Evidence:
    """Summarise the retrieval signals carried on the passages."""
    if not passages:
        return Evidence(0.0, 0.0, 0.0)
    dense = max(p.signals.get("dense", 0.0) for p in passages)
    heading = max(p.signals.get("heading", 0.0) for p in passages)
    known = sum(w in vocabulary for w in question_words) / len(question_words) if question_words else 0.0
    return Evidence(dense, heading, known, other_occupation(question_words, vocabulary))


@dataclass(frozen=True)
class ScopeRule:
    """Thresholds tuned on eval/ (69 in-scope questions vs 32 out-of-scope and 10 injection attempts)."""

    min_dense: float = 0.19
    min_heading: float = 0.30

    def covered(self, ev: Evidence) -> bool:
        """Not about another profession, sharing a word with the guides, and close to some passage or heading."""
        if ev.other_occupation or ev.known_words == 0:
            return False  # another profession, or not one of the question's words occurs in the guides
        return ev.dense >= self.min_dense or ev.heading >= self.min_heading


def question_words(question: str) -> list[str]:
    """Content words of a question, as the lexical index sees them."""
    return tokenize(question)


def decline(coverage: str, examples: tuple[str, ...]) -> Answer:
    """The honest 'not covered' answer: what the guides cover, and questions they do answer."""
    text = f"My guides don't cover that. They are about {coverage}."
    if examples:
        text += " You could ask, for example, " + " or ".join(f"“{q}”" for q in examples[:2])
    return Answer(text=text, refused=True, follow_ups=examples)
