"""A small district shaped the way real plans print badly (issue 26): 27 programs, five
goals of which one nothing serves and two are served only by items standing in other
goals' lanes, and 13 programs that reach no goal."""

from __future__ import annotations

from coherence_planner.domain.model.district import District
from tests.factories import b, g, make, p, s, sup

GOALS = [
    ("G1", "Every student reads on grade level by the end of grade 3"),
    ("G2", "Every student completes Algebra I with a C or better by the end of grade 9"),
    ("G3", "Chronic absenteeism falls below 10 percent in every school"),
    ("G4", "Every family reports feeling welcome and informed at their child's school"),
    ("G5", "Every graduate leaves with a plan for college, career or service"),
]
STRATEGIES = [
    ("S1", "Tiered reading intervention in every elementary school", "G1"),
    ("S2", "High-quality core literacy curriculum and materials", "G1"),
    ("S3", "Early childhood and kindergarten readiness", "G1"),
    ("S4", "Extended learning time for students below grade level", "G1"),
    ("S5", "Coherent middle school mathematics pathway", "G2"),
    ("S6", "Mathematics coaching and collaborative planning", "G2"),
    ("S7", "Student support teams and attendance outreach", "G2"),
    ("S8", "Family partnership and two-way communication", "G2"),
]
LINKED = [  # program, name, the strategy it serves, another goal it serves directly
    ("P1", "High-dosage tutoring in reading", "S1", ""),
    ("P2", "Decodable book library for K-2", "S2", ""),
    ("P3", "Science of reading professional learning", "S2", ""),
    ("P4", "Pre-K expansion at four elementary schools", "S3", ""),
    ("P5", "Summer reading academy", "S4", "G3"),
    ("P6", "After-school literacy clubs", "S4", ""),
    ("P7", "Dyslexia screening and structured literacy", "S1", ""),
    ("P8", "Algebra readiness summer bridge", "S5", ""),
    ("P9", "Illustrative Mathematics adoption, grades 6-8", "S5", ""),
    ("P10", "Math instructional coaches", "S6", ""),
    ("P11", "Attendance mentors for chronically absent students", "S7", "G3"),
    ("P12", "Home visits by teachers before the school year", "S8", "G4"),
    ("P13", "Parent university evening sessions", "S8", "G4"),
    ("P14", "Translation and interpretation services", "S8", "G4"),
]
ORPHANS = [
    "Chess club stipends",
    "Legacy reading software licences",
    "Interactive whiteboard maintenance",
    "Elementary robotics kits",
    "Spelling bee travel",
    "Staff wellness challenge",
    "Test preparation workbooks",
    "Character education assemblies",
    "Weekend open gym",
    "Guest author visits",
    "Teacher of the year banquet",
    "School spirit wear for staff",
    "Classroom library refresh",
]
POLICIES = [
    ("B1", "Student attendance", "S7"),
    ("B2", "Parent and family engagement", "S8"),
    ("B3", "Instructional materials adoption", "S2"),
    ("B4", "Grading and reporting", "S5"),
    ("B5", "Wellness", "S3"),
    ("B6", "Promotion and retention", "S1"),
]


def crowded_district() -> District:
    links = [sup(sid, goal) for sid, _, goal in STRATEGIES]
    for pid, _, strategy, goal in LINKED:
        links.append(sup(pid, strategy))
        if goal:
            links.append(sup(pid, goal))
    links += [sup(bid, target) for bid, _, target in POLICIES if target]
    return make(
        goals=[g(gid, name=name) for gid, name in GOALS],
        strategies=[s(sid, name=name) for sid, name, _ in STRATEGIES],
        programs=[
            p(pid, name=name, annual_cost=40000.0 + 5000 * n)
            for n, (pid, name, _, _) in enumerate(LINKED)
        ]
        + [p(f"P{15 + n}", name=name, annual_cost=12000.0) for n, name in enumerate(ORPHANS)],
        policies=[b(bid, name=name) for bid, name, _ in POLICIES],
        links=links,
    )
