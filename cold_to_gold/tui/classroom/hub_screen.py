"""A facilitator's screen that follows the live class: the console and the projector view.

Each event from the hub only marks the screen out of date; it is redrawn on a
timer, at most a few times a second, whatever the room does: the hub shares the
app's loop with the screen, and its answers to trainees come first.
"""

from __future__ import annotations

from textual.screen import Screen

from cold_to_gold.classroom.hub import Hub


class HubScreen(Screen):
    """Redrawn by `show` when the hub has news, at most once every `redraw_seconds`."""

    redraw_seconds = 0.5
    dirty = True

    @property
    def hub(self) -> Hub:
        return self.app.hub  # type: ignore[attr-defined]

    def follow_the_hub(self) -> None:
        """Listen to the hub from now on and draw the screen once."""
        self.hub.listeners.append(self.heard)
        self.set_interval(self.redraw_seconds, self.show_if_changed)
        self.show()

    def on_unmount(self) -> None:
        if self.heard in self.hub.listeners:
            self.hub.listeners.remove(self.heard)

    def heard(self, _event: dict) -> None:
        self.dirty = True

    def show_if_changed(self) -> None:
        if self.dirty:
            self.show()

    def show(self) -> None:
        """Draw what the hub holds now; a screen that follows the hub says what it shows."""
        raise NotImplementedError
