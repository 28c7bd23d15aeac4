"""The footer is one widget that draws its keys (widgets/steady_footer.py): each key is drawn
where the footer says it is, a click on it presses it (a disabled one rings the bell instead),
hovering shows its tooltip, and the keys are in the very first frame."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from tests.tui_harness import HUGE, SMALL, make_app, screen_lines, seeded_store, settle
from vonage_tui.tui.widgets.steady_footer import SteadyFooter


class KeysScreen(Screen[None]):
    BINDINGS = [
        Binding("a", "app.press('a')", "Alpha", tooltip="Alpha's tooltip"),
        Binding("b", "app.press('b')", "Beta"),
        Binding("x", "never", "Never"),  # check_action says: shown, disabled
    ]

    def compose(self) -> ComposeResult:
        yield SteadyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "never" else True


class KeysApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[str] = []
        self.bells = 0

    def on_mount(self) -> None:
        self.push_screen(KeysScreen())

    def action_press(self, name: str) -> None:
        self.pressed.append(name)

    def bell(self) -> None:
        self.bells += 1


def footer_of(app: App[Any]) -> SteadyFooter:
    return app.screen.query_one(SteadyFooter)


async def test_each_key_is_drawn_where_the_footer_says() -> None:
    for size in (SMALL, HUGE):
        app = KeysApp()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            footer = footer_of(app)
            last_line = screen_lines(app)[-1]
            assert [key.description for key in footer.keys if not key.palette] == [
                "Alpha", "Beta", "Never"]
            for key in footer.keys:
                drawn = last_line[key.start:key.end].strip()
                assert drawn == f"{key.key_display} {key.description}", (size, key)
            assert footer.compact is False
            palette = [key for key in footer.keys if key.palette]
            assert palette and last_line[palette[0].start - 1] == "▏"
            assert palette[0].end == size[0] - 1  # its right padding


async def test_a_click_presses_the_key_and_a_disabled_key_rings_the_bell() -> None:
    app = KeysApp()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        footer = footer_of(app)
        by_label = {key.description: key for key in footer.keys}
        await pilot.click(SteadyFooter, offset=(by_label["Beta"].start + 1, 0))
        await pilot.pause()
        assert app.pressed == ["b"]
        await pilot.click(SteadyFooter, offset=(by_label["Never"].start + 1, 0))
        await pilot.pause()
        assert app.pressed == ["b"] and app.bells == 1
        gap = max(key.end for key in footer.keys if not key.palette) + 2
        await pilot.click(SteadyFooter, offset=(gap, 0))  # between keys: nothing
        await pilot.pause()
        assert app.pressed == ["b"] and app.bells == 1


async def test_hovering_a_key_shows_its_tooltip_and_highlights_it() -> None:
    app = KeysApp()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        footer = footer_of(app)
        alpha = next(key for key in footer.keys if key.description == "Alpha")
        plain = footer.render()
        footer.post_message(events.MouseMove(footer, alpha.start + 1, 0, 0, 0, 0, False, False,
                                             False))
        await pilot.pause()
        assert footer.tooltip == "Alpha's tooltip"
        hovered = footer.render()
        assert hovered.plain == plain.plain
        assert hovered.spans != plain.spans  # the hovered key is drawn differently
        footer.post_message(events.Leave(footer))
        await pilot.pause()
        assert footer.tooltip is None
        assert footer.render().spans == plain.spans


async def test_the_lists_first_frame_already_has_its_keys() -> None:
    """Planned at mount, not at the first bindings update a frame later."""
    app = make_app(seeded_store(apps=3))
    async with app.run_test(size=SMALL) as pilot:
        footer = app.screen.query_one(SteadyFooter)
        assert footer.keys, "no keys planned when the footer mounted"
        await settle(pilot)
        assert "Quit" in screen_lines(app)[-1]
