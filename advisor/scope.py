"""Question hygiene (instructions aimed at the advisor are stripped), the decline text and the welcome."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from advisor.answerability import ADDRESS, INTERJECTIONS, roles_in, words
from advisor.clean import INJECTION
from advisor.lexical import QUESTION_OPENER, SENTENCE_BREAK, plain_letters, tokenize, weak_areas, weak_at
from advisor.retrieve import NEW_TOPIC, NTH, POINTS_BACK, has_items, item_lines, place_index, unjoined
from advisor.schema import Answer, Turn, last_answer

# What other modules import from here (INJECTION is clean's, read through scope).
__all__ = [
    "ASKS_SOURCE",
    "FIGURES_AS_GIVEN",
    "FIGURE_POINTS",
    "INJECTION",
    "NOTHING_QUOTED",
    "NOT_ENGLISH",
    "NO_OTHER_SOURCE",
    "PUSHBACK",
    "REQUESTS",
    "SHORT_SENTENCES",
    "SIMPLER_FRAME",
    "SOURCES_LEAD",
    "SUGGESTION",
    "SUGGESTION_TAKEN",
    "UNOPENED",
    "WEAK_ASKED",
    "WEAK_FRAME",
    "about_advisor",
    "about_quoted",
    "answers_suggestion",
    "asks_about_guides",
    "asks_figure_of_that",
    "asks_nothing_new",
    "asks_other_source",
    "asks_shorter",
    "asks_simpler",
    "asks_source",
    "asks_to_write",
    "cannot_write",
    "decline",
    "decline_meant",
    "disagrees",
    "dislikes_only",
    "feels_only",
    "greets",
    "has_link",
    "introduces_only",
    "meant",
    "missed",
    "missed_reply",
    "names_count",
    "names_quoted_figure",
    "no_figure_of",
    "offered",
    "okays",
    "picks_by_name",
    "picks_suggestion",
    "reacts",
    "recalls_suggestion",
    "reconsiders",
    "says_bye",
    "strip_injection",
    "suggested_in",
    "thanks",
    "thanks_mixed",
    "thanks_said",
    "took_suggestion",
    "weak_asked",
    "weak_only",
    "welcome",
    "wishes_luck",
    "without_excepted",
    "without_links",
    "without_manner",
    "works_in",
]

# A message that is only a greeting or a request for help: nothing to look up, so say what can be asked (English).
# A greeting may open the plea ("hi what can you do").
GREETING_ONLY = re.compile(r"(?=\W*\w)\W*(?:(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening))(?: there)?\W*)?"
                           r"(?:help(?: me)?(?: please)?|what can you do|what do you do|who are you|what are you|"
                           r"how does this work|what can i ask(?: you)?|"
                           # a first look at the widget ("hi, what is this?", declined as a topic by probe 31's setup)
                           r"what(?:['’]?s| is) this(?: thing| site| bot| chat(?:bot)?| app| tool)?|"
                           r"what (?:can|do) you (?:help(?: me| people| us)?(?: out)? with|know(?: about)?)|"
                           r"what can you tell me(?: about)?|"
                           # small talk ("how r u": a twenty-first probe got the job's worst aspects, as partial)
                           r"how (?:are|r) (?:you|u|ya)(?: doing| today)?|how['’]?s it going|what['’]?s up|sup)?\W*",
                           re.I)
# A message only about the person (English): each clause opens on "I'm", "I work", "my ..." (after a greeting or
# "and") or says how long ("7 years"), and nothing in it wants or asks anything.
ABOUT_ME = re.compile(r"^(?:(?:hi|hello|hey)\W*$|(?:(?:hi|hello|hey)\W+)?(?:(?:and|also|so)\s+)?"
                      r"(?:i'?m|i am|i'?ve|i\s+(?:can(?:['’]?t|not|\s+only)|don'?t have|never)|"
                      r"i\s+(?:(?:already|also|just|still|only|currently|actually|mostly|mainly|usually)\s+)?"
                      r"(?:work|study|have|was|live|did|got|finished|graduated|made|built|took|completed|dropped|quit|left|"
                      r"know|love|enjoy|failed|passed|started|used|use|taught|teach|"
                      r"do|code|write|build|run|manage|lead)|"  # "i mostly do backend java stuff"
                      r"i\s+can|my)\b|\d+\s*(?:years?|yrs?|y/?o|months?)\b|"  # "..., 7 years", "i already have"
                      r"\d{1,2}\s*[mf]?\s*$|"  # "..., 29": an age
                      r"no\s+[a-z-]+(?:\s+[a-z-]+)?\s*$)", re.I)  # "..., no degree", "..., no cs background"
# "im a nurse, 34, kind of burnt out", "i work in analytics, mostly excel and some sql", "hi im 19, no degree, broke,
# live in nigeria", "im 45, laid off from a factory job, only have a high school diploma": after a clause about the
# person, one that goes on describing them opens on a word of degree, of how they feel or fare, or on a verb whose
# "I" the first clause said (English).
GOES_ON = re.compile(r"^(?:kind of|kinda|sort of|mostly|mainly|pretty|really|very|quite|a (?:bit|little)|bit|"
                     r"totally|completely|currently|recently|burn[et] out|tired|bored|sick of|fed up|stuck|broke|"
                     r"unemployed|retired|(?:quick )?intro(?=:)|live in|living in|based in|"
                     r"work(?:ing)? (?:as|at|for|in)|(?:only |also |just |still |already )?"
                     r"(?:have|had|got|hold)(?! to\b)|laid off|let go|made redundant|graduated|studied|dropped out|"
                     r"finished|been)\b", re.I)
# "hi, im 34, accountant, no cs degree, two kids", "im 52 and a teacher in canada. math background": after a clause
# about the person, a bare noun phrase goes on describing them when it is a job (_bare_job), a count of children, a
# background or who they are at home (English).
BARE_FACT = re.compile(r"^(?:(?:a|an|one|two|three|four|five|six|\d+)\s+(?:kids?|children|sons?|daughters?|grandkids)|"
                       r"(?:[a-z-]+\s+){1,2}background|married|single|divorced|"
                       r"(?:[\w+#.-]+\s+){1,2}(?:mostly|mainly|primarily)|"  # "react mostly": what they do, said after
                       r"(?:an?\s+)?(?:single\s+|stay at home\s+)?(?:mom|mum|dad|parent|mother|father)"
                       r"(?:\s+of\s+(?:one|two|three|four|five|\d+))?)$", re.I)
CLAUSE = re.compile(r"[,;.!]+\s*|\s+but\s+", re.I)
WANTS = re.compile(r"\b(want|wanna|hope|hoping|plan|planning|thinking|wonder|wondering|interested|curious|considering|"
                   r"looking|trying|like to|love to|need|should|could|(?<!\bi )can(?!\s+only\b|['’]t\b)|would|how|"
                   r"what|which|why|where|when|help|"
                   r"advice|tips?|recommend|suggest|tell me|give me|gimme|show me|explain|please|pls|plz|worth|"
                   r"possible|realistic|late|"
                   r"switch\w*|become|becoming|get into|move into|transition\w*|"
                   r"torn|deciding|decide|choosing|choose|unsure|undecided|not sure|confused)\b", re.I)
# Asks for the answer before in fewer words ("shorter pls", "can you say that in like 2 sentences", "tldr"): English
# phrasings. An eleventh probe got more quotes for both, one under "My guides don't say anything about “shorter”".
_COUNT = r"one|two|three|a few|a couple of|[1-5]"


def _in_points(group: str) -> str:
    """That many of its points, each quoted as a sentence ("in 3 sentences", "3 bullets"; an eighteenth probe's
    "summarise that in 3 bullets" was told the guides say nothing about “bullets”); the count in the named group."""
    return (rf"(?:like |just |only )?(?P<{group}>{_COUNT})\s+(?:short\s+)?"
            r"(?:sentences?|lines?|bullets?|bullet points?|points?)")


SHORTER = re.compile(r"^(?:[^.?!]{0,60}[.!]\s+)?"  # after a remark of their own ("ok that sounds like a lot.")
                     r"\W*(?:(?:ok|okay|k|hmm|so|and|but|pls|please|can you|could you|can u|just|now)\W+)*(?:"
                     r"(?:(?:make|say|put|write) (?:it|that|this) |a )?shorter(?: version| answer| one)?|"
                     r"(?:(?:give me|gimme|whats|what's|tell me) )?(?:the |a )?(?:short|quick) version|"
                     r"tl;?\s?dr|too long|"
                     r"(?:summari[sz]e|sum up|shorten)(?: (?:that|it|this|all (?:of )?(?:that|this|it)|everything|"
                     r"what (?:you|u) (?:told|said|gave|showed) me|what (?:you['’]?ve|youve) (?:told|said)(?: me)?)"
                     r"(?: so far)?)?(?: (?:in|into|with) " + _in_points("m") + ")?|"
                     r"(?:sum|boil) (?:that|it|this) (?:up|down)|"
                     r"(?:(?:say|put|explain|give me|tell me) (?:that|it|this)(?: again)? )?(?:in|with) "
                     + _in_points("n") + ")"
                     # "make that shorter, bullet points only" (a twenty-third probe got it searched): the points are
                     # what a shorter answer gives
                     r"(?:\W+(?:(?:in|as|with|just|only)\s+)?(?:bullet\s*points?|bullets|points)(?:\s+only)?)?"
                     r"(?:\W+(?:pls|please|plz|thanks|thx|lol|ok|max))*\W*$", re.I)
SHORT_SENTENCES = 2  # "shorter pls" says no number: two sentences
# Disagreeing with the answer before ("that doesnt sound right, i know people at google without degrees"): English
# phrasings. An eleventh probe got it read as a question on Google. What follows it is read on its own.
DISAGREES = re.compile(r"^\W*(?:(?:hmm+|but|well|um+|wait|no|nah)\W+)?"
                       r"(?:that (?:doesn['’]?t|does not|dont) (?:sound|seem|look) (?:right|true|correct)|"
                       r"that['’]?s (?:not (?:true|right|correct)|wrong|incorrect|false)|"
                       r"(?:i )?(?:don['’]?t|do not) (?:think so|believe (?:that|it|you))|not true|i disagree|"
                       r"(?:are you|r u) sure|that can['’]?t be (?:right|true))\b\W*", re.I)
PUSHBACK = "I can only go by what my guides say, and they can't cover every case. In short, they say:"
# "that doesnt really answer my question", "thats not what i asked": the answer before missed (English; the twelfth
# probe's got the interview list, searched as a question of its own).
MISSED = re.compile(r"^\W*(?:(?:hmm+|but|well|um+|no|nah|sorry|ok(?:ay)?|uh+|yeah|honestly|tbh|ngl|ugh+|man|lol|lmao|"
                    # "Forgive me but that is not what I asked." (a thirty-first probe's got a definition again)
                    r"wait|bro|dude|(?:forgive|excuse|pardon)\s+me(?:\W+but)?)\W+)?"
                    r"(?:(?:that|this|it|you)\s+(?:still\s+)?(?:doesn['’]?t|does not|didn['’]?t|did not|dont)\s+"
                    r"(?:really\s+|quite\s+|actually\s+)?(?:answer|address)\b(?:\s+(?:my|the)\s+question)?|"
                    r"(?:that['’]?s|that is|thats)\s+not\s+(?:really\s+)?what\s+i\s+(?:asked|meant|was asking)|"
                    # "that wasn't really what I asked" (a twenty-fourth probe got a decline of “that”)
                    r"(?:that|this|it)\s+(?:wasn['’]?t|was not|isn['’]?t|is not)\s+(?:really\s+|quite\s+)?what\s+i\s+"
                    r"(?:asked|meant|was asking)(?:\s+(?:for|about))?|"
                    r"not what i (?:asked|meant)|"
                    # "I did not ask about director and manager. Is the job stable...?", "no i not ask about pharmacy"
                    # (a twenty-sixth probe got the managers' rungs framed as what was asked)
                    r"i\s+(?:did\s+not|didn['’]?t|didnt|do\s+not|don['’]?t|dont|not|never)\s+ask(?:ed|ing)?\s+"
                    r"(?:about|for)\s+[^.?!,;]{1,60}|"
                    # "No, I'm not looking to become a director. I'm hiring. What are..." (a twenty-seventh probe got
                    # the Director rung again): what they don't want is no part of what they ask
                    r"(?:i['’]?m|im|i am)\s+not\s+(?:looking|trying|planning|hoping|wanting|asking)\s+to\s+"
                    r"(?:become|be)\s+[^.?!,;]{1,60}|"
                    # "you're kinda useless tbh"
                    r"(?:you['’]?re|you\s+are|ur|u\s+r)\s+(?:(?:kinda|kind\s+of|so|pretty|really|very|just|honestly)\s+)*"
                    r"(?:useless|unhelpful|no\s+help)|"
                    # "you are just repeating yourself", "you already said that": the same again is no answer
                    r"(?:you['’]?re|you are|ur|your)\s+(?:just\s+)?repeating\s+yourself|"
                    r"you\s+(?:already|just)\s+said\s+(?:that|this)|(?:that['’]?s|thats|that is)\s+the\s+same\s+"
                    r"(?:[\w-]+\s+){0,3}?(?:thing|answer|list|stuff|text|reply)(?:\s+again)?|"
                    # "lol why are you telling me tuition costs. Anyway - what tools...", "what does work-life balance
                    # have to do with my question": a twenty-eighth probe got more of what they complained of
                    r"why\s+(?:are|r)\s+(?:you|u)\s+(?:telling|giving|showing|sending)\s+me\s+[^.?!;]{1,60}|"
                    r"what\s+(?:does|do|did)\s+[^.?!;]{1,60}\s+have\s+to\s+do\s+with\s+(?:my|the|what i)\s*"
                    r"(?:question|asked)?|"
                    # "that's too vague", "still vague", "can you be clearer": what was quoted did not do (a sixteenth
                    # probe got "I hear you" for "that's too vague, give me actual steps", and quotes for "clearer")
                    r"(?:(?:that['’]?s|thats|that is|this is|it['’]?s|its|still|too|way too|so)\s+)+"
                    r"(?:(?:really|very|kinda|pretty|super)\s+)?(?:vague|general|generic|unclear|confusing|"
                    # "honestly this is useless, everyone says the same stuff" (a twenty-third probe got a list of
                    # companies); said of the answer only when nothing follows in the clause ("it's useless to...")
                    r"(?:useless|unhelpful|pointless|not\s+(?:very\s+|really\s+|that\s+)?(?:helpful|useful))"
                    r"(?=\s*(?:[,.;!]|$)))|"
                    r"(?:can|could)\s+(?:you|u)\s+be\s+(?:(?:a\s+bit|more|a\s+little)\s+)*(?:clearer|clear|specific|"
                    r"concrete)|be\s+(?:more\s+)?(?:clearer|specific|concrete))\b\W*", re.I)
# What follows "that's too vague" that asks for something without a question: "give me actual steps".
REQUESTS = re.compile(r"^\W*(?:(?:just|pls|please|ok|so|now|then)\W+)*(?:give|gimme|show|tell|list|walk)\b", re.I)
MISSED_TEXT = ("Sorry, that didn't answer it. What I quoted is the closest I can find in my guides to “{question}”; "
               "they may not cover it more directly.")
QUOTED_LENGTH = 80  # characters of their question quoted back, at most
_COUNTS = {"one": 1, "two": 2, "three": 3, "a few": 3, "a couple of": 2}


def _rest_after(opening: re.Pattern[str], message: str) -> str | None:
    """What follows the opening the message starts with ('' when nothing does), or None when it starts otherwise."""
    m = opening.match(message)
    return message[m.end():].strip() if m else None


def disagrees(message: str) -> str | None:
    """The rest of a message that opens by disagreeing with the answer before ('' when nothing follows), or None."""
    return _rest_after(DISAGREES, message)


# "is that in dollars?", "thats US numbers though right?", "are those per year": a short question about what was
# just quoted (English pointing words), answered, when the guides say nothing more on it, with the figures as they
# give them (a twelfth probe's "thats US numbers though right? im in the UK" was declined outright).
_QUOTED_LEAD = r"^\W*(?:(?:so|and|but|ok(?:ay)?|wait|hmm+|oh)\W+)*"  # "so", "wait", "hmm" before a short question
ABOUT_QUOTED = re.compile(_QUOTED_LEAD + r"(?:(?:is|are|was|were|does|do)\s+(?:(?:any|all|some)\s+of\s+)?"
                          r"(?:that|those|these|it|they|this)|(?:that|those|these|this)(?:['’]?s|\s+is|\s+are)|"
                          r"thats|theyre|they['’]re)\b", re.I)
# ...or only the unit it is in ("per month?", "yearly or monthly?", "in usd?": a thirty-second probe's "per month?" was
# told the guides say nothing about “per month” beside the same table)
UNIT_ONLY = re.compile(_QUOTED_LEAD + r"(?:(?:per|a|an|each|every)\s+"
                       r"(?:year|yr|month|mo|week|hour|hr|day|annum)|yearly|monthly|annual(?:ly)?|hourly|weekly|"
                       r"in\s+(?:usd|dollars|us dollars|euros?|eur|gbp|pounds)|before\s+tax(?:es)?|after\s+tax(?:es)?|"
                       r"pre-?tax|gross|net|total|base)(?:\s+(?:or|and)\s+[\w ]{1,20})?\W*$", re.I)
ABOUT_QUOTED_WORDS = 12  # words at most: a longer message asks something of its own
FIGURES_AS_GIVEN = "My guides give these figures as quoted below and say no more about them:"
FIGURE_POINTS = 3  # the points with figures quoted again, at most


def about_quoted(message: str) -> bool:
    """Is the message a short question about what was just said ("is that in dollars?")?"""
    return bool(ABOUT_QUOTED.match(message) or UNIT_ONLY.match(message)) and len(message.split()) <= ABOUT_QUOTED_WORDS


# A figure said again ("and is that 40% per year or total?"), as the answer before quoted it.
FIGURE_SAID = re.compile(r"\d[\d,.]*\s?%?")


def names_quoted_figure(message: str, last: str) -> bool:
    """Does a short question about what was just said name a figure that answer quoted ("is that 40% per year")?
    It is about that figure, whatever else its words find (a thirty-second probe got the pay table for it)."""
    said = {re.sub(r"[,\s]", "", m.group(0)).rstrip(".") for m in FIGURE_SAID.finditer(message)}
    quoted = re.sub(r"[,\s]", "", last)
    return about_quoted(message) and any(len(f.rstrip("%")) >= 2 and f in quoted for f in said)


# "explain that simpler", "can you explain like im 5", "eli5", "in plain english pls": an extractive answer cannot
# put the guides in other words; it says so and quotes the one sentence they put it in (English; a twelfth probe's
# "explain the gradient descent thing simpler pls" got the same sentence as before, "answered").
_SIMPLER = (r"(?:(?:a bit|a little|much)\s+)?(?:more\s+)?(?:simpler|simply|in (?:simpler|simple|plain) "
            r"(?:terms|english|words)|like (?:i['’]?m|im|i am) (?:5|five|a (?:kid|child|beginner))|"
            r"for a (?:beginner|kid|child|dummy))")
# Asked of how it is said: after a verb of saying ("explain that simpler"), or ending the message ("...simpler pls");
# not "is there a simpler path", which asks about the path.
SIMPLER = re.compile(rf"\b(?:explain|say|put|rephrase|word|break (?:it|that|this) down|make (?:it|that|this)|"
                     rf"(?:can|could) you)\b[^?.!]{{0,40}}?\b{_SIMPLER}|\b{_SIMPLER}\s*(?:pls|please|plz|lol)?\s*"
                     rf"[?.!]*\s*$|\beli5\b|\bdumb(?:ed)? (?:it|that) down\b|\bin layman['’]?s terms\b", re.I)
SIMPLER_WORDS = re.compile(rf"\b{_SIMPLER}|\beli5\b|\bdumb(?:ed)? (?:it|that) down\b|\bin layman['’]?s terms\b", re.I)
ASKING_WORDS = frozenset(tokenize("explain say put it that this again pls please plz can could you thing stuff part "
                                  "bit little more"))
# Who it is put simply for ("... i can show him", "so my mum gets it", "for my 12 year old"): no topic (a
# twenty-fourth probe got a line on ML managers for "him"). English words.
FOR_WHOM = re.compile(r"\b(?:(?:so(?: that)?\s+)?(?:i|we) (?:can|could) (?:show|send|share|give|read|forward)\b|"
                      r"so(?: that)?\s+(?:i|we|my|he|she|they|a|an|the|even)\b|for (?:my|a|an|his|her|our)\s+"
                      r"(?:[\w-]+\s*){1,3}$).*$", re.I)
SIMPLER_FRAME = "I can only quote my guides, and they don't put it more simply. In one sentence, they say:"
# "what do u mean", "huh? what do you mean by that": the answer before, asked to be made plain (a twenty-first probe got
# the decline word for word, or quotes on disruptive technologies). English.
WHAT_MEAN = re.compile(r"^\W*(?:(?:sorry|huh|wait|hmm+|ok(?:ay)?|so|um+)\W+)*what do (?:you|u|ya) mean\b"
                       r"(?:\s+by (?:that|this|it))?\W*$", re.I)
# ...and after a decline, what the decline meant.
DECLINE_MEANT = ("I mean that my guides don't answer “{question}”. They are about {coverage}; I quote them, and say so "
                 "when they don't cover something.")


def _less_manner(text: str) -> str:
    """The text without the words asking for it put simply ("in plain english", "eli5"), on one line."""
    return " ".join(SIMPLER_WORDS.sub(" ", text).split())


def _asks_more(rest: str) -> bool:
    """What is left names something besides the asking ("explain", "that", "pls")."""
    return bool(set(tokenize(rest)) - ASKING_WORDS)


def without_manner(question: str) -> str:
    """The question less how it asks to be put ("whats ML in plain english, explain like im 12": a twenty-fifth probe
    was told the guides don't cover “plain english”), when it asks something besides."""
    rest = _less_manner(question)
    return rest if rest != question and _asks_more(rest) else question


# What a dismissed thing may be, before the question after it ("never mind the pay, what about remote work"): a few
# words, none asking.
DISMISSED_WORDS = 3


def after_waved_away(question: str) -> str:
    """The question less what it waves away before a new one ("so no DS number at all? then i cant compare.
    whatever. what do MLE interviews look like": a thirty-third probe's was hedged, judged with the pay it gave up
    on), still saying it is a new one; else the question."""
    waved = list(NEW_TOPIC.finditer(question))
    last = waved[-1] if waved else None
    if last is None or not re.search(r"[a-z]", question[:last.start()], re.I):
        return question
    rest = question[last.end():].lstrip(" .,;:!-–—")
    head, comma, tail = rest.partition(",")
    if comma and len(head.split()) <= DISMISSED_WORDS and not QUESTION_OPENER.match(head) \
            and QUESTION_OPENER.match(tail.strip()):
        rest = tail.strip()  # "never mind the pay, what about remote work": the pay is what was waved away
    return f"anyway, {rest}" if _asks_more(rest) else question


# A link in a message ("what you think of my github profile github.com/rahul-dev-pune"): the advisor opens none, so
# it says so, and the link's words are no topic (a thirtieth probe was told the guides say nothing about Pune). A bare
# name with a dot ("fast.ai", "node.js") is no link: only a scheme, "www." or a path makes one.
LINK = re.compile(r"\bhttps?://\S+|\bwww\.\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}/[^\s,;)]*", re.I)
UNOPENED = "_I can't open links, so I haven't seen what is there; here is what my guides say._\n\n"


def has_link(message: str) -> bool:
    """The message holds a link."""
    return LINK.search(message) is not None


def without_links(question: str) -> str:
    """The question less its links, unless nothing else would be left to ask."""
    rest = re.sub(r"\s+(?=[?.!,;:])", "", " ".join(LINK.sub(" ", question).split()))
    return rest if rest != question and _asks_more(rest) else question


# "which skills besides the math should i focus on?": what they set aside is no part of what to look for (a thirtieth
# probe got only the maths list). English words; the excepted thing ends at a verb, a pronoun or a break.
# Not after "anything" or "else": "is there anything other than a degree" asks about what it names.
EXCEPTED = re.compile(r"(?<!\banything )(?<!\bsomething )(?<!\belse )\b(?:besides|other than|apart from|aside from|"
                      r"except(?: for)?|excluding|not counting)\s+(?:the\s+|my\s+|all\s+(?:the\s+)?)?"
                      r"(?!(?:that|this|those|these|it)\b)[\w+#.-]+(?:\s+[\w+#.-]+){0,2}?"
                      r"(?=\s+(?:should|do|does|would|can|could|will|is|are|that|which|what|how|i|you|we|to)\b|"
                      r"\s*[,.?!;:]|$)", re.I)
# "No, I meant skill gaps, not downsides of the job.": what they correct away, after what they meant ("that's data
# scientist stuff, not data engineer" wants the latter). English words.
MEANT_NOT = re.compile(r"(\bmeant\b[^.?!,]{1,40}),\s*not\s+(?:the\s+|my\s+)?[\w+#-]+(?:\s+[\w+#-]+){0,3}?"
                       r"(?=\s*[.?!;]|$)", re.I)


def without_excepted(question: str, subject: AbstractSet[str]) -> str:
    """The question less what it sets aside ("besides the math"), unless that is the guides' subject ("jobs other
    than machine learning engineer": what else there is, asked of it) or nothing would be left to ask."""
    def drop(m: re.Match[str], kept: str = "") -> str:
        return m.group(0) if set(tokenize(m.group(0)[len(kept):])) - EXCEPT_WORDS <= subject else kept
    rest = MEANT_NOT.sub(lambda m: drop(m, m.group(1)), EXCEPTED.sub(drop, question))
    rest = re.sub(r"[\s,]+(?=[?.!;:])|\s+(?=,)", "", " ".join(rest.split())).lstrip(" ,;:")
    return rest if rest != " ".join(question.split()) and _asks_more(rest) else question


EXCEPT_WORDS = frozenset(tokenize("besides other than apart from aside except for excluding not counting the my all "
                                  "of"))


def asks_simpler(message: str) -> str | None:
    """For a message asking to have something put more simply: what else it names ('' when only the answer before
    is meant: "explain that simpler"), or None when it asks no such thing."""
    if WHAT_MEAN.match(message):
        return ""
    if not SIMPLER.search(message):
        return None
    rest = _less_manner(FOR_WHOM.sub(" ", message)).strip(" ,.!?")
    return rest if _asks_more(rest) else ""


# "you keep telling me about 4 year degrees.": more of the complaint, after it (a twenty-ninth probe's "thats not what
# i asked, you keep telling me about 4 year degrees. i want to know if i can do online courses..." was told sorry).
KEEPS_SAYING = re.compile(r"^\W*(?:(?:and|but|like)\s+)?(?:you|u)\s+(?:keep|kept|just\s+keep)\s+"
                          r"(?:telling|giving|showing|sending|saying|repeating|talking|quoting)\b[^.?!;]{0,80}[.!;]+",
                          re.I)


def missed(message: str) -> str | None:
    """The rest of a message that opens by saying the answer before missed its question ('' when nothing
    follows), or None."""
    rest = _rest_after(MISSED, message)
    return _rest_after(KEEPS_SAYING, rest) or rest if rest else rest


# "..., i meant do i need kubernetes for my first job": what follows is what they asked.
MEANT = re.compile(r"^\W*i\s+(?:meant|mean|was\s+asking(?:\s+about)?|wanted\s+to\s+know|want\s+to\s+know|"
                   # "i wanted how long does it take" (a thirty-first probe was told what was quoted was the closest)
                   r"want(?:ed)?(?=\s+(?:how|what|which|why|when|where|whether|if)\b)|"
                   r"(?:am\s+)?ask(?:ed|ing)?(?:\s+about)?)\b\W*",
                   re.I)


# "if i can do online courses": what they want to know, put as the question ("can i do online courses"). English.
IF_ASKED = re.compile(r"^(?:if|whether)\s+(i|you|we|they|he|she|it|ml engineers|people)\s+"
                      r"(can|could|should|would|will|need|have|am|is|are|do|does|must)\b", re.I)


def meant(rest: str) -> str | None:
    """What a message that said the answer missed goes on to say they meant ("do i need kubernetes" of "i meant do i
    need kubernetes", "can i do online courses" of "i want to know if i can do online courses"), or None when it goes
    on otherwise."""
    said = _rest_after(MEANT, rest)
    return IF_ASKED.sub(lambda m: f"{m.group(2)} {m.group(1)}", said) if said else None


# How a decline names the questions closest to it, and a welcome some to start with: "...: “...”; “...”".
CLOSEST_LEAD, EXAMPLES_LEAD = "Closest questions they do answer: ", "You could ask: "
OFFERED = re.compile(rf"(?:{re.escape(CLOSEST_LEAD)}|{re.escape(EXAMPLES_LEAD)})((?:“[^”\n]{{3,300}}”(?:; )?)+)")


def offered(answer: str) -> tuple[str, ...]:
    """The questions an answer offers by name in its text (a decline's closest, a welcome's examples), in order."""
    return tuple(re.findall(r"“([^”\n]+)”", m.group(1))) if (m := OFFERED.search(answer)) else ()


def _closest_line(closest: tuple[str, ...]) -> str:
    """" Closest questions they do answer: “...”; “...”" for up to three questions ('' for none)."""
    return f" {CLOSEST_LEAD}" + "; ".join(f"“{q}”" for q in closest[:3]) if closest else ""


def _quoted(question: str) -> str:
    """Their question as a reply quotes it back: on one line, cut at a word within QUOTED_LENGTH."""
    said = " ".join(question.split())
    return said if len(said) <= QUOTED_LENGTH else said[:QUOTED_LENGTH].rsplit(" ", 1)[0] + "…"


def missed_reply(question: str, closest: tuple[str, ...]) -> Answer:
    """The reply when the answer before missed: sorry, that was the closest the guides come, and the questions
    nearest to theirs that they do answer."""
    text = MISSED_TEXT.format(question=_quoted(question)) + _closest_line(closest)
    return Answer(text=text, refused=True, follow_ups=closest[:3], scope="declined")


# "Do the guides give any figure for that or not?", "any numbers on that?": whether the guides give a figure for what
# was just asked (a thirty-fourth probe's got a role description and a growth rate of something else). English words.
FIGURE_OF_THAT = re.compile(r"\b(?:(?:do|does|did|can|could|will|would)\s+(?:the|your|ur|these|those|my|you)?\s*"
                            r"(?:guides?|sources?|you|u)\s+(?:give|have|say|mention|list|show|quote|got)\s+|"
                            r"(?:is|are)\s+there\s+|^\W*(?:ok|so|and|but)?\W*)"
                            r"(?:any|a|some)\s+(?:figures?|numbers?|stats?|statistics|percentages?|data|estimates?)\s+"
                            r"(?:for|on|about|of)\s+(?:that|this|it)\b(?:\s+or\s+not)?\W*$", re.I)
NO_FIGURE_OF = "No: my guides give no figure for “{question}”. What I quoted before is the closest they come."


def asks_figure_of_that(message: str) -> bool:
    """Does the message (or its last sentence) ask whether the guides give a figure for what was just asked?"""
    return FIGURE_OF_THAT.search(SENTENCE_BREAK.split(message.strip())[-1]) is not None


def no_figure_of(question: str) -> Answer:
    """The reply when the guides give no figure for the question before, asked whether they do."""
    return Answer(text=NO_FIGURE_OF.format(question=_quoted(question)), refused=True, scope="partial")


# Asking the advisor to write something for them ("can you help me write a cover letter for an ML engineer job at
# spotify": a thirty-fourth probe got a list of company types and "some jobs or professions go away"). English words.
WRITE_FOR_THEM = re.compile(r"^\W*(?:(?:hey|hi|ok(?:ay)?|so|pls|please)\W+)*(?:(?:can|could|would|will)\s+(?:you|u)\s+"
                            r"(?:please\s+|pls\s+)?(?:help\s+(?:me\s+)?)?|(?:please\s+|pls\s+)?(?:help\s+me\s+)?)"
                            r"(?:write|draft|rewrite|proofread|compose)\s+(?:me\s+)?(?:a|an|my|the|this|some)\b", re.I)
CANNOT_WRITE = ("I can't write that for you: I only quote my guides, with a source for every sentence, and they are "
                "about {coverage}.")


def asks_to_write(message: str) -> bool:
    """Does the message ask the advisor to write something for them?"""
    return WRITE_FOR_THEM.match(message) is not None


def cannot_write(coverage: str, closest: tuple[str, ...]) -> Answer:
    """The reply to a request to write something: not what it does, and what the guides do answer."""
    return Answer(text=CANNOT_WRITE.format(coverage=coverage) + _closest_line(closest), refused=True,
                  follow_ups=closest[:3], scope="declined")


def decline_meant(question: str, coverage: str, closest: tuple[str, ...]) -> Answer:
    """What a decline meant, asked "what do you mean?" after it: their question, not covered, and what is."""
    text = DECLINE_MEANT.format(question=_quoted(question), coverage=coverage) + _closest_line(closest)
    return Answer(text=text, refused=True, follow_ups=closest[:3], scope="declined")


def asks_nothing_new(message: str) -> bool:
    """Nothing asked or wanted: no question mark and no word of wanting or asking (WANTS)."""
    return "?" not in message and not WANTS.search(message)


# How an answer ends with the question it suggests next, and a message that takes it up ("ok next", "next one",
# "go on"): answered as that question (a seventeenth probe's "ok next" got the senior salary again). English words.
SUGGESTION = "Next, you could ask: “{question}”"
SUGGESTION_TAKEN = "Next: “{question}”"  # how the answer to it opens, so the reply says what it answers
# Read back from the template, so the two cannot drift apart (the line is in italics: "_..._").
def _read_back(template: str) -> str:
    """A template's text as a pattern, its {question} captured as `question`."""
    return re.escape(template).replace(re.escape("{question}"), "(?P<question>[^”\\n]{3,300})")


SUGGESTED = re.compile("_" + _read_back(SUGGESTION) + r"_\s*$")
TAKES_SUGGESTION = re.compile(r"^\W*(?:(?:ok(?:ay)?|sure|alright|cool|k|yes|yeah|yep|thanks|thx)\W+)*"
                              r"(?:next(?: one| question| please| pls)?|go on|continue|keep going|ask (?:that|it))"
                              r"(?:\W+(?:pls|please|plz|then))?\W*$", re.I)


def took_suggestion(message: str, history: Sequence[Turn]) -> str | None:
    """The question the last answer suggested next, when the message only takes it up; None otherwise."""
    return suggested_in(last_answer(history)) if TAKES_SUGGESTION.match(message) else None


def suggested_in(answer: str) -> str | None:
    """The question an answer suggests next in its text, or None."""
    return m.group("question") if (m := SUGGESTED.search(answer)) else None


# "the 2nd one?", "ok the first one then", "the first one you suggested, the online education thing", "great. the 2nd
# suggestion - a couple of them cant afford college": one of the questions suggested after the last answer, by its
# place. The UI and widget show three as buttons, while the answer's text names only the first (a twenty-seventh
# probe's parent sent "the 2nd one?" and was told the guides say nothing about "2nd"). English words.
PICKS_SUGGESTION = re.compile(r"^\W*(?:(?:ok(?:ay)?|sure|alright|cool|k|yes|yeah|yep|hmm+|um+|and|so|great|nice|"
                              r"perfect|thanks|thx|got it)\W+)*"
                              r"(?:(?:let'?s (?:do|go with|try)|i'?ll (?:take|go with)|take|pick|go with|"
                              r"what about|how about|tell me about)\s+)?"
                              rf"(?:the\s+)?{NTH}"
                              r"(?:(?P<named>\s+(?:suggestion|suggested\s+question)|(?:\s+(?:one|question|option))?\s+"
                              r"(?:you|u)\s+(?:sugg?est\w*|offered))\b.*"  # said to be a suggestion: more may follow
                              r"|(?:\s+(?:one|question|suggestion|option))?(?:\W+(?:pls|please|plz|then))?\W*$)",
                              re.I | re.S)


# How an answer to a suggestion taken up opens ("_Next: “...”_"), read back from its template.
TAKEN = re.compile("^_" + _read_back(SUGGESTION_TAKEN) + "_")


def answers_suggestion(answer: str) -> str | None:
    """The suggested question an answer says it answers (asked on its own), or None."""
    return m.group("question") if (m := TAKEN.match(answer)) else None


# An answer that opens on a question back ("_Before I point you to a path: do you already have a university degree,
# ...?_") leaves its suggestion out of the text, one question at a time; the UI still shows the suggestions beside it
# (a thirty-first probe's "the first one" then got the same answer again).
ASKED_BACK = re.compile(r"^_[^_\n]+\?[^_\n]*_\n")


def shows_suggestions(answer: str) -> bool:
    """Were questions suggested with this answer: named in its text, offered, or shown beside a question back?"""
    return bool(SUGGESTED.search(answer) or offered(answer) or ASKED_BACK.match(answer))


def picks_suggestion(message: str, history: Sequence[Turn]) -> int | None:
    """The index of the suggested question a message picks by its place ("the 2nd one?": 1), when the last answer
    suggested one or offered some by name and has no list of its own to pick from (there "the second one" is its
    item, unless they say it is a suggestion); None otherwise."""
    last = last_answer(history)
    # ...or after what they say first, when said to be a suggestion ("i told u i dont hav colege. 2nd one u sugested,
    # shuld i become one": a thirty-third probe got degrees again)
    later = (PICKS_SUGGESTION.match(t) for t in SENTENCE_BREAK.split(message.strip())[1:])
    m = PICKS_SUGGESTION.match(message) or next((x for x in later if x and x.group("named")), None)
    if m is None or not shows_suggestions(last) or (has_items(last) and not m.group("named")):
        return None
    return place_index(m.group(1).lower())


# "yes, the web resources one", "ok show me the career outlook one then", "the degree question you suggested, yes that
# one": a suggestion picked by a few of its words (a twenty-ninth probe's were hedged, or got the answer before again).
# English words.
PICKS_BY_NAME = re.compile(r"^\W*(?:(?:ok(?:ay)?|sure|alright|cool|k|yes|yeah|yep|hmm+|um+|and|so|great|nice|perfect|"
                           r"thanks|thx|anyway|got it)\W+)*"
                           r"(?:(?:let'?s (?:do|go with|try)|i'?ll (?:take|go with)|take|pick|go with|show me|"
                           r"tell me(?: about)?|give me|what about|how about)\s+)?"
                           r"(?:the\s+(?P<name>(?:[\w'’+-]+\s+){0,4}?[\w'’+-]+)\s+(?:one|question)|"
                           # "ok tell me that one about career outlook" (a thirty-first probe got the pay table again)
                           r"(?:that|the)\s+(?:one|question)\s+(?:about|on)\s+(?P<about>(?:[\w'’+-]+\s+){0,4}?[\w'’+-]+))"
                           r"(?P<named>\s+(?:you|u)\s+(?:suggested|offered|mentioned|keep suggesting))?"
                           r"(?:\W+(?:then|pls|please|plz|(?:yes|yeah)\W+that one|that one))*\W*$", re.I)


def picks_by_name(message: str, history: Sequence[Turn]) -> str | None:
    """The words a message picks a suggested question by ("web resources" of "yes, the web resources one"), when the
    last answer suggested one or offered some and has no list of its own (unless they say it was suggested, or the
    words are the suggestion's and no item's)."""
    last = last_answer(history)
    if (m := PICKS_BY_NAME.match(message)) is None or not shows_suggestions(last) \
            or PICKS_SUGGESTION.match(message):
        return None
    name: str = m.group("name") or m.group("about")
    if has_items(last) and not m.group("named"):
        # "yeah the skills one" after a list of concepts that suggested “What Skills Will I Learn...?” (a thirtieth
        # probe got the list's sentences again): an item is named by its own words.
        want = set(tokenize(name))
        if not want or not want <= set(tokenize(suggested_in(last) or "")) \
                or any(want & set(tokenize(item)) for item in item_lines(last)):
            return None
    return name


# "tell me about the work life balance one you mentioned earlier, thats the main reason..." (a thirtieth probe was
# told "I didn't mention earlier earlier"): a question suggested in some answer before, named by its words and said to
# be one, whatever else the message says. English words.
RECALLS_SUGGESTION = re.compile(r"\bthe\s+(?P<name>(?:[\w'’+-]+\s+){0,4}?[\w'’+-]+)\s+(?:one|question)\s+"
                                r"(?:you|u)\s+(?:suggested|offered|mentioned|brought up)\b", re.I)


def recalls_suggestion(message: str) -> str | None:
    """The words a message names a question suggested earlier by ("work life balance"), or None."""
    return m.group("name") if (m := RECALLS_SUGGESTION.search(message)) else None


# Words asking where something said came from (English).
_SOURCE_WORDS = r"sources?|citations?|references?|links?|proof|evidence"
# Asking where the answer before came from ("source?", "any proof?"): about that answer, never a topic of its own.
ASKS_SOURCE = re.compile(rf"\b({_SOURCE_WORDS}|cite)\b", re.I)
# A message that only asks that ("source?", "whats your source for that", "where did you get that from", "says
# who?"): its citations, listed, not a search for the word (a nineteenth probe's "source?" got a list of learning
# resources, and "SQL ... to source and manage data").
ASKS_WHERE_FROM = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|and|so|but|hmm+|wait|pls|please|can (?:you|u|i)|could (?:you|u)|give me|show me|send(?: me)?|"
    r"get|see|have|what(?:['’]?s| is| are| were)|whats|where(?:['’]?s| is| are)?|wheres|which|is there|are there|"
    r"got|any|the|your|ur|yr|ya|a|an|me|one|do you have|you have|u have|"
    # "whats your other source" (a thirtieth probe got the same claim again)
    r"other|another|different|second|independent|more)\W+)*"
    rf"(?:{_SOURCE_WORDS}|refs?|cite (?:it|that|this|them))"
    r"(?:\W+(?:for|of|on|to|behind|pls|please|plz|then)(?:\W+(?:that|this|it|those|these|them|the (?:last|above)"
    r"(?: answer| one| reply)?))?)*\W*$"
    r"|^\W*(?:(?:ok(?:ay)?|and|so|but|hmm+|wait)\W+)*(?:where (?:did|do|does) (?:you|u|that|this|it) (?:get|got|find|"
    r"come|read)(?: (?:that|this|it|those|these))?(?: from)?|says who|according to (?:who|whom|what))\W*$", re.I)
