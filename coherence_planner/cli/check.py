"""`coherence-planner check FILE [--json]`: the coherence findings of a plan."""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from typing import Any

from coherence_planner.cli.common import end_process, load


def cmd_check(args: argparse.Namespace) -> int:
    from coherence_planner.domain.model.collector import collector_paused

    # Reading, analysing and printing make no reference cycles (collector.py): the collector
    # stays off for the whole command, and the district is freed before it is back on, so
    # it never walks the plan's million objects (each walk is tens of ms at 10,000 programs).
    with collector_paused():
        findings = _check(args)
        if args.whole_process:
            # Freeing the plan's million objects one by one, then the interpreter's own
            # teardown, took 0.04 s of the 1 s at 10,000 programs: the process ends now.
            end_process(0)
        del findings  # freed while the collector is still off
    return 0


def _check(args: argparse.Namespace) -> tuple[Any, ...]:
    """The district and its analysis, held by the caller until the process ends."""
    from coherence_planner.domain.analysis.coherence import analyse, check_report

    district = load(args.file)
    # The JSON report (coherence-rules.md section 7) has no might-compete hints: skip them.
    analysis = analyse(district, might_compete=not args.json)
    if args.json:
        write_json(check_report(district, analysis))
    else:
        from coherence_planner.cli.check_text import findings_text

        sys.stdout.write(findings_text(district, analysis))
    return (district, analysis)


# Where msgspec may print a number otherwise than Python's repr: with an exponent (1e16 for
# 1e+16, 3.5e-7 for 3.5e-07) or a tiny number written out (0.00001 for 1e-05). Everywhere
# else its floats, ints, strings and layout are json.dumps(..., ensure_ascii=False,
# indent=2)'s, byte for byte (tests/unit/cli/test_check_json_bytes.py). Found with plain
# byte searches (a regular expression took 25 ms over a 10,000-program report): every digit
# made a 0, then "0e". Text holding such bytes only sends the report down the slow path,
# which prints the same.
_DIGITS_TO_ZERO = bytes.maketrans(b"123456789", b"000000000")


def _number_may_differ(data: bytes) -> bool:
    return b"0.0000" in data or b"0e" in data.translate(_DIGITS_TO_ZERO)


def report_bytes(report: dict[str, Any], errors: str = "strict") -> bytes:
    """The report as `check --json` prints it: indented by two, UTF-8, a newline at the end.

    msgspec encodes and indents in C: json.dump's indenting encoder is pure Python and
    wrote the 2.5 MB of a 10,000-program report in a quarter of a second, a piece at a
    time. When msgspec cannot give the json module's bytes (a number it writes otherwise,
    an int past 64 bits), the json module writes them, as before."""
    import msgspec

    try:
        quick = msgspec.json.format(msgspec.json.encode(report), indent=2)
    except (msgspec.EncodeError, OverflowError, TypeError, UnicodeEncodeError):
        quick = None
    if quick is None or _number_may_differ(quick):
        text = json.dumps(report, ensure_ascii=False, indent=2)
        return text.encode("utf-8", errors) + b"\n"  # as the stream would have
    return quick + b"\n"


def write_json(report: dict[str, Any]) -> None:
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None or codecs.lookup(out.encoding or "ascii").name != "utf-8":
        # Not a UTF-8 stream (a capture, another encoding): the text, encoded by the stream.
        json.dump(report, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    data = report_bytes(report, out.errors or "strict")
    out.flush()  # nothing of ours is in the text layer, but keep the order whatever it holds
    buffer.write(data)
