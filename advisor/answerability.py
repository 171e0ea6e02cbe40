"""Do the guides answer *this* question? Evidence about its main point, derived from the corpus, not hand lists.

Three outcomes: answered; partial (the guides cover a nearby thing: another role they compare with, or the
question hinges on something they never mention while the rest is covered); declined.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import dropwhile, pairwise, takewhile

import numpy as np
from langchain_core.embeddings import Embeddings
from rapidfuzz import process
from rapidfuzz.distance import OSA

from advisor.answer_rules import (
    FIGURE,
    MEASURE_TERMS,
    NEED_TERMS,
    QUESTION_WORDS,
    YES_NO_Q,
    asked_now,
    asks_figure,
    with_rung,
)
from advisor.embeddings import query_vector, vectors
from advisor.figures import sum_kinds
from advisor.lexical import (
    CAME_FROM,
    CLIP_ZIPF,
    DEGREE_SAID,
    QUESTION_OPENER,
    SELF_INTRO,
    SENTENCE_BREAK,
    STOPWORDS,
    abbreviations,
    acronyms,
    asking_clause,
    asking_part,
    camel_initials,
    clippings,
    english_adverb,
    english_variant,
    english_zipf,
    guide_form,
    proper_names,
    stem,
    tokenize,
)
from advisor.places import (
    HERE,
    OUTSIDE,
    bound_to_place,
    gazetteer,
    in_a_name,
    names_of,
    place_label,
    places_asked_about,
    places_named,
    places_outside,
    profile_place,
)
from advisor.retrieve import EXPANSIONS, ORDINALS, unjoined
from advisor.schema import Chunk, Passage, Scope, Turn, last_answer

# Head nouns of job titles: general English, not words of our guides. A role is "<up to 3 modifiers> head".
ROLE_HEADS = frozenset("""
engineer scientist analyst developer designer manager architect researcher programmer administrator consultant
specialist technician officer strategist statistician mathematician economist accountant teacher professor
lecturer nurse doctor physician surgeon dentist pharmacist lawyer attorney paralegal pilot chef cook baker
plumber electrician carpenter mechanic welder firefighter soldier therapist psychologist counselor journalist
writer actor musician artist photographer athlete coach realtor banker farmer driver barista waiter bartender
hairdresser cashier librarian midwife paramedic dietitian optometrist radiologist veterinarian translator
marketer recruiter tester administrator clerk receptionist salesperson dev rep worker postdoc
""".split())  # noqa: SIM905 -- a word list reads better as text
# ...of which these also name a thing before another noun ("dev tools", "a dev job", "worker threads"): a job only
# when what follows is no content word ("java dev for 5 yrs", "sales rep here", "a dev at a startup").
MODIFIER_HEADS = frozenset({"dev", "rep", "worker"})
# A word English hardly uses (wordfreq Zipf below RARE_ZIPF, about once in 10 million words) and more than
# TYPO_EDITS edits from every term of the guides is a name. Both fitted on dev (eval/tuned.yaml).
RARE_ZIPF = 2.0
# A name the guides write in at most this many passages (a company, a tool) they mention in passing: a question
# about it is answered only if the sentences that would answer mention it too (fitted on dev, eval/tuned.yaml).
NAME_DOCS = 4
NAME_TOP = 3  # ...among this many sentences closest to the question
# A question that compares on some measure ("is ml harder than software engineering", "growing faster than", "longer
# hours than"; at most one word between, so "engineer earn more than" is no "engine-er"): the guides answer it only
# if a sentence close to it compares too ("than") or speaks of that measure ("hard").
# General English comparatives, written after dev misses (eval/tuned.yaml).
COMPARES = re.compile(r"\b(?!(?:better|worse|rather|other|whether|n?either|n?ever|over|under|after)\b)"
                      r"(?:(\w{2,})er|(?:more|less)\s+(\w+))(?:\s+[\w']+)?\s+than\b", re.I)
# The same asked as a choice, without "than": "which pays more, X or Y", "which one is harder", "who earns more".
WHICH_MORE = re.compile(r"\b(?:which|who)\b(?:\s+(?:one|job|role|path|option|field))?\s+(?:"
                        r"(?:is|are|would be|'s)\s+(?!(?:better|worse|other|over|under|after)\b)(\w{2,})er|"
                        r"(pay|earn|make)s?\s+more|(?:is|are)\s+(?:more|less)\s+(\w+))\b", re.I)
# The action a how-to question asks about ("how do i negotiate ...", "how to network"): a verb the guides never use
# is what the question is about; one of moving somewhere ("how do i move into ml", "move over to") is not.
_MOVING = r"(?!\s+(?:in|into|to|over|from|up|back|on|out|away|across|towards?)\b)"
HOW_TO = re.compile(r"\bhow (?:do|can|should|would|could|will) (?:i|you|we|one)\s+(?:\w+ly\s+)?([a-z]+)\b" + _MOVING
                    + r"|\bhow to\s+(?:\w+ly\s+)?([a-z]+)\b" + _MOVING, re.I)
# "is that more than data scientists?" after a question on pay: a comparison whose measure the thread gave.
# A choice between two named things, closing the question ("..., pytorch or tensorflow?"), and the words that rank
# one above another (English).
CHOICE = re.compile(r"(?:^|[\s,:])([\w+#.-]{2,})\s+or\s+([\w+#.-]{2,})"
                    # ...then at most which to pick ("pytorch or tensorflow which one to learn", "... first")
                    r"(?:\s*,?\s*(?:first|which (?:one|is better|should i (?:learn|pick|choose|start with))"
                    r"(?:\s+(?:to\s+)?(?:learn|pick|choose|start with|use))?(?:\s+first)?))?\s*[?.!]*\s*$", re.I)
# The same choice put in words: "is andrew ng's coursera course worth it or is fast.ai better" (a twelfth probe's,
# answered with the sentence that lists both platforms side by side). English question shapes.
CHOICE_WORDED = re.compile(r"\b(?:is|are)\s+(?:the\s+)?(?P<a>[^?,]{2,60}?)\s+(?:really\s+)?"
                           r"(?:worth it|any good|good|better)\s+or\s+(?:is|are|should i (?:do|take|go with))\s+"
                           r"(?:the\s+)?(?P<b>[^?,]{2,40}?)\s+(?:better|worth it|a better (?:choice|option|bet))\b",
                           re.I)
# ...or as one set above the other: "is andrew ng's coursera course better than fast.ai for beginners" (a thirty-fourth
# probe's was answered with the sentence that lists both platforms side by side).
CHOICE_THAN = re.compile(r"\b(?:is|are)\s+(?:the\s+)?(?P<a>[^?,]{2,60}?)\s+(?:really\s+|actually\s+)?"
                         r"(?:better|worse)\s+than\s+(?:the\s+)?(?P<b>[^?,]{2,40}?)(?:\s+(?:for|to|if)\s+[^?,]{2,40})?"
                         r"\s*[?.!]*$", re.I)
# "do i need a masters or phd", "is python or r required": asks whether either is needed (English); "do i need to
# learn pytorch or tensorflow" still asks which (a blind judge preferred the hedge that says neither is picked).
NEEDS_EITHER = re.compile(r"\b(?:(?:need|needs|have to have|must have) (?:a|an)|require[sd]?|necessary)\b", re.I)
# ...or weighs them against each other ("While alternative ... paths ... can also lead ..., a degree often serves as a
# key starting point": a dev dump showed "is a degree better than a bootcamp?" said not to be picked)
RANKS = re.compile(r"\b(than|over|above|better|best|prefer\w*|rather|most|first|instead|before|while|whereas|"
                   r"although|unlike|compared)\b", re.I)
MORE_THAN_THAT = re.compile(r"\b(?:is|are)\s+(?:that|it|this|they|those)\s+(?:more|less)\s+than\b", re.I)
THAN = re.compile(r"\b(?!(?:rather|other)\b)\w+\s+than\b", re.I)  # a sentence that compares ("far more than")
TYPO_EDITS = 2
PAIR_DOCS = 2  # two words written together in this many passages are a phrase people may blend ("compsci")
CLIP_MIN = 4  # a clipped word this long starts a guide term ("cert"); shorter ones start too many ("dev", "uni")
MISSPELT_LENGTH = 5  # a word this long one edit from a term of the guides is that term misspelt ("salery")
COMMON_ZIPF = 3.0  # ...nor one edit from an English word at least this common (a typo: "differntly")
# Words English uses this often (wordfreq Zipf: "get", "work", "make", "time", "people") name nothing a question is
# about: one that names nothing else than words the guides never use is about those alone ("will my visa be a
# problem?"), and what the guides say of its everyday words is no closest answer. Chosen by hand, checked on dev.
EVERYDAY_ZIPF = 5.9
SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)\W*([a-z]+)\b", re.I)
POSSESSIVE = frozenset({"my", "our", "your", "his", "her", "their"})  # English: "my boss", "her teacher"
# Words that weigh something up rather than name it ("is kaggle worth it", "is it realistic"), ask for advice
# ("what would you recommend i do first") or say how one feels about it ("i hate math tho"): general English, they
# frame a question about whatever else it names and are never its unfamiliar point. Fitted on dev (eval/tuned.yaml).
JUDGEMENT = frozenset("worth worthwhile bad worse worst dumb stupid crazy realistic hard easy harder easier okay nah "  # noqa: SIM905
                      "actually recommend suggest advise hate dislike dealbreaker problem wrong normal fine enough "
                      "possible doable feasible viable mistake smart wise risky terrible still skip minimum "
                      "true correct accurate legit kidding".split())
# A question about something just said of themselves ("i have a physics degree, is it enough?"): English.
ABOUT_IT = re.compile(r"\b(it|its|it's|that|this|mine)\b", re.I)
# Pay weighed against another's ("earn more than", "who gets paid more", "earn compared to"), in English.
PAID_MORE = re.compile(r"\b(?:earn|make|pay|paid)s?\s+(?:more|less|compared (?:to|with)|vs\b|versus)", re.I)
# Weighing one against another ("which one pays more", "compared to"), in English: one word list, read as raw words
# (WEIGHS_UP) and as terms (WEIGHING: what is left once stopwords such as "more" and "which" are dropped).
_WEIGHING_WORDS = "more less than which who compare compared vs versus"
WEIGHS_UP = re.compile(rf"\b({'|'.join(_WEIGHING_WORDS.split())})\b", re.I)
WEIGHING = frozenset(tokenize(_WEIGHING_WORDS + " comparison gets"))  # "who gets paid more": no side either
# Words that ask what people are paid (English).
PAY_NOUNS = frozenset(tokenize("salary salaries wage wages income"))  # the sum one is paid (SUM_NOUNS has them too)
PAY_TERMS = PAY_NOUNS | frozenset(tokenize("earn earns make makes pay pays paid"))
# Pay said other ways (English: "how much $$ do ml engineers pull in", "what's the comp", "ctc"): the amount asked is
# still the pay, no figure of some other thing (a twenty-first probe was told there was none, then shown the table).
PAY_SAID = frozenset(tokenize("pull rake compensation comp package packages ctc lpa"))
# Chat interjections ("ok", "lol", "hmm", "tbh"): one English list, read by every test of chat around a question.
INTERJECTIONS = frozenset("ok okay k lol lmao ha hah haha hahaha hehe hmm hmmm hm umm um oh ah wow yeah yea ugh oof "  # noqa: SIM905
                          "yikes huh tbh ngl".split())
# How people address whoever they write to ("thank you sir", "thanks bro"): no topic (a twentieth probe was told the
# guides say nothing about “sir”; a twenty-sixth's "thank you very much habibi" was declined). English chat and the
# commonest loan words in it, not fitted.
ADDRESS = frozenset("sir sirs madam maam ma'am mam bro bruh dude mate buddy man fam habibi yaar bhai".split())  # noqa: SIM905
# Chat fillers ("ok but what if...", "... lol"): never a topic the guides fail to cover (English chat, not fitted).
# Greetings too, also those many write in their own language ("ola, i'm in brazil" was told "nothing about “ola”").
# And words of how many ("are there lots of layoffs" was declined on “lots” too), and chat shorthand for when or
# whose view ("interview tmrw" was declined on “tmrw”), or for changing one's mind ("wait actually how much...",
# "nvm, what languages...": an eighteenth probe was told the guides say nothing about “nvm”), and chat markers of
# stress or aside ("wat do they get paid tho fr": a twenty-seventh probe was told there was no figure for "though").
CHAT_FILLER = INTERJECTIONS | frozenset("pls plz btw tho idk hi hello hey hiya howdy yo greetings ola olá hola hallo "  # noqa: SIM905
                                        "bonjour salut ciao namaste lot lots tons loads plenty tmrw tmr tmw rn asap "
                                        "imo imho fyi wait nvm nevermind fr frfr lowkey highkey deadass istg though "
                                        "anyway anyways "
                                        # "ok whatever. how much do they make starting out" (a thirtieth probe was
                                        # told the guides give no figure for it: no figure names "whatever")
                                        "whatever".split()) | ADDRESS
# Asking to be told more, or pointing at an item of what was said ("tell me more about the second one", "what about
# the last one", "what comes next"), or asking for advice on it ("portfolio tips"): never a topic either (English,
# from outsider probes; not fitted).
# Ordinals from "second" on: "first" is a topic of its own ("my first job").
TELL_MORE = frozenset("tell explain elaborate describe last next previous latter former tips pointers".split()  # noqa: SIM905
                      + list(ORDINALS[1:]))
# Two unfamiliar words typed side by side are one thing when each carries at least this much of the question's
# meaning (fitted on dev, eval/tuned.yaml): "h1b visas" (0.085 and 0.082) together outweigh max_unknown.
PAIR_WORD = 0.05
# "what kind of math", "which types of jobs": the kind asked for is what follows "of" (a thirty-first probe's "what
# kind of math do i need?" was hedged, “kind” being in no heading). English words.
KIND_OF = re.compile(r"\b(kinds?|types?|sorts?)\s+of\b", re.I)
# Words that stress how something is asked ("do i even need", "what do they truly do") where english_adverb
# cannot tell (no "-ly" made from a common word): English, not fitted.
EMPHASIS = frozenset(tokenize("even truly"))
# Words never a question's unfamiliar point, whichever test reads them (_unknown, _names_nothing).
NEVER_THE_POINT = JUDGEMENT | CHAT_FILLER | TELL_MORE


# Moving into a field ("should i switch to ml", "why would i switch then?"): what the guides are about, whatever
# word they use for it (English; MOVE_IN's single words).
MOVING = re.compile(r"(?:switch|transition|pivot)\w*$")
# "something else", "anyone": stands for a thing it does not name (English indefinite pronouns).
INDEFINITE = re.compile(r"(?:some|any|every|no)(?:thing|one|body|where)$")


def never_the_point(word: str) -> bool:
    """NEVER_THE_POINT, a word for moving into a field, an indefinite pronoun, or an adverb ("is it mostly coding?",
    "honestly is it worth it"): how it is asked, not what about."""
    return word in NEVER_THE_POINT or bool(MOVING.match(word) or INDEFINITE.match(word)) or english_adverb(word)


VERSUS = frozenset({"vs", "versus"})  # a comparison's connector, never part of a job title
# Verbs that take a person as their object ("show recruiters", "become managers"): general English, they end a
# role's modifiers instead of joining it. Fitted on dev (eval/tuned.yaml).
ROLE_VERBS = frozenset("become be show tell ask hire impress convince contact meet email message find reach "  # noqa: SIM905
                       "pay want need mean meant".split())  # "i meant data engineer": no "meant data engineer"
# Words that say a role is where the person comes from, not where they want to go ("I'm a nurse, could I...").
BACKGROUND_CUE = re.compile(r"\b(i'?m|i am|im|work(ing|ed)? as|as an?|currently|former|ex|used to be|been an?|"
                            r"background in|coming from|switch(ing)? from|my job as|i was)\b", re.I)
# Asking for someone ("asking for my husband - he's a backend dev (Java, 6 years) and wants to move into ML": a
# thirtieth probe was told the guides don't cover backend developers): their job is where they start when the
# question is about moving into the field, not otherwise ("my client is a welder who wants a raise"). English.
THEIR_JOB = r"(?:he|she)['’]?s|(?:he|she|my \w+) (?:is|was|works as)"
THEIR_CUE = re.compile(r"\b(?:" + THEIR_JOB + r")\b", re.I)
# Asking to come into a field: general English for changing careers, not words of our guides. Fitted on dev.
MOVE_IN = re.compile(r"\b(becom\w*|get(ting)? (back )?in(to)?|go(ing)? into|mov(e|ing) in(to)?|switch\w*|transition\w*|"
                     r"pivot\w*|chang\w* (careers?|fields?)|career change|break(ing)? in(to)?|"
                     r"(next|natural|logical) (step|move)|route|path|(place|room|option|chance) for (me|someone)|"
                     r"get an? [\w ]{0,20}jobs?)\b", re.I)
# Spelled-out forms so "ML engineer", "MLE" and "machine learning engineer" are one role.
ROLE_ALIASES = {"ml": "machine learning", "ai": "artificial intelligence", "mle": "machine learning engineer",
                "ds": "data scientist", "swe": "software engineer", "de": "data engineer"}
# A question that points at something it never gives ("is this plan good?", "what about my resume").
DEICTIC = re.compile(r"\b(this|that|these|my|the one|the two|the second|the first|the other)\s+"
                     r"((\w+\s){0,2})(plan|offer|resume|cv|portfolio|project|idea|timeline|roadmap|course|courses|"
                     r"bootcamp|certificate|degree|background|situation|list|profile|letter|code|job|company|"
                     r"one|option|options|choice)\b", re.I)
# "what about the one from my uni", "the one you mentioned": one of something never named (English words).
THE_ONE_AFTER = 3  # words before it at most ("which is better, the one at ..."), so nothing it is one of is named
THE_ONE = re.compile(r"\bthe (?:one|ones)\s+(?:from|at|in|on|by|i|you|they|we|he|she|my)\b", re.I)
# "how do i get my first ml job", "land my dream job": one still to come, so nothing is left out (English words).
TO_COME = re.compile(r"\b(get|land|find|secure|getting|landing|finding|securing)\s+$", re.I)
# "should i quit my job to study ml", "can i keep my job while i learn": the job they have is where they stand, not a
# posting to judge (English verbs of leaving and keeping).
LEFT_OR_KEPT = re.compile(r"\b(quit|quitting|leave|leaving|keep|keeping|lose|losing|stay(?:ing)?\s+(?:at|in))\s+$",
                          re.I)
SELF_DESCRIBED = re.compile(r"\b(i'?m|i am|i work|i have|i've|i studied|i did)\b", re.I)
# "... put in my portfolio", "... at my company": a "my ..." after a locative says where, in passing; it is not
# a thing left out (the dev miss: "what kind of projects should i put in my ml portfolio"; the other
# locatives are of its kind, and "at" also came up in a test miss read earlier).
IN_PASSING = re.compile(r"\b(at|in|into|within|inside|for|"  # "for my portfolio, could i build...": what it is for
                        # "what should i add to my portfolio": where a thing goes (a thirty-fifth probe was asked to
                        # paste the portfolio it had just described)
                        r"(?:add|adding|put|putting|include|including)\s+(?:\w+\s+)?to|"
                        # "will it look bad on my cv": where, in passing; "thoughts on my cv" asks about it
                        r"(?<!thoughts )(?<!feedback )(?<!opinion )(?<!comment )(?<!comments )(?<!advice )"
                        r"(?<!based )on)\s+$",
                        re.I)
PRESCRIBED = re.compile(r"\bshould\s+$", re.I)
# "my background in nursing", "my degree as a pharmacist": what it is, said right after it (English words).
NAMED_AFTER = re.compile(r"\s+(?:in|of|as an?)\s+\w", re.I)
# "how do i negotiate my offer": how to do a thing with it, asked in general; the thing itself is not needed.
HOW_TO_DO = re.compile(r"\bhow (?:do|can|should|would|could) i\s+(?:\w+ly\s+)?[a-z]+\s+$|\bhow to\s+[a-z]+\s+$|"
                       # "can i deduct my coursera course on taxes" (a twenty-first probe was asked to paste the course)
                       r"^\W*(?:can|could|should|do|may) i\s+(?:\w+ly\s+)?[a-z]+\s+$", re.I)
# An amount or a duration said with it is the detail a judgement needs ("my offer, they offered 150k").
# ...a sum of money among them ("85k", "$90,000"), which also says a row of sums is worth quoting (extractive).
_SUM = r"\$\s?\d|\b\d[\d,.]*\s?k\b|\b\d{2,3},\d{3}\b"
SUM_SAID = re.compile(_SUM, re.I)
AMOUNT_GIVEN = re.compile(_SUM + r"|\b\d[\d,.]*\s?(?:%|months?|years?|yrs?|weeks?|wks?|hours?|hrs?)\b", re.I)
ATTACHED = re.compile(r"\b(attached|i mentioned|above|i sent|i pasted|i linked|i described)\b", re.I)
WORD = re.compile(r"[a-z0-9][a-z0-9+#'’-]*")
TYPED_WORD = re.compile(r"\b[A-Za-z]+\b")  # a word as typed, in any case
# A leading clause about the person ("I'm a 45 year old woman,", "as a guy from nigeria"), up to a comma or
# the question word that starts the actual question.
# How they feel, where they grew up, an apology for asking: as much about the person as their age is.
_MOOD = (r"feeling|i feel|sorry|(?:(?:a )?bit|kinda|kind of|pretty|so|really|super) (?:anxious|nervous|tired|down|"
         r"sad|stressed|lost|confused|overwhelmed|excited|grumpy|depressed|bored|worried|scared|hopeful)|"
         r"(?:honestly )?in a \w+ mood|grew up|born in|raised in|moved (?:here|over|to|from)|"
         r"my (?:husband|wife|partner|kids?|family)|(?:\w+ ){0,2}(?:fan|lover|nerd|geek) here|"
         + SELF_INTRO + r"(?= *(?:\([^()]*\) *)?[-–—,.;:!])")  # "wheelchair user here - ...", "new here. ...",
# "veteran here (bad back, nothing serious). ..." (a job in it or the bracket keeps the clause: _incidental)
# "I'm curious whether ...", "im wondering if ...": a question asked indirectly, not a fact about the person (a
# twenty-fifth probe's "... I'm curious whether machine learning engineering is a viable second career" was declined
# with all of it set aside). English.
_WONDERS = (r"(?!\s+(?:(?:just|really|also|still|kinda|kind of|a bit)\s+)?(?:curious|wondering|asking|unsure|not sure)"
            r"\s+(?:whether|if|about|how|what|why|which|where|when|wether)\b)")
_SELF = (r"((?:i'?m|im|i am)" + _WONDERS + r"|i live|we live|as an?|as someone|being an?|i use|i have|i've got|"
         r"asking (as|for)|for context|\d{1,2} ?(?:y/?o|yrs? old|years? old)|"  # "42 y/o guy from ohio, ..."
         + _MOOD + r")\b")
_PERSON = r"^\s*" + _SELF + r"[^,.;:?!]*?"
# Words that soften what follows ("..., honestly i'm feeling pretty discouraged today, ..."): English fillers.
_HEDGE = r"(?:honestly|tbh|ngl|lol|also|and|but|plus|though)\s+"
PERSONA = (re.compile(_PERSON + r"(?:[,.;:!]+\s*|\s+-\s+)", re.I),  # up to a comma, tried first
           re.compile(_PERSON + r"\s+(?=(what|whats|what's|how|do|does|is|are|can|could|should|would|will|which|"
                      r"where|when|why)\b)", re.I))  # or up to the question word
SAYS_WHO = re.compile(r"^\W*(?:i['’]?m|im|i am)\s+", re.I)  # how a clause about the person opens (English)
# A greeting before the question, and a filler after a clause about the person ("I keep shabbat, but anyway, what
# does..."), carry nothing either.
GREETING = re.compile(r"^\s*(hi|hello|hey)( there)?\b[,.!]*\s*", re.I)
# "btw do you think ... or should i do a masters": a last sentence that asks, though it opens as an aside does (a
# thirty-first probe's was set aside, and "lol ok." before it declined). English words.
BY_THE_WAY = re.compile(r"^\W*(?:(?:btw|by the way|fyi|also|oh|and|lol|ok(?:ay)?)\b\W*)+", re.I)
LEAD_IN = re.compile(r"^\s*(?:(?:ok(?:ay)?|so|well|honestly|and)\b,?\s*)+", re.I)
FILLER = re.compile(r"^\s*((but\s+)?anyway|sorry|so|ok(ay)?|well|but)\b[,.!]*\s*", re.I)
# ...unless it says where their career stands: that is what a career question is about.
CAREER_FACT = re.compile(r"\b(work(s|ing|ed)? (in|as|at|for)|have an? (\w+ ){0,2}job|degree in|stud(y|ying|ied) \w|"
                         r"major(ing)? in|(?:from|in|at) [a-z]+ (?:school|college|class(?:es)?)\b|"
                         r"experience (in|with)|background in|years? (of|in) [a-z]|"
                         r"(phd|ph\.d|masters?|master's|bachelors?|bachelor's|mba|diploma) (in|from)\b|"
                         r"for (\d+|a few|several|many) (years?|yrs?)\b)", re.I)  # "been a backend dev for 6 years"
# How they stand with a thing ("im scared of math", "im bad at coding", "i struggle with stats"): the thing is what
# "can i still do it?" is about (English; a twelfth probe's "honestly im scared of math. can i still do ml
# engineering?" was asked without the maths and got the career ladder).
# Said of themselves only: "everyone says girls are bad at math" and "(anxious about money lately)" are not.
STANDING = re.compile(r"\b(?:(?:i['’]?m|i am|im|i feel|i was|i['’]?ve (?:always )?been)\s+(?:\w+\s+)?"
                      r"(?:(?:scared|afraid|terrified|frightened|nervous|worried|anxious) (?:of|about)|"
                      r"(?:bad|terrible|awful|hopeless|weak|rusty|not (?:good|great)) (?:at|in|with))|"
                      r"i\s+(?:\w+\s+)?(?:struggle|struggled|suck at|failed))\s+(?!it\b|that\b|this\b)[a-z]", re.I)
# The same said after the question or in an aside: a last sentence ("...? im 61 and have a bad back lol"), a
# bracket or a pair of dashes ("Which skills, I use a wheelchair by the way, are..."). It speaks of the person
# (first person, or "asking as ...") or says it is incidental ("btw", "not that it matters").
# Also between commas when it opens as one ("how is X different, im 45 and a bit confused, from Y") and a
# "for someone ... like me" tacked on. (After a last comma too took "..., im writing an essay on tech workers
# health" off a question the guides don't answer, which then got a plain answer: dev near-domain +1.)
ASIDE = (re.compile(r"\s*\(([^()]*)\)"), re.compile(r"\s+[—–]\s+([^—–]+?)\s+[—–]\s+|\s+--?\s+([^-]+?)\s+--?\s+"),
         re.compile(r",\s*(?=(?:" + _HEDGE + r")?" + _SELF + r")[^,.;:?!()]+,\s*", re.I),
         re.compile(r",?\s+for (?:a|an|someone|somebody|people)\b[^,.;:?!()]*\blike me\b", re.I),
         # A last clause saying who they are ("..., im a 30 year old nonbinary person from the philippines", "...,
         # I'm dyslexic so sorry if I typed this weird"), not what they are doing ("..., im writing an essay on..."):
         # that one can carry what is asked.
         re.compile(r",\s*(?:i'?m|im|i am)\s+(?!\w+ing\b)[^,;:?!()]+[.!]*\s*$", re.I))
POINTS_BACK = re.compile(r"\b(that|this|these|those)\b", re.I)
# "i have a physics degree, is it enough for ml": "it" stands for what was said, not for the weather of "is it hard".
IT_SUFFICES = re.compile(r"\bit\s+(?:be\s+)?(?:enough|sufficient)\b", re.I)
ABOUT_SELF = (re.compile(r"^\W*(?:" + _HEDGE + r")?" + _SELF, re.I),
              re.compile(r"\b(btw|by the way|fwiw|not that it matters|just mentioning|if that matters|like me|"
                         r"asking (?:bc|because|cause|cuz|since))\b", re.I))


# A head that also modifies, just before a bracket or a comma, is the job ("he's a backend dev (Java, 6 years)": not
# a "dev java" of some kind), spelled out as a head that never modifies.
HEAD_ENDS = {"dev": "developer"}
ENDS_HERE = re.compile(r"\s*[(),;:.!?]")


def words(text: str) -> list[str]:
    """Lower-case surface words with aliases spelled out (ml -> machine learning)."""
    out: list[str] = []
    text = text.lower().replace("’", "'")
    for m in WORD.finditer(text):
        w = m.group().strip("'-")
        if w in HEAD_ENDS and ENDS_HERE.match(text, m.end()):
            w = HEAD_ENDS[w]
        out += ROLE_ALIASES.get(w, w).split()
    return out


def _head(w: str) -> str:
    """A role head noun without its plural s ("engineers" -> "engineer"); other words unchanged."""
    return w[:-1] if w.endswith("s") and is_head(w[:-1]) else w


# A long head also ends a one-word compound: "biostatistician", "neuroscientist", "physiotherapist".
COMPOUND_HEADS = tuple(h for h in ROLE_HEADS if len(h) >= 8)


def roles_named(text: str) -> frozenset[tuple[str, ...]]:
    """The job titles a text names, each with the words before it that may belong to it ("Job Type: Data Scientist"
    gives ("job", "type", "data", "scientist")): match them by how they end."""
    return frozenset(r for _, r in roles_in(words(text)))


def is_head(w: str) -> bool:
    """A job title's head noun, as listed or as the end of a compound of one."""
    return w in ROLE_HEADS or (len(w) >= 11 and w.endswith(COMPOUND_HEADS))


