"""What a `:` command line means: a command, an application to open, a choice, or a mistake.

Pure: the modal shows what ``interpret`` and ``candidates`` return, and the app runs the
outcome the modal hands back. Applications are found in the list screen's all-pages index, so
a name on page 40 is found as well as one on the page shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import ApplicationSummary
from .application_ids import usable_id
from .search_index import ApplicationIndex

COMMANDS: dict[str, str] = {
    "apps": "the applications (home)",
    "users": "the users of the selected application",
    "keys": "private keys in the key store",
    "profiles": "profiles and credentials",
    "help": "the keys of this screen",
    "readonly": "say whether this session is read-only; make it read-only",
    "q": "quit",
}
"""Command → what it shows, in the order the modal lists them."""

ALIASES = {"applications": "apps", "home": "apps", "quit": "q", "q!": "q", "ro": "readonly",
           "?": "help", "key": "keys", "profile": "profiles", "user": "users"}

MAX_CANDIDATES = 8


@dataclass(frozen=True)
class RunCommand:
    command: str
    """A key of COMMANDS."""


@dataclass(frozen=True)
class OpenApplication:
    app_id: str
    name: str


@dataclass(frozen=True)
class ChooseApplication:
    matches: list[ApplicationSummary]
    """Several applications match: the user picks one."""


@dataclass(frozen=True)
class Refused:
    message: str
    """Why nothing happens; shown in the modal."""


Outcome = RunCommand | OpenApplication | ChooseApplication | Refused


def command_named(text: str) -> str | None:
    word = text.strip().casefold()
    word = ALIASES.get(word, word)
    return word if word in COMMANDS else None


def interpret(text: str, index: ApplicationIndex | None) -> Outcome:
    """A command, else an application by exact id, exact name, or the only one matching."""
    typed = text.strip()
    if not typed:
        return Refused("Type a command (apps, users, keys, profiles, help, readonly, q) "
                       "or an application's name or id.")
    if (command := command_named(typed)) is not None:
        return RunCommand(command)
    if index is None:
        return Refused(f"No command {typed!r}, and the applications are not loaded here.")
    applications = [entry.application for entry in index.entries
                    if usable_id(entry.application) is not None]
    exact = ([app for app in applications if usable_id(app) == typed]
             or [app for app in applications if str(app.name or "") == typed]
             or [app for app in applications if str(app.name or "").casefold() == typed.casefold()])
    found = exact or [app for app in index.search(typed) if usable_id(app) is not None]
    if len(found) == 1:
        return OpenApplication(str(usable_id(found[0])), str(found[0].name or ""))
    if found:
        return ChooseApplication(found)
    still = "" if index.complete else " (still reading the applications: try again shortly)"
    return Refused(f"No command or application {typed!r}{still}. "
                   "Commands: " + ", ".join(COMMANDS) + ".")


def candidates(text: str, index: ApplicationIndex | None) -> list[tuple[str, str]]:
    """(completion, what it is) for what is typed so far: commands first, then applications."""
    typed = text.strip().casefold()
    found = [(command, meaning) for command, meaning in COMMANDS.items()
             if command.startswith(typed)]
    if typed and index is not None:
        for application in index.search(typed):
            app_id = usable_id(application)
            if app_id is None:
                continue
            found.append((str(application.name or app_id), app_id))
            if len(found) >= MAX_CANDIDATES:
                break
    return found[:MAX_CANDIDATES]
