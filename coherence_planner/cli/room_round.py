"""`coherence-planner round PLAN --programs P1,P2 | --resume R1`: a rating round served for
the members' phones without the window, until Ctrl+C (or the process is told to stop).

The same round the window runs (room/headless.py: the plan's store, inbox and server), for
a laptop with no display, and for the packaged app, which cannot run `python -m`. Every
answer a phone sees acknowledged is already in the plan; stopping leaves the round open, to
carry on with `--resume` or to close from the app's Retreat ▸ Ratings.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path
from types import FrameType

from coherence_planner.cli.common import CommandError


def cmd_round(args: argparse.Namespace) -> int:
    from coherence_planner.domain.retreat.room import RoomError, Round
    from coherence_planner.room.headless import HeadlessRound
    from coherence_planner.room.network import guess_addresses
    from coherence_planner.room.server import RoomServer
    from coherence_planner.storage.document import Document
    from coherence_planner.storage.room_store import RoundStore

    plan = Path(args.plan)
    if bool(args.programs) == bool(args.resume):
        raise CommandError("name the programs of a new round (--programs) or a round to resume")
    if args.programs:
        ids = tuple(p.strip() for p in args.programs.split(",") if p.strip())
        with Document.open(plan) as document:
            try:
                store = RoundStore.open(document, Round("", args.title, ids))
            except RoomError as exc:
                raise CommandError(f"{plan.name}: {exc}; no round was opened") from None
            round_id = store.round_id
    else:
        round_id = args.resume
    headless = HeadlessRound(
        plan, round_id, addresses=guess_addresses() if args.lan else [], port=args.port
    )

    def announce(server: RoomServer) -> None:
        line = {
            "round": round_id,
            "link": server.link(),
            "code": server.credentials.join_code,
            "port": server.port,
        }
        print(json.dumps(line), flush=True)

    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    # A service manager or the packaged app's smoke test stops it with SIGTERM: the same
    # clean stop as Ctrl+C (the server closed, the plan's file closed).
    signal.signal(signal.SIGTERM, stop)
    try:
        headless.run(announce)
    except KeyboardInterrupt:
        pass
    except RoomError as exc:
        raise CommandError(f"{plan.name}: {exc}") from None
    sys.stderr.write(
        f"Stopped. Round {round_id} is still open in {plan.name}: "
        f"`coherence-planner round {plan.name} --resume {round_id}` carries on with it.\n"
    )
    return 0
