"""Targets as reviews write them, and the committee's own assessment of a figure.

A review's target is not always a number:

- a number or a bound, as today: ``50%``, ``≥80%``, ``từ 55% trở lên``;
- a reference to what a higher level set, or to a plan, in words:
  ``đạt và vượt chỉ tiêu tỉnh giao``, ``theo kế hoạch`` — no figure the tool
  could compare with, so the status is the committee's own assessment
  (an ``Đánh giá`` column: ``Đạt``, ``Vượt``, ``Chưa đạt``) or none;
- a threshold every unit below must reach: ``không có xã nào dưới 45%``,
  ``các xã đạt từ 65% trở lên`` — decided from the communes' own figures;
- for a rank (:func:`parse_rank_target`), a place to reach (``thứ 30 trở lên``,
  ``top 25``, ``trong nhóm 30``: position 30 or better) or places to gain on the
  previous assessment (``tăng 5 hạng``).

Examples
--------
>>> parse_target("≥80%")
TargetForm(kind='number', quantity=Quantity(value=80.0, percent=True, qualifier='at_least', decimals=0), level='')
>>> parse_target("đạt và vượt chỉ tiêu tỉnh giao").kind
'reference'
>>> form = parse_target("không có xã nào dưới 45%")
>>> form.kind, form.quantity.value, form.quantity.qualifier, form.level
('children', 45.0, 'at_least', 'xã')
>>> parse_target("các xã đạt từ 65% trở lên").quantity.qualifier
'at_least'
>>> parse_assessment("Đạt và vượt"), parse_assessment("chưa hoàn thành")
('exceeded', 'not_met')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from dxanalysis.exceptions import InputValueError
from dxanalysis.i18n import Message
from dxanalysis.numerals import Quantity, split_qualifier, parse_quantity
from dxanalysis.vntext import match_key, strip_diacritics

# "rank_gain": places to climb since the previous assessment ("tăng 5 hạng"), decided with that period
TargetKind = Literal["number", "reference", "children", "none", "rank_gain"]

# The units below, as a threshold names them (singular; "các xã", "100% xã", "không có xã nào").
_LEVELS = ("xã, phường, thị trấn", "xã", "phường", "thị trấn", "huyện", "thị xã", "thành phố", "đơn vị", "cơ quan",
           "commune", "communes", "district", "districts", "unit", "units")
_LEVEL = "|".join(re.escape(level) for level in sorted(_LEVELS, key=len, reverse=True))
# "không có xã nào dưới 45%", "không còn xã nào đạt dưới 45%": every unit at least 45%
_NONE_BELOW = re.compile(rf"^không (?:có|còn) (?P<level>{_LEVEL}) nào (?:đạt |có tỷ lệ |có tỉ lệ )?"
                         rf"(?:dưới|thấp hơn) (?P<number>.+)$")
# "các xã đạt từ 65% trở lên", "100% xã đạt trên 50%", "tất cả các xã ≥ 65%": every unit reaches the bound
_ALL_REACH = re.compile(rf"^(?:các|tất cả các|tất cả|toàn bộ|100%(?: số)?|every|all) (?P<level>{_LEVEL}) "
                        rf"(?:đều )?(?:đạt |có tỷ lệ |có tỉ lệ |reach |at )?(?P<number>.*\d.*)$")
# "no commune below 45%"
_NONE_BELOW_EN = re.compile(rf"^no (?P<level>{_LEVEL}) below (?P<number>.+)$")


@dataclass(frozen=True)
class TargetForm:
    """A typed target: its ``kind``, its quantity (for a number or a threshold) and the ``level`` a
    threshold applies to (``xã``)."""

    kind: TargetKind
    quantity: Quantity | None = None
    level: str = ""


def _threshold(match: re.Match[str], lang: str, none_below: bool) -> TargetForm:
    quantity = parse_quantity(match.group("number"), lang)
    if none_below:  # "none below 45%" is "each at least 45%"
        quantity = Quantity(quantity.value, quantity.percent, "at_least", quantity.decimals)
    elif quantity.qualifier is None:  # "các xã đạt 65%": each reaches 65%
        quantity = Quantity(quantity.value, quantity.percent, "at_least", quantity.decimals)
    level = match.group("level")
    return TargetForm("children", quantity, level)


def parse_target(text: str, lang: str = "vi") -> TargetForm:
    """Read a typed target: a number, a threshold over the units below, or a reference in words.

    A text with a figure that is neither a number nor a threshold is an error
    (``8O%`` is a typo, not a reference); a text without any figure is a
    reference to a target set elsewhere.

    >>> parse_target("theo kế hoạch")
    TargetForm(kind='reference', quantity=None, level='')
    >>> parse_target("theo Kế hoạch số 123/KH-UBND").kind, parse_target("chưa giao").kind
    ('reference', 'none')
    >>> parse_target("khoảng 8O%")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputValueError: Cần một chỉ tiêu như '50%', '≥80%', 'từ 55% trở lên', 'không có xã nào dưới 45%' hoặc lời như 'đạt chỉ tiêu tỉnh giao', nhưng gặp 'khoảng 8O%'.
    """
    try:
        return TargetForm("number", parse_quantity(text, lang))
    except InputValueError:
        pass
    key = match_key(text).rstrip(" .;")
    for pattern, none_below in ((_NONE_BELOW, True), (_NONE_BELOW_EN, True), (_ALL_REACH, False)):
        match = pattern.match(key)
        if match:
            try:
                return _threshold(match, lang, none_below)
            except InputValueError:
                break
    # A reference is words about a target set elsewhere. A bound without its number ("trên",
    # "khoảng chừng") or a threshold's words without one ("không có xã nào") is a figure left out.
    if _NO_TARGET.match(key):
        return TargetForm("none")
    if _names_a_target(key):
        return TargetForm("reference")
    raise InputValueError(text, Message("expected.target_form"))


# "chưa giao", "không giao chỉ tiêu": the review says there is no target
_NO_TARGET = re.compile(r"^(?:chưa|không) (?:giao|có)(?: chỉ tiêu)?$|^(?:no target|none)$")
_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of letters (not "8O", not "KH-UBND"'s parts alone)


def _names_a_target(key: str) -> bool:
    """True for words about a target set elsewhere (``theo Kế hoạch số 123/KH-UBND``, ``đạt chỉ tiêu
    tỉnh giao năm 2023``); false for a bound or a threshold whose number is missing or mistyped
    (``trên``, ``khoảng 8O%``, ``không có xã nào``)."""
    body, qualifier = split_qualifier(key)
    if qualifier is not None and not any(ch.isdigit() for ch in body):
        return False  # "trên", "khoảng chừng": a bound without its number
    if re.match(rf"^(?:không (?:có|còn)|các|tất cả) (?:{_LEVEL})\b", key):
        return False  # a threshold over the units below that could not be read
    tokens = key.replace("/", " ").split()
    if any(any(ch.isdigit() for ch in t) and any(ch.isalpha() for ch in t) and not re.fullmatch(r"\d+[.,]?%?", t)
           and "-" not in t for t in tokens):
        return False  # "8O%": a figure with a letter in it is a typo, not words
    return len(_WORD.findall(body)) >= 2


# The committee's own assessment of a figure, as an "Đánh giá" cell types it.
ASSESSMENTS: dict[str, tuple[str, ...]] = {
    "exceeded": ("vượt", "vượt chỉ tiêu", "đạt và vượt", "đạt và vượt chỉ tiêu", "vượt kế hoạch",
                 "hoàn thành vượt", "hoàn thành vượt chỉ tiêu", "hoàn thành vượt kế hoạch", "exceeded"),
    "met": ("đạt", "đạt chỉ tiêu", "hoàn thành", "hoàn thành chỉ tiêu", "đạt kế hoạch", "hoàn thành kế hoạch", "met",
            "achieved"),
    "not_met": ("chưa đạt", "không đạt", "chưa hoàn thành", "không hoàn thành", "chưa đạt chỉ tiêu",
                "không đạt chỉ tiêu", "not met", "not achieved"),
}
_ASSESSMENT_KEYS = {strip_diacritics(match_key(word)): code for code, words in ASSESSMENTS.items() for word in words}


def parse_assessment(text: str) -> str:
    """The status an ``Đánh giá`` cell states: ``exceeded``, ``met`` or ``not_met``.

    >>> parse_assessment("Chưa đạt")
    'not_met'
    >>> parse_assessment("tốt")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputValueError: Cần một đánh giá như 'Đạt', 'Vượt chỉ tiêu' hoặc 'Chưa đạt', nhưng gặp 'tốt'.
    """
    code = _ASSESSMENT_KEYS.get(strip_diacritics(match_key(text)).rstrip(" .;"))
    if code is None:
        raise InputValueError(text, Message("expected.assessment"))
    return code


# A place to reach: "thứ 30 trở lên", "xếp hạng 30 trở lên", "top 25", "trong nhóm 30 tỉnh dẫn đầu", "30th or better"
_RANK_OR_BETTER = re.compile(r"^(?:(?:xếp|đứng|giữ)\s+)?(?:thứ|hạng|vị trí|thứ hạng)(?: thứ)? (?P<n>\d+) trở lên$"
                             r"|^(?:(?:nằm|đứng|giữ|xếp)\s+)?(?:trong\s+)?(?:top|nhóm|tốp) (?P<top>\d+)(?:\s+[^\d]*)?$"
                             r"|^(?:within |in )?(?:the )?top (?P<top_en>\d+)(?:\s+[^\d]*)?$"
                             r"|^(?P<n_en>\d+)(?:st|nd|rd|th)? or (?:better|higher|above)$")
# Exactly a place: "thứ 30", "hạng 30", "30th"
_RANK_EXACT = re.compile(r"^(?:(?:xếp|đứng)\s+)?(?:thứ|hạng|vị trí)(?: thứ)? (?P<n>\d+)$|^(?P<n_en>\d+)(?:st|nd|rd|th)$")
# Places to gain: "tăng 5 hạng", "tăng ít nhất 5 bậc", "nâng 5 hạng trở lên", "up 5 places"
_RANK_GAIN = re.compile(r"^(?:tăng|nâng|cải thiện|vươn lên|up|improve by|gain|climb)(?: ít nhất| tối thiểu| thêm| từ| at least)?"
                        r" (?P<n>\d+) (?:hạng|bậc|vị trí|thứ hạng|places?|ranks?)(?: trở lên| or more)?$")
# A bound typed as a number ("≤30", "30"): what a rank can aim for is a place or better
_RANK_QUALIFIERS = (None, "at_most", "below")


def parse_rank_target(text: str, lang: str = "vi") -> TargetForm:
    """Read a rank's target: a place or better, an exact place, places to gain, or a target in words.

    A place "or better" is a position at most N (lower is better); places to
    gain are a ``rank_gain`` target whose status needs the previous assessment.
    A percentage, or a bound that aims for a worse place, is an error.

    >>> parse_rank_target("thứ 30 trở lên").quantity
    Quantity(value=30.0, percent=False, qualifier='at_most', decimals=0)
    >>> [parse_rank_target(t).quantity.value for t in ("top 25", "trong nhóm 30", "nằm trong nhóm 30 tỉnh dẫn đầu")]
    [25.0, 30.0, 30.0]
    >>> form = parse_rank_target("tăng 5 hạng")
    >>> form.kind, form.quantity.value
    ('rank_gain', 5.0)
    >>> parse_rank_target("theo kế hoạch").kind
    'reference'
    >>> parse_rank_target("30%")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputValueError: Cần một chỉ tiêu xếp hạng như 'thứ 30 trở lên', 'top 25', 'trong nhóm 30', 'thứ 30' hoặc 'tăng 5 hạng', nhưng gặp '30%'.
    """
    key = match_key(text).rstrip(" .;")
    expected = Message("expected.rank_target")
    for pattern, kind, qualifier in ((_RANK_OR_BETTER, "number", "at_most"), (_RANK_EXACT, "number", None),
                                     (_RANK_GAIN, "rank_gain", None)):
        match = pattern.match(key)
        if match:
            number = int(next(g for g in match.groups() if g))
            if number < 1:
                raise InputValueError(text, expected, hint=Message("hint.rank_position"))
            return TargetForm(kind, Quantity(float(number), False, qualifier, 0))  # type: ignore[arg-type]
    try:
        form = parse_target(text, lang)
    except InputValueError:
        raise InputValueError(text, expected) from None
    quantity = form.quantity
    if form.kind == "children" or (quantity is not None and (
            quantity.percent or quantity.qualifier not in _RANK_QUALIFIERS
            or not float(quantity.value).is_integer() or quantity.value < 1)):
        raise InputValueError(text, expected)
    return form
