"""`coherence-planner export FILE OUT.pdf` with every option, through main()."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from coherence_planner.cli import main
from tests.factories import district_dict, g, p, sup

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "samples" / "riverside.json"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.json"
    data = district_dict(
        goals=[g("G1", name="Readers")],
        programs=[p("P1", name="Phonics"), p("P2", name="Loose")],
        links=[sup("P1", "G1")],
        name="Small Unified",
    )
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def pages(path: Path) -> list[tuple[float, float]]:
    return [(float(pg.mediabox.width), float(pg.mediabox.height)) for pg in PdfReader(path).pages]


@pytest.mark.parametrize(
    ("options", "count", "size"),
    [
        (["--map", "--landscape"], 1, (792.0, 612.0)),
        (["--map", "--paper", "tabloid", "--landscape"], 1, (1224.0, 792.0)),
        (["--map", "--paper", "legal", "--tile", "2x2"], 4, (612.0, 1008.0)),
        (["--map", "--paper", "a3", "--goal", "G1"], 1, (841.8898, 1190.5512)),
        (
            ["--map", "--paper", "a4", "--landscape", "--tile", "1x2", "--goal", "G1"],
            2,
            (841.8898, 595.2756),
        ),
    ],
)
def test_map_options(
    small: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    count: int,
    size: tuple[float, float],
) -> None:
    out = tmp_path / "out.pdf"
    assert main(["export", str(small), str(out), *options]) == 0
    assert capsys.readouterr().out == f"Wrote {out}\n"
    sizes = pages(out)
    assert len(sizes) == count
    assert all(s == pytest.approx(size, abs=0.01) for s in sizes)


def test_report_is_the_default(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    assert main(["export", str(small), str(out), "--paper", "a4"]) == 0
    reader = PdfReader(out)
    assert (
        reader.metadata is not None and reader.metadata.title == "Small Unified — coherence report"
    )
    assert len(reader.pages) >= 8
    assert pages(out)[0] == pytest.approx((595.2756, 841.8898), abs=0.01)


def test_sample_poster_on_tabloid(tmp_path: Path) -> None:
    # Since issue 26 the poster is the map set for paper: the sample fills two Tabloid sheets
    # side by side (the screen's map, cut as it was, took five across and two down).
    out = tmp_path / "poster.pdf"
    assert (
        main(["export", str(SAMPLE), str(out), "--map", "--paper", "tabloid", "--tile", "2x1"]) == 0
    )
    assert pages(out) == [(792.0, 1224.0)] * 2


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--map", "--tile", "2by2"], "--tile '2by2': write columns x rows, for example 2x3"),
        (["--map", "--tile", "0x1"], "columns and rows must each be 1 to 12"),
        (["--tile", "2x2"], "tiling and focusing on a goal apply to the map (--map)"),
        (["--goal", "G1"], "tiling and focusing on a goal apply to the map (--map)"),
        (["--map", "--goal", "P1"], "--goal P1: no goal with that id"),
    ],
)
def test_bad_options_exit_2_with_one_line_and_write_nothing(
    small: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    message: str,
) -> None:
    out = tmp_path / "out.pdf"
    assert main(["export", str(small), str(out), *options]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert not out.exists()
    assert sorted(x.name for x in tmp_path.iterdir()) == ["small.json"]
