"""Initiative load: the heat map of active programs per school and grade band, with the
threshold beyond which a cell is flagged."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from coherence_planner.domain.analysis.load import DEFAULT_THRESHOLD, initiative_load
from coherence_planner.ui.chart_canvas import ChartCanvas
from coherence_planner.ui.lazy_view import LazyView
from coherence_planner.ui.session import DocumentSession


class LoadView(LazyView):
    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Flag more than"))
        self.threshold = QSpinBox()
        self.threshold.setRange(0, 99)
        self.threshold.setValue(DEFAULT_THRESHOLD)
        self.threshold.setSuffix(" programs")
        self.threshold.setAccessibleName("Load threshold")
        controls.addWidget(self.threshold)
        self.district_wide = QCheckBox("Count district-wide programs at every school")
        self.district_wide.setToolTip(
            "Off: only programs that name a school count there, which shows what each "
            "school took on beyond what every school does."
        )
        controls.addWidget(self.district_wide)
        controls.addStretch()
        layout.addLayout(controls)
        self.canvas = ChartCanvas()
        layout.addWidget(self.canvas, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.threshold.valueChanged.connect(lambda _v: self.refresh())
        self.district_wide.toggled.connect(lambda _v: self.refresh())
        session.changed.connect(lambda _c: self.request_refresh())
        session.document_changed.connect(self.request_refresh)
        self.request_refresh()

    def refresh(self) -> None:
        if not self.session.is_open:
            self.canvas.clear()
            self.summary.setText("")
            return
        table = initiative_load(
            self.session.district,
            self.threshold.value(),
            district_wide=self.district_wide.isChecked(),
        )
        self.table = table
        from coherence_planner.reports.charts.load_heatmap import draw_load  # numpy, matplotlib

        drawn = table.most_loaded()
        draw_load(self.canvas.figure, drawn)
        self.canvas.draw_idle()
        flagged = table.flagged()
        if flagged:
            cells = ", ".join(f"{s} {b.split(' (')[0].lower()} ({n})" for s, b, n in flagged[:6])
            more = f" and {len(flagged) - 6:,} more" if len(flagged) > 6 else ""
            text = f"Over {table.threshold}: {cells}{more}."
        else:
            text = f"No school and grade band carries more than {table.threshold}."
        if drawn is not table:
            text = (
                f"The heat map shows the {len(drawn.schools)} schools carrying the most "
                f"programs, of {len(table.schools):,}. {text}"
            )
        self.summary.setText(text)
