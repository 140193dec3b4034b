"""docs/check.md stays true: every code documented, the JSON schema matches real reports."""

from __future__ import annotations

import json
import re
from pathlib import Path

from l10nflow.check import CODES, format_report

from .conftest import REPO
from .test_check_support import E, check, write_catalog

DOC = (REPO / "docs" / "check.md").read_text(encoding="utf-8")


def _schema() -> dict:
    blocks = re.findall(r"```json\n(.*?)```", DOC, flags=re.DOTALL)
    return next(json.loads(b) for b in blocks if '"$schema"' in b)


def test_every_code_has_a_row_in_the_table() -> None:
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", DOC, flags=re.MULTILINE))
    assert documented == set(CODES)


def test_json_report_has_what_the_schema_requires(tmp_path: Path) -> None:
    entries = [E("عام 2021", "in 2012"), E("(x)", "x", flags=["l10nflow-ignore:markup"])]
    path = write_catalog(tmp_path, "en", entries)
    data = json.loads(format_report(check([path]), "json"))
    schema = _schema()
    assert set(schema["required"]) <= data.keys()
    assert set(schema["properties"]["signature"]["required"]) == set(data["signature"])
    assert set(schema["properties"]["summary"]["required"]) == set(data["summary"])
    finding_keys = set(schema["$defs"]["finding"]["required"])
    assert data["findings"] and all(set(f) == finding_keys for f in data["findings"])
    assert data["suppressed"]
    assert all(set(s) == finding_keys | {"suppressed_by"} for s in data["suppressed"])
    assert data["version"] == schema["properties"]["version"]["const"]
