"""The application document as a tree: every node bound to a JSON path.

Labels carry their state in symbols as well as styles, so they read the same in 16 colours and
with NO_COLOR: ``•`` changed, ``!`` invalid, ``(not set)`` for what can be added.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...models import Path
from ...models.documents import get_path
from ...safe_text import visible
from ..editing.outline import OutlineNode
from ..editing.values import short_value
from ..format import safe_text
from ..verbs import bind
from .tree_label import TreeLabel

CHANGED_MARK = " •"
INVALID_MARK = " !"
ABSENT_MARK = "○ "
TOGGLE_STYLE = Style.from_meta({"toggle": True})
"""What Tree's own icons carry: a click on the icon expands or collapses the node."""


class DocumentTree(Tree[OutlineNode]):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "document-tree--changed",
        "document-tree--invalid",
        "document-tree--absent",
        "document-tree--value",
        "document-tree--readonly",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        bind("expand", "expand_or_child"),
        bind("collapse", "collapse_or_parent"),
        bind("cursor.down", "cursor_down"),
        bind("cursor.up", "cursor_up"),
        bind("cursor.top", "scroll_home"),
        bind("cursor.bottom", "scroll_end"),
        bind("page.down", "page_down"),
        bind("page.up", "page_up"),
    ]

    def __init__(self, root_name: str = "application",
                 opened: frozenset[Path] = frozenset({(), ("capabilities",)}),
                 **kwargs: Any) -> None:
        super().__init__(root_name, **kwargs)
        self.root_name = root_name
        """The root's label while the document has no name."""
        self.opened = opened
        """The branches open when the tree is first shown."""
        self.guide_depth = 2
        self._shape: tuple[tuple[Path, str], ...] = ()
        self._by_path: dict[Path, TreeNode[OutlineNode]] = {}
        self._labels: dict[Path, TreeLabel] = {}
        """Each node's label in parts, fitted to its row's width whenever a line is drawn."""

    # -- public --------------------------------------------------------------------------------

    def show(self, outline: OutlineNode, document: dict[str, Any], changed: set[Path],
             problems: set[Path], *, cursor: Path | None = None) -> None:
        """Show ``outline``; rebuilds only when its shape changed, keeping expansion and cursor."""
        structure = tuple((node.path, node.kind) for node in outline.walk())
        if structure != self._shape:
            self._rebuild(outline, cursor)
            self._shape = structure
        elif cursor is not None:
            self.move_to(cursor)
        for tree_node in self._by_path.values():
            if tree_node.data is not None:
                parts = self._label(tree_node.data, document, changed, problems)
                self._labels[tree_node.data.path] = parts
                # Each set_label refreshes the node's lines: only touch labels that changed.
                if parts.text != tree_node.label:
                    tree_node.set_label(parts.text)

    def move_to(self, path: Path) -> None:
        """Put the cursor on ``path`` (or its nearest shown ancestor), expanding on the way."""
        while path not in self._by_path and path:
            path = path[:-1]
        node = self._by_path.get(path)
        if node is None:
            return
        ancestor = node.parent
        while ancestor is not None:
            ancestor.expand()
            ancestor = ancestor.parent
        _ = self.last_line  # lay the lines out now so the node knows its line
        self.cursor_line = -1
        self.move_cursor(node)

    def node_for(self, path: Path) -> TreeNode[OutlineNode] | None:
        return self._by_path.get(path)

    @property
    def cursor_entry(self) -> OutlineNode | None:
        node = self.cursor_node
        return node.data if node is not None else None

    # -- building ------------------------------------------------------------------------------

    def _rebuild(self, outline: OutlineNode, cursor: Path | None) -> None:
        if self._by_path:
            expanded = {path for path, node in self._by_path.items() if node.is_expanded}
            keep = cursor if cursor is not None else self._cursor_path()
        else:
            expanded = set(self.opened)
            keep = cursor if cursor is not None else ()
        self.clear()
        self._by_path = {(): self.root}
        self._labels.clear()  # show() sets every node's label again right after
        self.root.data = outline
        self._add_outline(self.root, outline, expanded)
        self.root.expand()
        self.move_to(keep if keep is not None else ())

    def _add_outline(self, parent: TreeNode[OutlineNode], outline: OutlineNode,
                      expanded: set[Path]) -> None:
        for child in outline.children:
            if child.kind == "object" and child.children:
                node = parent.add(Text(child.key), data=child, expand=child.path in expanded)
                self._add_outline(node, child, expanded)
            else:
                node = parent.add_leaf(Text(child.key), data=child)
            self._by_path[child.path] = node

    def process_label(self, label: str | Text) -> Text:
        # Keys and values come from the server: a key like "[/payments]" is text, not markup
        # (Tree parses a plain str label as markup, and a stray closing tag raises).
        # And never terminal control: an ESC in a key shows as ␛ (one line: \n shows as ␊).
        return safe_text(label, multiline=False).split()[0]

    def render_label(self, node: TreeNode[OutlineNode], base_style: Style, style: Style) -> Text:
        # Fitted at draw time to the width the row has now: the line cache is keyed by the
        # widget's width, so a resize draws every label again at the new width.
        parts = self._labels.get(node.data.path) if node.data is not None else None
        if parts is None:
            return super().render_label(node, base_style, style)
        icon = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE) \
            if node.allow_expand else ""
        indent = self._depth(node) * self.guide_depth if self.show_root else 0
        width = self.scrollable_content_region.width  # less the scrollbar, when there is one
        label = parts.fit(max(1, width - indent - len(icon))).copy()
        label.stylize(style)
        if icon:
            label = Text.assemble((icon, base_style + TOGGLE_STYLE), label)
        return label

    @staticmethod
    def _depth(node: TreeNode[OutlineNode]) -> int:
        depth, parent = 0, node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        return depth

    def _cursor_path(self) -> Path | None:
        entry = self.cursor_entry
        return entry.path if entry is not None else None

    # -- labels --------------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"document-tree--{name}", partial=True)

    def _label(self, node: OutlineNode, document: dict[str, Any], changed: set[Path],
               problems: set[Path]) -> TreeLabel:
        label = Text(no_wrap=True, overflow="ellipsis")
        value_span: tuple[int, int] | None = None
        if node.path == ():
            name = get_path(document, ("name",))
            label.append(visible(name) if isinstance(name, str) and name else self.root_name,
                         style="bold")
        elif node.kind == "absent":
            label.append(ABSENT_MARK + node.key + " (not set)", style=self._style("absent"))
        else:
            label.append(node.key)
            if node.kind == "field":
                start = len(label) + 1  # measured, not len(key): a shown key may be longer
                label.append(" " + short_value(get_path(document, node.path)),
                             style=self._style("value"))
                value_span = (start, len(label))
            elif node.kind == "unknown":
                label.append(" read-only", style=self._style("readonly"))
        name_end = len(label) if value_span is None else value_span[0] - 1
        invalid = any(problem[: len(node.path)] == node.path for problem in problems)
        if node.path in changed:
            label.append(CHANGED_MARK, style=self._style("changed"))
            label.stylize(self._style("changed"), 0, len(node.key) if node.path else None)
        if invalid:
            label.append(INVALID_MARK, style=self._style("invalid"))
            label.stylize(self._style("invalid"), 0, len(node.key) if node.path else None)
        return TreeLabel(label, name_end, value_span)

    # -- keys ----------------------------------------------------------------------------------

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0])

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded and node.children:
            node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent)
