"""The languages tripkit speaks. Kept apart from the models (which import pydantic) so that
i18n, and with it the TUI's first frame, does not wait for pydantic."""

from __future__ import annotations

from typing import Literal

Lang = Literal["en", "ja"]
LANGS: tuple[Lang, ...] = ("en", "ja")
