"""What one citizen needs: the documents of their dossier case, and the fees and time limit of their channel.

A procedure page lists every case and every channel; the chooser at the top of its documents
section (overrides/thutuc/_cases.html) narrows it to one pair. Each case and each pair has an
anchor of its own (`truong-hop-2`, `truong-hop-2-truc-tuyen`) so that the page works without
JavaScript and an address can be sent to someone. The search index links to the same anchors.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Procedure
from ..model.procedure import CHANNEL_LABELS, Channel, ChannelKind, DossierCase, Fee

# The channel part of an anchor, in Vietnamese without marks (it shows in the address bar).
CHANNEL_SLUGS: dict[ChannelKind, str] = {
    "in_person": "truc-tiep",
    "online": "truc-tuyen",
    "postal": "buu-chinh",
}


def case_anchor(number: int) -> str:
    """The anchor of the `number`-th case (from 1)."""
    return f"truong-hop-{number}"


def choice_anchor(number: int, kind: ChannelKind) -> str:
    """The anchor of one case submitted through one channel."""
    return f"{case_anchor(number)}-{CHANNEL_SLUGS[kind]}"


def case_label(case: DossierCase, number: int) -> str:
    """The short name a citizen picks: the editor's title, else the case's name, else its number."""
    return case.title or case.name or f"Trường hợp {number}"


def fees_for(channel: Channel, case: DossierCase) -> list[Fee]:
    """The fees of `channel` that apply to `case`: those naming no case, and those naming its title."""
    return [
        fee for fee in channel.fees if not fee.cases or (case.title is not None and case.title in fee.cases)
    ]


@dataclass(frozen=True)
class Choice:
    """One case through one channel: what the citizen pays and how long it takes."""

    anchor: str
    slug: str  # the channel part of the anchor
    channel: Channel
    fees: list[Fee]

    @property
    def by_case(self) -> bool:
        """Whether this channel's fees differ between cases (some fee names the cases it applies to)."""
        return any(fee.cases for fee in self.channel.fees)


@dataclass(frozen=True)
class CaseView:
    """One dossier case as the chooser shows it."""

    number: int
    anchor: str
    label: str
    case: DossierCase
    choices: list[Choice]


def channel_list(p: Procedure) -> str:
    """The channels for the chooser script, as `kind:slug:label|…` (one source for names and anchors)."""
    return "|".join(f"{c.kind}:{CHANNEL_SLUGS[c.kind]}:{CHANNEL_LABELS[c.kind]}" for c in p.channels)


def has_choice(p: Procedure) -> bool:
    """Whether the page needs a chooser: more than one case or more than one channel."""
    return len(p.dossier.cases) > 1 or len(p.channels) > 1


def case_views(p: Procedure) -> list[CaseView]:
    """Every case of `p`, each with every channel, in the order of the file."""
    views = []
    for number, case in enumerate(p.dossier.cases, start=1):
        choices = [
            Choice(choice_anchor(number, c.kind), CHANNEL_SLUGS[c.kind], c, fees_for(c, case))
            for c in p.channels
        ]
        views.append(CaseView(number, case_anchor(number), case_label(case, number), case, choices))
    return views