BRACKETS = re.compile(r"\(([^()]*)\)")


def bracketed(question: str) -> set[str]:
    """The words the question says only in brackets (lower case)."""
    inside = {w for m in BRACKETS.finditer(question) for w in WORD.findall(m.group(1).lower())}
    return inside - set(WORD.findall(BRACKETS.sub(" ", question).lower()))


def _role_verb(word: str) -> bool:
    """One of ROLE_VERBS, maybe inflected ("does Johns Hopkins hire nurses", "hires", "hired", "reaches"): a verb
    before a job is no part of its title (a thirty-second probe was told the guides don't cover “johns hopkins hires
    nurses”)."""
    return word in ROLE_VERBS or any(word.endswith(end) and word[:-cut] in ROLE_VERBS
                                     for end, cut in (("s", 1), ("es", 2), ("ed", 1), ("ed", 2)))


def roles_in(ws: Sequence[str]) -> list[tuple[int, tuple[str, ...]]]:
    """(position, role phrase) for each job title: the head noun with up to three modifiers before it."""
    found = []
    for i, w in enumerate(ws):
        head = _head(w)
        if not is_head(head):
            continue
        after = ws[i + 1] if i + 1 < len(ws) else ""
        if head in MODIFIER_HEADS and after and after not in STOPWORDS and after != "here" and not after.isdigit():
            continue
        mods: list[str] = []
        for m in reversed(ws[max(0, i - 3):i]):
            if m in STOPWORDS or is_head(_head(m)) or _role_verb(m) or m in VERSUS or not m.isalpha():
                break  # "ml engineers become managers", "chemist vs ml engineer": two roles, not one
            mods.insert(0, m)
        found.append((i, (*mods, head)))
    return found


