"""eventx-sanctions: Sanction events for eventx (sanctions, embargoes, asset freezes, export bans).

Installed, it is found through the ``eventx`` entry-point group under the
name ``sanctions``; block it with ``--block sanctions`` or
``EVENTX_BLOCK_PLUGINS=sanctions``.
"""

from eventx_sanctions.plugin import Sanction, SanctionAction, SanctionExtractor

__version__ = "0.1.0"

__all__ = ["Sanction", "SanctionAction", "SanctionExtractor", "__version__"]
