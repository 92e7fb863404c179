"""The analyst's words for a review: ``data/raw/<unit>/<period>/review.yml``.

What no data gives — the meeting, qualitative achievements per pillar,
the sections the analyst adds to the achievements, commitments to the
province, reasons for shortcomings and the tasks assigned — is read here and
checked, so a typo in a key is an error that names the file and the key, not
a silently missing section.

Examples
--------
>>> notes = parse_review_notes({
...     "meeting": {"date": "2022-08-09", "chair": "Ông Huỳnh Văn Tài"},
...     "commitments": [{"area": "Y tế", "text": "100% dữ liệu hồ sơ bệnh án điện tử được liên thông"}],
...     "tasks": [{"lead": "Phòng Văn hóa và Thông tin", "content": "tiếp tục triển khai"}],
... }, "review.yml")
>>> notes.meeting.date.isoformat(), notes.commitments[0].area, notes.tasks[0].lead
('2022-08-09', 'Y tế', 'Phòng Văn hóa và Thông tin')

Any text may also be given in both languages; the English report uses ``en``:

>>> notes = parse_review_notes({"overview": {"vi": "Kết quả tích cực", "en": "Positive results"}}, "review.yml")
>>> notes.overview, notes.text(notes.overview, "en")
('Kết quả tích cực', 'Positive results')

The analyst's own sections of the achievements, in page order (indicators as typed: the review
resolves them against the catalog):

>>> notes = parse_review_notes({"sections": [
...     {"title": "Xếp hạng chỉ số", "indicators": ["found.dti_rank"], "position": "trước"}]}, "review.yml")
>>> section = notes.sections[0]
>>> section.id, section.title, section.indicators, section.chart, section.position
('1', 'Xếp hạng chỉ số', ('found.dti_rank',), True, 'before')
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from dxanalysis.read.catalog import PILLARS, parse_pillar
from dxanalysis.exceptions import InputFileError
from dxanalysis.i18n import Message
from dxanalysis.slugs import is_slug
from dxanalysis.vntext import clean_text, match_key, strip_diacritics

SHORTCOMING_CLAIMS = ("below_target", "decline")
# What a review is, as review.yml's ``kind`` names it: the words an analyst may type for each.
REVIEW_KINDS: dict[str, tuple[str, ...]] = {
    "sơ kết": ("sơ kết", "review", "interim review"),
    "tổng kết": ("tổng kết", "year-end review", "final review"),
    "báo cáo": ("báo cáo", "report"),
    "kiểm tra": ("kiểm tra", "inspection"),
}


def _known_word(typed: str, words: dict[str, tuple[str, ...]]) -> str | None:
    """The code in ``words`` whose spellings include ``typed`` (with or without accents), else ``None``."""
    key = match_key(typed)
    for code, spellings in words.items():
        if key in {match_key(w) for w in spellings} | {strip_diacritics(match_key(w)) for w in spellings}:
            return code
    return None


def review_kind(typed: str) -> str | None:
    """The review kind (one of :data:`REVIEW_KINDS`) a typed ``kind`` names, else ``None``.

    >>> review_kind("Tổng kết"), review_kind("tong ket"), review_kind("inspection"), review_kind("họp")
    ('tổng kết', 'tổng kết', 'kiểm tra', None)
    """
    return _known_word(typed, REVIEW_KINDS)


@dataclass(frozen=True)
class Meeting:
    """The steering committee's meeting that reviews the period."""

    date: dt.date | None = None
    title: str = ""
    body: str = ""
    chair: str = ""
    chair_title: str = ""


@dataclass(frozen=True)
class DocumentFacts:
    """What the signed document (``review.docx``) says that no data gives: ``review.yml``'s ``document:``.

    Every field is optional; one not given is a visible blank in the document for the office to fill
    (the number, the date), never a value of dxanalysis' own. ``number`` is the document's number
    (``125``), ``symbol`` its symbol (``BC-BCĐ``); ``issuer`` the issuing body (else the meeting's
    body) and ``issuer_parent`` the body above it; ``signer_authority`` how the signer signs
    (``TM. BAN CHỈ ĐẠO``, ``KT. TRƯỞNG BAN``).
    """

    number: str = ""
    symbol: str = ""
    place: str = ""
    date: dt.date | None = None
    issuer: str = ""
    issuer_parent: str = ""
    signer_name: str = ""
    signer_title: str = ""
    signer_authority: str = ""
    recipients: tuple[str, ...] = ()