@dataclass(frozen=True)
class CorpusProfile:
    """What the guides are about, derived from their text each time the index changes."""

    vocabulary: frozenset[str]  # stemmed terms
    role_docs: dict[tuple[str, ...], int]  # role phrase -> number of chunks naming it
    subject_roles: frozenset[tuple[str, ...]]  # roles the guides' titles are about
    names: dict[str, str] = field(default_factory=dict)  # stemmed term -> written form, of names in passing
    short: dict[str, str] = field(default_factory=dict)  # abbreviations the guides define -> what they stand for
    initials: dict[str, str] = field(default_factory=dict)  # "mle" -> "machine learning engineer": their subject's
    acronyms: frozenset[str] = frozenset()  # initials of phrases they use often: "cs" (computer science), "nlp"
    clipped: dict[str, str] = field(default_factory=dict)  # the first letters of words they use most, with the word
    # they start ("eng": "engineer", "algo": "algorithms"; '' when two words start alike)
    written: dict[str, int] = field(default_factory=dict)  # their words as written (lower case, MISSPELT_LENGTH
    # letters or more), with how often
    camel: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "js": the camel-case names with those capitals
    pairs: frozenset[tuple[str, str]] = frozenset()  # two words they write one after the other, PAIR_DOCS times or more

    @classmethod
    def build(cls, chunks: Sequence[Chunk], vocabulary: frozenset[str]) -> CorpusProfile:
        docs: Counter[tuple[str, ...]] = Counter()
        for c in chunks:
            for phrase in {r for _, r in roles_in(words(f"{c.section} {c.text}"))}:
                for k in range(len(phrase)):  # every suffix: "senior data scientist" names "data scientist"
                    docs[phrase[k:]] += 1
        titles = {c.title for c in chunks}
        subject: Counter[tuple[str, ...]] = Counter()
        for t in titles:
            # Every tail of two words or more ("learning engineer" too), or a one-word title role.
            subject.update({r[k:] for _, r in roles_in(words(t)) for k in range(len(r)) if len(r) - k >= 2
                            or len(r) == 1})
        # A role is a subject when at least half the guides' titles name it.
        subjects = frozenset(r for r, n in subject.items() if n * 2 >= max(len(titles), 1))
        texts = [c.text for c in chunks]
        names = {t: form for t, (form, n) in proper_names(texts).items() if n <= NAME_DOCS}
        # People shorten the guides' subject to its initials ("MLE"): three letters or more, one role per initials.
        initials = {"".join(w[0] for w in r) + s: " ".join(r) + s for r in sorted(subjects, key=len) if len(r) >= 3
                    for s in ("", "s")}  # "MLEs"
        written = Counter(w for t in texts for w in WORD.findall(t.lower()) if len(w) >= MISSPELT_LENGTH)
        pairs = Counter(p for t in texts for p in set(pairwise(WORD.findall(t.lower()))))
        return cls(vocabulary, dict(docs), subjects, names, abbreviations(texts), initials, acronyms(texts),
                   clippings(texts), dict(written), camel_initials(texts),
                   frozenset(p for p, n in pairs.items() if n >= PAIR_DOCS))

    @cached_property
    def _written(self) -> list[str]:
        return sorted(self.written)

    def starting(self, start: str) -> list[str]:
        """The words they write (MISSPELT_LENGTH letters or more) that start with these letters and run at least two
        letters longer ("uni": "university", "universities")."""
        after = takewhile(lambda w: w.startswith(start), self._written[bisect_left(self._written, start):])
        return [w for w in after if len(w) >= len(start) + 2]

    def respell(self, text: str) -> str:
        """The text with each word misspelt by a letter from one the guides write ("machine learnign", "becomng")
        written as they write it, for searching: a typo matches nothing in BM25. Words they write, and common English
        words, stay; of two words a letter away ("engine", "engineer" for "enginer") the one they write most."""
        def fix(m: re.Match[str]) -> str:
            w = m.group(0)
            low = w.lower()
            if low in self.written or not _may_be_misspelt(low):
                return w
            near = process.extract(low, self._written, scorer=OSA.distance, score_cutoff=1, limit=None)
            return max((str(c) for c, _, _ in near), key=lambda c: (self.written[c], c), default=w)
        return TYPED_WORD.sub(fix, text)

    @cached_property
    def spelled_clippings(self) -> dict[str, str]:
        """The clipped words to search spelled out: one word each, and not themselves a term of the guides."""
        return {k: v for k, v in self.clipped.items() if v and stem(k) not in self.vocabulary}

    @cached_property
    def field_words(self) -> frozenset[str]:
        """The guides' field: the words of their subject roles before the head ("machine", "learning")."""
        return frozenset(w for r in self.subject_roles for w in r[:-1])

    @cached_property
    def subject_terms(self) -> frozenset[str]:
        """The stemmed terms of the guides' subject, also as people shorten it ("ml", "mle"): words every question
        about it shares, so they say nothing about what in particular is asked."""
        said = {" ".join(r) for r in self.subject_roles}
        short = {a for a, full in ROLE_ALIASES.items() if full in said or set(full.split()) <= self.field_words}
        return frozenset(tokenize(" ".join([*said, *short])))

    @cached_property
    def _role_words(self) -> list[str]:
        return sorted({w for r in (*self.role_docs, *self.subject_roles) for w in r})

    def respelled(self, role: tuple[str, ...]) -> tuple[str, ...]:
        """The role with a word of the guides' job titles misspelt by a letter written as they write it
        ("machine learnign engineer" is theirs, not a job they never mention); common English words stay."""
        def fix(w: str) -> str:
            if w in self._role_words or not _may_be_misspelt(w):
                return w
            best = process.extractOne(w, self._role_words, scorer=OSA.distance, score_cutoff=1)
            return str(best[0]) if best else w
        return tuple(fix(w) for w in role)

    @cached_property
    def _sorted(self) -> list[str]:
        return sorted(self.vocabulary)

    def knows(self, term: str) -> bool:
        """A stemmed term the guides use, up to STEM_SLACK letters of suffix either way: the stemmer makes "websit"
        of "websites" but keeps "website", and "titl" of "titles" but "title" of "title"."""
        return guide_form(term, self.vocabulary, self._sorted) is not None

    def uses(self, word: str) -> bool:
        """The guides use the word: in some form, as the initials or the start of theirs ("cs", "algo"), or
        misspelt by a letter (_known)."""
        return _known(word, self)

    def clips(self, word: str) -> bool:
        """A rare English word (or its plural) of at least CLIP_MIN letters that is the start of a longer term the
        guides use: people clip what they type ("certs", "quals", "undergrad", "infra"). "meta" and "visa" start
        nothing in the guides; "stock" and "pull" are common words, never clippings."""
        base = word[:-1] if word.endswith("s") and len(word) > CLIP_MIN else word
        if len(base) < CLIP_MIN or english_zipf(word) >= CLIP_ZIPF:
            return False
        started = takewhile(lambda t: t.startswith(base), self._sorted[bisect_left(self._sorted, base):])
        return any(len(t) >= len(base) + 2 for t in started)

    def blends(self, word: str) -> bool:
        """A rare English word made of the starts of two words the guides write together, each start CLIP_MIN - 1
        letters or more: "compsci" (computer science), "softeng" (software engineering)."""
        if english_zipf(word) >= CLIP_ZIPF:
            return False
        pairs = self._sorted_pairs  # those whose first word starts with the first part sit together: no full scan
        for k in range(CLIP_MIN - 1, len(word) - 2):
            first, second = word[:k], word[k:]
            if _pair_starting(pairs, first, second):
                return True
        return False

    @cached_property
    def _sorted_pairs(self) -> list[tuple[str, str]]:
        return sorted(self.pairs)

    def near_typo(self, word: str, most: int = TYPO_EDITS) -> bool:
        """Within `most` edits of a term the guides use ("salery", "engeneer")."""
        return any(process.extractOne(f, self._sorted, scorer=OSA.distance, score_cutoff=most) is not None
                   for f in {word, stem(word)})

    def match(self, role: tuple[str, ...]) -> tuple[str, ...] | None:
        """The longest tail of a question's role that the guides name ("senior ML engineer" -> "ML engineer").

        A bare head noun only matches when the question gave no modifier ("engineer" is not "prompt engineer").
        """
        for k in range(len(role)):
            tail = role[k:]
            if len(tail) == 1 and len(role) > 1:
                return None
            if tail in self.role_docs:
                return tail
        return None

    def is_subject(self, role: tuple[str, ...]) -> bool:
        """The role is the guides' own, as they write it or in another form of its words ("machine learn engineer": a
        twenty-fourth probe's learner of English was told the guides don't cover machine learn engineers)."""
        return any(role[k:] in self.subject_roles or tuple(map(stem, role[k:])) in self._subject_stems
                   for k in range(len(role)))

    @cached_property
    def _subject_stems(self) -> frozenset[tuple[str, ...]]:
        return frozenset(tuple(map(stem, r)) for r in self.subject_roles)

    @property
    def subject_label(self) -> str:
        """The guides' main role, for "my guides are about ..." ('' when the titles name none)."""
        longest: tuple[str, ...] = max(sorted(self.subject_roles), key=len, default=())
        return " ".join(longest)


@dataclass(frozen=True)
class RoleFocus:
    """The job the question is about, when it names one the guides are not about."""

    role: tuple[str, ...]
    known: bool  # the guides mention it (a nearby thing: partial) or not (decline)
    # Compared with the guides' own role ("data analyst vs ML engineer"): their side is still worth showing.
    compared: bool = False
    shown: str = field(default="", compare=False)  # the words as typed, when their case says more ("UX designer")

    @property
    def label(self) -> str:
        return self.shown or " ".join(self.role)


def as_typed(role: RoleFocus | None, question: str) -> RoleFocus | None:
    """The role with its words as the question types them, when capitals say more than the lower-cased words ("My
    guides don't cover UX designers": a thirty-fourth probe was told "ux designers")."""
    if role is None:
        return None
    m = re.search(r"\b" + r"\s+".join(map(re.escape, role.role)), question, re.I)
    typed = " ".join(m.group(0).split()) if m else ""
    return replace(role, shown=typed) if typed != typed.lower() and typed.lower() == " ".join(role.role) else role


# A field asked about as a career is its job: "get into data engineering", "is data science a good career".
# English word formation, not words of our guides; only where the question moves into it or calls it a career.
FIELD_OF = {"engineering": "engineer", "science": "scientist", "analytics": "analyst", "development": "developer"}
MOVES_INTO = re.compile(MOVE_IN.pattern + r"(?:\s+[a-z]+){1,2}$", re.I)  # "go into data", "get into big data"
# ...not a field named as what one studies ("IIT or a normal engineering college": a twenty-sixth probe was told the
# guides don't cover normal engineers). English words.
STUDIED_AT = frozenset("college colleges school schools degree degrees course courses program programs "  # noqa: SIM905
                       "programme major class classes student students university universities institute "
                       "studies".split())
