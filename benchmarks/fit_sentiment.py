"""Fit the target-sentiment model on NewsMTSC ``rw_train`` and write ``hwresearch/data/sentiment_model.json``.

A multinomial logistic regression with an L2 penalty, over ``hwresearch.sentiment.context_features``,
fitted with full-batch Adam in numpy (deterministic: no sampling, fixed fold seed). The L2 strength is
chosen by 5-fold cross-validation on train only (macro-F1); dev is never looked at here. Features seen
in fewer than MIN_COUNT training rows are dropped (a floor of 3 did worse in cross-validation).

    python benchmarks/fit_sentiment.py [--data ../shared/data/newsmtsc] [--out hwresearch/data/sentiment_model.json]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np

from hwresearch.sentiment import LABELS, context_features
from newsmtsc import DATA, ROOT, load_targets, score

SEED = 20210419
FOLDS = 5
STEPS = 400
L2_GRID = (5e-4, 1e-3, 2e-3)
MIN_COUNT = 2


class Design:
    """Feature dicts as a sparse row matrix (CSR arrays) over a fixed vocabulary."""

    def __init__(self, rows: list[dict[str, float]], vocabulary: dict[str, int]):
        indices, values, lengths = [], [], []
        for feats in rows:
            kept = [(vocabulary[name], value) for name, value in feats.items() if name in vocabulary]
            indices.extend(k for k, _ in kept)
            values.extend(v for _, v in kept)
            lengths.append(len(kept))
        self.indices = np.asarray(indices, dtype=np.int64)
        self.values = np.asarray(values, dtype=np.float64)
        self.row_of = np.repeat(np.arange(len(rows)), lengths)
        self.n_rows = len(rows)
        self.n_features = len(vocabulary)

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """X @ W for W of shape (features, classes)."""
        out = np.zeros((self.n_rows, weights.shape[1]))
        contrib = weights[self.indices] * self.values[:, None]
        for c in range(weights.shape[1]):
            out[:, c] = np.bincount(self.row_of, weights=contrib[:, c], minlength=self.n_rows)
        return out

    def tdot(self, grad: np.ndarray) -> np.ndarray:
        """X.T @ G for G of shape (rows, classes)."""
        out = np.zeros((self.n_features, grad.shape[1]))
        for c in range(grad.shape[1]):
            out[:, c] = np.bincount(
                self.indices, weights=self.values * grad[self.row_of, c], minlength=self.n_features
            )
        return out


def build_vocabulary(rows: list[dict[str, float]], min_count: int) -> dict[str, int]:
    """Features seen in at least ``min_count`` rows, in a fixed (sorted) order."""
    counts = Counter(name for feats in rows for name in feats)
    return {name: k for k, name in enumerate(sorted(n for n, c in counts.items() if c >= min_count))}


def fit(design: Design, y: np.ndarray, l2: float, bias_index: int) -> np.ndarray:
    """Minimise mean cross-entropy + l2 * |W|^2 (bias unpenalised) with full-batch Adam."""
    n_classes = len(LABELS)
    weights = np.zeros((design.n_features, n_classes))
    onehot = np.eye(n_classes)[y]
    penalty = np.full((design.n_features, 1), 2.0 * l2)
    penalty[bias_index] = 0.0
    m = np.zeros_like(weights)
    v = np.zeros_like(weights)
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, STEPS + 1):
        logits = design.dot(weights)
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        grad = design.tdot(probs - onehot) / design.n_rows + penalty * weights
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad**2
        weights -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    return weights


def predict(design: Design, weights: np.ndarray) -> list[str]:
    return [LABELS[k] for k in design.dot(weights).argmax(axis=1)]


def featurize(items: list[tuple[str, int, int, str]]) -> list[dict[str, float]]:
    return [context_features(text, start, end) for text, start, end, _ in items]


def cross_validate(rows, y, l2: float, min_count: int) -> dict:
    """Pooled out-of-fold predictions over FOLDS folds (fixed shuffle), scored once."""
    order = np.random.default_rng(SEED).permutation(len(rows))
    folds = np.array_split(order, FOLDS)
    predicted = [None] * len(rows)
    for held in folds:
        held_set = set(held.tolist())
        train = [k for k in range(len(rows)) if k not in held_set]
        vocabulary = build_vocabulary([rows[k] for k in train], min_count)
        weights = fit(Design([rows[k] for k in train], vocabulary), y[train], l2, vocabulary["bias"])
        for k, label in zip(held, predict(Design([rows[k] for k in held], vocabulary), weights)):
            predicted[k] = label
    return score([LABELS[k] for k in y], predicted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "hwresearch" / "data" / "sentiment_model.json")
    args = parser.parse_args()

    items = load_targets(args.data / "rw_train.jsonl")
    rows = featurize(items)
    y = np.array([LABELS.index(label) for *_, label in items])
    print(f"rw_train: {len(items)} targets")

    results = []
    for l2 in L2_GRID:
        cv = cross_validate(rows, y, l2, MIN_COUNT)
        results.append({"l2": l2, "min_count": MIN_COUNT, "cv_macro_f1": cv["macro_f1"], "cv_accuracy": cv["accuracy"]})
        print(f"l2={l2:g} min_count={MIN_COUNT}: CV macro-F1 {cv['macro_f1']:.2f}  accuracy {cv['accuracy']:.2f}")
    best = max(results, key=lambda r: r["cv_macro_f1"])
    print(f"chosen: l2={best['l2']:g}")

    vocabulary = build_vocabulary(rows, best["min_count"])
    weights = fit(Design(rows, vocabulary), y, best["l2"], vocabulary["bias"])
    model = {
        "about": "Target-dependent sentiment: multinomial logistic regression over "
        "hwresearch.sentiment.context_features, fitted on NewsMTSC rw_train (MIT licence) by "
        "benchmarks/fit_sentiment.py. Score of a class = sum of value * weight over features.",
        "labels": list(LABELS),
        "fit": {"targets": len(items), "steps": STEPS, "seed": SEED, **best},
        "cross_validation": results,
        "weights": {name: [round(float(w), 4) for w in weights[k]] for name, k in vocabulary.items()},
    }
    args.out.write_text(json.dumps(model, separators=(",", ":"), sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(vocabulary)} features, {args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
