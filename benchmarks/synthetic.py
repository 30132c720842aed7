"""A deterministic synthetic catalogue of N procedures, in the project's own YAML format.

Realistic in shape and size (about 3–4 KB of YAML and 40 keys per procedure, Vietnamese
text, several channels, fees, documents). The names are the real ones of the national list
exports (benchmarks/data/national-names.json, 610 names of 14 to 590 characters), each used
once before any is used again, so a catalogue has the real names' length distribution and
the words that search must tell apart. Everything else is invented, and the catalogue says so
(`sample: true` and its notice on every page). It is written to a folder of its own, never
into procedures/.

    python benchmarks/synthetic.py OUT_DIR --count 2000 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml
from national_names import load as national_names

_SYLLABLES = (
    "đăng ký cấp giấy phép chứng nhận xác nhận thay đổi bổ sung điều chỉnh gia hạn thu hồi hộ tịch "
    "khai sinh kết hôn thường trú tạm trú đất đai xây dựng nhà ở kinh doanh doanh nghiệp hợp tác xã "
    "lao động việc làm bảo trợ xã hội giáo dục y tế hành nghề dược môi trường nước tài nguyên rừng "
    "giống cây trồng thú y thủy sản văn hóa thể thao du lịch quảng cáo biểu diễn công thương rượu "
    "thuốc lá xăng dầu điện lực an toàn thực phẩm chứng thực bản sao chữ ký hợp đồng giao dịch"
).split()
_FIELDS = 40
_AGENCIES = 60
_LEVELS = ("province", "commune")
_UNITS = ("working_days", "working_days", "working_days", "days", "months")


def _phrase(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(low, high)))


def _sentence(rng: random.Random, low: int, high: int) -> str:
    text = _phrase(rng, low, high)
    return text[0].upper() + text[1:] + "."


def _registries(rng: random.Random) -> dict[str, dict[str, object]]:
    agencies = [
        {
            "id": f"co-quan-{i:03d}",
            "name": f"Cơ quan tổng hợp số {i} ({_phrase(rng, 2, 4)})",
            "level": _LEVELS[i % 2],
            "address": f"Số {i} đường tổng hợp, Lạng Sơn",
            "opening_hours": [
                {"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "07:30", "closes": "17:00"}
            ],
            "hotline": f"1900 {i:04d}",
            "email": f"co-quan-{i:03d}@example.org",
            "officials": [
                {
                    "id": f"can-bo-{i:03d}-{j}",
                    "name": f"Cán bộ tổng hợp {i}.{j}",
                    "position": f"Phó Thủ trưởng cơ quan số {i}",
                    "illustrative": True,
                }
                for j in range(2)
            ],
        }
        for i in range(_AGENCIES)
    ]
    return {
        "catalogue.yml": {
            "title": "Danh mục tổng hợp để đo hiệu năng",
            "publisher": "Bộ sinh dữ liệu tổng hợp",
            "province": "Lạng Sơn",
            "sample": True,
            "notice": "Dữ liệu tổng hợp, chỉ để đo hiệu năng.",
            "featured": [f"thu-tuc-tong-hop-{i:05d}" for i in range(8)],
            "feedback": {"agency": "co-quan-000"},
        },
        "agencies.yml": {"agencies": agencies},
        "fields.yml": {
            "fields": [{"id": f"linh-vuc-{i:02d}", "name": _phrase(rng, 2, 4)} for i in range(_FIELDS)]
        },
        "audiences.yml": {
            "audiences": [
                {"id": "cong-dan", "name": "Công dân Việt Nam"},
                {"id": "to-chuc", "name": "Tổ chức"},
                {"id": "doanh-nghiep", "name": "Doanh nghiệp"},
            ]
        },
    }


def _channel(rng: random.Random, kind: str) -> dict[str, object]:
    channel: dict[str, object] = {
        "kind": kind,
        "description": _sentence(rng, 8, 16),
        "time_limit": {
            "value": rng.randint(1, 30),
            "unit": rng.choice(_UNITS),
            "note": _sentence(rng, 6, 14),
        },
        "fees": [
            {
                "kind": rng.choice(("phi", "le_phi")),
                "name": "Lệ phí " + _phrase(rng, 3, 6),
                "amount": rng.choice((0, 10000, 20000, 50000, 100000, 200000)),
                "per": "mỗi hồ sơ",
                "exemptions": [_sentence(rng, 4, 9)],
                "legal_basis": "Thông tư tổng hợp số " + str(rng.randint(1, 99)),
            }
        ],
    }
    if kind == "online":
        channel["online_level"] = rng.choice(("full", "partial"))
    return channel


def real_names(rng: random.Random, count: int) -> list[str]:
    """`count` names of the national lists: all of them in a shuffled order, then again."""
    real = [row["name"] for row in national_names()]
    names: list[str] = []
    while len(names) < count:
        names += rng.sample(real, len(real))
    return names[:count]


def procedure(rng: random.Random, index: int, count: int, name: str) -> dict[str, object]:
    """One synthetic procedure, valid against the model."""
    agency = rng.randrange(_AGENCIES)
    level = _LEVELS[agency % 2]
    channels = [_channel(rng, "in_person"), _channel(rng, "online")]
    if rng.random() < 0.3:
        channels.append(_channel(rng, "postal"))
    forms = [
        {"code": f"M{n:02d}", "name": "Mẫu " + _phrase(rng, 4, 8), "issued_by": "Thông tư tổng hợp"}
        for n in range(2)
    ]
    documents = [
        {
            "name": _sentence(rng, 5, 12),
            "originals": rng.randint(0, 1),
            "copies": 1,
            "form": forms[n % 2]["code"],
        }
        for n in range(rng.randint(3, 6))
    ]
    return {
        "id": f"thu-tuc-tong-hop-{index:05d}",
        "code": f"{1 + index % 3}.{index:06d}",
        "status": "active",
        "name": name,
        "summary": _sentence(rng, 15, 30),
        "keywords": [_phrase(rng, 2, 4) for _ in range(3)],
        "level": level,
        "field": f"linh-vuc-{rng.randrange(_FIELDS):02d}",
        "audiences": ["cong-dan", "to-chuc"],
        "agencies": {
            "competent": [f"co-quan-{agency:03d}"],
            "executing": [f"co-quan-{agency:03d}"],
            "receiving": [f"co-quan-{agency:03d}"],
        },
        "channels": channels,
        "steps": [
            {"title": _sentence(rng, 2, 4), "text": _sentence(rng, 20, 45), "actor": "Người yêu cầu"}
            for _ in range(rng.randint(3, 5))
        ],
        "dossier": {"sets": 1, "cases": [{"documents": documents}]},
        "requirements": [_sentence(rng, 10, 20)],
        "results": [{"name": "Giấy " + _phrase(rng, 3, 6)}],
        "forms": forms,
        "legal_basis": [{"number": f"{rng.randint(1, 300)}/2025/NĐ-CP", "title": _sentence(rng, 6, 12)}],
        "related": [f"thu-tuc-tong-hop-{(index + 1) % count:05d}"],
        "officials": [f"can-bo-{agency:03d}-0"],
        "source": {"document": "Sinh tự động để đo hiệu năng", "retrieved": "2026-11-01"},
        "review": {"date": "2026-11-01", "by": "Bộ sinh dữ liệu tổng hợp"},
    }


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def generate(out: Path, count: int, seed: int = 7) -> Path:
    """Write a catalogue of `count` procedures below `out` (replacing it) and return `out`."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "_registry").mkdir(parents=True)
    for name, data in _registries(rng).items():
        (out / "_registry" / name).write_text(_dump(data), encoding="utf-8")
    for index, name in enumerate(real_names(rng, count)):
        data = procedure(rng, index, count, name)
        header = "# yaml-language-server: $schema=_schemas/procedure.schema.json\n"
        text = header + _dump(data).replace("'2026-11-01'", "2026-11-01")
        (out / f"{data['id']}.yml").write_text(text, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, args.count, args.seed)
    print(f"{args.count} thủ tục tổng hợp đã ghi vào {args.out}")


if __name__ == "__main__":
    main()
