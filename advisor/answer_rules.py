"""What a good extractive answer quotes: question kinds, sentence kinds and term weights (pure functions)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet

from advisor.lexical import guide_form, tokenize
from advisor.places import MUCH_OF_MONEY
from advisor.retrieve import BARE_MUCH, expand, unjoined

# A question asking for an amount (money, a count, a duration, a rate). "Years" alone is not one ("in the
# next few years"), nor is "grow" ("how do I grow my career"): figures only help when an amount is asked.
NUMERIC_Q = re.compile(r"\b(how (much|many|long)|salary|salaries|"
                       # "earn a certificate" earns no sum ("earn a year", "earn a living" do)
                       r"earn(s|ing)?(?!\s+(?:a|an|the|my|your)\s+(?!year|month|week|day|hour|living|salary|wage)\w)|"
                       r"pays?|paid|costs?|tuition|fees?|"
                       r"wages?|income|growth rate|percent(age)?|how fast)\b", re.I)
FIGURE = re.compile(r"(\$\s?\d|\d[\d,.]*\s?(%|percent|years?|months?|k\b)|\b(one|two|three|four|five|six)\s"
                    r"(to\s\w+\s)?(years?|months?)\b)", re.I)
LIST_Q = re.compile(r"\b(consists? of|include|stages|kinds of|types of)\b|"
                    r"(?:^|[.?!]\s+)\s*(?:(?:ok(?:ay)?|so|and|then|alright)\W+)?"  # "ok tell me the steps"
                    r"(what(?:['’]?s)?|which|name|list|tell me)\b(?:\s+(?:are|is|r|the|some|of|a|an|good|best|main|top|"
                    r"key|most|common|other|kinds?|sorts?|types?|step by step))*(?:\s+[\w'’-]+){0,2}?\s+"
                    r"(languages|skills|steps|roadmap|tools|industries|companies|resources|"
                    r"options|types|kinds|aspects|responsibilities|specialties|positions|titles|jobs|roles|"
                    r"opportunities|things|ways|websites|platforms|frameworks|libraries|duties|tasks|downsides|"
                    r"benefits|pros|cons|challenges|internships|traits|qualities|"
                    # "what are the career levels for an ml engineer" (a twenty-fourth probe got two rungs of six);
                    # "what's the career path" (dev: a line saying "career path" instead of the ladder)
                    r"levels|ranks|rungs|path|progression|ladder)\b", re.I)
# "how important are internships", "how necessary is a degree": how much a thing matters, which a statement says
# ("While not mandatory, an internship gives you..."), not the list of its kinds (a twenty-fifth probe got the kinds
# of internship). English.
HOW_MUCH_IT_MATTERS = re.compile(r"\bhow\s+(?:(?:much|very|really)\s+)?(?:important|necessary|essential|crucial|"
                                 r"needed|required|vital|valuable|useful|helpful|big of a deal)\b", re.I)
# Whether it is worth it ("internship for ml... worth it or skip", "is it worth doing an internship": a twenty-sixth
# probe got the kinds of internship) is not answered by a list either, unless it asks which are ("which certs are
# worth it" wants them listed). English.
WORTH_IT = re.compile(r"^(?![^?]*\b(?:which|what)\b)[^?]*\bworth\s+(?:it|doing|taking|getting|the\s+(?:money|time|cost|"
                      r"effort|investment))\b", re.I)  # not "is my experience worth anything": whether it counts
YES_NO_Q = re.compile(r"^\s*(do|does|is|are|can|should|will|would|must|need)\b", re.I)
QUESTION_WORDS = ("what", "how", "why", "who", "which", "when", "where")  # English
WH_Q = re.compile(rf"^\s*({'|'.join(QUESTION_WORDS)}|whats|what's)\b", re.I)
# Between a follow-up that asks anew and the earlier questions it is answered after: "is it worth it? (after: how
# much does a degree cost)". Models read it as plain words; the extractive answerer takes its shape from the front.
EARLIER = " (after: "
# After a question about their own route, where the person comes from: "should i learn pytorch or tensorflow? (coming
# from software engineer)". Said of them, not asked: the question's shape is read without it.
CAME_FROM = " (coming from "
EARLIER_WEIGHT = 0.5  # what the words of the earlier questions weigh beside the follow-up's own (by hand)
# "do i need a masters or is a bachelors enough": two questions, so a plain "Yes" answers neither.
EITHER_OR = re.compile(r"\bor\s+(?:is|are|can|could|should|do|does|did|will|would|just|am|was|were|has|have)\b", re.I)
# Sentences that announce what follows ("Here's a practical, step-by-step roadmap."): alone they say nothing.
ANNOUNCES = re.compile(r"^(?:(?:so|and|now|well|ok(?:ay)?),?\s+)?(?:here['’]?s|here is|here are|below (?:is|are))\b"
                       r"[^:]{0,80}\.$", re.I)  # "So here's what a machine learning engineer should know."
# "what comes after senior?", "whats next after a manager", "and after senior?": the items that follow one in a list
# (English).
COMES_AFTER = re.compile(r"(?:\b(?:comes?|is|what['’]?s|next|path|like)\s+(?:next\s+)?|^\W*(?:(?:ok|okay)\s+)?|"
                         r"\b(?:and|so|then)\s+)after\s+(?:being\s+)?(?:an?\s+|the\s+)?"
                         # ...ending the question, or its sentence when only a few words follow that ask nothing
                         # more ("what comes after ml engineer? career progression")
                         r"([a-z][\w+#-]*(?:\s+[a-z][\w+#-]*){0,3}?)\s*(?:[?.!]*\s*$|[?.!]+\s+(?!(?:what|how|which|"
                         r"why|where|when|who|and|is|are|do|does|can)\b)[^?.!]{1,40}[?.!]*\s*$)", re.I)
WHY_LATER = re.compile(r"(?<=\S)\s+why\b", re.I)  # a "why" after the start: a follow-up folded after its thread
# A second question after a yes/no one ("is ml a good career what are the downsides").
WH_LATER = re.compile(r"(?<=\S)\s+(what|which|how|where|who)\b", re.I)
# "are there any good courses?", "can you list...": a yes/no question that asks for the things there are.
# Asking for the one to pick ("python or r, which should i learn first", "what's the best language to start
# with"): a list of every option does not answer it (English; narrowed on dev, eval/tuned.yaml).
ASKS_ONE = re.compile(r"\bwhich\b(?:\s+[\w+#'’-]+){0,5}?\s+(?:first|best|better|to start with)\b|"
                      r"\bwhat(?:['’]?s| is)\s+the\s+best\b|"
                      # "what programming language should i start with" (a twenty-first probe got all seven named
                      # side by side); one thing, not "what skills should i learn first"
                      r"\b(?:what|which)(?:\s+[\w+#'’-]+){0,2}?\s+[\w+#-]*[^\Ws]\s+(?:should|would|do|to)\s+(?:i\s+)?"
                      r"(?:start with|begin with|learn first|start learning|pick first)\b", re.I)
# Asks about one thing by name ("what does a junior ml engineer do", "what is a senior ml engineer responsible for",
# "tell me more about gaming companies", "what about for research roles"): English question shapes.
ONE_THING = re.compile(r"^\W*(?:(?:so|and|ok|okay)\W+)?(?:"
                       r"what\s+(?:does|do|is|are)\s+(?:an?|the)\s+(?P<does>.+?)\s+(?:do|does|doing|responsible for)\b|"
                       r"(?:tell me|can you tell me|explain)\s+(?:more\s+)?about\s+(?:the\s+|an?\s+)?(?P<about>.+?)|"
                       r"what about\s+(?:for\s+)?(?:the\s+|an?\s+)?(?P<what>.+?))\s*[?.!]*\s*$", re.I)
EXISTENTIAL = re.compile(r"^\s*(is|are) there\b|\blist\b", re.I)
CONTRAST = re.compile(r"\b(however|but|not (the only|necessarily|required|mandatory|out of the question|enough)|"
                      r"alternative|while not|although|self-taught|instead|don['’]t need|no specific|"
                      r"isn['’]t required)\b", re.I)
# Sentences about the article rather than the career ("Before we look at...", "The following chart...").
META = re.compile(r"\b(this (article|post|guide|blog)|let['’]s|before we|in this (article|post)|read on|by now|"
                  r"as (mentioned|discussed) (above|earlier)|we mentioned|(listed|shown|mentioned) (above|below)|"
                  r"the following (chart|table|graph|infographic|image|figure))\b", re.I)
# "Machine learning engineers typically perform the following tasks, although...": it announces a list, and quoted
# without the list it points at nothing (English words).
_ANNOUNCING = r"the following|as follows"
ANNOUNCES_LIST = re.compile(rf"\b({_ANNOUNCING})\b", re.I)
# A sentence that only introduces what comes after it ("Here's a list of professions that ... can handle.", "Here are
# the skills:"), as English says so; a statement before a list ("Don't just follow tutorials; create unique projects
# from scratch.") says something of its own.
INTRODUCES = re.compile(rf"\b({_ANNOUNCING}|here(?:['’]s| is| are)|(?:a|this|the) list of|below)\b|:\s*$", re.I)
# Sales-page lines that praise rather than inform: general marketing words, not words of any question.
HYPE = re.compile(r"\b(undisputed|revolution(ary)?|reshap\w*|ideal career|dream (job|career)|exciting new|"
                  r"top-tier|game[- ]chang\w*|unparalleled|the sky is the limit|fascinated by)\b", re.I)
# "Yes, ..." / "No, ..." answers the question its own section asks: it leads only when that is this one.
VERDICT = re.compile(r"^\s*(yes|no|not necessarily|absolutely)\b", re.I)
# ...or when the question is its section's heading in other words: cosine of the two (dev, eval/tuned.yaml).
VERDICT_LIKENESS = 0.8
# ...never when one of them asks the opposite: "can I ... without a degree?" is not "Do I Need a Degree ...?" nor
# "Can I ... through Online Education?", however many words they share (general English negation).
# (n't with its apostrophe, or a negative typed without one: "want" and "student" end in "nt" and deny nothing)
NEGATED = re.compile(r"\b(without|not|never|instead of|skip\w*|except|with no|cannot|dont|doesnt|didnt|isnt|arent|"
                     r"wasnt|werent|cant|wont|shouldnt|wouldnt|couldnt|havent|hasnt|aint)\b|n['’]t\b", re.I)
# Saying a thing is not needed, or that there is a way without it ("A degree is not the only path", "other companies
# don't need any specific educational background", "Many successful ML Engineers are self-taught"): English words.
NOT_NEEDED = re.compile(r"\b(?:not|never|no longer)\s+(?:\w+\s+){0,2}?(?:need\w*|required|necessary|mandatory|"
                        r"essential|compulsory|a must|the only)\b|n['’]t\s+(?:\w+\s+){0,2}?(?:need\w*|required|"
                        r"necessary|mandatory|essential|a must|the only)\b|\b(?:dont|doesnt|didnt|isnt|arent)\s+"
                        r"(?:need\w*|required|necessary|mandatory)\b|\bno specific\b|\bself-taught\b", re.I)
# The clause a sentence turns to, which is its point ("You don't need to be a pure mathematician, but a solid grasp of
# key concepts is vital"): English connectives.
TURNS_TO = re.compile(r"[,;]\s*(?:but|however|yet)\b", re.I)


def asks_need(question: str) -> bool:
    """A yes/no question whether something is needed ("do i need a degree", "is python required"), not whether one can
    do without it ("can i ... without a degree", whose yes is the other side)."""
    asked = asked_now(question)
    return bool(YES_NO_Q.search(asked) and set(tokenize(asked)) & NEED_TERMS and not NEGATED.search(asked))


# The words of a yes/no answer and of asking about a need, which name no thing needed (English).
VERDICT_TERMS = frozenset(tokenize("yes no yeah nope ok"))
KEY_SHARE = 0.5  # the thing needed is named by the question's terms weighing at least this share of its heaviest


def needed_thing(question: str, texts: Sequence[str]) -> frozenset[str]:
    """The terms naming what a question asks is needed ("math" of "do ml engineers need to know math", "degree" of "do
    i need a degree yes or no"): its most distinctive terms among the texts (term_weights), besides words of need and
    of a yes or no."""
    weights = {t: w for t, w in term_weights(question, texts).items() if t not in NEED_TERMS | VERDICT_TERMS}
    top = max(weights.values(), default=0.0)
    return frozenset(t for t, w in weights.items() if top > 0 and w >= KEY_SHARE * top)


def says_not_needed(sentence: str, thing: AbstractSet[str] = frozenset(), around: str = "") -> bool:
    """The sentence says, in the clause it turns to, that a thing is not needed or that there is a way without it ("A
    degree is not the only path", "other companies don't need any specific educational background", "Many ... are
    self-taught"), of the thing (its terms, when given, in the sentence or the passage `around` it: "other companies
    don't need any specific educational background" stands in a paragraph on degrees); the rest say yes or say
    nothing against it ("But at the very least, you should have a ... degree", "You don't need to be a pure
    mathematician, but a solid grasp of key concepts is vital", "... without attending traditional in-person
    classes")."""
    point = TURNS_TO.split(sentence)[-1]
    # ...of the thing asked about, when it is known ("other companies don't need any specific educational background"
    # is no word on math)
    return bool(NOT_NEEDED.search(point)) and (not thing or bool(thing & set(tokenize(f"{sentence} {around}"))))


_POINTING = "this|these|that|those|they|such|thus"  # English words a sentence points back with
ANAPHOR = re.compile(rf"^({_POINTING}|it)\b", re.I)
# A sentence that leans on one before it, by a pointing word or a connective ("This is arguably the most important
# step.", "However, here are...", "Additionally, ..."): it never opens an answer. English words ("It is..." is
# mostly no pointer there).
_CONNECTIVES = (r"however|additionally|moreover|furthermore|also|besides|therefore|hence|though|although|but|and|so|"
                r"as a result|in addition|that said|of course|then|likewise|similarly|instead|otherwise|meanwhile|"
                r"beyond (?:these|this|that) \w+|on top of (?:this|that)|apart from (?:this|that)")
# "Beyond the basics, ...": leans on what came before, but says what it is beyond: kept when it opens a list answer
# (a twenty-first probe read the advanced list without it as what to learn first).
_ORDERING = r"beyond the \w+"
LEANS = re.compile(rf"^({_POINTING}|{_CONNECTIVES}|{_ORDERING})\b", re.I)
# ...and says it is no first thing: not quoted for "what would i actually need to learn first" (a twenty-third probe got
# the deep-learning list under it). English words.
BEYOND_FIRST = re.compile(rf"^(?:{_ORDERING}|once you(?:['’]ve| have) \w+)\b", re.I)
FIRST_WANTED = re.compile(r"\b(?:first|start(?:ing)?|begin(?:ning)?|basics)\b", re.I)
# "Though that's possible, the naysayers fail to account for...": behind a connective, a pointing word still points
# at the sentence before.
POINTS_BACK_AFTER = re.compile(rf"^(?:(?:{_CONNECTIVES}),?\s+)?({_POINTING}|it)\b", re.I)
# "However, here are some common types of internships:" opening a list answer: the connective and its comma are left
# out (what it contrasts with is not quoted); the words of the guide that follow are quoted as they stand.
OPENING_CONNECTIVE = re.compile(rf"^(?:{_CONNECTIVES}),\s+(?=\w)", re.I)


# "what does the career ladder look like", "whats the salary like for seniors": how a question asks, not what about
# (English); "like" is rare in the guides, so it made "Machine learning engineers are like software engineers" the
# closest sentence to a question on the career ladder.
ASKING_FRAME = re.compile(r"\b(?:look|looks|looking|looked)\s+like\b|\blike\b(?=\s*(?:[?.!]|$|for\b|in\b|at\b|as\b|"
                          r"these days\b|nowadays\b|now\b|though\b|tho\b))|"
                          # "how long would it take me": how much of it is asked, not what about ("The role often
                          # involves long hours" was quoted to a twenty-sixth and a twenty-seventh probe's "how long")
                          r"\bhow\s+(?:long|often|far)\b", re.I)


def term_weights(question: str, texts: Iterable[str]) -> dict[str, float]:
    """Each question term weighted by how distinctive it is among `texts` (inverse document frequency, 0..1).

    Replaces a hand list of generic words: a term most texts share ("machine learning" in ML guides) weighs
    little, one few texts contain ("frameworks") weighs most, whatever the guides are about. The frame of "what is
    it like" and of "how long" (ASKING_FRAME) is no term.
    """
    question = ASKING_FRAME.sub(" ", question)
    docs = [set(tokenize(t)) for t in texts]
    df: Counter[str] = Counter(term for d in docs for term in d)
    n = max(len(docs), 2)
    now = set(tokenize(asked_now(question)))  # a follow-up's own words weigh more than the earlier questions'
    return {t: max(0.0, math.log(n / max(df[t], 1)) / math.log(n)) * (1.0 if t in now else EARLIER_WEIGHT)
            for t in set(tokenize(question))}


def overlap(weights: dict[str, float], text: str) -> float:
    """Share of the question's term weight that `text` contains."""
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    words = set(tokenize(text))
    return sum(w for t, w in weights.items() if t in words) / total


def asks_amount(question: str) -> bool:
    """The question (a follow-up: what it asks now) wants a figure: money, a count, a duration or a rate."""
    now = asked_now(question)
    if (why := WHY_LATER.search(now)) is not None:
        # "how much do they earn why is it so high": a "why?" folded after the question it follows asks a reason; it
        # wants a figure only if its own words ask for one.
        return bool(NUMERIC_Q.search(now[why.end():]))
    # "how much?" alone after "does ml require coding?" asks how much coding, not what it costs: a bare "how much"
    # asks for a figure only when the question before it did ("how long?" / "how many?" always do).
    if BARE_MUCH.match(unjoined(now)) and EARLIER in question:
        return bool(NUMERIC_Q.search(question.split(EARLIER, 1)[1]))
    # "could i be job-ready in 4 months?", "is a year enough?": whether a length of time will do asks for one (a
    # twenty-seventh probe got "success in this field requires a genuine passion", as answered).
    return bool(NUMERIC_Q.search(now)) or asks_if_span_does(now)


def asks_if_span_does(question: str) -> bool:
    """Does a sentence of the question ask whether a length of time will do ("could i be job-ready in 4 months?")?
    Said in another sentence, it asks no length ("my OPT is only 12 months. should i aim for ML engineer roles?")."""
    return any(ASKS_IF.match(s) and TIME_SPAN.search(s) for s in re.split(r"(?<=[.!?])\s+", question))


# A length of time said in a question (English); "in 10 years" is a time ahead ("will there still be ml jobs in 10
# years": answerability.FUTURE), not a length.
_COUNT = (r"(?:just\s+|only\s+|like\s+)?(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|"
          r"a couple(?: of)?)")
TIME_SPAN = re.compile(rf"\b(?:in|within|under|after|by|is|are)\s+{_COUNT}\s+(?:months?|weeks?)\b|"
                       rf"\b(?:within|under|is|are)\s+{_COUNT}\s+(?:years?|yrs?)\b", re.I)
# A length of time a guide gives ("four years", "one to two years"), not a span of dates ("from 2023 to 2027").
DURATION = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)(?:\s+to\s+\w+)?\s+(?:years?|months?|"
                      r"weeks?)\b", re.I)
# A sentence asking whether ("ok good. could i realistically be job-ready in 4 months?"): YES_NO_Q's words and the
# modals of possibility (could, might, may), which YES_NO_Q, read by the yes/no answer rules, does not hold.
ASKS_IF = re.compile(r"\s*(?:do|does|is|are|can|could|should|will|would|might|may|must|need)\b", re.I)


# "how much math do i really need": how much of a skill, a level rather than a sum (English function words).
HOW_MUCH_OF = re.compile(r"\bhow much\s+(?!(?:" + MUCH_OF_MONEY + r"|should|has|have|of)\b)([a-z]+)", re.I)


# The words that ask for an amount or qualify it, in English ("how long does it usually take", "what do they earn on
# average"): what is left of such a question names the thing the amount is of. Four added on dev (eval/tuned.yaml).
MEASURE_TERMS = frozenset(tokenize("how long much many take takes taking cost costs earn earns make makes pay pays "
                                   "paid salary salaries wage wages income fee fees tuition time year years month "
                                   "months week weeks hour hours day days usually typically roughly average generally "
                                   "normally approximately typical get gets well start starting begin beginning "
                                   "first avg like ballpark approx approximate estimate money dollars bucks cash"))


def asks_figure(question: str) -> bool:
    """asks_amount, less "how much <a skill>" ("how much math do i need"), which no figure answers."""
    now = asked_now(question)
    level = HOW_MUCH_OF.search(now)
    rest = now[:level.start()] + now[level.end():] if level else now
    return asks_amount(question) and not (level and not NUMERIC_Q.search(level.group(1)) and not NUMERIC_Q.search(rest))


def one_thing_asked(question: str) -> str:
    """The thing a question asks about by name (ONE_THING), or ''."""
    m = ONE_THING.match(question)
    return next((g for g in m.groups() if g), "") if m else ""


def asked_now(question: str) -> str:
    """What a follow-up asks, less the earlier questions it is answered after (EARLIER): the answer's shape (yes/no,
    an amount, a list) is set by what is asked now, not by the question before ("how much does a degree cost" then
    "and is it worth it?" is a yes/no question, not one for figures)."""
    return question.split(EARLIER, 1)[0].split(CAME_FROM, 1)[0]


# The first rung of a career said other ways (English): "junior" of "what's a junior ml engineer's salary" is a table's
# "Entry-Level" (a twenty-first probe was told there was no figure for it, then shown it).
_RUNG_WORDS = "junior juniors fresher freshers beginner beginners".split()  # noqa: SIM905
# ...and "how much would i make starting out?" (a thirty-fifth probe was told there was no figure for it, then shown
# the entry-level pay); only for matching figures, not respelled in a search ("where do i start").
FIRST_RUNG = frozenset(tokenize(" ".join([*_RUNG_WORDS, "starting"])))
ENTRY_LEVEL = frozenset(tokenize("entry level"))


def with_rung(terms: AbstractSet[str]) -> set[str]:
    """The terms, with "entry level" when they name the first rung another way ("junior")."""
    return set(terms) | (ENTRY_LEVEL if terms & FIRST_RUNG else set())


_RUNG_WORD = re.compile(rf"\b(?:{'|'.join(_RUNG_WORDS)})\b", re.I)


def rung_worded(text: str) -> str | None:
    """The text with the first rung said as a table of pay says it ("and for juniors?" -> "and for entry-level?"), to
    be searched beside it; None when it names no first rung another way."""
    worded = _RUNG_WORD.sub("entry-level", text)
    return worded if worded != text else None


def names_rung(named: AbstractSet[str], label: AbstractSet[str]) -> bool:
    """The words name what the label does: all of its words, or the first rung either way ("entry level" of "Junior
    Machine Learning Engineer", whose item says it is "an entry-level position")."""
    first = FIRST_RUNG | ENTRY_LEVEL
    return bool(named) and (named <= label or (named <= first and bool(named - {"level"}) and bool(label & first)))


# Words that ask whether something is needed ("is a degree necessary?"), not what: English, not fitted on questions.
NEED_TERMS = frozenset(tokenize("need needs needed required require requires requirement necessary must mandatory "
                                "essential compulsory prerequisite"))


def says_verdict_on(question: str, sentence: str, heading: str, weights: dict[str, float],
                    likeness: float = 0.0, elsewhere: AbstractSet[str] = frozenset()) -> bool:
    """A "Yes/No, ..." sentence answers this question: a yes/no question whose main words its section shares,
    or whose meaning its section's heading has (likeness: the cosine of question and heading), asked the same
    way round (both negated or neither), and not about a narrower thing the guides name elsewhere (`elsewhere`:
    the terms of the other passages): "Yes, ... at least a bachelor's degree" under "Do I need a degree?" is no
    yes to "is a masters required?"."""
    question = asked_now(question)
    if not YES_NO_Q.search(question) or bool(NEGATED.search(question)) != bool(NEGATED.search(heading)) \
            or EITHER_OR.search(question):
        return False
    here = set(tokenize(f"{heading} {sentence}"))
    ordered = sorted(here)
    named = {t: w for t, w in weights.items() if t not in NEED_TERMS}
    # (Of words the passages use: "or nah" tagged on weighs most of all, and no passage says it; a thirty-fifth
    # probe's "do u need a masters to be an ML engineer or nah" got the degree question's "Yes, ...")
    top = max((w for t, w in named.items() if t in here or t in elsewhere), default=0.0)
    # A word the guides spell out as one the heading has counts as said ("college" for "university degree"), as
    # does another form of it ("becoming" for "become": the stemmer leaves one whole; lexical.guide_form).
    if any(w == top and t in elsewhere and not any(guide_form(a, here, ordered) for a in (t, *tokenize(expand(t))))
           for t, w in named.items() if w > 0):
        return False
    return overlap(weights, f"{heading} {sentence}") >= 0.5 or likeness >= VERDICT_LIKENESS


def is_label(text: str) -> bool:
    """A bullet that is only a heading ("Programming Skills", "Tools:"), not a statement."""
    return text.endswith(":") or (len(text.split()) <= 5 and len(text) > 12 and not re.search(r"[.!;:\d$]", text))
