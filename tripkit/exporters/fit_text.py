"""The import warnings of core.schedule_fit, in the user's language (for the CLI and TUI)."""

from __future__ import annotations

from tripkit.core.schedule_fit import MARGIN, ScheduleFit
from tripkit.core.timefmt import fmt_date
from tripkit.i18n import tr, trn
from tripkit.zonenames import zone_title


def fit_warnings(fit: ScheduleFit, lang: str = "en") -> list[str]:
    """One sentence per problem; empty when the schedule fits the trip."""
    out = []
    window_first = fmt_date(fit.window[0] + MARGIN, lang)
    window_last = fmt_date(fit.window[1] - MARGIN, lang)
    if fit.first_day is not None and fit.last_day is not None and fit.outside_trip:
        out.append(
            tr(
                "The schedule's sessions run {first} to {last}, not during this trip ({trip_first} "
                "to {trip_last}, give or take a week): check that it is the right event and year.",
                lang,
                first=fmt_date(fit.first_day, lang),
                last=fmt_date(fit.last_day, lang),
                trip_first=window_first,
                trip_last=window_last,
            )
        )
    elif fit.days_outside:
        days = ", ".join(fmt_date(d, lang) for d in fit.days_outside[:5])
        more = len(fit.days_outside) - 5
        if more > 0:
            days += tr(" and {count} more", lang, count=more)
        out.append(
            trn(
                "{n} session day falls outside this trip ({trip_first} to {trip_last}, give or "
                "take a week): {days}.",
                "{n} session days fall outside this trip ({trip_first} to {trip_last}, give or "
                "take a week): {days}.",
                len(fit.days_outside),
                lang,
                days=days,
                trip_first=window_first,
                trip_last=window_last,
            )
        )
    if fit.zone_differs:
        # Both clocks in words, on the schedule's first day ("UTC" against "Brussels time
        # (CET, UTC+1)"): the offsets show how far apart they are.
        day = fit.first_day or fit.window[0] + MARGIN
        out.append(
            tr(
                "The schedule's times are in {zone}, but the venue is in {venue}: check "
                "that it is this trip's conference. Calendar and binder exports will not put the "
                "trip's venue in its sessions' locations.",
                lang,
                zone=zone_title(fit.schedule_zone, day, lang) if fit.schedule_zone else "?",
                venue=zone_title(fit.venue_zone, day, lang),
            )
        )
    return out
