"""The analyst's words for a review: ``data/raw/<unit>/<period>/review.yml``.

What no data gives — the meeting, qualitative achievements per pillar,
commitments to the province, reasons for shortcomings and the tasks
assigned — is read here and checked, so a typo in a key is an error that
names the file and the key, not a silently missing section.

Examples
--------
>>> notes = parse_review_notes({
...     "meeting": {"date": "2022-08-09", "chair": "Ông Huỳnh Văn Tài"},
...     "commitments": [{"area": "Y tế", "text": "100% dữ liệu hồ sơ bệnh án điện tử được liên thông"}],
...     "tasks": [{"lead": "Phòng Văn hóa và Thông tin", "content": "tiếp tục triển khai"}],
... }, "review.yml")
>>> notes.meeting.date.isoformat(), notes.commitments[0].area, notes.tasks[0].lead
('2022-08-09', 'Y tế', 'Phòng Văn hóa và Thông tin')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dxanalysis.catalog import PILLARS, parse_pillar
from dxanalysis.exceptions import InputFileError
from dxanalysis.vntext import clean_text

SHORTCOMING_CLAIMS = ("below_target", "decline")


@dataclass(frozen=True)
class Meeting:
    """The steering committee's meeting that reviews the period."""

    date: dt.date | None = None
    title: str = ""
    body: str = ""
    chair: str = ""
    chair_title: str = ""


@dataclass(frozen=True)
class Commitment:
    """A commitment to the province; ``indicator``/``target`` let data decide its status."""

    area: str
    text: str
    indicator: str = ""
    target: str = ""
    status: str = ""


@dataclass(frozen=True)
class Shortcoming:
    """A shortcoming the analyst names: about an indicator (with a claim) or free text."""

    text: str = ""
    indicator: str = ""
    claim: str = "below_target"
    reason: str = ""


@dataclass(frozen=True)
class Task:
    """A task the committee assigns."""

    lead: str
    content: str
    coordinating: tuple[str, ...] = ()
    deadline: str = ""


@dataclass(frozen=True)
class ReviewNotes:
    """Everything in ``review.yml``."""

    meeting: Meeting = field(default_factory=Meeting)
    overview: str = ""
    achievements: dict[str, tuple[str, ...]] = field(default_factory=dict)
    commitments: tuple[Commitment, ...] = ()
    shortcomings: tuple[Shortcoming, ...] = ()
    tasks: tuple[Task, ...] = ()
    source: str = ""


_TOP_KEYS = {"unit", "period", "meeting", "overview", "achievements", "commitments", "shortcomings", "tasks", "source"}


def _fail(path: str, key: str, problem: str, hint: str) -> InputFileError:
    return InputFileError(path, f"key {key!r}: {problem}", hint)


