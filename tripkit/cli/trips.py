"""CLI commands: `tripkit demo` and `tripkit trip ...` (new, list, show, edit, export, import,
delete, use). Trip files are YAML (see tripkit.services.trips and docs/trip-format.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

import click
from pydantic import ValidationError

from tripkit.cli.context import Ctx, pass_ctx, said
from tripkit.cli.export import output_options, write_file
from tripkit.core.models import (
    Conference,
    FlightSegment,
    Passport,
    Traveller,
    Trip,
    Venue,
    _country,
    _iata,
    _slug,
)
from tripkit.core.scheme_names import held_name
from tripkit.core.textsafe import for_terminal as safe
from tripkit.core.timefmt import fmt_date, fmt_dual
from tripkit.core.wording import country_names, country_names_in_text
from tripkit.core.zoned import get_zone, parse_zoned, utc, zone_of
from tripkit.errors import DataError, Msg, TripkitError
from tripkit.i18n import format_duration, render, tr
from tripkit.services import trips as svc
from tripkit.zonenames import zone_title

T = TypeVar("T")


def _say(ctx: Ctx) -> Callable[..., str]:
    """`tr` in the user's language, every value made safe for the terminal: names and notes
    come from trip files other people share (tripkit.core.textsafe)."""
    lang = ctx.lang
    return lambda text, **values: tr(
        text, lang, **{k: safe(v) if isinstance(v, str) else v for k, v in values.items()}
    )


def _checked(fn: Callable[[str], T]) -> Callable[[str], T]:
    """A click value_proc: a ValueError becomes a re-prompt with its message, in the user's
    language when it was raised keyed (a `Msg`)."""

    def proc(value: str) -> T:
        try:
            return fn(value.strip())
        except ValueError as exc:
            raise click.UsageError(said(exc)) from None

    return proc


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err.get("loc", ()))
    msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{loc}: {msg}" if loc else msg


def _dual(dt: datetime, trip: Trip, lang: str) -> str:
    """The time in its own zone, with the traveller's home time beside it when they differ."""
    return fmt_dual(dt, zone_of(dt).key, trip.home_tz, lang)


# --- demo ------------------------------------------------------------------------------------


def _demo_command() -> click.Command:
    @click.command("demo")
    @click.option("--yes", "-y", is_flag=True, help="Reset the example trip without asking.")
    @pass_ctx
    def demo(ctx: Ctx, yes: bool) -> None:
        """Create (or reset) the bundled example trip and make it current."""
        t = _say(ctx)
        if ctx.store.has_trip(svc.DEMO_ID) and not yes:
            click.confirm(
                t(
                    "The example trip exists. Reset it? Its checklist state, schedule and picks "
                    "will be lost."
                ),
                default=False,
                abort=True,
            )
        trip, was_reset = svc.install_demo(ctx.store)
        conf = trip.conference
        click.echo(t("Reset the example trip.") if was_reset else t("Created the example trip."))
        click.echo(
            t(
                "{name} (id {id}) is an EXAMPLE: the traveller, bookings and dates are made up.",
                name=trip.name,
                id=trip.id,
            )
        )
        click.echo(
            t(
                "Conference {first} to {last} at {venue}, {city}.",
                first=fmt_date(conf.first_day, ctx.lang),
                last=fmt_date(conf.last_day, ctx.lang),
                venue=conf.venue.name,
                city=conf.venue.city,
            )
        )
        click.echo(t("It is now the current trip. Make your own with `tripkit trip new`."))

    return demo


# --- trip new --------------------------------------------------------------------------------


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            Msg("{value!r} is not a date like 2027-01-12 (YYYY-MM-DD)", value=value)
        ) from None


def _zone(value: str) -> str:
    get_zone(value)
    return value


