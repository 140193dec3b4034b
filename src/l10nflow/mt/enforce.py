"""Glossary enforcement around any engine: n-best reranking, then term forcing, then proof.

For every segment with glossary terms, the preferred target form must appear:

1. decode an n-best list and take the best-scoring hypothesis that contains
   every required term (clitics and inflection allowed, as the matcher reads
   them) and none of their forbidden forms;
2. if none does, decode that segment again with the terms as constraints (the
   engine forces them);
3. verify the final text with the matcher; what is still missing is reported,
   so the entry's notes say so and review catches it.

Engines never see inline markup: the workflow (:mod:`l10nflow.translate`)
removes it before translation and puts it back after, by word alignment. Each
result carries what that needs, the glossary terms of its source with their
renderings in the translation (``anchors``); the workflow sets ``markup_moved``
when a tag could only be placed by relative position.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from l10nflow.glossary.context import context_holds, parse_context
from l10nflow.languages import profile
from l10nflow.mt.base import Constraints, Engine, Hypothesis, RequiredTerm, TranslateOptions


@dataclass(frozen=True)
class TermRequirement:
    """A glossary term found in a source segment and the target form it requires."""

    source: str
    target: str
    entry: object


@dataclass
class EnforcedTranslation:
    """The chosen translation of one segment and how its terms fared."""

    text: str
    score: float
    terms: list[TermRequirement] = field(default_factory=list)
    missing: list[TermRequirement] = field(default_factory=list)
    method: str = "plain"  # plain | n-best | forced
    anchors: list[tuple[str, str]] = field(default_factory=list)  # (source term, its rendering)
    markup_moved: bool = False  # set by the workflow: inline tags placed by position only


def requirements(glossary, text: str, source_lang: str, target_lang: str) -> list[TermRequirement]:
    """The enforced glossary terms of a source segment with a target form, in order, once each.

    A homograph is enforced only in its context (the ``context`` column as a
    pattern, :mod:`l10nflow.glossary.context`), and there even when its
    ``enforce`` column says no; among entries that share a span, the first one
    whose context holds is required.
    """
    if glossary is None:
        return []
    found: list[TermRequirement] = []
    seen: set[int] = set()
    for match in glossary.find_terms(text, source_lang):
        for entry in (match.entry, *match.alternatives):
            pattern = bool(parse_context(entry.context))
            if pattern and not context_holds(
                entry.context, text, match.start, match.end, source_lang
            ):
                continue  # another sense here: perhaps a homograph's
            target = entry.preferred(target_lang)
            if target and (pattern or entry.enforced) and id(entry) not in seen:
                seen.add(id(entry))
                found.append(TermRequirement(match.surface, target, entry))
            break
    return found


def unmet(glossary, text: str, terms: Sequence[TermRequirement], target_lang: str) -> list:
    """The requirements ``text`` fails: a term absent, or one of its forbidden forms present."""
    failing = []
    forbidden_entries = {id(m.entry) for m in glossary.find_forbidden(text, target_lang)}
    for term in terms:
        present = glossary.find_forms(text, term.entry, target_lang)
        if not present or id(term.entry) in forbidden_entries:
            failing.append(term)
    return failing


# Proclitics an Arabic output may attach to a term's first word (ل + ال drops the alef).
def surface_variants(form: str, lang: str) -> list[str]:
    """Other ways a form can stand in running text: proclitics on its first word (Arabic)."""
    known = profile(lang)
    return known.proclitic_variants(form) if known is not None else []


def _constraints(terms: Sequence[TermRequirement], target_lang: str) -> Constraints:
    required = []
    forbidden: list[str] = []
    known = profile(target_lang)
    cased = known is not None and known.cased
    for term in terms:
        forms = [term.target]
        if cased and term.target[:1].islower():
            forms.append(term.target[:1].upper() + term.target[1:])
        required.append(
            RequiredTerm(tuple(forms), tuple(surface_variants(term.target, target_lang)))
        )
        for bad in getattr(term.entry, "forbidden", {}).get(target_lang, ()):
            forbidden += [bad, *surface_variants(bad, target_lang)]
    return Constraints(required=tuple(required), forbidden=tuple(forbidden))


def translate_segments(
    engine: Engine,
    texts: Sequence[str],
    options: TranslateOptions,
    glossary=None,
) -> list[EnforcedTranslation]:
    """Translate ``texts`` (no inline markup) with ``engine``, enforcing ``glossary`` terms
    where there are any; each result's ``anchors`` say where the glossary's terms went."""
    source_lang, target_lang = engine.source_lang, engine.target_lang
    needs = [requirements(glossary, t, source_lang, target_lang) for t in texts]
    nbest = (
        options
        if not any(needs)
        else replace(options, num_hypotheses=max(options.num_hypotheses, min(options.num_beams, 8)))
    )
    first = engine.translate_batch(texts, nbest)
    results: list[EnforcedTranslation] = []
    retry: list[int] = []
    for index, (hypotheses, terms) in enumerate(zip(first, needs, strict=True)):
        chosen = _first_satisfying(glossary, hypotheses, terms, target_lang)
        if chosen is None:
            retry.append(index)
            chosen = hypotheses[0]
        method = "plain" if not terms else ("n-best" if chosen is not hypotheses[0] else "plain")
        results.append(EnforcedTranslation(chosen.text, chosen.score, terms, [], method))
    if retry:
        forced = engine.translate_batch(
            [texts[i] for i in retry],
            replace(options, num_hypotheses=1),
            [_constraints(needs[i], target_lang) for i in retry],
        )
        for index, hypotheses in zip(retry, forced, strict=True):
            best = hypotheses[0]
            results[index] = EnforcedTranslation(best.text, best.score, needs[index], [], "forced")
    for text, result in zip(texts, results, strict=True):
        if result.terms:
            result.missing = unmet(glossary, result.text, result.terms, target_lang)
        result.anchors = _anchors(glossary, text, result.text, engine)
    return results


def _anchors(glossary, source: str, target: str, engine: Engine) -> list[tuple[str, str]]:
    """(source term, its rendering in ``target``) pairs: where inline tags around a term go."""
    if glossary is None:
        return []
    anchors = []
    for match in glossary.find_terms(source, engine.source_lang):
        for entry in (match.entry, *match.alternatives):
            found = glossary.find_forms(target, entry, engine.target_lang)
            if found:
                anchors.append((match.surface, found[0].surface))
                break
    return anchors


def _first_satisfying(
    glossary, hypotheses: Sequence[Hypothesis], terms: Sequence[TermRequirement], target_lang: str
) -> Hypothesis | None:
    if not terms:
        return hypotheses[0]
    for hypothesis in hypotheses:
        if not unmet(glossary, hypothesis.text, terms, target_lang):
            return hypothesis
    return None
