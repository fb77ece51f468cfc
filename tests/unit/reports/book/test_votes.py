"""The report carries the cabinet's votes from a rating round: the tally per program and the
reasons, as plain text (a reason that looks like markup prints literally)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coherence_planner.domain.model.commands import PutRecord
from coherence_planner.domain.retreat import room
from coherence_planner.domain.retreat.room import Round
from coherence_planner.reports.pdf_export import PdfOptions, export_pdf
from coherence_planner.storage.sample import sample_district
from tests.unit.reports.helpers import pdf_text


def _answer(district: Any, round_: Round, member: str, program: str, **value: Any) -> None:
    key = room.member_key(round_.id, member)
    if district.record(room.ROUND_MEMBERS, key) is None:
        record = {"name": member.title(), "token": member, "joined": "2026-12-01"}
        PutRecord(room.ROUND_MEMBERS, key, record, "").do(district)
    answer = room.parse_answer(round_, {"program": program, **value})
    command = room.put_answer(district, round_.id, member, answer)
    assert command is not None
    command.do(district)


def test_a_rounds_votes_and_reasons_are_in_the_report(tmp_path: Path) -> None:
    district = sample_district()
    round_ = Round("round-1", "Early literacy", ("P1", "P4"), vote=True, state="closed")
    PutRecord(room.ROUNDS, round_.id, round_.to_record(), "").do(district)
    _answer(district, round_, "ana", "P4", impact=1, vote="remove", reason="Pulls kids out of core")
    _answer(district, round_, "ben", "P4", impact=3, vote="modify", reason="Move it after 10:30")
    _answer(district, round_, "cy", "P4", impact=1, vote="remove")
    _answer(district, round_, "ana", "P1", impact=4, vote="keep")
    out = tmp_path / "report.pdf"
    export_pdf(district, out, PdfOptions())
    text = pdf_text(out)
    heading = "The cabinet's votes"
    section = text[text.index(heading, text.index(heading) + 1) :]  # the body, not contents
    assert "Early literacy (3 members)" in section
    p4 = district.items["P4"].name
    row = section[section.index(p4.split()[0]) :]
    assert "“Pulls kids out of core”; “Move it after 10:30”" in row.replace("\n", " ")
    assert "Keep Modify Sunset Remove" in section


def test_no_vote_no_section(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    export_pdf(sample_district(), out, PdfOptions())
    assert "The cabinet's votes" not in pdf_text(out)
