"""Arabic sentence rules: the Arabic abbreviation list and sentence starters.

Only «. ! ؟ ? …» end an Arabic sentence; «، ؛ :» never do (the engine's terminators).
Arabic has no capital letters, so after an abbreviation that may end a sentence (an era
after a year, "2018 م.", or «إلخ.») a sentence starts only with a listed starter
(``data/starters_ar.txt``) or with an imperfect verb carrying the conjunction و
("ويتسم", "وتمثل", "وأكد"). The English lists are included: Arabic articles quote English
names, ranks and company names ("Apple Inc.", "Lt. Col.").
"""

from __future__ import annotations

import re
from functools import cache

from l10nflow.segment import en
from l10nflow.segment.engine import LanguageRules
from l10nflow.segment.lexicon import abbreviations, starters, word_key

_WAW_IMPERFECT = re.compile("و[يتنأإ][\u0621-\u064a]{2,}")


def is_starter(word: str) -> bool:
    """Whether ``word`` opens an Arabic sentence (or is a capitalised English starter)."""
    key = word_key(word)
    return key in starters("ar") or bool(_WAW_IMPERFECT.fullmatch(key)) or en.is_starter(word)


@cache
def rules() -> LanguageRules:
    """The Arabic rules (lists read once)."""
    return LanguageRules("ar", abbreviations("ar") | abbreviations("en"), is_starter)
