"""The preview plans the site again after each save from what it kept of the last plan
(render/pages.py's PlanMemo, render/groups.py): whatever the saves, the pages it plans are those a
fresh plan makes, and it splits and sorts again only the lists that hold a saved procedure."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from collections.abc import Callable

import pytest
from conftest import ROOT

from site_builder.catalogue import Catalogue
from site_builder.load import load_catalogue
from site_builder.model.procedure import Procedure
from site_builder.render import groups, pages
from site_builder.render.site_page import SitePage

DAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    """120 synthetic procedures: each kind of list holds many, the long ones run to several pages."""
    folder = tmp_path_factory.mktemp("plan") / "procedures"
    generator = ROOT / "benchmarks" / "synthetic.py"
    subprocess.run([sys.executable, str(generator), str(folder), "--count", "120"], check=True)
    loaded = load_catalogue(folder, today=DAY)
    assert not loaded.errors
    return loaded.catalogue


def shown(page: SitePage) -> tuple[object, ...]:
    """What a page shows, procedures by id (a fresh plan has other objects of equal value)."""

    def value(item: object) -> object:
        if isinstance(item, Procedure):
            return item.id, item.name, item.status
        if isinstance(item, list):
            return [value(i) for i in item]
        return repr(item)

    # The quarter's report is made when its page is rendered (render/lazy.py).
    context = {key: value(item) for key, item in page.context.items() if key != "report"}
    return page.src_uri, page.title, page.description, page.template, page.hide, context


def saved(procedure: Procedure, **update: object) -> Procedure:
    """The procedure as the read cache hands it back after a save: a new object."""
    return procedure.model_copy(update=update)


Edit = Callable[[dict[str, Procedure]], dict[str, Procedure]]


def _renamed(procedures: dict[str, Procedure]) -> dict[str, Procedure]:
    first = next(iter(procedures.values()))
    return {**procedures, first.id: saved(first, name="Ă " + first.name)}  # moves to the front


def _unchanged(procedures: dict[str, Procedure]) -> dict[str, Procedure]:
    last = list(procedures.values())[-1]
    return {**procedures, last.id: saved(last)}


def _abolished(procedures: dict[str, Procedure]) -> dict[str, Procedure]:
    third = list(procedures.values())[2]
    return {**procedures, third.id: saved(third, status="abolished")}


def _moved_field(procedures: dict[str, Procedure]) -> dict[str, Procedure]:
    items = list(procedures.values())
    other = next(p.field for p in items if p.field != items[5].field)
    return {**procedures, items[5].id: saved(items[5], field=other)}


def _other_agency(procedures: dict[str, Procedure]) -> dict[str, Procedure]:
    items = list(procedures.values())
    agencies = items[7].agencies
    receiving = next(p.agencies.receiving for p in items if p.agencies.receiving != agencies.receiving)
    moved = agencies.model_copy(update={"receiving": receiving})
    return {**procedures, items[7].id: saved(items[7], agencies=moved)}


def _removed(procedures: dict[str, Procedure]) -> dict[str, Procedure]:
    gone = list(procedures)[10]
    return {pid: p for pid, p in procedures.items() if pid != gone}


def _added(procedures: dict[str, Procedure]) -> dict[str, Procedure]:
    model = list(procedures.values())[11]
    new = saved(model, id="thu-tuc-moi", name="Thủ tục mới thêm")
    return {**procedures, new.id: new}


def _many_at_once(procedures: dict[str, Procedure]) -> dict[str, Procedure]:
    return {pid: saved(p, name=p.name + " (sửa)") for pid, p in procedures.items()}


EDITS: list[Edit] = [
    _renamed,
    _unchanged,
    _abolished,
    _moved_field,
    _other_agency,
    _renamed,
    _removed,
    _added,
    _many_at_once,
    _unchanged,
]


def test_after_any_save_the_preview_plans_the_pages_a_fresh_plan_makes(catalogue: Catalogue) -> None:
    memo = pages.PlanMemo()
    procedures = dict(catalogue.procedures)
    pages.plan(catalogue, DAY, memo=memo)
    for edit in EDITS:
        procedures = edit(procedures)
        now = dataclasses.replace(catalogue, procedures=procedures)
        kept = [shown(page) for page in pages.plan(now, DAY, memo=memo)]
        assert kept == [shown(page) for page in pages.plan(now, DAY)], edit.__name__


def test_the_preview_splits_again_only_the_lists_that_hold_a_saved_procedure(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo = pages.PlanMemo()
    pages.plan(catalogue, DAY, memo=memo)
    split: list[list[Procedure]] = []
    original = groups.split_current

    def counted(procedures: list[Procedure], sort: groups.Sort) -> groups.Split:
        split.append(procedures)
        return original(procedures, sort)

    monkeypatch.setattr(groups, "split_current", counted)
    procedures = _renamed(dict(catalogue.procedures))
    pages.plan(dataclasses.replace(catalogue, procedures=procedures), DAY, memo=memo)
    first = next(iter(procedures.values()))
    # The A–Z list, its field's, its agencies', its audiences': each of them, and no other (an empty
    # list, as for an agency that receives no procedure, costs nothing to split).
    assert len(split) >= 4
    assert all(any(p is first for p in members) for members in split if members)
