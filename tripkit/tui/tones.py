"""Text emphasis by meaning (a problem, a warning, a quiet aside), readable in every theme.

Rich styles such as "red" or "dim" are fixed colours: yellow on the light theme and red under
NO_COLOR (which Textual turns to grey) fell below a 3:1 contrast. Here each meaning is resolved
against the current theme's text colours, which Textual designs to be legible on its
backgrounds; under NO_COLOR emphasis is bold or reverse, never a dimmer grey.
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from textual.color import Color

TONES = ("error", "warning", "muted", "success", "accent", "primary")
_cache: dict[tuple[str, bool], dict[str, Style]] = {}


def _build(app: Any) -> dict[str, Style]:
    if app.no_color:
        return {
            "error": Style(bold=True, reverse=True),
            "warning": Style(bold=True),
            "muted": Style(italic=True),
            "success": Style(bold=True),
            "accent": Style(underline=True),
            "primary": Style(bold=True),
        }
    variables = app.get_css_variables()
    background = Color.parse(variables["background"])
    foreground = Color.parse(variables["foreground"])

    def colour(name: str) -> Any:
        return Color.parse(variables[name]).rich_color

    return {
        "error": Style(color=colour("text-error"), bold=True),
        "warning": Style(color=colour("text-warning"), bold=True),
        # 70% of the way from the background to the text: quieter, still well above 3:1.
        "muted": Style(color=background.blend(foreground, 0.7).rich_color),
        "success": Style(color=colour("text-success")),
        "accent": Style(color=colour("text-accent")),
        "primary": Style(color=colour("text-primary")),
    }


def tone(app: Any, name: str) -> Style:
    """The style for `name` (one of TONES) in the app's current theme and colour mode."""
    key = (str(app.theme), bool(app.no_color))
    styles = _cache.get(key)
    if styles is None:
        styles = _cache[key] = _build(app)
    return styles[name]
