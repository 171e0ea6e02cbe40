"""Coaching rules: what a person said about themselves, which of it the guides speak to, one question back.

Pure text rules over the profile, the question and the guides' chunks; no model, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise

from advisor.lexical import (
    CAME_FROM,
    DEGREE_SAID,
    QUESTION_OPENER,
    SELF_INTRO,
    SENTENCE_BREAK,
    asking_clause,
    tokenize,
)
from advisor.places import HERE, HERE_WORDS, as_place, names_of, places_named, profile_place
from advisor.plan import HAS_DEGREE, NO_DEGREE
from advisor.schema import Passage, Turn, UserProfile
from advisor.scope import introduces_only, works_in

# What people say about themselves in a chat message ("I'm a teacher with some Python, want to move into ML").
# "at" ends a role ("a nurse at a hospital") except in "a stay at home dad", which is the role itself.
_ROLE = r"(?:an?\s+)?([a-z][a-z /&-]{1,40}?)"
CURRENT = re.compile(r"\b(?:i'?m|i am|im|(?:i |and )?work as|i've been|i have been|currently)\s+(?:working as\s+)?"
                     r"(?:an?\s+)" + r"([a-z][a-z /&-]{1,40}?)(?=\s+(?:with|and|who|but|for|at(?!\s+home\b)|in|"
                     r"looking|wanting|trying|,)|[,.;!?]|$)", re.I)
TARGET = re.compile(r"\b(?:want(?:ing)? to|would like to|planning to|hope to|trying to|plan to)\s+"
                    r"(?:move into|get into|become|switch to|transition (?:in)?to|break into|be)\s+"
                    + _ROLE + r"(?=[,.;!?]|\s+(?:but|and)\b|$)", re.I)
GRADUATED = re.compile(r"\b(i (?:just |recently )?graduated (?:in|from|with a degree in)\s+[a-z ]{2,30}?)"
                       r"(?=[,.;!?]|\s+(?:last|this|in|and|but)\b|$)", re.I)
NO_DEGREE_SAID = re.compile(r"\b(?:i (?:don'?t|do not) have|i have no|without|no)\s+(?:an?\s+)?"
                            r"(?:college\s+|university\s+)?degree\b|\bdropped out\b|"
                            # school left with no degree after it ("i just have a GED"): English, not the guides'
                            r"\bged\b|\bhigh[- ]?school diploma\b|"
                            r"\b(?:only|just) (?:have |finished |completed |did )?(?:a |my )?high[- ]?school\b|"
                            # "i have only the ausbildung as bilanzbuchhalter, no university" (a thirty-first probe was
                            # asked whether they had a university degree)
                            r"\bno\s+(?:uni|university|college)\b|"
                            r"\b(?:never\s+(?:went|been)|didn'?t\s+go|did not go)\s+to\s+(?:uni|university|college)\b",
                            re.I)
# A reply to CLARIFY_EDUCATION: "no", "nope", "I dont have one", "not yet"; or "yes, in physics" (English).
REPLY_NO = re.compile(r"^\W*(?:no(?:pe)?|nah|not (?:really|yet)|none|i (?:don'?t|do not|haven'?t|have not)\b"
                      r"(?:\s+(?:have|got))?(?:\s+(?:one|a degree|any))?)\b", re.I)
REPLY_YES = re.compile(r"^\W*(?:yes|yeah|yep|yup|i do)\b[\s,.!-]*(?:i do\b[\s,.!-]*)?(?:(?:a|an|my)\s+)?"
                       r"(?:(?:degree|bachelor'?s?|master'?s?)\s+)?(?:(?:in|of)\s+)?([a-z][a-z &/-]{1,40}?)?\s*[.!]*$",
                       re.I)
FIRST_PERSON = re.compile(r"\b(i|i'?m|im|me|my)\b", re.I)
ANYONE = re.compile(r"\b(you|u|someone|somebody|anyone|anybody|one|people|a person)\b", re.I)
# Someone else the message is about ("my son is 19 and dropped out", "can he get hired"): what is said of them is not
# the person's own (a twenty-ninth probe's mother was answered "With your education (no degree) in mind"). English.
OTHER_PERSON = re.compile(r"\b(?:he|she|him|hes|he['’]s|she['’]s|my\s+(?:son|daughter|kid|kids|child|children|"
                          r"brother|sister|friend|husband|wife|partner|nephew|niece|cousin|boyfriend|girlfriend|"
                          r"grandson|granddaughter|student|students))\b", re.I)
# A decision about the person's own education path (degree, bootcamp, masters): its answer depends on theirs.
DECISION = re.compile(r"\b(should i|do i (?:really |even )?(?:need|have) to|do i need|is it worth it for me|"
                      r"(?:better|best|right) (?:path|route|option|choice|way)? ?for me|"
                      r"which (?:path|route) should i)\b", re.I)
EDUCATION_PATH = re.compile(r"\b(degree|bootcamp|master'?s?|phd|uni|university|college|certificat\w*|self[- ]taught|"
                            r"go back to school)\b", re.I)
# The person's own route, whose answer depends on where they start ("how long will it take me", "where do i
# start", "is it too late for me"): first person, about their path, not about the job.
OWN_ROUTE = re.compile(r"\b(how long (?:will|would|does|did|might) (?:it|this) take me|take me how long|"
                       r"where (?:do|should|would|can) i (?:even )?(?:start|begin)|"
                       r"what (?:should|do) i (?:learn|study|do|take|focus on) first|"
                       r"what (?:course|courses|class|classes) should i|too (?:late|old) for me|am i too (?:late|old)|"
                       r"is my background|how (?:do|can|should) i (?:switch|transition|move|pivot|get|break) into|"
                       r"could i (?:realistically )?(?:land|get) a job|am i (?:ready|qualified)|"
                       r"my (?:best |first |next )+step|from where i am|route for me|path for me|"
                       r"should i (?:start )?apply(?:ing)?|job[- ]ready|is my (?:maths?|coding|programming|level|"
                       r"experience) good enough)\b", re.I)
# Questions whose answer depends on the time and money the person has ("can i do this part time?").
OWN_MEANS = re.compile(r"\b(part[- ]time|quit my job|go all in|afford|worth (?:it|the money|the cost) for me|"
                       r"while (?:working|i work)|on the side|evenings|weekends)\b", re.I)
# Where they are in school, said ("high school junior here", "cs sophomore", "im in my first year of uni"): whether
# they hold a degree is known (English).
STUDYING = re.compile(r"\b(high ?school|secondary school|sixth form|freshman|sophomore|(?:high school|hs) (?:junior|"
                      r"senior)|(?:first|second|third|fourth|final|1st|2nd|3rd|4th) year|student|in (?:college|uni|"
                      r"university)|at (?:college|uni|university)|in (?:\d+|\w+th) grade|"
                      # "I'm in 5th semester Informatik at TU Munich" (a thirty-fifth probe was asked for a degree)
                      r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|final|last) (?:semester|term))\b",
                      re.I)
# "im a senior in hs" (a thirtieth probe was asked whether they had a degree): at school, so no degree to ask about;
# not kept as what they do ("senior" would bring in the senior engineer's role). English words.
AT_SCHOOL = re.compile(r"\b(?:junior|senior|freshman|sophomore|student) (?:in|at) hs\b", re.I)
# "I've taught AP Computer Science at a public high school for eleven years": where they work, not where they study
# (a thirty-second probe's teacher was answered "For your background (high school)"). English words.
WORKS_THERE = re.compile(r"\b(?:teach\w*|taught|work\w*|employed|job|staff|principal|counsel+or)\b[^.!?]*$", re.I)
# Time or money they have, said ("i only study evenings", "i can't afford a degree"): nothing to ask back (English).
MEANS_TOLD = re.compile(r"\b(?:only|can only|just|mostly)\b[^.?!]{0,30}\b(?:evenings?|weekends?|nights?|"
                        r"part[- ]time)\b|"
                        r"\b(?:can'?t|cannot|couldn'?t|can not|won'?t be able to) afford\b|\bno money\b|\bbroke\b|"
                        r"\b\d+\s?(?:hours?|hrs?|h)\s?(?:a|per|each|/)\s?(?:week|wk|day)\b|\bbudget\b", re.I)
# The person says something about themselves in the question: whatever it is, don't ask for more of it.
SELF_TOLD = re.compile(r"\b((?:i'?m|i am|im|i was) (?:an?|in|at|from|currently|still|\d+)|i work|i have|i've|ive|"
                       r"i did|i studied|i know|i teach|i run|"
                       # "how long till im job ready if i start from zero": where they start, said
                       r"from (?:zero|scratch|nothing|the ground up)|"
                       r"(?:complete|total|absolute) (?:beginner|newbie|noob)|never (?:coded|programmed)|"
                       # "finishing a PhD in computational physics, lots of numpy": a twenty-fourth probe was asked
                       # where they start from
                       r"(?:finishing|doing|done|did|completed|completing|have|got|hold) (?:my |a |an )?"
                       r"(?:phd|ph\.d|doctorate|masters?|master's|bachelors?|bachelor's|degree))\b|"
                       r"^\s*as an? \w|"
                       r"^\W*" + SELF_INTRO + r"\b", re.I)  # "java dev here, how do i switch..."
# An age under 18, said of themselves ("hiii im 16", "15 y/o"), not a count ("im 12 months in").
MINOR = re.compile(r"\b(?:i['’]?m|im|i am)\s+(?:only\s+|just\s+)?1[0-7]\b"
                   r"(?!\s*(?:k|%|months?|weeks?|yrs? (?:of|in)|years? (?:of|in)))|"
                   r"\b1[0-7]\s*(?:y/?o|yrs? old|years? old)\b", re.I)
# "do i need another degree": they have one, whatever it is.
# ("do I need a new degree, I have a Diplom-Ingenieur": a thirty-third probe was asked whether they had one)
ANOTHER_DEGREE = re.compile(r"\b(another|a second|a 2nd|a further|one more|a new|a different) "
                            r"(degree|bachelor'?s?|master'?s?)\b", re.I)
# Questions about pay or jobs where the person is ("what would i earn", "jobs near me"): they turn on the place.
# ("could i make a project about games?" makes a thing, no money: a twenty-sixth probe was asked for its country.)
OWN_PLACE = re.compile(rf"\b({HERE_WORDS}|(?:would|will|could) i (?:earn|make(?!\s+(?:a|an|the|my|some|any|it|this|"
                       r"that|these|those|one|projects?|things?|stuff|apps?|games?|friends)\b)|get paid)|"
                       r"my (?:salary|pay) (?:be|would))\b", re.I)
COMPARED = re.compile(r"\b(?:compared (?:to|with)|versus|vs\.?|than|relative to)\b", re.I)  # English
# Questions about pay, whose answer is the place's whoever asks: a profile's country is the place asked about.
PAY = re.compile(r"\b(salar(y|ies)|earn(s|ing)?|pay(s|ing)?|paid|wages?|income|compensation|"
                 r"how much (do|does|did|would|will|can|could|might) (\w+ ){1,4}make)\b", re.I)
CLARIFY_EDUCATION = ("Before I point you to a path: do you already have a university degree, and in what field? "
                     "The guides suggest different routes depending on it.")
CLARIFY_BACKGROUND = ("Where are you starting from? Tell me what you do now and how much programming or maths "
                      "you have done, and I can point you to the part of the guides that fits.")
CLARIFY_PLACE = ("Which country (or city) are you in? Pay and demand differ a lot from place to place, and I'll "
                 "tell you whether my guides have anything for yours.")
GENERAL_LEAD = "Meanwhile, what the guides say in general, not for where you are:"
CLARIFY_MEANS = ("How much time each week, and how much money, can you put into this? The routes the guides "
                 "describe differ in both.")
MAX_FACET_CHARS = 120
# Share of a profile field's words a guide phrase must hold to speak to it (fitted on dev: eval/tuned.yaml).
FACET_COVER = 0.5


# Where they live, said of themselves ("i live in brazil", "based in lagos", "im in canada"); where they come from
# ("im from brazil") only in a message that says nothing else: asked with a question, it is origin, set aside.
# ("i am based in" is found at "based in"; "i'm living in" at "living in").
LIVES_IN = re.compile(r"\b(?:i live|i'?m|i am|living|based|(?:i am|i'?m) located)\s+(?:in|out of)\s+(.{2,40})", re.I)
COMES_FROM = re.compile(r"\b(?:i'?m|im|i am|i come)\s+from\s+(.{2,40})", re.I)


def _lives_in(text: str) -> str:
    """The place the person says they live in ('' when none is named)."""
    said = [m.group(1) for m in LIVES_IN.finditer(text)] + works_in(text)  # "accountant in the uk"
    if introduces_only(text):
        said += [m.group(1) for m in COMES_FROM.finditer(text)]
    return next((found[0] for s in said if (found := places_named(s))), "")


# Someone hiring for the role ("I've been asked to hire our first ML engineer", "we're hiring an MLE"): their own job
# and degree are not where the answer starts (a twenty-seventh probe's engineering manager was told "For your
# background (engineering manager), the guides say: Director of ..." and asked about his degree). English.
HIRES = re.compile(r"\b(?:i['’]?m|im|i am|we['’]?re|we are|i|we|i['’]?ve|we['’]?ve)\s+"
                   r"(?:(?:have\s+)?been\s+asked\s+to\s+|"
                   r"(?:trying|going|about|looking|planning|want|wanting|need|have)\s+to\s+|(?:will|['’]ll)\s+)?"
                   r"hir(?:e|ing)\b|\basked\s+to\s+hire\b", re.I)


def stated_profile(texts: Iterable[str]) -> UserProfile:
    """What the person said about themselves in their messages (first mention of each field wins); nothing of
    someone hiring for the role but where they are."""
    found: dict[str, str] = {}
    for text in texts:
        if "country" not in found and (place := _lives_in(text)):
            found["country"] = place
        if HIRES.search(text):
            continue
        for name, rx in (("education", DEGREE_SAID), ("current", STUDYING), ("current", CURRENT),
                         ("target", TARGET)):
            m = rx.search(text)
            if m and rx is STUDYING and WORKS_THERE.search(text[:m.start()]):
                m = None
            if m and name not in found:
                found[name] = m.group(1).strip()[:MAX_FACET_CHARS]
        if "education" not in found and (m := GRADUATED.search(text)):
            found["education"] = m.group(1).removeprefix("i ").removeprefix("I ")[:MAX_FACET_CHARS]
        # "can you become one without a degree?" asks in general; "can i ... without a degree" says theirs.
        if "education" not in found and (m := NO_DEGREE_SAID.search(text)) and (
                FIRST_PERSON.search(text) or not ANYONE.search(text)) and not _of_another(text, m.start()):
            found["education"] = "no degree"
    return UserProfile(**found)


def _of_another(text: str, at: int) -> bool:
    """What is said at this place of the text is said of someone else: their sentence names them before it."""
    start = max((m.end() for m in SENTENCE_BREAK.finditer(text, 0, at)), default=0)
    return bool(OTHER_PERSON.search(text[start:at]))


def about_another(question: str) -> bool:
    """The question asks about someone else ("can he actually get hired without finishing college though")."""
    return bool(OTHER_PERSON.search(asking_clause(question) or question))


def replied_education(question: str, history: Sequence[Turn]) -> str:
    """What the person's reply to the question back on their degree said of it ("no degree", "a degree in
    physics"), newest reply first; '' when they never replied to it or the reply says neither."""
    turns = [*history, Turn(role="user", content=question)]
    for asked, reply in reversed(list(pairwise(turns))):
        if asked["role"] != "assistant" or reply["role"] != "user" or CLARIFY_EDUCATION not in asked["content"]:
            continue
        text = reply["content"].strip()
        if NO_DEGREE_SAID.search(text) or REPLY_NO.match(text):
            return "no degree"
        if (m := REPLY_YES.match(text)) is not None:
            return f"a degree in {m.group(1).strip()}" if m.group(1) else "a degree"
    return ""


