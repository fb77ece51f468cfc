"""axe-core (Deque's accessibility engine) run in the page the browser has open.

The engine is the vendored tests/room/vendor/axe.min.js (axe-core 4.14.1 from the npm
registry, MPL-2.0, its licence beside it): a test never downloads it, so a CI machine without
the network runs the same rules. WebDriver injects it into the page as the browser's own
script, which the room's Content-Security-Policy (script-src 'self') does not govern.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selenium.webdriver.remote.webdriver import WebDriver

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA: what the ADA Title II rule of 2024 asks of web content.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then((result) => done(result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(' '), summary: n.failureSummary})),
  }))))
  .catch((error) => done([{id: 'axe-error', impact: '', help: String(error), nodes: []}]));
"""


def violations(page: WebDriver) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations in the page as it is now."""
    if not page.execute_script("return typeof window.axe === 'object';"):
        page.execute_script(AXE.read_text(encoding="utf-8"))
    page.set_script_timeout(30)
    found: list[dict[str, Any]] = page.execute_async_script(RUN, WCAG_21_AA)
    return found


def describe(found: list[dict[str, Any]]) -> str:
    lines = []
    for v in found:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"]:
            summary = " ".join(str(node["summary"] or "").split())
            lines.append(f"    at {node['target']}: {summary}")
    return "\n".join(lines)


def assert_accessible(page: WebDriver, state: str) -> None:
    """No WCAG 2.1 A/AA violation in the page's current state (named in the message)."""
    found = violations(page)
    assert not found, f"{state}: {len(found)} WCAG 2.1 A/AA violation(s)\n{describe(found)}"
