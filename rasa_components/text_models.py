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

from collections import Counter
from typing import Dict, Iterable, List, Sequence, Tuple

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from rasa_components.typing import CONCEPT_MARK, concepts, fold

QUESTION = f" {CONCEPT_MARK}question"


class Features:
    """Shared by the guard's classifiers, so a message is turned into features once."""

    def __init__(self):
        self.words = TfidfVectorizer(token_pattern=r"\w+", ngram_range=(1, 2), sublinear_tf=True)
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)

    @staticmethod
    def _clean(texts: Iterable[str]) -> List[str]:
        return [fold(t) for t in texts]  # one spelling for every way of typing it

    @staticmethod
    def _with_concepts(texts: Sequence[str], typed: Sequence[str]) -> List[str]:
        # The words a message uses, the kinds of thing they name (lexicon/concepts.yml), and whether
        # it asks something: folding drops the "?", and a question to the guide is seldom an answer.
        return [f"{t} {concepts(t)}{QUESTION if '?' in raw else ''}" for t, raw in zip(texts, typed)]

    def fit(self, texts: Sequence[str]) -> Features:
        for kept in ("_kept", "_analyse_words", "_idfs"):
            self.__dict__.pop(kept, None)  # nothing kept from an earlier fit
        folded = self._clean(texts)
        self.words.fit(self._with_concepts(folded, texts))
        self.chars.fit(folded)
        return self

    def __call__(self, texts: Sequence[str]):
        """The features of a few texts: what the vectorisers' transform gives, built directly.

        sklearn's transform checks and converts its input on every call, and cuts every word into
        character n-grams anew; for the one to five texts of a message that cost several times the
        arithmetic. Here a word's n-gram columns are found once and kept (tests hold the result
        to sklearn's own)."""
        folded = self._clean(texts)
        indices, values, indptr = [], [], [0]
        for words, chars in zip(self._with_concepts(folded, texts), folded):
            word_columns = self._words_analyser()(words)
            vocabulary = self.words.vocabulary_
            for offset, vectoriser, columns in (
                (0, self.words, [vocabulary[t] for t in word_columns if t in vocabulary]),
                (self._width, self.chars, [c for word in chars.split() for c in self._char_columns(word)]),
            ):
                at, weights = _tfidf(self._idf(vectoriser), columns)
                indices.append(at + offset)
                values.append(weights)
            indptr.append(indptr[-1] + len(indices[-1]) + len(indices[-2]))
        shape = (len(folded), self._width + len(self.chars.vocabulary_))
        return csr_matrix((np.concatenate(values), np.concatenate(indices), indptr), shape=shape)

    @property
    def _width(self) -> int:
        return len(self.words.vocabulary_)

    def _words_analyser(self):
        if "_analyse_words" not in self.__dict__:
            self._analyse_words = self.words.build_analyzer()
        return self._analyse_words

    def _idf(self, vectoriser: TfidfVectorizer) -> np.ndarray:
        # sklearn's idf_ is worked out from a sparse matrix on every read
        kept = self.__dict__.setdefault("_idfs", {})
        if id(vectoriser) not in kept:
            kept[id(vectoriser)] = np.asarray(vectoriser.idf_)
        return kept[id(vectoriser)]

    def _char_columns(self, word: str) -> Tuple[int, ...]:
        """The columns of a word's character n-grams, as the char_wb analyser cuts them."""
        kept = self.__dict__.setdefault("_kept", {})
        columns = kept.get(word)
        if columns is None:
            padded = f" {word} "
            grams: List[str] = []
            low, high = self.chars.ngram_range
            for n in range(low, high + 1):
                grams.extend(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
                if len(padded) <= n:
                    break  # a short word counts once, as sklearn's analyser does
            vocabulary = self.chars.vocabulary_
            columns = tuple(vocabulary[g] for g in grams if g in vocabulary)
            if len(kept) < 100_000:
                kept[word] = columns
        return columns

    def __getstate__(self):
        # What is kept while running is not part of the trained model.
        return {k: v for k, v in self.__dict__.items() if k not in ("_kept", "_analyse_words", "_idfs")}


def _tfidf(idf: np.ndarray, columns: List[int]):
    """Column indices and weights of one text's TF-IDF (sublinear tf, l2-normed), as sklearn computes it."""
    counts = Counter(columns)
    at = np.fromiter(counts.keys(), dtype=np.int32, count=len(counts))
    weights = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * idf[at]
    norm = np.sqrt(weights @ weights)
    return at, weights / norm if norm else weights


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
