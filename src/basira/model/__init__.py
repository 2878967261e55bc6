"""The trained classifier stage: hashed n-gram features, a linear head per script, a safe model file."""

from basira.model.classifier import Classifier, ModelError, Score, load_classifier, script_of
from basira.model.features import FeatureSpec

__all__ = ["Classifier", "FeatureSpec", "ModelError", "Score", "load_classifier", "script_of"]
