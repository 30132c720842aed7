"""The quarterly report as one self-contained HTML file, ready to print on A4 (`thutuc report --format html`)."""

from __future__ import annotations

import datetime as dt

from jinja2 import Environment, PackageLoader, StrictUndefined

from .quarterly import QuarterReport
from .sections import model

# Autoescape on: names and texts come from the catalogue, and from old revisions no check ever saw.
_ENVIRONMENT = Environment(
    loader=PackageLoader("site_builder.report", "templates"), autoescape=True, undefined=StrictUndefined
)


def html(report: QuarterReport, produced: dt.datetime) -> str:
    """The page; `produced` (from the clock) is printed on it, so a paper copy says when it was made."""
    return _ENVIRONMENT.get_template("report_print.html").render(report=model(report), produced=produced)
