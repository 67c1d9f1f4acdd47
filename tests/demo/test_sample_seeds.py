"""The seed texts are stored once (the sample portal's data) and found by number or old name."""

from __future__ import annotations

import pytest

from demo.sample_seeds import seed_files
from tests.fixtures import SEED_NUMBERS, seed_path


def test_one_copy_of_each_seed_found_by_number_or_old_name() -> None:
    assert [p.name for p in seed_files()] == [f"seed_{n}.txt" for n in SEED_NUMBERS]
    assert seed_path("001") == seed_path("001_c0571d167d084086.txt") == seed_files()[1]
    with pytest.raises(FileNotFoundError, match="no seed '007'"):
        seed_path("007")
