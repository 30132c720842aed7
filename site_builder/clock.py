"""The one place thutuc reads the clock.

Every date the tool shows or checks against ("today", the build time, the review date `new` writes) comes from
here, so one setting fixes them all: SOURCE_DATE_EPOCH, the reproducible-builds convention, which tests and
reproducible kiosk copies set. Days are counted in Vietnam's time, whatever the machine's time zone.
"""

from __future__ import annotations

import datetime as dt
import os

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")


def now() -> dt.datetime:
    """Now in Vietnam's time, or the moment SOURCE_DATE_EPOCH names."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC)
    return moment.astimezone(VIETNAM)


def today() -> dt.date:
    """Today's date in Vietnam."""
    return now().date()