def _prompt_flight(t: Callable[..., str], n: int, dep_zone: str, arr_zone: str) -> FlightSegment:
    while True:
        number = click.prompt(t("Flight {n} number (e.g. NH8)", n=n), value_proc=_checked(str))
        origin = click.prompt(t("From airport (IATA code, e.g. NRT)"), value_proc=_checked(_iata))
        dest = click.prompt(t("To airport (IATA code, e.g. SFO)"), value_proc=_checked(_iata))
        departs = click.prompt(
            t(
                "Departs, local time at {airport} (e.g. 2027-01-11 17:05; zone {zone} unless you "
                "add one)",
                airport=origin,
                zone=dep_zone,
            ),
            value_proc=_checked(lambda v: parse_zoned(v, default_zone=dep_zone)),
        )
        arrives = click.prompt(
            t(
                "Arrives, local time at {airport} (zone {zone} unless you add one)",
                airport=dest,
                zone=arr_zone,
            ),
            value_proc=_checked(lambda v: parse_zoned(v, default_zone=arr_zone)),
        )
        try:
            return FlightSegment(
                flight=number, origin=origin, destination=dest, departs=departs, arrives=arrives
            )
        except ValidationError as exc:
            click.echo(
                t(
                    "That flight is not right: {problem}. Enter it again.",
                    problem=_first_error(exc),
                ),
                err=True,
            )


def _country_typed(value: str) -> str:
    """A country's code, or its name in English or Japanese ("India", 「インド」) as its code."""
    from tripkit.services.country_input import country_code

    return _country(country_code(value))


def _say_country(code: str, lang: str) -> None:
    """The country the code stands for, said back ("IN" is India, "ID" Indonesia)."""
    from tripkit.services.country_input import country_gloss

    click.echo("  = " + country_gloss(code, lang))


def _prompt_trip(ctx: Ctx) -> Trip:
    t = _say(ctx)
    lang = ctx.lang
    store = ctx.store
    name = click.prompt(t("Trip name (e.g. KubeCon EU 2027)"), value_proc=_checked(str))

    def new_id(value: str) -> str:
        _slug(value)
        if store.has_trip(value):
            raise ValueError(
                Msg("a trip called {id!r} exists already; choose another id", id=value)
            )
        return value

    trip_id = click.prompt(
        t("Trip id"), default=svc.free_id(store, svc.slugify(name)), value_proc=_checked(new_id)
    )
    citizenship = click.prompt(
        t("Your citizenship (two-letter country code)"),
        default="JP",
        value_proc=_checked(_country_typed),
    )
    _say_country(citizenship, lang)
    home_tz = click.prompt(
        t("Your home time zone (IANA name)"), default="Asia/Tokyo", value_proc=_checked(_zone)
    )
    expires = click.prompt(t("Passport expiry date (YYYY-MM-DD)"), value_proc=_checked(_date))
    e_passport = click.confirm(t("Is it an e-passport (chip symbol on the cover)?"), default=True)
    conf_name = click.prompt(t("Conference name"), value_proc=_checked(str))
    first = click.prompt(t("Conference first day (YYYY-MM-DD)"), value_proc=_checked(_date))

    def last_day(value: str) -> date:
        day = _date(value)
        if day < first:
            raise ValueError(Msg("the last day is before the first day"))
        return day

    last = click.prompt(
        t("Conference last day (YYYY-MM-DD)"),
        default=first.isoformat(),
        value_proc=_checked(last_day),
    )
    venue = click.prompt(t("Venue name"), value_proc=_checked(str))
    city = click.prompt(t("City"), value_proc=_checked(str))
    country = click.prompt(
        t("Country of the venue (two-letter code, e.g. US)"), value_proc=_checked(_country_typed)
    )
    _say_country(country, lang)
    venue_tz = click.prompt(
        t("Time zone of the venue (IANA name, e.g. America/Los_Angeles)"),
        value_proc=_checked(_zone),
    )
    flights: list[FlightSegment] = []
    while click.confirm(
        t("Add a flight?") if not flights else t("Add another flight?"), default=False
    ):
        # Guess the zones: out from home to the venue, then back home.
        dep_zone = home_tz if not flights else zone_of(flights[-1].arrives).key
        arr_zone = venue_tz if dep_zone == home_tz else home_tz
        flight = _prompt_flight(t, len(flights) + 1, dep_zone, arr_zone)
        if flights and utc(flight.departs) < utc(flights[-1].arrives):
            click.echo(
                t("That flight leaves before the previous one lands; it was not added."), err=True
            )
            continue
        flights.append(flight)
    try:
        return Trip(
            id=trip_id,
            name=name,
            traveller=Traveller(
                citizenships=[citizenship],
                home_country=citizenship,
                home_tz=home_tz,
                language=ctx.lang,
                passport=Passport(expires=expires, e_passport=e_passport),
            ),
            conference=Conference(
                name=conf_name,
                first_day=first,
                last_day=last,
                venue=Venue(name=venue, city=city, country=country, tz=venue_tz),
            ),
            flights=flights,
        )
    except ValidationError as exc:  # each answer was checked; this is a safety net
        raise DataError(_first_error(exc)) from None


