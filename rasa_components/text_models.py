"""Small text classifiers the NLU guard trains beside Rasa's intent classifier.

One question each, trained only on the examples that bear on it, so each can be
sure where the one big classifier spreads its confidence over 20-odd intents:
- "request": is a typed message a request about the conversation, or not;
- "kind": which request (help, skip, ...), given that it is one;
- "theme": which suggested theme own words are about, given that they name one;
- "care": acute distress, strain about oneself, or neither.
TF-IDF of words (and word pairs) and of character n-grams within words, which
copes with Danish inflection and compounds and with typos, into a logistic
regression. Chosen on the training data's cross-validation (`bench/tune.py`):
at a 2 % false-alarm rate on answers it finds 87 % of requests, where counts of
the same n-grams found 82 %.
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Sequence

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from rasa_components.typing import concepts, fold


class Features:
    """Shared by the guard's classifiers, so a message is turned into features once."""

    def __init__(self):
        self.words = TfidfVectorizer(token_pattern=r"\w+", ngram_range=(1, 2), sublinear_tf=True)
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)

    @staticmethod
    def _clean(texts: Iterable[str]) -> List[str]:
        return [fold(t) for t in texts]  # one spelling for every way of typing it

    @staticmethod
    def _with_concepts(texts: Sequence[str]) -> List[str]:
        # The words a message uses, and the kinds of thing they name (lexicon/concepts.yml).
        return [f"{t} {concepts(t)}" for t in texts]

    def fit(self, texts: Sequence[str]) -> Features:
        texts = self._clean(texts)
        self.words.fit(self._with_concepts(texts))
        self.chars.fit(texts)
        return self

    def __call__(self, texts: Sequence[str]):
        texts = self._clean(texts)
        return hstack([self.words.transform(self._with_concepts(texts)), self.chars.transform(texts)]).tocsr()


class TextModel:
    """One question's classifier over the shared features."""

    def __init__(self, c: float = 10.0):
        self.model = LogisticRegression(C=c, class_weight="balanced", max_iter=1000, random_state=42)

    def fit(self, features, labels: Sequence[str]) -> TextModel:
        self.model.fit(features, list(labels))
        return self

    def rows(self, features) -> List[Dict[str, float]]:
        """probabilities() for each row of a matrix (the clauses of one message)."""
        return [self.probabilities(features[i]) for i in range(features.shape[0])]

    def probabilities(self, features) -> Dict[str, float]:
        # What predict_proba computes (sigmoid for two classes, softmax for more),
        # without its input checks, which cost ten times the arithmetic on one message.
        if getattr(self, "_weights", None) is None:
            self._weights = np.ascontiguousarray(self.model.coef_.T)  # column access is slow otherwise
        scores = np.asarray(features @ self._weights).ravel() + self.model.intercept_
        if len(self.model.classes_) == 2:
            high = 1.0 / (1.0 + np.exp(-scores[0]))
            probabilities = [1.0 - high, high]
        else:
            exp = np.exp(scores - scores.max())
            probabilities = exp / exp.sum()
        return dict(zip(self.model.classes_, (float(p) for p in probabilities)))