A_CAREER = re.compile(r"(?:(?:is|are)\s+)?(?:an?\s+|the\s+)?(?:good\s+|stable\s+|real\s+)?(?:careers?|fields?|jobs?|"
                      r"paths?)\b")


def _fields_as_roles(ws: list[str]) -> list[str]:
    """The words with a field the question moves into ("go into data engineering") read as its job ("data
    engineer"), so it is judged as that role is; one word for one, so positions stay."""
    out = list(ws)
    for i, w in enumerate(ws):
        if w in FIELD_OF and i and ws[i - 1] not in STOPWORDS and ws[i - 1].isalpha() \
                and not STUDIED_AT.intersection(ws[i + 1:i + 2]) \
                and (MOVES_INTO.search(" ".join(ws[max(0, i - 8):i])) or A_CAREER.match(" ".join(ws[i + 1:i + 5]))
                     or _weighed_against(ws, i - 1)):
            out[i] = FIELD_OF[w]
    return out


def _roles(question: str, profile: CorpusProfile) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], bool]:
    """(roles asked about, roles the person comes from, whether the guides' own role is named); the guides' own
    role is in neither list."""
    ws = _fields_as_roles(words(question))
    found = [(i, profile.respelled(r)) for i, r in roles_in(ws)]
    subject_words = profile.field_words
    # ...not when said not to be meant ("sorry i meant data engineer not ML": a twenty-ninth probe got data scientists'
    # skills, the data engineer read as where they come from).
    meant = _meant(ws, subject_words)
    names_subject = any(profile.is_subject(r) and meant[max(0, i - len(r) + 1)] for i, r in found)
    # Naming the guides' field ("machine learning") makes other jobs the person's past, not their goal.
    names_field = not names_subject and bool(subject_words) \
        and subject_words <= {w for w, kept in zip(ws, meant, strict=True) if kept}
    others, background = [], []
    here = _said_here(question)
    heads = {role[-1] for role in profile.subject_roles}
    for i, r in found:
        if len(r) == 1 and r[0] in heads and i and ws[i - 1] in POINTING:
            names_subject = True  # "these engineers", said after the guides' own: theirs (not a job of its own)
            continue
        if profile.is_subject(r) or (i >= len(r) and ws[i - len(r)] in POSSESSIVE):
            continue  # "my manager keeps taking credit": a person in their life, not a job asked about
        if _acts_on_them(ws[i + 1:i + 1 + ACTS_WITHIN]) or (i >= len(r) and ws[i - len(r)] in AUDIENCE_VERBS):
            continue  # "so hiring managers notice me", "want to impress recruiters": who they want to reach
        before = " ".join(ws[max(0, i - len(r) - 6):i - len(r) + 1])
        # "the path from data analyst to ML engineer": where they go from.
        moves_on = ws[i + 1:i + 2] in (["to"], ["into"]) and "from" in ws[max(0, i - len(r) - 2):i - len(r) + 1]
        # "can a nurse become an ml engineer": the job one would move from (a twenty-first probe was told the guides
        # don't cover nurses).
        # A job they do name ("can a software engineer become MLE without going back to school") is answered as
        # before: a blind judge preferred it.
        # ...also said with a wish between ("a high school chemistry teacher, wants to move into ML engineering": a
        # twenty-fourth probe was told the guides don't cover chemistry teachers).
        then = list(dropwhile(lambda w: w in WISHING, ws[i + 1:i + 5]))
        moves_on = moves_on or (bool(then) and then[0] in BECOMES and (names_subject or names_field)
                                and profile.match(r) is None)
        # "ml engineering vs web dev", "between ML engineering and web development": weighed against the field.
        weighed = names_field and _weighed_against(ws, i - len(r) + 1)
        theirs = bool(THEIR_CUE.search(before + " ")) and (names_subject or names_field) \
            and bool(MOVE_IN.search(question))
        # "how do i become a UX designer? is that easier than ML": the job they would become is asked about, whatever
        # field is named beside it (a thirty-fourth probe's was hedged with degree quotes, UX design unsaid)
        becomes = i - len(r) >= 1 and ws[i - len(r)] in ("a", "an") and ws[i - len(r) - 1] in BECOMES
        if not becomes and (BACKGROUND_CUE.search(before + " ") or theirs or ws[i + 1:i + 2] == ["here"] or i in here
                            or moves_on or (names_field and not set(r) & subject_words and not weighed)):
            background.append(r)
        else:
            others.append(r)
            names_subject = names_subject or weighed
    return others, background, names_subject


# Words that point at people already named: "is it true that these engineers earn a lot? ... more than doctors" (a
# thirty-first probe was told the guides don't cover doctors). English.
POINTING = frozenset("these those such the".split())  # noqa: SIM905


def _meant(ws: Sequence[str], subject_words: AbstractSet[str]) -> list[bool]:
    """For each word, whether it is meant: not the guides' field said not to be ("not ML", "instead of machine
    learning", "rather than ML engineering"). English words."""
    kept = [True] * len(ws)
    for j, w in enumerate(ws):
        if w == "not" or ws[max(0, j - 1):j + 1] in (["instead", "of"], ["rather", "than"]):
            k = j + 1
            while k < len(ws) and (ws[k] in subject_words or ws[k] in ("a", "an", "the") or is_head(_head(ws[k]))):
                kept[k] = False
                k += 1
    return kept


# A job doing something to the person asking ("what should i put on github so hiring managers notice me": a
# twenty-fifth probe was told the guides don't cover hiring managers) is who they deal with, not a job asked about.
# English words; within this many words after the job.
ACTS_ON_THEM = frozenset({"me", "us"})
ACTS_WITHIN = 3
# ...or who they act on to be seen ("want to impress recruiters": a twenty-sixth probe was told it asked about them).
AUDIENCE_VERBS = frozenset("impress convince email message contact reach approach persuade".split())  # noqa: SIM905
NOT_ACTING = frozenset({"than", "like", "as"})  # "earn more than me", "a data scientist like me": set beside them


def _acts_on_them(after: list[str]) -> bool:
    """The words after a job say it does something to the person asking ("notice me", "will hire us")."""
    before = list(takewhile(lambda w: w not in ACTS_ON_THEM, after))
    return len(before) < len(after) and not NOT_ACTING & set(before)


# A job the guides name in this many chunks at most is one they only name ("Machine learning research scientist" in a
# list of professions), not one they set beside theirs (data scientists, in ten).
NAMED_ONCE = 1
# Verbs of moving into a job, right after the job one moves from (English).
BECOMES = frozenset("become becoming switch switching transition transitioning move moving pivot pivoting".split())  # noqa: SIM905
WISHING = frozenset("wants want wanting to would like is trying tries plans planning hopes hoping".split())  # noqa: SIM905


def _weighed_against(ws: list[str], start: int) -> bool:
    """The role starting at ws[start] is set against what comes before it ("... vs a web dev", "... or web
    developer", "between ... and web dev"), not said of the person."""
    k = start - 1 if start >= 1 and ws[start - 1] in ("a", "an") else start
    joint = ws[k - 1] if k >= 1 else ""
    return joint in VERSUS or joint == "or" or (joint == "and" and "between" in ws[:k])


def _said_here(question: str) -> set[int]:
    """Positions (as words() counts them) of the words of a clause that introduces the person by ending on "here"
    ("nurse here, ...", "senior backend engineer at a fintech here, what do..."); not one that asks ("are data
    scientists paid well here, ...")."""
    out: set[int] = set()
    n = 0
    for clause in CLAUSE.split(question):
        k = len(words(clause))
        if HERE_END.search(clause) and not QUESTION_OPENER.match(clause):
            out.update(range(n, n + k))
        n += k
    return out


def switches_in(question: str, profile: CorpusProfile, said_before: bool = False) -> bool:
    """Does the person name a job they come from ("nurse here, ...", "I work as a line cook"), or did so in an
    earlier message (said_before), and ask about moving into the guides' field, and no other job ("im a QA tester,
    how do i move into product management")?"""
    others, background, _ = _roles(question, profile)
    field = profile.field_words
    return ((bool(background) or said_before) and not others and bool(field) and field <= set(words(question))
            and bool(MOVE_IN.search(question)))


def target_role(question: str, profile: CorpusProfile) -> RoleFocus | None:
    """The role asked about if it is not one the guides cover; None when it is, or when no role is named.

    Roles the person says they come from ("I'm a nurse", "truck driver for 12 yrs ... get into machine
    learning") are background, not the target. When a covered role is named too, another role still counts
    if the guides never mention it ("applied scientist vs ML engineer": they don't compare those two).
    """
    others, _, names_subject = _roles(question, profile)
    return _focus(others, names_subject, profile)


def _focus(others: list[tuple[str, ...]], names_subject: bool, profile: CorpusProfile) -> RoleFocus | None:
    """target_role from the roles asked about (see there)."""
    if not others:
        return None
    role = others[-1]
    tail = profile.match(role)
    if names_subject:  # a comparison with a covered role: fine when the guides know the other one
        return None if tail else RoleFocus(role, False, compared=True)
    return RoleFocus(tail or role, tail is not None)


# A question about how things stand now ("is anyone hiring right now", "this quarter", "lately"): guides are
# written once, on a date, and cannot speak to the present market, however close their words are. Only where
# it asks: "I'm studying python right now, what next?" and "reading about AI lately... ML vs data science"
# say what the person is doing (a clause opening with I/my/we or a verb in -ing is about them).
PRESENT = re.compile(r"\b(right now|rn|at the moment|these days|nowadays|lately|anymore|currently|recently|"
                     r"this (year|quarter|month|week|season)|in 20[2-9][0-9])\b", re.I)
HERE_END = re.compile(r"\bhere\W*$", re.I)
CLAUSE = re.compile(r"[.!?;:,…]+\s*|\s+[—–]+\s+|\s+--?\s+")
ABOUT_THEM = re.compile(r"^\W*(i|i'm|im|i've|ive|i'd|my|me|we|we're|been|(?!\w*thing\b)\w{2,}ing|"
                        r"work (?:as|at|for)|live in|based in)\b", re.I)  # "im 34, work as an accountant in ohio"
# Between the words a reply names as not covered ("My guides don't cover Canada or “visas”."): it covers none of them.
TOPIC_JOIN = " or "
QUOTE = "“{}”"  # a word of the question as a topic names it (a place goes unquoted: "India")


def quoted_words(topic: str) -> list[str]:
    """The words a verdict's topic quotes (“Rust”), not the places it names (India)."""
    return re.findall(QUOTE.format("([^”]+)"), topic)
NOW_TOPIC = "how things stand right now"
# ...nor to a given number of years ahead ("will there still be ml jobs in 10 years", "by 2031"); "over the next few
# years" is what their projections speak to.
# "in like 5 years" (a thirtieth probe's was answered with the growth forecast as if it said so): "like", "about" and
# the like before the count.
FUTURE = re.compile(r"\bin (?:(?:like|about|around|maybe|say|the next|next)\s+)?"
                    r"(?:\d+|two|three|four|five|ten|twenty|a few|a couple of) (?:years?|yrs|decades?)\b|"
                    r"\b(?:\d+|five|ten|twenty) (?:years?|yrs) from now\b|\b(?:by|in) 20[3-9][0-9]\b", re.I)
FUTURE_TOPIC = "what the years ahead hold"
# "am i too old to become an ml engineer at 42?": about age, which career guides seldom address. Asked so (English
# words), it is the point of the question unless the guides themselves speak of age.
AGE = re.compile(r"\b(too old|at my age|my age|age limit|age (?:matters?|barrier)|ageism|agism)\b", re.I)
AGE_TOPIC = "age"
# "will companies even hire a 42 year old junior", "can a 50 yo become one": a person of an age is who the question is
# about (English; not "i'm a 45 year old woman", said of themselves, which the persona check keeps aside).
AGE_ASKED = re.compile(r"\b(?:hir\w*|employ\w*|take on|accept|want|consider|can|could|would|will|does|do|is)\s+"
                       r"(?:a|an|someone)\s+[1-9]\d\s*[- ]?(?:y/?o|yrs?[- ]old|years?[- ]old)\b", re.I)
# "im 34 with two kids, is it too late to get into ml": too late, said with their age, is about age (the market
# alone, "too late, everyone is already in it", is not).
TOO_LATE = re.compile(r"\btoo late\b", re.I)
AGE_SAID = re.compile(r"\b(?:i'?m|im|i am|i turn(?:ed)?|at)\s+(?:\w+\s+)?[1-9]\d\b(?!\s*(?:k|%|\$|years? of|yrs? of))|"
                      r"\b[1-9]\d\s*(?:y/?o|yrs? old|years? old)\b|"
                      # "...as an ops manager. 45. is it too late" (a twenty-first probe's): a number standing alone
                      r"(?:^|[.!?;]\s+)[1-9]\d\s*[.!,;](?=\s|$)", re.I)
# An amount asked ("how many projects should i have?", "how much do bootcamps cost?") where no passage that would
# answer holds a figure: what they say is still worth showing, said to be without one.
FIGURE_TOPIC = "a figure"
# "pytorch or tensorflow?" where the guides name both side by side: which one to pick.
CHOICE_TOPIC = "which of the two to pick"


