"""Render generated pages with Jinja2 templates from overrides/thutuc/.

Autoescaping is on: every text that comes from YAML is escaped unless it went through the
Markdown subset in `markup`, which itself refuses raw HTML.
"""

from __future__ import annotations

import itertools
import re
import urllib.parse
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..catalogue import Catalogue
from ..model import Procedure
from ..model.feedback import FEEDBACK_CHANNEL_LABELS, FEEDBACK_STATUS_LABELS, FeedbackCase
from ..model.procedure import (
    CHANNEL_LABELS,
    FEE_KIND_LABELS,
    IN_FORCE,
    LEVEL_LABELS,
    ONLINE_LEVEL_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    Channel,
    Fee,
    Form,
)
from ..model.registry import AGENCY_LEVEL_LABELS, WEEKDAY_LABELS, Agency, FieldOfWork
from . import formatting, urls
from .markup import markdown, markdown_inline
from .names import long_name, name_html, short_name
from .pages import SitePage, by_name
from .qr import qr_path

FORMS_URL = "bieu-mau"
LABELS = {
    "feedback_status": FEEDBACK_STATUS_LABELS,
    "feedback_channel": FEEDBACK_CHANNEL_LABELS,
    "status": STATUS_LABELS,
    "level": LEVEL_LABELS,
    "channel": CHANNEL_LABELS,
    "online_level": ONLINE_LEVEL_LABELS,
    "fee_kind": FEE_KIND_LABELS,
    "agency_level": AGENCY_LEVEL_LABELS,
    "role": ROLE_LABELS,
}


def all_fees(procedure: Procedure) -> list[tuple[Channel, Fee]]:
    return [(channel, fee) for channel in procedure.channels for fee in channel.fees]


def glance_fees(procedure: Procedure) -> str:
    """One line for the summary box: what a citizen pays, by channel."""
    parts = []
    for channel in procedure.channels:
        if not channel.fees or all(fee.amount == 0 for fee in channel.fees):
            text = "Miễn phí"
        elif len(channel.fees) == 1:
            text = formatting.fee_amount(channel.fees[0])
        else:
            # Several fees (on time / late, per copy / per page): each with its name, never one
            # amount standing for all of them.
            text = "; ".join(f"{fee.name}: {formatting.fee_amount(fee)}" for fee in channel.fees)
        parts.append((text, CHANNEL_LABELS[channel.kind].lower()))
    if len({text for text, _ in parts}) == 1:
        return parts[0][0]
    return "; ".join(f"{text} ({channel})" for text, channel in parts)


def glance_time(procedure: Procedure) -> str:
    """The time limit once if every channel has the same, else per channel."""
    texts = [
        (formatting.time_limit(c.time_limit), CHANNEL_LABELS[c.kind].lower()) for c in procedure.channels
    ]
    if len({text for text, _ in texts}) == 1:
        return texts[0][0]
    return "; ".join(f"{text} ({channel})" for text, channel in texts)


def glance_online(procedure: Procedure) -> str:
    online = next((c for c in procedure.channels if c.kind == "online"), None)
    if online is None:
        return "Không"
    if online.online_level is None:
        return "Có (chưa rõ toàn trình hay một phần)"
    return f"Có, {ONLINE_LEVEL_LABELS[online.online_level].lower()}"


def mailto(address: str, subject: str, body: str) -> str:
    """A mailto link with subject and body filled in (percent-encoded, spaces as %20).

    The address is encoded too, even though the model allows only plain addresses: a `?` or `&`
    in it would add headers (bcc=…) to the message the citizen sends."""
    query = urllib.parse.urlencode({"subject": subject, "body": body}, quote_via=urllib.parse.quote)
    return f"mailto:{urllib.parse.quote(address, safe='@')}?{query}"


def mail_link(address: str) -> str:
    """`mailto:` an address and nothing else, encoded like `mailto`'s (templates write no mailto by hand)."""
    return f"mailto:{urllib.parse.quote(address, safe='@')}"


def _tel(number: str) -> str:
    return re.sub(r"[^0-9+]", "", number)


def _groupby_initial(procedures: Iterable[Procedure]) -> list[tuple[str, list[Procedure]]]:
    ordered = by_name(list(procedures))
    return [
        (letter, list(group))
        for letter, group in itertools.groupby(ordered, key=lambda p: formatting.initial(p.name))
    ]


