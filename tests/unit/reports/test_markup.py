from coherence_planner.reports.markup import clean, esc, soft_breaks


def test_esc_makes_markup_literal() -> None:
    assert esc('<img src="x"/> & <b>') == '&lt;img src="x"/&gt; &amp; &lt;b&gt;'


def test_esc_turns_newlines_into_breaks_and_drops_control_characters() -> None:
    assert esc("one\ntwo\x00\x07") == "one<br/>two"
    assert clean("a\tb\x1bc") == "a\tbc"


def test_soft_breaks_let_a_long_word_wrap_and_still_escape() -> None:
    text = soft_breaks("x" * 30 + " <y>", every=10)
    assert text.count("\u200b") == 2
    assert text.endswith("&lt;y&gt;")
