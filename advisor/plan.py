"""A plan you can take away: the guides' step-by-step sections merged, deduplicated, ordered and cited.

Steps are found from each guide's structure (the subsections of a section whose heading names steps, a
roadmap or how to become something), so guides users add work the same way. No model is needed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape

import numpy as np
from langchain_core.embeddings import Embeddings

from advisor.answer_rules import ANAPHOR, META
from advisor.clean import LIST_ITEM, split_sentences, strip_markup
from advisor.embeddings import vectors
from advisor.lexical import asking_clause, tokenize
from advisor.retrieve import ORDINALS, place_index
from advisor.schema import Chunk, Citation, Passage, UserProfile

# A section whose subsections are the steps of a procedure (English wording of any guide, not ours).
PROCEDURE = re.compile(r"\b(steps?|roadmap|action plan|plan|how to (become|get|start|break)|path(way)?s?)\b", re.I)
STEP_PREFIX = re.compile(r"^\s*(step\s*\d+\s*[:.)\-–—]?\s*|\d{1,2}\s*[.):\-–—]\s*)", re.I)
# Asking for a plan rather than a fact.
PLAN_REQUEST = re.compile(
    r"\b(make|give|build|draw up|create|write|need|want|get|show)\b[^.?!]{0,30}\b(plan|roadmap|road map|path)\b|"
    # "give me a weekly study schedule" (an eighteenth probe got a paragraph on self-study); not "do i need a flexible
    # schedule"
    r"\b(make|give|build|draw up|create|write|set up)\b[^.?!]{0,30}\b(schedule|timetable)\b|"
    r"\b(lay|map|set) out\b|\broad ?map\b|\bstep[- ]by[- ]step\b|"
    # "plan my next 6 months", "can you help me plan out my year" (a fifteenth probe got the languages to learn)
    r"(?:^\W*|[.?!]\s+|\b(?:can|could|would) you (?:help me )?|\bhelp me )plan (?:out )?(?:my|a)\b|"
    r"\bwhat (are|r) (the|my) (next |concrete |actual |exact )?steps\b|\b(concrete|actual|exact) steps\b|"
    r"\bwhat steps (?:would|should|do|can|must) i\b|"  # "what steps would i take to become..." (a seventeenth probe)
    r"\b(plan|steps) (for|to) (me|become|get|the next|next)\b|"
    r"\bwhat (?:should i|(?:would|do) you (?:recommend|suggest|advise)(?: that)? i) do (?:first|next)\b|"
    r"\bwhat(?:['’]?s| is| are) my next steps?\b|"
    r"\bwhat (?:should|would|could) (?:my|a|the) (?:plan|roadmap) (?:look like|be)\b|"
    # ...also for the one they ask for ("asking for my husband - ... where should he start?": a thirtieth probe got a
    # lone list of languages)
    r"\bwhere (do|does|should|can) (i|he|she) (even )?(start|begin)\b|"
    r"\bhow (do|does|can|should) (i|he|she) (even )?(get started|start|begin)\b|"
    # "how do i become an ml engineer", "how to become one", anywhere in the message: the route, step by step (a
    # sixteenth probe got four loose sentences for it; "steps to become" got the plan). Not only at a sentence start:
    # who they are said first ("as a guy from X how do i become...") must not decide whether the plan is given.
    r"\bhow (?:(?:do|does|can|should|would|could) (?:i|one|someone|you|he|she)|to) (?:even |actually )?(?:go about )?"
    r"(?:become|becoming|break into|breaking into)\b|"
    r"\b(the )?order (i|to) (should )?(learn|study|do)\b|"
    # "ok say i go for it anyway. first step?" (a thirty-fifth probe got the portfolio step, "first step?" alone the
    # interview rounds): the first step of the route, asked with nothing else, is where the plan starts
    r"(?:^|[.?!]\s+)\W*(?:(?:ok|so|and|then|well)\s+)*(?:(?:what(?:['’]?s| is| are| would be)|whats)\s+)?"
    r"(?:the |my )?first steps?(?:\s+(?:then|tho|though))?\s*[?!.]*\s*$",
    re.I)
# Where a plan request wants to go: a plan is made only when the guides cover that destination.
# "i work in retail" / "my job as a cook" is where they are, not where they want to go.
DESTINATION = re.compile(r"\b(?:career (?:in|as)|become|becoming|get into|getting into|move (?:in)?to|switch (?:in)?to|"
                         r"transition (?:in)?to|(?<!\bi )(?<!\bcurrently )(?<!\bmy )(?:work (?:in|as)|job (?:in|as)))"
                         r"\s+(?:an?\s+)?([a-z][a-z /&-]{1,40}?)"
                         r"(?=[,.;!?]|\s+(?:but|and|in|within|by|with|without|from|at|while|if|when|after|before|"
                         r"because|since|so|though|even)\b|$)", re.I)
# A step that is about getting a degree, and a profile that says one is held.
DEGREE_STEP = re.compile(r"\b(educat\w*|degree|bachelor'?s?|universit\w*|college)\b", re.I)
HAS_DEGREE = re.compile(r"\b(degree|bachelor'?s?|master'?s?|bsc|b\.sc|msc|m\.sc|ba|ma|bs|ms|beng|meng|b\.eng|mba|"
                        r"phd|ph\.d|doctorate|graduated|graduate)\b", re.I)
NO_DEGREE = re.compile(r"\b(no|not|without|never|dropped out|none|don'?t|haven'?t|no\s+\w+\s+degree)\b", re.I)
# Asking how a thing works, in English: "step by step" then means the explanation's, not a career's.
# So does a task done to a thing ("how do i deploy a model ... step by step"), unless the verb is a move in a career
# ("become", "get into", "learn", "switch").
EXPLAIN = re.compile(r"\b(explain|describe|derive|walk me through|teach me|how (do|does) (\w+ ){1,2}work|"
                     r"how (?:do|can|should|would|to)\s+(?:i|you|we|one\s+)?\s*(?!(?:become|get|start|begin|switch|"
                     r"move|transition|break|land|go|prepare|learn|study|pivot|change|enter|make)\b)[a-z]+\s+"
                     r"(?:a|an|the|my|this|our|your)\b)", re.I)
MIN_STEPS = 3  # fewer subsections than this is not a step-by-step list
# "ok and after that what do i do", "whats next?", "then what": the step after the one the conversation is on, once
# a plan was given (English; the twelfth probe got "no more than I quoted above" after its plan's portfolio step).
NEXT_STEP = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|and|alright|cool|great|got it|right|k|thanks|thank you|thx|nice)\W+)*"
                       r"(?:(?:and\s+)?(?:after|once)\s+(?:that|this|i(?:['’]?ve|\s+have)?\s+(?:done|finished|built|got)"
                       r"\s+(?:that|this|it|them|one))|what(?:['’]?s|\s+is|\s+comes)?\s+(?:after\s+that|next)|"
                       r"(?:and\s+)?(?:the\s+)?next\s+step|(?:and\s+)?then\s+what|and\s+then|"
                       r"what\s+(?:do|should)\s+i\s+do\s+(?:next|after\s+that|then))"
                       r"(?:\W+(?:what\s+(?:do|should)\s+i\s+do(?:\s+next|\s+then)?|what(?:['’]?s)?\s+next|then))?"
                       r"(?:\s+after\s+(?:that|this))?\W*$", re.I)
# "ok whats the first thing i should do", "skip ahead, whats the last step": a step of the plan just given, by its
# place (English ordinals; "tell me more about step 2" asks what else the guides say, and is searched).
PLAN_PLACE = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|and|alright|cool|great|right|skip ahead|then)\W+)*"
                        r"what(?:['’]?s|\s+is|\s+would be)?\s+(?:the\s+|my\s+)?"
                        rf"(?P<nth>{'|'.join(ORDINALS)}|last|final)\s+(?:thing|step)\b", re.I)
# "which one first", "where do i start", "what should i do first": the first step, though no ordinal names it (a
# nineteenth probe's "which one first" after a plan got the interview step). English words.
FIRST_ASKED = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|and|alright|cool|great|right|then|but|hmm+)\W+)*"
                         r"(?:which(?: one| step| of (?:them|those|these|the steps))?\s+"
                         r"(?:comes\s+|(?:should|do) i (?:do|take|start with)\s+|to (?:do|take|start with)\s+)?first|"
                         r"where (?:do|should|would) i (?:start|begin)|what (?:do|should|would) i do first|what first)"
                         r"(?:\W+(?:then|pls|please|tho|though))?\W*$", re.I)
SHOWN_STEP = re.compile(r"^(\d{1,2})\.\s+([^:\n]{2,80}):", re.M)  # "5. Construct Your Machine Learning Portfolio: …"
PLAN_SHOWN = "_Your plan"  # how a plan given in chat opens (Plan.to_markdown(chat=True))
NEXT_SHOWN = "Next in your plan, step {n}:"  # how one step after another opens (core.Advisor._next_step)
STEP_SHOWN = "Step {n} of your plan:"  # how a step asked for by its place opens
# Either lead, in italics, opening a reply: read back to tell which step the conversation is on.
NEXT_SHOWN_AT = re.compile("^_(?:" + "|".join(re.escape(lead).replace(re.escape("{n}"), r"(\d{1,2})")
                                             for lead in (NEXT_SHOWN, STEP_SHOWN)) + ")_")


# A plan asked for a span of time ("plan my next 6 months", "a one year roadmap") or on a timetable ("a weekly study
# schedule"), in English.
TIMED = re.compile(r"\b(?:\d+|a|an|one|two|three|four|six|nine|twelve|eighteen)[\s-]*(?:months?|weeks?|years?|yrs?)\b|"
                   r"\bnext year\b|\b(?:schedule|timetable|daily|weekly|monthly)\b", re.I)
UNTIMED = "My guides give no timings for these steps, so this plan has none; here are their steps in order."
# "how to become machine learning engineer in kenya": a place the guides never speak of is said, not passed over (a
# twenty-first probe noticed Germany flagged and Kenya not).
PLACE_UNSAID = "My guides don't say anything about {place}; these are their steps in general."


def timed(question: str) -> bool:
    """The plan is asked for a span of time the guides' steps never give: in the part that asks, not in how long
    they have done what they do ("he's a backend dev (Java, 6 years) ... Where should he start?")."""
    return TIMED.search(asking_clause(question)) is not None


def wants_plan(question: str) -> bool:
    """True when the person asks for a plan, a roadmap or the steps (to somewhere: "explain backprop step by step"
    asks how a thing works, not for a route)."""
    return bool(PLAN_REQUEST.search(question)) and not (EXPLAIN.search(question) and not DESTINATION.search(question))


def asks_next_step(question: str) -> bool:
    """Does the message only ask what comes next ("ok and after that what do i do", "whats next?")?"""
    return bool(NEXT_STEP.match(question))


def asks_step_by_place(question: str) -> bool:
    """Does the message ask for a step of the plan by its place ("whats the last step", "which one first")?"""
    return bool(PLAN_PLACE.match(question) or FIRST_ASKED.match(question))


def step_by_place(question: str, steps: int) -> int | None:
    """The index of the step a question asks for by its place ("whats the first thing i should do": 0; "the last
    step": steps - 1), or None."""
    if FIRST_ASKED.match(question):
        return 0 if steps else None
    m = PLAN_PLACE.match(question)
    if m is None:
        return None
    at = place_index(m.group("nth").lower())
    at = steps - 1 if at < 0 else at  # "last", "final"
    return at if 0 <= at < steps else None


def shown_steps(text: str) -> list[str]:
    """The step titles of a plan given in chat, in order ([] for any other reply)."""
    opens = text.removeprefix(f"_{UNTIMED}_\n\n")  # said first when a span of time was asked for
    return [m.group(2).strip() for m in SHOWN_STEP.finditer(opens)] if opens.startswith(PLAN_SHOWN) else []


def step_in_focus(titles: Sequence[str], said: Sequence[str]) -> int | None:
    """The step the conversation is on: the one whose title shares a word with the latest message that names one
    ("the portfolio step sounds hard" names "Construct Your Machine Learning Portfolio"). A title's first word, in a
    title of more, says what to do ("Build", "Earn"), not what about; words of two titles or more ("machine",
    "learning") name none. A step given as the next one (NEXT_SHOWN) is the one the conversation is on after it.
    None when no message names exactly one."""
    terms = [set(tokenize(" ".join(t.split()[1:] or t.split()))) for t in titles]
    common = {w for w in set().union(*terms) if sum(w in t for t in terms) > 1}
    for message in reversed(said):
        if (shown := NEXT_SHOWN_AT.match(message)) is not None:
            n = int(next(g for g in shown.groups() if g))
            return n - 1 if n <= len(titles) else None
        words = set(tokenize(message))
        hits = [i for i, t in enumerate(terms) if (t - common) & words]
        if len(hits) == 1:
            return hits[0]
    return None


# A rung above the way in ("become a senior ML engineer", "a lead data scientist"): reached by working, not by the
# steps in, which start from nothing (English job levels).
RANKED = re.compile(r"\b(senior|sr|lead|principal|staff|head|chief|director|manager|vp|mid[- ]?level)\b", re.I)


def beyond_entry(destination: str) -> bool:
    """The destination is a level above the entry one: the plan's steps lead in, not up."""
    return RANKED.search(destination) is not None


def plan_destination(question: str) -> str:
    """Where a plan request wants to go ("a career in real estate", "become a nurse"), or '' when unsaid."""
    m = DESTINATION.search(question)
    return m.group(1).strip() if m else ""


def has_degree(profile: UserProfile) -> bool:
    """The profile's education names a degree held (and does not say there is none)."""
    text = profile.education
    return bool(text and HAS_DEGREE.search(text) and not NO_DEGREE.search(text))


@dataclass(frozen=True)
class PlanStep:
    """One step: a short title, the guide sentence that says what to do, and the passages behind it."""

    title: str
    text: str
    passages: tuple[Passage, ...]
    position: float = 0.0  # earliest relative place in the guides that list it (between 0 and 1)
    skipped: str = ""  # why the person can skip it ('' when they can't)
    more: tuple[str, ...] = ()  # what the other guides that list this step say, one sentence per passages[1:]

    def said(self) -> list[tuple[str, Passage]]:
        """Each guide's sentence with the passage it comes from."""
        return list(zip((self.text, *self.more), self.passages, strict=False))


@dataclass(frozen=True)
class Plan:
    """An ordered plan; citations number every passage its steps cite."""

    goal: str
    steps: tuple[PlanStep, ...]
    skipped: tuple[PlanStep, ...] = ()
    citations: tuple[Citation, ...] = field(default=())

    def alone(self, step: PlanStep) -> Plan:
        """A plan of this one step, its passages numbered from 1 (one step quoted in chat)."""
        seen: dict[str, Passage] = {}
        for p in step.passages:
            seen.setdefault(p.chunk_id, p)
        return Plan(goal=self.goal, steps=(step,),
                    citations=tuple(Citation(n, p) for n, p in enumerate(seen.values(), 1)))

    def _number(self, passage: Passage) -> int | None:
        """The citation number of a passage (None when the plan does not cite it)."""
        ids = [c.passage.chunk_id for c in self.citations]
        return ids.index(passage.chunk_id) + 1 if passage.chunk_id in ids else None

    def numbers(self, step: PlanStep) -> list[int]:
        """The citation numbers of a step's passages (none for a skipped step: it is not cited)."""
        return [n for p in step.passages if (n := self._number(p)) is not None]

    def marker_of(self, passage: Passage) -> str:
        """One passage's [n] marker ('' when the plan does not cite it)."""
        n = self._number(passage)
        return "" if n is None else f"[{n}]"

    def marker(self, step: PlanStep) -> str:
        """The [n] markers of a step's passages."""
        return "".join(f"[{n}]" for n in self.numbers(step))

    def cited_text(self, step: PlanStep) -> str:
        """The step's sentences, each followed by the marker of the guide passage it is quoted from."""
        return " ".join(f"{text} {self.marker_of(p)}".rstrip() for text, p in step.said())

    def to_markdown(self, chat: bool = False) -> str:
        """The plan as Markdown: numbered steps with their markers, then skipped steps and sources.

        chat: the form of a chat answer: the title and the skipped steps are the advisor's own lines (italic,
        like its other remarks), the sources are the answer's citations, so they are not listed.
        """
        title = f"Your plan: {self.goal}" if self.goal else "Your plan"
        lines = [f"_{title}_" if chat else f"# {title}", ""]
        for i, s in enumerate(self.steps, 1):
            # In a chat answer the renderer shows guide text literally (no emphasis): a plain title reads better.
            title = s.title if chat else f"**{s.title}**"
            lines.append(f"{i}. {title}: {self.cited_text(s)}")
        if self.skipped and chat:
            lines += ["", "_Skipped, from what you told me: "
                      + "; ".join(f"{s.title} ({s.skipped})" for s in self.skipped) + "._"]
        elif self.skipped:
            lines += ["", "Skipped, from what you told me:"]
            lines += [f"- {s.title}: {s.skipped}" for s in self.skipped]
        if not chat and self.citations:
            lines += ["", "## Sources", ""]
            for c in self.citations:
                p = c.passage
                lines.append(f"[{c.n}] {p.label} ({p.publisher})" + (f" {p.url}" if p.url else ""))
        return "\n".join(lines) + "\n"

    def to_html(self) -> str:
        """A printable page: every piece of guide text escaped, no script, no remote resource."""
        e = escape
        items = "".join(f"<li><strong>{e(s.title)}</strong>: {e(self.cited_text(s))}</li>" for s in self.steps)
        skipped = "".join(f"<li>{e(s.title)}: {e(s.skipped)}</li>" for s in self.skipped)
        sources = "".join(f"<li>[{c.n}] {e(c.passage.label)} ({e(c.passage.publisher)})"
                          f"{' ' + e(c.passage.url) if c.passage.url else ''}</li>" for c in self.citations)
        return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Your plan</title><style>"
                "body{font:16px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em}"
                "li{margin:.5em 0}@media print{body{margin:0}}</style></head><body>"
                f"<h1>Your plan{': ' + e(self.goal) if self.goal else ''}</h1><ol>{items}</ol>"
                + (f"<p>Skipped, from what you told me:</p><ul>{skipped}</ul>" if skipped else "")
                + f"<h2>Sources</h2><ul>{sources}</ul></body></html>")

    def to_dict(self) -> dict[str, object]:
        def step(s: PlanStep) -> dict[str, object]:
            return {"title": s.title, "text": s.text, "citations": self.numbers(s),
                    "skipped": s.skipped}
        return {"goal": self.goal, "steps": [step(s) for s in self.steps], "skipped": [step(s) for s in self.skipped],
                "citations": [c.to_dict() for c in self.citations], "markdown": self.to_markdown(),
                "text": self.to_markdown(chat=True)}


