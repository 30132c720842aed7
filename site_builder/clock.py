"""The one place thutuc reads the clock.

Every date the tool shows or checks against ("today", the build time, the review date `new` writes) comes from
here, so one setting fixes them all: SOURCE_DATE_EPOCH, the reproducible-builds convention, which tests and
reproducible kiosk copies set. Days are counted in Vietnam's time, whatever the machine's time zone.
"""

from __future__ import annotations

import datetime as dt
import os

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")


def pinned() -> dt.datetime | None:
    """The moment SOURCE_DATE_EPOCH names, in Vietnam's time, if it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return dt.datetime.fromtimestamp(int(epoch), VIETNAM) if epoch.isdigit() else None


def now() -> dt.datetime:
    """Now in Vietnam's time, or the moment SOURCE_DATE_EPOCH names."""
    return pinned() or dt.datetime.now(VIETNAM)


def today() -> dt.date:
    """Today's date in Vietnam."""
    return now().date()
