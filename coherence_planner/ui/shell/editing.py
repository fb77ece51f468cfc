"""The Edit menu's commands on the plan: add an item, link or mark a conflict, delete, and
the district's own details. Each is one domain command through the session (one undo step);
a refusal is explained by the document controller and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from coherence_planner.domain.model import vocab
from coherence_planner.ui.documents.controller import DocumentController
from coherence_planner.ui.session import DocumentSession
from coherence_planner.ui.shell.navigation import MakeAction, Navigation

if TYPE_CHECKING:
    from coherence_planner.ui.inspect.inspector import Inspector


class Editing:
    def __init__(
        self,
        window: QMainWindow,
        session: DocumentSession,
        documents: DocumentController,
        inspector: Callable[[], Inspector],
        navigation: Navigation,
        action: MakeAction,
    ) -> None:
        self.window = window
        self.session = session
        self.documents = documents
        self._inspector = inspector  # made after the first paint (MainWindow._make_parts)
        self.navigation = navigation
        self.add_actions = {
            kind: action(
                f"Add {vocab.KIND_LABELS[kind]}",
                lambda kind=kind: self.add_item(kind),
                f"Ctrl+Shift+{number}",
                f"add-{kind}",
                f"Add a new {vocab.KIND_LABELS[kind].lower()}",
            )
            for number, kind in enumerate(vocab.ITEM_KINDS, start=1)
        }
        self.link_action = action(
            "Add &Link…",
            lambda: inspector().links.add_link("supports"),
            "Ctrl+L",
            "link",
            "Link the selected item to what it supports",
        )
        self.conflict_action = action(
            "Add C&onflict…",
            lambda: inspector().links.add_link("conflicts"),
            "Ctrl+Shift+L",
            "conflict",
            "Mark an item that works against the selected one",
        )
        self.delete_action = action(
            "&Delete",
            self.delete_selected,
            QKeySequence.StandardKey.Delete,
            "delete",
            "Remove the selected items and their links",
        )
        self.district_action = action(
            "District &Details…",
            self.edit_district,
            None,
            None,
            "Name, school year and notes of the district",
        )
        self.cycles_action = action(
            "Improvement &Cycles of the Strategy",
            self.go_to_cycles,
            None,
            None,
            "Edit the improvement cycles of the selected strategy",
        )

    def update(self) -> None:
        """Enable what makes sense for the open plan and its selection."""
        open_ = self.session.is_open
        for action in (self.district_action, *self.add_actions.values()):
            action.setEnabled(open_)
        selection = self.session.selection if open_ else []
        one = len(selection) == 1
        self.link_action.setEnabled(one)
        self.conflict_action.setEnabled(one)
        self.delete_action.setEnabled(bool(selection))
        strategy = one and self.session.district.items[selection[0]].kind == "strategy"
        self.cycles_action.setEnabled(strategy)

    def menu_entries(self) -> list[QAction | None]:
        return [
            *self.add_actions.values(),
            None,
            self.link_action,
            self.conflict_action,
            self.delete_action,
            None,
            self.district_action,
        ]

    @property
    def inspector(self) -> Inspector:
        return self._inspector()

    def add_item(self, kind: str) -> str | None:
        """Add a new item of `kind`, select it and put the cursor in its name."""
        from coherence_planner.domain.model.commands import AddItem
        from coherence_planner.domain.model.items import ITEM_CLASSES
        from coherence_planner.ui.errors import USER_ERRORS

        if not self.session.is_open:
            return None
        district = self.session.district
        item = ITEM_CLASSES[kind](
            id=district.new_id(kind), name=f"New {vocab.KIND_LABELS[kind].lower()}"
        )
        try:
            self.session.push(AddItem(item))
        except USER_ERRORS as exc:
            self.documents.fail(exc)
            return None
        self.session.select([item.id])
        name_editor = self.inspector.editors.get("name")
        if name_editor is not None:
            self.navigation.focus(self.navigation.inspector, name_editor)
            name_editor.edit.selectAll()  # type: ignore[attr-defined]
        return item.id

    def delete_selected(self) -> None:
        from coherence_planner.domain.model.commands import RemoveItems
        from coherence_planner.ui.errors import USER_ERRORS

        ids = list(self.session.selection)
        if not ids:
            return
        try:
            self.session.push(RemoveItems(self.session.district, ids))
        except USER_ERRORS as exc:
            self.documents.fail(exc)

    def edit_district(self) -> None:
        from coherence_planner.domain.model.commands import SetDistrictFields
        from coherence_planner.ui.errors import USER_ERRORS
        from coherence_planner.ui.shell.district_dialog import DistrictDialog

        if not self.session.is_open:
            return
        dialog = DistrictDialog(self.session.district, self.window)
        if dialog.exec() != DistrictDialog.DialogCode.Accepted:
            return
        district = self.session.district
        values = {k: v for k, v in dialog.values().items() if getattr(district, k) != v}
        if values:
            try:
                self.session.push(SetDistrictFields(values))
            except USER_ERRORS as exc:
                self.documents.fail(exc)

    def go_to_cycles(self) -> None:
        """The selected strategy's improvement cycles, in the Inspector."""
        editor = self.inspector.editors.get("cycles")
        if editor is None:
            return
        self.navigation.focus(self.navigation.inspector, editor)
        self.inspector.scroll_area.ensureWidgetVisible(editor)
