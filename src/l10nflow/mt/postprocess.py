"""Cleaning model output: tokenizer artefacts, spacing, and native Arabic punctuation."""

from __future__ import annotations

import re
from functools import cache

from l10nflow.languages import PROFILES, class_body, profile

_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_SPACE_BEFORE_PUNCT = re.compile(r" +([.,;:!?،؛؟)\]»])")


def clean_output(pieces_text: str) -> str:
    """Text from concatenated SentencePiece pieces: ``▁`` to spaces, single spaces, trimmed."""
    text = pieces_text.replace("▁", " ").replace("<unk>", " ")
    text = _SPACES.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return text.strip()


def native_punctuation(text: str, lang: str) -> str:
    """Latin marks after the language's script become its native ones (Arabic: , ; ? become
    ، ؛ ؟), not inside numbers such as 12,500; a language without native marks is left as is."""
    known = profile(lang)
    if known is None or not known.native_punctuation:
        return text
    native = known.native_punctuation
    return _latin_marks_after_script(known.code).sub(lambda m: native[m.group(1)], text)


@cache
def _latin_marks_after_script(code: str) -> re.Pattern[str]:
    known = PROFILES[code]
    marks = class_body("".join(known.native_punctuation))
    return re.compile(rf"(?<=[{known.script_ranges}\s)»\"])([{marks}])(?!\d)")
