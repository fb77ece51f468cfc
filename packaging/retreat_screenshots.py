"""Screenshots of retreat mode on the sample district: presenter mode at 1280x720 and
1920x1080 (the opening, a goal, a removal candidate just decided, the close) and the
Scenarios, Ratings and Load tabs at 1366x768.

Run under a virtual display:
    xvfb-run -a -s "-screen 0 1920x1080x24" python packaging/retreat_screenshots.py
Settings and the plan live in a temporary folder; nothing of the user's is touched.
"""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from shots import screenshot_app, settle


def main(argv: list[str] | None = None) -> int:
    with screenshot_app(__doc__, argv) as env:
        app, out = env.app, env.out
        from coherence_planner.domain.retreat import agenda as A
        from coherence_planner.domain.retreat import ratings as R
        from coherence_planner.ui.shell.main_window import MainWindow

        window = MainWindow()

        window.setWindowState(Qt.WindowState.WindowNoState)  # not the first run's maximised
        window.resize(1366, 768)
        window.show()
        window.documents.open_sample()
        settle(app)
        retreat = window.retreat
        retreat.state.set_who("Dr. Ruiz")
        presenter = retreat.presenter
        for width, height in ((1280, 720), (1920, 1080)):
            presenter.start()
            presenter.resize(width, height)
            presenter.show()
            kinds = [step.kind for step in presenter.steps]
            shots = {
                "opening": 0,
                "goal": kinds.index(A.GOAL),
                "candidate": kinds.index(A.CANDIDATE) + 1,
                "close": len(kinds) - 1,
            }
            for name, index in shots.items():
                presenter.go(index)
                if name == "candidate":
                    presenter.pending_reason = "The kept program reaches the same students"
                    presenter.decide_current("sunset")
                settle(app)
                target = out / f"presenter-{name}-{width}x{height}.png"
                presenter.grab().save(str(target))
                print(f"wrote {target}")
            window.session.undo_stack.undo()
            presenter.close()
            settle(app)

        # The tabs, with two scenarios and a few ratings to show.
        district = window.session.district
        view = retreat.scenarios
        window.show_view(retreat.tabs["Scenarios"])
        view.new_scenario("Lean")
        view.add_candidates()
        view.new_scenario("Stop belonging work")
        window.session.select([link.src for link in district.supported_by("G4")])
        view.add_selected()
        view.compare.setCurrentIndex(view.compare.findData("Lean"))
        settle(app)
        window.grab().save(str(out / "retreat-scenarios-1366x768.png"))
        for name, role in (("Dr. Ruiz", "Superintendent"), ("Ms. Chen", "CAO"), ("Mr. Ode", "CFO")):
            window.session.push(R.add_member(district, name, role))
        rng = random.Random(7)
        for program in district.items_of("program")[:14]:
            for member in R.members(district):
                scores = {d: rng.randint(1, R.SCALES[d]) for d in ("implementation", "impact")}
                scores["fit"] = rng.randint(2, 5)
                window.session.push(R.rate(district, program.id, member.name, scores))
        window.show_view(retreat.tabs["Ratings"])
        retreat.ratings.right_tabs.setCurrentIndex(1)
        settle(app)
        window.grab().save(str(out / "retreat-ratings-1366x768.png"))
        window.show_view(retreat.tabs["Load"])
        settle(app)
        window.grab().save(str(out / "retreat-load-1366x768.png"))
        window.show_view(retreat.tabs["Decisions"])
        panel = retreat.decision_panel
        for item_id, decision, why in (
            ("P14", "sunset", "The district license covers the same students"),
            ("B12", "remove", "The board retired the IB plan in 2025"),
            ("P14", "remove", "Principal agrees; end it in June"),
            ("P13", "keep", "Promising evidence and district-wide"),
        ):
            window.session.select([item_id])
            settle(app)
            panel.rationale.setPlainText(why)
            panel.decide(decision)
        settle(app)
        window.grab().save(str(out / "retreat-decisions-1366x768.png"))
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