def user_texts(question: str, history: Sequence[Turn]) -> list[str]:
    """The person's own messages, newest first (so the question's facts win over older ones)."""
    return [question, *(t["content"] for t in reversed(history) if t["role"] == "user")]


def education_known(profile: UserProfile) -> bool:
    """The profile says whether the person holds a degree (either way)."""
    text = profile.education
    return bool(text.strip()) and bool(HAS_DEGREE.search(text) or NO_DEGREE.search(text) or len(text.split()) >= 2)


def _told(*fields: str) -> Callable[[str, UserProfile], bool]:
    """Said already: in one of these profile fields, or any self-description in the question (lean towards
    answering)."""
    return lambda q, p: any(getattr(p, f).strip() for f in fields) or bool(SELF_TOLD.search(q) or CAME_FROM.search(q))


# "for my masters thesis should i use pytorch or jax": a degree of their own, had or under way (a twenty-seventh probe
# was asked whether they had one). English words.
THEIR_DEGREE = re.compile(r"\bmy\s+(?:[a-z]+\s+)?(?:masters?|master['’]s|phd|bachelor['’]?s?|degree|thesis|"
                          r"dissertation|undergrad)\b", re.I)


# "i dont hav colege": none, said as typed in a hurry (a thirty-third probe was asked twice whether they had a degree).
# Only as said, for the question back: read as their education it framed every answer after ("With your education
# (no degree) in mind") and a blind judge preferred the answer without. English words.
NONE_TYPED = re.compile(r"\b(?:don'?t|do not)\s+hav\w*\s+(?:an?\s+|any\s+)?(?:col+[ea]d?ge|uni|university|degre+)\b",
                        re.I)