DOCUMENT_FIELDS = {"number", "symbol", "place", "date", "issuer", "issuer_parent", "signer", "recipients"}
SIGNER_FIELDS = {"name", "title", "on_behalf"}


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


# The verbs a review gives a task, as the committee uses them; each maps the words an
# analyst may type (Vietnamese, without accents, or English) to one verb code.
TASK_VERBS: dict[str, tuple[str, ...]] = {
    "giao": ("giao", "assign", "assigned"),            # the committee assigns an office
    "đề nghị": ("đề nghị", "request", "requested"),     # it asks (an office, a higher level)
    "yêu cầu": ("yêu cầu", "require", "required"),      # it requires
    "cam kết": ("cam kết", "pledge", "commit"),         # a higher level's (or the unit's) pledge
    "hỗ trợ": ("hỗ trợ", "support"),                   # a higher level's support
    "kiến nghị": ("kiến nghị", "recommend", "propose"),  # the unit's recommendation upward
}


@dataclass(frozen=True)
class Task:
    """A task in the review, with its ``verb`` as the committee used it (one of :data:`TASK_VERBS`).

    ``verb`` is ``""`` when ``review.yml`` gives none: the report then names the
    lead and the content without a verb, never one of its own.
    """

    lead: str
    content: str
    coordinating: tuple[str, ...] = ()
    deadline: str = ""
    verb: str = ""


def task_verb(typed: str) -> str | None:
    """The verb code of a typed task verb, or ``None`` if it is none of :data:`TASK_VERBS`.

    >>> task_verb("Đề nghị"), task_verb("de nghi"), task_verb("requested"), task_verb("chỉ đạo")
    ('đề nghị', 'đề nghị', 'đề nghị', None)
    """
    return _known_word(typed, TASK_VERBS)


# Where an analyst's section goes among the four pillars, as review.yml's ``position`` names it.
SECTION_POSITIONS: dict[str, tuple[str, ...]] = {
    "before": ("before", "trước"),
    "after": ("after", "sau"),
}
SECTION_FIELDS = {"id", "title", "indicators", "items", "chart", "position"}


@dataclass(frozen=True)
class AnalystSection:
    """A section the analyst adds to the achievements (review.yml's ``sections:``), with its own
    indicators, which it takes from their pillars.

    ``id`` is a slug (its anchor on the page is ``section-<id>``); without one typed, the section's
    number in the list. ``indicators`` are as typed in ``review.yml`` until the review resolves them
    against the catalog (:func:`dxanalysis.assess.review.resolve_sections`), then catalog codes.
    ``position`` is ``before`` or ``after`` the four pillars.
    """

    id: str
    title: str
    indicators: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    chart: bool = True
    position: str = "after"

    @property
    def key(self) -> str:
        """The section's key among the page's sections (and its anchor): ``section-<id>``.

        >>> AnalystSection("xep-hang", "Xếp hạng chỉ số").key
        'section-xep-hang'
        """
        return f"section-{self.id}"


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
    translations: dict[str, str] = field(default_factory=dict)
    kind: str = ""  # one of REVIEW_KINDS, or "" when review.yml does not say (see kind_of_review)
    # the rates the page prints though the source gave only their counts ("show_rates" in review.yml):
    # every one (True), or the indicators named (codes once the review resolves them)
    show_all_rates: bool = False
    show_rates: tuple[str, ...] = ()
    sections: tuple[AnalystSection, ...] = ()  # the analyst's own sections of the achievements, in page order
    document: DocumentFacts = field(default_factory=DocumentFacts)  # the signed document's own facts

    def text(self, vietnamese: str, lang: str = "vi") -> str:
        """The analyst's ``vietnamese`` text in ``lang``: its ``en`` version when one was given."""
        # review.yml gives the analyst's text in Vietnamese with an `en` version (data, not messages)
        versions = {"vi": vietnamese, "en": self.translations.get(vietnamese, vietnamese)}
        return versions.get(lang, vietnamese) if vietnamese else vietnamese

    def untranslated(self) -> list[str]:
        """Texts that have no English version (an English report would show them in Vietnamese)."""
        texts = [self.meeting.title, self.meeting.body, self.meeting.chair_title, self.overview]
        texts += [t for items in self.achievements.values() for t in items]
        texts += [t for s in self.sections for t in (s.title, *s.items)]
        texts += [t for c in self.commitments for t in (c.area, c.text, c.status)]
        texts += [t for s in self.shortcomings for t in (s.text, s.reason)]
        texts += [t for task in self.tasks for t in (task.lead, task.content, task.deadline, *task.coordinating)]
        document = self.document
        texts += [document.issuer, document.issuer_parent, document.signer_authority, document.signer_title,
                  *document.recipients]
        return [t for t in texts if t and t not in self.translations]


