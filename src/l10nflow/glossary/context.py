"""Where a homograph is a term: the ``context`` column as a pattern of neighbouring words.

A context that contains ``_`` is a pattern: ``_`` stands for the term, ``NAME``
for a personal name, any other word for itself (normalised, proclitics
allowed: ``رتبة`` also matches «برتبة»). Alternatives are separated by ``;``.
For example «المقدم» (Lieutenant Colonel, and also "the presented") carries
``_ NAME; رتبة _``: a rank before a name or after «رتبة». A context without
``_`` is a label that tells homographs apart and restricts nothing.

An alternative whose words are all in one script applies to text in that
script only; one made of ``_`` and ``NAME`` applies to both languages. Where
no alternative applies to a language, the context cannot be judged there
and holds. A personal name is a capitalised word in English (not a function
word; in a headline that capitalises every word, no word is taken for one)
and, in Arabic, a word without the article, a proclitic + article or a digit
that is not a particle («المقدم من الوزارة» is not a rank).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from l10nflow.languages import PROFILES, primary, script_language
from l10nflow.textnorm import Token, arabic_base, is_arabic_lang, normalize, tokenize_for_matching

__all__ = ["context_holds", "parse_context"]

TERM = "_"
NAME = "NAME"
_ALTERNATIVES = re.compile(r"\s*[;|]\s*")
_ARABIC = PROFILES["ar"].script_pattern
# What may stand between the words of a pattern: spaces, and the dot of an abbreviation.
_TIGHT_GAP = re.compile(r"[\s.\u200e\u200f\u061c]*")
_EN_NOT_NAMES = frozenset(
    str.split(
        "a an the of and or in on at for to from by with as is was are were has have had will "
        "said says this that these those his her their its our who which when where while "
        "monday tuesday wednesday thursday friday saturday sunday"
    )
)
# Particles, prepositions and frequent function words: never a name.
_AR_NOT_NAMES = frozenset(
    arabic_base(word)
    for word in str.split(
        "من في إلى الى على عن مع عند لدى منذ حتى بين خلال ضد نحو حول بعد قبل أمام وراء فوق "
        "تحت دون غير سوى أو أم ثم لكن بل إن أن إنه أنه كان كانت قد لقد لم لن لا ما ماذا هذا "
        "هذه ذلك تلك هو هي هم الذي التي الذين اللذين اللتين كل بعض أي أول الأول ثان ثاني "
        "عام العام يوم اليوم أمس غدا أيضا فقط"
    )
)
_AR_PROCLITIC_ARTICLE = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل")


def parse_context(context: str) -> tuple[tuple[str, ...], ...]:
    """The alternatives of a context pattern as word tuples; empty for a label."""
    if TERM not in context.replace(";", " ").replace("|", " ").split():
        return ()
    alternatives = []
    for alternative in _ALTERNATIVES.split(context.strip()):
        words = tuple(alternative.split())
        if words.count(TERM) == 1:
            alternatives.append(words)
    return tuple(alternatives)


def _script(words: Sequence[str]) -> str | None:
    """The language of the pattern's literal words, or None (only ``_`` and ``NAME``: any)."""
    literal = " ".join(w for w in words if w not in (TERM, NAME))
    if not literal:
        return None
    return script_language(literal)


@lru_cache(maxsize=1024)
def _alternatives_for(context: str, lang: str) -> tuple[tuple[str, ...], ...] | None:
    """The alternatives that apply to a language; None when the context is no pattern or
    none of its alternatives applies (then it holds)."""
    alternatives = parse_context(context)
    usable = tuple(a for a in alternatives if _script(a) in (None, lang))
    return usable or None


def context_holds(context: str, text: str, start: int, end: int, lang: str) -> bool:
    """Whether the term at ``text[start:end]`` stands in ``context`` (see the module doc)."""
    if not context or not parse_context(context):
        return True
    arabic = is_arabic_lang(lang)
    alternatives = _alternatives_for(context, primary(lang))
    if alternatives is None:
        return True
    tokens = tokenize_for_matching(text, lang)
    before = [t for t in tokens if t.end <= start]
    after = [t for t in tokens if t.start >= end]
    # A headline capitalises every word: there no capital says "name".
    names = arabic or not _title_case(tokens)
    return any(_fits(a, text, before, after, (start, end), lang, names) for a in alternatives)


def _title_case(tokens: Sequence[Token]) -> bool:
    """Whether (nearly) every content word of an English text of four or more is capitalised."""
    words = [t.surface for t in tokens if t.surface[:1].isalpha()]
    capitals = sum(w[:1].isupper() for w in words if w.lower() not in _EN_NOT_NAMES)
    content = sum(w.lower() not in _EN_NOT_NAMES for w in words)
    return content >= 4 and capitals >= 0.9 * content


def _fits(
    pattern: tuple[str, ...],
    text: str,
    before: list[Token],
    after: list[Token],
    span: tuple[int, int],
    lang: str,
    names: bool,
) -> bool:
    start, end = span
    at = pattern.index(TERM)
    left, right = pattern[:at], pattern[at + 1 :]
    if len(left) > len(before) or len(right) > len(after):
        return False
    edge = end
    for word, token in zip(right, after, strict=False):
        if not _TIGHT_GAP.fullmatch(text[edge : token.start]) or not _word_fits(
            word, token, lang, names
        ):
            return False
        edge = token.end
    edge = start
    for word, token in zip(reversed(left), reversed(before), strict=False):
        if not _TIGHT_GAP.fullmatch(text[token.end : edge]) or not _word_fits(
            word, token, lang, names
        ):
            return False
        edge = token.start
    return True


def _word_fits(word: str, token: Token, lang: str, names: bool) -> bool:
    if word == NAME:
        return names and _is_name(token, lang)
    wanted = normalize(word, lang)
    if token.norm == wanted:
        return True
    if not is_arabic_lang(lang):
        return False
    head = token.norm[: len(token.norm) - len(wanted)]
    return token.norm.endswith(wanted) and head in ("و", "ف", "ب", "ل", "ك", "وب", "فب", "ول")


def _is_name(token: Token, lang: str) -> bool:
    surface = token.surface
    if not surface[:1].isalpha():
        return False
    if not is_arabic_lang(lang):
        return surface[:1].isupper() and token.norm not in _EN_NOT_NAMES
    base = arabic_base(surface)
    if len(base) < 2 or base in _AR_NOT_NAMES or not _ARABIC.match(base):
        return False
    return not base.startswith(_AR_PROCLITIC_ARTICLE)
