"""Lemma tables for spaCy's rule lemmatizer, counted from UD English-EWT train (``spacy train --code``).

``config_fast.cfg`` lemmatizes by lookup instead of with a trained edit-tree model: a form seen in
train with its part of speech gets the lemma it had most often there (``lemma_exc``), a form seen
with other parts of speech only its most frequent lemma, an unseen one the most frequent suffix
rewrite train shows for that part of speech (``lemma_rules``), else itself. A dictionary access per
word instead of a softmax over ~1,000 edit trees; on EWT dev it scores 97.6 with gold UPOS, and
follows the tagger's errors otherwise (README, pipeline table). Proper nouns get no tables: spaCy's
lemmatizer then keeps them as written. The tables ship inside the model (CC BY-SA, as the rest of it).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from spacy.lookups import Lookups
from spacy.util import registry

MIN_RULE_COUNT = 3  # a suffix rewrite seen fewer times in train is an accident of spelling, not a rule


def _words(path: Path):
    """(form, lemma, UPOS) of each syntactic word of a CoNLL-U file (multiword ranges skipped)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        yield cols[1], cols[2], cols[3]


def _rewrite(form: str, lemma: str) -> tuple[str, str]:
    """The suffix of ``form`` that turns into the suffix of ``lemma`` after their common prefix."""
    k = 0
    while k < min(len(form), len(lemma)) and form[k] == lemma[k]:
        k += 1
    return form[k:], lemma[k:]


def build_tables(path: Path, min_rule_count: int = MIN_RULE_COUNT) -> Lookups:
    """``lemma_exc`` and ``lemma_rules`` per lower-cased UPOS, from the words of a CoNLL-U file."""
    lemmas: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    anyhow: dict[str, Counter] = defaultdict(Counter)  # form -> lemmas under any part of speech
    for form, lemma, upos in _words(path):
        if lemma == "_":
            continue
        anyhow[form.lower()][lemma] += 1
        if upos != "PROPN":
            lemmas[upos.lower()][form.lower()][lemma] += 1
    exc: dict[str, dict[str, list[str]]] = {}
    rules: dict[str, list[list[str]]] = {}
    for pos, forms in sorted(lemmas.items()):
        # A known word tagged with a part of speech train never gave it (a tagging error, mostly) keeps
        # its usual lemma rather than going through the suffix rules.
        exc[pos] = {form: [(forms[form] if form in forms else counts).most_common(1)[0][0]] for form, counts in sorted(anyhow.items())}
        rewrites: Counter = Counter()
        for form, counts in forms.items():
            lemma = counts.most_common(1)[0][0].lower()
            if lemma != form:
                rewrites[_rewrite(form, lemma)] += 1
        ordered = [[old, new] for (old, new), n in sorted(rewrites.items(), key=lambda r: (-r[1], r[0])) if n >= min_rule_count and old]
        rules[pos] = ordered + [["", ""]]  # nothing else applies: the lower-cased form is the lemma
    lookups = Lookups()
    lookups.add_table("lemma_exc", exc)
    lookups.add_table("lemma_rules", rules)
    return lookups


@registry.misc("hwresearch.ewt_lemma_tables.v1")
def ewt_lemma_tables(path: str) -> Lookups:
    """The tables for ``[initialize.components.lemmatizer] lookups`` in training/config.cfg."""
    return build_tables(Path(path))
