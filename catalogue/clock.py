"""The day it is where the leaders are, not on the server's clock.

"i morgen" typed at ten to one on a Danish night is the day after that night's date, and a document made
then is dated that day, whatever time zone the machine runs in (servers usually run in UTC, an hour or two
behind Denmark). The zone is TRIVSEL_TIME_ZONE (an IANA name), Danish time by default. Both environments
import this: zoneinfo where the machine or the tzdata package has the zone's rules, dateutil's own copy
of them where neither has.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from typing import Optional

VARIABLE = "TRIVSEL_TIME_ZONE"
DEFAULT = "Europe/Copenhagen"


def zone(name: Optional[str] = None) -> dt.tzinfo:
    """The zone named (TRIVSEL_TIME_ZONE by default); ValueError for a name no rules are known for."""
    return _zone(name or os.environ.get(VARIABLE) or DEFAULT)


@functools.lru_cache(maxsize=8)
def _zone(name: str) -> dt.tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except (ImportError, KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
        pass
    from dateutil import tz

    found = tz.gettz(name)
    if found is None:
        raise ValueError(f"no time zone is called {name!r}")
    return found


def now() -> dt.datetime:
    return dt.datetime.now(zone())


def today() -> dt.date:
    return now().date()
