"""Every word comes from the catalogs: complete in both languages, compiled, and chosen without branches."""

from __future__ import annotations

import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from dxanalysis.i18n import LANGS, LOCALE_DIR, gettext, ngettext, translations, using_lang

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dxanalysis"
CHECKOUT = PACKAGE.parents[1]
# The same extraction as `make messages` (babel.cfg and the Makefile's keywords).
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "N_plural": (1, 2), "Message": None}
METHOD_MAP = [("**.py", "python"), ("write/templates/**.j2", "jinja2")]
OPTIONS_MAP = {"write/templates/**.j2": {"extensions": "jinja2.ext.i18n"}}


def _po(lang: str):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "dxanalysis.po").open("rb") as handle:
        return read_po(handle, locale=lang)


@pytest.fixture(scope="module")
def extracted() -> dict[str, tuple[str, ...]]:
    """Every msgid the package uses -> the files using it (keyed by the singular msgid)."""
    found: dict[str, tuple[str, ...]] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
            str(PACKAGE), METHOD_MAP, OPTIONS_MAP, keywords=KEYWORDS):
        msgid = message[0] if isinstance(message, tuple) else message
        found[msgid] = (*found.get(msgid, ()), filename)
    return found


def test_babel_cfg_is_what_the_test_extracts_with():
    config = (CHECKOUT / "babel.cfg").read_text(encoding="utf-8")
    assert "[python: **.py]" in config and "[jinja2: write/templates/**.j2]" in config
    makefile = (CHECKOUT / "Makefile").read_text(encoding="utf-8")
    assert "-k N_ -k N_plural:1,2 -k Message" in makefile and "\nmessages:" in makefile


def test_extraction_finds_the_words_of_every_layer(extracted):
    files = {f for names in extracted.values() for f in names}
    for module in ("cli.py", "findings.py", "periods.py", "exceptions.py", "figures.py", "numerals.py",
                   "write/sections.py", "write/charts.py", "publish/report.py", "publish/batch.py",
                   "write/templates/text/sentences.j2", "write/templates/html/index.html.j2"):
        assert module in files, module
    assert len(extracted) > 250


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated_in_both_languages(extracted, lang):
    catalog = _po(lang)
    missing = sorted(m for m in extracted if m not in catalog)
    assert not missing, f"{lang}.po lacks {missing}: run `make messages` and translate them"
    untranslated, fuzzy = [], []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert not untranslated, f"untranslated in {lang}.po: {untranslated}"
    assert not fuzzy, f"fuzzy in {lang}.po (check the translation, then remove the flag): {fuzzy}"
    unused = sorted(str(m.id) for m in catalog if m.id and (m.id[0] if isinstance(m.id, tuple) else m.id)
                    not in extracted)
    assert not unused, f"{lang}.po holds messages the code no longer uses: {unused}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_translation_is_a_format_string(lang):
    for message in _po(lang):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            list(string.Formatter().parse(text))  # raises on a stray "{" or "}"


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogs_are_up_to_date(lang):
    directory = LOCALE_DIR / lang / "LC_MESSAGES"
    compiled = io.BytesIO()
    write_mo(compiled, _po(lang))
    assert (directory / "dxanalysis.mo").read_bytes() == compiled.getvalue(), \
        f"{lang}: dxanalysis.mo is stale; run `make messages`"


def test_plural_forms():
    assert (_po("vi").num_plurals, _po("en").num_plurals) == (1, 2)
    assert [ngettext("cli.errors.one", "cli.errors.other", n, "en") for n in (0, 1, 2)] == [
        "0 errors", "1 error", "2 errors"]
    assert [ngettext("cli.errors.one", "cli.errors.other", n, "vi") for n in (1, 2)] == ["1 lỗi", "2 lỗi"]
    assert ngettext("errors_banner.one", "errors_banner.other", 1, "en").startswith("1 error in")


def test_a_message_reads_in_the_current_language_when_no_language_is_given():
    import contextvars

    from dxanalysis.exceptions import InputValueError
    from dxanalysis.periods import parse_period

    def fresh() -> tuple[str, str]:  # what code sees where nobody set a language: Vietnamese
        try:
            parse_period("2022-H3")
        except InputValueError as err:
            return gettext("toc"), str(err)
        raise AssertionError("2022-H3 is not a period")

    toc, error = contextvars.Context().run(fresh)
    assert toc == "Mục lục" and error.startswith("Cần một kỳ như")
    with using_lang("vi"):
        assert gettext("toc") == "Mục lục" and gettext("toc", "en") == "Contents"
    assert translations("en") is translations("en")  # loaded once


def test_each_language_has_its_own_template_environment():
    from dxanalysis.write.narrative import environment

    assert environment("vi") is not environment("en")
    template = '{{ _("col.target") }} / {{ ngettext("cli.errors.one", "cli.errors.other", 2) }}'
    assert environment("vi").from_string(template).render() == "Chỉ tiêu giao / 2 lỗi"
    assert environment("en").from_string(template).render() == "Target / 2 errors"


def test_no_language_branch_is_left_in_the_code():
    branch = re.compile(r"""\blang\s*[!=]=\s*["']""")
    offenders = [f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
                 for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.j2")])
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if branch.search(line)]
    assert not offenders, "words belong in the catalogs, not in branches:\n" + "\n".join(offenders)


