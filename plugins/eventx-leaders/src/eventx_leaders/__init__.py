"""eventx-leaders: current heads of state and government, ministers and chiefs of defence.

Installed, it is found through the ``eventx`` entry-point group under the
name ``leaders`` and adds one gazetteer entry per person, so that "Lee
Jae-myung" or "Ishiba" is read as a person with a country and a title.
"""

from eventx_leaders.plugin import LAST_CHECKED, load_people

__version__ = "0.1.0"

__all__ = ["LAST_CHECKED", "__version__", "load_people"]
