from qa.lru import LruMap


def test_the_least_recently_used_entry_goes_first():
    kept = LruMap(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # read: "b" is now the oldest
    kept.put("c", 3)
    assert (kept.get("a"), kept.get("b"), kept.get("c")) == (1, None, 3)


def test_size_zero_keeps_nothing_and_a_negative_size_is_refused():
    nothing = LruMap(0)
    nothing.put("a", 1)
    assert nothing.get("a") is None
    try:
        LruMap(-1)
    except ValueError:
        return
    raise AssertionError("a negative size was accepted")
