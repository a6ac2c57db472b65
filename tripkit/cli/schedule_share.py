"""`tripkit schedule share` and `receive`: a trip's picks as a small file or a QR code for a
colleague's tripkit (no account, no server). Loaded only when one of them runs (segno)."""

from __future__ import annotations

import json
from typing import Any

import click

from tripkit.cli.context import Ctx, pass_ctx
from tripkit.cli.schedule import _trip
from tripkit.core.textsafe import for_terminal
from tripkit.errors import Msg
from tripkit.i18n import tr, trn
from tripkit.services import schedule as svc


def register(group: click.Group) -> None:
    group.add_command(share_cmd)
    group.add_command(receive_cmd)


@click.command("share")
@click.argument(
    "file", required=False, type=click.Path(dir_okay=False, writable=True, allow_dash=True)
)
@click.option("--qr", is_flag=True, help="Show a QR code in the terminal instead.")
@pass_ctx
def share_cmd(ctx: Ctx, file: str | None, qr: bool) -> None:
    """Share your picks (stars, interest, reservations, notes): a small file for a
    colleague's `tripkit schedule receive`, or a QR code of the same."""
    from tripkit.core.share import to_json
    from tripkit.services import share

    trip = _trip(ctx)
    svc.require_schedule(ctx.store, trip)
    shared = share.gather(ctx.store, trip.id, trip.name)
    n = sum(len(p) for p in shared.programmes.values())
    if qr:
        import io

        import segno

        line = share.qr_line(shared)
        buf = io.StringIO()
        segno.make(line, error="l", micro=False).terminal(out=buf, compact=True)
        click.echo(buf.getvalue(), nl=False)
        click.echo(
            trn(
                "{n} pick; the code holds the line below (`tripkit schedule receive` "
                "reads it from a file or stdin):",
                "{n} picks; the code holds the line below (`tripkit schedule receive` "
                "reads it from a file or stdin):",
                n,
                ctx.lang,
            )
        )
        click.echo(line)
        return
    text = to_json(shared)
    if file is None or file == "-":
        click.echo(text, nl=False)
        return
    from pathlib import Path

    try:
        Path(file).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.FileError(file, exc.strerror) from None
    click.echo(
        trn(
            "Wrote {n} pick to {file}.",
            "Wrote {n} picks to {file}.",
            n,
            ctx.lang,
            file=for_terminal(file),
        )
    )


@click.command("receive")
@click.argument("file", type=click.File("rb", lazy=False))
@click.option(
    "--into",
    "into",
    multiple=True,
    metavar="THEIRS=MINE",
    help="Apply their programme THEIRS to your programme MINE (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_ctx
def receive_cmd(ctx: Ctx, file: Any, into: tuple[str, ...], as_json: bool) -> None:
    """Take a colleague's shared picks (a file, or - for the line of a QR code on stdin).
    Fills in, never overwrites: your own stars, interests, reservations and notes win."""
    from tripkit.core.share import MAX_BYTES, parse
    from tripkit.services import share

    trip = _trip(ctx)
    svc.require_schedule(ctx.store, trip)
    mapping: dict[str, str] = {}
    for pair in into:
        theirs, sep, mine = pair.partition("=")
        if not sep or not theirs or not mine:
            raise click.BadParameter(
                Msg("{pair}: use THEIRS=MINE", pair=repr(pair)), param_hint="--into"
            )
        mapping[theirs] = mine
    where = getattr(file, "name", "-")
    try:
        shared = parse(file.read(MAX_BYTES + 1))
    except ValueError as exc:
        raise share.ShareError(str(exc), where=where) from None
    got = share.receive(ctx.store, trip.id, shared, into=mapping)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "applied": got.applied,
                    "kept": got.kept,
                    "unknown": [{"programme": p, "id": k} for p, k in got.unknown],
                    "missing_programmes": got.missing_programmes,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for name, n in sorted(got.applied.items()):
        click.echo(
            trn(
                "{name}: {n} pick applied.",
                "{name}: {n} picks applied.",
                n,
                ctx.lang,
                name=for_terminal(name),
            )
        )
    if got.kept:
        click.echo(
            trn(
                "{n} of their choices differs from yours; yours was kept.",
                "{n} of their choices differ from yours; yours were kept.",
                got.kept,
                ctx.lang,
            )
        )
    for name in got.missing_programmes:
        click.echo(
            tr(
                "Their programme {name} is not in this trip (import it with --as "
                "{name}, or use --into {name}=main).",
                ctx.lang,
                name=for_terminal(name),
            )
        )
    if got.unknown:
        click.echo(
            trn(
                "{n} of their picks is not in your programme:",
                "{n} of their picks are not in your programme:",
                len(got.unknown),
                ctx.lang,
            )
        )
        for name, key in got.unknown:
            click.echo(f"  {for_terminal(name)}: {for_terminal(key)}")
