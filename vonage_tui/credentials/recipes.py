"""Texts the UI shows when no OS keyring is usable: ways to get one, or to do without.

Each recipe is plain text (no markup), ready to copy. Blocks are separated by a blank line: a
paragraph of prose is one line (the screen wraps it to its width, once), and a block of shell
commands is indented by two spaces, never wrapped, each line short enough for 80 columns — a
command cut in two would run as two when pasted.
"""

from __future__ import annotations

from dataclasses import dataclass

from .encrypted_file import PASSPHRASE_ENV

COMMAND_INDENT = "  "
"""How a block of shell commands is marked in a recipe's body."""


@dataclass(frozen=True)
class RecipeBlock:
    text: str
    commands: bool
    """Shell commands (shown unwrapped, as typed), or a paragraph of prose."""


@dataclass(frozen=True)
class Recipe:
    title: str
    body: str

    def blocks(self) -> list[RecipeBlock]:
        """The body's paragraphs and command blocks, in order (commands without the indent)."""
        blocks = []
        for chunk in self.body.strip("\n").split("\n\n"):
            lines = chunk.split("\n")
            if all(line.startswith(COMMAND_INDENT) for line in lines):
                blocks.append(RecipeBlock(
                    "\n".join(line.removeprefix(COMMAND_INDENT) for line in lines), True))
            else:
                blocks.append(RecipeBlock(" ".join(lines), False))
        return blocks


def _body(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def _commands(*lines: str) -> str:
    return "\n".join(COMMAND_INDENT + line for line in lines)


SECRET_SERVICE_SSH = Recipe(
    title="Secret Service over SSH (GNOME Keyring)",
    body=_body(
        "An SSH session has no desktop session bus, so the Secret Service cannot be reached. "
        "Start a private D-Bus session and an unlocked GNOME Keyring for this run only.",
        "Install once (Debian/Ubuntu):",
        _commands("sudo apt install gnome-keyring dbus"),
        "Then start vonage-tui like this (the passphrase is read without echo, and is kept out "
        "of your shell history and the process list):",
        _commands(
            "dbus-run-session -- sh -c '",
            "  stty -echo; printf \"Keyring passphrase: \"",
            "  IFS= read -r pass; stty echo; echo",
            "  printf %s \"$pass\" |",
            "    gnome-keyring-daemon --unlock --components=secrets >/dev/null",
            "  unset pass",
            "  vonage-tui'",
        ),
        "The first run creates the \"login\" keyring with that passphrase; later runs unlock "
        "it. The short form, if you accept the passphrase in your shell history:",
        _commands(
            "dbus-run-session -- sh -c \\",
            "  'echo -n PASS | gnome-keyring-daemon --unlock; vonage-tui'",
        ),
    ),
)

ENVIRONMENT_VARIABLES = Recipe(
    title="Environment variables (nothing stored)",
    body=_body(
        "vonage-tui reads these and never writes them anywhere:",
        _commands(
            "export VONAGE_API_KEY=abcd1234",
            "IFS= read -rs VONAGE_API_SECRET && export VONAGE_API_SECRET",
            "export VONAGE_APPLICATION_ID=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            "export VONAGE_PRIVATE_KEY_PATH=~/.ssh/vonage_app.key",
            "export VONAGE_API_URL=https://api.nexmo.com",
            "vonage-tui",
        ),
        "The secret is typed, not echoed. VONAGE_PRIVATE_KEY may hold the PEM text instead of "
        "VONAGE_PRIVATE_KEY_PATH. VONAGE_API_URL is optional; regional hosts also work. "
        "Command-line flags override these; these override the profile and the keyring.",
    ),
)

ENCRYPTED_FILE = Recipe(
    title="Encrypted file (keyrings.cryptfile)",
    body=_body(
        "Secrets are kept in an AES-GCM encrypted file under $XDG_DATA_HOME/vonage-tui/ "
        "(~/.local/share/vonage-tui/), its key derived from a passphrase with Argon2. "
        "vonage-tui asks for the passphrase when it starts. For unattended runs set it in "
        "the environment instead:",
        _commands(
            f"IFS= read -rs {PASSPHRASE_ENV}",
            f"export {PASSPHRASE_ENV}",
            "vonage-tui",
        ),
    ),
)

RECIPES: tuple[Recipe, ...] = (ENCRYPTED_FILE, SECRET_SERVICE_SSH, ENVIRONMENT_VARIABLES)
