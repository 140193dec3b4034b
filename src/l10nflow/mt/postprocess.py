"""Cleaning model output: tokenizer artefacts, spacing, and native Arabic punctuation."""

from __future__ import annotations

import re

from l10nflow.languages import PROFILES, class_body

_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_SPACE_BEFORE_PUNCT = re.compile(r" +([.,;:!?،؛؟)\]»])")
_NATIVE = PROFILES["ar"].native_punctuation
_LATIN_PUNCT_IN_ARABIC = re.compile(
    rf"(?<=[{PROFILES['ar'].script_ranges}\s)»\"])([{class_body(''.join(_NATIVE))}])(?!\d)"
)


def clean_output(pieces_text: str) -> str:
    """Text from concatenated SentencePiece pieces: ``▁`` to spaces, single spaces, trimmed."""
    text = pieces_text.replace("▁", " ").replace("<unk>", " ")
    text = _SPACES.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return text.strip()


def native_punctuation(text: str) -> str:
    """Latin , ; ? in Arabic text become ، ؛ ؟ (not inside numbers such as 12,500)."""
    return _LATIN_PUNCT_IN_ARABIC.sub(lambda m: _NATIVE[m.group(1)], text)