def step_sentence(chunks: Sequence[Chunk]) -> str:
    """The step's first sentence of prose that stands on its own: not one pointing elsewhere in its guide ("the
    languages listed above": a plan built from several guides has no "above") nor one leaning on a sentence before
    it ("This is the most important step."). One that introduces a list (ending in ":", or right before the list:
    "Here are the skills you should lock down.") gets the list's items after it."""
    lines = [ln.strip() for c in chunks for ln in strip_markup(c.text).split("\n")]
    for i, line in enumerate(lines):
        if not line or line.startswith("#") or LIST_ITEM.match(line):
            continue
        sentences = split_sentences(line)
        usable = [k for k, x in enumerate(sentences)
                  if len(x.split()) >= 4 and not META.search(x) and not ANAPHOR.match(x)]
        if not usable:
            continue
        k = usable[0]
        first = sentences[k]
        after = next((nxt for nxt in lines[i + 1:] if nxt), "")
        if first.endswith(":") or (k == len(sentences) - 1 and LIST_ITEM.match(after)):
            items = []
            for nxt in lines[i + 1:]:
                if LIST_ITEM.match(nxt):
                    items.append(LIST_ITEM.sub("", nxt).rstrip("."))
                elif nxt:
                    break
            if items:  # items with commas of their own ("Data processing, modeling, and evaluation") take ";"
                first = f"{first.rstrip('.:')}: {('; ' if any(',' in x for x in items) else ', ').join(items[:8])}."
        return first
    return ""


