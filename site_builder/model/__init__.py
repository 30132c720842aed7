"""The catalogue's data model: one declaration per file kind, Vietnamese description on every field."""

from .procedure import Procedure
from .registry import AgencyRegistry, AudienceRegistry, CatalogueSettings, FieldRegistry

__all__ = ["AgencyRegistry", "AudienceRegistry", "CatalogueSettings", "FieldRegistry", "Procedure"]