@dataclass(frozen=True)
class Evidence:
    """What the decision rests on, in raw units (also reported by `advisor eval`)."""

    dense: float  # best cosine of question and chunk text
    heading: float  # best cosine of question and heading path
    sentence: float  # best cosine of question and one sentence of the top passages
    unknown: tuple[tuple[str, float], ...] = ()  # words the guides never use, with the share of meaning they carry
    role: RoleFocus | None = None
    present: bool = False  # asks how things stand now (asks_about_now)
    unquoted: tuple[str, ...] = ()  # names the guides mention in passing that the closest sentences leave out
    uncompared: bool = False  # it asks which of two is more of something; no close sentence compares
    future: bool = False  # asks what a given number of years ahead holds (asks_about_future)
    places: tuple[str, ...] = ()  # the unknown words that are places, as a reply writes them ("the UK")
    age: bool = False  # asks whether age stands in the way (AGE), and the guides never speak of age
    unfigured: bool = False  # asks for an amount (a sum, a count, a length of time) and no close passage gives one
    bare: bool = False  # names nothing the guides speak of besides their subject and everyday words (_names_nothing)
    unranked: bool = False  # asks which of two to pick; the close sentences name both side by side (_unranked)
    phrases: tuple[str, ...] = ()  # unknown words typed one after the other ("green card"), as typed (_side_by_side)
    titled: bool = False  # a question of a word or two, all in the heading of a passage found for it (_titled)
    named: float = 0.0  # best cosine of the question and a sentence, of any passage found, naming an unquoted name
    only_named: tuple[str, ...] = ()  # the names it asks about, when it asks about nothing else (only_named)
    part: float = 0.0  # best cosine of one of its questions, when it asks two or more, and a sentence

    @property
    def unknown_weight(self) -> float:
        """The most meaning an unfamiliar word carries, or two typed side by side ("h1b visas", "green card") do
        together: one thing the guides never name, whose words split its weight."""
        return max((*(w for _, w in self.unknown), *self._pairs().values()), default=0.0)

    def _pairs(self) -> dict[str, float]:
        """Two unfamiliar words typed side by side, each carrying some of the meaning (PAIR_WORD), with the weight
        they carry together: "h1b visas", not "getting CUDA" (“getting” is how it is asked)."""
        weight = dict(self.unknown)
        both = {p: [weight.get(w, 0.0) for w in p.split(" ", 1)] for p in self.phrases}
        return {p: sum(ws) for p, ws in both.items() if min(ws) >= PAIR_WORD}

    def unknown_topic(self, floor: float) -> str:
        """The unknown words that carry meaning, as the decline acknowledges them: a place by its name ("Canada"),
        any other word in quotes as the person typed it (“laptop”, “stressful”), so the reply reads right whatever
        the word is; "or", as the reply says the guides cover none of them."""
        # ...a word alone, or, when none does, two side by side that carry it together ("h1b visas")
        together = set() if any(x >= floor for _, x in self.unknown) else {
            w for p, x in self._pairs().items() if x >= floor for w in p.split(" ", 1)}
        picked = [w for w, x in sorted(self.unknown, key=lambda p: -p[1]) if x >= floor or w in together][:3]
        # Two of them typed side by side are one thing ("green card"), not “card” or “green”; also a name of two
        # capitalised words when only one carries the weight and the other some ("GI Bill": a thirty-second probe was
        # told the guides don't cover “Bill”; not "ValueError Input").
        weight = dict(self.unknown)
        for phrase in self.phrases:
            first, second = phrase.split(" ", 1)
            named = first[:1].isupper() and second[:1].isupper() and min(weight.get(first, 0.0),
                                                                          weight.get(second, 0.0)) >= PAIR_WORD
            if ({first, second} <= set(picked) or (named and {first, second} & set(picked))) \
                    and not {first, second} & set(self.places):  # "Lagos or Nigeria"
                at = min(picked.index(w) for w in (first, second) if w in picked)
                picked = [*[w for w in picked[:at] if w not in (first, second)], phrase,
                          *[w for w in picked[at:] if w not in (first, second)]]
        return TOPIC_JOIN.join(w if w in self.places else QUOTE.format(w) for w in picked)


def named_together(names: Sequence[str], joined_by: str = "and") -> str:
    """Names as English lists them: "Google", "Google and DeepMind", "Google, DeepMind and Ph.D"."""
    return f" {joined_by} ".join(filter(None, (", ".join(names[:-1]), names[-1]))) if names else ""


@dataclass(frozen=True)
class Verdict:
    """The outcome, and what to say about it."""

    scope: Scope
    topic: str = ""  # what was asked that the guides don't cover
    role: RoleFocus | None = None
    now: bool = False  # it also asks how things stand now (the lead says both)
    in_passing: bool = False  # the topic is a name the guides mention, only not on what was asked
    # ...and nothing they say comes close to the question: only passages naming these are worth quoting
    only_of: tuple[str, ...] = ()
    just_named: bool = False  # ...and the question asks about nothing else ("PhDs?"): no "not on this"
    places: tuple[str, ...] = ()  # places it asks about that the guides never name, beside a role (said with it)


@dataclass(frozen=True)
class ScopeRule:
    """Thresholds fitted on the dev split of eval/questions (values and provenance in eval/tuned.yaml)."""

    min_sentence: float = 0.55  # answered when a sentence, a chunk or a heading is this close to the question
    min_dense: float = 0.55
    min_heading: float = 0.50
    max_unknown: float = 0.16  # a never-mentioned word carrying more of the meaning than this is the point
    partial_sentence: float = 0.45  # ...and the rest is covered this well: partial instead of declined
    hedge_sentence: float = 0.35  # not close enough to answer, but a sentence this close is worth showing as partial

    def decide(self, ev: Evidence) -> Verdict:
        if ev.role is not None:
            return Verdict("partial" if ev.role.known or ev.role.compared else "declined", ev.role.label + "s", ev.role,
                           places=ev.places)
        close = ev.sentence >= self.min_sentence or ev.dense >= self.min_dense or ev.heading >= self.min_heading \
            or (ev.titled and not ev.unknown)
        if ev.bare and not close:  # "can i get an H-1B visa as an ML engineer, how does sponsorship work"
            return Verdict("declined", ev.unknown_topic(0.0), now=ev.present)
        if ev.unknown_weight > self.max_unknown:
            topic = ev.unknown_topic(self.max_unknown)
            covered = max(ev.sentence, ev.part) >= self.partial_sentence  # the rest, or one question of it
            return Verdict("partial" if covered else "declined", topic, now=ev.present)
        if ev.age:  # "too old at 42?": what the guides say comes closest, framed as not about age
            return Verdict("partial" if close or ev.sentence >= self.hedge_sentence else "declined", AGE_TOPIC)
        if close and ev.unfigured:  # "how many projects should i have?": what they say, framed as giving no number
            return Verdict("partial", FIGURE_TOPIC)
        if close and ev.present:  # what the guides say, framed as what they said, not as today's market
            return Verdict("partial", NOW_TOPIC)
        if close and ev.future:  # the same for a forecast they never make
            return Verdict("partial", FUTURE_TOPIC)
        if close and ev.unquoted:  # "google's hiring process": the guides name Google, but not on this
            return Verdict("partial", named_together(ev.unquoted), in_passing=True)
        if close and ev.uncompared:  # what they say of each side, not which is harder: hedged
            return Verdict("partial")
        if close and ev.unranked:  # what they say of both, said not to pick one
            return Verdict("partial", CHOICE_TOPIC)
        if close:
            return Verdict("answered")
        if ev.only_named:  # "PhDs?", "do they say anything about hadoop": what they say of it, said to be all
            return Verdict("partial", named_together(ev.only_named), in_passing=True, only_of=ev.only_named,
                           just_named=True)
        if ev.named >= max(ev.sentence, self.hedge_sentence):
            # "is kaggle actually useful for getting a job": nothing close on that, but what they say of Kaggle is
            # worth showing, said to be all they say of it; so when the sentence naming it is the closest of all
            # ("what about PhDs?" came nearer the outlook's opening than anything of the passages found for it)
            return Verdict("partial", named_together(ev.unquoted), in_passing=True, only_of=ev.unquoted)
        if ev.sentence >= self.hedge_sentence:  # "the hiring freeze situation in 2025": said to be no news of today
            return Verdict("partial", FUTURE_TOPIC if ev.future else NOW_TOPIC if ev.present else "")
        return Verdict("declined")


