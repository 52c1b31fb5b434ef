"""Safety: the router that runs before matching, and the outgoing guard that runs after it."""

from faqbot.safety.guard import find_dose_figure
from faqbot.safety.language import confident_language, detect_language
from faqbot.safety.pack import LANGUAGES
from faqbot.safety.packerror import PackError
from faqbot.safety.prepare import prepare
from faqbot.safety.router import (
    REVIEWED,
    Route,
    about_the_service,
    asks_whether_to_see_a_doctor,
    other_medicine,
    person_named,
    route,
    route_and_story,
    story_only_who,
    story_question,
    tells_a_case,
)
from faqbot.safety.rules import EMERGENCY_RULES, REFERRAL_RULES, RULES, RouteKind, Rule
from faqbot.safety.story import asks_a_verdict
from faqbot.safety.subject import for_oneself, with_subject

__all__ = [
    "EMERGENCY_RULES",
    "LANGUAGES",
    "REFERRAL_RULES",
    "REVIEWED",
    "RULES",
    "PackError",
    "Route",
    "RouteKind",
    "Rule",
    "about_the_service",
    "asks_a_verdict",
    "asks_whether_to_see_a_doctor",
    "confident_language",
    "detect_language",
    "find_dose_figure",
    "for_oneself",
    "other_medicine",
    "person_named",
    "prepare",
    "route",
    "route_and_story",
    "story_only_who",
    "story_question",
    "tells_a_case",
    "with_subject",
]
