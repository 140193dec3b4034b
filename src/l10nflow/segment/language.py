"""Script-based language guess: Arabic when Arabic-script letters are most of the letters.

Only letters count (digits, punctuation and Arabic diacritics do not), so a heading such as
"2024-07-30" or a line of numbers is guessed as English, the neutral default.
"""

from __future__ import annotations

import re

from l10nflow.languages import PROFILES

_LETTER = re.compile(r"[^\W\d_]")
_ARABIC = PROFILES["ar"].script_pattern
_LATIN = PROFILES["en"].script_pattern


def language_shares(text: str) -> dict[str, float]:
    """Shares of all letters in ``text`` that are Arabic-script ("ar"), Latin ("en"), other.

    The three shares sum to 1.0 when ``text`` has letters; all are 0.0 when it has none.
    """
    letters = "".join(_LETTER.findall(text))
    if not letters:
        return {"ar": 0.0, "en": 0.0, "other": 0.0}
    arabic = len(_ARABIC.findall(letters))
    latin = len(_LATIN.findall(letters))
    total = len(letters)
    return {
        "ar": arabic / total,
        "en": latin / total,
        "other": (total - arabic - latin) / total,
    }


def guess_language(text: str) -> str:
    """ "ar" when Arabic-script letters are more than half of the letters, else "en"."""
    return "ar" if language_shares(text)["ar"] > 0.5 else "en"
