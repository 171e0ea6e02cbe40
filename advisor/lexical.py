"""Word-level text statistics: BM25 over chunk text (an inverted index, numpy per query term, so large corpora
stay fast), the guides' forms, names and abbreviations read off their text, and English word frequencies."""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache

import numpy as np

# English function words, with the contractions as people type them without an apostrophe ("whats the salary"
# is not about "whats").
STOPWORDS = frozenset(
    """
a about above after again against all am an and any are aren't as at be because been before being
below between both but by can could did do does doing don't down during each few for from further
had has have having he her here hers herself him himself his how i if in into is isn't it it's its
itself just let's me more most my myself no nor not of off on once only or other ought our ours
ourselves out over own same she should so some such than that that's the their theirs them
themselves then there these they this those through to too under until up very was we were what
what's when where which while who whom why will with would you your yours yourself yourselves i'm
you're also get one s t else
whats hows wheres whos whens whys im ive dont doesnt didnt isnt arent wasnt werent cant couldnt wont wouldnt
shouldnt youre thats theres lets
""".split()  # noqa: SIM905 -- a word list reads better as text
)

TOKEN = re.compile(r"[a-z0-9][a-z0-9+#]*")
# Letters of suffix a word may differ by from a guide's term and still be that term: stem strips "es" from
# "websites" but leaves "website" whole, and "ly" from nothing ("remotely"/"remote"), so forms of one word end
# up a letter or two apart. Set by reading the stemmer; checked on dev (eval/tuned.yaml).
STEM_SLACK = 2
# ...but not by the ending that makes a person of a thing: a "youtuber" is not YouTube, a "designer" not a design.
AGENT = frozenset({"r", "er"})


def guide_form(term: str, vocabulary: AbstractSet[str], ordered: Sequence[str]) -> str | None:
    """The guides' form of a stemmed term (`ordered` is the sorted vocabulary): itself, or one up to STEM_SLACK
    letters of suffix shorter or longer ("websit" of "websites" is "website"), or None."""
    if term in vocabulary:
        return term
    if len(term) < 4:
        return None
    for k in range(1, STEM_SLACK + 1):
        if term[:-k] in vocabulary and term[-k:] not in AGENT:
            return term[:-k]
    i = bisect.bisect_left(ordered, term)
    return next((t for t in ordered[i:i + 8]
                 if t.startswith(term) and len(t) - len(term) <= STEM_SLACK and t[len(term):] not in AGENT), None)


@lru_cache(maxsize=200_000)  # words repeat: at the scale corpus stemming was a fifth of an answer's time
def stem(word: str) -> str:
    """A light suffix stripper: enough to match salary/salaries, skill/skills, learn/learning."""
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + repl
    return word


# The words an English question opens with (after a "so", "and" or "but").
# "wheelchair user here", "java dev here": the self-introduction idiom, up to four words and "here", not a question
# ("anyone here...", "is there work here"). A pattern fragment: the person-facts rule and the question back add
# what may follow it.
SELF_INTRO = (r"(?!(?:what|whats|how|which|where|when|why|who|is|are|do|does|can|any|anyone|any ?body)\b)"
              r"(?:[a-z-]+ ){1,4}here")
# "move into ML from backend", "switching from accounting to ml": the field they leave, named after a verb of
# changing (general English, not words of the guides); "from home" is where they would work, not where they come from.
CAME_FROM = re.compile(r"\b(?:mov\w*|switch\w*|transition\w*|pivot\w*|chang\w*|shift\w*|com(?:e|ing)|"
                       r"get(?:ting)? in(?:to)?|break\w* in(?:to)?)\b[^.?!,;]{0,40}?\bfrom\s+(?!home\b)"
                       r"((?:an?\s+|the\s+)?[a-z][\w+#/&-]*(?:\s+[a-z][\w+#/&-]*){0,2}?)"
                       r"(?=\s+(?:to|into|and)\b|\s*[,.?!;()]|$)", re.I)
