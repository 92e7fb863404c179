"""The real command, run as a subprocess, on good and broken inputs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import tree_digest

# These tests read the command's English; it speaks Vietnamese unless told (see test_i18n.py).
COMMAND = [sys.executable, "-m", "dxanalysis", "--lang", "en"]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DXANALYSIS_DEBUG"}
    return subprocess.run([*COMMAND, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


BROKEN = [  # (file content, row, column, value as typed, fragments of the problem and its fix)
    ("unknown indicator", "Chỉ tiêu,Giá trị\nTỷ lệ abc xyz,5%\n",
     2, "Chỉ tiêu", "Tỷ lệ abc xyz", ["is not an indicator of the catalog", "closest:"]),
    ("unparseable number", "Chỉ tiêu,Tử số,Mẫu số\nsoc.stem_school_rate,9.47,15.684\n",
     2, "Tử số", "9.47", ["written the 'vi' way", "Did you mean 947 or 9,47?"]),
    ("numerator above denominator", "Chỉ tiêu,Tử số,Mẫu số\nsoc.stem_school_rate,34,11\n",
     2, "Tử số", "34", ["Numerator 34 is larger than denominator 11", "swapped"]),
    ("duplicate indicator", "Chỉ tiêu,Giá trị\nsoc.stem_school_rate,5%\nTỷ lệ trường áp dụng mô hình giáo dục STEM,6%\n",
     3, "Chỉ tiêu", "Tỷ lệ trường á", ["appears twice (first at row 2)"]),
    ("missing column", "Chỉ tiêu,Ghi chú\nsoc.stem_school_rate,x\n",
     1, "", "", ["required column", "'Giá trị' (value) or 'Tử số'/'Mẫu số'"]),
]


@pytest.mark.parametrize("case, content, row, column, value, expected", BROKEN, ids=[b[0] for b in BROKEN])
@pytest.mark.parametrize("command", ["validate", "report"])
def test_broken_input_is_explained_without_traceback(tmp_path, make_data, case, content, row, column, value,
                                                      expected, command):
    raw = make_data(content)
    before = tree_digest(raw)
    args = ["validate", str(raw)] if command == "validate" else [
        "report", "--unit", "hong-ngu", "--period", "2022-H1", "--data-dir", str(raw),
        "--reports-dir", str(tmp_path / "reports")]
    result = run(*args, cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "\nraw/hong-ngu/2022-H1/indicators.csv\n" in output  # the file, relative to where the command runs
    line = re.search(rf"^  ERROR +{row}  {re.escape(column)} +(.*)$", output, re.MULTILINE)
    assert line, output
    if value:
        assert line.group(1).startswith(repr(value)[:-1])  # the value as typed (long ones are cut)
    flat = " ".join(output.split())
    for fragment in expected:
        assert fragment in flat
    assert re.search(r"\d+ input rows? not used:", output)
    assert tree_digest(raw) == before
    assert not (tmp_path / "reports").exists()


@pytest.mark.parametrize("args, message", [
    (["report", "--unit", "sa-dec", "--period", "2022-H1"], "Unknown unit 'sa-dec'"),
    (["report", "--unit", "hong-ngu", "--period", "2022-H3"], "expected a period such as '2022-H1'"),
    (["report", "--unit", "hong-ngu", "--period", "2023-H1"], "Available periods for 'hong-ngu': 2022-H1"),
])
def test_structural_problems_exit_2_with_a_message(tmp_path, make_data, args, message):
    raw = make_data("Chỉ tiêu,Giá trị\nsoc.stem_school_rate,5%\n")
    result = run(*args, "--data-dir", str(raw), cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_validate_and_clean_on_the_example(tmp_path):
    from dxanalysis.config import EXAMPLE_DATA_DIR

    raw = tmp_path / "data" / "raw"
    shutil.copytree(EXAMPLE_DATA_DIR, raw)
    before = tree_digest(raw)
    result = run("validate", "--csv", str(tmp_path / "findings.csv"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    folders = {p.parent for p in (*raw.glob("*/*/indicators.*"), *raw.glob("*/*/forms"))}
    assert f"Checked {len(folders)} unit × period folders" in result.stdout and "No errors." in result.stdout
    lines = [line for line in result.stdout.splitlines() if line.startswith(("ERROR", "WARNING", "NOTE"))]
    assert len(lines) == len(set(lines))  # each problem once, though several reviews read the same file
    assert (tmp_path / "findings.csv").read_text(encoding="utf-8").startswith("severity,code,path")
    result = run("clean", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    observations = (tmp_path / "data" / "processed" / "observations.csv").read_text(encoding="utf-8")
    assert "gov.online_dossier_rate" in observations and "hong-ngu,2022-H1" in observations
    assert tree_digest(raw) == before


def test_report_command_writes_the_page(tmp_path):
    from dxanalysis.config import EXAMPLE_DATA_DIR

    shutil.copytree(EXAMPLE_DATA_DIR, tmp_path / "data" / "raw")
    result = run("report", "--unit", "hong-ngu", "--period", "2022-H1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = tmp_path / "reports" / "hong-ngu" / "2022-H1" / "review.html"
    assert f"Wrote {page.relative_to(tmp_path)}" in result.stdout
    assert "60,41%" in page.read_text(encoding="utf-8")
    assert result.stderr == ""  # piped, as into a log: no steps, no progress bar


def test_a_single_report_shows_its_steps_on_a_terminal(tmp_path):
    import pty

    from dxanalysis.config import EXAMPLE_DATA_DIR

    shutil.copytree(EXAMPLE_DATA_DIR, tmp_path / "data" / "raw")
    terminal, stderr = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "DXANALYSIS_DEBUG"}
    process = subprocess.Popen([*COMMAND, "report", "--unit", "hong-ngu", "--period", "2022-H1"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=stderr, text=True, env=env)
    os.close(stderr)
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # the command closed its end (Linux says EIO)
            break
        if not chunk:
            break
        shown += chunk
    os.close(terminal)
    assert process.wait(timeout=300) == 0 and "Wrote reports" in process.stdout.read()
    lines = shown.decode("utf-8").splitlines()
    assert lines[:3] == ["[1/4] Reading and checking the data of hong-ngu 2022-H1…",
                         "[2/4] Running the report notebook (papermill)…", "[3/4] Exporting the HTML page…"]
    assert re.fullmatch(r"\[4/4\] Done in \d+(\.\d)? s\.", lines[3]) and len(lines) == 4


def test_folders_no_review_would_read_are_reported(tmp_path, make_data):
    raw = make_data("Chỉ tiêu,Giá trị\nsoc.stem_school_rate,5%\n")
    (raw / "hong-ngu" / "2022-H3").mkdir()
    (raw / "hong-ngu" / "2022-H3" / "indicators.csv").write_text("Chỉ tiêu,Giá trị\nx,1\n", encoding="utf-8")
    (raw / "sa-dec" / "2022-H1").mkdir(parents=True)
    (raw / "sa-dec" / "2022-H1" / "indicators.csv").write_text("Chỉ tiêu,Giá trị\nx,1\n", encoding="utf-8")
    result = run("validate", str(raw), cwd=tmp_path)
    assert result.returncode == 1
    assert "hong-ngu/2022-H3: not read — '2022-H3' is not a period" in result.stderr
    assert "Unknown unit 'sa-dec'" in result.stderr
    assert sum("sa-dec" in line for line in result.stderr.splitlines()) == 1  # reported once


def test_a_broken_earlier_period_does_not_hide_a_later_periods_own_findings(tmp_path, make_data):
    make_data("STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,60%\n", period="2021-H1")
    data = make_data("STT,Chỉ tiêu,Tử số,Mẫu số\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,9.47,15.684\n", period="2022-H1")
    (data / "hong-ngu" / "2021-H1" / "indicators.csv").write_bytes(b"\x00\x01garbage")  # unreadable
    result = run("--lang", "en", "validate", str(data), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("2021-H1") == 1  # the broken file is said once
    assert "'9.47'" in result.stdout  # and the later period's own error is still listed


def test_report_takes_the_period_as_a_review_writes_it(tmp_path, make_data):
    raw = make_data("STT,Chỉ tiêu,Giá trị,Chỉ tiêu giao\n1,soc.stem_school_rate,32%,15%\n", period="2023-9M")
    result = run("report", "--unit", "hong-ngu", "--period", "9 tháng đầu năm 2023", "--data-dir", str(raw),
                 "--reports-dir", str(tmp_path / "reports"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "reports" / "hong-ngu" / "2023-9M" / "review.html").read_text(encoding="utf-8")
    assert "9 tháng đầu năm 2023" in page and "năm 2023" not in page.replace("9 tháng đầu năm 2023", "")


@pytest.mark.parametrize("period", ["tính đến ngày 15/11/2022", "2022-11-15", "as of 15 November 2022"])
def test_every_spelling_of_a_period_finds_the_same_folder(tmp_path, make_data, period):
    raw = make_data("Chỉ tiêu,Giá trị\nsoc.stem_school_rate,5%\n")
    result = run("report", "--unit", "hong-ngu", "--period", period, "--data-dir", str(raw), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "hong-ngu/2022-11-15" in result.stderr and "Available periods for 'hong-ngu': 2022-H1" in result.stderr


@pytest.mark.parametrize("period", ["2022-H3", "9 tháng cuối năm 2023", "tính đến ngày 31/02/2022"])
def test_an_unreadable_period_is_one_line_listing_the_forms(tmp_path, make_data, period):
    raw = make_data("Chỉ tiêu,Giá trị\nsoc.stem_school_rate,5%\n")
    result = run("report", "--unit", "hong-ngu", "--period", period, "--data-dir", str(raw), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: --period: expected a period such as '2022-H1'") and repr(period) in line
    assert "'2023-9M'" in line and "'tính đến ngày 15/11/2022'" in line


# ------------------------------------------------------------------ version, help, exit statuses, bugs


def test_version_is_the_installed_packages():
    from dxanalysis.provenance import package_version

    result = run("--version", cwd=Path.cwd())
    assert result.returncode == 0 and result.stdout.strip() == f"dxanalysis {package_version()}"


def test_the_version_falls_back_to_the_packages_own(monkeypatch):
    import dxanalysis
    from dxanalysis import cli

    monkeypatch.setattr(cli, "package_version", lambda: "unknown")  # a bare source tree
    assert cli.version_text() == "unknown"
    monkeypatch.setattr(dxanalysis, "__version__", "9.8.7", raising=False)
    assert cli.version_text() == "9.8.7"


def test_help_is_plain_text_with_every_command_examples_and_exit_statuses():
    from dxanalysis.cli import EXIT_CODES

    result = run("--help", cwd=Path.cwd())
    assert result.returncode == 0
    text = result.stdout
    assert "``" not in text and ":func:" not in text  # no reStructuredText
    for command in ("report", "validate", "new-period", "clean", "catalog"):
        assert re.search(rf"^    {command}\s", text, re.MULTILINE), command
    assert "examples:\n  dxanalysis validate\n" in text
    assert "dxanalysis report --unit hong-ngu --period 2022-H1" in text
    listed = re.findall(r"^  (\d+) +\S", text.split("exit status:", 1)[1], re.MULTILINE)
    assert listed == [str(code) for code, _ in EXIT_CODES] == ["0", "1", "2", "70", "130"]
    assert max(len(line) for line in text.split("examples:", 1)[1].splitlines()) <= 79  # wrapped, as argparse's


@pytest.mark.parametrize("lang, words", [("vi", "mã thoát:"), ("en", "exit status:")])
@pytest.mark.parametrize("command", [[], ["report"], ["validate"], ["new-period"], ["clean"], ["catalog"]])
def test_every_help_reads_in_the_command_language(capsys, lang, words, command):
    from dxanalysis.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["--lang", lang, *command, "--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    assert "--debug" in text
    assert (words in text) == (not command)  # the exit statuses are the top-level help's


def test_a_usage_error_exits_2_as_argparse_does(capsys):
    from dxanalysis.cli import EXIT_FAILURE, main

    with pytest.raises(SystemExit) as exited:
        main(["--lang", "en", "frobnicate"])
    assert exited.value.code == EXIT_FAILURE == 2 and "invalid choice" in capsys.readouterr().err


@pytest.fixture
def a_bug(monkeypatch):
    """An exception no input explains, raised where validate looks for its folders."""
    import dxanalysis.read.folders

    def broken(*args, **kwargs):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(dxanalysis.read.folders, "find_period_folders", broken)
    monkeypatch.delenv("DXANALYSIS_DEBUG", raising=False)


def test_an_unexpected_error_is_one_line_with_its_own_status(tmp_path, capsys, a_bug):
    from dxanalysis.cli import EXIT_INTERNAL_ERROR, main

    assert main(["--lang", "en", "validate", str(tmp_path)]) == EXIT_INTERNAL_ERROR == 70
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("internal error in dxanalysis (ZeroDivisionError: float division by zero)")
    assert "--debug" in line and "Traceback" not in line
    assert main(["validate", str(tmp_path)]) == 70  # in Vietnamese, from the catalog too
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("lỗi nội bộ của dxanalysis (ZeroDivisionError") and "--debug" in line


@pytest.mark.parametrize("argv", [["--debug", "--lang", "en", "validate"], ["--lang", "en", "validate", "--debug"]])
def test_debug_shows_the_traceback_and_keeps_the_status(tmp_path, capsys, a_bug, argv):
    from dxanalysis.cli import main

    assert main([*argv, str(tmp_path)]) == 70
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):") and "in broken" in err
    assert err.strip().splitlines()[-1].startswith("internal error in dxanalysis (ZeroDivisionError")


def test_debug_shows_the_traceback_of_an_input_error_too(tmp_path, make_data, capsys, monkeypatch):
    from dxanalysis.cli import main

    monkeypatch.delenv("DXANALYSIS_DEBUG", raising=False)
    raw = make_data("Chỉ tiêu,Giá trị\nsoc.stem_school_rate,5%\n")
    args = ["report", "--unit", "sa-dec", "--period", "2022-H1", "--data-dir", str(raw)]
    assert main(["--lang", "en", *args]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert main(["--lang", "en", "--debug", *args]) == 2
    err = capsys.readouterr().err
    assert "Traceback" in err and "UnknownUnitError" in err and "Unknown unit 'sa-dec'" in err.splitlines()[-1]
