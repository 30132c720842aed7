"""Render generated pages with Jinja2 templates from overrides/thutuc/.

Autoescaping is on: every text that comes from YAML is escaped unless it went through the
Markdown subset in `markup`, which itself refuses raw HTML.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..catalogue import Catalogue
from ..model import Procedure
from ..model.feedback import FEEDBACK_CHANNEL_LABELS, FEEDBACK_STATUS_LABELS
from ..model.procedure import (
    CHANNEL_LABELS,
    FEE_KIND_LABELS,
    LEVEL_LABELS,
    ONLINE_LEVEL_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    Form,
)
from ..model.registry import AGENCY_LEVEL_LABELS, WEEKDAY_LABELS, Agency
from . import formatting, urls
from .markup import markdown, markdown_inline
from .names import long_name, name_html, short_name
from .qr import qr_path
from .site_page import SitePage
from .templates import compile_all, rendering
from .views import Views, as_names

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
            # A renderer lives for one build (the preview makes a new one for each rebuild): no
            # need to stat every template again for each of thousands of pages.
            auto_reload=False,
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
            name_html=name_html,
            short_name=short_name,
            long_name=long_name,
        )
        # The only names every template sees besides its view (views.py) and the link helpers: constant
        # labels of the model's values, a formatting helper, the icons shipped with the theme, and the
        # field names that every procedure list prints beside each entry (a registry of a few dozen
        # names that validation guarantees for each procedure, E303; passing it through each list's
        # view would add nothing). No catalogue: a template reads what its view resolved.
        self.env.globals.update(
            labels=LABELS,
            copies=formatting.copies,
            icon=self.icon,
            field_names={f.id: f.name for f in catalogue.fields.values()},
        )
        self.views = Views(catalogue)
        self._icons: dict[str, Markup] = {}
        self.templates = templates
        compile_all(self.env)

    def icon(self, name: str) -> Markup:
        """An SVG icon shipped with Material, inlined (no request, works offline)."""
        if self.icons is None:
            return Markup("")
        if name not in self._icons:
            path = self.icons / f"{name}.svg"
            self._icons[name] = Markup(path.read_text(encoding="utf-8")) if path.is_file() else Markup("")
        return self._icons[name]

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
        with rendering(self.templates, "feedback_contacts.html", src_uri):
            return self._feedback_contacts(src_uri)

    def _feedback_contacts(self, src_uri: str) -> str:
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
        note = self.catalogue.settings.feedback.note if self.catalogue.settings else None
        return template.render(desk=desk, agencies=agencies, note=note, **self._links(self.urls.of(src_uri)))

    def render(self, page: SitePage) -> str:
        """The HTML body of one page (the theme adds header, navigation and footer)."""
        with rendering(self.templates, page.template, page.src_uri):
            template = self.env.get_template(page.template)
            current = self.urls.of(page.src_uri)
            return template.render(page=page, **self._links(current), **as_names(self.views.of(page)))