SOURCES_LEAD = "What I quoted above comes from:"
NOTHING_QUOTED = ("Nothing I said above quotes my guides, so there is no source to show. Every answer that quotes "
                  "them cites where it comes from.")


def asks_source(message: str) -> bool:
    """The message only asks where the answer before came from, maybe after a remark on it ("365 data science is a
    course seller, of course they say that. whats your other source")."""
    last = SENTENCE_BREAK.split(message.strip())[-1]
    # After a remark, only when it points at what was said ("your", "that", "other"): "I want to learn ML. any
    # sources?" asks for learning resources.
    return ASKS_WHERE_FROM.match(message.strip()) is not None \
        or (last != message.strip() and "?" not in message[:message.rindex(last)]
            and ASKS_WHERE_FROM.match(last) is not None and SAID_SOURCE.search(last) is not None)


SAID_SOURCE = re.compile(r"\b(?:your|ur|yr|that|this|other|another|says who|where did)\b", re.I)


# Asking for a source besides the one given (English).
OTHER_SOURCE = re.compile(rf"\b(?:other|another|different|second|independent|more)\W+(?:{_SOURCE_WORDS}|refs?)\b",
                          re.I)
NO_OTHER_SOURCE = "These are all the sources I have for it: my guides give no other."


def asks_other_source(message: str) -> bool:
    """The message asks for a source besides the one given ("any other source?")."""
    return asks_source(message) and OTHER_SOURCE.search(message) is not None


