"""Messages that say the person may be in danger: answered with care and a pointer to help, never with guides."""

from __future__ import annotations

import re

# English ways of saying one may harm oneself. A careers site hears "this deadline is killing me" and "I'm dying
# to get into ML": those are not in here; what is here is said about oneself and one's life.
CRISIS = re.compile(
    r"\b(kill(ing)? myself|suicid\w*|end(ing)? (it all|my (own )?life)|take my (own )?life|"
    r"(don'?t|do not|dont) want to (live|be alive|exist|be here)( anymore)?|(want|wanna|going) to die\b|"
    r"self[- ]?harm\w*|(hurt|harm|cut)(ing)? myself|no reason to live|better off dead|can'?t go on|"
    # Hopelessness said of oneself is a warning sign too (an outsider's probe: "i'm starting to feel like i'm
    # worthless" got a stock decline); "is it hopeless to apply without a degree" is about the job hunt.
    # Up to eight words between, none starting a clause about something else ("i feel like my degree is...").
    r"(i'?m|im|i am|i feel|feeling)(?:(?! (?:is|are|was|were|be|my|the|this|that|it|its|they|these)\b) [\w']+){0,8} "
    r"(worthless|hopeless|a burden)|"
    r"what'?s the point (of|in) (living|life|anything|going on))\b", re.I)

CARE_TEXT = (
    "I'm really sorry you're feeling this way. I'm only a careers guide and can't help with this, but you don't "
    "have to face it alone: please reach out to someone now. If you might act on these thoughts, call your local "
    "emergency number. In the US you can call or text 988 (Suicide & Crisis Lifeline); elsewhere, "
    "findahelpline.com lists free, confidential lines in your country. Talking to someone you trust helps too. "
    "Whenever you want to, I'm here for career questions.")


def in_crisis(text: str) -> bool:
    """Does the message say the person may harm themselves?"""
    return bool(CRISIS.search(text.replace("’", "'")))