def _education_said(question: str, profile: UserProfile) -> bool:
    # "im a 2nd year cs student" said before is in the profile as what they do now; "im 16" has no degree (a
    # twenty-fourth probe's sixteen-year-old was asked about theirs)
    return education_known(profile) or bool(ANOTHER_DEGREE.search(question) or STUDYING.search(question)
                                            or AT_SCHOOL.search(question)
                                            or STUDYING.search(profile.current) or MINOR.search(question)
                                            or DEGREE_SAID.search(question) or THEIR_DEGREE.search(question)
                                            or NONE_TYPED.search(question))


def _means_said(question: str, profile: UserProfile) -> bool:
    return _told("constraints")(question, profile) or bool(MEANS_TOLD.search(question))


def _place_said(question: str, profile: UserProfile) -> bool:
    return _told("country")(question, profile) or bool(places_named(question))  # "what would i earn in canada"


# Each kind of question back: what triggers it, what shows it was said already, what is asked.
# Tried in order (time and money before education: "is a bootcamp worth it for me" turns on the cost).
ASK_BACK: tuple[tuple[re.Pattern[str], re.Pattern[str] | None, Callable[[str, UserProfile], bool], str], ...] = (
    (OWN_MEANS, None, _means_said, CLARIFY_MEANS),
    (DECISION, EDUCATION_PATH, _education_said, CLARIFY_EDUCATION),
    (OWN_ROUTE, None, _told("current", "experience"), CLARIFY_BACKGROUND),
    (OWN_PLACE, None, _place_said, CLARIFY_PLACE),
)


