"""Arabic sentence rules: the Arabic abbreviation list and sentence starters.

Only «. ! ؟ ? …» end an Arabic sentence; «، ؛ :» never do (the engine's terminators).
Arabic has no capital letters, so after an abbreviation that may end a sentence (an era
after a year, "2018 م.", or «إلخ.») a sentence starts only with a listed starter
(``data/starters_ar.txt``) or with a word carrying the conjunction و: an imperfect verb
("ويتسم", "وتمثل", "وأكد") or another word of three letters or more after و that is not
a definite or plural noun ("وشاركت", "وحضر"; not "والمدافع", "وشركات", "وزارة"). The rules
are *uncased* (see :mod:`~l10nflow.segment.engine`). The English lists are included: Arabic
articles quote English names, ranks and company names ("Apple Inc.", "Lt. Col.").
"""

from __future__ import annotations

import re
from functools import cache

from l10nflow.segment.en import is_starter as is_english_starter
from l10nflow.segment.engine import LanguageRules
from l10nflow.segment.lexicon import abbreviations, starters, word_key

_WAW_IMPERFECT = re.compile("و[يتنأإ][\u0621-\u064a]{2,}")
_WAW_WORD = re.compile("و(?!ال)[\u0621-\u064a]{3,}")
_NOUN_ENDINGS = ("ات", "ين", "ون", "ة")  # plurals and the feminine ending: nouns, not verbs


def is_starter(word: str) -> bool:
    """Whether ``word`` opens an Arabic sentence (or is a capitalised English starter)."""
    key = word_key(word)
    if key in starters("ar") or _WAW_IMPERFECT.fullmatch(key):
        return True
    if _WAW_WORD.fullmatch(key) and not key.endswith(_NOUN_ENDINGS):
        return True
    return is_english_starter(word)


@cache
def rules() -> LanguageRules:
    """The Arabic rules (lists read once)."""
    return LanguageRules("ar", abbreviations("ar") | abbreviations("en"), is_starter, cased=False)