def asks_shorter(message: str) -> int:
    """How many sentences the message asks the answer before in (SHORT_SENTENCES when it names none), or 0."""
    m = SHORTER.match(message)
    if m is None:
        return 0
    n = (m.group("n") or m.group("m") or "").lower()
    return int(n) if n.isdigit() else _COUNTS.get(n, SHORT_SENTENCES)


def names_count(message: str) -> bool:
    """Does a request for a shorter answer say how many sentences ("in 2 sentences"), not just "shorter pls"?"""
    m = SHORTER.match(message)
    return m is not None and bool(m.group("n") or m.group("m"))


# The reply to a question in another language (lexical.other_language): the guides and every rule are English.
NOT_ENGLISH = ("I can only read questions in English for now, so I can't answer this one from my guides. "
               "Please ask it in English and I will.")


# A thank-you on its own ("thanks, that was helpful :)"): nothing to look up either (an outsider's probe got
# "My guides don't cover helpful and thanks."). English words of thanks and praise, nothing else in the message.
# A goodbye closes as a thank-you does ("k thanks bye" was declined as a topic: “thanks bye”).
# "wish me luck lol", "fingers crossed": a sign-off before the interview or the move, wished luck back (the twelfth
# probe's "wish me luck lol" was declined as a topic: “luck” or “wish”).
LUCK_WORDS = frozenset("luck crossed".split())  # noqa: SIM905
# Signing off without thanks ("lol ok bye"): not "Glad it helped!" (a twenty-first probe's came after three declines).
# "ok. night x", "ta ra" (a thirtieth probe got a decline repeated, and the outlook): good night, the British "ta ra".
FAREWELL_WORDS = frozenset("bye byee goodbye cya night nite goodnight tara "  # noqa: SIM905
                           # ...and the commonest in other languages ("grazie mille, ciao", "auf wiedersehen!": a
                           # thirty-first probe got the pay table, and a decline of “auf wiedersehen”)
                           "ciao adios wiedersehen arrivederci sayonara revoir "
                           # "Obrigado! Tchau tchau" (a thirty-second probe was told it reads only English)
                           "tchau "
                           # "danke, that was at least honest. tschüss" (a thirty-third probe: declined as “tschuss”)
                           "tschuss tschus".split())