ASKS = tuple(ask for *_, ask in ASK_BACK)  # every question back's text, to tell one in the conversation

# The general answer's first line after a question back, where what follows is not yet about them: figures for
# the guides' places must not read as the person's own.
LEAD_AFTER = {CLARIFY_PLACE: GENERAL_LEAD}


def answers_question_back(question: str, history: Sequence[Turn], asks: Sequence[str]) -> tuple[str, list[Turn]] | None:
    """When the advisor's last message asked back (asks: the texts of its questions back) and this message asks
    nothing new ("I'm a lawyer, 6 years in corporate law" after "Could you tell me more about the job you
    mean?"), the question it answers with this message added, and the conversation before that question."""
    if "?" in question or QUESTION_OPENER.match(question.strip()) or len(history) < 2:
        return None
    said, before = history[-1], history[-2]
    if said["role"] != "assistant" or before["role"] != "user" or not any(a in said["content"] for a in asks):
        return None
    return f"{before['content'].rstrip()} {question.strip()}", list(history[:-2])


def clarify_question(question: str, profile: UserProfile, history: Sequence[Turn]) -> str:
    """One question back when the answer depends on something about the person nobody gave; at most once in
    a conversation, never for what they said (in the profile, the chat, or about themselves in this question),
    and only for what the sentence that asks turns on."""
    if any(t["role"] == "assistant" and any(ask in t["content"] for ask in ASKS) for t in history):
        return ""
    asked = asking_clause(question)  # "I can only study on weekends. how do i start?" does not ask about weekends
    # What they said in earlier messages counts as said ("im 52 and recently made redundant from a manufacturing
    # engineering role", then "is it too late for me?"), as the profile's fields do.
    told = " ".join([question, *(t["content"] for t in history if t["role"] == "user")])
    if HIRES.search(told):  # "I'm hiring our first ML engineer, should I require a PhD?": not their own route
        return ""
    for trigger, also, said, ask in ASK_BACK:
        if trigger.search(asked) and (also is None or also.search(asked)):
            return "" if said(told, profile) else ask
    return ""