_TOP_KEYS = {"unit", "period", "kind", "meeting", "overview", "achievements", "sections", "commitments", "shortcomings",
             "tasks", "source", "show_rates", "document"}


def _fail(path: str, key: str | Message, problem: Message, hint: Message) -> InputFileError:
    return InputFileError(path, Message("error.yaml_key", {"key": key, "problem": problem}), hint)


def _text(value: Any, path: str, key: str, translations: dict[str, str] | None = None) -> str:
    # A text is either one Vietnamese string or {vi: ..., en: ...}; the English
    # side is remembered so an English report can use it.
    if value is None:
        return ""
    if isinstance(value, dict) and set(value) <= {"vi", "en"} and "vi" in value:
        vietnamese = _text(value["vi"], path, f"{key}.vi")
        if translations is not None and value.get("en"):
            translations[vietnamese] = _text(value["en"], path, f"{key}.en")
        return vietnamese
    if isinstance(value, (dict, list)):
        raise _fail(path, key, Message("error.yaml_text", {"type": type(value).__name__, "value": value}),
                    Message("hint.yaml_text"))
    return clean_text(str(value))


def _mapping(value: Any, path: str, key: str | Message, allowed: set[str], required: tuple[str, ...] = ()) -> dict:
    if not isinstance(value, dict):
        raise _fail(path, key, Message("error.yaml_mapping", {"fields": ", ".join(sorted(allowed)), "value": value}),
                    Message("hint.yaml_mapping"))
    unknown = set(value) - allowed
    if unknown:
        raise _fail(path, key, Message("error.yaml_unknown_fields", {"fields": ", ".join(sorted(map(str, unknown)))}),
                    Message("hint.yaml_allowed_fields", {"fields": ", ".join(sorted(allowed))}))
    for name in required:
        if not value.get(name):
            raise _fail(path, f"{key}.{name}", Message("error.yaml_required"), Message("hint.yaml_add", {"name": name}))
    return value