# How they feel now, said with thanks ("ok thank you, i feel a bit better": a twenty-first probe got the job's worst
# aspects). English words.
FEELING = frozenset("i feel feeling bit little better much calmer relieved less more confident now already".split())  # noqa: SIM905
GRATITUDE = frozenset("thanks thank thx ty cheers appreciate appreciated "  # noqa: SIM905
                      # ...and the commonest in other languages ("valeu!" got the salary table in a twenty-first probe)
                      "gracias merci danke obrigado obrigada valeu grazie asante shukran dhanyavad dhanyavaad".split())
THANKS_WORDS = LUCK_WORDS | FAREWELL_WORDS | GRATITUDE | frozenset({
    "helpful",
    "bless",  # "thank you so much, god bless" (a twenty-sixth probe: declined)
})
THANKS_FILL = INTERJECTIONS | frozenset("you so much a lot that was is very great useful awesome perfect cool for the "  # noqa: SIM905
                                        "help this really it nice thats reassuring helps helped makes sense got clear "
                                        "see ya later for now wish me good fingers fine "
                                        "guess suppose god very anyway anyways alright aight "
                                        # "ok thx ur actually helpful", "cheers love", "fine. bye robot", "night x"
                                        # (a thirtieth probe: declined as “thx ur”, searched as “bye”)
                                        "ur actually genuinely honestly truly love luv hun robot bot x xx xo "
                                        # "ok thx ur pretty helpful for a bot" (a thirty-fourth probe: declined)
                                        "pretty quite "
                                        # "gracias, muy util" (a twenty-sixth probe was told it reads only English)
                                        "muy util útil utile beaucoup vielen dank muito".split()) | ADDRESS | FEELING