# --- show ------------------------------------------------------------------------------------


def _show(trip: Trip, current: bool, lang: str, t: Callable[..., str]) -> None:
    echo = click.echo
    head = f"{safe(trip.name)}  [{trip.id}]"
    echo(head + (t("  (current trip)") if current else ""))
    if trip.example:
        echo(t("  EXAMPLE trip: the traveller, bookings and dates are made up."))
    trav = trip.traveller
    echo("")
    echo(t("Traveller: {name}", name=trav.name or t("(no name)")))
    echo(
        t(
            "  citizen of {countries}; home zone {zone}",
            countries=country_names(trav.citizenships, lang),
            # In words with the conference's first day's clock ("Tokyo time (JST, UTC+9)").
            zone=zone_title(trav.home_tz, trip.conference.first_day, lang),
        )
    )
    passport = trav.passport
    echo(
        t(
            "  passport expires {date}{chip}",
            date=fmt_date(passport.expires, lang),
            chip=t(" (e-passport)") if passport.e_passport else t(" (not an e-passport)"),
        )
    )
    for auth in trav.authorisations:
        echo(
            t(
                "  {kind} for {country}, valid until {date}",
                kind=safe(held_name(auth.kind, auth.country, lang)),  # the scheme's name
                country=country_names_in_text([auth.country], lang),
                date=fmt_date(auth.expires, lang),
            )
        )
    conf = trip.conference
    venue = conf.venue
    echo("")
    echo(t("Conference: {name}", name=conf.name))
    echo(
        t(
            "  {first} to {last}",
            first=fmt_date(conf.first_day, lang),
            last=fmt_date(conf.last_day, lang),
        )
    )
    if conf.url:
        echo(f"  {safe(conf.url)}")
    from tripkit.services.tripinfo import venue_city  # city and country in the reader's words

    city = venue_city(trip, lang)
    country = country_names([venue.country], lang)
    place = ", ".join(p for p in (venue.name, venue.address, city, country) if p)
    zone = zone_title(venue.tz, conf.first_day, lang)
    echo(t("  at {place}, on {zone}", place=place, zone=zone))
    for window in conf.badge_pickup:
        echo(
            t(
                "  {label}: {start} until {end}",
                label=window.label or t("Badge pickup"),
                start=_dual(window.start, trip, lang),
                end=_dual(window.end, trip, lang),
            )
        )
    if trip.flights:
        echo("")
        echo(t("Flights:"))
    for seg in trip.flights:
        ref = f"  ({seg.booking_ref})" if seg.booking_ref else ""
        echo(safe(f"  {seg.flight} {seg.origin} -> {seg.destination}{ref}"))
        echo(t("    departs {time}", time=_dual(seg.departs, trip, lang)))
        echo(t("    arrives {time}", time=_dual(seg.arrives, trip, lang)))
        note = t("    {duration} in the air", duration=format_duration(seg.duration, lang))
        if seg.arrives.replace(tzinfo=None) < seg.departs.replace(tzinfo=None):
            note += t("; by the clock it lands before it leaves (time zones / date line)")
        echo(note)
    _show_ground(trip, lang, echo, t)
    if trip.stays:
        echo("")
        echo(t("Stays:"))
    for stay in trip.stays:
        echo(safe(f"  {stay.name}" + (f", {stay.address}" if stay.address else "")))
        echo(t("    check-in {time}", time=_dual(stay.check_in, trip, lang)))
        echo(t("    check-out {time}", time=_dual(stay.check_out, trip, lang)))
    if trip.notes:
        echo("")
        echo(t("Notes:"))
        for line in trip.notes.splitlines():
            echo(f"  {safe(line)}")


