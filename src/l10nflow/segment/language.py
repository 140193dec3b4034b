"""Script-based language guess: the language whose script holds most of the letters.

Only letters count (digits, punctuation and Arabic diacritics do not), so a heading such as
"2024-07-30" or a line of numbers is guessed as the neutral language (English).
"""

from __future__ import annotations

import re

from l10nflow.languages import NEUTRAL, script_counts

_LETTER = re.compile(r"[^\W\d_]")


def language_shares(text: str) -> dict[str, float]:
    """Shares of all letters in ``text`` in each profile's script (by language code: "ar",
    "en"), and "other".

    The shares sum to 1.0 when ``text`` has letters; all are 0.0 when it has none.
    """
    letters = "".join(_LETTER.findall(text))
    counts = script_counts(letters)
    total = len(letters)
    if not total:
        return {**dict.fromkeys(counts, 0.0), "other": 0.0}
    shares = {code: count / total for code, count in counts.items()}
    return {**shares, "other": (total - sum(counts.values())) / total}


def guess_language(text: str) -> str:
    """The language whose script holds more than half of the letters, else the neutral one."""
    shares = language_shares(text)
    shares.pop("other")
    best = max(shares, key=shares.__getitem__)
    return best if shares[best] > 0.5 else NEUTRAL