def _phrase(text: str) -> list[str]:
    return tokenize(text)[:6]


def mentions_phrase(text: str, phrase: Sequence[str]) -> bool:
    """Every term of the phrase occurs in the text, next to each other (stemmed)."""
    terms = tokenize(text)
    n = len(phrase)
    return n > 0 and any(terms[i:i + n] == list(phrase) for i in range(len(terms) - n + 1))


def term_text(text: str) -> str:
    """A text's stemmed terms as one space-padded string, so a run of terms is found with `in`."""
    return " " + " ".join(tokenize(text)) + " "


def spoken_facets(profile: UserProfile, chunk_texts: Sequence[str],
                  most: float = 0.2, cover: float | None = None) -> dict[str, list[str]]:
    """field -> its stemmed phrase, for filled-in fields that some guide passages mention, but not most of them.

    A background the guides never name changes nothing; one named nearly everywhere (the guides' own subject,
    as a target role usually is) says nothing about the person's situation. A run must hold at least `cover` of
    what they said: "manager" alone is not about an "assistant store manager". chunk_texts: term_text of each chunk.
    """
    limit = most * max(len(chunk_texts), 1)
    cover = FACET_COVER if cover is None else cover
    found: dict[str, list[str]] = {}
    for k, v in profile.facets().items():
        for said in _said_as(k, v):
            run = _spoken_run(_phrase(said), chunk_texts, limit, cover)
            if run:
                found[k] = run
                break
    return found


