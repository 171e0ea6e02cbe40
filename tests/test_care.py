"""Replies not about the guides: care for a person who may be in danger, a welcome for "hi" or "help"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from advisor import build_advisor
from advisor.care import CARE_TEXT, in_crisis
from advisor.config import Settings
from advisor.errors import IndexMissingError
from advisor.lexical import other_language
from advisor.schema import CARE_LABEL, LANGUAGE_LABEL, WELCOME_LABEL, Turn
from advisor.scope import NOT_ENGLISH, greets, introduces_only, reacts, thanks
from advisor.serve.app import create_app


@pytest.mark.parametrize("message", [
    "im so burned out and depressed i dont want to live anymore",
    "I've been thinking about ending my life",
    "sometimes i want to kill myself over this job hunt",
    "I don’t want to be alive",
    "been self-harming again since the layoff",
    "rejected 40 times and i'm starting to feel like i'm worthless",
    "I feel really burned out and honestly kind of hopeless lately",
    "im such a failure, whats the point of anything",
])
def test_a_person_in_danger_is_recognised(message: str) -> None:
    assert in_crisis(message)


@pytest.mark.parametrize("message", [
    "this deadline is killing me, how do ml engineers manage stress",
    "I'm dying to become an ML engineer",
    "what kills an ML career?",
    "how do I end my current job on good terms",
    "is it hopeless to apply without a degree?",
    "are certificates worthless for ml jobs",
    "i feel like my cs degree was useless for ml, what should i learn",
    "i feel like a failure at interviews, any tips",
])
def test_figures_of_speech_are_not_alarms(message: str) -> None:
    assert not in_crisis(message)


def test_a_figure_of_speech_it_cannot_tell_gets_care() -> None:
    assert in_crisis("is it suicide to quit without an offer lined up?")  # care is the safe side


def test_the_reply_is_care_not_guides(tmp_path: Path, make_settings: Callable[..., Settings]) -> None:
    adv = build_advisor(make_settings())
    answer = adv.ask("i dont want to live anymore, nothing works")
    assert answer.text == CARE_TEXT and "988" in answer.text
    assert answer.kind == "care" and answer.refused and not answer.citations and not answer.follow_ups
    assert answer.label == CARE_LABEL
    r = TestClient(create_app(adv, ui=False)).post("/api/chat", json={"message": "I want to kill myself"})
    assert r.status_code == 200 and r.json()["scope_label"] == CARE_LABEL and r.json()["answer"] == CARE_TEXT
    assert r.json()["kind"] == "care"
    local = build_advisor(make_settings(care_text="Call 116 123 (Samaritans, free, any time)."))
    assert local.ask("thinking about suicide").text == "Call 116 123 (Samaritans, free, any time)."


@pytest.mark.parametrize(("message", "only"), [
    ("hi", True), ("Hello there!", True), ("help", True), ("what can you do?", True), ("good morning", True),
    ("hi, how do I become a widget engineer?", False), ("help me choose a bootcamp", False), ("hindi", False),
    ("hi what can you do", True), ("hey there, who are you?", True), ("?!", False), ("hi, what about kilns", False),
    # A twenty-first probe: "how r u" got the job's worst aspects as a partial answer.
    ("how r u", True), ("hi, how are you doing?", True), ("whats up", True),
    ("how are widget engineers doing these days?", False), ("how are you paid as a widget engineer", False),
    # A thirtieth probe's warm-up: "hi, what can you help me with?" was declined as a topic.
    ("hi, what can you help me with?", True), ("what do you know about?", True), ("what can you tell me", True),
    ("what can you help me with on kiln glazes?", False), ("what do you know about kilns", False),
    # A first look at the widget: "hi, what is this?" was declined as a topic.
    ("hi, what is this?", True), ("whats this bot", True), ("what is this kiln glaze for?", False),
])
def test_a_greeting_or_plea_for_help_alone_is_recognised(message: str, only: bool) -> None:
    assert greets(message) == only


def test_hi_gets_what_can_be_asked_not_a_decline(tmp_path: Path, make_settings: Callable[..., Settings]) -> None:
    adv = build_advisor(make_settings(coverage="widget careers", examples="What do widget engineers earn?"))
    answer = adv.ask("hi!")
    assert answer.text.startswith("Hi! I answer questions about widget careers")
    assert "My guides don't cover" not in answer.text and answer.follow_ups == ("What do widget engineers earn?",)
    assert answer.kind == "welcome" and answer.label == WELCOME_LABEL and not answer.citations
    assert answer.to_dict()["kind"] == "welcome"


@pytest.mark.parametrize(("message", "only"), [
    ("thanks, that was helpful :)", True), ("Thank you so much!", True), ("thx", True), ("cheers", True),
    ("thanks! what do widget engineers earn?", False), ("that was great", False), ("ok", False),
    ("thanks that's helpful", True), ("thanks, what's next", False),  # a probe: "that's" is "that"
    ("thanks thats reassuring", True),
    ("thanks, that helps", True), ("ok thanks, makes sense", True),  # a sixth probe: "that helps" got more quotes
    ("thanks, that helps with widgets?", False),
    # A seventh probe: an acknowledgement alone ("cool" got the maths list again), not a question.
    ("cool", True), ("ok got it", True), ("i see", True), ("cool?", False), ("is that cool", False),
    ("cool, what do widget engineers earn", False),
    # A ninth probe: "ok good to know" after an answer was asked as a question about software engineers.
    ("ok good to know", True), ("fair enough", True), ("noted", True), ("good to hear", True),
    ("i know", False), ("is that good enough?", False), ("good to know, how long does it take", False),
    # An eleventh probe: "k thanks bye" was declined as a topic (“thanks bye”).
    ("k thanks bye", True), ("bye!", True), ("ok thanks, see ya later", True), ("bye, what do widget engineers earn",
                                                                              False),
    # A twelfth probe: "wish me luck lol" was declined as a topic (“luck” or “wish”).
    ("wish me luck lol", True), ("fingers crossed!", True), ("good luck getting a widget job?", False),
    # A thirteenth probe: "thanks for being honest" was searched ("My guides don't cover “honest”").
    ("thanks for being honest", True), ("thank you so much for the tips!", True),
    ("thanks for that, what do widget engineers earn", False), ("thanks for asking. how long does it take", False),
    # A twentieth probe: "thank you sir" was told the guides say nothing about “sir”.
    ("thank you sir", True), ("thanks bro!", True), ("thanks mate, what do widget engineers earn", False),
    # A twenty-first probe: "ok thank you, i feel a bit better" got the job's worst aspects; "valeu!" the pay table.
    ("ok thank you, i feel a bit better", True), ("thanks i feel much more confident now", True),
    ("i feel better", False), ("thanks, i feel lost about kilns", False), ("valeu!", True),
    ("gracias", True), ("lol ok bye", True),
    # A twenty-second probe: "fine thanks" and "thanks man appreciate it" were told the guides say nothing of thanks.
    ("fine thanks", True), ("thanks man appreciate it", True), ("fine", False), ("is that fine?", False),
    # A twenty-third probe: "thanks, this is a lot to take in" was declined as “thanks” (first message) or got tuition
    # fees, "whatever. thanks i guess" was declined as “whatever thanks” or “guess”.
    ("thanks, this is a lot to take in", True), ("whatever. thanks i guess", True), ("thanks. im so tired", False),
    ("thanks, this kiln is a lot cheaper?", False), ("thanks, that seems hard. how do i start", False),
    ("whatever", False), ("i guess widgets pay", False),
    # A twenty-fourth probe: "Thank you, you have been very patient with me." got a list of programming languages.
    ("Thank you, you have been very patient with me.", True), ("thanks, you're a great help!", True),
    ("you have been very patient", False),
    # A twenty-sixth probe: "Very good. Thank you for your patience, young machine." was told the guides don't cover
    # “patience young”; "thank you very much habibi" was declined.
    ("Very good. Thank you for your patience, young machine.", True), ("thanks, young robot", True),
    ("thank you very much habibi", True), ("young machine", False), ("thanks, young machine learning", False),
    # A twenty-seventh probe: "lol ok. thanks anyway, the interview stuff was useful" got a skills list, "ok thanks,
    # that's reassuring. he'll be fine i think :)" tuition fees.
    ("lol ok. thanks anyway, the interview stuff was useful", True),
    ("ok thanks, that's reassuring. he'll be fine i think :)", True),
    ("thanks, the kiln stuff was useful. what about glazes", False), ("the kiln stuff was useful", False),
    ("he'll be fine", False),
    # A twenty-eighth probe: "thank you, this actually helped a lot. gotta go pick up my kids" was declined on “kids”.
    ("thank you, this actually helped a lot. gotta go pick up my kids", True), ("gotta go", False),
    ("thanks, gotta go. what do kiln engineers earn?", False), ("this helped a lot", False),
    # A twenty-ninth probe: "thanks, thats helpful. ill talk to my nephew. bye" was declined as “nephew bye”, "alright
    # im out, later" told the guides say nothing of “later”, and "ok lol I think I've squeezed all I can out of you.
    # thanks for the help, have a good one!" got a list of blogs.
    ("thanks, that's useful. ill talk to my aunt. bye", True), ("alright im out, later", True),
    ("ok lol I think I've got all I can out of you. thanks for the help, have a good one!", True),
    ("thanks! that's all for now", True), ("take care", True), ("ill talk to my aunt", False),
    ("what should i learn later?", False), ("thanks, which kiln should i buy later?", False),
    ("thanks, have a good one. what do kilns cost", False), ("i've got all the kilns", False),
    ("ok. thank you, this gave me something to talk to her about", True),
    ("this gave me something to think about", False),
    # A thirty-sixth probe: "thx, gonna go talk to my manager" and "Thank you, this gives me something to share at our
    # career night." were declined.
    ("thx, gonna go talk to my aunt", True), ("ok thanks, going to go speak with my boss", True),
    ("Thank you, this gives me something to share at our kiln night.", True),
    ("thanks, going to talk to my aunt about kiln pay?", False), ("this gives me something to share", False),
    # A thirtieth probe: "ok thx ur actually helpful" was declined as “thx ur”, "fine. bye robot" searched as “bye”,
    # "Appreciate it. Out." as “Appreciate”, "cheers love, thats given me plenty to think about. ta ra" got "In
    # short: ...", "ok. night x" the decline before again.
    ("ok thx ur actually helpful", True), ("fine. bye robot", True), ("Appreciate it. Out.", True),
    ("cheers love, thats given me plenty to think about. ta ra", True), ("ok. night x", True), ("out", True),
    ("what about night shifts?", False), ("is a robot going to take my kiln job", False),
    ("thanks. out of curiosity, what do kilns cost?", False), ("count me out", False),
    ("thats given me plenty to think about", False), ("ur actually helpful, what do kilns cost", False),
    # A thirty-first probe: "ok thanks boss, God bless. later" was declined as “boss God”, "finally :) ok that's enough
    # for today, grazie mille, ciao" got the pay table, "haha ok robot. thanks a lot, this helped, gotta run to class"
    # a list of blogs, "Well, thank you kindly, young machine. Have a pleasant evening." and "thank you very much for
    # your time. auf wiedersehen!" declines. What stands before a sign-off need not be on any list.
    ("ok thanks chief, kiln bless. later", True), ("finally :) ok that's enough for today, grazie mille, ciao", True),
    ("haha ok robot. thanks a lot, this helped, gotta run to class ✌️", True),
    ("Well, thank you kindly, young glazer. Have a pleasant evening.", True),
    ("alright, thank you very much for your time. auf wiedersehen!", True),
    ("alright, I'll show him all this tonight. cheers and take care!", True),
    ("thanks, kilns in germany. bye", True),  # ...nothing asked (read as thanks, as before a probe says otherwise)
    ("thanks. what do kilns cost in germany, bye", False), ("thanks, i want kiln pay. bye", False),
    ("ok thanks, kilns? later", False), ("thanks. tell me about kilns later", False),
    ("i will read about kilns later", False), ("kiln prices, ciao", False),
    # A thirty-second probe: "Copy all. Out." was declined as “Copy”; radio talk acknowledges.
    ("Copy all. Out.", True), ("copy that", True), ("roger", True),
    ("can i copy a kiln design?", False), ("copy all the glazes", False),
    # A thirty-third probe: "ha ok, I'll take it from here. have a good one!" was declined as “ha” or “I'll”, "danke,
    # that was at least honest. tschüss" as “tschuss”.
    ("ha ok, I'll take it from here. have a good one!", True), ("danke, that was at least honest. tschüss", True),
    ("ha, what do kilns cost?", False),
    # The same probe's "ok this has been really really helpful, I learned a lot about the path and I'll go look at
    # those courses this weekend, thank you so much for all of it!!" (30 words) got a list of courses.
    ("ok this has been really really helpful, I learned a lot about glazing and I'll go look at those kilns this "
     "weekend, thank you so much for all of it!!", True),
    ("thanks, i learned a lot about kilns and what do kilns cost", False), ("I learned a lot about kilns", False),
    ("thanks, the kiln guide has been useful and i want to know glaze pay", False),
    # A thirty-fourth probe: "ok thx ur pretty helpful for a bot" was declined as “bot” or “helpful” or “thx”.
    ("ok thx ur pretty helpful for a robot", True), ("pretty kilns?", False), ("thx, are kilns pretty", False),
    # ...and "alright, appreciate it. might stick with journalism tbh, cheers" was told the guides say nothing about
    # “journalism”, "Right. Thanks, I think I have what I need." got a skills list, "ok cool thats what i wanted.
    # thanks!" was told the guides say nothing about “thanks”.
    ("alright, appreciate it. might stick with pottery tbh, cheers", True),
    ("Right. Thanks, I think I have what I need.", True), ("ok cool thats what i wanted. thanks!", True),
    ("thanks. might i ask about kilns?", False), ("thanks, will a kiln work, cheers", False), ("right?", False),
    ("thanks, that is what i need to know about kilns. what do they cost?", False), ("the right kiln", False),
    # ...and "fine. not convinced but thanks i guess" was told the guides don't cover “convinced”.
    ("fine. not convinced but thanks i guess", True), ("thanks, still not sold", True), ("not convinced", False),
    ("thanks but what do kilns cost", False), ("thanks, but is a kiln worth it?", False),
])
def test_a_thank_you_alone_is_recognised(message: str, only: bool) -> None:
    assert thanks(message) == only


def test_thanks_gets_a_welcome_not_a_decline(make_settings: Callable[..., Settings]) -> None:
    adv = build_advisor(make_settings(coverage="widget careers", examples="What do widget engineers earn?"))
    answer = adv.ask("thanks, that was really helpful!")
    assert answer.text.startswith("Glad it helped! Ask me anything else about widget careers")
    assert answer.kind == "welcome" and "don't cover" not in answer.text and not answer.citations
    lucky = adv.ask("ok wish me luck lol", [{"role": "user", "content": "i have a widget interview, help"},
                                            {"role": "assistant", "content": "Practise widgets. [1]"}])
    assert lucky.text.startswith("Good luck!") and lucky.kind == "welcome" and not lucky.citations
    # A sign-off without thanks is not told it helped (a twenty-first probe's "lol ok bye" came after three declines)
    # nor asked to go on.
    for message in ("lol ok bye", "alright im out, later", "fine. bye robot", "ok. night x", "Copy all. Out.",
                    "ha ok, I'll take it from here. have a good one!"):
        bye = adv.ask(message)
        assert bye.text.startswith("Bye!") and bye.kind == "welcome" and not bye.follow_ups and "helped" not in bye.text
    # Thanks with a goodbye is thanked and said goodbye to, without presuming it helped (a thirty-second probe was told
    # "Glad it helped!" after "I'll take that as a non-answer. Cheers.", and no goodbye after "Bye for now!").
    for message in ("ok thanks bye", "Thanks so much, you've been patient with me. Bye for now!",
                    "Alright, thank you for your time. Have a good one.", "I'll take that as a non-answer. Cheers.",
                    "Obrigado! Tchau tchau", "ok off to bed now, thanks", "danke, that was at least honest. tschüss"):
        bye = adv.ask(message)
        assert bye.text.startswith("You're welcome! Bye!") and not bye.follow_ups, message
    # Leaving said as what they do now is a goodbye; "helpful" said of it thanks for nothing.
    for message in ("wow. ok. closing this tab", "Well, this was... partially helpful. I'll mull it over. Take care!"):
        assert adv.ask(message).text.startswith("Bye!"), message
    # Thanks said beside how it went down presumes no help (a twenty-third probe's "whatever. thanks i guess").
    for mixed in ("whatever. thanks i guess", "thanks, this is a lot to take in", "thanks, still not convinced"):
        reply = adv.ask(mixed)
        assert reply.text.startswith("You're welcome. Take your time") and reply.kind == "welcome", mixed
    assert adv.ask("thank you, that's reassuring").text.startswith("Glad it helped!")
    # "thanks anyway" says it did not help.
    assert adv.ask("thanks anyway").text.startswith("You're welcome. Take your time")
    # An apology for asking beside thanks (a twenty-fifth probe's "ok. sorry for all the questions, thank you for being
    # patient" got the interview rounds, and a decline of “thank” as a first message), and what they will do with it.
    for sorry in ("sorry for all the questions, thank you for being patient",
                  "ok. sorry about the kiln questions. thanks"):
        reply = adv.ask(sorry)
        assert reply.text.startswith("You're welcome. Take your time") and reply.kind == "welcome", sorry
    for will in ("ok thank you, ill show him this", "thanks! i'll try that with my glazes tonight"):
        reply = adv.ask(will)
        assert reply.text.startswith("Glad it helped!") and reply.kind == "welcome", will
    assert not thanks("thanks, ill ask about kilns. what do widget engineers earn")
    # A blessing, "very good" and thanks in Spanish (a twenty-sixth probe got declines, and "only English").
    assert thanks("thank you so much, god bless") and thanks("gracias, muy util") and thanks("Very good. Thank you")
    assert not thanks("very good question, what do kilns cost")
    assert not thanks("sorry if this is dumb, thanks. how hot is a kiln")
    # About the advisor itself (a fifteenth probe: "but you literally are an AI lol" got quotes on AI in the news).
    from advisor.scope import about_advisor

    itself = adv.ask("but you literally are an AI lol")
    assert itself.text.startswith("I'm a program, not a person") and itself.kind == "welcome" and not itself.citations
    assert about_advisor("are you a bot?") and about_advisor("who made you") and about_advisor("r u human")
    for asked in ("are you a widget engineer", "are ai engineers in demand", "you are right", "are you sure"):
        assert not about_advisor(asked), asked
    # Thanks, then a question about the advisor (a twenty-sixth probe's "thank you very much habibi 🙏 you are a robot
    # yes?" got the web-resources list): welcomed, then what it is.
    thanked = adv.ask("thank you very much habibi 🙏 you are a robot yes?")
    assert thanked.text.startswith("You're welcome! I'm a program, not a person") and not thanked.citations
    assert about_advisor("thanks! are you a human?") and not about_advisor("thanks, what are you saying about kilns")
    assert not about_advisor("how much do you earn? are you a bot")
    # ...also with the verb dropped (a thirty-first probe's "u a bot?" was hedged on “bot” over the senior's role).
    assert about_advisor("u a bot?") and about_advisor("you an AI or what")
    assert not about_advisor("you a widget engineer?")


@pytest.mark.parametrize(("message", "only"), [
    # An eighth probe: "sounds hard" and "hmm ok" were answered with guide quotes nobody asked for.
    ("sounds hard", True), ("that sounds like a lot of work tbh", True), ("hmm ok", True), ("wow", True),
    ("it's a lot", True), ("ok", False),  # "ok" alone may answer a question back
    ("sounds hard, how long does it take", False), ("is it hard?", False), ("sounds like i need a kiln", False),
    ("seems the kiln costs a lot but my sister says widgets pay well in the end", False),  # too long to be a reaction
])
def test_a_reaction_alone_is_recognised(message: str, only: bool) -> None:
    assert reacts(message) == only


@pytest.mark.parametrize(("message", "only"), [
    # A twenty-second probe: "im so tired honestly. some days i think im too dumb for this" got "My guides don't say
    # anything about “tired”" and how long a degree takes.
    ("im so tired honestly. some days i think im too dumb for this", True), ("i feel so lost", True),
    ("honestly im kinda overwhelmed", True),
    ("im stressed, what should i learn first", False), ("im a welder", False), ("im scared i wont get a job?", False),
    ("im tired of welding, can i switch to widgets", False),
    ("thanks. im so tired", True), ("thanks, i feel lost about kilns", True), ("thanks", False),  # heard, not thanked
    # A twenty-fifth probe's "ugh this is a lot. feels like ill never catch up" got "no figure for exactly this".
    ("ugh this is a lot. feels like ill never catch up", True), ("feels like im too slow at glazing", True),
    ("feels like kilns are hot?", False), ("it feels like im too old. how long is a widget course", False),
])
def test_how_they_feel_alone_is_heard_not_searched(message: str, only: bool,
                                                   make_settings: Callable[..., Settings]) -> None:
    from advisor.scope import feels_only

    assert feels_only(message) == only
    if only:
        reply = build_advisor(make_settings(coverage="widget careers")).ask(message)
        assert reply.text.startswith("I'm sorry it feels that way.") and not reply.citations and reply.kind == "welcome"


def test_ok_alone_is_heard_unless_it_answers_a_question_back(make_settings: Callable[..., Settings],
                                                             corpus_copy: Path) -> None:
    """A twenty-third probe: "ok" after the pay table got the pay table again."""
    from advisor.coach import ASKS
    from advisor.scope import okays

    assert okays("ok") and okays("okay lol") and okays("hmm ok") and okays("k") and okays("meh, ok")
    assert okays("meh. fine") and okays("fine")  # a twenty-fifth probe: "My guides don't cover “meh”"
    assert not okays("ok?") and not okays("ok what about kilns") and not okays("ok thanks") and not okays("lol")
    adv = build_advisor(make_settings(coverage="widget careers", examples="What do widget engineers earn?",
                                      corpus_dir=corpus_copy))
    adv.ingest()
    pay: list[Turn] = [{"role": "user", "content": "what do widget engineers earn"},
                       {"role": "assistant", "content": "About 90,000 a year. [1]"}]
    reply = adv.ask("ok", pay)
    assert reply.text.startswith("OK. What would you like to know next about widget careers?")
    assert reply.kind == "welcome" and not reply.citations
    asked: list[Turn] = [{"role": "user", "content": "should i do a widget course"},
                         {"role": "assistant", "content": f"_{ASKS[1]}_ A course helps. [1]"}]
    assert not adv.ask("ok", asked).text.startswith("OK. What would you like")  # may answer the question back
    assert adv.ask("ok").text.startswith("Hi! I answer questions about widget careers")  # nothing before: a hello


def test_a_reaction_is_heard_not_answered_and_the_thread_goes_on(make_settings: Callable[..., Settings]) -> None:
    adv = build_advisor(make_settings(coverage="widget careers", examples="What do widget engineers earn?"))
    answer = adv.ask("that sounds hard", [{"role": "user", "content": "how do i become a widget engineer"},
                                          {"role": "assistant", "content": "Get a degree. [1]"}])
    assert answer.text.startswith("I hear you. What would you like to know next about widget careers?")
    assert answer.kind == "welcome" and not answer.citations
    from advisor.core import _questions_only

    history: list[Turn] = [{"role": "user", "content": "how do i become a widget engineer"},
                           {"role": "assistant", "content": "Get a degree. [1]"},
                           {"role": "user", "content": "hmm ok"}, {"role": "assistant", "content": answer.text}]
    # A follow-up after it is read after the question before it, not after "hmm ok".
    kept = [t["content"] for t in _questions_only(history)]
    assert kept == ["how do i become a widget engineer", "Get a degree. [1]"]


@pytest.mark.parametrize(("message", "only"), [
    ("i'm 19 and in my first year of computer science in india", True), ("hi, I'm Sam. I work as a nurse.", True),
    ("I am a data analyst with 3 years of SQL", True), ("my son is 17", True),
    ("im 34 accountant, too late for widgets", False),  # asks, without a question mark
    ("i'm a nurse and want to become a widget engineer", False), ("im a teacher, widget engineer?", False),
    ("I'm a chef and just curious what it'd take", False), ("what do widget engineers earn", False),
    ("i already have two widget prototypes and a course certificate", True), ("i just built a widget", True),
    ("i already have a degree, should i do a widget course", False),
    ("I have two kids and can only study maybe 5 hours a week.", True), ("i cant afford a degree", True),
    ("i never went to college", True), ("i have two kids, can i still do it", False),
    # A probe's details given in pieces: a bare "no ..." clause, and what they can do.
    ("i work in customer support right now, no degree", True), ("i can code a bit in javascript", True),
    ("no degree, can i still get hired", False), ("i can switch to widgets?", False),
    # A third probe's: what they did, know or feel.
    ("i dropped out of college tho", True),
    # An eighth probe's "i'm a frontend dev, 28, react mostly" got "My guides don't cover “react”".
    ("i'm a glassblower, 28, borosilicate mostly", True), ("im a glassblower, what pays mostly", False),
    ("i hate statistics", False),  # a blind A/B: said alone, a dislike is a worry, answered from the maths section
    ("i know some excel and a bit of sql from my job", True), ("i know python, what should i learn next", False),
    ("i love widgets and want to build them", False),
    ("hi, im a high school teacher (physics), 29", True), ("how much, 29", False),  # a bare age
    # A fourth probe's: a clause that goes on describing them ("im a nurse, 34, kind of burnt out" was declined).
    ("im a baker, 41, kind of burnt out", True), ("i work in logistics, mostly spreadsheets and some sql", True),
    ("kinda burnt out", False), ("im a baker, really want widgets", False), ("im a baker, widget salary", False),
    # A blind A/B judge's: the "I" said once, a verb of where they live or work after it; an intro announced.
    ("hi im 19, no degree, broke, live in peru", True),
    ("hello! quick intro: i'm a baker (bread, 5 yrs) in lima", True),
    ("live in peru", False), ("im a baker, intro to widgets", False),
    # A fifth probe's: what they have or what happened to them, after the "I" ("im 45, laid off from a manufacturing
    # job, only have a high school diploma" was declined, then quoted back as a question).
    ("im 52, laid off from a bakery, only have a high school diploma", True),
    ("i work in retail, 33, have a history degree", True), ("im a baker, been baking for 10 years", True),
    ("im 28, have to decide between widgets and gadgets", False), ("have a degree", False),
    # A sixth probe's: bare noun phrases after the "I" ("hi, im 34, accountant, no cs degree, two kids" was declined
    # on "accountants"): a job title, a count of children, a background, who they are at home.
    ("hi, im 41, baker, no widget degree, three kids", True), ("im 52 and a potter in peru. clay background.", True),
    ("im 30, single dad of two", True), ("im 30, a pastry chef", True),
    ("im 41, baker salary", False), ("im 41, widgets background check?", False), ("baker, three kids", False),
    # A seventh probe's: what they mostly do ("i mostly do backend java stuff" got a list of languages to learn).
    ("i mostly do bread and pastry", True), ("i run a small pottery studio", True),
    ("i write glaze recipes all day", True),
    ("i do want to become a widget engineer", False), ("i do widgets at work, how do i get promoted", False),
    # Said to be a mention (a fifteenth probe: "oh i should mention i already have a bachelors in biology" was
    # answered as a question).
    ("oh i should mention i already have a bachelors in pottery", True), ("forgot to say, im 45", True),
    ("i should mention my plan, is it good?", False), ("oh i should learn glazing first", False),
    # Torn between two: a choice to weigh, not an introduction (a sixteenth round: "im torn between data science and
    # ml engineering" got the welcome).
    ("im torn between pottery and glassblowing", False), ("im not sure whether to do kilns or glazes", False),
    ("im a potter, still deciding between two studios", False),
])
def test_a_message_only_about_who_they_are_is_recognised(message: str, only: bool) -> None:
    assert introduces_only(message) == only


@pytest.mark.parametrize(("message", "only"), [
    ("i hate math honestly", True), ("tbh i really hate statistics", True), ("i cant stand coding lol", True),
    ("i hate math, can i still do widgets?", False), ("i hate math and want to avoid it", False),
    ("what if i hate math", False),
])
def test_a_dislike_alone_is_recognised(message: str, only: bool) -> None:
    from advisor.scope import dislikes_only

    assert dislikes_only(message) == only


def test_who_they_are_alone_gets_asked_what_they_want_to_know(make_settings: Callable[..., Settings]) -> None:
    # An outsider's probe opened on "i'm 19 and in my first year of computer science in india" and got US tuition.
    adv = build_advisor(make_settings(coverage="widget careers", examples="What do widget engineers earn?"))
    answer = adv.ask("i'm 19 and in my first year of computer science in india")
    assert answer.kind == "welcome" and not answer.citations and "What would you like to know about widget careers?" \
        in answer.text and answer.follow_ups == ("What do widget engineers earn?",)
    # Later in a conversation it may answer a question back ("what did you study?"): no welcome then.
    # After only "hi" or "thanks" there is no question to ask again: still asked what they want to know.
    greeted = adv.ask("i work as a nurse", [{"role": "user", "content": "hi"},
                                            {"role": "assistant", "content": "Hi! I answer questions."}])
    assert greeted.kind == "welcome" and "What would you like to know about widget careers?" in greeted.text
    assert "Your question" not in greeted.text
    # A second such message in a row is acknowledged briefly, not welcomed with the same paragraph again.
    told: list[Turn] = [{"role": "user", "content": "i'm 42 and a physics teacher"},
                        {"role": "assistant", "content": answer.text}]
    again = adv.ask("I have two kids and can only study maybe 5 hours a week.", told)
    assert again.kind == "welcome" and again.text.startswith("Noted, thanks. What would you like to know about widget")
    assert "Thanks for telling me" in answer.text and "Thanks for telling me" not in again.text
    # (This advisor has no guides indexed: going to them shows the message was not taken for a welcome.)
    with pytest.raises(IndexMissingError):
        adv.ask("i have a physics degree", [{"role": "user", "content": "do widget engineers need a degree"},
                                            {"role": "assistant", "content": "What did you study?"}])


@pytest.mark.parametrize(("message", "foreign"), [
    ("¿Cuánto gana un ingeniero de software en España?", True), ("Wie viel verdient ein Datenanalyst?", True),
    ("Comment devenir développeur web ?", True), ("Quanto ganha um engenheiro de dados?", True),
    ("数据工程师的工资是多少", True),
    ("hw much dose a data enginer make in münchen", False),  # English with typos and a place
    ("is pytorch or jax better for widgets", False), ("pues, what does a widget engineer do", False),
])
def test_a_question_in_another_language_is_told_apart_from_english_with_typos(message: str, foreign: bool) -> None:
    assert other_language(message) == foreign


def test_a_question_in_another_language_is_told_so(make_settings: Callable[..., Settings]) -> None:
    adv = build_advisor(make_settings())
    answer = adv.ask("¿Cuánto gana un ingeniero de software en España?")
    assert answer.text == NOT_ENGLISH and answer.kind == "language" and answer.label == LANGUAGE_LABEL
    assert not answer.citations and answer.to_dict()["kind"] == "language"
