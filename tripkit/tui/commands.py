"""Command palette provider: every action of the table, for the app and the current screen."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tripkit.tui.actions import ACTIONS, Action, key_display


class TripCommands(Provider):
    def _available(self) -> list[Action]:
        # `self.screen` is the screen the palette was opened from.
        scope = getattr(self.screen, "SCOPE", None)
        return [a for a in ACTIONS if a.palette and a.scope in ("app", scope)]

    def _title(self, action: Action) -> str:
        t = self.app.t  # type: ignore[attr-defined]
        return f"{t(action.help)}  ({key_display(action.key)})"

    async def _run(self, action: Action) -> None:
        if action.scope == "app":
            await self.app.run_action(action.action)
        else:
            await self.app.run_action(action.action, self.screen)

    async def discover(self) -> Hits:
        for action in self._available():
            yield DiscoveryHit(
                self._title(action),
                partial(self._run, action),
                help=self.app.t(action.description),  # type: ignore[attr-defined]
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for action in self._available():
            title = self._title(action)
            score = max(matcher.match(title), matcher.match(action.description))
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._run, action),
                    help=self.app.t(action.description),  # type: ignore[attr-defined]
                )