@dataclass(frozen=True)
class Answerability:
    """Gathers evidence for a question and applies the rule.

    The factory passes the same CachedEmbeddings as retrieval and the answerer get, so the question and
    the sentences it is compared with are embedded once for all three.
    """

    embeddings: Embeddings
    rule: ScopeRule = field(default_factory=ScopeRule)

    def _embed(self, texts: list[str]) -> np.ndarray:
        return vectors(self.embeddings, texts)

    def clipped_alike(self, text: str, profile: CorpusProfile) -> dict[str, str]:
        """Words of the text the guides never use, shorter than CLIP_MIN, that are the start of one they write and mean
        the same to the embedding model (WORD_ALIKE), each with that word: "uni" is "university" (0.73). Three letters
        start too many words to be read as a clipping from spelling alone; the model tells "uni" from "unique".
        Longer ones are clippings by spelling (CorpusProfile.clips), and "differ" is no clipping of "different".
        The capitals of a name they write in camel case are read the same way: "js" is "javascript" (0.83), while
        "dm" is no "deepmind" (0.24) but the message people send."""
        out: dict[str, str] = {}
        for w in dict.fromkeys(WORD.findall(text.lower().replace("’", "'"))):
            if not 2 <= len(w) < CLIP_MIN or w in STOPWORDS or w.isdigit() or _known(w, profile):
                continue
            if longer := [*(profile.starting(w) if len(w) >= 3 else []), *profile.camel.get(w, ())]:
                likeness = self._embed(longer) @ self._embed([w])[0]
                if float(likeness.max()) >= WORD_ALIKE:
                    out[w] = longer[int(likeness.argmax())]
        return out

    def evidence(self, question: str, passages: list[Passage], profile: CorpusProfile, place: str = "",
                 own: str = "", folded: bool = False) -> Evidence:
        """place: where the question is about when it says so only by "round here" (the person's country); own: a
        follow-up that asks anew, as typed, when the question folds in the thread before it; folded: the question is
        a follow-up folded into its thread (whose words are not all this turn's)."""
        from advisor.extractive import units_of

        others, background, names_subject = _roles(question, profile)
        role = _focus(others, names_subject, profile)
        if role is None and names_subject and others and passages and not folded \
                and profile.role_docs.get(profile.match(others[-1]) or others[-1], 0) <= NAMED_ONCE \
                and not any(mentions(p, others[-1][-2:]) for p in passages[:4]):  # its head: "software engineer"
            # "how's ml engineer different from research scientist": a job the guides name elsewhere (in a list of
            # professions) but not in what would be quoted is no side they compare (a twenty-first probe got the ML
            # engineer's side alone, as answered). Not of a job only the thread said ("should i negotiate" after it).
            role = RoleFocus(others[-1], True, compared=True)
        role = as_typed(role, question)
        if not passages:
            return Evidence(0.0, 0.0, 0.0, role=role)
        qv = query_vector(self.embeddings, question)
        found = units_of(passages[:4])
        units = [u.text for u in found]
        uv = self._embed(units) if units else np.zeros((0, qv.shape[0]))
        sims = uv @ qv
        sentence = float(sims.max()) if units else 0.0
        # "what programing languages do ml enginers use": a word of the guides typed a letter off is theirs, as it was
        # searched (a twenty-third probe's was hedged; spelled right, it was answered).
        respelled = profile.respell(question)
        asks = asking_part(question)  # the sentences that ask, when others only state things
        if units:
            # "frontend dev here and my math is rusty. how much math do i need?": what they say of themselves dilutes
            # the question; the part that asks is compared on its own too; so is the question respelled.
            # So does a few words' opening on their job ("PM at a fintech. ... Can you break it down?"), whose
            # question is the rest.
            for text in dict.fromkeys(t for t in (asks, respelled, asking_part(respelled),
                                                  _after_job_at(question))
                                      if t and t != question):
                sentence = max(sentence, float((uv @ query_vector(self.embeddings, text)).max()))
        # Each question of a message that asks two ("Which companies hire MLEs the most? Is Stripe or Shopify a good
        # target?"), on its own: what the guides say of one is worth showing beside what they don't cover of the other
        # (a thirty-third probe's was declined, the first question's companies never shown).
        parts = [t for t in SENTENCE_BREAK.split(asks) if "?" in t and len(tokenize(t)) >= MIN_PART_TERMS]
        part = max((float((uv @ query_vector(self.embeddings, t)).max()) for t in parts), default=0.0) \
            if units and len(parts) > 1 else 0.0
        dense = max(p.signals.get("dense", 0.0) for p in passages)
        heading = max(p.signals.get("heading", 0.0) for p in passages)
        # A name in the heading a close sentence stands under is what that sentence is about ("MLOps Tools: ..."
        # under "Data Engineering and MLOps" for "is mlops something i need to learn?").
        top = [int(i) for i in np.argsort(-sims)[:NAME_TOP]]  # the closest sentences, once for every test below
        nearest = [units[i] for i in top]
        closest = {t for i in top for t in tokenize(f"{units[i]} {passages[found[i].passage].section}")}
        theirs = {t for w in _what_they_do(question) for t in tokenize(w)}  # "i work as a data analyst, sql, ..."
        theirs |= {t for w in bracketed(question) for t in tokenize(w)}  # "(Oracle, some PL/SQL)": said in passing
        # (Of the sentences that ask: "I've taught AP Computer Science ..., mostly Java, ... what does an ML engineer
        # do day to day?" is not about Java, which a thirty-second probe was told the guides mention in passing.)
        unquoted = tuple(dict.fromkeys(profile.names[t] for t in tokenize(asks)
                                       if t in profile.names and t not in closest and t not in theirs
                                       and profile.names[t].lower() not in gazetteer()))
        uncompared = _uncompared(question, nearest, profile.subject_terms, units)
        named_sentence = self._naming(qv, unquoted, passages)
        named = places_asked_about(question)
        places = self._places(question, named, profile, place, own)
        asked = " ".join(not_about_them(question))
        if not bound_to_place(asked):
            # "i'm a math teacher in india, how much math do ML engineers need?": where they are, said of
            # themselves, bears on pay and jobs only (as a profile's country does); pay or jobs they speak of as
            # their own ("my company is cutting jobs ... is this realistic at my age": a thirty-third probe was told
            # the guides say nothing of Stuttgart) is no question of it.
            places = [p for p in places if p not in named or p in places_asked_about(asked)]
        unknown = self._unknown(question, qv, profile, places, named, background)
        age = asks_about_age(question) and not set(tokenize(AGE_TOPIC)) <= profile.vocabulary
        if age:  # "old" of "is that too old for ml" is what age names: acknowledged as age, not as a word
            said = {t for m in AGE.finditer(question) for t in tokenize(m.group(0))}
            unknown = tuple(u for u in unknown if not set(tokenize(u[0])) <= said)
        return Evidence(dense, heading, sentence, unknown, role,
                        asks_about_now(question), unquoted, uncompared, asks_about_future(question),
                        tuple(map(place_label, places)), age,
                        # A follow-up that asks anew asks for an amount only if it does itself ("is that worth it?"
                        # after "how much do they cost?" does not).
                        # (In the sentences that ask: "the pay is rough ... what does an ML engineer do day to day?"
                        # asks for no amount; a thirty-second probe was told there was no figure for it.)
                        asks_figure(asking_part(own or question))
                        and (not any(FIGURE.search(p.text) for p in passages[:4])
                             or _figures_elsewhere(question, own, units, profile)
                             # as the guides spell it ("how much do machine lerning
                             # enginers make": a twenty-sixth probe's was hedged)
                             # (of the sentences that ask: "you just repeated yourself. fine. what do MLEs get
                             # paid" was told there was no figure for it, as if the repeating were what is paid)
                             or _figures_of_other(asking_part(profile.respell(own) if own else respelled), [
                                 f"{u.text} {passages[u.passage].section.split(' > ')[-1]}"
                                 for u in found], profile)),
                        _names_nothing(question, unknown, profile),
                        _unranked(question, nearest), _side_by_side(question, unknown),
                        # "where should i learn it" after "how much maths do i need": the heading is the thread's
                        not folded and self._titled(question, passages, profile), named_sentence,
                        () if folded else only_named(asks, theirs, profile), part)

    def _naming(self, qv: np.ndarray, names: tuple[str, ...], passages: list[Passage]) -> float:
        """Best cosine of the question and a sentence naming one of the names, in any passage found (the one that
        names it is put last, beyond the best few read for every question); 0 when nothing is named."""
        from advisor.extractive import units_of

        if not names:
            return 0.0
        texts = [u.text for u in units_of(passages) if names_any(u.text, names)]
        return float((self._embed(texts) @ qv).max()) if texts else 0.0

    def _titled(self, question: str, passages: list[Passage], profile: CorpusProfile) -> bool:
        """A question of one or two words besides the guides' subject, question words and words of need ("salary?",
        "whats the work life balance like", "how much maths do i need"), each of them in the heading of one of the
        best three passages ("Machine Learning Engineer Salary", "Core Mathematics and Statistics") or a word
        there means the same (WORD_ALIKE): the guides have a section on just that, though so short a question is
        far from every sentence."""
        said = _asked_terms(question, profile)
        terms = set(said)
        if not 0 < len(terms) <= 2:
            return False
        for p in passages[:3]:
            heading = p.section.split(" > ")[-1]
            other = [said[t] for t in terms - set(tokenize(heading))]
            if not other:
                return True
            words = [w for w in WORD.findall(heading.lower()) if tokenize(w)]
            if words:  # "maths" is "Mathematics", "certs" "Certificate": a word alike, not one spelled alike
                likeness = self._embed(other) @ self._embed(words).T
                if bool((likeness.max(axis=1) >= WORD_ALIKE).all()):
                    return True
        return False

    @staticmethod
    def _places(question: str, named: list[str], profile: CorpusProfile, place: str, own: str = "") -> list[str]:
        """Places the question is about (named: places_asked_about) that the guides never name (place: the person's,
        for "round here").

        A place named only before a follow-up ("what about in the UK?" then "how long would it take me?") stays
        the point only when the follow-up's answer differs by place, as a profile's country does."""
        def covered(name: str) -> bool:
            if name not in gazetteer():  # a name the gazetteer lacks ("deutschland"): any word of it the guides use
                return len(tokenize(name)) < len(name.split()) or any(t in profile.vocabulary for t in tokenize(name))
            # Exactly the guides' terms here, not knows(): "india" is not covered by guides that say "indian".
            return any((ts := tokenize(n)) and all(t in profile.vocabulary for t in ts) for n in names_of(name))

        places = list(dict.fromkeys(p for p in named if not covered(p)))  # "in india ... in india": one place
        # "...the same outside the US?": the guides that name the US say nothing of everywhere else.
        places += [OUTSIDE + p for p in dict.fromkeys(places_outside(question)) if covered(p)]
        if own and own != question and not bound_to_place(own):
            places = [p for p in places if p in places_asked_about(own)]
        # The person's country for "round here"; "not sure" is no place (a word of it is no content word).
        if (where := profile_place(place)) and where not in places and not covered(where):
            places.append(where)
        return places

    def _unknown(self, question: str, qv: np.ndarray, profile: CorpusProfile, places: list[str], in_question: list[str],
                 background: list[tuple[str, ...]]) -> tuple[tuple[str, float], ...]:
        """Words the guides never use, each with how much the question's meaning moves without it.

        A place the guides never name ("salary in canada") is the point whatever the model makes of it: the
        guides' figures and advice are for the places they name, so it carries all the meaning (1.0).
        """
        # Words set aside, never the unknown point. A place (in_question: every place it names) is judged as a place
        # or not at all: one of the thread that does not decide a follow-up is no unknown word either.
        aside = {w for p in (*places, *in_question) for w in p.split()}
        # The job they come from ("as a pharmacist, how do I get into ML") is where they start, not the point.
        aside |= {w for r in background for w in r}
        # So is the field they leave ("what do i need to learn to move into ML from backend").
        aside |= {w for m in CAME_FROM.finditer(question) for w in WORD.findall(m.group(1).lower())}
        aside |= _what_they_do(question)
        # What they say in brackets, and nowhere else ("built a little model (anonymized, don't worry)"), is an aside:
        # a thirty-second probe was told twice the guides don't say anything about “anonymized”.
        aside |= bracketed(question)
        # Their question and the advisor's answer are this conversation, no topic ("so does that change your answer?").
        aside |= {m.group(1).lower() for m in ABOUT_TALK.finditer(question)}
        # The unit an amount is counted in ("how many months is a bootcamp") is what no figure may be given in, not
        # what is asked about.
        aside |= {m.group(1).lower() for m in COUNTED_IN.finditer(question)}
        # "what kind of math do i need": how it is asked, no thing of its own
        aside |= {m.group(1).lower() for m in KIND_OF.finditer(question)}
        # ...and the degree they hold ("i have a physics degree, what should i learn first"), unless what they ask
        # is about it ("..., is it enough?") or names it again.
        # (Of the part that asks, its sentences opening on a question word, if any: not "... in my nursing degree but
        # thats about it, never coded" said after "what would i need to learn?".)
        asks = asking_clause(question)
        opening = [t for t in SENTENCE_BREAK.split(asks) if QUESTION_OPENER.match(t.strip())]
        if not ABOUT_IT.search(" ".join(opening) or asks):
            for m in (*DEGREE_SAID.finditer(question), *IN_MY_DEGREE.finditer(question)):
                rest = set(WORD.findall(f"{question[:m.start()]} {question[m.end():]}".lower()))
                aside |= set(WORD.findall(m.group(1).lower())) - rest
        surface = WORD.findall(question.lower().replace("’", "'"))
        # "wat should go in my portfolio": a question word typed short opens a sentence; it is no topic.
        openers = {m.group(1).lower() for m in SENTENCE_START.finditer(question)
                   if any(m.group(1).lower()[0] == q[0] and OSA.distance(m.group(1).lower(), q) <= 1
                          for q in QUESTION_WORDS)}
        surface = [w for w in surface if w not in openers]
        # Each word as first typed, for the reply ("My guides don't cover Meta.", not "meta").
        typed = {w.lower(): w for w in reversed(re.findall(WORD.pattern, question.replace("’", "'"), re.I))}
        unknown = list(dict.fromkeys(
            w for w in surface if w not in STOPWORDS and not never_the_point(w) and len(w) > 1 and tokenize(w) != []
            and not w.isdigit()  # "200 jobs", "my son is 16": a count or an age is never what a guide is about
            and w not in aside
            and not _known(w, profile)))
        alike = self.clipped_alike(" ".join(unknown), profile)  # "uni": "university"
        # An everyday word searched as the guides' ones ("downsides": worst aspects) is theirs, when they use those:
        # "what are the downsides of the job" was declined on "downsides", and its list was found all the same.
        # ...and so is a job's short form ("SWE": a twenty-fifth probe was told the guides say nothing about “SWE”).
        unknown = [w for w in unknown if w not in alike
                   and not any(profile.knows(t) for t in tokenize(searched_as(w)))]
        named = tuple((place_label(p), 1.0) for p in places)
        # A word English hardly uses that is no misspelling of the guides' words names something (a company, a
        # game, a product: "bitlife", "quantaflow"): like a place, the guides cannot speak to it.
        written = capitalised(question)
        names = [w for w in unknown if (not any(c.isdigit() for c in w) and english_zipf(w) < RARE_ZIPF
                                        and not profile.near_typo(w) and not english_variant(w, COMMON_ZIPF, RARE_ZIPF))
                 or w.removesuffix("'s") in written]
        # "Stanford's": Stanford; "Georgia Tech's": Georgia Tech, with the capitalised words that follow it
        named += tuple((_with_rest_of_name(question, typed.get(w, w).removesuffix("'s")), 1.0) for w in names)
        unknown = [w for w in unknown if w not in names]
        if not unknown:
            return named
        pattern = [re.compile(rf"(?<![a-z0-9]){re.escape(w)}(?![a-z0-9])", re.I) for w in unknown]
        # Weighed without what stands in brackets at its end, an aside or the subject a conversation leaves unsaid
        # ("... given all the layoffs at google and meta? (machine learning engineer)": “layoffs” carried less of
        # it with the subject beside it, and a thirty-third probe got work-life balance for it).
        weighed = BRACKETS_AT_END.sub("", question) or question
        if weighed != question:
            qv = query_vector(self.embeddings, weighed)
        variants = [" ".join(p.sub(" ", weighed).split()) or "?" for p in pattern]
        vecs = vectors(self.embeddings, variants)
        # "how do i negotiate my salary": what they want to do is the point, though the model weighs "salary" more.
        doing = {g.lower() for m in HOW_TO.finditer(question) for g in m.groups() if g}
        return named + tuple((typed.get(w, w), 1.0 if w in doing else round(float(1.0 - v @ qv), 4))
                             for w, v in zip(unknown, vecs, strict=True))

    def closest_questions(self, question: str, pool: Sequence[str], n: int = 3) -> tuple[str, ...]:
        """The questions the guides answer (their question-shaped headings) nearest to this one."""
        if not pool:
            return ()
        qv = query_vector(self.embeddings, question)
        sims = self._embed(list(pool)) @ qv
        return tuple(pool[i] for i in np.argsort(-sims)[:n])


MIN_PART_TERMS = 3  # a question of a message that asks more than one is read alone when it has this many terms
BRACKETS_AT_END = re.compile(rf"(?:\s*{BRACKETS.pattern})+\s*$")  # brackets closing the question
# "my friend Sarah", "my manager Tom": a person's name, not something asked about (English words).
KIN = frozenset("friend friends brother sister boss manager colleague coworker co-worker wife husband partner son "  # noqa: SIM905
                "daughter mom mum dad mother father teacher mentor professor cousin uncle aunt".split())


def _asked_terms(question: str, profile: CorpusProfile) -> dict[str, str]:
    """What a short question asks about, term -> word as typed: its words besides the guides' subject, question
    words, words of need and how it is asked ("actually", "even")."""
    now = KIND_OF.sub(" ", unjoined(asked_now(question)))  # "what kind of math do i need" asks about math
    said = {t: w for w in WORD.findall(now.lower().replace("’", "'")) for t in tokenize(w)}
    # "how much maths do i need" is about maths; "do i need a masters?" is about the need, which no heading answers
    # ("Step 2: Master the Technical Skills", found after a thread about moving into ML, is no answer to it).
    needed = frozenset() if any(YES_NO_Q.match(c) for c in CLAUSE.split(now)) else NEED_TERMS
    # "how much math do i actually need": how it is asked ("actually", "even") is no word of the heading's
    terms = {t for t in set(said) - profile.subject_terms - QUESTION_TERMS - needed
             if not (english_adverb(said[t]) or t in EMPHASIS)}
    terms = (terms - MEASURE_TERMS) or (terms & SUM_NOUNS)  # "salary?" is about the sum itself
    return {t: said[t] for t in terms}


def only_named(asks: str, theirs: set[str], profile: CorpusProfile) -> tuple[str, ...]:
    """The names the guides mention in passing that the question asks about, when it asks about nothing else,
    however it asks ("PhDs?", "do the guides say anything about PhDs at all?"): what they say of them is the
    answer, however far it is from the question's wording. theirs: terms the person said of themselves."""
    terms = set(_asked_terms(asks, profile)) - TALK_TERMS
    if not terms or not terms <= profile.names.keys() or terms & theirs:
        return ()
    return tuple(dict.fromkeys(profile.names[t] for t in tokenize(asks) if t in terms))


def _with_rest_of_name(question: str, word: str) -> str:
    """The word with the capitalised words typed right after it, when it is capitalised ("Georgia" of "is Georgia
    Tech's masters good": "Georgia Tech"); else the word."""
    m = re.search(rf"\b{re.escape(word)}((?:\s+[A-Z][a-z]+)+)", question) if word[:1].isupper() else None
    return word + m.group(1) if m and word.lower() in capitalised(question) else word


def searched_as(word: str) -> str:
    """The guides' words an everyday word is searched as (EXPANSIONS, ROLE_ALIASES), typed right or a letter off when
    long enough to tell ("colege": "college", read as "university degree"; a thirty-third probe's "so i need colege or
    not??" was told the guides say nothing about “colege”); '' for others."""
    if found := EXPANSIONS.get(word) or ROLE_ALIASES.get(word):
        return found
    if len(word) < MISSPELT_LENGTH - 1 or english_zipf(word) >= COMMON_ZIPF:  # "male" is no "make" misspelt
        return ""
    near = [k for k in (*EXPANSIONS, *ROLE_ALIASES) if len(k) >= len(word) - 1 and OSA.distance(word, k) <= 1]
    return EXPANSIONS.get(near[0]) or ROLE_ALIASES.get(near[0], "") if near else ""