def _items(value: Any, path: str, key: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail(path, key, Message("error.yaml_list", {"value": value}), Message("hint.yaml_list"))
    return value


def _date(value: Any, path: str, key: str = "meeting.date") -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            pass
    raise _fail(path, key, Message("error.yaml_date", {"value": value}), Message("hint.yaml_date"))


def _show_rates(value: Any, path: str, text: Callable[[Any, str], str]) -> bool | tuple[str, ...]:
    """``show_rates``: ``true`` (every rate), or a list of indicators; anything else is refused with both
    forms shown (``all`` or ``[true]`` is not guessed at).

    >>> _show_rates(True, "review.yml", lambda v, k: str(v)), _show_rates(["a"], "review.yml", lambda v, k: str(v))
    (True, ('a',))
    >>> _show_rates("all", "review.yml", lambda v, k: str(v))
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputFileError: review.yml: khóa 'show_rates': cần true (mọi tỷ lệ) hoặc một danh sách chỉ tiêu, nhưng gặp 'all'. Ghi ‘show_rates: true’ để in mọi tỷ lệ tính từ số đếm, hoặc liệt kê từng chỉ tiêu, mỗi mục một dòng bắt đầu bằng ‘- ’.
    """
    if value is None or value is False:
        return ()
    if value is True:
        return True
    items = value if isinstance(value, list) else None
    if items is None or any(isinstance(item, (bool, list, dict)) or item is None for item in items):
        typed = value if items is None else next(i for i in items if isinstance(i, (bool, list, dict)) or i is None)
        typed = str(typed).lower() if isinstance(typed, bool) else typed  # as YAML writes it: [true]
        raise _fail(path, "show_rates", Message("error.yaml_show_rates", {"value": typed}),
                    Message("hint.yaml_show_rates"))
    return tuple(text(name, f"show_rates[{i}]") for i, name in enumerate(items, 1))


def _sections(value: Any, path: str, text: Callable[[Any, str], str]) -> tuple[AnalystSection, ...]:
    """The ``sections:`` list: each a mapping with a title, checked field by field (``text`` reads a text
    and remembers its English side)."""
    sections: list[AnalystSection] = []
    ids: dict[str, str] = {}  # id -> the key of the section that has it
    for i, item in enumerate(_items(value, path, "sections"), 1):
        key = f"sections[{i}]"
        item = _mapping(item, path, key, SECTION_FIELDS, ("title",))
        title = text(item["title"], f"{key}.title")
        if not title:
            raise _fail(path, f"{key}.title", Message("error.yaml_required"), Message("hint.yaml_add", {"name": "title"}))
        typed_id = _text(item.get("id"), path, f"{key}.id")
        if typed_id and not is_slug(typed_id):
            raise _fail(path, f"{key}.id", Message("error.yaml_section_id", {"value": typed_id}),
                        Message("hint.yaml_section_id"))
        section_id = unicodedata.normalize("NFC", typed_id) if typed_id else str(i)
        if section_id in ids:
            raise _fail(path, f"{key}.id", Message("error.yaml_section_id_twice", {"value": section_id,
                                                                                   "other": ids[section_id]}),
                        Message("hint.yaml_section_id_twice"))
        ids[section_id] = key
        indicators = []
        for j, typed in enumerate(_items(item.get("indicators"), path, f"{key}.indicators"), 1):
            name = _text(typed, path, f"{key}.indicators[{j}]")  # a code or a name: never translated
            if not name:
                raise _fail(path, f"{key}.indicators[{j}]", Message("error.yaml_required"),
                            Message("hint.yaml_section_indicator"))
            indicators.append(name)
        chart = True if item.get("chart") is None else item["chart"]
        if not isinstance(chart, bool):
            raise _fail(path, f"{key}.chart", Message("error.yaml_boolean", {"value": chart}),
                        Message("hint.use_one_of", {"choices": "true, false"}))
        typed_position = _text(item.get("position"), path, f"{key}.position")
        position = _known_word(typed_position, SECTION_POSITIONS) if typed_position else "after"
        if position is None:
            raise _fail(path, f"{key}.position", Message("error.yaml_section_position", {"value": typed_position}),
                        Message("hint.use_one_of", {"choices": ", ".join(SECTION_POSITIONS)}))
        sections.append(AnalystSection(
            id=section_id, title=title, indicators=tuple(indicators),
            items=tuple(text(t, f"{key}.items[{j}]") for j, t in enumerate(_items(item.get("items"), path, f"{key}.items"), 1)),
            chart=chart, position=position,
        ))
    return tuple(sections)


def _document(value: Any, path: str, text: Callable[[Any, str], str]) -> DocumentFacts:
    """The ``document:`` mapping: the signed document's number, place, date, issuer, signer and recipients.

    >>> facts = _document({"number": 125, "symbol": "BC-BCĐ", "date": "15/08/2022",
    ...                    "signer": {"name": "Nguyễn Văn A", "on_behalf": "TM. BAN CHỈ ĐẠO"},
    ...                    "recipients": ["UBND Tỉnh", "Lưu: VT"]}, "review.yml", lambda v, k: str(v))
    >>> facts.number, facts.date.isoformat(), facts.signer_authority, facts.recipients
    ('125', '2022-08-15', 'TM. BAN CHỈ ĐẠO', ('UBND Tỉnh', 'Lưu: VT'))
    """
    if value is None:
        return DocumentFacts()
    data = _mapping(value, path, "document", DOCUMENT_FIELDS)
    signer = _mapping(data.get("signer") or {}, path, "document.signer", SIGNER_FIELDS)
    recipients = []
    for i, item in enumerate(_items(data.get("recipients"), path, "document.recipients"), 1):
        recipient = text(item, f"document.recipients[{i}]")
        if not recipient:
            raise _fail(path, f"document.recipients[{i}]", Message("error.yaml_required"),
                        Message("hint.yaml_add", {"name": "recipients"}))
        recipients.append(recipient)
    return DocumentFacts(
        **{k: text(data.get(k), f"document.{k}") for k in ("number", "symbol", "place", "issuer", "issuer_parent")},
        date=_date(data.get("date"), path, "document.date"),
        signer_name=text(signer.get("name"), "document.signer.name"),
        signer_title=text(signer.get("title"), "document.signer.title"),
        signer_authority=text(signer.get("on_behalf"), "document.signer.on_behalf"),
        recipients=tuple(recipients),
    )


def parse_review_notes(data: Any, path: str | Path) -> ReviewNotes:
    """Check and convert the parsed YAML of a ``review.yml``."""
    path = str(path)
    translations: dict[str, str] = {}

    def text(value: Any, key: str) -> str:
        return _text(value, path, key, translations)

    data = _mapping(data or {}, path, Message("yaml.top_level"), _TOP_KEYS)
    meeting_data = _mapping(data.get("meeting") or {}, path, "meeting",
                            {"date", "title", "body", "chair", "chair_title"})
    meeting = Meeting(
        date=_date(meeting_data.get("date"), path),
        **{k: text(meeting_data.get(k), f"meeting.{k}") for k in ("title", "body", "chair", "chair_title")},
    )
    achievements: dict[str, tuple[str, ...]] = {}
    for name, items in _mapping(data.get("achievements") or {}, path, "achievements",
                                set(PILLARS) | set(map(str, data.get("achievements") or {}))).items():
        pillar = parse_pillar(str(name))
        if pillar is None:
            raise _fail(path, f"achievements.{name}", Message("error.yaml_not_pillar"),
                        Message("hint.use_one_of", {"choices": ", ".join(PILLARS)}))
        achievements[pillar] = tuple(text(t, f"achievements.{name}[{i}]")
                                     for i, t in enumerate(_items(items, path, f"achievements.{name}"), 1))
    commitments = []
    for i, item in enumerate(_items(data.get("commitments"), path, "commitments"), 1):
        key = f"commitments[{i}]"
        item = _mapping(item, path, key, {"area", "text", "indicator", "target", "status"}, ("text",))
        commitments.append(Commitment(**{k: text(item.get(k), f"{key}.{k}")
                                         for k in ("area", "text", "indicator", "target", "status")}))
    shortcomings = []
    for i, item in enumerate(_items(data.get("shortcomings"), path, "shortcomings"), 1):
        key = f"shortcomings[{i}]"
        item = _mapping(item, path, key, {"text", "indicator", "claim", "reason"})
        if not item.get("text") and not item.get("indicator"):
            raise _fail(path, key, Message("error.yaml_text_or_indicator"), Message("hint.yaml_text_or_indicator"))
        claim = text(item.get("claim"), f"{key}.claim") or "below_target"
        if claim not in SHORTCOMING_CLAIMS:
            raise _fail(path, f"{key}.claim", Message("error.yaml_claim", {"claims": SHORTCOMING_CLAIMS, "value": claim}),
                        Message("hint.yaml_claim"))
        shortcomings.append(Shortcoming(
            text=text(item.get("text"), f"{key}.text"), indicator=text(item.get("indicator"), f"{key}.indicator"),
            claim=claim, reason=text(item.get("reason"), f"{key}.reason"),
        ))
    typed_kind = text(data.get("kind"), "kind")
    kind = review_kind(typed_kind) if typed_kind else ""
    if kind is None:
        raise _fail(path, "kind", Message("error.yaml_review_kind", {"value": typed_kind}),
                    Message("hint.use_one_of", {"choices": ", ".join(REVIEW_KINDS)}))
    tasks = []
    for i, item in enumerate(_items(data.get("tasks"), path, "tasks"), 1):
        key = f"tasks[{i}]"
        item = _mapping(item, path, key, {"lead", "content", "coordinating", "deadline", "verb"}, ("lead", "content"))
        typed_verb = text(item.get("verb"), f"{key}.verb")
        verb = task_verb(typed_verb) if typed_verb else ""
        if verb is None:
            raise _fail(path, f"{key}.verb", Message("error.yaml_task_verb", {"value": typed_verb}),
                        Message("hint.use_one_of", {"choices": ", ".join(TASK_VERBS)}))
        coordinating = item.get("coordinating") or []
        coordinating = [coordinating] if isinstance(coordinating, str) else _items(coordinating, path, f"{key}.coordinating")
        tasks.append(Task(
            lead=text(item["lead"], f"{key}.lead"), content=text(item["content"], f"{key}.content"),
            coordinating=tuple(text(c, f"{key}.coordinating") for c in coordinating),
            deadline=text(item.get("deadline"), f"{key}.deadline"), verb=verb or "",
        ))
    sections = _sections(data.get("sections"), path, text)
    show_rates = _show_rates(data.get("show_rates"), path, text)
    document = _document(data.get("document"), path, text)
    return ReviewNotes(meeting, text(data.get("overview"), "overview"), achievements,
                       tuple(commitments), tuple(shortcomings), tuple(tasks), text(data.get("source"), "source"),
                       translations, kind or "", sections=sections, show_all_rates=show_rates is True,
                       show_rates=show_rates if isinstance(show_rates, tuple) else (), document=document)


# Limits of a review.yml: an analyst's notes run to a few pages. Anything far
# larger is a mistake or an attack (a "billion laughs" of nested aliases).
MAX_NOTES_BYTES = 1_000_000
MAX_NOTES_NODES = 100_000  # after expanding every alias


class _NotesLoader(yaml.SafeLoader):
    """PyYAML's safe loader, but dates stay text (checked by :func:`_date`, with a clear error)."""


_NotesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _expanded_size(node: yaml.Node, limit: int) -> int:
    """How many nodes the document has once aliases are expanded, counting no further than ``limit``."""
    sizes: dict[int, int] = {}

    def size(current: yaml.Node) -> int:
        if id(current) in sizes:  # an alias: the same node object again
            return sizes[id(current)]
        total = 1
        if isinstance(current, yaml.SequenceNode):
            children = current.value
        elif isinstance(current, yaml.MappingNode):
            children = [part for pair in current.value for part in pair]
        else:
            children = []
        for child in children:
            total += size(child)
            if total > limit:
                break
        sizes[id(current)] = total
        return total

    return size(node)


def load_notes_yaml(text: str, path: str | Path) -> Any:
    """Parse a ``review.yml``'s text safely: no tags run, aliases and size bounded, dates kept as text.

    >>> load_notes_yaml("meeting:\\n  date: 2022-02-30\\n", "review.yml")
    {'meeting': {'date': '2022-02-30'}}
    >>> laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\\n" + "".join(
    ...     f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\\n"
    ...     for p, n in zip("abcdefgh", "bcdefghi"))
    >>> load_notes_yaml(laughs, "review.yml")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputFileError: review.yml: khi mở rộng có hơn 100000 giá trị (các bí danh lặp lại phần khác). Viết thẳng nội dung; review.yml không cần neo '&' hay bí danh '*'.
    """
    try:
        node = yaml.compose(text, Loader=_NotesLoader)
        if node is None:
            return None
        if _expanded_size(node, MAX_NOTES_NODES) > MAX_NOTES_NODES:
            raise InputFileError(path, Message("error.yaml_aliases", {"limit": MAX_NOTES_NODES}),
                                 Message("hint.yaml_aliases"))
        loader = _NotesLoader("")
        try:
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except RecursionError:
        raise InputFileError(path, Message("error.yaml_too_deep"), Message("hint.yaml_invalid")) from None


def read_review_notes(path: str | Path) -> ReviewNotes:
    """Read ``review.yml``; a missing file gives empty notes (a review of figures only)."""
    path = Path(path)
    if not path.exists():
        return ReviewNotes()
    if path.stat().st_size > MAX_NOTES_BYTES:
        raise InputFileError(path, Message("error.yaml_too_large", {"megabytes": MAX_NOTES_BYTES // 1_000_000}),
                             Message("hint.yaml_too_large"))
    try:
        data = load_notes_yaml(path.read_text(encoding="utf-8-sig"), path)
    except UnicodeDecodeError:
        raise InputFileError(path, Message("error.not_utf8_text"), Message("hint.save_utf8")) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err)
        message = Message("error.yaml_invalid_at", {"line": mark.line + 1, "column": mark.column + 1, "problem": problem}) \
            if mark else Message("error.yaml_invalid", {"problem": problem})
        raise InputFileError(path, message, Message("hint.yaml_invalid")) from None
    return parse_review_notes(data, path)