def guide_steps(chunks: Iterable[Chunk]) -> dict[str, list[PlanStep]]:
    """doc_id -> the steps of its longest step-by-step section, in the guide's order."""
    groups: dict[tuple[str, str], dict[str, list[Chunk]]] = defaultdict(dict)
    for c in sorted(chunks, key=lambda c: (c.doc_id, c.start)):
        parts = [p.strip() for p in c.section.split(" > ")]
        for depth in range(len(parts) - 1):
            if PROCEDURE.search(parts[depth]):
                groups[(c.doc_id, " > ".join(parts[:depth + 1]))].setdefault(parts[depth + 1], []).append(c)
                break
    best: dict[str, dict[str, list[Chunk]]] = {}
    for (doc, _), children in groups.items():
        if len(children) >= MIN_STEPS and len(children) > len(best.get(doc, {})):
            best[doc] = children
    out: dict[str, list[PlanStep]] = {}
    for doc, children in best.items():
        steps = []
        for i, (heading, cs) in enumerate(children.items()):
            text = step_sentence(cs)
            if text:
                title = STEP_PREFIX.sub("", heading).strip() or heading
                # The middle of the stretch the step covers: a guide's last of five ends its plan sooner than
                # another's last of nine ("Prepare for interviews" before "Apply for a position"), not at the same 1.0.
                steps.append(PlanStep(title, text, (cs[0].to_passage(),), (i + 0.5) / len(children)))
        out[doc] = steps
    return out


