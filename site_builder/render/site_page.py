"""What the plan makes of every generated page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SitePage:
    """One generated page: where it lives, its title, the template and what the template needs."""

    src_uri: str
    title: str
    template: str
    description: str
    context: dict[str, Any] = field(default_factory=dict)
    hide: tuple[str, ...] = ("toc",)