# "cool", "got it", "ok makes sense": an acknowledgement alone, no question, answered as a thank-you (a probe got the
# maths list again for "cool"). English words; "ok" alone acknowledges nothing (it may answer a question back).
ACKNOWLEDGES = frozenset("cool nice great good awesome perfect sense got interesting alright gotcha see noted fair"  # noqa: SIM905
                         # radio talk: "Copy all. Out." (a thirty-second probe was told the guides don't cover “Copy”)
                         " copy roger understood"
                         # "Right. Thanks, I think I have what I need." (a thirty-fourth probe got a skills list)
                         " right".split())
ACK_FILL = INTERJECTIONS | frozenset("it makes i to know hear enough very all that".split())  # noqa: SIM905


# "sounds hard", "that seems like a lot", "hmm ok": a reaction to what was said, nothing asked (English; an outsider's
# probe got a guide quote for each: "The media bombards us with articles..." for "hmm ok").
REACTION = re.compile(r"^(?:(?:that|this|it)(?:['’]?s|\s+is|\s+sounds|\s+seems|\s+looks|\s+feels)|sounds|seems|looks|"
                      r"feels)\b", re.I)
REACTION_FILL = INTERJECTIONS | frozenset("well damn honestly whatever meh".split())  # noqa: SIM905
REACTION_WORDS = 8  # longer than this, a remark says something of its own
GRUDGING = frozenset("whatever guess suppose anyway anyways".split())  # noqa: SIM905  # thanks said without meaning it helped
# "fine" said alone or grudgingly ("meh. fine": a twenty-fifth probe got "My guides don't cover “meh”").
OKAY = frozenset("ok okay k kk okey oki fine".split())  # noqa: SIM905


# How they feel, said of themselves and nothing asked ("im so tired honestly. some days i think im too dumb for this":
# a twenty-second probe got "My guides don't say anything about “tired”" and how long a degree takes). English.
FEELS = re.compile(r"^\W*(?:(?:honestly|tbh|ngl|ugh+|man|lol|and|but|just|sometimes)\W+)*"
                   r"(?:some days\s+|most days\s+|lately\s+)?(?:i\s+(?:think|feel like)\s+)?"
                   r"(?:i['’]?m|im|i am|i feel|feeling|i['’]?ve been feeling|i['’]?ve been|ive been)\s+"
                   r"(?:(?:so|really|kinda|kind of|a bit|a little|pretty|super|just|too|very|completely|totally|"
                   r"honestly|always|still)\s+)*"
                   r"(?:tired|stressed|overwhelmed|lost|anxious|scared|burnt out|burned out|dumb|stupid|confused|"
                   r"frustrated|exhausted|discouraged|worried|nervous|down|sad|hopeless|useless)\b"
                   r"[^?]*$", re.I)


# "feels like ill never catch up" (a twenty-fifth probe got "My guides don't give a figure for exactly this"). English.
FEELS_LIKE = re.compile(r"^\W*(?:(?:honestly|tbh|ngl|ugh+|man|lol|and|but|just|sometimes)\W+)*(?:it\s+)?feels\s+like\s+"
                        r"(?:i['’]?ll|ill|i will|i['’]?m|im|i am)\s+(?:never|not|too|so|always)\b[^?]*$", re.I)


