"""LocalWindows: the in-process moving window keeps `limits`' rules at constant cost per hit."""

from __future__ import annotations

from autoarr.web.ratelimit import LocalWindows


def test_a_window_refuses_the_hit_past_its_limit_until_the_oldest_leaves_it() -> None:
    windows = LocalWindows()
    assert [windows.hit("k", 3, 10, now) for now in (100.0, 101.0, 102.0)] == [
        (True, 100.0, 1),
        (True, 100.0, 2),
        (True, 100.0, 3),
    ]
    assert windows.hit("k", 3, 10, 105.0) == (False, 100.0, 3)
    assert windows.hit("k", 3, 10, 110.0) == (False, 100.0, 3)  # a hit exactly `expiry` old still counts
    assert windows.hit("k", 3, 10, 110.5) == (True, 101.0, 3)  # the refused hits were never counted
    assert windows.hit("other", 3, 10, 110.5) == (True, 110.5, 1)  # each key has its own window


def test_a_large_budget_keeps_exactly_the_hits_of_the_last_window() -> None:
    windows = LocalWindows()
    for n in range(50_000):
        allowed, _, _ = windows.hit("k", 1_000_000, 1, n / 10_000)  # 10,000 hits a second for 5 s
        assert allowed
    _, oldest, in_window = windows.hit("k", 1_000_000, 1, 5.0)
    assert (oldest, in_window) == (4.0, 10_001)


def test_keys_whose_hits_all_expired_are_forgotten() -> None:
    windows = LocalWindows()
    windows.hit("old", 5, 10, 0.0)
    windows.hit("recent", 5, 1000, 0.0)
    windows.hit("new", 5, 10, 100.0)  # past the first sweep time: sweeps
    assert set(windows._hits) == {"recent", "new"}
