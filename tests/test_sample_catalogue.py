"""The shipped sample catalogue: valid, honest about being a sample, editable in VS Code."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import SAMPLE_CATALOGUE, TODAY, run_thutuc

from site_builder.load import load_catalogue
from site_builder.schema import ALL_KINDS, FEEDBACK, PROCEDURE, REGISTRIES, render_schema

PROCEDURE_FILES = sorted(SAMPLE_CATALOGUE.glob("*.yml"))
REGISTRY_FILES = sorted((SAMPLE_CATALOGUE / "_registry").glob("*.yml"))
FEEDBACK_FILES = sorted((SAMPLE_CATALOGUE / "_feedback").glob("*.yml"))


def _as_json(value: Any) -> Any:
    """What yaml-language-server hands the schema: dates are plain strings there."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_thutuc_check_passes_on_the_sample() -> None:
    result = run_thutuc("check", "--catalogue", str(SAMPLE_CATALOGUE), "--today", TODAY)
    assert result.returncode == 0, result.stdout
    assert " 0 lỗi" in result.stdout


def test_sample_is_large_enough_and_declares_itself_a_sample() -> None:
    loaded = load_catalogue(SAMPLE_CATALOGUE, dt.date.fromisoformat(TODAY))
    catalogue = loaded.catalogue
    assert len(catalogue.procedures) >= 30
    assert len(catalogue.agencies) >= 14
    assert catalogue.settings is not None and catalogue.settings.sample
    assert (
        catalogue.settings.notice and "không phải công bố chính thức" in catalogue.settings.notice.casefold()
    )
    levels = {p.level for p in catalogue.procedures.values() if p.status in ("active", "amended")}
    assert levels == {"province", "commune"}
    assert all(official.illustrative for official in catalogue.officials.values())
    assert all(p.source.document and p.review.by for p in catalogue.procedures.values())
    cases = catalogue.feedback.values()
    assert len(cases) >= 8 and all(case.illustrative for case in cases)
    assert len({case.status for case in cases}) == 5 and len({case.agency for case in cases}) >= 5


@pytest.mark.parametrize("path", PROCEDURE_FILES + REGISTRY_FILES + FEEDBACK_FILES, ids=lambda p: p.name)
def test_each_file_links_its_schema_and_validates_against_it(path: Path) -> None:
    folder = path.parent.name
    kind = (
        REGISTRIES[path.name] if folder == "_registry" else FEEDBACK if folder == "_feedback" else PROCEDURE
    )
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "../" if folder in ("_registry", "_feedback") else ""
    assert first_line == f"# yaml-language-server: $schema={prefix}_schemas/{kind.schema_file}"
    schema = json.loads((SAMPLE_CATALOGUE / "_schemas" / kind.schema_file).read_text(encoding="utf-8"))
    data = _as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.Draft202012Validator(schema).validate(data)


@pytest.mark.parametrize("kind", ALL_KINDS, ids=lambda k: k.name)
def test_committed_schemas_match_the_model(kind: Any) -> None:
    committed = (SAMPLE_CATALOGUE / "_schemas" / kind.schema_file).read_text(encoding="utf-8")
    assert committed == render_schema(kind), "Chạy: thutuc schema"


def _properties(schema: Any, where: str) -> list[tuple[str, Any]]:
    found = []
    if isinstance(schema, dict):
        for name, prop in schema.get("properties", {}).items():
            found.append((f"{where}.{name}", prop))
        for key, value in schema.items():
            if key != "properties":
                found.extend(_properties(value, f"{where}/{key}"))
        for name, prop in schema.get("properties", {}).items():
            found.extend(_properties(prop, f"{where}.{name}"))
    elif isinstance(schema, list):
        for i, item in enumerate(schema):
            found.extend(_properties(item, f"{where}[{i}]"))
    return found


@pytest.mark.parametrize("kind", ALL_KINDS, ids=lambda k: k.name)
def test_every_field_has_a_vietnamese_description(kind: Any) -> None:
    schema = json.loads(render_schema(kind))
    undocumented = [
        where
        for where, prop in _properties(schema, kind.name)
        if not (isinstance(prop, dict) and prop.get("description"))
    ]
    assert undocumented == []
    vietnamese = set("ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ")
    english_only = [
        where
        for where, prop in _properties(schema, kind.name)
        if not vietnamese & set(prop["description"].lower())
    ]
    assert english_only == []


def test_schema_check_command_detects_drift(tmp_path: Path) -> None:
    assert run_thutuc("schema", "--catalogue", str(tmp_path)).returncode == 0
    assert run_thutuc("schema", "--check", "--catalogue", str(tmp_path)).returncode == 0
    (tmp_path / "_schemas" / "procedure.schema.json").write_text("{}", encoding="utf-8")
    stale = run_thutuc("schema", "--check", "--catalogue", str(tmp_path))
    assert stale.returncode == 1
    assert "procedure.schema.json" in stale.stderr