def feels_only(message: str) -> bool:
    """Is the message only how they feel ("im so tired. some days i think im too dumb for this"), nothing asked?"""
    if "?" in message or WANTS.search(message):
        return False
    clauses = [c for c in re.split(r"[.!;]+\s*|\s*,\s*(?=(?:and\s+|but\s+)?(?:some days|i|im|i'm)\b)", message)
               if c.strip(" .!,;")]
    felt = [bool(FEELS.match(c) or FEELS_LIKE.match(c)) for c in clauses]
    # ...maybe with thanks ("thanks, i feel lost about it all"): heard as a feeling, not "Glad it helped!"; or with a
    # reaction ("ugh this is a lot. feels like ill never catch up").
    return any(felt) and all(f or _thanks_alone(c) or reacts(c) for f, c in zip(felt, clauses, strict=True))


def reacts(question: str) -> bool:
    """Is the message only a reaction ("sounds hard", "that seems like a lot tbh", "hmm ok"), nothing asked or
    wanted? "ok" alone is none: it may answer a question back."""
    said = re.findall(r"[a-z]+(?:['’][a-z]+)?", question.lower())
    if "?" in question or WANTS.search(question) or not said or len(said) > REACTION_WORDS or MISSED.match(question):
        return False
    rest = list(itertools.dropwhile(lambda w: w in REACTION_FILL, said))
    if not rest:
        return bool(set(said) - {"ok", "okay", "k"})
    return bool(REACTION.match(" ".join(rest)))


def okays(question: str) -> bool:
    """Is the message only "ok" ("ok", "okay lol", "hmm ok")? It acknowledges the answer before unless that asked
    something back (the caller knows)."""
    said = re.findall(r"[a-z]+", question.lower())
    return "?" not in question and bool(set(said) & OKAY) and set(said) <= REACTION_FILL | OKAY


# Ways of signing off that are phrases, read as "bye" ("alright im out, later", "thanks for the help, have a good one!":
# a twenty-ninth probe was told the guides don't say anything about “later”). Only as a clause's end, so "what should
# i learn later" keeps its "later" (and has more than sign-off words anyway). English.
SIGN_OFF = re.compile(r"\b(?:i['’]?m\s+out|im\s+out|i['’]?m\s+off|im\s+off|peace(?:\s+out)?|ttyl|take\s+care|"
                      r"see\s+(?:ya|you)(?:\s+(?:later|around))?|catch\s+you\s+later|later|ta[\s-]ra|"
                      # "Appreciate it. Out." (a thirtieth probe was told the guides say nothing of “Appreciate”)
                      r"(?:^|(?<=[.!,;])|(?<=[.!,;]\s))out|"
                      # "wow. ok. closing this tab", "off to bed now" (a thirty-second probe got the job outlook)
                      r"closing\s+(?:this|the)\s+(?:tab|window|chat|app)|"
                      r"(?:i['’]?m\s+|im\s+)?(?:off|going|heading)\s+to\s+(?:sleep|bed)(?:\s+now)?|"
                      r"have\s+a\s+(?:good|great|nice|lovely|pleasant|wonderful)\s+(?:one|day|night|evening|weekend))"
                      r"(?=\W*(?:$|[.,;!]))",
                      re.I)


def _as_bye(message: str) -> str:
    """The message with its sign-off phrases as "bye", in plain letters ("tschüss" is one word)."""
    return SIGN_OFF.sub("bye", plain_letters(message))


def says_bye(question: str) -> bool:
    """Is the message a sign-off ("lol ok bye", "cya", "alright im out, later"), maybe with thanks ("Thanks so much,
    you've been patient with me. Bye for now!", "I'll take that as a non-answer. Cheers.": a thirty-second probe was
    told "Glad it helped!", and no goodbye)?"""
    question = _as_bye(question)
    said = re.findall(r"[a-z]+", question.lower())
    return thanks(question) and bool(FAREWELL_WORDS & set(said) or said[-1:] == ["cheers"])


def thanks_said(question: str) -> bool:
    """Does the message thank, in words of thanks ("partially helpful" does not)?"""
    return bool(GRATITUDE & set(re.findall(r"[a-z]+", question.lower())))


def wishes_luck(question: str) -> bool:
    """Is the message a sign-off that asks to be wished luck ("wish me luck lol", "fingers crossed!")?"""
    return thanks(question) and bool(LUCK_WORDS & set(re.findall(r"[a-z]+", question.lower())))


# "thanks for being honest", "thank you for the help!": a thank-you for something, nothing asked (English).
THANKS_FOR = re.compile(r"^\W*(?:(?:ok(?:ay)?|well|wow)\W+)?(?:thanks|thank you|thx|ty)(?:\s+(?:so|very)\s+much)?"
                        r"\s+for\b[^?,.;!]{0,60}[.!\s]*$", re.I)  # one clause: not "thanks for that, what do..."


def _thanks_alone(question: str) -> bool:
    said = set(re.findall(r"[a-z]+", re.sub(r"['’]s\b", "", question.lower())))  # "that's helpful": that, helpful
    if said & ACKNOWLEDGES and said <= ACKNOWLEDGES | ACK_FILL and "?" not in question:
        return True
    if THANKS_FOR.match(question):
        return True
    return bool(said) and bool(THANKS_WORDS & said) and said <= THANKS_WORDS | THANKS_FILL


def thanks(question: str) -> bool:
    """Is the message only a thank-you ("thanks!", "thank you so much, that was helpful") or an acknowledgement
    ("cool", "got it"), maybe with a reaction or how they feel beside it ("thanks, this is a lot to take in": a
    twenty-third probe got tuition fees mid-conversation, and a decline of “thanks” as a first message)?"""
    question = _as_bye(question)
    return _thanks_alone(question) or _thanks_beside(question) or _ends_thanking(question)


def thanks_mixed(question: str) -> bool:
    """Is the message thanks with how it went down beside it ("thanks, this is a lot to take in", "whatever. thanks i
    guess")? Not answered "Glad it helped!"."""
    if not set(re.findall(r"[a-z]+", question.lower())).isdisjoint(GRUDGING):
        return thanks(question)
    return not _thanks_alone(question) and _thanks_beside(question) \
        and any((reacts(c) or APOLOGY.match(c) or UNCONVINCED.match(c)) and not _thanks_alone(c)
                for c in _clauses(question))


def _clauses(message: str) -> list[str]:
    return [c for c in re.split(r"[.,;!]+", message) if c.strip()]


def _thanks_beside(question: str) -> bool:
    # "I learned a lot about the path and I'll go look at those courses": each side of an "and" is judged alone (a
    # thirty-third probe's 30-word goodbye was searched).
    clauses = [part for c in _clauses(question) for part in re.split(r"\b(?:and|but)\b", c) if part.strip()]
    return len(clauses) > 1 and any(_thanks_alone(c) for c in clauses) \
        and all(_thanks_alone(c) or PRAISE.match(c) or APOLOGY.match(c) or WILL_DO.match(c) or okays(c) or reacts(c)
                or CALLED.match(c) or WAS_USEFUL.match(c) or WILL_BE_FINE.match(c) or LEAVING.match(c)
                or DONE_ASKING.match(c) or UNCONVINCED.match(c) for c in clauses)


# "fine. not convinced but thanks i guess": not won over, said beside thanks (a thirty-fourth probe was told the guides
# don't cover “convinced”). English words.
UNCONVINCED = re.compile(r"^\W*(?:(?:i['’]?m|im|i am)\s+)?(?:still\s+)?not\s+(?:(?:really|fully|totally)\s+)?"
                         r"(?:convinced|sold|persuaded)(?:\s+(?:tbh|honestly|yet|really))?\W*$", re.I)


# Signing off with thanks, whatever is said before ("ok thanks boss, God bless. later", "finally :) ok that's enough for
# today, grazie mille, ciao", "haha ok robot. thanks a lot, this helped, gotta run to class": a thirty-first probe got
# declines of “boss God” and the pay table): the last clause thanks or leaves, nothing in the message asks or wants
# anything, and it is no longer than a sign-off is. Not a word list of what may stand before it.
SIGN_OFF_WORDS = 25
BYE_WORDS = 3  # a goodbye in a few words ends it ("auf wiedersehen", "cheers and bye")


# "might stick with journalism tbh": what they may do, a modal with no one before or after it to ask of (a thirty-fourth
# probe's goodbye was told the guides say nothing about “journalism”). English words.
MAY_DO = re.compile(r"^\W*(?:i\s+)?(?:might|may|will|probably)\s+(?!(?:i|you|u|it|we|they|he|she|this|that|there|"
                    r"these|those|one|someone|anyone|a|an|the|my|ml)\b)[a-z]+\b[^?]{0,50}$", re.I)


def _ends_thanking(question: str) -> bool:
    """Does the message end on thanks or a goodbye, having thanked, with nothing asked or wanted in it?"""
    clauses = _clauses(question)
    said = re.findall(r"[a-z]+", question.lower())
    if "?" in question or not clauses or len(said) > SIGN_OFF_WORDS:
        return False
    last = clauses[-1]
    last_words = re.findall(r"[a-z]+", last.lower())
    ends = bool(LEAVING.match(last)) or _thanks_alone(last) \
        or (bool(FAREWELL_WORDS & set(last_words)) and len(last_words) <= BYE_WORDS)
    if not ends or not (THANKS_WORDS - FAREWELL_WORDS) & set(said):  # thanked: not "kiln prices, ciao"
        return False
    return not any((QUESTION_OPENER.match(c.strip()) and not MAY_DO.match(c))
                   or (WANTS.search(c) and not LEAVING.match(c)) for c in clauses)


# Said beside thanks, nothing asked (English; a twenty-fifth probe got the interview rounds for "ok. sorry for all the
# questions, thank you for being patient", a decline of “thank” as a first message, and the decline before again for
# "ok thank you, ill show him this"): an apology for asking, and what they will do with the answer.
APOLOGY = re.compile(r"^\W*(?:(?:ok(?:ay)?|and|also|so)\W+)*(?:(?:i['’]?m|im|i am)\s+)?(?:so\s+|really\s+)?sorry\s+"
                     r"(?:for|about|if)\b[^?]{0,50}$", re.I)
WILL_DO = re.compile(r"^\W*(?:(?:ok(?:ay)?|and|so)\W+)*"
                     r"(?:i['’]?ll|ill|i will|(?:i['’]?m |im )?(?:gonna|going to)|will)\s+"
                     r"(?:(?:[\w'’]+\s+){0,3}?(?:this|that|it|them|these|those|do)\b(?:\s+[\w'’]+){0,4}|"
                     # "ill talk to my nephew" (a twenty-ninth probe: declined as “nephew”)
                     # "gonna go talk to my manager" (a thirty-sixth probe: declined)
                     r"(?:go\s+(?:and\s+)?)?(?:talk|speak|check)\s+(?:to|with)\s+(?:my|our|the|him|her|them)\b"
                     r"(?:\s+[\w'’]+){0,3})\W*$",
                     re.I)
