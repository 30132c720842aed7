"""JSON Schemas of every catalogue file kind, generated from the model.

The schemas are committed under procedures/_schemas/ so that VS Code (through the
`# yaml-language-server: $schema=…` line of each file) completes and checks fields while
an editor types; a test keeps the committed copies in sync with the model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from .model import AgencyRegistry, AudienceRegistry, CatalogueSettings, FieldRegistry, Procedure
from .model.feedback import FeedbackCase
from .readers.discover import SCHEMA_DIR


@dataclass(frozen=True)
class FileKind:
    """A kind of catalogue file: its model, schema file and where its files live."""

    name: str
    model: type[BaseModel]
    schema_file: str
    title: str


PROCEDURE = FileKind("procedure", Procedure, "procedure.schema.json", "Thủ tục hành chính")
REGISTRIES: dict[str, FileKind] = {
    "catalogue.yml": FileKind("catalogue", CatalogueSettings, "catalogue.schema.json", "Thông tin chung"),
    "agencies.yml": FileKind("agencies", AgencyRegistry, "agencies.schema.json", "Cơ quan, đơn vị"),
    "fields.yml": FileKind("fields", FieldRegistry, "fields.schema.json", "Lĩnh vực"),
    "audiences.yml": FileKind("audiences", AudienceRegistry, "audiences.schema.json", "Đối tượng thực hiện"),
}
FEEDBACK = FileKind("feedback", FeedbackCase, "feedback.schema.json", "Phản ánh, kiến nghị")
ALL_KINDS: tuple[FileKind, ...] = (PROCEDURE, *REGISTRIES.values(), FEEDBACK)


def json_schema(kind: FileKind) -> dict[str, object]:
    """The JSON Schema (draft 2020-12) of one file kind."""
    schema = kind.model.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://thutuc.langson.example/schemas/{kind.schema_file}",
        "title": kind.title,
        **schema,
    }


def render_schema(kind: FileKind) -> str:
    """Deterministic text of a schema file, as committed."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(catalogue_dir: Path) -> list[Path]:
    """Write every schema under <catalogue>/_schemas/ and return the paths written."""
    out_dir = catalogue_dir / SCHEMA_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in ALL_KINDS:
        path = out_dir / kind.schema_file
        path.write_text(render_schema(kind), encoding="utf-8")
        written.append(path)
    return written