def test_the_labels_module_is_gone():
    assert not (PACKAGE / "labels.py").exists()
    assert not (PACKAGE / "write" / "templates" / "text" / "vi.j2").exists()


# ------------------------------------------------------------------ the command line's language


@pytest.fixture
def no_locale(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("DXANALYSIS_DEBUG", raising=False)


def _validate(tmp_path, capsys, *options: str) -> str:
    from dxanalysis.cli import main

    assert main([*options, "validate", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_the_command_speaks_vietnamese_by_default(tmp_path, capsys, no_locale, monkeypatch):
    assert "không tìm thấy" in _validate(tmp_path, capsys)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "không tìm thấy" in _validate(tmp_path, capsys)


def test_the_command_speaks_english_when_asked(tmp_path, capsys, no_locale, monkeypatch):
    from dxanalysis.i18n import current_lang

    before = current_lang()
    assert "no <unit>/<period>/indicators.csv" in _validate(tmp_path, capsys, "--lang", "en")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "no <unit>/<period>/indicators.csv" in _validate(tmp_path, capsys)
    assert "không tìm thấy" in _validate(tmp_path, capsys, "--lang", "vi")  # the option wins over the locale
    monkeypatch.setenv("LC_ALL", "vi_VN.UTF-8")
    assert "không tìm thấy" in _validate(tmp_path, capsys)
    assert current_lang() == before  # the command's language does not outlive the command


def test_validate_prints_findings_in_the_command_language(make_data, tmp_path, capsys, no_locale):
    from dxanalysis.cli import main

    raw = make_data("Chỉ tiêu,Tử số,Mẫu số\nsoc.stem_school_rate,34,11\n")
    assert main(["validate", str(raw)]) == 1
    vietnamese = capsys.readouterr().out
    assert "LỖI" in vietnamese and "Tử số 34 lớn hơn mẫu số 11" in vietnamese and "1 lỗi" in vietnamese
    assert main(["--lang", "en", "validate", str(raw)]) == 1
    english = capsys.readouterr().out
    assert "ERROR" in english and "Numerator 34 is larger than denominator 11" in english and "1 error," in english


def test_errors_raised_deep_in_a_reader_read_in_the_command_language(tmp_path, capsys, no_locale):
    from dxanalysis.cli import main

    args = ["report", "--unit", "hong-ngu", "--period", "2022-H9", "--data-dir", str(tmp_path)]
    (tmp_path / "units.csv").write_text("slug,name_vi\nhong-ngu,huyện Hồng Ngự\n", encoding="utf-8")
    assert main(args) == 2
    assert "lỗi: " in capsys.readouterr().err
    assert main(["--lang", "en", *args]) == 2
    assert "error: " in capsys.readouterr().err


def test_the_installed_command_follows_the_locale(tmp_path):
    import os
    import subprocess
    import sys

    def run(*args: str, **env: str) -> str:
        clean = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "DXANALYSIS_DEBUG")}
        result = subprocess.run([sys.executable, "-m", "dxanalysis", *args, "validate", str(tmp_path)],
                                capture_output=True, text=True, env={**clean, **env}, timeout=120)
        assert result.returncode == 2
        return result.stderr

    assert "không tìm thấy" in run(LANG="C.UTF-8")
    assert "no <unit>/<period>/indicators.csv" in run(LANG="en_US.UTF-8")
    assert "không tìm thấy" in run("--lang", "vi", LANG="en_US.UTF-8")


def test_errors_are_worded_by_the_catalogs():
    """No error a person reads is built from an English literal: its words are catalog messages."""
    import ast

    from dxanalysis.config import PACKAGE_DIR

    first_free = {"InputFileError": 1, "InputValueError": 1}  # path, or the value as typed, comes first
    literal = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if not name.endswith("Error") or name in ("ValueError", "TypeError", "KeyError", "AttributeError",
                                                       "ArgumentTypeError"):  # bugs, and argparse's own words
                continue
            for arg in node.args[first_free.get(name, 0):]:
                if isinstance(arg, ast.JoinedStr) or (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    literal.append(f"{path.relative_to(PACKAGE_DIR)}:{node.lineno}")
    assert not literal, literal


def test_every_key_the_code_names_is_in_both_catalogs():
    """Babel does not see a key nested inside another message's parameters; this scan does."""
    import re

    from babel.messages.pofile import read_po

    from dxanalysis.config import PACKAGE_DIR

    used = set()
    for path in PACKAGE_DIR.rglob("*"):
        if path.suffix in (".py", ".j2"):
            text = path.read_text(encoding="utf-8")
            used |= set(re.findall(r'(?:Message|N_|gettext|ngettext|N_plural|_)\(\s*"([a-z_]+\.[a-z0-9_.]+)"', text))
    used -= {"a.one", "a.other", "status.met"} - {"status.met"}  # the i18n module's own doctest keys
    for lang in ("vi", "en"):
        catalog = read_po((PACKAGE_DIR / "locale" / lang / "LC_MESSAGES" / "dxanalysis.po").open("rb"))
        known = {i for m in catalog if m.id for i in ([m.id] if isinstance(m.id, str) else m.id)}
        assert used <= known, (lang, sorted(used - known))
