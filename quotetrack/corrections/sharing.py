"""Sharing a curation between researchers: the log's fixes that hold, as a JSON file, and
importing such a file into another database (where ids differ: every fix names its quotes
by article url, content hash and text, and its speakers by identity key)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from quotetrack.statements.grouping import GroupingParams

from . import engine
from .model import ACTIONS, FixRefused, ImportReport

FORMAT = "quotetrack-corrections"
VERSION = 1


def export_corrections(session: Session, path: str | Path) -> int:
    """Write the fixes that hold, in log order, to ``path`` (JSON). Out: how many."""
    active = engine.active_corrections(session)
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(),
        "corrections": [
            {
                "id": c.id,
                "action": c.action,
                "target_id": c.target_id,
                "args": c.args,
                "note": c.note,
                "by": c.author,
                "at": c.created_at.isoformat(),
                "forced": c.forced,
            }
            for c in active
        ],
    }
    Path(path).write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(active)


def _read(path: str | Path) -> list[dict[str, Any]]:
    """The entries of an export file, checked; CorrectionError names the file and problem."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise FixRefused(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FixRefused(f"{path}: not a JSON file: {exc}") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise FixRefused(f"{path}: not a quotetrack corrections file (no format {FORMAT!r})")
    if doc.get("version") != VERSION:
        raise FixRefused(f"{path}: version {doc.get('version')!r}; this quotetrack reads 1")
    entries = doc.get("corrections")
    if not isinstance(entries, list):
        raise FixRefused(f"{path}: 'corrections' is not a list")
    for n, e in enumerate(entries, 1):
        if not isinstance(e, dict) or e.get("action") not in ACTIONS or e["action"] == "undo":
            raise FixRefused(f"{path}: entry {n} has no known action")
        if not isinstance(e.get("args"), dict) or not isinstance(e.get("by"), str):
            raise FixRefused(f"{path}: entry {n} lacks its args or author")
        try:
            dt.datetime.fromisoformat(e["at"])
        except (KeyError, TypeError, ValueError):
            raise FixRefused(f"{path}: entry {n} has no valid time 'at'") from None
    return entries


def _key(action: str, args: dict[str, Any], author: str, at: dt.datetime) -> tuple:
    """What makes two entries the same fix (the databases' ids aside)."""
    return (action, author, at.isoformat(), json.dumps(_without_ids(args), sort_keys=True))


def _without_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _without_ids(v)
            for k, v in value.items()
            if k not in ("id", "other_ids", "to_id", "from_id", "statement_id", "imported_from")
        }
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def import_corrections(
    session: Session, path: str | Path, params: GroupingParams | None = None
) -> ImportReport:
    """Add the fixes of an export file to the log (those already in it are skipped, so a
    file can be imported twice) and apply them, matching quotes and speakers by their
    stable references. The whole file is checked before anything is written."""
    entries = _read(path)
    have = {
        _key(c.action, c.args, c.author, c.created_at)
        for c in engine.log_entries(session)
        if c.active
    }
    imported = duplicates = 0
    for e in entries:
        at = dt.datetime.fromisoformat(e["at"])
        key = _key(e["action"], e["args"], e["by"], at)
        if key in have:
            duplicates += 1
            continue
        have.add(key)
        args = dict(e["args"], imported_from=e.get("id"))
        # The statement a detach made is the other database's; here one is made afresh.
        args.pop("statement_id", None)
        engine.append(
            session,
            e["action"],
            e.get("target_id"),
            args,
            note=e.get("note"),
            author=e["by"],
            forced=bool(e.get("forced")),
            created_at=at,
        )
        imported += 1
    report = engine.ReplayReport()
    if imported:
        # From the machine's values, every fix in log order: the same result as making them
        # here one after the other.
        engine.restore_machine_values(session, params)
        report = engine.replay(session, params=params)
    return ImportReport(imported=imported, duplicates=duplicates, replay=report)
