"""Every word a person reads comes from a gettext catalog, in Vietnamese or English.

Messages are identified by stable keys (``status.not_met``,
``finding.zero_denominator.hint``); ``locale/vi/LC_MESSAGES/dxanalysis.po``
and ``locale/en/LC_MESSAGES/dxanalysis.po`` hold their wording, and
``make messages`` extracts the keys from the code and templates and compiles
the ``.mo`` files read here. Keys rather than English source text, because
neither language is the source (Vietnamese is the report's own language) and
one English word may need two Vietnamese ones (``Target``: ``Mục tiêu`` of a
plan, ``Chỉ tiêu giao`` of a period).

Placeholders are ``str.format`` fields (``{n}``, ``{value!r}``), filled after
translation, so each language orders them as its grammar wants.

Code that has no ``lang`` at hand (an error raised deep in a reader, the
command line's output) uses the current language, a context variable that
the command line sets; it is Vietnamese unless told otherwise.

Examples
--------
>>> gettext("status.not_met", "vi"), gettext("status.not_met", "en")
('Chưa đạt', 'Not met')
>>> ngettext("errors_banner.one", "errors_banner.other", 2, "en")
'2 errors in the input data — see the Appendix.'
>>> with using_lang("en"):
...     gettext("toc")
'Contents'
>>> gettext("toc")
'Mục lục'
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

LANGS: tuple[str, ...] = ("vi", "en")
DEFAULT_LANG = "vi"
DOMAIN = "dxanalysis"
LOCALE_DIR = Path(__file__).parent / "locale"

_current: ContextVar[str] = ContextVar("dxanalysis_lang", default=DEFAULT_LANG)


def current_lang() -> str:
    """The language of messages when no ``lang`` is given (``vi`` unless set).

    >>> current_lang()
    'vi'
    """
    return _current.get()


def set_lang(lang: str) -> None:
    """Make ``lang`` the current language (the command line does, once).

    >>> set_lang("vi"); current_lang()
    'vi'
    """
    _current.set(check_lang(lang))


@contextmanager
def using_lang(lang: str) -> Iterator[str]:
    """Within the block, ``lang`` is the current language.

    >>> with using_lang("en"):
    ...     current_lang()
    'en'
    """
    token = _current.set(check_lang(lang))
    try:
        yield lang
    finally:
        _current.reset(token)


def check_lang(lang: str) -> str:
    """``lang`` if it has a catalog, else a ``ValueError``.

    >>> check_lang("en")
    'en'
    """
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, got {lang!r}")
    return lang


def lang_from_environment(environ: Mapping[str, str]) -> str:
    """The messages' language from the POSIX locale variables: English for ``en*``, else Vietnamese.

    ``LC_ALL`` wins over ``LC_MESSAGES``, which wins over ``LANG``, as in gettext.

    >>> lang_from_environment({"LANG": "en_US.UTF-8"}), lang_from_environment({"LANG": "C.UTF-8"})
    ('en', 'vi')
    >>> lang_from_environment({"LC_ALL": "vi_VN.UTF-8", "LANG": "en_US.UTF-8"})
    'vi'
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            return code if code in LANGS else DEFAULT_LANG
    return DEFAULT_LANG


@lru_cache(maxsize=None)
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``lang`` (cached); a missing file is an error, not silent keys.

    >>> translations("vi").gettext("toc")
    'Mục lục'
    """
    from babel.support import Translations

    path = LOCALE_DIR / check_lang(lang) / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as handle:
        return Translations(handle, domain=DOMAIN)


def gettext(msgid: str, lang: str | None = None, /, **params: Any) -> str:
    """The message ``msgid`` in ``lang`` (default: the current language), placeholders filled.

    >>> gettext("chart.item", "en", name="STEM", value="32.35%")
    'STEM 32.35%'
    """
    text = translations(lang or current_lang()).gettext(msgid)
    return text.format(**params) if params else text


def ngettext(singular: str, plural: str, n: int, lang: str | None = None, /, **params: Any) -> str:
    """The message for ``n`` things in ``lang`` (Vietnamese has one form, English two); ``{n}`` is filled.

    >>> ngettext("cli.rows_not_used.one", "cli.rows_not_used.other", 1, "en")
    '1 input row not used:'
    >>> ngettext("cli.rows_not_used.one", "cli.rows_not_used.other", 3, "vi")
    '3 dòng dữ liệu vào không được dùng:'
    """
    text = translations(lang or current_lang()).ngettext(singular, plural, n)
    return text.format(n=n, **params)


def N_(msgid: str) -> str:
    """Mark ``msgid`` for extraction where it is defined (a table); translate it where it is shown.

    >>> N_("status.met")
    'status.met'
    """
    return msgid


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair of msgids for extraction, as ``N_`` does for one.

    >>> N_plural("a.one", "a.other")
    ('a.one', 'a.other')
    """
    return singular, plural


class Localized(Protocol):
    """Something that reads differently in each language (a message, a figure)."""

    def text(self, lang: str | None = None) -> str:
        """The thing in ``lang``."""


@dataclass(frozen=True)
class Message:
    """A message translated when it is read, not when it is made (errors, findings' parameters).

    >>> m = Message("location.row", {"row": 4})
    >>> m.text("vi"), m.text("en"), str(m)
    ('dòng 4', 'row 4', 'dòng 4')
    """

    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the current language); localized parameters too."""
        return gettext(self.msgid, lang, **localize_params(self.params, lang))

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class Joined:
    """Several texts (plain or localized) joined when read, or the ``empty`` message when there are none.

    >>> Joined((Message("toc"), "x"), "; ").text("en"), Joined((), "; ", "error.empty").text("vi")
    ('Contents; x', 'trống')
    """

    items: tuple[Any, ...]
    separator: str = ", "
    empty: str = ""

    def text(self, lang: str | None = None) -> str:
        """The joined texts in ``lang`` (default: the current language)."""
        if not self.items:
            return gettext(self.empty, lang) if self.empty else ""
        return self.separator.join(str(localize(item, lang)) for item in self.items)

    def __str__(self) -> str:
        return self.text()


def localize(value: Any, lang: str | None = None) -> Any:
    """``value`` in ``lang`` when it is :class:`Localized`, else ``value`` itself.

    >>> localize(Message("toc"), "en"), localize(3, "en")
    ('Contents', 3)
    """
    text = getattr(value, "text", None)
    return text(lang) if callable(text) and not isinstance(value, str) else value


def localize_params(params: Mapping[str, Any], lang: str | None = None) -> dict[str, Any]:
    """Every :class:`Localized` value of ``params`` in ``lang``.

    >>> localize_params({"n": 1, "what": Message("toc")}, "vi")
    {'n': 1, 'what': 'Mục lục'}
    """
    return {key: localize(value, lang) for key, value in params.items()}
