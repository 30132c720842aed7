"""The plan of generated pages: which pages exist, their titles and what each one shows."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import clock
from ..catalogue import Catalogue
from ..completeness import Gaps, completeness
from ..figures import figures
from ..history.changes import Comparisons
from ..history.timeline import History
from ..memo import ByProcedure, same_value
from ..model import Procedure
from ..model.feedback import FeedbackCase
from ..model.procedure import IN_FORCE, LEVEL_LABELS
from ..report.quarterly import RevisionCatalogues, build_report, quarter_containing
from ..report.sections import model
from . import urls
from .formatting import sort_key
from .groups import Grouping, Regrouping, Sort, Split, Splits, grouping, split_current
from .lazy import Lazy
from .list_pages import Paginated, paginated
from .names import short_name
from .paging import entry_bytes
from .ranks import Ranks, Sorts
from .reference import codes, reference
from .site_page import SitePage


@dataclass
class PlanMemo:
    """What the preview keeps from one plan to the next: the report's catalogues read from git,
    and each procedure's share of the plan while it is the very same object (the read cache
    hands back the same object for an unchanged file). At 20,000 procedures these were most of
    a preview rebuild's plan."""

    revisions: RevisionCatalogues = field(default_factory=RevisionCatalogues)
    comparisons: Comparisons = field(default_factory=Comparisons)
    gaps: Gaps = field(default_factory=Gaps)
    weights: ByProcedure[Procedure, int] = field(default_factory=lambda: ByProcedure(entry_bytes))
    lists: Paginated = field(default_factory=dict)  # list_pages.paginated
    sorts: Sorts = field(default_factory=Sorts)
    names: ByProcedure[Procedure, Any] = field(
        default_factory=lambda: ByProcedure(lambda p: sort_key(p.name))
    )
    procedure_pages: dict[str, SitePage] = field(default_factory=dict)  # by procedure id
    groups: Regrouping = field(default_factory=Regrouping)
    splits: Splits = field(default_factory=Splits)


Splitting = Callable[[list[Procedure]], Split]


def _cases_by_procedure(catalogue: Catalogue) -> dict[str, list[FeedbackCase]]:
    found: dict[str, list[FeedbackCase]] = {}
    for case in sorted(catalogue.feedback.values(), key=lambda c: (c.received, c.id), reverse=True):
        for procedure_id in case.procedures:
            found.setdefault(procedure_id, []).append(case)
    return found


def _procedure_pages(catalogue: Catalogue, past: History, memo: PlanMemo | None) -> Iterator[SitePage]:
    cases = _cases_by_procedure(catalogue)
    kept = memo.procedure_pages if memo else {}
    for procedure in catalogue.procedures.values():
        shown = (
            cases.get(procedure.id, []),
            past.last_changed.get(procedure.id),
            past.by_procedure.get(procedure.id, []),
        )
        page = kept.get(procedure.id)
        # Last plan's page while it shows the very same things (memo.same_page's rule, without
        # making the page: at 20,000 procedures, making them all again was a fifth of the plan).
        if page is None or not _shows(page, procedure, shown):
            case_list, last_changed, revisions = shown
            context = {
                "procedure": procedure,
                "cases": case_list,
                "last_changed": last_changed,
                "revisions": revisions,
            }
            page = SitePage(
                urls.procedure_src(procedure.id),
                short_name(procedure),
                "procedure.html",
                procedure.summary,
                context,
            )
            if memo:
                kept[procedure.id] = page
        yield page
    if len(kept) > len(catalogue.procedures):  # a procedure removed: its page is not kept for ever
        for gone in kept.keys() - catalogue.procedures.keys():
            del kept[gone]


def _shows(page: SitePage, procedure: Procedure, shown: tuple[object, object, object]) -> bool:
    """Whether a procedure's page shows this very procedure and these cases, date and revisions."""
    context = page.context
    return context["procedure"] is procedure and all(
        map(same_value, (context["cases"], context["last_changed"], context["revisions"]), shown)
    )


def _changes_page(catalogue: Catalogue, past: History) -> Iterator[SitePage]:
    yield SitePage(
        urls.CHANGES_SRC,
        "Thay đổi gần đây",
        "changes.html",
        "Các thủ tục vừa được sửa đổi: mức phí, thời hạn, giấy tờ, tình trạng.",
        {
            "revisions": [r for r in past.recent if r.procedure in catalogue.procedures],
            "from_git": past.from_git,
        },
    )


