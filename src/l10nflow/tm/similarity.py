"""The memory's similarity is the project's one definition: :mod:`l10nflow.similarity`.

Kept as an import path for callers of earlier versions.
"""

from l10nflow.similarity import (
    DEFAULT_THRESHOLD,
    FuzzyIndex,
    key_similarity,
    match_key,
    similarity,
)

__all__ = ["DEFAULT_THRESHOLD", "FuzzyIndex", "key_similarity", "match_key", "similarity"]
