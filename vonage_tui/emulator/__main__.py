"""``python -m vonage_tui.emulator``: the same as ``vonage-tui demo-server``."""

import sys

from .cli import main

sys.exit(main())