def merge_steps(per_guide: dict[str, list[PlanStep]], embeddings: Embeddings, same: float) -> list[PlanStep]:
    """One list across guides: steps whose title and sentence are close (cosine >= same) are one step."""
    flat = sorted((s for steps in per_guide.values() for s in steps), key=lambda s: s.position)
    if not flat:
        return []
    vecs = vectors(embeddings, [f"{s.title}. {s.text}" for s in flat])
    vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    sims = vecs @ vecs.T
    group = list(range(len(flat)))  # the group each step is in, named by one of its steps
    docs = {i: {s.passages[0].doc_id} for i, s in enumerate(flat)}  # the guides each group's steps come from
    # The closest pairs first: a step joins the one it is most like, not the first one close enough ("Gain
    # Practical Experience" with "Gain More Work Experience", not with "Earn a Certificate" listed just before).
    pairs = sorted(((float(sims[i, j]), i, j) for i in range(len(flat)) for j in range(i + 1, len(flat))),
                   reverse=True)
    for sim, i, j in pairs:
        if sim < same:
            break
        a, b = group[i], group[j]
        # Two steps of the same guide are never one step: the guide lists them apart.
        if a != b and not docs[a] & docs[b]:
            group = [a if g == b else g for g in group]
            docs[a] |= docs.pop(b)
    merged = []
    for name in dict.fromkeys(group):
        g = [k for k in range(len(flat)) if group[k] == name]  # in the order of their places
        head = flat[g[0]]
        merged.append(PlanStep(head.title, head.text, tuple(p for j in g for p in flat[j].passages),
                               # Where the first guide to list it puts it: what other guides set after it builds on it.
                               head.position, more=tuple(flat[j].text for j in g[1:])))
    return sorted(merged, key=lambda s: (s.position, -len(s.passages)))


def build_plan(chunks: Iterable[Chunk], embeddings: Embeddings, profile: UserProfile, goal: str,
               same: float = 0.6) -> Plan:
    """The plan for this profile: merged steps in order, those the profile already covers set aside."""
    steps = merge_steps(guide_steps(chunks), embeddings, same)
    keep: list[PlanStep] = []
    skipped: list[PlanStep] = []
    degree = has_degree(profile)
    for s in steps:
        if degree and DEGREE_STEP.search(f"{s.title} {s.text}"):
            skipped.append(PlanStep(s.title, s.text, s.passages, s.position, more=s.more, skipped=
                                    f"you said you have {profile.education.strip()}"))
        else:
            keep.append(s)
    seen: dict[str, Passage] = {}
    for s in keep:  # skipped steps are named, not cited: the plan does not ask anyone to do them
        for p in s.passages:
            seen.setdefault(p.chunk_id, p)
    citations = tuple(Citation(n, p) for n, p in enumerate(seen.values(), 1))
    return Plan(goal=goal, steps=tuple(keep), skipped=tuple(skipped), citations=citations)
