from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gmvcli.numbers import NumberError, _parse_text, parse_number, quick_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (150000, 150000.0),
        (2.5, 2.5),
        ("2.5%", 0.025),
        ("15万", 150000.0),
        ("1.2亿", 120000000.0),
        ("1,200", 1200.0),
        ("1,234,567.5", 1234567.5),
        ("¥89", 89.0),
        ("￥89", 89.0),
        (" ¥ 1.5万 ", 15000.0),
        ("0%", 0.0),
        ("-4%", -0.04),
        ("1e3", 1000.0),
        ("0.5％", 0.005),
    ],
)
def test_accepted_forms(text: object, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "bad",
    [
        "abc",
        "",
        "1,2",
        "12,34",
        "2.5%%",
        "万",
        "1.2.3",
        "¥",
        "nan",
        "inf",
        "-inf",
        ".nan",
        True,
        None,
        [1],
    ],
)
def test_rejected_forms(bad: object) -> None:
    with pytest.raises(NumberError):
        parse_number(bad)


@pytest.mark.parametrize(
    "bad", [math.nan, math.inf, -math.inf, 1e300, 10**20, "1e300", "99999999亿"]
)
def test_non_finite_and_huge_are_rejected(bad: object) -> None:
    with pytest.raises(NumberError):
        parse_number(bad)


def test_negative_zero_is_zero() -> None:
    assert math.copysign(1, parse_number(-0.0)) == 1


@given(st.integers(min_value=0, max_value=10**11))
def test_wan_equals_the_plain_number(n: int) -> None:
    # "15万" and 150000 are the same number, exactly.
    assert parse_number(f"{n}万") == float(n * 10_000)
    assert parse_number(f"{n:,}") == float(n)


@given(st.decimals(min_value=0, max_value=100, places=3))
def test_percent_is_exactly_the_decimal(d: Decimal) -> None:
    assert parse_number(f"{d}%") == float(d / 100)


@given(
    st.from_regex(
        r"[0-9]{1,12}(\.[0-9]{1,6})?|[0-9]{1,3}(,[0-9]{3}){1,3}(\.[0-9]{1,3})?", fullmatch=True
    ),
    st.sampled_from(["", "%", "万", "亿"]),
    st.booleans(),
)
def test_the_common_forms_read_as_the_whole_pattern_reads_them(
    digits: str, unit: str, yen: bool
) -> None:
    """89, ¥89, 2.5%, 15万, 35,000 skip the big pattern (it costs start-up time to compile): the number is
    exactly what the pattern's own path gives (a leading space sends the text down that path)."""
    text = ("¥" if yen else "") + digits + unit
    try:
        slow = parse_number(" " + text)
    except NumberError:
        with pytest.raises(NumberError):
            parse_number(text)
        return
    assert parse_number(text) == slow


_QUICK_PIECES = st.sampled_from(
    ["", "¥", "0", "1", "9", "5", ".", ",", "%", "万", "亿", " ", "-", "+", "e", "٣", "²", "_"]
)


@given(st.lists(_QUICK_PIECES, max_size=12).map("".join))
def test_quick_number_reads_what_the_full_reader_reads(text: str) -> None:
    """Validation's one-step reading of the common forms: the same float as `_parse_text`, bit for
    bit, or None (any text it does not know: the full reader then decides)."""
    quick = quick_number(text)
    if quick is None:
        return
    assert math.copysign(1, quick) == 1
    assert quick == _parse_text(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("89", 89.0),
        ("¥89", 89.0),
        ("15%", 0.15),
        ("2.5%", 0.025),
        ("1.2亿", 1.2e8),
        ("15万", 150000.0),
    ],
)
def test_quick_number_common_forms(text: str, expected: float) -> None:
    assert quick_number(text) == expected


@pytest.mark.parametrize(
    "text", ["35,000", "1 万", "1e5", "٣", "1_0", ".5", "1.", "-1", "4:30", "nan"]
)
def test_quick_number_leaves_other_forms_to_the_full_reader(text: str) -> None:
    assert quick_number(text) is None
