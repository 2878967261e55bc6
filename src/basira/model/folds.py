"""Cross-validation folds that keep near-duplicates together.

Retweets and re-posts of one text differ only by "RT @user:", links and mentions; if they fell into different
folds, a model would be tested on what it was trained on. Items share a group when their normalised text,
stripped of those and of everything but letters and digits, begins with the same 60 characters.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

_RETWEET = re.compile(r"^\s*rt\s+@\w+:?", re.IGNORECASE)
_LINKS_AND_MENTIONS = re.compile(r"https?://\S+|www\.\S+|@\w+")
_NOT_WORD = re.compile(r"[\W_]+")
GROUP_PREFIX = 60


def group_key(normalized_text: str) -> str:
    text = _RETWEET.sub("", normalized_text)
    text = _LINKS_AND_MENTIONS.sub("", text)
    text = _NOT_WORD.sub("", text.lower())
    return hashlib.sha1(text[:GROUP_PREFIX].encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()


def grouped_folds(
    labels: Sequence[int], groups: Sequence[str], k: int = 5, seed: int = 0
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified k-fold over groups: (train indices, test indices) per fold; deterministic for a seed."""
    from sklearn.model_selection import StratifiedGroupKFold

    y = np.asarray(labels)
    n_splits = max(2, min(k, int(np.bincount(y, minlength=2).min())))
    splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return [(train, test) for train, test in splitter.split(np.zeros(len(y)), y, list(groups))]
