"""``python -m roadmap_tui`` is the ``roadmap-tui`` command."""

import sys

from .cli import main

sys.exit(main())
