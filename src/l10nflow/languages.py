"""The language profiles: what l10nflow knows about each language, in one place.

A :class:`Profile` holds a language's script (a character class and a letter test),
its writing direction, the target token a multi-target Marian model needs, its
native punctuation and digits. The segmenter, the glossary matcher, the engines,
the checks and assembly ask here; adding a language means one profile here plus
its segmentation rules (``segment/<code>.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Profile:
    """One language's facts."""

    code: str
    name: str
    script: str  # a regex character class of the script's characters
    direction: str = "ltr"  # "rtl" or "ltr"
    marian_token: str | None = None  # what a multi-target OPUS-MT model needs (">>ara<<")
    native_punctuation: dict[str, str] = field(default_factory=dict)  # Latin mark -> native
    digits: str = "0123456789"

    @property
    def script_pattern(self) -> re.Pattern[str]:
        return _compiled(self.script)

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compiled(character_class: str) -> re.Pattern[str]:
    pattern = _PATTERNS.get(character_class)
    if pattern is None:
        pattern = _PATTERNS[character_class] = re.compile(character_class)
    return pattern


# The Arabic script: the Arabic block, Supplement, Extended-A/B, presentation forms.
ARABIC_SCRIPT = "[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
LATIN_SCRIPT = "[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff\uff21-\uff5a]"

PROFILES: dict[str, Profile] = {
    "ar": Profile(
        code="ar",
        name="Arabic",
        script=ARABIC_SCRIPT,
        direction="rtl",
        marian_token=">>ara<<",
        native_punctuation={",": "،", ";": "؛", "?": "؟"},
        digits="٠١٢٣٤٥٦٧٨٩",
    ),
    "en": Profile(code="en", name="English", script=LATIN_SCRIPT),
}
LANGUAGES: tuple[str, ...] = tuple(PROFILES)
# Other right-to-left languages a catalog or page may name (for dir="rtl").
_RTL_OTHERS = frozenset({"fa", "he", "ur", "ps", "yi", "dv"})


def primary(code: str) -> str:
    """The primary subtag of a language code, lower-cased: ``ar-EG`` → ``ar``."""
    return code.replace("_", "-").split("-", 1)[0].lower()


def profile(code: str) -> Profile | None:
    """The profile of a language code (``ar``, ``ar-QA``, ``ar_EG``), or None."""
    return PROFILES.get(primary(code))


def direction(code: str) -> str:
    """``rtl`` or ``ltr`` for a language code."""
    known = profile(code)
    if known is not None:
        return known.direction
    return "rtl" if primary(code) in _RTL_OTHERS else "ltr"


def name(code: str) -> str:
    """The English name of a language l10nflow knows (else the code itself)."""
    known = profile(code)
    return known.name if known is not None else code
