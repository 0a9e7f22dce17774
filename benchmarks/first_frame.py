"""One start-up, timed by bench_app.py: draw the first frame headless, then exit.

``bare`` is the floor any Textual app pays (one Static); ``roadmap`` is our app
on FILE. Each prints the wall-clock time (``time.time()``) just after its first
frame has been drawn; the parent subtracts the moment it started the process,
so interpreter start, imports, reading the file and composing all count, and
shutting down does not. ``--rss`` prints the peak memory (KiB) at exit;
``--linger`` stays open 1.5 s after the first frame (long enough for the parse
cache, written a second after opening, as any real session is).
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path


def _drawn(app: object) -> None:
    print(f"drawn {time.time():.6f}", flush=True)
    if "--linger" in sys.argv:
        app.set_timer(1.5, app.exit)  # type: ignore[attr-defined]
    else:
        app.exit()  # type: ignore[attr-defined]


def main() -> None:
    mode, path = sys.argv[1], Path(sys.argv[2])
    if mode == "bare":
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("hello")

            def on_ready(self) -> None:
                self.call_after_refresh(_drawn, self)

        Bare().run(headless=True, size=(120, 40))
    else:
        from roadmap_tui.app import RoadmapApp

        class Timed(RoadmapApp):
            def on_ready(self) -> None:
                self.call_after_refresh(_drawn, self)

        Timed(path).run(headless=True, size=(120, 40))
    if "--rss" in sys.argv:
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    main()