# "I think I've squeezed all I can out of you", "that's all for now": done asking, beside thanks (English).
DONE_ASKING = re.compile(r"^\W*(?:(?:ok(?:ay)?|lol|well|alright|so|cool|right|great)\W+)*(?:(?:i think|i guess)\s+)?"
                         r"(?:(?:i['’]?ve|i have|ive)\s+(?:got|gotten|squeezed|asked|learned|learnt|had)\s+"
                         r"(?:all|everything|enough)\b[^?]{0,40}|"
                         r"(?:that['’]?s|thats|that is)\s+(?:all|everything|it)"
                         r"(?:\s+(?:for now|i (?:had|needed|wanted)))?|"
                         r"no more questions(?:\s+for now)?|"
                         # "I think I have what I need", "thats what i wanted" (a thirty-fourth probe got a skills
                         # list, and "My guides don't say anything about “thanks”")
                         r"(?:i\s+)?(?:have|got|['’]ve got)\s+what i\s+(?:need|needed|wanted|came for)|"
                         r"(?:that['’]?s|thats|that is|this is)\s+(?:exactly\s+)?what i\s+"
                         r"(?:need|needed|wanted|was looking for|came for)(?:\s+to know)?|"
                         # "I learned a lot about the path"
                         r"(?:i\s+)?(?:(?:have|['’]ve)\s+)?(?:learned|learnt)\s+(?:a lot|a ton|so much|loads)\b"
                         r"[^?]{0,40})"
                         r"\W*$", re.I)


# "Thank you for your patience, young machine": what they call the advisor, a clause of its own beside thanks (a
# twenty-sixth probe was told the guides don't cover “patience young”). English words.
CALLED = re.compile(r"^\W*(?:my\s+)?(?:(?:young|dear|good|old|kind|wise|little|clever|smart)\s+)*"
                    r"(?:machine|robot|bot|friend|computer|sir|madam)\W*$", re.I)


# "thanks anyway, the interview stuff was useful", "ok thanks, that's reassuring. he'll be fine i think :)": what
# helped, and how they see it now, beside thanks (a twenty-seventh probe got a skills list, and tuition fees). English.
WAS_USEFUL = re.compile(r"^\W*(?:(?:ok(?:ay)?|well|wow)\W+)?(?:the|that|this|your|those|these)\s+(?:[\w'’]+\s+){0,3}"
                        r"(?:was|is|were|are|has been|have been)\s+(?:(?:really|very|so|super|pretty|quite)\s+)*"
                        r"(?:useful|helpful|great|good|interesting|clear|reassuring)\W*$|"
                        # "this actually helped a lot"
                        r"^\W*(?:this|that|it|you|your answers?)\s+(?:(?:really|actually|truly|genuinely|so)\s+)?"
                        r"help(?:ed|s)\b(?:\s+(?:me\s+)?(?:a lot|a ton|so much|loads|heaps))?\W*$|"
                        # "this gave me something to talk to him about" (a twenty-ninth probe got the pay table)
                        # "thats given me plenty to think about" (a thirtieth probe got "In short: ...")
                        r"^\W*(?:this|that|it|you)(?:['’]?s|\s+has|\s+have|['’]ve)?\s+(?:(?:really|actually)\s+)?"
                        r"(?:gave|gives|give|given)\s+me\s+"
                        # ...or "to share at our career night" (a thirty-sixth probe's counsellor got a decline)
                        r"(?:something|a lot|lots|plenty|some things|a few things|much)\s+to\s+"
                        r"(?:think|talk|chew|go|share|show|bring|pass on|use|work)\b"
                        r"[^?]{0,40}$", re.I)
# "thank you, this actually helped a lot. gotta go pick up my kids" (a twenty-eighth probe was told the guides don't
# cover “kids” or “pick”): leaving, said beside thanks. English.
LEAVING = re.compile(r"^\W*(?:(?:ok(?:ay)?|well|anyway|but|and)\W+)?(?:i\s+)?(?:gotta|got to|have to|need to|must)\s+"
                     r"(?:go|run|head out|leave|log off|sign off)\b[^?]{0,60}$", re.I)
WILL_BE_FINE = re.compile(r"^\W*(?:i think\s+)?(?:he|she|they|i|we|it)(?:['’]ll|\s+will)\s+be\s+(?:fine|ok(?:ay)?|"
                          r"alright|all right|good)(?:\s+i think)?\W*$", re.I)


# "Thank you, you have been very patient with me": praise of the advisor beside thanks (a twenty-fourth probe got a
# list of programming languages). English words.
PRAISE = re.compile(r"^\W*(?:you(?:['’]ve| have)? been|you['’]re|you are|ur)\s+(?:(?:so|very|really|super|such)\s+)?"
                    r"(?:patient|helpful|kind|great|amazing|nice|lovely|a (?:big |great |huge )?help)"
                    r"(?:\s+with me)?\W*$", re.I)


# Asking whether what they just told changes the answer (English): "so does that change your answer?".
RECONSIDERS = re.compile(r"^\W*(?:(?:so|and|ok|okay|well|then|hmm+)\W+)*(?:does|would|will|did|do(?:es)?n['’]?t)\s+"
                         r"(?:that|this|it|any of that)\s+change\s+"
                         r"(?:your|ur|the|my|anything|things|much|what you said)(?:\s+(?:answer|advice|reply|take))?"
                         r"(?:\s+(?:then|at all|now))?\W*$", re.I)


def reconsiders(message: str) -> bool:
    """The message asks whether what they told changes the answer before ("does that change your answer?")."""
    return RECONSIDERS.match(message) is not None


# Saying that what follows is about them (English): "oh i should mention", "forgot to say", "btw".
MENTIONS = re.compile(r"^\W*(?:(?:oh|also|and|ok|okay|actually|wait)\W+)*(?:i\s+(?:should|shoulda|should've|"
                      r"should have)\s+(?:mention(?:ed)?|said|say|add(?:ed)?)|(?:i\s+)?forgot\s+to\s+(?:mention|say|"
                      r"add)|btw|fyi|by the way)\W*(?:that\s+)?", re.I)


def introduces_only(question: str) -> bool:
    """Is the message only about who they are ("i'm 19 and in my first year of computer science in india"), with
    nothing asked or wanted? Every clause must say "I'm ..." or the like: "im 34, too late for ml" asks, without a
    question mark."""
    question = MENTIONS.sub("", question)  # "oh i should mention i already have a bachelors in biology"
    if "?" in question or WANTS.search(question):
        return False
    clauses = [c.strip() for c in CLAUSE.split(question.strip()) if c.strip(" .!-")]
    about = [bool(ABOUT_ME.match(c)) for c in clauses]
    return bool(clauses) and about[0] and all(was or GOES_ON.match(c) or BARE_FACT.match(c) or _bare_job(c)
                                              for was, c in zip(about, clauses, strict=True)) \
        and not all(GREETING_ONLY.fullmatch(c) for c in clauses)


# Only that they are weak at something ("i'm bad at math and it scares me"): the worry is what they bring, so it is
# answered as the question of how much of it the work needs, said to be read that way (a nineteenth probe got
# "Thanks, I'll keep that in mind" and the question before asked again, with tuition fees). English words.
WEAK_FRAME = "You said {area} is not your strength. What my guides say about how much of it you need:"
WEAK_ASKED = "How much {area} do I need?"


# What may follow the area they name, so it is the whole of it ("math and it scares me", not "public speaking").
AREA_ENDS = r"\s*(?:$|[,.!;)]|(?:and|but|so|tho|though|tbh|lol|haha|too|honestly|at all)\b)"


def weak_only(message: str) -> str | None:
    """The area a message only says they are weak at, or None (it asks something, or names no such area)."""
    if not introduces_only(message):
        return None
    return next((area for area, after in weak_areas(message) if re.match(AREA_ENDS, after)), None)


# "how much do i actually need", asked of nothing, or whether the weakness is a problem: of the weakness said with it
# (English).
BARE_NEED = re.compile(r"(?:^|[.?!,;]\s*)(?:(?:so|ok(?:ay)?|but)\s+)?"
                       r"(?:how much (?:of it |of that )?(?:do|would|will) i "
                       r"(?:actually |really |even |honestly )?need(?: to know)?|"
                       # "i hate math. how bad is it", "...is that a dealbreaker?" (a twenty-second probe's was hedged)
                       r"how bad is (?:it|that)|is (?:that|it|this) (?:a )?(?:deal ?breaker|problem|big deal)|"
                       r"(?:will|would) (?:that|it|this) (?:hold me back|be a problem))\W*$", re.I)


def weak_asked(message: str) -> str | None:
    """The area a message says they are weak at when what it asks is only how much they need ("the maths part scares
    me. how much do i actually need": a twenty-second probe got tuition fees), or None."""
    if not BARE_NEED.search(message):
        return None
    return next(iter(weak_at(message)), None)


# "accountant in the uk", "work as a nurse in lagos": a job and where it is done (the place is checked by the caller).
JOB_IN = re.compile(r"^\W*(?:(?:i'?m|im|i am)\s+|(?:i\s+)?work(?:ing)?\s+as\s+)?(?:an?\s+)?([a-z][a-z -]{1,40}?)"
                    r"\s+in\s+(?:the\s+)?(.{2,40}?)\W*$", re.I)


def works_in(text: str) -> list[str]:
    """Where the person says their job is ("hi, im 34, accountant in the uk" -> ["uk"]): each clause that is a job
    title followed by "in" and what may be a place, in a clause that asks nothing."""
    out = []
    for clause in CLAUSE.split(text):
        m = JOB_IN.match(clause.strip())
        if m and "?" not in clause and not WANTS.search(clause) and _bare_job(m.group(1)):
            out.append(m.group(2))
    return out


def _bare_job(clause: str) -> bool:
    """The clause is a job title and nothing else ("accountant", "a high school teacher")."""
    ws = words(re.sub(r"^\W*(?:an?|the)\s+", "", clause.strip(" .!-"), flags=re.I))
    return 0 < len(ws) <= 4 and any(i == len(ws) - 1 and len(role) == len(ws) for i, role in roles_in(ws))