# The degree the person says they hold ("i have a physics degree", "with a bsc in biology"): where they start.
DEGREE_SAID = re.compile(r"\b(?:i (?:already )?have|i've (?:already )?got|i hold|i got|i did|i earned|i finished|"
                         r"with)\s+(?:an?\s+|my\s+)?"
                         r"((?:[a-z.]+\s+){0,3}(?:degree|bachelor'?s?|master'?s?|bsc|msc|phd|ba|bs|ms)\b"
                         # ...ending where a sentence, a clause or an aside does ("a phd in physics (condensed matter)")
                         r"(?:\s+(?:in|of)\s+[a-z ]{2,30}?)?)(?=[,.;!?]|\s*[(\[]|\s+(?:and|but)\b|$|"
                         # "i have a bachelors in accounting from 1985 haha" (a thirty-fourth probe was asked for it)
                         r"\s+(?:from|in|since|back in)\s+'?(?:19|20)?\d\d\b)", re.I)
QUESTION_OPENER = re.compile(
    r"^(?:so\s+|and\s+|but\s+)?(what|whats|what's|how|hows|which|who|where|when|why|is|are|am|do|does|did|can|"
    r"could|would|should|will|shall|may|might|was|were|any|thoughts|wondering|im wondering|tips|advice|best)\b",
    re.I)
# Where one sentence ends and the next begins ("...? im 61 and have a bad back lol").
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=\S)")
# Dotted abbreviations ("Ph.D.", "M.S."): one term, as people type them ("phd", "ms").
DOTTED = re.compile(r"\b(?:[a-z]{1,2}\.){1,3}[a-z]\b\.?")


def tokenize(text: str) -> list[str]:
    """Lower-cased, stop-worded, stemmed terms."""
    text = DOTTED.sub(lambda m: m.group(0).replace(".", ""), text.lower().replace("’", "'"))
    return [stem(t) for t in TOKEN.findall(text) if t not in STOPWORDS]


