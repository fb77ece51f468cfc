"""The item browser's Qt model: the district's items grouped by kind, and a filter over them.

`ItemTreeModel` is a thin adapter over the District (and the latest Analysis, for flags);
`ItemFilter` decides which items show, from the search text and the browser's filters. Both
work without a window, so the tests drive them directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.analysis.gaps_once import current_gaps
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.commands import Changes
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Item, Program
from coherence_planner.domain.model.wording import money_short
from coherence_planner.ui.flags import flag_icon, flags_text, main_flag
from coherence_planner.ui.plain_text import tooltip

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
ITEM_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex
# What a row lets the person do: pick it. (The item rows, left empty, say editable too,
# which the view never acts on: ItemBrowser turns editing off.)
_PICKABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ItemTreeModel(QStandardItemModel):
    """Four groups (goals, strategies, programs, policies), each with its items in order.

    The rows are Qt's own and empty: each group holds as many rows as it has items, with
    no QStandardItem behind them, and only `data()` is answered in Python, from the
    district. A view lays the rows out by asking for every row's index, four times each
    through the filter proxy: from a Python model that was 46,000 calls into Python when a
    10,000-program plan opened, the window's longest freeze (0.15 s of CPU, 0.4-1 s on a
    busy machine; issue 29). Qt's model answers them, and the rows' flags (as many calls
    again from a Python flags()), in C++ from its arrays, and makes a group's rows
    (`insertRows` of empty rows) in one call.
    """

    COLUMNS = ("Item", "Annual cost")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(list(self.COLUMNS))
        self._district: District | None = None
        self._analysis: Analysis | None = None
        self.gap_ids: frozenset[str] = frozenset()  # live programs with missing facts
        self._ids: list[list[str]] = [[] for _ in vocab.ITEM_KINDS]
        self._row: dict[str, int] = {}
        # The rows a view shows now (ItemBrowser sets it): when most rows' flags change at
        # once, only these are announced.
        self.rows_in_sight: Callable[[], list[QModelIndex]] | None = None

    # -- feeding -----------------------------------------------------------------------
    def set_district(self, district: District | None) -> None:
        self._district = district
        self._analysis = None
        self._rebuild()

    def _rebuild(self) -> None:
        """The rows anew, told to the views as one reset."""
        self._ids = [[] for _ in vocab.ITEM_KINDS]
        if self._district is not None:
            for number, kind in enumerate(vocab.ITEM_KINDS):
                self._ids[number] = [item.id for item in self._district.items_of(kind)]
        self._row = {item_id: row for ids in self._ids for row, item_id in enumerate(ids)}
        self.beginResetModel()
        # The rows' own insert and remove signals are kept from the views and the proxy,
        # which forget every row at the reset anyway.
        blocked = self.blockSignals(True)
        try:
            self.removeRows(0, self.rowCount())
            groups = []
            if self._district is not None:
                for ids in self._ids:
                    group = QStandardItem()
                    group.setFlags(_PICKABLE)
                    group.setColumnCount(len(self.COLUMNS))
                    group.insertRows(0, len(ids))  # empty rows: no QStandardItem each
                    groups.append(group)
            self.invisibleRootItem().appendRows(groups)
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

    def apply_changes(self, changes: Changes) -> None:
        """Refresh after an edit: rows in place for field edits, a reset when items come or go."""
        if self._district is None:
            return
        present = set(self._row)
        if any(
            (item_id in present) != (item_id in self._district.items) for item_id in changes.items
        ):
            self._rebuild()
            return
        for item_id in changes.items:
            index = self.index_of(item_id)
            if index.isValid():
                self.dataChanged.emit(index, index.siblingAtColumn(len(self.COLUMNS) - 1))

    def set_analysis(self, analysis: Analysis | None) -> None:
        """Show new flags; only rows whose flags changed are announced (usually a handful)."""
        previous, self._analysis = self._analysis, analysis
        if self._district is None:
            self.gap_ids = frozenset()
            return
        self.gap_ids = (
            frozenset()
            if analysis is None
            else frozenset(g.id for g in current_gaps(self._district, analysis).programs)
        )
        changed = [
            item_id
            for item_id in self._row
            if previous is None
            or analysis is None
            or previous.flags_of(item_id) != analysis.flags_of(item_id)
        ]
        if len(changed) > 200 and self.rows_in_sight is not None:
            # A view asks for what it paints as it paints it: announcing the rows in sight
            # spares the filter proxy mapping every row (two calls into Python each, 0.2-0.4
            # s on the window's thread when a 10,000-program plan's first analysis came;
            # issue 29). The rest are read fresh when they come into sight.
            for index in self.rows_in_sight():
                self.dataChanged.emit(index, index.siblingAtColumn(len(self.COLUMNS) - 1))
            return
        if len(changed) > 200:
            for group in range(len(vocab.ITEM_KINDS)):
                parent = self.index(group, 0)
                rows = self.rowCount(parent)
                if rows:
                    self.dataChanged.emit(self.index(0, 0, parent), self.index(rows - 1, 0, parent))
            return
        for item_id in changed:
            index = self.index_of(item_id)
            self.dataChanged.emit(index, index)

    @property
    def analysis(self) -> Analysis | None:
        return self._analysis

    # -- lookup ------------------------------------------------------------------------
    def index_of(self, item_id: str, column: int = 0) -> QModelIndex:
        if self._district is None or item_id not in self._district.items:
            return QModelIndex()
        group = vocab.ITEM_KINDS.index(self._district.items[item_id].kind)
        return self.index(self._row[item_id], column, self.index(group, 0))

    def item_at(self, index: Index) -> Item | None:
        if not index.isValid() or self._district is None:
            return None
        group = index.parent()
        if not group.isValid():
            return None  # a kind's group row
        return self._district.items.get(self._ids[group.row()][index.row()])

    # -- QStandardItemModel ------------------------------------------------------------
    # Only data() is Python's: index(), parent(), rowCount(), flags() and the header are
    # Qt's, answered in C++ (see the class's docstring).

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if not index.parent().isValid():
            return self._group_data(index, role)
        item = self.item_at(index)
        if item is None:
            return None
        if role == ID_ROLE:
            return item.id
        if role == KIND_ROLE:
            return item.kind
        if role == ITEM_ROLE:
            return item
        flags = self._analysis.flags_of(item.id) if self._analysis else set()
        if index.column() == 1:
            if role == Qt.ItemDataRole.DisplayRole and isinstance(item, Program):
                return money_short(item.annual_cost) if item.annual_cost is not None else ""
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        shown = item.label if item.live else f"{item.label} (retired)"
        if role == Qt.ItemDataRole.DisplayRole:
            return shown
        if role == Qt.ItemDataRole.FontRole and not item.live:
            # Italic says "retired" even when the dock's width cuts the word off the end.
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole name as shown, which a narrow dock cuts at the end.
            lines = [f"{vocab.KIND_LABELS[item.kind]}: {shown}", f"Status: {item.status}"]
            if flags:
                lines.append(f"Findings: {flags_text(flags)}")
            return tooltip("\n".join(lines))
        if role == Qt.ItemDataRole.StatusTipRole:
            return f"{vocab.KIND_LABELS[item.kind]}: {shown}"
        if role == Qt.ItemDataRole.DecorationRole:
            return flag_icon(main_flag(flags))
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return flags_text(flags)
        return None

    def _group_data(self, index: Index, role: int) -> Any:
        kind = vocab.ITEM_KINDS[index.row()]
        if index.column() != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{vocab.KIND_PLURALS[kind]} ({len(self._ids[index.row()]):,})"
        if role == KIND_ROLE:
            return kind
        return None


ANY = ""

# Facts the Finding box filters by beside the analysis's flags: (value, label).
FACT_FILTERS = (("required", "Required by law"), ("gaps", "Has data gaps"))


@dataclass
class Filters:
    """What the browser shows; ANY (empty) means no restriction."""

    text: str = ""
    kind: str = ANY
    status: str = ANY
    flag: str = ANY
    goal: str = ANY
    school: str = ANY
    grade_band: str = ANY
    ids: frozenset[str] = field(default_factory=frozenset)  # non-empty: only these items

    def active(self) -> bool:
        return any(
            (
                self.text,
                self.kind,
                self.status,
                self.flag,
                self.goal,
                self.school,
                self.grade_band,
                self.ids,
            )
        )


def matches(
    item: Item, filters: Filters, analysis: Analysis | None, gaps: frozenset[str] = frozenset()
) -> bool:
    """Whether `item` passes every filter; `gaps` are the programs with missing facts."""
    if filters.ids and item.id not in filters.ids:
        return False
    if filters.kind and item.kind != filters.kind:
        return False
    if filters.status and item.status != filters.status:
        return False
    if filters.flag == "required":
        if not item.required:
            return False
    elif filters.flag == "gaps":
        if item.id not in gaps:
            return False
    elif filters.flag and (analysis is None or filters.flag not in analysis.flags_of(item.id)):
        return False
    if (
        filters.goal
        and item.id != filters.goal
        and (analysis is None or filters.goal not in analysis.goals_of.get(item.id, ()))
    ):
        return False
    if filters.school or filters.grade_band:
        if not isinstance(item, Program):
            return False
        if filters.school and item.schools and filters.school not in item.schools:
            return False
        if filters.grade_band:
            band = dict(vocab.GRADE_BANDS)[filters.grade_band]
            try:
                grades = vocab.grade_set(item.grades)
            except vocab.GradeError:
                return False
            if not grades & band:
                return False
    if filters.text:
        needle = filters.text.casefold()
        haystack = " ".join(
            str(getattr(item, name, "")) for name in ("id", "name", "code", "owner", "description")
        ).casefold()
        if not all(word in haystack for word in needle.split()):
            return False
    return True


class ItemFilter(QSortFilterProxyModel):
    """Shows the items that pass `filters`; a group shows while any of its items does."""

    def __init__(self, source: ItemTreeModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self.filters = Filters()
        self._active = False  # filters.active() as of the last refilter
        self.setSourceModel(source)
        self.setRecursiveFilteringEnabled(True)
        # Re-filtering on every dataChanged costs ~80 ms per edit on 2,000 programs (the proxy
        # walks every row); the browser refilters itself when an edit or analysis can matter.
        self.setDynamicSortFilter(False)

    def set_filters(self, filters: Filters) -> None:
        self.filters = filters
        self.refilter()

    def refilter(self) -> None:
        self._active = self.filters.active()
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateRowsFilter is deprecated
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._active:
            # Every row shows: said at once, for each of the 11,500 rows the proxy maps when
            # a 10,000-program plan opens (issue 29).
            return True
        if not source_parent.isValid():
            return False  # groups show through their items when filtering
        item = self._source.item_at(self._source.index(source_row, 0, source_parent))
        return item is not None and matches(
            item, self.filters, self._source.analysis, self._source.gap_ids
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A group's count while filtering says how many of its items show: "Programs (3 of
        60)", not the total beside three rows."""
        if (
            role == Qt.ItemDataRole.DisplayRole
            and self.filters.active()
            and index.isValid()
            and index.column() == 0
            and not index.parent().isValid()
        ):
            source = self.mapToSource(index)
            kind = self._source.data(source, KIND_ROLE)
            shown, total = self.rowCount(index), self._source.rowCount(source)
            return f"{vocab.KIND_PLURALS[kind]} ({shown:,} of {total:,})"
        return super().data(index, role)

    def visible_count(self) -> int:
        return sum(self.rowCount(self.index(row, 0)) for row in range(self.rowCount()))