def _said_as(field: str, value: str) -> tuple[str, ...]:
    """The ways a guide may say what the person did: a country under each of its names ("u.s." is the USA, named
    "USA", "United States" or "America"; "us" alone is a pronoun, so "u.s." never matches "contact us")."""
    if field != "country":
        return (value,)
    place = profile_place(value)
    return names_of(place) if place else ()


def _spoken_run(terms: list[str], chunk_texts: Sequence[str], limit: float, cover: float) -> list[str]:
    """The longest run of the person's words that some passages (not most) mention: "BSc computer science" is
    spoken to by passages on "computer science". Runs keep the last word, the head of what was said ("bank
    teller" is not about banks)."""
    runs = sorted({tuple(terms[i:]) for i in range(len(terms))}, key=lambda r: (-len(r), r))
    for run in runs:
        if len(run) < cover * len(terms):
            break  # runs are longest first: the rest cover even less
        needle = " " + " ".join(run) + " "
        n = sum(needle in text for text in chunk_texts)
        if 0 < n <= limit:
            return list(run)
    return []


def framing(profile: UserProfile, facet: str, spoken: Sequence[str] = (),
            known: Callable[[str], bool] = lambda word: False) -> str:
    """The answer's first line: which part of the person's situation it speaks to. spoken: the stemmed words of it
    the guides speak to; of an education, the others are said to be missing ("physics" of "physics degree": the
    guides speak of degrees, never of physics) unless the guides use them elsewhere (`known`: "CS" of "CS degree",
    their "computer science")."""
    value = getattr(profile, facet).strip()
    said = " ".join(w.strip(",.;") for w in value.split()
                    if (t := tokenize(w)) and not set(t) <= set(spoken) and not known(w.strip(",.;").lower())) \
        if spoken and facet == "education" else ""  # a field of study; a job's other words qualify it ("assistant")
    aside = f" (my guides don't mention {said} itself)" if said else ""
    return {"current": f"For your background ({value}), the guides say:",
            "education": f"With your education ({value}) in mind{aside}, the guides say:",
            "experience": f"Given your experience ({value}), the guides say:",
            "target": f"For your goal ({value}), the guides say:",
            "country": f"For {as_place(value)}, the guides say:",
            "constraints": f"With your constraints ({value}) in mind, the guides say:"}[facet]


def facet_first(passages: list[Passage], boosted: list[Passage], phrase: Sequence[str],
                within: int = 5, bring_in: bool = False) -> tuple[list[Passage], bool]:
    """The passages with the best one that mentions the facet moved first; False when none is near the top.

    Unless bring_in (the question is about the person's own route), only a passage also retrieved for the
    question alone counts: the situation reorders what answers a question about the job, it never brings in
    a passage about something else.
    """
    found = {p.chunk_id for p in passages}
    best = next((p for p in boosted[:within] if (bring_in or p.chunk_id in found) and mentions_phrase(p.text, phrase)),
                None)
    if best is None:
        return passages, False
    return put_first(best, passages), True


