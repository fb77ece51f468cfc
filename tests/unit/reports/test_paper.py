import pytest

from coherence_planner.reports.paper import ExportError, Sheet, parse_tile


@pytest.mark.parametrize(("text", "grid"), [("2x3", (2, 3)), (" 1X1 ", (1, 1)), ("12×4", (12, 4))])
def test_tile_grid_is_columns_by_rows(text: str, grid: tuple[int, int]) -> None:
    assert parse_tile(text) == grid


@pytest.mark.parametrize("text", ["3", "2x", "x2", "2*2", "0x2", "13x1", "-1x2", "2x2x2"])
def test_malformed_tile_is_refused_with_an_example(text: str) -> None:
    with pytest.raises(ExportError, match="--tile"):
        parse_tile(text)


def test_sheet_sizes_and_orientation() -> None:
    assert Sheet("tabloid", False).size == (792.0, 1224.0)
    assert Sheet("tabloid", True).size == (1224.0, 792.0)
    assert Sheet("letter", False).size == (612.0, 792.0)
    assert Sheet("a3", True).label == "A3 landscape"
    with pytest.raises(ExportError, match="paper 'b5'"):
        _ = Sheet("b5", False).size
