"""The summary box of a procedure page: time limit, fees and online submission, each in one line."""

from __future__ import annotations

from ..model import Procedure
from ..model.procedure import CHANNEL_LABELS, ONLINE_LEVEL_LABELS, Channel, Fee
from . import formatting


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