def put_first(best: Passage, passages: list[Passage]) -> list[Passage]:
    """The passages with best first, as many as before (the last one gives way when best is new)."""
    rest = [p for p in passages if p.chunk_id != best.chunk_id]
    return [best, *rest[:max(len(passages) - 1, 0)]]


def own_place(question: str, profile: UserProfile) -> str:
    """The person's country when the question asks about pay, or about jobs where they are ("what do ml engineers
    earn round here"), without naming a place: then it is the place asked about ('' otherwise). A German asking
    "how much do ml engineers make?" asks about Germany, and guides with US figures must say they have none."""
    country = profile.country.strip()
    asks = OWN_PLACE.search(question) or PAY.search(question)
    # A place named only to compare with ("is the pay here any good compared to the US?") is not the one asked about.
    return country if country and asks and not places_named(COMPARED.split(question, maxsplit=1)[0]) else ""


def at_own_place(question: str, where: str) -> str:
    """The question with "round here" / "in my country" as where: own_place's answer ("what's the pay like in
    the USA?"), so it is searched and judged as if they had named it; as it is when where is ''."""
    return HERE.sub(f"in {as_place(where)}", question, count=1) if where else question


def about_own_route(question: str) -> bool:
    """The question is about the person's own path or situation, so who they are may bring in passages."""
    return bool(OWN_ROUTE.search(question) or OWN_SITUATION.search(question) or DECISION.search(question))


# A question about the person's own situation ("does my ops background help?"): the profile may hold it.
OWN_SITUATION = re.compile(r"\bmy (background|degree|job|experience|work|education|studies|certificate|"
                           r"certification|situation|career|skills|role|field|major|diploma)\b", re.I)


# "you mentioned internships earlier", "what about the system design part you mentioned": what the person says the
# advisor said (general English).
_WHEN_SAID = r"earlier|before|previously|above|first|last|at first|at the start|just now|a (?:minute|sec|second) ago"
YOU_SAID = re.compile(r"\byou (?:mentioned|said|talked about|brought up|were saying)\s+"
                      r"(?:(?:earlier|before|previously)\s+)?(?:about\s+)?"
                      # what they recall, not when ("the work life balance one you mentioned earlier, ..." was told
                      # "I didn't mention earlier earlier")
                      # ...nor the order it came in ("the work life balance thing you mentioned first - is it
                      # worse than PM?" was told "I didn't mention first - is it worse than PM earlier")
                      r"(?:the\s+|that\s+|those\s+|these\s+|some\s+)?(?!(?:" + _WHEN_SAID + r")\b)"
                      r"(?P<what>[^,.?!;]{2,60}?)"
                      r"(?=\s+(?:" + _WHEN_SAID + r"|last time|in your)\b|\s+[-–—]\s|\s*[,.?!;]|$)", re.I)
NOT_SAID = "_I didn't mention {what} earlier in this conversation; here is what my guides say._\n\n"


def not_said_before(question: str, history: Sequence[Turn]) -> str:
    """A note when the person recalls something the advisor never said ("you mentioned internships earlier, when
    should i apply" when no answer of this conversation spoke of internships): the answer does not play along."""
    said = {_root(t) for turn in history if turn["role"] == "assistant" for t in tokenize(turn["content"])}
    for m in YOU_SAID.finditer(question):
        what = m.group("what").strip()
        if (words := {_root(t) for t in tokenize(what)}) and not words & said \
                and not any(r.startswith(w) for w in words if len(w) >= CLIPPING for r in said):  # "math": Mathematics
            return NOT_SAID.format(what=_as_advisor(what))
    return ""


def _as_advisor(what: str) -> str:
    """What the person recalls, in the advisor's words: "I should start with Rust" -> "you should start with Rust"."""
    swap = {"i": "you", "me": "you", "my": "your", "mine": "yours", "i'm": "you're", "im": "you're",
            "myself": "yourself"}
    return re.sub(r"\b(?:i'm|im|i|me|my|mine|myself)\b", lambda m: swap[m.group(0).lower()], what, flags=re.I)


# A word recalled this long or longer may be a clipping of one said ("math" of "mathematics"); shorter ones ("ai")
# start too many words.
CLIPPING = 4


def _root(term: str) -> str:
    """A term's first six letters: "deployment" was said as "deploying" (the light stemmer keeps them apart); five
    made "internships" said by any "interested" or "interview"."""
    return term[:6]
