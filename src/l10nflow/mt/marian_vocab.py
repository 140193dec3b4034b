"""What both Marian engines share, without transformers or torch.

Owns: a Marian folder's vocabulary and SentencePiece models read directly
(:class:`MarianVocab`, the tokenisation the CTranslate2 engine needs); the
target-language token check; the check that a model's scripts match the pair;
and the splitting of segments longer than the model's input at clause
boundaries (never truncated). ``MarianTokenizer`` has the attributes the checks
read (``spm_source``, ``spm_target``, ``supported_language_codes``), so the
checks serve both engines.
"""

from __future__ import annotations

import json
import re
from abc import abstractmethod
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from l10nflow.errors import ModelError
from l10nflow.languages import NEUTRAL, primary, script_language
from l10nflow.languages import name as language_name
from l10nflow.mt.base import Constraints, Engine, Hypothesis, TranslateOptions
from l10nflow.mt.folders import TARGET_LANGUAGE_TOKENS
from l10nflow.mt.postprocess import clean_output

EOS, UNK, PAD = "</s>", "<unk>", "<pad>"
SPECIAL_TOKENS = frozenset({EOS, UNK, PAD})
DEFAULT_MAX_INPUT = 512

_SPECIAL_SPLIT = re.compile(f"({'|'.join(map(re.escape, sorted(SPECIAL_TOKENS)))})")
_CLAUSE_BREAK = re.compile(r"(?<=[،؛,;:])\s+|\s+(?=[-–—]\s)")


class MarianVocab:
    """``vocab.json``, ``source.spm`` and ``target.spm`` of a Marian folder, as token strings."""

    def __init__(self, folder: Path):
        try:
            import sentencepiece
        except ImportError:
            raise ModelError(
                "reading a Marian vocabulary needs sentencepiece: pip install 'l10nflow[fast]' "
                "(or 'l10nflow[mt]')"
            ) from None

        self.folder = folder
        try:
            encoder = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
            settings_path = folder / "tokenizer_config.json"
            settings = (
                json.loads(settings_path.read_text(encoding="utf-8"))
                if settings_path.is_file()
                else {}
            )
            self.spm_source = sentencepiece.SentencePieceProcessor(
                model_file=str(folder / "source.spm")
            )
            self.spm_target = sentencepiece.SentencePieceProcessor(
                model_file=str(folder / "target.spm")
            )
        except (OSError, ValueError, RuntimeError) as error:
            raise ModelError(f"cannot load the tokenizer from {folder}: {error}") from None
        if not isinstance(encoder, dict) or UNK not in encoder or EOS not in encoder:
            raise ModelError(f"{folder / 'vocab.json'} lacks the {UNK} or {EOS} token")
        if settings.get("separate_vocabs"):
            raise ModelError(f"{folder} has separate source and target vocabularies (unsupported)")
        self.encoder: dict[str, int] = encoder
        self.model_max_length = int(settings.get("model_max_length") or DEFAULT_MAX_INPUT)
        self.supported_language_codes = [token for token in encoder if is_language_code(token)]

    def source_tokens(self, text: str, language_token: str | None = None) -> list[str]:
        """The tokens the model reads for ``text``: language token, pieces, ``</s>``.

        The same ids as ``MarianTokenizer`` gives for ``f"{language_token} {text}"`` (what the
        transformers engine reads), unknown pieces as ``<unk>``.
        """
        prefixed = f"{language_token} {text}" if language_token else text
        pieces = marian_pieces(self.spm_source, prefixed)
        return [piece if piece in self.encoder else UNK for piece in pieces] + [EOS]

    def target_pieces(self, phrase: str) -> tuple[str, ...] | None:
        """Pieces of ``phrase`` inside an output sentence; None when the model cannot spell it."""
        pieces = tuple(marian_pieces(self.spm_target, phrase))
        if not pieces or any(p in SPECIAL_TOKENS or p not in self.encoder for p in pieces):
            return None
        return pieces

    def ids(self, tokens: Sequence[str]) -> list[int]:
        """Vocabulary ids of tokens (``<unk>``'s for a token the vocabulary lacks)."""
        unknown = self.encoder[UNK]
        return [self.encoder.get(token, unknown) for token in tokens]

    @staticmethod
    def detokenize(tokens: Sequence[str]) -> str:
        """Output text from output tokens: specials and language codes dropped, then cleaned."""
        kept = (t for t in tokens if t not in SPECIAL_TOKENS and not is_language_code(t))
        return clean_output("".join(kept))


def marian_pieces(spm, text: str) -> list[str]:
    """``MarianTokenizer.tokenize``: the text split at literal special tokens (kept whole), a
    ``>>xx<<`` opening a part kept whole, the rest of each part SentencePiece pieces."""
    tokens: list[str] = []
    for part in _SPECIAL_SPLIT.split(text):
        if part in SPECIAL_TOKENS:
            tokens.append(part)
            continue
        if part.startswith(">>") and (end := part.find("<<")) != -1:
            tokens.append(part[: end + 2])
            part = part[end + 2 :]
        if part:
            tokens.extend(spm.encode(part, out_type=str))
    return tokens


def is_language_code(piece: str) -> bool:
    return piece.startswith(">>") and piece.endswith("<<")


def language_token_for(tokenizer, target_lang: str, folder: Path) -> str | None:
    """The target token a multi-target model needs, checked against its vocabulary."""
    codes = list(getattr(tokenizer, "supported_language_codes", []) or [])
    if not codes:
        return None
    token = TARGET_LANGUAGE_TOKENS.get(target_lang)
    if token not in codes:
        raise ModelError(
            f"model {folder} needs a target-language token, but {token or 'none'} for "
            f"'{target_lang}' is not among its codes ({', '.join(codes[:12])})"
        )
    return token


