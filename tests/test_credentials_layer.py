"""The credentials layer stays usable without the UI: importing it loads no Textual."""

from __future__ import annotations

import subprocess
import sys


def test_importing_credentials_loads_no_textual():
    code = (
        "import sys, vonage_tui.credentials as c; "
        "assert c.SecretStore and c.resolve_credentials; "
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
