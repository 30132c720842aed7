"""Build the quarterly report: the catalogue at the quarter's end, what changed during it (git),
what is still incomplete, and the feedback figures of the quarter."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue import Catalogue
from ..completeness import AgencyGaps, Gaps, completeness
from ..diagnostics import ThutucError
from ..figures import QuarterFigures, figures
from ..history.changes import Change, Comparisons, compare
from ..history.revisions import GitError, catalogue_at, git, repo_root
from ..load import load_catalogue
from ..model.procedure import IN_FORCE


class BadQuarter(ThutucError):
    """The quarter is not written like 2026-Q4."""


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        following = dt.date(self.year + (self.number == 4), 1 if self.number == 4 else 3 * self.number + 1, 1)
        return following - dt.timedelta(days=1)

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        return f"Quý {self.number}/{self.year}"


def parse_quarter(text: str) -> Quarter:
    match = re.fullmatch(r"(\d{4})-[Qq]([1-4])", text.strip())
    if not match:
        raise BadQuarter(f"Quý «{text}» không đúng dạng NĂM-Qn, ví dụ 2026-Q4.")
    return Quarter(int(match.group(1)), int(match.group(2)))


def quarter_containing(date: dt.date) -> Quarter:
    return Quarter(date.year, (date.month - 1) // 3 + 1)


@dataclass
class QuarterReport:
    quarter: Quarter
    from_git: bool
    catalogue: Catalogue
    by_agency: Counter[str] = field(default_factory=Counter)
    by_field: Counter[str] = field(default_factory=Counter)
    by_level: Counter[str] = field(default_factory=Counter)
    added: list[Change] = field(default_factory=list)
    amended: list[Change] = field(default_factory=list)
    replaced: list[Change] = field(default_factory=list)
    abolished: list[Change] = field(default_factory=list)
    fee_changes: list[tuple[Change, str]] = field(default_factory=list)
    time_changes: list[tuple[Change, str]] = field(default_factory=list)
    gaps: list[AgencyGaps] = field(default_factory=list)
    feedback: list[QuarterFigures] = field(default_factory=list)
    # Counts "at the end of the quarter" are at this day: the quarter's last day, or today while it runs.
    as_of: dt.date = dt.date.min
    # Every procedure in the catalogue at `as_of`, in force or kept for history, by status.
    by_status: Counter[str] = field(default_factory=Counter)
    # Procedures in force before the quarter began (None outside git).
    in_force_at_start: int | None = None

    @property
    def in_force(self) -> int:
        return sum(self.by_status[s] for s in IN_FORCE)


def _repository(catalogue_dir: Path) -> tuple[Path, str] | None:
    """The git repository around the catalogue and the catalogue's path in it; None outside git
    and before the first commit (`git init` done, nothing committed: no history yet)."""
    try:
        repo = repo_root(catalogue_dir.resolve())
        relative = catalogue_dir.resolve().relative_to(repo).as_posix()
        git(repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except (GitError, ValueError):
        return None
    return repo, relative


def _revision_before(repo: Path, moment: dt.date) -> str | None:
    """The last commit made before the start of `moment` (Vietnam time), if any."""
    found = git(repo, "rev-list", "-1", f"--before={moment.isoformat()}T00:00:00+07:00", "HEAD").strip()
    return found or None


class RevisionCatalogues:
    """Catalogues read at git revisions, for a caller that builds reports again and again (the preview
    rebuilds after each save): a commit's catalogue never changes, and reading the quarter's starting point
    costs 1.5 s at 2,000 procedures. The caller owns it, so nothing outlives the caller; the last `keep`
    revisions are kept (the quarter's start and end)."""

    def __init__(self, keep: int = 2) -> None:
        self.keep = keep
        self._found: dict[tuple[Path, str, str], tuple[Catalogue, bool]] = {}

    def get(self, repo: Path, revision: str, relative: str) -> tuple[Catalogue, bool]:
        """(the catalogue at `revision`, whether it was valid); callers only read it."""
        key = (repo, revision, relative)
        found = self._found.pop(key, None)
        if found is None:
            with catalogue_at(repo, revision, relative) as root:
                loaded = load_catalogue(root)
                found = loaded.catalogue, not loaded.errors
        self._found[key] = found  # the most recently used last
        while len(self._found) > self.keep:
            del self._found[next(iter(self._found))]
        return found


def _catalogue(repo: Path, revision: str | None, relative: str, revisions: RevisionCatalogues) -> Catalogue:
    if revision is None:
        return Catalogue(Path(relative))
    catalogue, valid = revisions.get(repo, revision, relative)
    if not valid:
        raise ThutucError(f"Danh mục ở {revision[:10]} có lỗi nên chưa lập được báo cáo.")
    return catalogue


def _status_change(before: Catalogue, after: Catalogue, procedure_id: str) -> str | None:
    """The status a procedure moved to during the quarter (a status value, never its display label)."""
    old, new = before.procedures.get(procedure_id), after.procedures.get(procedure_id)
    if old is None or new is None or old.status == new.status:
        return None
    return new.status


def _classify(report: QuarterReport, before: Catalogue, changes: list[Change]) -> None:
    for change in (c for c in changes if c.subject == "procedure"):
        kinds = {item.kind for item in change.items}
        moved_to = _status_change(before, report.catalogue, change.id)
        if change.action == "added":
            # A record of an old procedure added for history is not a newly announced one.
            added = report.catalogue.procedures.get(change.id)
            if added is not None and added.status in IN_FORCE:
                report.added.append(change)
        elif moved_to == "abolished":
            report.abolished.append(change)
        elif moved_to == "replaced":
            report.replaced.append(change)
        elif change.action == "modified" and kinds - {"name"}:
            report.amended.append(change)
        for item in change.items:
            if item.kind.startswith("fee"):
                report.fee_changes.append((change, item.text))
            elif item.kind == "time_limit":
                report.time_changes.append((change, item.text))


def build_report(
    catalogue_dir: Path,
    quarter: Quarter,
    today: dt.date,
    current: Catalogue | None = None,
    revisions: RevisionCatalogues | None = None,
    comparisons: Comparisons | None = None,
    gaps: Gaps | None = None,
) -> QuarterReport:
    """The report for `quarter`; outside git only the state of the working tree is known.

    `current` is the catalogue already loaded from the working tree: for the quarter under way
    it stands for the quarter's end, so a site build does not read the catalogue twice.
    `revisions` keeps the catalogues read from git for the next call (the preview); without it
    they are read for this call only; `comparisons` and `gaps` keep each procedure's share of
    the comparison and of the gaps likewise.
    """
    revisions = revisions or RevisionCatalogues()
    ongoing = quarter.start <= today <= quarter.end
    found = _repository(catalogue_dir)
    if found is None:
        report = QuarterReport(quarter, False, current or load_catalogue(catalogue_dir, today).catalogue)
    else:
        repo, relative = found
        before = _catalogue(repo, _revision_before(repo, quarter.start), relative, revisions)
        if ongoing and current is not None:
            after = current
        else:
            end = _revision_before(repo, quarter.end + dt.timedelta(days=1))
            after = _catalogue(repo, end, relative, revisions)
        report = QuarterReport(quarter, True, after)
        report.in_force_at_start = sum(p.status in IN_FORCE for p in before.procedures.values())
        _classify(report, before, compare(before, after, comparisons))
    report.as_of = min(today, quarter.end)
    report.by_status = Counter(p.status for p in report.catalogue.procedures.values())
    in_force = [p for p in report.catalogue.procedures.values() if p.status in IN_FORCE]
    report.by_agency = Counter(p.agencies.competent[0] for p in in_force)
    report.by_field = Counter(p.field for p in in_force)
    report.by_level = Counter(p.level for p in in_force)
    report.gaps = completeness(report.catalogue, min(today, quarter.end), gaps)
    if report.catalogue.settings is not None:
        rows = figures(report.catalogue, min(today, quarter.end))
        report.feedback = [r for r in rows if r.quarter == quarter.code]
    return report
