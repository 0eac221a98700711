"""The trained scorer: the rules propose candidate events, a small model decides.

:class:`Scorer` gives each candidate a calibrated confidence and, where sure, a status;
:func:`eventx.scoring.training.train` (``eventx train``) builds one from gold JSON Lines.
The scorer shipped with eventx is :data:`DEFAULT`.
"""

from eventx.scoring.calibration import Platt
from eventx.scoring.labels import LABELS, NOT_EVENT
from eventx.scoring.scorer import DEFAULT, Scorer, ScorerSettings, default_path

__all__ = ["DEFAULT", "LABELS", "NOT_EVENT", "Platt", "Scorer", "ScorerSettings",
           "default_path"]
