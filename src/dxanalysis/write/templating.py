"""The Jinja2 environments of the package's templates, one per language, and the list joining they share.

Templates live in ``write/templates/`` (``html/`` for the page's sections and
the index, ``text/`` for the sentences); every word in them comes from the
message catalogs through Jinja2's i18n extension.
"""

from __future__ import annotations

from functools import lru_cache

import jinja2

from dxanalysis.i18n import gettext, ngettext


def join_and(items: list[str] | tuple[str, ...], lang: str = "vi") -> str:
    """Join a list as a sentence does: ``a, b và c`` / ``a, b and c``.

    >>> join_and(["các cấp", "các ngành", "các đơn vị viễn thông"])
    'các cấp, các ngành và các đơn vị viễn thông'
    >>> join_and(["a", "b"], "en")
    'a and b'
    """
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return gettext("join.and", lang, items=", ".join(items[:-1]), last=items[-1])


@lru_cache(maxsize=None)
def environment(lang: str = "vi") -> jinja2.Environment:
    """The Jinja2 environment of the package's templates in ``lang`` (HTML escaped, text not).

    One environment per language: Jinja2's i18n extension binds ``_``,
    ``gettext`` and ``ngettext`` to the language's catalog, so a template
    says ``{{ _("toc") }}`` and reads in the language it was loaded for.

    >>> environment("en").from_string('{{ _("toc") }}').render()
    'Contents'
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("dxanalysis.write", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    # Old-style callables: the catalog's messages use str.format fields, filled by dxanalysis.i18n.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda msgid, **params: gettext(msgid, lang, **params),
        lambda singular, plural, n, **params: ngettext(singular, plural, n, lang, **params),
        newstyle=False,
    )
    env.filters["join_and"] = lambda items: join_and(items, lang)
    return env