def check_language_pair(tokenizer, source: str, target: str, folder: Path) -> None:
    """Refuse a model whose vocabularies are in the wrong scripts for the pair."""
    for side, spm, lang in (
        ("source", tokenizer.spm_source, source),
        ("target", tokenizer.spm_target, target),
    ):
        pieces = [spm.id_to_piece(i) for i in range(spm.get_piece_size())]
        by_script = Counter(script_language(p) for p in pieces)
        by_script.pop(None, None)
        script_lang = by_script.most_common(1)[0][0] if by_script else NEUTRAL
        if script_lang != primary(lang):
            raise ModelError(
                f"model {folder} does not translate {source}->{target}: its {side} "
                f"vocabulary is mostly {language_name(script_lang)}"
            )


def dedupe(hypotheses: list[Hypothesis]) -> list[Hypothesis]:
    """Hypotheses with distinct texts, first occurrence kept."""
    seen: set[str] = set()
    unique = []
    for hypothesis in hypotheses:
        if hypothesis.text not in seen:
            seen.add(hypothesis.text)
            unique.append(hypothesis)
    return unique


@dataclass(frozen=True)
class Pieces:
    """Segments as the model reads them: each piece, its tokens, and the index of its segment."""

    texts: list[str]
    tokens: list[Sequence]  # what the engine's tokenizer made of each piece (computed once)
    owners: list[int]
    count: int

    def constraints(self, per_segment: Sequence[Constraints]) -> list[Constraints]:
        """Each piece's constraints; the pieces of a split segment get none (no place known)."""
        parts = Counter(self.owners)
        return [per_segment[o] if parts[o] == 1 else Constraints() for o in self.owners]

    def merge(self, results: Sequence[list[Hypothesis]]) -> list[list[Hypothesis]]:
        """One hypothesis list per segment; a split segment gets its parts' best, joined."""
        grouped: list[list[list[Hypothesis]]] = [[] for _ in range(self.count)]
        for owner, hypotheses in zip(self.owners, results, strict=True):
            grouped[owner].append(hypotheses)
        merged: list[list[Hypothesis]] = []
        for parts in grouped:
            if len(parts) == 1:
                merged.append(parts[0])
            else:
                text = " ".join(p[0].text for p in parts)
                merged.append([Hypothesis(text, sum(p[0].score for p in parts) / len(parts))])
        return merged


class MarianEngineBase(Engine):
    """What both Marian engines do around decoding: long segments are split at clauses
    (never truncated), the pieces decoded, and the parts of a split segment joined again."""

    max_input_tokens: int  # set by each engine from its model

    @abstractmethod
    def encode_source(self, text: str) -> Sequence:
        """What the model reads for ``text`` (language token and ``</s>`` included)."""

    @abstractmethod
    def _translate_pieces(
        self,
        texts: list[str],
        tokens: list[Sequence],
        options: TranslateOptions,
        constraints: list[Constraints],
    ) -> list[list[Hypothesis]]:
        """Hypotheses for each piece (``tokens`` are ``encode_source`` of ``texts``)."""

    def translate_batch(
        self,
        texts: Sequence[str],
        options: TranslateOptions,
        constraints: Sequence[Constraints] | None = None,
    ) -> list[list[Hypothesis]]:
        constraints = list(constraints) if constraints else [Constraints()] * len(texts)
        limit = self.max_input_tokens - 8
        pieces = split_long(texts, self.encode_source, limit, self.stats.warnings)
        results = self._translate_pieces(
            pieces.texts, pieces.tokens, options, pieces.constraints(constraints)
        )
        self.stats.segments += len(texts)
        return pieces.merge(results)


def split_long(
    texts: Sequence[str], tokenize: Callable[[str], Sequence], limit: int, warnings: list[str]
) -> Pieces:
    """Tokenise each segment once; split those longer than ``limit`` tokens at clauses.

    Each split adds a warning naming the segment.
    """
    pieces: list[str] = []
    tokens: list[Sequence] = []
    owners: list[int] = []
    for index, text in enumerate(texts):
        whole = tokenize(text)
        if len(whole) <= limit:
            chunks, chunk_tokens = [text], [whole]
        else:
            chunks = split_at_clauses(text, lambda t: len(tokenize(t)) <= limit)
            chunk_tokens = [tokenize(chunk) for chunk in chunks]
            warnings.append(
                f"segment too long for the model ({len(whole)} tokens > {limit}); translated in "
                f"{len(chunks)} parts split at clause boundaries: {text[:50]!r}"
            )
        pieces.extend(chunks)
        tokens.extend(chunk_tokens)
        owners.extend([index] * len(chunks))
    return Pieces(pieces, tokens, owners, len(texts))


def split_at_clauses(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Split ``text`` into pieces that fit, at clause punctuation first, then between words."""
    if fits(text):
        return [text]
    parts = [p for p in _CLAUSE_BREAK.split(text) if p]
    if len(parts) == 1:
        words = text.split()
        if len(words) == 1:
            return [text]
        parts = [" ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])]
    chunks: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current} {part}".strip()
        if current and not fits(candidate):
            chunks.append(current)
            current = part
        else:
            current = candidate
    if current:
        chunks.append(current)
    result: list[str] = []
    for chunk in chunks:
        result.extend(split_at_clauses(chunk, fits) if not fits(chunk) else [chunk])
    return result