class Renderer:
    """Renders SitePages of one catalogue, in one URL style."""

    def __init__(
        self,
        catalogue: Catalogue,
        templates: Path,
        url_style: urls.Urls,
        icons: Path | None = None,
        site_url: str | None = None,
        bytecode_cache: jinja2.BytecodeCache | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.urls = url_style
        self.icons = icons
        self.site_url = site_url
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=bytecode_cache,
        )
        self.env.filters.update(
            md=markdown,
            md_inline=markdown_inline,
            time_limit=formatting.time_limit,
            fee_amount=formatting.fee_amount,
            date_vn=formatting.date_vn,
            tel=_tel,
            mail_link=mail_link,
            weekday=WEEKDAY_LABELS.get,
            sort_by_name=by_name,
            groupby_initial=_groupby_initial,
            name_html=name_html,
            short_name=short_name,
            long_name=long_name,
        )
        self.env.globals.update(
            cat=catalogue,
            labels=LABELS,
            copies=formatting.copies,
            glance_fees=glance_fees,
            glance_online=glance_online,
            glance_time=glance_time,
            all_fees=all_fees,
            icon=self.icon,
            fields_by_name=self.fields_by_name,
            field_count=self.field_count,
            agencies_by_level=self.agencies_by_level,
            case_field_ids=self.case_field_ids,
            agency_name=lambda i: self.catalogue.agencies[i].name if i in self.catalogue.agencies else i,
            field_name=lambda i: self.catalogue.fields[i].name if i in self.catalogue.fields else i,
            case_fields=self.case_fields,
        )
        self._icons: dict[str, Markup] = {}

    def icon(self, name: str) -> Markup:
        """An SVG icon shipped with Material, inlined (no request, works offline)."""
        if self.icons is None:
            return Markup("")
        if name not in self._icons:
            path = self.icons / f"{name}.svg"
            self._icons[name] = Markup(path.read_text(encoding="utf-8")) if path.is_file() else Markup("")
        return self._icons[name]

    def fields_by_name(self) -> list[FieldOfWork]:
        return sorted(self.catalogue.fields.values(), key=lambda f: formatting.sort_key(f.name))

    @cached_property
    def _field_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for procedure in self.catalogue.procedures.values():
            if procedure.status in IN_FORCE:
                counts[procedure.field] = counts.get(procedure.field, 0) + 1
        return counts

    def field_count(self, field_id: str) -> int:
        return self._field_counts.get(field_id, 0)

    def case_field_ids(self, case: FeedbackCase) -> list[str]:
        """The fields of the procedures a case is about (for filtering the list)."""
        procedures = self.catalogue.procedures
        return sorted({procedures[p].field for p in case.procedures if p in procedures})

    def case_fields(self, cases: list[FeedbackCase]) -> list[FieldOfWork]:
        ids = {f for case in cases for f in self.case_field_ids(case)}
        return [f for f in self.fields_by_name() if f.id in ids]

    def agencies_by_level(self) -> list[tuple[str, list[Agency]]]:
        order = ("province", "commune", "central")
        agencies = sorted(self.catalogue.agencies.values(), key=lambda a: formatting.sort_key(a.name))
        return [
            (level, [a for a in agencies if a.level == level])
            for level in order
            if any(a.level == level for a in agencies)
        ]

    def _links(self, current: str) -> dict[str, Callable[..., Any]]:
        def url(src_uri: str) -> str:
            return self.urls.relative(self.urls.of(src_uri), current)

        def form_href(form: Form) -> str | None:
            if form.file:
                return self.urls.relative(f"{FORMS_URL}/{form.file}", current)
            return form.url

        def report_href(procedure: Procedure) -> str:
            settings = self.catalogue.settings
            agency = self.catalogue.agencies.get(settings.feedback.agency) if settings else None
            if agency is None or not agency.email:
                return url(urls.FEEDBACK_SRC)
            code = f" (mã {procedure.code})" if procedure.code else ""
            page = self.urls.of(urls.procedure_src(procedure.id))
            return mailto(
                agency.email,
                f"Báo lỗi thông tin thủ tục: {short_name(procedure)}{code}",
                f"Trang: {page}\nNội dung sai:\n",
            )

        def online_qr(procedure: Procedure) -> str | None:
            """Where this page's QR code image is, relative to the page (None without a site URL)."""
            return self.urls.relative(qr_path(procedure.id), current) if self.site_url else None

        def feedback_mailto(agency: Agency | None, subject: str) -> str:
            """A mail to the agency (or the province's feedback desk), its subject filled in."""
            settings = self.catalogue.settings
            desk = self.catalogue.agencies.get(settings.feedback.agency) if settings else None
            address = (agency.email if agency else None) or (desk.email if desk else None) or ""
            body = "Nội dung phản ánh, kiến nghị:\n\n(Không cần ghi số căn cước hay địa chỉ nhà riêng.)\n"
            return mailto(address, subject, body)

        return {
            "url": url,
            "online_qr": online_qr,
            "feedback_mailto": feedback_mailto,
            "case_url": lambda i: url(urls.case_src(i)),
            "asset": lambda path: self.urls.relative(path, current),
            "procedure_url": lambda i: url(urls.procedure_src(i)),
            "field_url": lambda i: url(urls.field_src(i)),
            "agency_url": lambda i: url(urls.agency_src(i)),
            "audience_url": lambda i: url(urls.audience_src(i)),
            "form_href": form_href,
            "report_href": report_href,
        }

    def render_feedback_contacts(self, src_uri: str) -> str:
        """The contacts block of the hand-written feedback page, from the agency registry."""
        template = self.env.get_template("feedback_contacts.html")
        desk = (
            self.catalogue.agencies.get(self.catalogue.settings.feedback.agency)
            if self.catalogue.settings
            else None
        )
        agencies = [
            a
            for a in sorted(self.catalogue.agencies.values(), key=lambda a: formatting.sort_key(a.name))
            if not a.dissolved
        ]
        return template.render(desk=desk, agencies=agencies, **self._links(self.urls.of(src_uri)))

    def render(self, page: SitePage) -> str:
        """The HTML body of one page (the theme adds header, navigation and footer)."""
        template = self.env.get_template(page.template)
        current = self.urls.of(page.src_uri)
        return template.render(page=page, **self._links(current), **page.context)