def capitalised(question: str) -> set[str]:
    """Words written with a capital inside a sentence ("Is Stanford's MS good?", "does Meta let..."), lower-cased: a
    name, however common the word. None when most words are capitalised (a title: "Is Python Enough For ML?")."""
    tokens = question.split()
    inside = [(t, p) for p, t in pairwise(tokens) if not p.endswith((".", "!", "?", ":"))]
    caps = [t for t, p in inside if t[:1].isupper() and t[1:2].islower() and p.lower() not in KIN]
    if not inside or len(caps) * 2 > len(inside):
        return set()
    # Places have rules of their own (where the person is from is no topic), unless part of another name ("Georgia
    # Tech"); "Stanford's" is Stanford.
    words = {w.removesuffix("'s") for t in caps for w in WORD.findall(t.lower().replace("’", "'"))}
    return {w for w in words if w not in gazetteer() or in_a_name(question, w)}


def _figures_elsewhere(question: str, own: str, units: list[str], profile: CorpusProfile) -> bool:
    """A follow-up asking anew for an amount ("how many years to get there?" after "what does a senior ML engineer
    do?", "how long are they usually" after "can i become one through a bootcamp") where no sentence with a figure
    shares a word of the thread beyond the guides' subject: their figures (how long a degree takes) are about
    something else."""
    if not own or own == question:
        return False
    # "ok last thing, how much do they make" after questions on a daughter's studies: pay asked of no one named is
    # the pay of the people the guides are about, whatever words the thread used; "which one pays more" after two
    # roles is still the pay of each.
    said = set(tokenize(own))
    asked = set(tokenize(unjoined(own)))  # "ok last thing, ..." only joins it to the thread
    if asked & PAY_TERMS and not asked - MEASURE_TERMS - profile.subject_terms and not WEIGHS_UP.search(own):
        return False
    return _figures_miss(set(tokenize(question)) - said - profile.subject_terms, units)


# Asking to be told, in English: "tell me about", "can you explain", "i want to know".
REQUEST_FRAME = re.compile(r"\b(?:(?:can|could|would|will) you|(?:tell|show|give) me(?: more)?(?: about)?|explain|"
                           r"describe|i (?:want|wanna|would like|'d like) to know)\b", re.I)


# "I'm a data analyst (SQL, tableau)": a job they say is theirs, not someone else's ("my dad is a machine learning
# engineer", "my manager keeps taking credit"). English words.
IS_A = re.compile(r"^\W*(?:i['’]?m|im|i am|i['’]?ve been|ive been|i have been|i work as)\s+(?:now\s+|currently\s+)?"
                  r"an?\s", re.I)
INTRO = re.compile(r"^\W*" + SELF_INTRO + r"\b", re.I)  # "java dev here", "mech engineer here (cad, fea)"
SENTENCE_END = re.compile(r"[.!?…]\W*$")
IS_THEIR_JOB = re.compile(r"\b(?:" + THEIR_JOB + r")\s+an?\s", re.I)  # "..., he's a backend dev (Java, 6 years)"


# "PM at a mid-size fintech. ...": a message opening on what they are and where, said in a few words (English).
JOB_AT = re.compile(r"^\W*(?:(?:hi|hello|hey)\W+)?(?!(?:i|im|i'm|it|its|good|bad|great|better|worse|best|worst)\b)"
                    r"(?:[\w/&+.-]+\s+){0,2}?[\w/&+.-]+\s+(?:at|@)\s+(?:an?|the|my|our)\s[^?]{0,40}$", re.I)


# "i did a bit of stats in my nursing degree": the degree they took, said in passing (a thirtieth probe was told the
# guides say nothing about nursing). English words.
IN_MY_DEGREE = re.compile(r"\b(?:in|during|from|for|with|through)\s+my\s+((?:[a-z]+\s+){1,2}(?:degree|bachelor'?s?|"
                          r"master'?s?|bsc|msc|ba|bs|phd|diploma|studies|course))\b", re.I)


def _after_job_at(question: str) -> str:
    """The question after an opening sentence on their job and where (JOB_AT), or '' when it has none."""
    first, *rest = SENTENCE_BREAK.split(question.strip(), maxsplit=1)
    return rest[0] if rest and JOB_AT.match(first) else ""


def _what_they_do(question: str) -> set[str]:
    """The words of what they say they do, in a sentence before the one that asks: where they start ("i work in a
    biology lab as a tech, pipetting all day. could i become an ML engineer?", "I'm a data analyst (SQL, tableau)."),
    unless the question points back at it."""
    asks = asking_clause(question)
    if not asks or asks not in question or _points_back(asks):
        return set()
    # ...or in a sentence after the one that asks, which asks nothing itself ("what should i learn first? i studied
    # pharmacy": a twenty-sixth probe was told the guides don't cover pharmacy; its mark is the one every question is
    # given, as_question).
    at = question.rindex(asks)
    after = [c for c in [*SENTENCE_BREAK.split(asks)[1:], *SENTENCE_BREAK.split(question[at + len(asks):].strip())]
             if c and not QUESTION_OPENER.match(c.strip())]
    before = SENTENCE_BREAK.split(question[:at])
    first = before[0]
    return {w for c in before + after
            if ((CAREER_FACT.search(c) or (IS_A.match(c) and roles_in(words(c)))) and ABOUT_THEM.match(c))
            # "mech engineer here (cad, fea, some matlab). which maths topics...": a twenty-third probe was told the
            # guides mention MATLAB only in passing
            or (INTRO.match(c) and roles_in(words(c)))
            # ...or of the one they ask for, in a sentence of its own ("my wife is a welder (glazing). what should
            # she learn?"; not "my dad is a welder and never home, how do i talk to him")
            or (IS_THEIR_JOB.search(c) and roles_in(words(c)) and SENTENCE_END.search(c))
            # "Hi - PM at a mid-size fintech. I work with ML engineers daily but don't get what they do vs our data
            # scientists. Can you break it down?" (a thirtieth probe was told the guides don't cover “PM”)
            or (c is first and JOB_AT.match(c))
            for w in WORD.findall(c.lower())}


def _figures_of_other(question: str, units: list[str], profile: CorpusProfile) -> bool:
    """An amount asked of a thing ("how long does it take to become an ML engineer?", "how much does a bootcamp
    cost?") where no sentence with a figure (read under its own heading) names that thing: their figures (how long a
    degree takes, what tuition costs) are the amounts of something else."""
    # Where is judged on its own (_places): "round here" and "in the USA" name no thing the amount is of.
    # "ok last thing, ..." names no thing, nor does the frame of a request ("tell me about ML engineer salaries").
    asked = KIND_OF.sub(" ", REQUEST_FRAME.sub(" ", HERE.sub(" ", unjoined(asked_now(question)))))  # nor "kind of"
    where = {t for p in places_named(asked) for t in tokenize(p)}
    # "how many hours a week should i study": counted in hours, a figure of years (how long a degree takes) is of
    # something else, whatever words they share.
    if (counted := COUNTED_IN.search(asked)) \
            and _figures_miss(set(tokenize(UNIT_SPELLED.get(counted.group(1).lower(), counted.group(1)))), units):
        return True
    # "is it a good job tho? like does it pay well": how it is weighed and what kind of thing their subject is name
    # nothing else the amount could be of.
    # A move into the field is no frame here: "how long would the transition take" asks how long the move takes, and
    # how long a degree takes is the amount of something else (as for "how long does it take to become one").
    # Nor does an everyday word the guides never write: "how much would he make if he got a job" asks his pay, and
    # "got" is no thing it is of (a replay of probe 29 was told the guides give no figure).
    framing = {t for w in WORD.findall(asked.lower())
               if (never_the_point(w) and not MOVING.match(w)) or w in JUDGEMENT or w in VERDICT_WORDS
               for t in tokenize(w)} \
        | {t for w in WORD.findall(asked.lower()) if english_zipf(w) >= EVERYDAY_ZIPF
           for t in tokenize(w) if t not in profile.vocabulary}
    return _figures_miss(set(tokenize(asked)) - profile.subject_terms - MEASURE_TERMS - where - framing
                         - SUBJECT_KINDS - PAY_SAID, units)


# Words for the kind of thing the guides' subject is (English): "does this career pay well" asks its pay.
SUBJECT_KINDS = frozenset(tokenize("job jobs career careers role roles field profession position"))
# Words that weigh an amount rather than name a thing ("is the pay good", "in general"): English.
VERDICT_WORDS = frozenset({"good", "great", "decent", "general"})
# The conversation itself, in English: "your answer", "my question".
ABOUT_TALK = re.compile(r"\b(?:your|ur|my|that|this|the)\s+(answers?|repl(?:y|ies)|responses?|questions?)\b", re.I)
# An amount asked as a count of a unit of time, in English ("how many hours", "how many yrs").
COUNTED_IN = re.compile(r"\bhow many\s+(hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?)\b", re.I)
UNIT_SPELLED = {"hr": "hour", "hrs": "hours", "wk": "week", "wks": "weeks", "yr": "year", "yrs": "years"}


def _names_nothing(question: str, unknown: tuple[tuple[str, float], ...], profile: CorpusProfile) -> bool:
    """Besides words the guides never use, the question names only their subject, question and judgement words and
    everyday English ("will my visa be a problem?", "does my company sponsor h-1b"): nothing of it is theirs."""
    strange = {t for w, _ in unknown for t in tokenize(w)}
    if not strange:
        return False
    left = {t for w in WORD.findall(question.lower().replace("’", "'"))  # a follow-up's thread names things too
            if w not in STOPWORDS and not never_the_point(w) and not w.isdigit() and english_zipf(w) < EVERYDAY_ZIPF
            for t in tokenize(w)}
    return not left - strange - profile.subject_terms


QUESTION_TERMS = frozenset(tokenize(" ".join(QUESTION_WORDS)))  # "what", "how"... as terms
# Asking what the guides say, in English: "do the guides say anything about X", "does your source mention X".
TALK_TERMS = frozenset(tokenize("guide guides source sources article articles say says said mention mentions "
                                "mentioned cover covers talk talks discuss tell anything something info information "
                                "know"))
# Cosine of two single words that mean the same to the embedding model: "maths" / "mathematics" 0.87, "stats" /
# "statistics" 0.77, "certs" / "certification" 0.72, not "care" / "career" 0.32 nor "job" / "career" 0.68 (set from
# these pairs of words, not from questions; tests/test_integration.py checks the bundled model still puts them so).
WORD_ALIKE = 0.7
# The measure words that name a sum (English), the topic of "salary?" or "tuition?" asked alone.
SUM_NOUNS = PAY_NOUNS | frozenset(tokenize("fee fees tuition cost costs"))


def _side_by_side(question: str, unknown: tuple[tuple[str, float], ...]) -> tuple[str, ...]:
    """Pairs of the unknown words that the question has one right after the other ("green card", "cost living" is
    not: "of" stands between), each as "first second"."""
    strange = {w.lower(): w for w, _ in unknown}
    # "Andrew Ng's course": the name, not its possessive (a twenty-sixth probe was told of “Andrew” or “Ng”)
    said = [w.removesuffix("'s") for w in re.findall(WORD.pattern, question.replace("’", "'"), re.I)]
    return tuple(f"{strange[a.lower()]} {strange[b.lower()]}" for a, b in pairwise(said)
                 if a.lower() in strange and b.lower() in strange and a.lower() != b.lower())


def _figures_miss(terms: set[str], units: list[str]) -> bool:
    """Some units hold a figure, and none of those shares a term with what it should be the figure of."""
    figures = [set(tokenize(u)) for u in units if FIGURE.search(u)]
    return bool(terms) and bool(figures) and not any(with_rung(terms) & f for f in figures)


def _uncompared(question: str, closest: list[str], subject: frozenset[str] = frozenset(),
                every: Sequence[str] = ()) -> bool:
    """The question asks which of two is more of something, and none of the closest sentences compares two ("earn
    more than") or speaks of that measure (the base of "harder", "easier", "faster"; the noun of "more money").
    every: all sentences and items of the passages read, where pay is looked for (a row of a table of figures,
    "Senior: US$ 208,000", is far from the question in words yet gives one side of "entry level vs senior pay")."""
    if MORE_THAN_THAT.search(question):  # the measure is the thread's ("is that more than data scientists?")
        return not any(THAN.search(t) for t in closest)
    if PAID_MORE.search(question):
        # Pay weighed against someone's ("do ml engineers earn more than data scientists?", "who gets paid more,
        # data scientists or ml engineers?"): answered only by a sentence that names the other side too, with a
        # figure or a comparison ("...a higher salary when compared to the national average, which is $59,428").
        sides = set(tokenize(question)) - subject - MEASURE_TERMS - PAY_TERMS - WEIGHING
        return bool(closest) and not any((FIGURE.search(t) or THAN.search(t)) and sides & set(tokenize(t))
                                         for t in closest) \
            and not any(sum_kinds(t, ()) and sides & set(tokenize(t)) for t in every)  # a sum of money
    m = COMPARES.search(question) or WHICH_MORE.search(question)
    if m is None:
        return False
    measure = stem(next(g for g in m.groups() if g))
    bases = {measure, measure[:-1] + "y" if measure.endswith("i") else measure, measure[:-1]}  # easi/easy, bigg/big
    return not any(THAN.search(t) or bases & set(tokenize(t)) for t in closest)


def names_any(text: str, names: Sequence[str]) -> bool:
    """The text names one of the names (every word of it, in any form)."""
    terms = set(tokenize(text))
    return any(set(tokenize(n)) <= terms for n in names)


# Asking whether there are any ("are there ML jobs in defense or government?", "any jobs in X or Y"): English words.
ANY_OF = re.compile(r"^\W*(?:(?:is|are)\s+there|any)\b", re.I)


