"""English sentence rules: the English abbreviation list and sentence starters.

Everything language-independent (terminators, quotes, initials, decimals, URLs, credits)
is the engine's; English adds its lists (``data/abbreviations_en.txt``,
``data/starters_en.txt``) and one rule: after an abbreviation that may end a sentence, a
sentence starts only with a *capitalised* listed starter ("in the U.S. The delegation").
"""

from __future__ import annotations

from functools import cache

from l10nflow.segment.engine import LanguageRules
from l10nflow.segment.lexicon import abbreviations, starters, word_key


def is_starter(word: str) -> bool:
    """Whether ``word`` (as written) is a capitalised English sentence starter."""
    return word[:1].isupper() and word_key(word) in starters("en")


@cache
def rules() -> LanguageRules:
    """The English rules (lists read once)."""
    return LanguageRules("en", abbreviations("en"), is_starter)
