"""Platt scaling: a raw probability ``p`` becomes ``sigmoid(a * logit(p) + b)``.

Two numbers, fitted by Newton's method on held-out predictions with Platt's smoothed
targets, so that a small training set does not push the fit to 0 or 1. Few parameters
suit the few hundred candidates a gold file gives; the mapping is monotonic, so the
ranking of candidates, and with it every precision-recall trade-off, is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import numpy

_EPSILON = 1e-6


def _logit(p: numpy.ndarray) -> numpy.ndarray:
    p = numpy.clip(p, _EPSILON, 1 - _EPSILON)
    return numpy.log(p / (1 - p))  # type: ignore[no-any-return]


def _sigmoid(x: numpy.ndarray) -> numpy.ndarray:
    return 0.5 * (1 + numpy.tanh(x / 2))


@attrs.frozen
class Platt:
    """The fitted map: ``sigmoid(a * logit(p) + b)``; ``Platt()`` is the identity."""

    a: float = 1.0
    b: float = 0.0

    def __call__(self, probabilities: Sequence[float] | numpy.ndarray) -> numpy.ndarray:
        """The calibrated probabilities, in [0, 1]."""
        raw = numpy.asarray(probabilities, dtype="float64")
        return _sigmoid(self.a * _logit(raw) + self.b)

    @classmethod
    def fit(cls, probabilities: Sequence[float] | numpy.ndarray,
            outcomes: Sequence[bool] | numpy.ndarray, *, iterations: int = 100) -> Platt:
        """Fit ``a`` and ``b`` to raw probabilities and the true outcomes (1 = an event).

        :raises ValueError: when the two lengths differ or there is nothing to fit.
        """
        x = _logit(numpy.asarray(probabilities, dtype="float64"))
        y = numpy.asarray(outcomes, dtype="float64")
        if x.shape != y.shape or x.size == 0:
            raise ValueError("Platt.fit needs as many outcomes as probabilities, at least one")
        positives = y.sum()
        negatives = y.size - positives
        target = numpy.where(y > 0, (positives + 1) / (positives + 2), 1 / (negatives + 2))
        design = numpy.stack([x, numpy.ones_like(x)], axis=1)
        weights = numpy.array([1.0, 0.0])
        for _ in range(iterations):
            p = _sigmoid(design @ weights)
            gradient = design.T @ (p - target)
            hessian = design.T @ (design * (p * (1 - p))[:, None]) + 1e-9 * numpy.eye(2)
            step = numpy.linalg.solve(hessian, gradient)
            weights -= step
            if numpy.abs(step).max() < 1e-10:
                break
        return cls(float(weights[0]), float(weights[1]))