def _feedback_pages(catalogue: Catalogue, today: dt.date) -> Iterator[SitePage]:
    cases = sorted(catalogue.feedback.values(), key=lambda c: (c.received, c.id), reverse=True)
    yield SitePage(
        urls.FEEDBACK_LIST_SRC,
        "Kết quả xử lý phản ánh, kiến nghị",
        "feedback_list.html",
        "Các phản ánh, kiến nghị về thủ tục hành chính và kết quả xử lý đã công khai.",
        {"cases": cases},
    )
    yield SitePage(
        urls.FEEDBACK_STATS_SRC,
        "Thống kê xử lý phản ánh, kiến nghị",
        "feedback_stats.html",
        "Số phản ánh, kiến nghị tiếp nhận, đã trả lời, trả lời đúng hạn và còn tồn theo cơ quan, theo quý.",
        {"rows": figures(catalogue, today), "today": today},
    )
    for case in cases:
        yield SitePage(
            urls.case_src(case.id),
            f"Phản ánh ngày {case.received.strftime('%d/%m/%Y')}",
            "feedback_case.html",
            case.summary[:150],
            {"case": case},
        )


def _field_pages(catalogue: Catalogue, groups: Grouping, split: Splitting) -> Iterator[SitePage]:
    for field_id, field_of_work in catalogue.fields.items():
        current, former = split(groups.fields.get(field_id, []))
        yield SitePage(
            urls.field_src(field_id),
            f"Lĩnh vực {field_of_work.name}",
            "list.html",
            field_of_work.description or f"Các thủ tục hành chính thuộc lĩnh vực {field_of_work.name}.",
            {"intro": field_of_work.description, "current": current, "former": former, "group_by": "level"},
        )


def _agency_pages(catalogue: Catalogue, groups: Grouping, split: Splitting) -> Iterator[SitePage]:
    for agency_id, agency in catalogue.agencies.items():
        current, former = split(groups.executing.get(agency_id, []))
        received, _ = split(groups.receiving.get(agency_id, []))
        yield SitePage(
            urls.agency_src(agency_id),
            agency.name,
            "agency.html",
            agency.description or f"Thông tin liên hệ và thủ tục hành chính của {agency.name}.",
            {"agency": agency, "current": current, "former": former, "received": received},
        )


def _level_pages(catalogue: Catalogue, groups: Grouping, sort: Sort) -> Iterator[SitePage]:
    for level, src in urls.LEVEL_SRC.items():
        yield SitePage(
            src,
            f"Thủ tục {LEVEL_LABELS[level].lower()}",
            "list.html",
            f"Các thủ tục hành chính {LEVEL_LABELS[level].lower()} đang áp dụng tại tỉnh {_province(catalogue)}.",
            {"intro": None, "current": sort(groups.levels.get(level, [])), "former": [], "group_by": "field"},
        )


def _audience_pages(catalogue: Catalogue, groups: Grouping, split: Splitting) -> Iterator[SitePage]:
    for audience_id, audience in catalogue.audiences.items():
        current, former = split(groups.audiences.get(audience_id, []))
        yield SitePage(
            urls.audience_src(audience_id),
            f"Thủ tục dành cho {audience.name.lower()}",
            "list.html",
            audience.description or f"Các thủ tục hành chính dành cho {audience.name.lower()}.",
            {"intro": audience.description, "current": current, "former": former, "group_by": "field"},
        )


def _province(catalogue: Catalogue) -> str:
    return catalogue.settings.province if catalogue.settings else ""


def _index_pages(catalogue: Catalogue, groups: Grouping, split: Splitting) -> Iterator[SitePage]:
    current, former = split(groups.procedures)
    featured = [catalogue.procedures[i] for i in (catalogue.settings.featured if catalogue.settings else [])]
    title = catalogue.settings.title if catalogue.settings else "Thủ tục hành chính"
    yield SitePage(
        urls.HOME_SRC,
        title,
        "home.html",
        f"Tra cứu thủ tục hành chính tỉnh {_province(catalogue)}: giấy tờ cần nộp, thời hạn, phí, nơi nộp.",
        {"featured": [p for p in featured if p.status in IN_FORCE], "count": len(current)},
        hide=("toc", "navigation"),
    )
    yield SitePage(urls.FIELDS_SRC, "Lĩnh vực", "fields.html", "Thủ tục hành chính theo lĩnh vực.")
    yield SitePage(
        urls.AGENCIES_SRC,
        "Cơ quan thực hiện",
        "agencies.html",
        "Các cơ quan tiếp nhận và giải quyết thủ tục.",
    )
    yield SitePage(
        urls.AUDIENCES_SRC, "Đối tượng thực hiện", "audiences.html", "Thủ tục theo đối tượng thực hiện."
    )
    yield SitePage(
        urls.AZ_SRC,
        "Tra cứu từ A đến Z",
        "az.html",
        "Mọi thủ tục hành chính theo thứ tự chữ cái.",
        {"current": current, "former": former},
    )