def _unranked(question: str, closest: list[str]) -> bool:
    """The question asks which of two named things to pick ("pytorch or tensorflow?"), and the close sentences that
    name both only list them side by side ("TensorFlow, PyTorch, and scikit-learn"), ranking neither."""
    now = asked_now(question)
    if (choice := CHOICE.search(now)) is not None and NEEDS_EITHER.search(now[:choice.start()]):
        return False  # "do i need a masters or phd": whether either is needed, not which to pick
    if ANY_OF.match(unjoined(now)):
        return False  # "are there ML jobs in defense or government?": whether there are any, in either
    if choice is not None:
        a, b = (set(tokenize(x)) for x in choice.groups())
        both = [t for t in closest if a and b and a | b <= set(tokenize(t))]
    elif (worded := CHOICE_WORDED.search(now) or CHOICE_THAN.search(now)) is not None:
        # Each side said in several words ("andrew ng's coursera machine learning specialization"): a sentence names
        # it by any word of its own, not by the words both sides share.
        a, b = (set(tokenize(x)) for x in worded.group("a", "b"))
        a, b = a - b, b - a
        both = [t for t in closest if a & set(tokenize(t)) and b & set(tokenize(t))]
    else:
        return False
    return bool(both) and not any(RANKS.search(t) for t in both)


def _pair_starting(pairs: list[tuple[str, str]], first: str, second: str) -> bool:
    """Some pair of the sorted pairs has a first word starting with `first` and a second starting with `second`."""
    for a, b in pairs[bisect_left(pairs, (first, "")):]:
        if not a.startswith(first):
            return False
        if b.startswith(second):
            return True
    return False


def _known(word: str, profile: CorpusProfile) -> bool:
    """The guides use the word, in some form or misspelt by a letter ("salery"; a common English word is never
    a misspelling: "switch")."""
    if any(profile.knows(t) for t in tokenize(word)) or profile.knows(stem(word)) or word in profile.initials \
            or word in profile.acronyms or word in profile.clipped or profile.clips(word) or profile.blends(word):
        return True
    return any(b in profile.vocabulary for b in superlative_of(word)) or (
        _may_be_misspelt(word) and profile.near_typo(word, 1))


def superlative_of(word: str) -> tuple[str, ...]:
    """What a superlative may be the degree of ("fastest": "fast"; "biggest": "big"; "easiest": "easy"; "largest":
    "large"): English spelling rules. "what's my fastest path" asks about the guides' "fast" route. Comparatives
    are left alone: "-er" also makes a person of a thing ("designer" is no degree of "design")."""
    if not word.endswith("est") or len(word) < 6:
        return ()
    base = word[:-3]
    forms = {base, base + "e", base[:-1] + "y" if base.endswith("i") else base,
             base[:-1] if base[-1] == base[-2] else base}
    return tuple(f for f in forms if len(f) >= 3)


def _may_be_misspelt(word: str) -> bool:
    """Long enough to tell a misspelling from another word, and not itself a common English word ("switch")."""
    return len(word) >= MISSPELT_LENGTH and english_zipf(word) < COMMON_ZIPF


def strip_persona(question: str, spell: Callable[[str], str] = str) -> str:
    """The question without facts about the person that don't bear on it (age, gender, origin...), said before
    the question, after it or as an aside.

    Clauses naming a job, a field of work or study stay: for a career question they are the point. Where the
    person lives stays only when the answer differs by place (pay, jobs), as a profile's country does. spell: a
    clause as the guides would spell it (CorpusProfile.respell), so a typed slip ("want to become ML enginer") does
    not hide the job it names; what is kept is kept as typed.
    """
    bound = bound_to_place(question)
    # Whole sentences first ("i'm 37, gay, and live with my partner. what steps..."), then clauses.
    rest = _leading_sentences(GREETING.sub("", question, count=1), bound, spell)
    while True:
        # "ok so i'm a single dad ..., but anyway what...": after a lead-in word only when the question follows
        # at once (else "so im 52, two grown kids..." would keep its second half; the sentence rule takes both).
        lead = LEAD_IN.match(rest)
        body = rest[lead.end():] if lead else rest
        m = PERSONA[0].match(body) or PERSONA[1].match(body)
        if not m:
            break
        after = body[m.end():]
        if lead and not QUESTION_OPENER.match(FILLER.sub("", after, count=1)):
            break
        if not _incidental(spell(m.group(0)), bound=bound) or len(tokenize(after)) < 2 \
                or _points_back(after) or (TOO_LATE.search(after) and AGE_SAID.search(m.group(0))):
            break  # "im 40, is that too old?" asks about what was said; "im 34, is it too late?" about age
        rest = FILLER.sub("", after, count=1)
        if (who := SAYS_WHO.match(m.group(0))) and roles_in(words(CLAUSE.split(rest.strip(), maxsplit=1)[0])) \
                and not QUESTION_OPENER.match(rest):
            # "I am 47, mechanical engineer in Stuttgart, ...": who they are goes on after the age, and without its
            # "I am" the job read as one asked about (a thirty-third probe was told the guides don't cover mechanical
            # engineers).
            rest = f"{who.group(0)}{rest}"
    for aside in ASIDE:
        rest = aside.sub(lambda m: " " if _incidental(spell(m.group(0)), said=True, bound=bound) else m.group(0), rest)
    sentences = SENTENCE_BREAK.split(rest.strip())
    while (len(sentences) > 1 and "?" not in sentences[-1]
           and not QUESTION_OPENER.match(BY_THE_WAY.sub("", sentences[-1], count=1))
           and _incidental(spell(sentences[-1]), said=True, bound=bound)):
        sentences.pop()
    rest = _leading_sentences(" ".join(sentences), bound, spell)
    return rest if len(tokenize(rest)) >= 2 else question


def _points_back(text: str) -> bool:
    """Its first clause points at what was said just before ("is that too old?", "is it enough?")."""
    first = CLAUSE.split(text.strip(), maxsplit=1)[0]
    return bool(POINTS_BACK.search(first) or IT_SUFFICES.search(first))


def _leading_sentences(text: str, bound: bool, spell: Callable[[str], str] = str) -> str:
    """The text without whole sentences about the person before the one that asks, unless it points back at them
    ("is that enough?")."""
    sentences = SENTENCE_BREAK.split(text.strip())
    asks = next((i for i, t in enumerate(sentences) if "?" in t or QUESTION_OPENER.match(FILLER.sub("", t))), 0)
    if asks and not POINTS_BACK.search(sentences[asks]):
        sentences = [t for t in sentences[:asks]
                     if not _incidental(spell(FILLER.sub("", t)), said=True, bound=bound)] + sentences[asks:]
    return " ".join(" ".join(sentences).split())


def _incidental(clause: str, said: bool = False, bound: bool = False) -> bool:
    """A clause about the person that does not bear on a career question: no job or field in it, and no place
    when the question is bound to place (and, said after the question or aside, it must speak of the person)."""
    if roles_in(words(clause)) or CAREER_FACT.search(clause) or STANDING.search(clause) \
            or (bound and places_asked_about(clause)):
        return False
    return not said or any(p.search(clause) for p in ABOUT_SELF)


def asks_about_age(question: str) -> bool:
    """Does the question ask whether age matters ("too old at 42?", "im 52, is it too late for me")?"""
    return bool(AGE.search(question) or AGE_ASKED.search(question)
                or (TOO_LATE.search(question) and AGE_SAID.search(question)))


def asks_about_now(question: str) -> bool:
    """Does the question ask how things stand now (PRESENT, or a clause ending on "now" that says nothing of the person
    asking), outside what the person says of themselves?"""
    return _asks_when(PRESENT, question) or any(NOW_ENDS.search(c) and MARKET.search(c) and not OF_ASKER.search(c)
                                                for c in not_about_them(question))


# "are meta or openai hiring ml engineers now?", "is the market better now than last year?" (a thirty-first probe got
# the guides' outlook as answered); not "what should i learn now", "what now?", "that's all for now". English.
NOW_ENDS = re.compile(r"(?<!\bwhat )(?<!\bhow )(?<!\band )(?<!\bso )(?<!\bok )(?<!\bjust )(?<!\beven )(?<!\bby )"
                      r"(?<!\bfor )(?<!\buntil )(?<!\bfrom )(?<=\w )now(?=\s*(?:$|than\b))", re.I)
# ...said of how things stand: hiring, the market, demand ("so what are the steps now" asks no news).
MARKET = re.compile(r"\b(?:hiring|hire|market|demand|economy|layoffs?|laying off|openings|vacancies|jobs|better|worse|"
                    r"saturated|competitive|growing|dying|booming|paying|pay)\b", re.I)
OF_ASKER = re.compile(r"\b(?:i|i['’]?m|im|i['’]?ve|ive|me|my|we|our|us)\b", re.I)  # said of the asker, or theirs


# "where can an ml engineering job lead in like 10 years": where a career goes, which the guides' ladder answers, not
# what the years ahead hold (English words).
LEADS_WHERE = re.compile(r"\bwhere\b[^.?!]{0,40}\b(?:lead|leads|take|takes|go|goes|get|end up)\b", re.I)


def asks_about_future(question: str) -> bool:
    """Does the question ask what a given number of years ahead holds (FUTURE), outside what the person says of
    themselves, and not where a career leads by then?"""
    return _asks_when(FUTURE, question) and not LEADS_WHERE.search(question)


def _asks_when(when: re.Pattern[str], question: str) -> bool:
    """A clause of the question names that time, and it is not one where the person speaks of themselves."""
    return any(when.search(c) for c in not_about_them(question))


def not_about_them(question: str) -> list[str]:
    """The question's clauses less those where the person speaks of themselves: a clause that opens so ("im 34", "my
    company just announced layoffs"), and every clause of a sentence that does and asks nothing ("I have been a Java
    developer for 20 years, currently 45, in Osaka.": a twenty-third probe was told the guides say nothing of Osaka,
    nor of today)."""
    kept: list[str] = []
    theirs = False  # the sentence before spoke of them and asked nothing
    for s in SENTENCE_BREAK.split(question):
        # (A question mark alone asks nothing: one is put after every question, "...? im a backend dev (java, 5
        # yrs) in toronto?")
        asks = any(QUESTION_OPENER.match(c.strip()) for c in CLAUSE.split(s))
        # ...and a sentence that asks nothing right after one goes on about them ("I am working as manual tester in
        # IT services company in Pune since 4 years. Salary is less and no growth.": a thirty-fourth probe was told
        # the guides say nothing about Pune)
        if (ABOUT_THEM.match(GREETING.sub("", s)) or (theirs and not s.rstrip().endswith("?"))) and not asks:
            theirs = True
            continue
        theirs = False
        kept += [c for c in CLAUSE.split(s) if not ABOUT_THEM.match(c)]
    return kept


DETAIL_ASKED = "I can't see it from here; paste or describe it and I'll tell you what my guides say that applies."


def needs_detail(question: str, history: Sequence[Turn] = ()) -> str:
    """A short question back when the question points at something it never gives ("is this plan good?"), in it or
    in the conversation before."""
    if SELF_DESCRIBED.search(question) or AMOUNT_GIVEN.search(question):
        return ""  # the detail is in the question itself ("they offered 150k")
    question = asking_part(question)
    m = next((d for d in DEICTIC.finditer(question) if not _in_passing(question, d)), None)
    # ...opening the question: "even the ones i used once" after the languages it names is one of those.
    one = (m1 := THE_ONE.search(question)) is not None and len(question[:m1.start()].split()) <= THE_ONE_AFTER
    if not (m or one or ATTACHED.search(question)) or len(tokenize(question)) > 10:
        return ""
    if history and not (m and _never_named(m, history)):
        return ""  # ...or may be in the conversation ("the one", "as i mentioned" may point back)
    thing = m.group(m.lastindex or 0).lower() if m else "it"
    if not m and one:  # "the one from my uni": the one they mean, as they said it
        return f"Could you tell me more about the one you mean? {DETAIL_ASKED}"
    if m and thing == "job" and m.group(1).lower() in ("this", "that"):
        return ""  # "this job" on a careers site is the career being discussed, not a posting left out
    if m and thing in ("background", "degree") and (m.group(2) or NAMED_AFTER.match(question[m.end():])):
        # "my testing background": said, in a word (a twenty-eighth probe's QA tester was asked for it); "would my
        # biology degree count for anything" too, and "would my background in nursing count" (a thirty-fifth probe)
        return ""
    if thing in ("one", "option", "options", "choice"):
        thing = "options"
    return f"Could you tell me more about the {thing} you mean? {DETAIL_ASKED}"


# Things a person would show to have them judged (DEICTIC's): a conversation that never named one holds none of it.
SHOWN_THINGS = frozenset("plan offer resume cv portfolio project idea timeline roadmap course courses bootcamp "  # noqa: SIM905
                         "certificate list letter code".split())


def _never_named(m: re.Match[str], history: Sequence[Turn]) -> bool:
    """The thing a DEICTIC match points at ("this offer") is one the conversation never named: "actually I got an
    offer already from one of them, is this offer fair?" after questions on pay (a twenty-ninth probe's got the pay
    table again). Named by them, or by the answer just given (a plan, then "is this plan good?"); the guides'
    sentences quoted further back use "offer" and "course" of other things."""
    if m.group(m.lastindex or 0).lower() not in SHOWN_THINGS:
        return False  # "My company has an ML team, should i try an internal transfer": told, not to be shown
    thing = set(tokenize(m.group(m.lastindex or 0)))
    said = [t["content"] for t in history if t["role"] == "user"] + [last_answer(history)]
    return bool(thing) and not thing & {t for text in said for t in tokenize(text)}


def _in_passing(question: str, m: re.Match[str]) -> bool:
    """A "my ..." that places the question ("in my portfolio", "at my company"), asks what it should be ("what
    should my code look like": a norm, said in general), or is one still to come ("how do i get my first ml job"),
    not a thing to judge."""
    return m.group(1).lower() == "my" and bool(IN_PASSING.search(question[:m.start()])
                                               or PRESCRIBED.search(question[:m.start()])
                                               or TO_COME.search(question[:m.start()])
                                               or LEFT_OR_KEPT.search(question[:m.start()])
                                               or HOW_TO_DO.search(question[:m.start()]))


def mentions(passage: Passage, role: tuple[str, ...]) -> bool:
    """Does the passage name this role (any inflection of its head)?"""
    ws = words(f"{passage.section} {passage.text}")
    return any(r[-len(role):] == role for _, r in roles_in(ws))
