"""The validated catalogue: what every later stage (render, index, export) reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .model import CatalogueSettings, Procedure
from .model.feedback import FeedbackCase
from .model.registry import Agency, Audience, FieldOfWork, Official


@dataclass
class Catalogue:
    """Registries and procedures, indexed by id. Only valid records are here; what the loader
    knows about the files themselves (valid or not) is in loaded_files.py."""

    root: Path
    settings: CatalogueSettings | None = None
    agencies: dict[str, Agency] = field(default_factory=dict)
    officials: dict[str, Official] = field(default_factory=dict)
    official_agency: dict[str, str] = field(default_factory=dict)
    fields: dict[str, FieldOfWork] = field(default_factory=dict)
    audiences: dict[str, Audience] = field(default_factory=dict)
    procedures: dict[str, Procedure] = field(default_factory=dict)
    feedback: dict[str, FeedbackCase] = field(default_factory=dict)