class BM25:
    """Okapi BM25 (k1=1.5, b=0.75) over a fixed list of texts."""

    def __init__(self, texts: list[str], k1: float = 1.5, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.size = len(texts)
        lengths = np.zeros(self.size, dtype=np.float32)
        postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, text in enumerate(texts):
            counts = Counter(tokenize(text))
            lengths[i] = sum(counts.values())
            for term, tf in counts.items():
                postings[term].append((i, tf))
        avg = float(lengths.mean()) if self.size else 1.0
        self._norm = k1 * (1 - b + b * lengths / max(avg, 1e-9))
        self._postings = {t: (np.array([d for d, _ in p], dtype=np.int64),
                              np.array([f for _, f in p], dtype=np.float32)) for t, p in postings.items()}

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every term that occurs in some text."""
        return frozenset(self._postings)

    def idf(self, term: str) -> float:
        df = len(self._postings[term][0]) if term in self._postings else 0
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every text for the query."""
        out = np.zeros(self.size, dtype=np.float32)
        # Only the query's own forms: searching "remotely" as the texts' "remote" (guide_form) helped dev by one
        # answer but not the test split's retrieval, which the issue asks to keep signals by (README).
        for term in set(tokenize(query)):
            if term not in self._postings:
                continue
            docs, tf = self._postings[term]
            out[docs] += self.idf(term) * tf * (self.k1 + 1) / (tf + self._norm[docs])
        return out

    def top(self, query: str, n: int) -> list[tuple[int, float]]:
        """Indices and scores of the n best texts with a positive score."""
        return self.top_of(self.scores(query), n)

    def top_of(self, s: np.ndarray, n: int) -> list[tuple[int, float]]:
        """The n best positive entries of a score array, best first."""
        if not self.size:
            return []
        n = min(n, self.size)
        idx = np.argpartition(-s, n - 1)[:n]
        ranked = sorted(((int(i), float(s[i])) for i in idx if s[i] > 0), key=lambda x: -x[1])
        return ranked


# A list item's label ("- Insurance: ...") and a table row are capitalised by layout, not because they name something.
_ITEM_LABEL = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+[^:]{0,60}:")
# As tokenize splits ("LeetCode-style", "Google's"), and joins dotted initials as it does ("Ph.D" is one word, not
# a name "Ph": "do the guides say anything about PhDs" was declined, the Ph.D they name not found as one).
_PROSE_WORD = re.compile(rf"{DOTTED.pattern}|[A-Za-z][A-Za-z0-9+#]*", re.I)
NAME_CASE = 4  # written capitalised mid-sentence at least this many times as often as not: a proper name


def proper_names(texts: Sequence[str]) -> dict[str, tuple[str, int]]:
    """Terms the texts write capitalised inside running sentences ("Google", "Kaggle", "PyTorch"), derived from
    the texts themselves: stemmed term -> (its most common written form, how many texts use the term at all).

    A sentence's first word and title-case lines (labels, headings) say nothing about a word; nor do words of one
    letter ("R" is also "r u sure")."""
    upper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    docs: Counter[str] = Counter()

    def term(word: str) -> str:  # as tokenize reads one word ('' for a stopword): stemmed, lower case
        low = word.lower().replace(".", "")
        return "" if low in STOPWORDS else stem(low)

    for text in texts:
        docs.update({term(w) for w in _PROSE_WORD.findall(text)})
        for line in text.splitlines():
            if line.lstrip().startswith(("|", "#")):
                continue
            for sentence in SENTENCE_BREAK.split(_ITEM_LABEL.sub("", line)):
                said = _PROSE_WORD.findall(sentence)
                if len(said) < 5 or sum(w[0].isupper() for w in said) * 2 > len(said):
                    continue
                for w in said[1:]:
                    if not (t := term(w)):
                        continue
                    if w[0].isupper():
                        upper[t] += 1
                        forms[t][w.rstrip(".")] += 1  # "Ph.D." ending a sentence is "Ph.D"
                    else:
                        lower[t] += 1
    return {t: (forms[t].most_common(1)[0][0], docs[t]) for t, n in upper.items()
            if len(t) > 1 and n >= NAME_CASE * lower[t] and docs[t]}


# "Machine Learning (ML)": an abbreviation in brackets right after the words whose initials it spells.
_BRACKETED = re.compile(r"\(([A-Z][A-Za-z]{1,6})\)")
_WORDS_BEFORE = re.compile(r"[A-Za-z][\w-]*")
# An abbreviation that is also a common English word ("Information Technology (IT)", "the United States (US)")
# is never read as one in a question: "is it worth it" stays as typed. Zipf 4.5 keeps AI (4.2), ML and CNN and
# drops it, us, ok, art (set on these examples, not on eval/).
ABBREVIATION_ZIPF = 4.5


def abbreviations(texts: Sequence[str]) -> dict[str, str]:
    """Abbreviations the texts define, lower case -> the words they stand for ("ml" -> "machine learning"): a
    question that says "ML engineer" then reads as the guides write it, whichever form the person typed."""
    out: dict[str, str] = {}
    for text in texts:
        for m in _BRACKETED.finditer(text):
            short = m.group(1)
            letters = (short[:-1] if short.endswith("s") and len(short) > 2 else short).lower()  # "CNNs"
            if letters in STOPWORDS or english_zipf(letters) >= ABBREVIATION_ZIPF:
                continue
            before = text[max(0, m.start() - 120):m.start()]
            if not before.endswith((" ", "\n")):
                continue
            words = _WORDS_BEFORE.findall(before.split("\n")[-1])[-len(letters):]
            if len(words) == len(letters) and "".join(w[0].lower() for w in words) == letters:
                out.setdefault(letters, " ".join(w.lower() for w in words))
    return out


# People type the initials of a phrase the guides use often ("cs" for "computer science", "nlp"): a two- or
# three-word phrase of content words in at least ACRONYM_SHARE of the texts read, and in ACRONYM_DOCS of them
# (at most about ACRONYM_SAMPLE texts are read, a bound on time at scale, not tuned). Set on the seed guides'
# phrase counts and the scale corpus (a throwaway script), not on eval/ (eval/tuned.yaml).
ACRONYM_SHARE, ACRONYM_DOCS = 0.02, 5
ACRONYM_SAMPLE = 2000


def _sample(texts: Sequence[str]) -> Sequence[str]:
    """At most about ACRONYM_SAMPLE of the texts, evenly spread: a bound on time on a large corpus."""
    return texts[::max(1, len(texts) // ACRONYM_SAMPLE)]


def acronyms(texts: Sequence[str]) -> frozenset[str]:
    """The initials of the texts' frequent phrases, lower case ("cs", "nlp", "mle"), never a common English word
    ("it" of "information technology", "us")."""
    docs: Counter[tuple[str, ...]] = Counter()
    sample = _sample(texts)
    for text in sample:
        ws = re.findall(r"[a-z]+", text.lower())
        content = [len(w) > 1 and w not in STOPWORDS for w in ws]
        docs.update({tuple(ws[i:i + n]) for n in (2, 3) for i in range(len(ws) - n + 1) if all(content[i:i + n])})
    least = max(ACRONYM_DOCS, ACRONYM_SHARE * len(sample))
    return frozenset(short for g, n in docs.items() if n >= least
                     if english_zipf(short := "".join(w[0] for w in g)) < ABBREVIATION_ZIPF)


# A name written in camel case ("JavaScript", "TensorFlow"): people type its capitals ("js", "tf").
CAMEL = re.compile(r"\b(?:[A-Z][a-z]+){2,}\b")


def camel_initials(texts: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """The initials of the names the texts write in camel case, lower case, each with those names ("js":
    ("javascript",)). Whether a person typing them means the name is the embedding model's call (clipped_alike)."""
    out: defaultdict[str, set[str]] = defaultdict(set)
    for text in _sample(texts):
        for m in CAMEL.finditer(text):
            out["".join(c for c in m.group(0) if c.isupper()).lower()].add(m.group(0).lower())
    return {k: tuple(sorted(v)) for k, v in out.items() if k not in STOPWORDS}


# People clip the words a field says most ("ml eng", "algo", "prog"): a word the guides use in at least this share
# of chunks, and at least CLIPPED_FROM letters long, is known by its first three or four letters too (set from the
# seed guides, not from questions: at 0.2 the clipped words are algorithm, computer, engineer, experience,
# knowledge, machine, programm(ing), project, science, software, system; eval/tuned.yaml says how to print them).
CLIP_SHARE = 0.2
CLIPPED_FROM = 6
# ...unless the start is a word of its own that English uses as often as this: "mac" (4.45, the computer), "com"
# (4.22, of web addresses), "soft" (4.68) are not "machine", "computer", "software"; "sci" (3.94) and "comp"
# (3.85) are kept. Set from those words, not from questions.
CLIP_ZIPF = 4.0


def clippings(texts: Sequence[str]) -> dict[str, str]:
    """The three- and four-letter starts of the terms in at least CLIP_SHARE of the texts, each with the word it
    is most often the start of there ('' where two terms start alike: "pro" of "project" and "programming")."""
    df: Counter[str] = Counter()
    written: defaultdict[str, Counter[str]] = defaultdict(Counter)
    sample = _sample(texts)
    for t in sample:
        surface = [w for w in TOKEN.findall(t.lower()) if w not in STOPWORDS]
        df.update({stem(w) for w in surface})
        for w in surface:
            written[stem(w)][w] += 1
    out: dict[str, str] = {}
    for term, k in df.items():
        if k >= CLIP_SHARE * len(sample) and len(term) >= CLIPPED_FROM:
            word = written[term].most_common(1)[0][0]
            for start in {term[:3], term[:4]}:
                if english_zipf(start) < CLIP_ZIPF:
                    out[start] = "" if start in out and out[start] != word else word
    return out


def spelled_out(text: str, expansions: dict[str, str]) -> str:
    """The text with each abbreviation of `expansions` written out (whole words, any case)."""
    if not expansions:
        return text
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(expansions, key=len, reverse=True)))
                         + r")(?![\w-])", re.I)
    return pattern.sub(lambda m: expansions[m.group(1).lower()], text)


# "terrible at math", "my math is super rusty", "bad with numbers", "i hate coding": a weakness, in English.
WEAK_AT = re.compile(r"\b(?:bad|terrible|awful|weak|poor|not (?:very |that |so |really )?good|rubbish|hopeless|"
                     r"struggl\w*|sucks?|hat(?:e|es|ed)|scared of|afraid of|forgot(?: most of)?)\s+"
                     r"(?:at|with|in|of)?\s*(?:the\s+)?([a-z]+)|\bmy\s+([a-z]+)\s+(?:is|are)\s+(?:\w+\s+)?(?:rusty|weak|bad|terrible|"
                     r"poor|awful|not great)\b|"
                     # "coding honestly scares me" (a twentieth probe), "the maths part scares me" (a twenty-second)
                     r"\b([a-z]+)(?:\s+(?:part|side|stuff|bit))?\s+(?:honestly\s+|really\s+|kinda\s+|still\s+)?"
                     r"(?:scares|terrifies|intimidates|frightens|worries)\s+me\b|"
                     r"\b([a-z]+)\s+(?:is|are)\s+my\s+(?:weak(?:est)?\s+(?:spot|point|area|side)|weakness)\b", re.I)


def weak_areas(text: str) -> list[tuple[str, str]]:
    """Each thing the person says they are weak at ("math" of "terrible at math"), lowercased, with the text after
    what says so ("math and it scares me": " and it scares me")."""
    found = [(next((g for g in m.groups() if g), "").lower(), text[m.end():]) for m in WEAK_AT.finditer(text)]
    return [(w, after) for w, after in found if w and w not in STOPWORDS]


def weak_at(text: str) -> list[str]:
    """What the person says they are weak at ("math" of "terrible at math"), each once."""
    return list(dict.fromkeys(w for w, _ in weak_areas(text)))


# Chat spellings of everyday English words ("wich programing langauge shud i lern first", "do u need 2 be..."): read
# as the words they stand for, so a question's shape (which, should, you) and its words are those of the plain
# question. General English chat, not fitted: only forms that are never words of their own ("r" may be the language R,
# "2" a count, "ur" is "your" or "you're").
CHAT_SPELLINGS = {"u": "you", "ya": "you", "wat": "what", "wut": "what", "wht": "what", "wich": "which",
                  "whcih": "which", "shud": "should", "shld": "should", "wud": "would", "cud": "could", "cn": "can",
                  "abt": "about", "bc": "because", "cuz": "because", "coz": "because", "bcoz": "because",
                  "ppl": "people", "rly": "really", "smth": "something", "sth": "something", "enuf": "enough",
                  "becum": "become", "tho": "though", "thru": "through", "gud": "good", "gonna": "going to",
                  "wanna": "want to", "gotta": "have to", "dunno": "don't know", "b4": "before", "w/o": "without",
                  "w/": "with"}  # "pls", "thx": chat filler already, never a topic
_CHAT_WORD = re.compile(r"(?<![\w'’/])(" + "|".join(re.escape(w) for w in sorted(CHAT_SPELLINGS, key=len, reverse=True))
                        + r")(?![\w'’/]|\.\w)", re.I)  # not "u.s."


def chat_spelled(text: str) -> str:
    """The text with chat spellings of everyday words written out ("shud u lern" -> "should you lern")."""
    return _CHAT_WORD.sub(lambda m: CHAT_SPELLINGS[m.group(1).lower()], text)


FIRST_PERSON = re.compile(r"^\W*(?:i|i'm|im|i’m|i've|ive|my)\b", re.I)  # a sentence about the one asking (English)


def asking_part(text: str) -> str:
    """The sentences that ask (a "?" or a question word first), when the text also states things: "I don't
    enjoy my accounting job anymore. what does an ml engineer do?" asks only its second sentence."""
    sentences = SENTENCE_BREAK.split(text.strip())
    asking = [t for i, t in enumerate(sentences) if QUESTION_OPENER.match(t) or ("?" in t and not (
        # a statement about themselves after the question, given the "?" every question is searched with
        # (as_question): "how much would i make starting out? I make 62k teaching rn" (a thirty-fifth probe was told
        # there was no figure)
        i == len(sentences) - 1 and "?" in " ".join(sentences[:i]) and t.find("?") == len(t.rstrip()) - 1
        and FIRST_PERSON.match(t)))]
    return " ".join(asking) if asking and len(sentences) > 1 else text


def asking_clause(text: str) -> str:
    """The part that asks (asking_part), from the clause that opens with a question word on: "I'm a PhD student in
    physics, what should I put in my portfolio?" asks about a portfolio, not a degree."""
    clauses = asking_part(text).split(",")
    first = next((i for i, c in enumerate(clauses) if i and QUESTION_OPENER.match(c.strip())), 0)
    return ",".join(clauses[first:]).strip()


def plain_letters(text: str) -> str:
    """Accented letters without their accents ("Géron" -> "Geron", "São Paulo" -> "Sao Paulo"); nothing else changed.
    Every rule and term here reads ASCII words, so an accent would split a name in two (a thirty-first probe was told
    the guides say nothing about “ron”)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text)
                                                if not unicodedata.combining(c)))


def english_zipf(word: str) -> float:
    """How common the word is in English (wordfreq's Zipf scale: 0 unknown, 3 once per million words, 7 "the")."""
    from wordfreq import zipf_frequency  # loads its word list on first use (about 0.1 s), not at import

    return float(zipf_frequency(word, "en"))


# Languages a question is checked against when much of it is not English: common ones written in Latin letters
# (wordfreq has each). A question in another script is told by its letters alone. The shares below were set on
# examples of my own, not fitted on eval/ (which has no such questions; a test checks none of its are taken).
OTHER_LANGUAGES = ("es", "fr", "de", "pt", "it", "nl")
UNCOMMON_SHARE, UNCOMMON_ZIPF = 0.3, 3.0  # below this share of words rarer than this in English: English
FOREIGN_MARGIN, FOREIGN_SHARE = 1.0, 0.5  # Zipf by which another language must beat English, on this share
_ANY_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def other_language(text: str) -> bool:
    """Is the message written in a language other than English? Most of its words are rare in English and
    markedly commoner in one other language, or most of its letters are not Latin. English with typos is not:
    a misspelling is rare in every language."""
    from wordfreq import zipf_frequency

    letters = [c for c in text if c.isalpha()]
    if letters and sum(ord(c) > 0x24F for c in letters) * 2 > len(letters):
        return True
    said = [w.lower() for w in _ANY_WORD.findall(text)]
    if len(said) < 3:
        return False
    en = [english_zipf(w) for w in said]
    if sum(e < UNCOMMON_ZIPF for e in en) / len(said) < UNCOMMON_SHARE:
        return False  # mostly common English words: the other lists (a moment to load) are not needed
    pairs = list(zip(said, en, strict=True))
    return any(sum(zipf_frequency(w, lang, wordlist="small") >= e + FOREIGN_MARGIN for w, e in pairs) / len(said)
               >= FOREIGN_SHARE for lang in OTHER_LANGUAGES)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_SUFFIXES = ("ing", "ed", "es", "ly", "er", "s", "d")


@cache
def common_english(zipf: float) -> frozenset[str]:
    """English words at least this common (wordfreq lists them most common first: found by bisection)."""
    from wordfreq import top_n_list

    words = top_n_list("en", 100_000)
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi) // 2
        lo, hi = (mid + 1, hi) if english_zipf(words[mid]) >= zipf else (lo, mid)
    return frozenset(words[:lo])


def english_variant(word: str, common: float, rare: float) -> bool:
    """A misspelling of a common English word (one edit from a word of Zipf >= common: "differntly"; two for a long
    word: "dissapear") or a rare inflection of a known one ("lowballed": "lowball" has Zipf >= rare)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    one_edit = {a + b[1:] for a, b in splits if b} | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1} | \
        {a + c + b[1:] for a, b in splits if b for c in _LETTERS} | {a + c + b for a, b in splits for c in _LETTERS}
    if (one_edit - {word}) & common_english(common) or english_inflection(word, rare):
        return True
    return len(word) >= LONG_WORD and _near_common(word, common)


# From this length, two edits still leave most of a word: "dissapear" is "disappear" misspelt, not a name.
LONG_WORD = 8


def _near_common(word: str, common: float) -> bool:
    """Within two edits (letters swapped count as one) of an English word of Zipf >= common, of about its length."""
    from rapidfuzz.distance import OSA

    return any(OSA.distance(word, w, score_cutoff=2) <= 2 for w in common_by_length(common).get(len(word), ()))


@cache
def common_by_length(common: float) -> dict[int, tuple[str, ...]]:
    """common_english grouped so a word is compared only with those of its length, one shorter or one longer."""
    out: defaultdict[int, list[str]] = defaultdict(list)
    for w in common_english(common):
        for n in (len(w) - 1, len(w), len(w) + 1):
            out[n].append(w)
    return {n: tuple(ws) for n, ws in out.items()}


# An English word at least this common (Zipf) that a word ending in "-ly" is made from makes it an adverb.
ADVERB_BASE_ZIPF = 3.0


def english_adverb(word: str) -> bool:
    """An adverb made from a common English word ("mostly", "honestly", "realistically", "easily", "probably"): how
    something is asked, never what it is about. Not "family", "supply" or "assembly": no English word before their
    "-ly"; words of five letters or fewer ("early", "reply") are not read."""
    if not word.endswith("ly") or len(word) <= 5:
        return False
    bases = [word[:-2]]
    if word.endswith("ally"):  # "realistically": realistic
        bases.append(word[:-4])
    if word.endswith("ily"):  # "easily": easy
        bases.append(word[:-3] + "y")
    if word.endswith(("ably", "ibly")):  # "probably": probable (not "assembly")
        bases.append(word[:-1] + "e")
    return any(len(b) >= 3 and english_zipf(b) >= ADVERB_BASE_ZIPF for b in bases)


def english_inflection(word: str, rare: float) -> bool:
    """An inflection of an English word of Zipf >= rare ("maxing": "max"), however rare the form itself."""
    return any(word.endswith(s) and len(word) - len(s) >= 3 and english_zipf(word[:-len(s)]) >= rare
               for s in _SUFFIXES)
