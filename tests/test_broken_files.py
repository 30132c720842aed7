"""The broken-file corpus: every way an editor can break a file, and what `thutuc check` must say.

Each file in tests/fixtures/broken/ starts with a fixed five-line header (see the README there):

    # case: what is wrong, in one line
    # install: where the file goes inside a copy of tests/fixtures/catalogue
    # expect: CODE LINE FIELD ; CODE LINE FIELD …   (or `none`; FIELD `-` means no field)
    # args: extra arguments for `thutuc check` (may be empty)
    # contains: text that must appear in the output, several separated by ' ; ' (may be empty);
    #           an item starting with '!' must NOT appear

The file is installed verbatim, so line numbers count the header. Each case runs the real
console script in a subprocess and compares the text output line by line: every expected
finding must be there, and nothing else may be.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import TODAY

HERE = Path(__file__).parent
CATALOGUE = HERE / "fixtures" / "catalogue"
BROKEN = HERE / "fixtures" / "broken"
THUTUC = Path(sys.executable).parent / ("thutuc.exe" if sys.platform == "win32" else "thutuc")
HEADER = ("case", "install", "expect", "args", "contains")

VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
FINDING = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<code>[EW]\d{3}): (?P<rest>.*)$")
# A field path never holds a space; the "(Chi tiết: …)" tail of a syntax error always does.
FIELD_SUFFIX = re.compile(r" \((?P<field>[^\s()]+)\)$")

# Cases where the checker is wrong today. strict=True: the day it is fixed, the xfail
# turns into a failure and whoever fixed it deletes the entry.
KNOWN_BUGS: dict[str, str] = {}


@dataclass(frozen=True)
class Expected:
    code: str
    line: int
    field: str  # "" when the finding has no field


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    install: str
    expected: tuple[Expected, ...]
    args: tuple[str, ...]
    contains: tuple[str, ...]

    @property
    def exit_code(self) -> int:
        errors = any(e.code.startswith("E") for e in self.expected)
        warnings = any(e.code.startswith("W") for e in self.expected)
        return 1 if errors or ("--strict" in self.args and warnings) else 0


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    code: str
    field: str
    message: str
    text: str


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(" ; ") if part.strip()]


def _expectation(item: str, name: str) -> Expected:
    parts = item.split()
    if len(parts) != 3 or not re.fullmatch(r"[EW]\d{3}", parts[0]) or not parts[1].isdigit():
        raise ValueError(f"{name}: bad expectation {item!r}, want 'CODE LINE FIELD'")
    return Expected(parts[0], int(parts[1]), "" if parts[2] == "-" else parts[2])


def parse_case(path: Path) -> Case:
    lines = path.read_text(encoding="utf-8-sig").splitlines()[: len(HEADER)]
    values: dict[str, str] = {}
    for key, line in zip(HEADER, lines, strict=True):
        prefix = f"# {key}:"
        if not line.startswith(prefix):
            raise ValueError(f"{path.name}: header line {line!r} should start with {prefix!r}")
        values[key] = line.removeprefix(prefix).strip()
    expect = values["expect"]
    expected = () if expect == "none" else tuple(_expectation(i, path.name) for i in _split(expect))
    return Case(
        name=path.name,
        what=values["case"],
        install=values["install"] or path.name,
        expected=expected,
        args=tuple(values["args"].split()),
        contains=tuple(_split(values["contains"])),
    )


CASES = [parse_case(path) for path in sorted(BROKEN.glob("*.yml"))]


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[case.name])] if case.name in KNOWN_BUGS else []
    return pytest.param(case, id=case.name.removesuffix(".yml"), marks=marks)


# ----------------------------------------------------------------------------- helpers


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    root = tmp_path / "procedures"
    shutil.copytree(CATALOGUE, root)
    return root


def install(root: Path, relative: str, data: bytes) -> None:
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def run_check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert THUTUC.is_file(), f"console script not installed next to the interpreter: {THUTUC}"
    return subprocess.run(
        [str(THUTUC), "check", "--catalogue", str(root), "--today", TODAY, *args],
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def findings(stdout: str) -> list[Finding]:
    out = []
    for text in stdout.splitlines():
        match = FINDING.match(text)
        if match is None:
            continue
        rest = match["rest"]
        suffix = FIELD_SUFFIX.search(rest)
        out.append(
            Finding(
                file=match["file"],
                line=int(match["line"]),
                code=match["code"],
                field=suffix["field"] if suffix else "",
                message=rest[: suffix.start()] if suffix else rest,
                text=text,
            )
        )
    return out


def assert_findings(
    result: subprocess.CompletedProcess[str], expected: list[tuple[str, Expected]], exit_code: int
) -> None:
    """Every (file, expectation) is matched by exactly one output line, and no line is left over."""
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    found = findings(result.stdout)
    remaining = list(found)
    missing = []
    for file, want in expected:
        match = next(
            (
                f
                for f in remaining
                if f.file == file and f.line == want.line and f.code == want.code and f.field == want.field
            ),
            None,
        )
        if match is None:
            missing.append(f"{file}:{want.line}: {want.code} ({want.field or '-'})")
        else:
            remaining.remove(match)
    report = f"\nmissing: {missing}\nunexpected: {[f.text for f in remaining]}\noutput:\n{output}"
    assert not missing and not remaining, report
    for finding in found:
        assert VIETNAMESE.search(finding.message), f"message without Vietnamese text: {finding.text}"
        assert "«»" not in finding.message, f"message quotes an empty value: {finding.text}"
    assert result.returncode == exit_code, report


# ----------------------------------------------------------------------------- the corpus


def test_corpus_headers_are_consistent() -> None:
    assert len(CASES) >= 45
    assert len({c.name[:3] for c in CASES}) == len(CASES), "case numbers must be unique"
    assert set(KNOWN_BUGS) <= {c.name for c in CASES}, "KNOWN_BUGS names a case that does not exist"
    for case in CASES:
        assert re.fullmatch(r"\d{3}-[a-z0-9-]+\.yml", case.name), case.name
        assert case.what, f"{case.name}: empty '# case:'"
        length = len((BROKEN / case.name).read_bytes().splitlines())
        for want in case.expected:
            assert 1 <= want.line <= length, f"{case.name}: line {want.line} is outside the file"


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_broken_file(case: Case, catalogue: Path) -> None:
    if case.install == "dang-ky-khai-sinh.yml":
        # The case replaces the only procedure offering the fixture's form: left behind, the
        # form would be reported unused (W407) in every case.
        (catalogue / "_forms" / "to-khai-dang-ky-khai-sinh.pdf").unlink()
    install(catalogue, case.install, (BROKEN / case.name).read_bytes())
    result = run_check(catalogue, *case.args)
    assert_findings(result, [(case.install, e) for e in case.expected], case.exit_code)
    for text in case.contains:
        if text.startswith("!"):
            assert text[1:] not in result.stdout, f"{text[1:]!r} should not be in output:\n{result.stdout}"
        else:
            assert text in result.stdout, f"{text!r} not in output:\n{result.stdout}"


# ----------------------------------------------------------------------------- generated cases

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 stores it: precomposed vowels where they exist, tone marks apart."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
            out += (base + "".join(p for p in parts if p in _TONES)).encode("cp1258")
    return bytes(out)


def _procedure_text() -> str:
    return (CATALOGUE / "dang-ky-khai-sinh.yml").read_text(encoding="utf-8")


def _not_utf8_cases() -> list[object]:
    text = _procedure_text()
    first = next(i for i, line in enumerate(text.splitlines(), start=1) if not line.isascii())
    latin = "id: dang-ky-khai-sinh\nname: Café déjà vu\n"
    return [
        pytest.param(windows_1258(text), first, id="windows-1258"),
        pytest.param(latin.encode("latin-1"), 2, id="latin-1"),
    ]


@pytest.mark.parametrize(("data", "bad_line"), _not_utf8_cases())
def test_not_utf8(catalogue: Path, data: bytes, bad_line: int) -> None:
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    install(catalogue, "dang-ky-khai-sinh.yml", data)
    result = run_check(catalogue)
    assert_findings(result, [("dang-ky-khai-sinh.yml", Expected("E102", bad_line, ""))], 1)
    assert "UTF-8" in result.stdout


def test_five_megabyte_file(catalogue: Path) -> None:
    text = _procedure_text() + "notes: |\n" + ("  Dòng ghi chú rất dài được dán nhầm vào tệp.\n" * 110_000)
    data = text.encode("utf-8")
    assert len(data) > 5_000_000
    install(catalogue, "dang-ky-khai-sinh.yml", data)
    result = run_check(catalogue)
    assert_findings(result, [("dang-ky-khai-sinh.yml", Expected("E108", 1, ""))], 1)
    assert "MB" in result.stdout


@pytest.mark.parametrize("data", [b"", b"\n\n", b"   \n"], ids=["zero-bytes", "newlines", "spaces"])
def test_empty_file(catalogue: Path, data: bytes) -> None:
    install(catalogue, "dang-ky-khai-sinh.yml", data)
    result = run_check(catalogue)
    assert_findings(result, [("dang-ky-khai-sinh.yml", Expected("E109", 1, ""))], 1)


# ----------------------------------------------------------------------------- output formats

_CASE_BY_NAME = {c.name: c for c in CASES}
# Cases the checker gets right today, with findings in three different files.
_TRIO = ("030-bad-status.yml", "038-bad-email.yml", "047-missing-registry-field.yml")


def test_three_broken_files_in_one_run(catalogue: Path) -> None:
    expected: list[tuple[str, Expected]] = []
    installs = set()
    for name in _TRIO:
        case = _CASE_BY_NAME[name]
        installs.add(case.install)
        install(catalogue, case.install, (BROKEN / name).read_bytes())
        expected += [(case.install, e) for e in case.expected]
    assert len(installs) == len(_TRIO), "the three cases must go to three different files"
    result = run_check(catalogue)
    assert_findings(result, expected, 1)
    assert {f.file for f in findings(result.stdout)} == installs


def test_json_format(catalogue: Path) -> None:
    case = _CASE_BY_NAME["030-bad-status.yml"]
    install(catalogue, case.install, (BROKEN / case.name).read_bytes())
    result = run_check(catalogue, "--format", "json")
    assert result.returncode == 1, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert len(data) == len(case.expected) == 1
    item = data[0]
    assert set(item) == {"file", "line", "column", "code", "severity", "field", "message"}
    want = case.expected[0]
    assert (item["file"], item["line"], item["code"], item["field"]) == (
        case.install,
        want.line,
        want.code,
        want.field,
    )
    assert item["severity"] == "error"
    assert isinstance(item["column"], int) and item["column"] >= 1
    assert VIETNAMESE.search(item["message"])
    assert "Có phải ý bạn là «active»" in item["message"]  # not escaped: ensure_ascii=False


def test_github_format(catalogue: Path) -> None:
    case = _CASE_BY_NAME["030-bad-status.yml"]
    install(catalogue, case.install, (BROKEN / case.name).read_bytes())
    result = run_check(catalogue, "--format", "github")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    want = case.expected[0]
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith(f"::error file={case.install},line={want.line},col="), lines[0]
    assert f"title={want.code} {want.field}::" in lines[0]
    assert VIETNAMESE.search(lines[0].split("::", 2)[2])


def test_github_format_warning(catalogue: Path) -> None:
    case = _CASE_BY_NAME["101-no-officials.yml"]
    install(catalogue, case.install, (BROKEN / case.name).read_bytes())
    result = run_check(catalogue, "--format", "github")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("::warning file="), result.stdout