# "i hate math honestly": a feeling about something, said after an answer, is about the person; said alone it is a
# worry, answered as a question (English).
DISLIKES = re.compile(r"^\W*(?:(?:and|also|so|but|tbh|honestly)\W+)?i\s+(?:really\s+|honestly\s+|kinda\s+)?"
                      r"(?:hate|dislike|can'?t stand)\b", re.I)


def dislikes_only(question: str) -> bool:
    """Is the message only a dislike ("i hate math honestly"), nothing asked or wanted?"""
    return bool(DISLIKES.match(question)) and "?" not in question and not WANTS.search(question)


def greets(question: str) -> bool:
    """Is the message only a greeting or a plea for help ("hi", "help", "what can you do?")?"""
    return bool(GREETING_ONLY.fullmatch(question))


# A message about the advisor itself (English): "are you a bot?", "but you literally are an AI lol", "who made you".
ABOUT_ADVISOR = re.compile(r"^\W*(?:(?:but|so|wait|hmm+|lol|ok(?:ay)?|and|haha)\W+)*(?:"
                           # "u a bot?" with the verb dropped (a thirty-first probe: "don't say anything about “bot”")
                           r"(?:(?:are|r)\s+(?:you|u)\s+(?:(?:a|an|even|really|actually)\s+)*|(?:you|u)\s+(?:a|an)\s+)"
                           r"(?:bot|robot|ai(?!\s+\w*(?:engineer|scien|research|develop))|"
                           r"human|real|person|chat\s?bot|chatgpt|gpt|machine(?!\s+learning)|program)\b|"
                           r"(?:you['’]?re|youre|ur|(?:you|u)(?:\s+(?:literally|really|just|actually))?\s+(?:are|r))\s+"
                           r"(?:(?:literally|just|also|only|actually|a|an)\s+)*"
                           r"(?:bot|robot|ai(?!\s+\w*(?:engineer|scien|research|develop))|machine(?!\s+learning)|program|"
                           r"chat\s?bot)\b|"
                           r"who\s+(?:made|built|created|programmed|wrote)\s+(?:you|u)\b|what\s+are\s+(?:you|u)\W*$)"
                           r"[^?.!]{0,20}[?.!\s]*(?:lol|haha)?\W*$", re.I)


def about_advisor(message: str) -> bool:
    """The message is about the advisor itself, not a question for the guides (maybe after thanks)."""
    return ABOUT_ADVISOR.match(message) is not None or thanks_first(message)


# Where a question about the advisor may start after thanks said first.
_ASKS_ITSELF_AT = re.compile(r"\b(?=(?:are|r|you|u|youre|ur|who|what)\b)", re.I)


def thanks_first(message: str) -> bool:
    """Is the message thanks, then a question about the advisor ("thank you very much habibi 🙏 you are a robot yes?":
    a twenty-sixth probe got the web-resources list)?"""
    return any(m.start() > 0 and _thanks_alone(message[:m.start()]) and ABOUT_ADVISOR.match(message[m.start():])
               is not None for m in _ASKS_ITSELF_AT.finditer(message))


# Asking what the guides are, or who wrote them (English): "what are your sources?", "which guides do you use?", "Those
# are guides written by people selling courses probably. Who wrote them?" (a thirty-fourth probe got a quote on
# disruptive technologies; "what are your sources?" was asked to give the whole question).
_THE_GUIDES = r"(?:(?:your|the|these|those|ur)\s+)?(?:sources|guides|articles|references|docs|documents|materials)"
ASKS_GUIDES = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|and|but|wait|hmm+|lol|then)\W+)*(?:"
                         rf"(?:what|which)\s+(?:are\s+)?{_THE_GUIDES}(?:\s+(?:do|did)\s+(?:you|u)\s+(?:use|quote|cite|"
                         r"have|read))?|"
                         rf"(?:what|which)\s+{_THE_GUIDES}\s+(?:are\s+(?:these|those|they|you using)|do\s+(?:you|u)\s+"
                         r"(?:use|quote|cite|have))|"
                         rf"(?:list|show me|name)\s+{_THE_GUIDES}|"
                         r"where\s+(?:does|do)\s+(?:your|ur|this|the|these)\s+(?:info|information|answers?|facts|data)\s+"
                         r"come\s+from|where\s+do\s+(?:you|u)\s+get\s+(?:your|ur|this|the)\s+(?:info|information|data|facts)|"
                         r"who\s+(?:wrote|writes|authored|published|made)\s+(?:them|these|those|"
                         rf"{_THE_GUIDES}))\W*$", re.I)


# Asking whether the guides cover a thing (English): "do your guides cover AI ethics at all?", "yes or no: is AI ethics
# in your guides?" (a thirty-sixth probe got AI hype twice, and never a no): the thing, asked on its own.
_GUIDES = r"(?:(?:your|the|ur|these|those)\s+)?(?:guides|sources|articles|docs|documents)"
COVERS_ASKED = re.compile(r"^\W*(?:(?:so|ok(?:ay)?|and|but|well|yes or no)\W+)*(?:"
                          rf"(?:do|does|did|would)\s+{_GUIDES}\s+(?:cover|mention|discuss|include|talk about|"
                          r"say (?:anything|something) (?:about|on)|have (?:anything|something) (?:about|on))\s+"
                          r"(?P<a>[^?.!]{2,60}?)|"
                          r"(?:is|are)\s+(?:there\s+(?:anything|something)\s+(?:about|on)\s+)?(?P<b>[^?.!]{2,60}?)\s+"
                          rf"(?:in|covered (?:in|by)|mentioned (?:in|by))\s+{_GUIDES})(?:\s+at all)?\W*$", re.I)
WHAT_ABOUT = re.compile(r"^\W*(?:what|how) about\s+", re.I)  # "what about skills?" (English)


def covered_asked(message: str) -> str | None:
    """What a message asks the guides cover, as a question of its own ("AI ethics?"), or None. A thing it points at
    ("do your guides cover those at all?") is the one the message names before ("What about AI ethics roles?")."""
    sentences = [t for t in SENTENCE_BREAK.split(message.strip()) if t.strip()]
    m = COVERS_ASKED.match(sentences[-1]) if sentences else None
    if m is None:
        return None
    thing = (m.group("a") or m.group("b") or "").strip()
    if POINTS_BACK.fullmatch(thing):  # ...as a question of its own, not "what about" the thread's topic
        before = WHAT_ABOUT.sub("", unjoined(" ".join(sentences[:-1]).strip()))
        return before if before and "?" in before else None
    return f"{thing}?"


def asks_about_guides(message: str) -> bool:
    """Does the message (its last sentence; nothing else in it asks) ask what the guides are or who wrote them?"""
    sentences = [t for t in SENTENCE_BREAK.split(message.strip()) if t.strip()]
    return bool(sentences) and ASKS_GUIDES.match(sentences[-1]) is not None \
        and not any("?" in t for t in sentences[:-1])


def welcome(coverage: str, examples: tuple[str, ...], thanked: bool = False, introduced: bool = False,
            again: bool = False, reacted: bool = False, lucky: bool = False, itself: bool = False,
            bye: bool = False, felt: bool = False, okayed: bool = False, mixed: bool = False) -> Answer:
    """What the advisor answers and a few questions to start with: the reply to "hi" or "help" (or "thanks", a
    reaction, a message that only says who they are, or one about the advisor itself; again: one more such message,
    after the first was welcomed)."""
    if itself:  # "are you a bot?": what it is, plainly (after "thank you ... are you a robot?", welcomed first)
        text = ("You're welcome! " if thanked else "") + (
            "I'm a program, not a person, and I have no opinions of my own: I quote my guides, with a source for "
            f"every sentence. They are about {coverage}.")
    elif lucky:
        text = f"Good luck! Ask me anything else about {coverage} whenever you like."
    elif bye:  # no help presumed: it may come after nothing but declines
        text = ("You're welcome! " if thanked else "") + \
            f"Bye! Come back whenever you have a question about {coverage}."
    elif thanked and mixed:  # "whatever. thanks i guess", "thanks, this is a lot to take in": no help presumed
        text = f"You're welcome. Take your time, and ask me anything else about {coverage}."
    elif thanked:
        text = f"Glad it helped! Ask me anything else about {coverage}."
    elif felt:  # "im so tired, some days i think im too dumb for this": no quote, no claim of its own
        text = ("I'm sorry it feels that way. I can only quote my guides, but if it helps, ask me where to start, or "
                "anything else you'd like to know.")
    elif okayed:  # "ok": nothing to hear out
        text = f"OK. What would you like to know next about {coverage}?"
    elif reacted:  # "sounds hard": heard, not answered with a quote nobody asked for
        text = f"I hear you. What would you like to know next about {coverage}?"
    elif introduced and again:  # the welcome above said it all: not the same paragraph twice
        text = f"Noted, thanks. What would you like to know about {coverage}?"
    elif introduced:  # what they said is read again with every question of this conversation (coach.stated_profile)
        text = (f"Thanks for telling me about yourself; I'll keep it in mind in this conversation. What would you "
                f"like to know about {coverage}?")
    else:
        text = (f"Hi! I answer questions about {coverage}, quoting my guides with a source for every sentence, and "
                "I say so when they don't cover something.")
    examples = () if bye else examples  # a sign-off is not asked to go on
    if examples:
        text += f" {EXAMPLES_LEAD}" + "; ".join(f"“{q}”" for q in examples[:3])
    return Answer(text=text, refused=True, follow_ups=examples[:3], kind="welcome")


def strip_injection(question: str) -> str:
    """Remove sentences that try to instruct the advisor; what remains is the question, if any."""
    return " ".join(INJECTION.sub(" ", question).split())


def decline(coverage: str, closest: tuple[str, ...], topic: str = "", handoff_url: str | None = None,
            handoff_text: str = "") -> Answer:
    """The honest 'not covered' answer: what was asked, what the guides cover, the nearest questions they answer."""
    text = f"My guides don't cover {topic}." if topic else "My guides don't cover that."
    text += f" They are about {coverage}." + _closest_line(closest)
    if handoff_url:  # plain text: every renderer escapes answers, and the URL was validated as http(s)
        text += f"\n\nIf you'd like to {handoff_text}: {handoff_url}"
    return Answer(text=text, refused=True, follow_ups=closest[:3])
