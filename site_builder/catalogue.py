"""The validated catalogue: what every later stage (render, index, export) reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .model import CatalogueSettings, Procedure
from .model.feedback import FeedbackCase
from .model.registry import Agency, Audience, FieldOfWork, Official
from .readers.yaml_reader import SourceFile

if TYPE_CHECKING:
    from .history.checkout import Deletion
    from .validate.references import Reference


@dataclass
class Catalogue:
    """Registries and procedures, indexed by id. Only valid records are here."""

    root: Path
    settings: CatalogueSettings | None = None
    agencies: dict[str, Agency] = field(default_factory=dict)
    officials: dict[str, Official] = field(default_factory=dict)
    official_agency: dict[str, str] = field(default_factory=dict)
    fields: dict[str, FieldOfWork] = field(default_factory=dict)
    audiences: dict[str, Audience] = field(default_factory=dict)
    procedures: dict[str, Procedure] = field(default_factory=dict)
    feedback: dict[str, FeedbackCase] = field(default_factory=dict)
    # Every procedure id present on disk, valid or not: references to a file that has
    # errors of its own must not cascade into "not found" errors elsewhere.
    procedure_ids: set[str] = field(default_factory=set)
    sources: dict[str, SourceFile] = field(default_factory=dict)
    # What each procedure file refers to (agencies, officials, fields, …), read from its raw
    # data, so a file with schema errors still has its references checked.
    references: dict[str, list[Reference]] = field(default_factory=dict)
    # A digest of each procedure file's text: a rebuild tells from it what changed.
    digests: dict[str, str] = field(default_factory=dict)
    # Files git could restore, asked once per run and only when a reference is missing.
    deleted: dict[str, Deletion] | None = field(default=None, repr=False, compare=False)
