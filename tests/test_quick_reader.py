"""The quick reader (readers/yaml_quick.py) builds exactly the values the careful reader builds, and leaves
every file the careful reader has something to say about to it; what the store keeps of a procedure is the
very procedure the checks validated; reading split over processes finds what one process finds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from conftest import FIXTURE_CATALOGUE, ROOT, TODAY

from site_builder import check_store, parallel, per_file
from site_builder.model import Procedure
from site_builder.readers.yaml_reader import SourceFile, parse_yaml

T = TypeVar("T")
U = TypeVar("U")
EVERY_YAML = sorted(
    path
    for folder in (ROOT / "tests", ROOT / "procedures")
    for path in folder.rglob("*.yml")
    if path.is_file()
)


def both(text: str | bytes) -> tuple[SourceFile, SourceFile]:
    raw = text.encode() if isinstance(text, str) else text
    return parse_yaml(raw, Path("t.yml")), parse_yaml(raw, Path("t.yml"), positions=True)


def assert_same(quick: SourceFile, careful: SourceFile) -> None:
    # repr tells 1 from 1.0 and True, and a date from a datetime.
    assert repr(quick.data) == repr(careful.data)
    assert quick.problems == careful.problems
    quick.positions()
    assert (quick.marks, quick.key_marks, quick.plain_text) == (
        careful.marks,
        careful.key_marks,
        careful.plain_text,
    )


@pytest.mark.parametrize("path", EVERY_YAML, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_of_the_tests_and_the_sample_reads_the_same_both_ways(path: Path) -> None:
    assert_same(*both(path.read_bytes()))


CLEAN = [
    "a: 1\nb: 1.5\nc: yes\nd: ~\ne: 2026-11-26\nf: 2026-11-26 10:00:00+07:00\ng: '1'\nh: 0x1F\ni: 1_000\nj: 1:30\n",
    "k: .inf\nl: -.NaN\nm: null\nn: False\no: 012\np: +12\nq: ''\nr:\ns: 'CẦN'\n",
    "list: [1, 'a', b, {c: d}, [e]]\nnested:\n  - x: 1\n    y: [2, 3]\n  - - a\n    - b\n",
    'text: |\n  dòng một\n  dòng hai\nfolded: >-\n  một\n  hai\nquoted: "a\\tb\\u00e9"\n',
    # Decomposed Vietnamese letters (NFD) in keys and values are composed (NFC) both ways.
    "te\u0302\u0301n: Tha\u0302\u0300nh pho\u0302\u0301\n",
    "---\nid: a\n...\n",
    "%YAML 1.1\n---\nid: a\n",
    "'quoted key': 1\n\"1\": 2\n",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_files_are_read_quickly_and_the_same(text: str) -> None:
    quick, careful = both(text)
    assert quick.unmarked, "the quick reader gave up on a clean file"
    assert not careful.problems
    assert_same(quick, careful)


CAREFUL = [
    "",
    "# only a comment\n",
    "- a\n- b\n",
    "just text\n",
    "a: 1\n---\nb: 2\n",
    "a: 1\na: 2\n",
    "a:\n  b: 1\n  b: 2\n",
    "t\u00ean: 1\nte\u0302n: 2\n",
    "a: !!python/object:os.system x\n",
    "a: !include other.yml\n",
    "a: !!str 1\n",
    "a: !!map {b: 1}\n",
    "a: !!seq [1]\n",
    "base: &b {x: 1}\nother:\n  <<: *b\n",
    "'<<': 1\n",
    "? [a]\n: 1\n",
    "1: one\n",
    "true: yes\n",
    "~: nothing\n",
    "a: =\n",
    "a: <<\n",
    "d: 2026-02-30\n",
    "name: «CẦN ĐIỀN: tên thủ tục»\n",
    "a: &x 1\nb: *x\n",
    "a: *nowhere\n",
    "a: [1, 2\n",
    "a: 'unclosed\n",
    "a:\n\t- b\n",
    "a: " + "[" * 45 + "]" * 45 + "\n",
    "a: " + "[1, " * 38 + "1" + "]" * 38 + "\n",
    "a: [" + ", ".join(["1"] * 100_001) + "]\n",
]


@pytest.mark.parametrize("text", CAREFUL, ids=range(len(CAREFUL)))
def test_what_the_careful_reader_reports_is_left_to_it(text: str) -> None:
    quick, careful = both(text)
    assert_same(quick, careful)
    if careful.problems or careful.data is None:
        assert not quick.unmarked


def _valid_procedures() -> list[Path]:
    return [
        path for folder in (FIXTURE_CATALOGUE, ROOT / "procedures") for path in sorted(folder.glob("*.yml"))
    ]


@pytest.mark.parametrize("path", _valid_procedures(), ids=lambda p: p.name)
def test_the_store_gives_back_the_very_procedure_that_was_checked(path: Path) -> None:
    today = dt.date.fromisoformat(TODAY)
    raw = path.read_bytes()
    checked = per_file.check_file(path, raw, today, 12)
    digest = checked.source.digest
    assert checked.procedure is not None and digest is not None
    kept = check_store.decode(path, digest, check_store.encode(path.name, digest, checked))
    assert kept is not None and kept.procedure is not None
    assert kept.procedure == checked.procedure
    assert kept.procedure.model_dump() == checked.procedure.model_dump()
    # What was written in the file, not the defaults, is what the rest of thutuc may ask for.
    assert kept.procedure.model_dump(exclude_unset=True) == checked.procedure.model_dump(exclude_unset=True)
    assert (kept.found, kept.dated, kept.references) == (checked.found, checked.dated, checked.references)
    assert kept.source.problems == checked.source.problems and kept.source.digest == digest
    assert isinstance(kept.procedure, Procedure)


def test_reading_split_over_processes_finds_what_one_process_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers send each file's results back as store entries: read back, they are what one process found."""
    monkeypatch.setenv("THUTUC_CACHE_DIR", "")
    # Not THUTUC_JOBS: with the session's browser and test server threads alive, `ways` says 1.
    monkeypatch.setattr(parallel, "ways", lambda: 2)
    folder = tmp_path / "procedures"
    folder.mkdir()
    for path in [*FIXTURE_CATALOGUE.glob("*.yml"), *(ROOT / "tests" / "fixtures" / "broken").glob("*.yml")]:
        (folder / path.name).write_bytes(path.read_bytes())
    paths = sorted(folder.glob("*.yml"))
    today = dt.date.fromisoformat(TODAY)
    monkeypatch.setattr(per_file, "PARALLEL_FROM", 10**9)
    alone = per_file.read_all(paths, today, 12)
    monkeypatch.setattr(per_file, "PARALLEL_FROM", 1)
    monkeypatch.setattr(per_file, "READ_PART", 7)
    forked: list[int] = []
    real = parallel.map_parts

    def spy(work: Callable[[int, int], T], count: int, parts: int, each: Callable[[T], U]) -> list[U]:
        forked.append(count)
        return real(work, count, parts, each)

    monkeypatch.setattr(parallel, "map_parts", spy)
    split = per_file.read_all(paths, today, 12)
    assert forked == [2]
    assert len(split) == len(alone) == len(paths)
    for one, other in zip(alone, split, strict=True):
        assert one[0] == other[0] and one[2] == other[2] and one[3] == other[3] and one[4] == other[4]
        assert one[1].problems == other[1].problems and one[1].digest == other[1].digest
