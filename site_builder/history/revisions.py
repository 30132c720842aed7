"""Read the catalogue as it was at a git revision (into a temporary folder, then load it)."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..diagnostics import ThutucError


class GitError(ThutucError):
    """git is missing, the folder is not a repository, or a revision does not exist."""


def git(repo: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise GitError("Không tìm thấy lệnh git trên máy.") from exc
    if result.returncode != 0:
        raise GitError(f"git {' '.join(args)}: {result.stderr.strip() or 'lỗi không rõ'}")
    return result.stdout


def repo_root(path: Path) -> Path:
    """The top folder of the git repository holding `path`."""
    if not path.is_dir():
        raise GitError(
            f"Không có thư mục danh mục {path}: chạy lệnh trong thư mục dự án, hoặc chỉ rõ --catalogue."
        )
    try:
        return Path(git(path, "rev-parse", "--show-toplevel").strip())
    except GitError as exc:
        raise GitError(
            f"Thư mục {path} không nằm trong một kho git: so sánh phiên bản cần git ({exc})."
        ) from exc


@contextmanager
def catalogue_at(repo: Path, revision: str, catalogue: str) -> Iterator[Path]:
    """The catalogue folder as it was at `revision`, materialised in a temporary folder."""
    try:
        git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except GitError as exc:
        raise GitError(
            f"Không có phiên bản «{revision}» trong kho git {repo}: xem các phiên bản bằng «git log --oneline» "
            "rồi ghi mã commit, tên nhánh (ví dụ main) hoặc HEAD~1."
        ) from exc
    names = [
        n for n in git(repo, "ls-tree", "-r", "--name-only", revision, "--", catalogue).splitlines() if n
    ]
    with tempfile.TemporaryDirectory(prefix="thutuc-rev-") as tmp:
        root = Path(tmp) / "catalogue"
        root.mkdir()
        if names:
            # One `git cat-file --batch` for all blobs: a process per file is slow at 2,000 files.
            request = "".join(f"{revision}:{name}\n" for name in names).encode()
            output = subprocess.run(
                ["git", "-C", str(repo), "cat-file", "--batch"],
                input=request,
                capture_output=True,
                check=True,
            ).stdout
            position = 0
            for name in names:
                header_end = output.index(b"\n", position)
                size = int(output[position:header_end].split()[2])
                body = output[header_end + 1 : header_end + 1 + size]
                position = header_end + 1 + size + 1
                target = root / Path(name).relative_to(catalogue)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(body)
        yield root
