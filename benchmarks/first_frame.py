"""One start-up, timed by bench_app.py: draw the first frame headless, then exit.

``bare`` is the floor any Textual app pays (one Static); ``roadmap`` is our app
on FILE. Both exit right after their first refresh, so the process time is the
time to the first frame. ``--rss`` prints the peak memory (KiB) at exit.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path


def main() -> None:
    mode, path = sys.argv[1], Path(sys.argv[2])
    if mode == "bare":
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("hello")

            def on_mount(self) -> None:
                self.call_after_refresh(self.exit)

        Bare().run(headless=True, size=(120, 40))
    else:
        from roadmap_tui.app import RoadmapApp

        class Timed(RoadmapApp):
            def on_ready(self) -> None:
                self.call_after_refresh(self.exit)

        Timed(path).run(headless=True, size=(120, 40))
    if "--rss" in sys.argv:
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    main()
