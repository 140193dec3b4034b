"""The one term matcher: an index over normalised glossary forms, and the matching rules.

Every form is tokenised with :func:`l10nflow.textnorm.tokenize_for_matching` and
turned into a *key*: its normalised words joined by their separators. A space
or a hyphen between words is a "join": it becomes ``" "`` in Arabic and nothing
at all in English, so ``counter-terrorism``, ``counter terrorism`` and
``counterterrorism`` share the key ``counterterrorism``; any other separator
(``.``, ``/``, ``&``) is kept, so ``U.S.`` never matches ``us``. A text matches
where a run of its words, joined the same way, spells a key. The index holds a
dict of keys and a set of key prefixes, so a scan costs a few dict look-ups
per word whatever the glossary size, and per-word analyses are cached.

Word-level rules (a match always covers whole words of the text):

Arabic, first word of a term
  * proclitics: ``و ف`` (conjunctions), then ``ب ك ل`` (prepositions), then the
    article ``ال``; ``ل + ال`` is written ``لل`` («للحرس الوطني»). Stripping is
    valid only when the rest equals the term's word exactly, and leaves at
    least 2 letters (3 when the article itself is stripped: «والدة» is not
    ``و + ال + دة``).
  * a term written without the article also matches with it («القيادة» for
    «قيادة»).
  * a term whose first word has the article matches that word without it only
    where grammar drops it: before an enclitic pronoun («قيادته», «قواتنا
    المسلحة»), or, for a one-word term, in construct state directly before a
    definite word («قوات الحرس» for «القوات»). Non-first words never lose or
    gain the article («وزارة دفاع» is not «وزارة الدفاع»).
Arabic, last word of a term (and the first word when it carries no article)
  * enclitic pronouns ``ه ها هم هن هما كم كن نا ي`` on a word without the
    article, for nouns (an entry whose ``pos`` column names another part of
    speech takes none). Before an enclitic ``ة`` is written ``ت`` («قيادته» ~
    «قيادة»), ``ى`` is written ``ا`` («مستواه»), final hamza sits on ``ؤ``/``ئ``.
    The pronoun must be a real ``ه``, never a ``ة`` («العقيدة» is not «العقيد»),
    and ``ي`` (my) is only taken after ``ت`` (from ``ة``), because nisba
    adjectives end in ``ي`` («أمني» is not «أمن»).
Arabic, every word of a term: number, gender and case endings
  * dual ``-ان/-ين`` (``-تان/-تين`` of a ``ة`` word), sound plurals ``-ون/-ين``
    and ``-ات``, the nisba feminine ``-ية``, the accusative alef of an
    indefinite word (``جنديًا``; on the source side only for a term's first word
    in construct state, the dual «قائدا الكتيبتين», as «مشيرًا إلى» is "pointing
    out", not «المشير»), a plural's ``-و`` before a pronoun; the stem
    keeps three letters («الأمان» is not «الأم»). Broken plurals come from the
    entry's ``plural:xx`` column, indexed as the preferred form (their
    adjectives read through the same endings).
  * a definite term also matches without its articles when every word drops
    them («خبير عسكري»), or when the word carries an ending; a ``lenient``
    (target-side) index also takes the bare indefinite («جندي»).
English, last word of a term
  * plural ``s``, ``es`` (after s, x, z, ch, sh), ``y → ies``, ``man → men``,
    ``person → people`` (the irregular plurals of the defense glossary), possessive
    ``'s`` (a plural possessive's final ``'`` is punctuation, not part of the
    word). Case-insensitive unless the entry's ``case`` column says
    ``sensitive``. No spelling variants: alternates are listed in the cell.
  * target side (``lenient``): a two-noun compound also as its "of" phrase
    («commanders of the two battalions» for ``battalion commander``).

Overlaps: among all candidate matches the longest span wins, then the leftmost;
spans never overlap; an exact match beats one with clitics on the same span,
then glossary order decides and the other entries become ``alternatives``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from l10nflow.glossary.entry import GlossaryEntry, TermMatch
from l10nflow.languages import PROFILES
from l10nflow.textnorm import (
    Token,
    TokenColumns,
    arabic_base,
    arabic_fold,
    is_arabic_lang,
    normalize_en,
    primary_lang,
    token_columns,
    tokenize_for_matching,
)

__all__ = ["MatchIndex", "form_key"]

_AR = PROFILES["ar"]
_ARTICLE = _AR.article
_CONJUNCTIONS = ("", *_AR.conjunctions)
_PREPOSITIONS = ("", *_AR.prepositions)
_ENCLITICS = _AR.enclitics  # longest first, so that "هما" is tried before "ها"/"ه"
_ENCLITIC_ENDINGS = frozenset(p[-1] for p in _ENCLITICS)
_HEADS = tuple((c + p, p) for c in _CONJUNCTIONS for p in _PREPOSITIONS)
_PROCLITIC_INITIALS = frozenset(c[0] for c in (*_CONJUNCTIONS, *_PREPOSITIONS, _ARTICLE) if c)
_MIN_STEM = 2
_MIN_STEM_WITHOUT_ARTICLE = 3
_CACHE_LIMIT = 200_000

_JOIN_GAP = re.compile(r"[\s\u200e\u200f\u061c]*|[-\u2010\u2011\u2012\u2013\u2212]")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
_STRIP_GAP = re.compile(r"[\s\u200e\u200f\u061c]+")


@dataclass(frozen=True, slots=True)
class _Ref:
    """A glossary form as indexed: where it comes from and what it needs."""

    entry: GlossaryEntry
    order: int
    form: str
    normalized: str
    form_index: int
    case_key: str | None  # case-preserving key, for case-sensitive entries
    enclitics: bool  # Arabic enclitic pronouns allowed
    variant: str = ""  # a form of the ``plural:xx`` column that stands for ``form``


class _Reading(NamedTuple):
    """One way to read a text word: the key part it stands for and what was stripped."""

    key: str
    prefix: str
    suffix: str
    nodef: bool  # stands for a term word whose article the text dropped
    pronoun: bool = False  # an enclitic pronoun was taken off: the word ends a term


class _Candidate(NamedTuple):
    start: int
    end: int
    rank: int
    ref: _Ref
    prefix: str
    suffix: str


class _Table:
    """Keys of the indexed forms and the prefixes a scan may extend."""

    def __init__(self) -> None:
        self.keys: dict[str, list[_Ref]] = {}
        self.prefixes: set[str] = set()
        self.starts: set[str] = set()  # what a scan may start with: first words, or prefixes

    def add(self, key: str, ref: _Ref, prefixes: Iterable[str], start: str | None) -> None:
        """Index ``ref`` under ``key``; ``start`` is its first word (None: any prefix)."""
        prefixes = list(prefixes)
        self.keys.setdefault(key, []).append(ref)
        self.prefixes.update(prefixes)
        self.starts.update((start,) if start is not None else (*prefixes, key))


def _gap_key(gap: str, joiner: str) -> str:
    """How the text between two words takes part in a key."""
    if gap == " ":
        return joiner
    if _JOIN_GAP.fullmatch(gap) and not _PARAGRAPH_BREAK.search(gap):
        return joiner
    return normalize_en(_STRIP_GAP.sub("", gap)) or "\n\n"  # punctuation, or a paragraph break


def _key_parts(tokens: Sequence[Token], text: str, joiner: str) -> list[str]:
    """The key of a token run, as the cumulative key after each word."""
    parts: list[str] = []
    key = ""
    for i, token in enumerate(tokens):
        if i:
            key += _gap_key(text[tokens[i - 1].end : token.start], joiner)
        key += token.norm
        parts.append(key)
    return parts


def _joiner(lang: str) -> str:
    return " " if is_arabic_lang(lang) else ""


def form_key(form: str, lang: str) -> str:
    """The key under which the matcher indexes ``form``: equal keys are indistinguishable."""
    parts = _key_parts(tokenize_for_matching(form, lang), form, _joiner(lang))
    return parts[-1] if parts else ""


def _case_key(text: str, lang: str) -> str:
    """A case-preserving key (same joins as :func:`form_key`, no case folding)."""
    tokens = tokenize_for_matching(text, lang)
    parts: list[str] = []
    for i, token in enumerate(tokens):
        if i:
            parts.append(_gap_key(text[tokens[i - 1].end : token.start], _joiner(lang)))
        parts.append(normalize_en(token.surface, casefold=False))
    return "".join(parts)


# --- Arabic word analysis ---------------------------------------------------------------


def _arabic_enclitic_stems(word: str) -> list[tuple[str, str]]:
    """(stem, pronoun) pairs for ``word`` (base form) carrying an enclitic pronoun."""
    if word[-1:] not in _ENCLITIC_ENDINGS or word.startswith(_ARTICLE):
        return []  # no pronoun ending, or a definite word, which never takes a pronoun
    found: list[tuple[str, str]] = []
    for pronoun in _ENCLITICS:
        if not word.endswith(pronoun) or len(word) - len(pronoun) < _MIN_STEM:
            continue
        stem = word[: -len(pronoun)]
        if stem.endswith("ت"):
            found.append((stem[:-1] + "ة", pronoun))
        if pronoun == "ي":
            continue  # "my" only after ta marbuta: nisba adjectives end in ي
        found.append((stem, pronoun))
        if stem.endswith("ا"):
            found.append((stem[:-1] + "ى", pronoun))
        if stem[-1] in "ؤئ":
            found.append((stem[:-1] + "ء", pronoun))
    return found


def _arabic_proclitic_splits(word: str) -> list[tuple[str, str, bool]]:
    """(prefix, rest, article_stripped) for every valid proclitic split of ``word``.

    ``rest`` keeps a leading article unless ``article_stripped``; the first
    element is always the whole word.
    """
    splits: list[tuple[str, str, bool]] = [("", word, False)]
    if word[:1] not in _PROCLITIC_INITIALS:
        return splits
    for head, prep in _HEADS:
        if not word.startswith(head):
            continue
        rest = word[len(head) :]
        if head and len(rest) >= _MIN_STEM:
            splits.append((head, rest, False))
        if prep == "ل" and rest.startswith("ل") and len(rest) > _MIN_STEM:
            splits.append((head, "ا" + rest, False))  # ل + ال is written لل
            if len(rest) - 1 >= _MIN_STEM_WITHOUT_ARTICLE:
                splits.append((head + "ل", rest[1:], True))
        if rest.startswith(_ARTICLE) and len(rest) - 2 >= _MIN_STEM_WITHOUT_ARTICLE:
            splits.append((head + _ARTICLE, rest[2:], True))
    return splits


def _arabic_inflections(
    word: str, definite: bool, pronoun: bool, accusative: bool = True
) -> list[tuple[str, str]]:
    """(stem, ending) pairs for ``word`` (base form, clitics off) with a number/gender/case ending.

    Dual ``-ان/-ين`` (``-تان/-تين`` of a ``ة`` word), sound plurals ``-ون/-ين`` and
    ``-ات`` (of a ``ة`` word, or a nisba ``-يات``), the feminine ``-ة`` of a nisba
    adjective, the accusative alef of an indefinite word (``جنديًا``) and, before a
    pronoun, the ``-و`` of a plural in construct state (``مهندسوه``). A stem keeps at
    least three letters besides the article, and ``ة`` is never a pronoun
    («العقيدة» is not «العقيد»).
    """
    floor = _MIN_STEM_WITHOUT_ARTICLE + (len(_ARTICLE) if word.startswith(_ARTICLE) else 0)
    found: list[tuple[str, str]] = []

    def add(stem: str, ending: str) -> None:
        if len(stem) >= floor:
            found.append((stem, ending))

    if word.endswith(("تان", "تين")):
        add(word[:-3] + "ة", word[-3:])
    if word.endswith("ات"):
        add(word[:-2] + "ة", "ات")
        if word.endswith("يات"):
            add(word[:-2], "ات")
    if word.endswith(("ان", "ين", "ون")):
        add(word[:-2], word[-2:])
    if word.endswith("ية"):
        add(word[:-1], "ة")
    if not definite and word.endswith("ا") and (accusative or pronoun):
        add(word[:-1], "ا")
    if pronoun and word.endswith("و"):
        add(word[:-1], "و")
    for stem, ending in list(found):  # a nisba's feminine dual or plural: عسكريتين
        if ending != "ة" and stem.endswith("ية"):
            add(stem[:-1], "ة" + ending)
    return found


def _arabic_word_forms(
    word: str, definite: bool, pronoun: bool, accusative: bool
) -> list[tuple[str, str]]:
    """``word`` itself (no ending), then the stems its inflectional endings leave."""
    return [(word, ""), *_arabic_inflections(word, definite, pronoun, accusative)]


def _arabic_first_readings(
    word: str, alive: Callable[[str, bool], bool], accusative: bool
) -> list[_Reading]:
    """Readings of a text word (base form) as the first word of a term, kept if ``alive``;
    ``accusative``: also without an accusative alef (target side only: «مشيرًا» is
    mostly "pointing out", not «المشير»)."""
    readings: list[_Reading] = []
    for prefix, rest, article_stripped in _arabic_proclitic_splits(word):
        definite = rest.startswith(_ARTICLE) or article_stripped
        for stem, ending in _arabic_word_forms(rest, definite, False, accusative):
            key = arabic_fold(stem)
            if alive(key, False):
                readings.append(_Reading(key, prefix, ending, False))
            if not definite and alive(key, True):
                readings.append(_Reading(key, prefix, ending, True))
        if definite:
            continue  # a definite word neither drops its article nor takes a pronoun
        for stem, pronoun in _arabic_enclitic_stems(rest):
            for inner, ending in _arabic_word_forms(stem, False, True, accusative):
                key = arabic_fold(inner)
                readings += [
                    _Reading(key, prefix, ending + pronoun, d, True)
                    for d in (False, True)
                    if alive(key, d)
                ]
    return readings


def _arabic_next_readings(word: str, accusative: bool) -> list[_Reading]:
    """Readings of a text word (base form) as a later word of a term: itself, inflected,
    or carrying a pronoun (then it ends the term)."""
    definite = word.startswith(_ARTICLE)
    readings = [
        _Reading(arabic_fold(stem), "", ending, False)
        for stem, ending in _arabic_word_forms(word, definite, False, accusative)
    ]
    if not definite:
        for stem, pronoun in _arabic_enclitic_stems(word):
            readings += [
                _Reading(arabic_fold(inner), "", ending + pronoun, False, True)
                for inner, ending in _arabic_word_forms(stem, False, True, accusative)
            ]
    return readings


# --- English word analysis --------------------------------------------------------------


def _english_inflections(word: str) -> list[tuple[str, str]]:
    """(base, suffix) pairs for a normalised English word with a plural or possessive."""
    found: list[tuple[str, str]] = []
    if word.endswith("men") and len(word) > 4:  # airmen, spokeswomen
        found.append((word[:-3] + "man", "men"))
    if word.endswith("people") and len(word) > 6:  # spokespeople
        found.append((word[:-6] + "person", "people"))
    if word.endswith("'s") and len(word) > 2:
        found.append((word[:-2], "'s"))
    if word.endswith("ies") and len(word) > 4:
        found.append((word[:-3] + "y", "ies"))
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        found.append((word[:-2], "es"))
    if word.endswith("s") and not word.endswith(("ss", "'s")) and len(word) > 2:
        found.append((word[:-1], "s"))
    return found


_OF_DETERMINERS = ("", "the ", "a ", "an ", "its ", "their ", "his ", "her ", "two ", "the two ")


def _english_plural(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _english_of_phrases(form: str) -> list[str]:
    """A two-noun compound said with "of": «commander(s) of the (two) battalion(s)» for
    ``battalion commander`` (target side only: a rendering, not a new term)."""
    words = form.split()
    if len(words) != 2 or not all(w.isalpha() and w.islower() for w in words):
        return []
    modifier, head = words
    return [
        f"{h} of {d}{m}"
        for h in (head, _english_plural(head))
        for d in _OF_DETERMINERS
        for m in (modifier, _english_plural(modifier))
    ]


# --- the index --------------------------------------------------------------------------


class MatchIndex:
    """Accepted (``kind="forms"``) or forbidden forms of some entries in one language.

    A definite Arabic term also matches without its articles where the word
    shows it is the term: a multi-word term with every article dropped («خبير
    عسكري» for «الخبير العسكري»), a word with a number or case ending («جنديان»,
    «قوات»), a pronoun, or a construct state. A ``lenient`` index (the target
    side: is a required term rendered?) also takes the bare indefinite word
    («جندي» for «الجندي»): a translation may say "a soldier" where the glossary
    lists "the soldier"; source-side scans leave it out, as it is often another
    sense («قوة» strength, for «القوة» force).
    """

    def __init__(
        self,
        entries: Sequence[GlossaryEntry],
        lang: str,
        kind: str = "forms",
        *,
        lenient: bool = False,
    ):
        if kind not in ("forms", "forbidden"):
            raise ValueError(f"unknown kind {kind!r}")
        self.lang = lang
        self.arabic = is_arabic_lang(lang)
        self.english = primary_lang(lang) == "en"
        self.joiner = _joiner(lang)
        self.main = _Table()
        self.nodef = _Table()  # Arabic: keys of definite-first forms without the article
        self.indef = _Table()  # Arabic: keys of definite-first forms without any article
        self.lenient = lenient
        self._nodef_tables = (self.nodef, self.indef)
        self._first_cache: dict[str, tuple[_Reading, ...]] = {}
        self._next_cache: dict[str, tuple[_Reading, ...]] = {}
        for order, entry in enumerate(entries):
            cells = entry.forms if kind == "forms" else entry.forbidden
            forms = cells.get(lang, ())
            for form_index, form in enumerate(forms):
                self._add(entry, order, form, form_index)
            if forms and kind == "forms":
                for variant in entry.plurals(lang):
                    self._add(entry, order, forms[0], 0, variant)
                if self.lenient and self.english:
                    for form_index, form in enumerate(forms):
                        for variant in _english_of_phrases(form):
                            self._add(entry, order, form, form_index, variant)

    def _add(
        self, entry: GlossaryEntry, order: int, form: str, form_index: int, variant: str = ""
    ) -> None:
        written = variant or form
        tokens = tokenize_for_matching(written, self.lang)
        if not tokens:
            return
        if variant and self.arabic:
            tokens = _agreeing(tokens, tokenize_for_matching(form, self.lang))
        parts = _key_parts(tokens, written, self.joiner)
        ref = _Ref(
            entry=entry,
            order=order,
            form=form,
            normalized=form_key(form, self.lang) if variant else parts[-1],
            form_index=form_index,
            case_key=_case_key(written, self.lang) if entry.case_sensitive else None,
            enclitics=entry.allows_enclitics,
            variant=variant,
        )
        first = tokens[0].norm
        self.main.add(parts[-1], ref, self._prefixes(parts), first if self.arabic else None)
        if self.arabic and first.startswith(_ARTICLE) and len(first) - 2 >= _MIN_STEM:
            cut = len(_ARTICLE)  # the folds keep ا and ل, so the article is 2 characters
            self.nodef.add(parts[-1][cut:], ref, [p[cut:] for p in parts[:-1]], first[cut:])
            if len(tokens) > 1:
                bare = [t._replace(norm=_AR.without_article(t.norm, _MIN_STEM)) for t in tokens]
                parts = _key_parts(bare, written, self.joiner)
                self.indef.add(parts[-1], ref, parts[:-1], bare[0].norm)

    def _prefixes(self, parts: list[str]) -> list[str]:
        if self.arabic:
            return parts[:-1]
        key = parts[-1]  # English joins words freely: every character prefix
        return [key[:i] for i in range(1, len(key))]

    # -- per-word readings, cached --

    def _first_readings(self, surface: str, norm: str) -> tuple[_Reading, ...]:
        readings = self._first_cache.get(surface)
        if readings is None:
            readings = tuple(dict.fromkeys(self._analyse_first(surface, norm)))
            self._remember(self._first_cache, surface, readings)
        return readings

    def _analyse_first(self, surface: str, norm: str) -> list[_Reading]:
        if self.arabic:
            return _arabic_first_readings(arabic_base(surface), self._alive, True)
        readings = [_Reading(norm, "", "", False)]
        if self.english:
            readings += [_Reading(b, "", s, False, True) for b, s in _english_inflections(norm)]
        return [r for r in readings if self._alive(r.key, False)]

    def _alive(self, key: str, nodef: bool) -> bool:
        if not nodef:
            return key in self.main.starts
        return any(key in table.starts for table in self._nodef_tables)

    def _next_readings(self, surface: str, norm: str) -> tuple[_Reading, ...]:
        """How a word can continue a term: as itself first, then inflected (cached)."""
        readings = self._next_cache.get(surface)
        if readings is None:
            if self.arabic:
                found = _arabic_next_readings(arabic_base(surface), self.lenient)
                found[0] = _Reading(norm, "", "", False)
            else:
                found = [_Reading(norm, "", "", False)]
                if self.english:
                    found += [
                        _Reading(b, "", s, False, True) for b, s in _english_inflections(norm)
                    ]
            readings = tuple(dict.fromkeys(found))
            self._remember(self._next_cache, surface, readings)
        return readings

    @staticmethod
    def _remember(cache: dict, key: str, value: tuple) -> None:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[key] = value

    # -- scanning --

    def find(self, text: str) -> list[TermMatch]:
        """All matches in ``text``: longest first, no overlaps, returned in text order."""
        if not self.main.keys:
            return []
        columns = token_columns(text, self.lang)
        candidates: list[_Candidate] = []
        for i, readings in enumerate(map(self._first_cache.get, columns.surfaces)):
            if readings is None:
                readings = self._first_readings(columns.surfaces[i], columns.norms[i])
            for reading in readings:
                accusative = reading.suffix == "ا" and not self.lenient
                if accusative and not self._construct(text, columns, i):
                    continue  # «مشيرًا إلى»: an accusative, on the source side no term
                if not reading.nodef:
                    self._extend(text, columns, i, reading, self.main, candidates)
                    continue
                for table in self._nodef_tables:
                    self._extend(text, columns, i, reading, table, candidates)
        return _select(text, self.lang, candidates) if candidates else []

    def _extend(
        self,
        text: str,
        columns: TokenColumns,
        i: int,
        reading: _Reading,
        table: _Table,
        out: list[_Candidate],
    ) -> None:
        """Candidates starting at token ``i`` read as ``reading``, in ``table``."""
        starts, ends, surfaces, norms = columns
        start = starts[i]
        if reading.key in table.keys and (
            table is not self.nodef or self._single_word_ok(text, columns, i, reading)
        ):
            self._emit(text, table.keys[reading.key], start, ends[i], reading, "", False, out)
        # A word with a pronoun or an English inflection ends a term, except a definite
        # first word whose article gave way to its pronoun («قواتنا المسلحة»).
        if reading.pronoun and not reading.nodef:
            return
        if table is self.nodef and not reading.pronoun:
            return  # construct state applies to one-word terms only
        if reading.key not in table.prefixes:
            return
        stack = [(i + 1, reading.key, "", False)]
        while stack:
            j, key, suffix, pronoun = stack.pop()
            if j >= len(surfaces):
                continue
            key += _gap_key(text[ends[j - 1] : starts[j]], self.joiner)
            for word in self._next_readings(surfaces[j], norms[j]):
                longer = key + word.key
                refs = table.keys.get(longer)
                if refs:
                    ending = suffix + word.suffix
                    self._emit(
                        text, refs, start, ends[j], reading, ending, pronoun or word.pronoun, out
                    )
                if not word.pronoun and longer in table.prefixes:
                    stack.append((j + 1, longer, suffix + word.suffix, pronoun))

    def _single_word_ok(self, text: str, columns: TokenColumns, i: int, reading: _Reading) -> bool:
        """A definite one-word term without its article needs an ending, a pronoun or a
        construct state (any indefinite form on the target side)."""
        if reading.suffix or self.lenient:
            return True
        return self._construct(text, columns, i)

    def _construct(self, text: str, columns: TokenColumns, i: int) -> bool:
        """Whether word ``i`` stands in construct state: a definite word follows directly."""
        if i + 1 >= len(columns.surfaces):
            return False
        gap = text[columns.ends[i] : columns.starts[i + 1]]
        following = arabic_base(columns.surfaces[i + 1])
        return (
            not gap.strip() and following.startswith(_ARTICLE) and len(following) - 2 >= _MIN_STEM
        )

    def _emit(
        self,
        text: str,
        refs: list[_Ref],
        start: int,
        end: int,
        first: _Reading,
        suffix: str,
        pronoun: bool,
        out: list[_Candidate],
    ) -> None:
        suffix = first.suffix + suffix
        pronoun = pronoun or first.pronoun
        rank = (1 if first.prefix else 0) + (2 if suffix or first.nodef else 0)
        for ref in refs:
            if pronoun and self.arabic and not ref.enclitics:
                continue
            if ref.case_key and not _case_matches(text[start:end], ref.case_key, suffix, self.lang):
                continue
            out.append(
                _Candidate(start, end, rank + (2 if ref.variant else 0), ref, first.prefix, suffix)
            )


def _agreeing(variant: Sequence[Token], form: Sequence[Token]) -> tuple[Token, ...]:
    """A plural's words, each read as the form's word where an inflection explains it.

    «الضباط الأمريكيون» for «الضابط الأمريكي» is indexed as «الضباط الأمريكي», so
    the adjective's endings vary as the matcher reads them («الضباط الأمريكيين»).
    """
    if len(variant) != len(form):
        return tuple(variant)
    words = []
    for word, lemma in zip(variant, form, strict=True):
        stems = {
            arabic_fold(s) for s, _ in _arabic_inflections(arabic_base(word.surface), True, False)
        }
        words.append(word._replace(norm=lemma.norm) if lemma.norm in stems else word)
    return tuple(words)


def _case_matches(span: str, expected: str, suffix: str, lang: str) -> bool:
    """Whether a case-sensitive form (its case key) appears in ``span`` with its capitals."""
    observed = _case_key(span, lang)
    if suffix == "ies":
        expected = expected[:-1]
    return observed.startswith(expected)


def _select(text: str, lang: str, candidates: list[_Candidate]) -> list[TermMatch]:
    """Longest span first, then leftmost; no overlaps; best candidate per span wins."""
    # Candidates come in text order of their starts; usually no two spans meet.
    if all(a.end <= b.start for a, b in pairwise(candidates)):
        return [_to_match(text, lang, [candidate]) for candidate in candidates]
    by_span: dict[tuple[int, int], list[_Candidate]] = {}
    for candidate in candidates:
        by_span.setdefault((candidate.start, candidate.end), []).append(candidate)
    chosen: list[TermMatch] = []
    taken: list[tuple[int, int]] = []
    for start, end in sorted(by_span, key=lambda span: (span[0] - span[1], span[0])):
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        chosen.append(_to_match(text, lang, by_span[(start, end)]))
    chosen.sort(key=lambda match: match.start)
    return chosen


def _to_match(text: str, lang: str, candidates: list[_Candidate]) -> TermMatch:
    if len(candidates) > 1:
        candidates = sorted(candidates, key=lambda c: (c.rank, c.ref.order, c.ref.form_index))
    best = candidates[0]
    alternatives: dict[GlossaryEntry, None] = {}
    for candidate in candidates[1:]:
        if candidate.ref.order != best.ref.order:
            alternatives.setdefault(candidate.ref.entry)
    return TermMatch(
        entry=best.ref.entry,
        lang=lang,
        start=best.start,
        end=best.end,
        surface=text[best.start : best.end],
        form=best.ref.form,
        normalized=best.ref.normalized,
        form_index=best.ref.form_index,
        prefix=best.prefix,
        suffix=best.suffix,
        alternatives=tuple(alternatives),
        variant=best.ref.variant,
    )
