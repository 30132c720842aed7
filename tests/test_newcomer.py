"""What a newcomer trips over (issue 16): each test is one slip an editor made, and what they see now."""

from __future__ import annotations

from pathlib import Path

from conftest import run_thutuc


def _new(catalogue: Path, *args: str) -> tuple[int, str]:
    base = {"--name": "Cấp giấy phép thử", "--field": "ho-tich", "--agency": "ubnd-xa"}
    base |= {"--level": "xã", "--audience": "cong-dan"}
    given = dict(zip(args[::2], args[1::2], strict=True))
    flat = [part for item in (base | given).items() for part in item]
    result = run_thutuc("new", "--catalogue", str(catalogue), *flat)
    return result.returncode, result.stdout + result.stderr


def test_new_refuses_an_unknown_field_and_lists_the_known_ones(catalogue: Path) -> None:
    code, output = _new(catalogue, "--field", "ho-tic")
    assert code == 2  # a usage error: the answer is refused where it is given
    assert "Lĩnh vực «ho-tic» không có trong _registry/fields.yml" in output
    assert "Có phải ý bạn là «ho-tich»?" in output
    assert "ho-tich — Hộ tịch" in output and "ly-lich-tu-phap — Lý lịch tư pháp" in output
    assert not (catalogue / "cap-giay-phep-thu.yml").exists()


def test_new_refuses_an_unknown_agency_and_audience(catalogue: Path) -> None:
    code, output = _new(catalogue, "--agency", "so-tu-phap-ls")
    assert code == 2 and "Cơ quan «so-tu-phap-ls» không có trong _registry/agencies.yml" in output
    assert "so-tu-phap — " in output
    code, output = _new(catalogue, "--audience", "cong-dan-viet-nam")
    assert code == 2 and "Đối tượng «cong-dan-viet-nam» không có" in output and "cong-dan — " in output


def test_new_takes_the_level_in_vietnamese(catalogue: Path) -> None:
    for typed, level, name in (("xã", "commune", "Thủ tục một"), ("Tỉnh", "province", "Thủ tục hai")):
        code, output = _new(catalogue, "--level", typed, "--name", name)
        assert code == 0, output
        written = next(catalogue.glob(f"thu-tuc-{'mot' if level == 'commune' else 'hai'}.yml"))
        assert f"level: {level}" in written.read_text(encoding="utf-8")
    code, output = _new(catalogue, "--level", "huyện", "--name", "Thủ tục ba")
    assert code == 2 and "gõ «tỉnh» hoặc «xã»" in output


def test_the_readme_lists_every_command_of_the_tool() -> None:
    """The README's command table is where a newcomer looks first: every command of `thutuc -h` is in it."""
    from conftest import ROOT

    from site_builder.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = [line for line in readme.splitlines() if line.startswith("| `thutuc ")]
    listed = {line.split("`")[1].split()[1] for line in table}
    assert listed == set(main.commands), sorted(set(main.commands) ^ listed)
