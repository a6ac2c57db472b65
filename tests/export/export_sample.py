"""Fixed data for the export tests: checklist items and sessions built from the models.

The items stand in for the checklist engine's output (the exporters take any list of
ChecklistItem); the sessions for an imported schedule. Times are for the example trip made
with TODAY = 2026-11-27: conference Tue 12 - Thu 14 Jan 2027, NH8 leaves NRT Mon 11 Jan 17:05
JST and lands SFO the same day 09:40 PST, NH7 leaves SFO Fri 15 Jan 11:25 PST.
"""

from __future__ import annotations

from datetime import datetime

from tripkit.core.models import ChecklistItem, ItemState, Session, Source, Speaker
from tripkit.core.zoned import parse_zoned

# The fixed "now" of the golden files: Fri 27 Nov 2026 10:00 in Tokyo.
NOW = parse_zoned("2026-11-27T10:00[Asia/Tokyo]")
SF = "America/Los_Angeles"


def at(text: str) -> datetime:
    return parse_zoned(text)


def items() -> list[ChecklistItem]:
    return [
        ChecklistItem(
            id="esta",
            phase="prepare",
            title="Apply for ESTA",
            details="Apply on the official site only.\nThird-party sites charge extra.",
            due=at("2027-01-08T23:59[Asia/Tokyo]"),
            reason="You hold a JP passport and fly to the US under the Visa Waiver Program",
            sources=[Source(title="CBP ESTA", url="https://esta.cbp.dhs.gov", date="2025-08-28")],
            status="done",
            state=ItemState(status="done"),
        ),
        ChecklistItem(
            id="passport-validity",
            phase="prepare",
            title="Check passport validity",
            due=at("2026-12-15T09:00[Asia/Tokyo]"),
            reason="Every international trip",
            problem="Passport expires in 3 years: fine",
        ),
        ChecklistItem(
            id="travel-insurance",
            phase="prepare",
            title="Buy travel insurance",
            status="skipped",
            state=ItemState(status="skipped", reason="company policy covers it"),
        ),
        ChecklistItem(
            id="online-checkin",
            phase="depart",
            title="Online check-in for NH8",
            due=at("2027-01-10T17:05[Asia/Tokyo]"),
            reason="Opens 24 h before departure",
        ),
        ChecklistItem(
            id="set-watch",
            phase="in-flight",
            title="Set your watch to San Francisco time",
        ),
        ChecklistItem(
            id="badge",
            phase="arrive",
            title="Pick up your badge",
            due=at("2027-01-11T18:00[America/Los_Angeles]"),
            reason="Badge desk closes at 18:00 the day before",
            status="overdue",
        ),
        ChecklistItem(
            id="expense-report",
            phase="after",
            title="File the expense report",
            due=at("2027-01-29T17:00[Asia/Tokyo]"),
            reason="Within two weeks of return",
        ),
        ChecklistItem(
            id="uk-eta",
            phase="prepare",
            title="Apply for a UK ETA",
            status="not_applicable",
            reason="You do not travel through the UK",
        ),
    ]


def sessions() -> list[Session]:
    return [
        Session(
            key="kn-1",
            title="Opening keynote",
            start=at(f"2027-01-12T09:00[{SF}]"),
            end=at(f"2027-01-12T10:30[{SF}]"),
            room="Hall A",
            speakers=[Speaker(name="Zoë Ångström"), Speaker(name="山田 太郎")],
            abstract="Where containers go next.",
            url="https://example.org/kn-1",
        ),
        Session(
            key="ws-2",
            title="Hands-on: multi-stage builds; caching, secrets",
            start=at(f"2027-01-12T13:00[{SF}]"),
            end=at(f"2027-01-12T15:00[{SF}]"),
            room="Room 2014",
            track="Workshops",
            needs_registration=True,
        ),
        Session(
            key="talk-3",
            title="日本語セッション: コンテナのセキュリティ",
            start=at(f"2027-01-13T11:00[{SF}]"),
            end=at(f"2027-01-13T11:45[{SF}]"),
            room="Room 3001",
            speakers=[Speaker(name="佐藤 花子")],
        ),
        Session(
            key="talk-4",
            title="Cancelled talk",
            start=at(f"2027-01-14T16:00[{SF}]"),
            end=at(f"2027-01-14T16:30[{SF}]"),
            room="Room 3001",
            cancelled=True,
        ),
    ]


HOSTILE_TITLES = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[@click=app.quit]x[/]",
]
