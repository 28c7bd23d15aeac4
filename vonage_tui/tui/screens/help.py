"""`?`: the keys that work on the screen underneath, ours first, with what each does."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static
from ..verbs import CURSOR_VERBS, bind

from ...safe_text import visible
from .dialog import Dialog


@dataclass(frozen=True)
class KeyHelp:
    keys: str
    description: str
    detail: str
    binding_id: str
    action: str = ""
    node: Any = field(default=None, compare=False, repr=False)
    """Where the action runs (the widget, screen or app that binds it)."""


def keys_of(screen: Screen) -> list[KeyHelp]:
    """The screen's live keys: one row per action, vonage-tui's own (those with ids) first."""
    rows: dict[tuple[str, str], KeyHelp] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not active.enabled or not binding.description:
            continue
        ident = (binding.id or "", binding.action)
        shown = screen.app.get_key_display(Binding(key, binding.action))
        if ident in rows:
            previous = rows[ident]
            rows[ident] = replace(previous, keys=f"{previous.keys} {shown}")
        else:
            rows[ident] = KeyHelp(shown, binding.description, binding.tooltip, binding.id or "",
                                  binding.action, active.node)
    # The screen's own verbs first, then the movement every list shares, then Textual's.
    return sorted(rows.values(),
                  key=lambda row: (not row.binding_id, row.binding_id in CURSOR_VERBS))


class HelpScreen(Dialog[None]):
    BINDINGS = [
        # Help is modal, so the app's ? and q don't reach it: here they close it.
        bind("back", "dismiss", "Close", tooltip=""),
        bind("help", "dismiss", "Close", show=False, tooltip=""),
        bind("quit", "dismiss", "Close", show=False, tooltip=""),
        # The list's k9s keys scroll the help too: j, G or ctrl+f did nothing here.
        bind("cursor.down", "scroll_help('scroll_down')"),
        bind("cursor.up", "scroll_help('scroll_up')"),
        bind("cursor.top", "scroll_help('scroll_home')"),
        bind("cursor.bottom", "scroll_help('scroll_end')"),
        bind("page.down", "scroll_help('scroll_page_down')"),
        bind("page.up", "scroll_help('scroll_page_up')"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__(classes="modal")
        self.rows = keys_of(screen)
        # A crumb can be an application's name.
        self.screen_name = visible(getattr(screen, "crumb", "") or type(screen).__name__)

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for row in self.rows:
            line = Text(row.description)
            if row.detail:
                line.append(f" — {row.detail}", style="dim")
            if row.binding_id:
                line.append(f"  [{row.binding_id}]", style="dim italic")
            table.add_row(Text(row.keys), line)
        with Vertical(classes="modal-dialog help-dialog"):
            yield Static(Text(f"Keys · {self.screen_name}", style="bold"), classes="modal-title")
            with VerticalScroll(id="help-body"):
                yield Static(table)
            yield Static(Text("Remap by id in keymap.toml (see README) · esc closes", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_scroll_help(self, how: str) -> None:
        getattr(self.query_one("#help-body", VerticalScroll), how)(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
