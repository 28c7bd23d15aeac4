"""The start-up baseline: a bare Textual app showing a 100-row DataTable.

``benchmarks/startup.py`` times this against ``vonage-tui``: both are launched the same way
(this interpreter, in a pseudo-terminal) and timed until their first row is on screen. The first
cell of the first row is ``MARKER``.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

MARKER = "bare-row-0001"


class BareTable(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Name", "Id", "Capabilities")
        for number in range(1, 101):
            table.add_row(f"bare-row-{number:04d}", f"id-{number:036d}"[:36], "voice, messages")


if __name__ == "__main__":
    BareTable().run()
