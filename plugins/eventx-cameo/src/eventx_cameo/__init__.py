"""eventx-cameo: CAMEO actor dictionaries code persons and bodies to a country and sector.

Installed, it is found through the ``eventx`` entry-point group under the name ``cameo``
and reads the dictionaries named in ``EVENTX_CAMEO_ACTORS``; in Python, pass
``CameoActors(paths)`` to :class:`eventx.Pipeline` instead.
"""

from eventx_cameo.dictionary import ActorDictionary, ActorRecord, Role, load_dictionary
from eventx_cameo.plugin import ENV, CameoActors

__version__ = "0.1.0"

__all__ = ["ENV", "ActorDictionary", "ActorRecord", "CameoActors", "Role", "__version__",
           "load_dictionary"]