def _show_ground(trip: Trip, lang: str, echo: Callable[[str], None], t: Callable[..., str]) -> None:
    """The legs by train, coach, car or ferry: each end with its country (the border it
    crosses), and its times each in its own zone (the home time beside, as for flights)."""
    from tripkit.core.journey import leg_title

    if not trip.ground:
        return
    echo("")
    echo(t("Ground travel:"))
    for leg in trip.ground:
        ref = f"  ({leg.booking_ref})" if leg.booking_ref else ""
        ends = t(
            "{origin} ({origin_country}) -> {destination} ({destination_country})",
            origin=leg.origin,
            origin_country=country_names([leg.origin_country], lang),
            destination=leg.destination,
            destination_country=country_names([leg.destination_country], lang),
        )
        echo(safe(f"  {leg_title(leg, lang)}: {ends}{ref}"))
        if leg.departs is not None:
            echo(t("    departs {time}", time=_dual(leg.departs, trip, lang)))
        if leg.arrives is not None:
            echo(t("    arrives {time}", time=_dual(leg.arrives, trip, lang)))
        if leg.departs is None and leg.arrives is None:
            echo(t("    no times given"))
        elif leg.departs is not None and leg.arrives is not None:
            took = format_duration(utc(leg.arrives) - utc(leg.departs), lang)
            echo(t("    {duration} on the way", duration=took))


# --- the trip group --------------------------------------------------------------------------


