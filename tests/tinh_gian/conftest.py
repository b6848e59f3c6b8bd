"""People for the tinh giản tests, built through the services."""

from __future__ import annotations

import pytest

from desktop_app.services import records


def _person(ctx, unit_id, name, cccd, **extra):
    return records.create(
        ctx,
        "person",
        {
            "full_name": name,
            "birth_date": "15/05/1970",
            "gender": "nam",
            "unit_id": unit_id,
            "cccd": cccd,
            "salary_class": "A1",
            "salary_step": 9,
            "coefficient": 4.98,
            "recruited_on": "01/09/1995",
            "employment_kind": "VIEN_CHUC",
            **extra,
        },
    )


@pytest.fixture
def people(ctx, unit_id):
    return [
        _person(
            ctx,
            unit_id,
            "Trần Văn An",
            "001070000001",
            allowance_position=0.3,
            allowance_seniority_pct=5,
            allowance_profession_pct=30,
            insurance_years=30.5,
        ),
        _person(
            ctx, unit_id, "Lê Thị Bình", "001070000002", gender="nu", coefficient=3.33, insurance_years=20
        ),
        _person(ctx, unit_id, "Phạm Văn Cường", "001070000003"),
    ]
