"""Contrast of what a headless app draws: every run of text whose colour is too close to its
background (WCAG 2 ratio), computed from the compositor's segments, as a terminal shows them.

Colours Textual leaves unset (under NO_COLOR with native colours) are the terminal's own:
light grey on black, as ../shared/tools/tui-contrast assumes. `dim` halves the distance to the
background, as terminals draw it.
"""

from __future__ import annotations

from typing import Any

DEFAULT_FG = (229, 229, 229)
DEFAULT_BG = (0, 0, 0)


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(fg: tuple[int, int, int], bg: tuple[int, int, int]) -> float:
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _rgb(color: Any, default: tuple[int, int, int]) -> tuple[int, int, int]:
    if color is None or color.is_default:
        return default
    triplet = color.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def low_contrast(app: Any, minimum: float = 3.0) -> list[str]:
    """Each run of words on the active screen below `minimum`, as 'row N: text (ratio)'.

    With a dialog open only the dialog is judged: the screen behind it is faded on purpose.
    """
    from textual.screen import ModalScreen

    screen = app.screen
    strips = screen._compositor.render_strips()  # the frame as the terminal receives it
    region = None
    if isinstance(screen, ModalScreen) and screen.children:
        region = screen.children[0].region
    found: list[str] = []
    for row, strip in enumerate(strips):
        if region is not None:
            if not region.y <= row < region.bottom:
                continue
            strip = strip.crop(region.x, region.right)
        for segment in strip:
            text, style = segment.text, segment.style
            if not any(ch.isalnum() for ch in text) or style is None:
                continue
            fg = _rgb(style.color, DEFAULT_FG)
            bg = _rgb(style.bgcolor, DEFAULT_BG)
            if style.reverse:
                fg, bg = bg, fg
            if style.dim:
                fg = tuple((f + b) // 2 for f, b in zip(fg, bg, strict=True))  # type: ignore[assignment]
            r = ratio(fg, bg)
            if r < minimum:
                colours = "#{:02x}{:02x}{:02x} on #{:02x}{:02x}{:02x}".format(*fg, *bg)
                found.append(f"row {row}: {text.strip()!r} {r:.2f} ({colours})")
    return found