def _text(value: Any, path: str, key: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise _fail(path, key, f"expected text, found {type(value).__name__} {value!r}.",
                    "Write it as one line of text (quote it if it contains ':').")
    return clean_text(str(value))


def _mapping(value: Any, path: str, key: str, allowed: set[str], required: tuple[str, ...] = ()) -> dict:
    if not isinstance(value, dict):
        raise _fail(path, key, f"expected a mapping of {', '.join(sorted(allowed))}, found {value!r}.",
                    "Indent its fields under it, one 'name: value' per line.")
    unknown = set(value) - allowed
    if unknown:
        raise _fail(path, key, f"unknown field(s) {', '.join(sorted(map(str, unknown)))}.",
                    f"Allowed fields: {', '.join(sorted(allowed))}.")
    for name in required:
        if not value.get(name):
            raise _fail(path, f"{key}.{name}", "is required but missing or empty.", f"Add '{name}: …'.")
    return value


def _items(value: Any, path: str, key: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail(path, key, f"expected a list ('- ' items), found {value!r}.", "Start each item with '- '.")
    return value


def _date(value: Any, path: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            pass
    raise _fail(path, "meeting.date", f"expected a date such as 2022-08-09 or 09/8/2022, found {value!r}.",
                "Write the meeting date as YYYY-MM-DD or dd/mm/yyyy.")


def parse_review_notes(data: Any, path: str | Path) -> ReviewNotes:
    """Check and convert the parsed YAML of a ``review.yml``."""
    path = str(path)
    data = _mapping(data or {}, path, "(top level)", _TOP_KEYS)
    meeting_data = _mapping(data.get("meeting") or {}, path, "meeting",
                            {"date", "title", "body", "chair", "chair_title"})
    meeting = Meeting(
        date=_date(meeting_data.get("date"), path),
        **{k: _text(meeting_data.get(k), path, f"meeting.{k}") for k in ("title", "body", "chair", "chair_title")},
    )
    achievements: dict[str, tuple[str, ...]] = {}
    for name, items in _mapping(data.get("achievements") or {}, path, "achievements",
                                set(PILLARS) | set(map(str, data.get("achievements") or {}))).items():
        pillar = parse_pillar(str(name))
        if pillar is None:
            raise _fail(path, f"achievements.{name}", "is not a pillar.",
                        f"Use one of: {', '.join(PILLARS)}.")
        achievements[pillar] = tuple(_text(t, path, f"achievements.{name}[{i}]")
                                     for i, t in enumerate(_items(items, path, f"achievements.{name}"), 1))
    commitments = []
    for i, item in enumerate(_items(data.get("commitments"), path, "commitments"), 1):
        key = f"commitments[{i}]"
        item = _mapping(item, path, key, {"area", "text", "indicator", "target", "status"}, ("text",))
        commitments.append(Commitment(**{k: _text(item.get(k), path, f"{key}.{k}")
                                         for k in ("area", "text", "indicator", "target", "status")}))
    shortcomings = []
    for i, item in enumerate(_items(data.get("shortcomings"), path, "shortcomings"), 1):
        key = f"shortcomings[{i}]"
        item = _mapping(item, path, key, {"text", "indicator", "claim", "reason"})
        if not item.get("text") and not item.get("indicator"):
            raise _fail(path, key, "needs 'text' or 'indicator'.",
                        "Name the indicator (a catalog code) or describe the shortcoming in 'text'.")
        claim = _text(item.get("claim"), path, f"{key}.claim") or "below_target"
        if claim not in SHORTCOMING_CLAIMS:
            raise _fail(path, f"{key}.claim", f"expected one of {SHORTCOMING_CLAIMS}, found {claim!r}.",
                        "Use 'below_target' (the default) or 'decline' (worse than the same period last year).")
        shortcomings.append(Shortcoming(
            text=_text(item.get("text"), path, f"{key}.text"), indicator=_text(item.get("indicator"), path, f"{key}.indicator"),
            claim=claim, reason=_text(item.get("reason"), path, f"{key}.reason"),
        ))
    tasks = []
    for i, item in enumerate(_items(data.get("tasks"), path, "tasks"), 1):
        key = f"tasks[{i}]"
        item = _mapping(item, path, key, {"lead", "content", "coordinating", "deadline"}, ("lead", "content"))
        coordinating = item.get("coordinating") or []
        coordinating = [coordinating] if isinstance(coordinating, str) else _items(coordinating, path, f"{key}.coordinating")
        tasks.append(Task(
            lead=_text(item["lead"], path, f"{key}.lead"), content=_text(item["content"], path, f"{key}.content"),
            coordinating=tuple(_text(c, path, f"{key}.coordinating") for c in coordinating),
            deadline=_text(item.get("deadline"), path, f"{key}.deadline"),
        ))
    return ReviewNotes(meeting, _text(data.get("overview"), path, "overview"), achievements,
                       tuple(commitments), tuple(shortcomings), tuple(tasks), _text(data.get("source"), path, "source"))


def read_review_notes(path: str | Path) -> ReviewNotes:
    """Read ``review.yml``; a missing file gives empty notes (a review of figures only)."""
    path = Path(path)
    if not path.exists():
        return ReviewNotes()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise InputFileError(path, "is not UTF-8 text.", "Save it as UTF-8.") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(err, "problem", None) or str(err)
        raise InputFileError(path, f"{where}not valid YAML ({problem}).",
                             "Check the indentation and quote texts that contain ':' or start with a symbol.") from None
    return parse_review_notes(data, path)
