"""Texts the UI shows when no OS keyring is usable: ways to get one, or to do without.

Each recipe is plain text (no markup), ready for a copyable text area.
"""

from __future__ import annotations

from dataclasses import dataclass

from .encrypted_file import PASSPHRASE_ENV


@dataclass(frozen=True)
class Recipe:
    title: str
    body: str


SECRET_SERVICE_SSH = Recipe(
    title="Secret Service over SSH (GNOME Keyring)",
    body="""\
An SSH session has no desktop session bus, so the Secret Service cannot be reached.
Start a private D-Bus session and an unlocked GNOME Keyring for this run only.

Install once (Debian/Ubuntu): sudo apt install gnome-keyring dbus

Then start vonage-tui like this (the passphrase is read without echo, and is kept
out of your shell history and the process list):

  dbus-run-session -- sh -c '
    stty -echo; printf "Keyring passphrase: "; IFS= read -r pass; stty echo; echo
    printf %s "$pass" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    unset pass
    vonage-tui'

The first run creates the "login" keyring with that passphrase; later runs unlock it.
The short form, if you accept the passphrase in your shell history:
  dbus-run-session -- sh -c 'echo -n PASS | gnome-keyring-daemon --unlock; vonage-tui'
""",
)

ENVIRONMENT_VARIABLES = Recipe(
    title="Environment variables (nothing stored)",
    body="""\
vonage-tui reads these and never writes them anywhere:

  export VONAGE_API_KEY=abcd1234
  IFS= read -rs VONAGE_API_SECRET && export VONAGE_API_SECRET   # typed, not echoed
  export VONAGE_APPLICATION_ID=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee
  export VONAGE_PRIVATE_KEY_PATH=~/.ssh/vonage_app.key   # or VONAGE_PRIVATE_KEY with the PEM text
  export VONAGE_API_URL=https://api.nexmo.com            # optional; regional hosts also work
  vonage-tui

Command-line flags override these; these override the profile and the keyring.
""",
)

ENCRYPTED_FILE = Recipe(
    title="Encrypted file (keyrings.cryptfile)",
    body=f"""\
Secrets are kept in an AES-GCM encrypted file under $XDG_DATA_HOME/vonage-tui/
(~/.local/share/vonage-tui/), its key derived from a passphrase with Argon2.
vonage-tui asks for the passphrase when it starts. For unattended runs set it in
the environment instead:

  IFS= read -rs {PASSPHRASE_ENV} && export {PASSPHRASE_ENV}
  vonage-tui
""",
)

RECIPES: tuple[Recipe, ...] = (ENCRYPTED_FILE, SECRET_SERVICE_SSH, ENVIRONMENT_VARIABLES)