def _data_pages(catalogue: Catalogue, today: dt.date, gaps: Gaps | None) -> Iterator[SitePage]:
    yield SitePage(
        "du-lieu-mo.md",
        "Dữ liệu mở",
        "open_data.html",
        "Toàn bộ danh mục thủ tục hành chính dưới dạng JSON và CSV, kèm lược đồ JSON Schema.",
        {"licence": catalogue.settings.licence if catalogue.settings else None},
    )
    rows = completeness(catalogue, today, gaps)
    yield SitePage(
        "bien-tap/do-day-du.md",
        "Mức độ đầy đủ của dữ liệu",
        "completeness.html",
        "Những thủ tục còn thiếu thông tin, theo cơ quan.",
        {"rows": rows, "today": today},
    )
    # The work list of each agency on a page of its own: the summary stays one table, whatever
    # the catalogue's size (with every list on it, it was 295 KB at 2,000 procedures).
    for row in rows:
        if any(row.gaps.values()):
            name = catalogue.agencies[row.agency].name
            yield SitePage(
                completeness_src(row.agency),
                f"Thông tin còn thiếu: {name}",
                "completeness_agency.html",
                f"Những thủ tục của {name} còn thiếu thông tin.",
                {"row": row, "today": today},
            )


def completeness_src(agency_id: str) -> str:
    return f"bien-tap/do-day-du/{agency_id}.md"


def _report_page(
    catalogue: Catalogue, catalogue_dir: Path | None, today: dt.date, memo: PlanMemo | None
) -> Iterator[SitePage]:
    if catalogue_dir is None:
        return
    quarter = quarter_containing(today)
    kept = (memo.revisions, memo.comparisons, memo.gaps) if memo else ()
    # Made when the page is rendered: the preview renders it after the saved procedure's page.
    report = Lazy(lambda: model(build_report(catalogue_dir, quarter, today, catalogue, *kept)))
    yield SitePage(
        "bao-cao/index.md",
        f"Báo cáo {quarter.label.lower()}",
        "report.html",
        "Tình hình thủ tục hành chính trong quý: số thủ tục, thay đổi, mức độ đầy đủ, phản ánh, kiến nghị.",
        {"report": report},
    )


def _editor_pages() -> Iterator[SitePage]:
    yield SitePage(
        "bien-tap/truong-du-lieu.md",
        "Tham chiếu trường dữ liệu",
        "reference.html",
        "Mọi trường của tệp thủ tục, danh mục dùng chung và phản ánh, sinh tự động từ mô hình dữ liệu.",
        {"tables": reference()},
    )
    yield SitePage(
        "bien-tap/ma-loi.md",
        "Mã lỗi của thutuc check",
        "codes.html",
        "Ý nghĩa các mã lỗi và cảnh báo khi kiểm tra danh mục.",
        {"codes": codes()},
    )


def _sorting(catalogue: Catalogue, memo: PlanMemo | None) -> Sort:
    """How the plan sorts a list by name: by ranks in a full build; in the preview, by each name's
    kept sort key, and only the lists that hold other procedures than last time (ranking every
    name again was a tenth of the plan at 20,000 procedures, for a list or two to sort)."""
    if memo is None:
        return Ranks(catalogue.procedures.values()).sort
    memo.sorts.begin()
    return functools.partial(memo.sorts, order=memo.names)


def plan(
    catalogue: Catalogue,
    today: dt.date | None = None,
    past: History | None = None,
    catalogue_dir: Path | None = None,
    memo: PlanMemo | None = None,
) -> list[SitePage]:
    """Every generated page, in a stable order. With `catalogue_dir`, also this quarter's report
    (`memo` keeps what it reads from git and each procedure's share for the next plan: the preview
    passes the same one)."""
    past = past or History(from_git=False)
    sort = _sorting(catalogue, memo)
    # The preview's grouping and splits, kept from the last plan (groups.py).
    groups = memo.groups(catalogue.procedures.values()) if memo else grouping(catalogue.procedures.values())
    if memo:
        memo.splits.begin()
    split: Splitting = functools.partial(memo.splits if memo else split_current, sort=sort)
    # Each procedure is weighed once, whatever the number of lists it is on (7 at 20,000: 0.6 s).
    weights = (memo.weights if memo else ByProcedure(entry_bytes)).many
    pages = [
        *_report_page(catalogue, catalogue_dir, today or clock.today(), memo),
        *_index_pages(catalogue, groups, split),
        *_editor_pages(),
        *_data_pages(catalogue, today or clock.today(), memo.gaps if memo else None),
        *_changes_page(catalogue, past),
        *_feedback_pages(catalogue, today or clock.today()),
        *_field_pages(catalogue, groups, split),
        *_agency_pages(catalogue, groups, split),
        *_level_pages(catalogue, groups, sort),
        *_audience_pages(catalogue, groups, split),
        *sorted(_procedure_pages(catalogue, past, memo), key=lambda page: page.src_uri),
    ]
    lists = memo.lists if memo else None
    return [part for page in pages for part in paginated(page, weights, lists)]
