"""Vietnamese text handling: Unicode normalisation and matching keys.

Vietnamese arrives in several spellings of the same word: composed (NFC) or
decomposed (NFD, from macOS), with the tone mark placed the old way
(``hoá``, ``Uỷ``) or the new way (``hóa``, ``Ủy``), ``tỉ lệ`` beside
``tỷ lệ``, and missing spaces (``mô hìnhTuyên``). :func:`match_key` folds all
of these to one key for comparing names; the analyst's own text is kept for
display.

Examples
--------
>>> match_key("Uỷ ban nhân dân") == match_key("Ủy ban nhân dân")
True
>>> match_key("Tỉ lệ hồ sơ  được số hoá")
'tỷ lệ hồ sơ được số hóa'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng (NFD)
# Old-style placement puts the tone on the second vowel of an open "oa, oe, uy"
# syllable (hoá, khoẻ, thuỷ); the new style puts it on the first (hóa, khỏe,
# thủy). "qu" is a consonant, so "quý" is the same in both styles.
_OLD_STYLE_TONE = re.compile(rf"(?<![qQ])([oOuU])([aAeEyY])([{_TONE_MARKS}])(?![^\W_])")
# Words whose i/y spelling varies; folded to the form used in official texts.
_WORD_VARIANTS = {"tỉ": "tỷ", "kĩ": "kỹ", "lí": "lý", "mĩ": "mỹ"}
_WORD_VARIANT_RE = re.compile(r"\b(" + "|".join(_WORD_VARIANTS) + r")\b")
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Leading list numbering of a row: "1.", "1.2.", "a)", "II.", "-", "+", "*", "•".
_ENUMERATION = re.compile(
    r"^\s*(?:(?:[0-9]{1,3}(?:\.[0-9]{1,3})*|[ivxlc]{1,6}|[a-zđ])\s*[.)]\s+|(?:[0-9]{1,3}(?:\.[0-9]{1,3})*|[ivxlc]{1,6})\.(?=[^\W\d_])|[-+*•–—]\s*)",
    re.IGNORECASE,
)
_BASE_VOWELS = "aăâeêioôơuưy"
_TONE_MARKS_NFC = "\u0300\u0301\u0303\u0309\u0323"
# Every letter of the Vietnamese alphabet, both cases, composed: used to tell
# Vietnamese text from mojibake when a file's encoding must be inferred.
VIETNAMESE_LETTERS: frozenset[str] = frozenset(
    unicodedata.normalize("NFC", v + t).upper() if upper else unicodedata.normalize("NFC", v + t)
    for v in _BASE_VOWELS for t in ("", *_TONE_MARKS_NFC) for upper in (False, True)
) | frozenset("đĐ")


def nfc(text: str) -> str:
    """Compose ``text`` to Unicode NFC (macOS files arrive decomposed).

    >>> decomposed = unicodedata.normalize("NFD", "hóa")
    >>> len(decomposed), len(nfc(decomposed))
    (4, 3)
    """
    return unicodedata.normalize("NFC", text)


def new_style_tone_marks(text: str) -> str:
    """Move tone marks to the new-style position: ``hoá`` → ``hóa``, ``Uỷ`` → ``Ủy``.

    Closed syllables (``hoàn``, ``toán``) and ``qu`` (``quý``) are unchanged.

    >>> new_style_tone_marks("Uỷ ban, văn hoá, quý, hoàn thành, thuỷ lợi")
    'Ủy ban, văn hóa, quý, hoàn thành, thủy lợi'
    """
    decomposed = unicodedata.normalize("NFD", text)
    return nfc(_OLD_STYLE_TONE.sub(r"\1\3\2", decomposed))


def tidy_spaces(text: str) -> str:
    """Collapse runs of whitespace (tabs, non-breaking spaces) and strip the ends.

    >>> tidy_spaces("  mức độ 3,\\u00a0 mức độ 4 ")
    'mức độ 3, mức độ 4'
    """
    return _SPACES.sub(" ", text).strip()


def clean_text(text: str) -> str:
    """Normalise a cell's text for storage: NFC and tidy spaces, nothing else.

    The analyst's spelling is kept; only invisible differences go: control characters (a line break
    Word pastes as ``\\x0b``, a stray ``\\x01``) count as spaces, as no page or document can show them.

    >>> clean_text(unicodedata.normalize("NFD", " Phòng Văn hoá ")) == "Phòng Văn hoá"
    True
    >>> clean_text("Phòng\\x0bVăn\\x01 hoá\\x7f")
    'Phòng Văn hoá'
    """
    return tidy_spaces(_CONTROL.sub(" ", nfc(text)))


@lru_cache(maxsize=1 << 16)  # a pure function called several times per typed name; bounded
def match_key(text: str) -> str:
    """Fold ``text`` to the key used to compare names of indicators, units, pillars.

    NFC, new-style tone marks, ``tỉ``→``tỷ`` (and similar i/y variants), a
    space restored between a lower-case letter and a capitalised word, lower
    case, single spaces.

    >>> match_key("mô hìnhTuyên truyền") == match_key("Mô hình tuyên truyền")
    True
    >>> match_key("Tỷ lệ hồ sơ TTHC")
    'tỷ lệ hồ sơ tthc'
    """
    text = new_style_tone_marks(text)
    text = _restore_missing_spaces(text)
    text = tidy_spaces(text).lower()
    return _WORD_VARIANT_RE.sub(lambda m: _WORD_VARIANTS[m.group(1)], text)


def loose_key(text: str) -> str:
    """:func:`match_key` without diacritics, case or punctuation, for headers and coded words.

    Exports from different systems write ``Ngay tiep nhan``, ``NGÀY TIẾP NHẬN``
    and ``ngày_tiếp_nhận`` for one column, ``TRỰC TUYẾN`` and ``truc-tuyen``
    for one channel.

    >>> loose_key("NGÀY_TIẾP NHẬN"), loose_key("Đơn vị tính (ĐVT)"), loose_key("No.")
    ('ngay tiep nhan', 'don vi tinh dvt', 'no')
    """
    key = strip_diacritics(match_key(str(text)))
    return " ".join("".join(c if c.isalnum() else " " for c in key).split())


def _character_class(test) -> str:  # noqa: ANN001 - str.isupper / str.islower
    chars = (chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF)
    return "".join(re.escape(char) for char in chars if test(char))


@lru_cache(maxsize=1)
def _missing_space() -> re.Pattern[str]:
    # "hìnhTuyên": a lower-case letter followed by a capitalised word. Unicode's letter
    # ranges interleave cases, so the classes list every cased character of the BMP
    # one by one (built on first use; a regex then does in C what a loop did per character).
    lower, upper = _character_class(str.islower), _character_class(str.isupper)
    return re.compile(f"(?<=[{lower}])(?=[{upper}][{lower}])")


def _restore_missing_spaces(text: str) -> str:
    return _missing_space().sub(" ", text)


def strip_diacritics(text: str) -> str:
    """Remove every Vietnamese diacritic (``đ`` → ``d``), for comparing text typed without accents.

    >>> strip_diacritics("Tỷ lệ hồ sơ được số hóa, Đồng Tháp")
    'Ty le ho so duoc so hoa, Dong Thap'
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return nfc("".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def strip_enumeration(text: str) -> str:
    """Remove a row's list numbering (``1.``, ``1.2.``, ``a)``, ``II.``, ``-``) from the start of ``text``.

    >>> strip_enumeration("II. KINH TẾ SỐ"), strip_enumeration("1.2. Tỷ lệ hồ sơ"), strip_enumeration("- Cấp xã")
    ('KINH TẾ SỐ', 'Tỷ lệ hồ sơ', 'Cấp xã')
    >>> strip_enumeration("Tỷ lệ")  # a word is not a numbering
    'Tỷ lệ'
    """
    match = _ENUMERATION.match(text)
    # A single letter followed by "." could be an initial ("A. Nguyễn"); only
    # strip when text follows it, and never eat the whole string.
    if match and match.end() < len(text):
        return text[match.end():].strip()
    return text.strip()


def is_vietnamese_letter(char: str) -> bool:
    """True for a letter of the Vietnamese alphabet outside ASCII (``ệ``, ``Đ``, ``ư``).

    >>> is_vietnamese_letter("ệ"), is_vietnamese_letter("Ð"), is_vietnamese_letter("ß")
    (True, False, False)
    """
    return char in VIETNAMESE_LETTERS and not char.isascii()


# Vietnamese dictionary order: the letters with their own place in the alphabet (ă after a,
# đ after d …), then the tones in the order a dictionary lists them (ngang, huyền, hỏi, ngã, sắc, nặng).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"  # with the Latin letters Vietnamese does not use
_LETTER_MARKS = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê", ("o", "\u0302"): "ô",
                 ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


@lru_cache(maxsize=4096)
def collation_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """A sort key in Vietnamese dictionary order: ``Đ`` after ``D``, ``Ư`` after ``U``, and a toned
    letter after its base letter (tones compared only where the letters tie).

    >>> sorted(["xã Vĩnh Thạnh", "xã Đông Thạnh", "xã Dinh Bà", "xã An Bình"], key=collation_key)
    ['xã An Bình', 'xã Dinh Bà', 'xã Đông Thạnh', 'xã Vĩnh Thạnh']
    >>> sorted(["mạ", "má", "mà", "ma", "mả", "mã"], key=collation_key)
    ['ma', 'mà', 'mả', 'mã', 'má', 'mạ']
    """
    letters: list[int] = []  # 2 × the letter's place + 1 (a letter), or below 0 (not a letter)
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", text.lower()):
        if char in _TONES and tones:
            tones[-1] = _TONES[char]
        elif unicodedata.combining(char) and letters:
            base = _ALPHABET[(letters[-1] - 1) // 2] if letters[-1] % 2 else ""
            letter = _LETTER_MARKS.get((base, char))
            if letter:
                letters[-1] = _ALPHABET.index(letter) * 2 + 1
        elif char in _ALPHABET:
            letters.append(_ALPHABET.index(char) * 2 + 1)
            tones.append(0)
        else:  # a space first, then digits, punctuation and other scripts by code point, all before letters
            letters.append(-(1 << 22) if char.isspace() else ord(char) - (1 << 21))
            tones.append(0)
    return tuple(letters), tuple(tones), text