def _trip_group() -> click.Group:
    @click.group("trip")
    def trip() -> None:
        """Create, list, show, edit, import and export trips."""

    @trip.command("new")
    @click.option(
        "--from",
        "from_file",
        type=click.Path(path_type=Path),
        default=None,
        help="Create the trip from a YAML trip file instead of asking.",
    )
    @pass_ctx
    def new(ctx: Ctx, from_file: Path | None) -> None:
        """Create a trip (asks questions, or reads --from FILE.yaml) and make it current."""
        t = _say(ctx)
        trip = svc.read_trip_file(from_file) if from_file else _prompt_trip(ctx)
        svc.save_new_trip(ctx.store, trip)
        click.echo(
            t("Saved trip {id} ({name}); it is now the current trip.", id=trip.id, name=trip.name)
        )

    @trip.command("list")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    @pass_ctx
    def list_(ctx: Ctx, as_json: bool) -> None:
        """List trips; the current one is marked with *."""
        t = _say(ctx)
        store = ctx.store
        current = store.current_trip_id()
        trips = store.list_trips()
        if as_json:
            click.echo(
                json.dumps(
                    [svc.trip_summary(tr_, tr_.id == current) for tr_ in trips],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        if not trips:
            click.echo(t("No trips yet: run `tripkit demo` or `tripkit trip new`."))
            return
        for trip in trips:
            conf = trip.conference
            mark = "*" if trip.id == current else " "
            example = t("  [example]") if trip.example else ""
            click.echo(
                f"{mark} {trip.id}  {safe(trip.name)}  {fmt_date(conf.first_day, ctx.lang)} - "
                f"{fmt_date(conf.last_day, ctx.lang)}  {safe(conf.venue.city)}{example}"
            )

    @trip.command("show")
    @click.argument("trip_id", required=False)
    @click.option("--json", "as_json", is_flag=True, help="Print the trip as JSON.")
    @pass_ctx
    def show(ctx: Ctx, trip_id: str | None, as_json: bool) -> None:
        """Show a trip (default: the current one); every time with its zone."""
        trip = svc.resolve_trip(ctx.store, trip_id or ctx.trip_option)
        if as_json:
            click.echo(json.dumps(trip.model_dump(mode="json"), ensure_ascii=False, indent=2))
            return
        _show(trip, trip.id == ctx.store.current_trip_id(), ctx.lang, _say(ctx))

    @trip.command("edit")
    @click.argument("trip_id", required=False)
    @pass_ctx
    def edit(ctx: Ctx, trip_id: str | None) -> None:
        """Edit a trip's YAML in $EDITOR; it is checked before it is saved."""
        t = _say(ctx)
        store = ctx.store
        trip = svc.resolve_trip(store, trip_id or ctx.trip_option)
        original = svc.trip_to_yaml(trip)
        text = original
        where = f"<edited {trip.id}.yaml>"
        while True:
            edited = click.edit(text, extension=".yaml", require_save=True)
            if edited is None or edited == original:
                click.echo(t("No changes; trip {id} is as it was.", id=trip.id))
                return
            try:
                new = svc.parse_trip_yaml(edited, where)
                if new.id != trip.id:
                    raise DataError(
                        "id: the id cannot change while editing (it was {id!r}); export, "
                        "import under the new id, then delete the old trip",
                        where=where,
                        id=trip.id,
                    )
            except DataError as err:
                click.echo(f"tripkit: {safe(render(err, ctx.lang), one_line=False)}", err=True)
                if not click.confirm(t("Edit again?"), default=True):
                    raise TripkitError(
                        t("Nothing saved; trip {id} is as it was.", id=trip.id)
                    ) from None
                text = edited
                continue
            store.put_trip(new)
            click.echo(t("Saved trip {id}; its checklist state and picks are kept.", id=trip.id))
            return

    @trip.command("export")
    @click.argument("trip_id", required=False)
    @output_options
    @pass_ctx
    def export(ctx: Ctx, trip_id: str | None, output: Path | None, force: bool) -> None:
        """Write a trip as a YAML trip file (re-importable with `trip import`)."""
        trip = svc.resolve_trip(ctx.store, trip_id or ctx.trip_option)
        text = svc.trip_to_yaml(trip)
        # The exports' rules (tripkit.files): whole or not at all, never over a file unasked.
        write_file(text.encode("utf-8"), output, force, ctx.lang)
        if output is not None and str(output) != "-":
            click.echo(
                _say(ctx)("Wrote trip {id} to {path}.", id=trip.id, path=str(output)), err=True
            )

    @trip.command("import")
    @click.argument("file", type=click.Path(path_type=Path))
    @click.option("--replace", is_flag=True, help="Overwrite a trip with the same id.")
    @pass_ctx
    def import_(ctx: Ctx, file: Path, replace: bool) -> None:
        """Import a YAML trip file and make it the current trip."""
        t = _say(ctx)
        trip = svc.read_trip_file(file)
        replaced = svc.save_new_trip(ctx.store, trip, replace=replace)
        msg = (
            "Replaced trip {id} ({name}); checklist state and picks are kept."
            if replaced
            else "Imported trip {id} ({name})."
        )
        click.echo(t(msg, id=trip.id, name=trip.name) + " " + t("It is now the current trip."))

    @trip.command("delete")
    @click.argument("trip_id")
    @click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
    @pass_ctx
    def delete(ctx: Ctx, trip_id: str, yes: bool) -> None:
        """Delete a trip with its checklist state, schedule and picks."""
        t = _say(ctx)
        trip = ctx.store.get_trip(trip_id)  # NotFoundError before asking
        if not yes:
            click.confirm(
                t(
                    "Delete trip {id} ({name}) with its checklist state, schedule and picks?",
                    id=trip.id,
                    name=trip.name,
                ),
                default=False,
                abort=True,
            )
        ctx.store.delete_trip(trip_id)
        click.echo(t("Deleted trip {id}.", id=trip_id))

    @trip.command("use")
    @click.argument("trip_id")
    @pass_ctx
    def use(ctx: Ctx, trip_id: str) -> None:
        """Make a trip the current one."""
        ctx.store.set_current_trip(trip_id)
        click.echo(_say(ctx)("Trip {id} is now the current trip.", id=trip_id))

    return trip


def register(main: click.Group) -> None:
    """Add this area's commands to the main group."""
    main.add_command(_demo_command())
    main.add_command(_trip_group())


__all__ = ["register"]
