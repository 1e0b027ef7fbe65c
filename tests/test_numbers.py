"""Number grammar of English news: how numbers are written and what they are worth (analysis/numbers.py)."""

import pytest

from analysis.numbers import (
    VAGUE_AMOUNT,
    fraction_value,
    longest_numbers,
    lower_same_length,
    number_candidates,
    parse_number_words,
)


def numbers(text):
    """(as written, value, high) of each number in ``text``, overlapping readings resolved to the longest."""
    found = [c for c, _ in number_candidates(text, lower_same_length(text), 0, len(text))]
    return [(text[s:e], v, h) for s, e, v, h, _, _ in longest_numbers(found)]


def one(text):
    (c,) = longest_numbers([c for c, _ in number_candidates(text, lower_same_length(text), 0, len(text))])
    return c


@pytest.mark.parametrize(
    ("words", "value"),
    [("seventeen", 17), ("twenty-five", 25), ("a hundred", 100), ("two hundred and five", 205),
     ("three thousand", 3000), ("thirty-five thousand", 35_000), ("four and a half million", 4_500_000),
     ("a three", 3)],
)
def test_parse_number_words(words, value):
    assert parse_number_words(words) == value


@pytest.mark.parametrize("words", ["several", "many", "twenty people"])
def test_parse_number_words_refuses_other_words(words):
    assert parse_number_words(words) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Twenty-five people were killed.", [("Twenty-five", 25, None)]),
        ("Seventeen people were injured and two hundred and five were evacuated.",
         [("Seventeen", 17, None), ("two hundred and five", 205, None)]),
        ("Four and a half million people voted.", [("Four and a half million", 4_500_000, None)]),
    ],
)
def test_number_words_in_a_sentence(text, expected):
    assert numbers(text) == expected


@pytest.mark.parametrize(
    "text", ["One of the soldiers was wounded.", "It was the third time this year.", "The F-16 jets arrived last week."]
)
def test_pronoun_one_ordinals_and_model_names_are_no_numbers(text):
    assert numbers(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The firm cut 1,200 jobs.", [("1,200", 1200, None)]),
        ("Nearly 300,000 reservists were called up.", [("300,000", 300_000, None)]),
        ("Some 2.5 billion people use the app.", [("2.5 billion", 2.5e9, None)]),
        ("The company shipped 1.2m tons of grain last year.", [("1.2m", 1.2e6, None)]),
        ("Apple sold 35m devices in the quarter.", [("35m", 35e6, None)]),
        ("He earns 50k a year.", [("50k", 50_000, None)]),
        ("A 21-member delegation arrived on Monday.", [("21", 21, None)]),
        ("The hard drive holds 54GB of data.", [("54GB", 54, None)]),
    ],
)
def test_digits_with_separators_and_scales(text, expected):
    assert numbers(text) == expected


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("The council will spend £4.5 million on the new library.", "£4.5 million", 4.5e6),
        ("The club paid £4.5m for the striker.", "£4.5m", 4.5e6),
        ("The deal is worth $3.5bn, the company said.", "$3.5bn", 3.5e9),
        ("The government has set aside €222 million for the project.", "€222 million", 222e6),
        ("The fund holds US$1.5 billion in assets.", "US$1.5 billion", 1.5e9),
    ],
)
def test_sums_of_money(text, written, value):
    start, end, low, high, percent, money = one(text)
    assert (text[start:end], low, high, percent, money) == (written, value, None, False, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Four to five thousand people attended the rally.", [("Four to five thousand", 4000, 5000)]),
        ("Four or five parties could enter parliament.", [("Four or five", 4, 5)]),
        ("The ministry said 2,000-3,000 people were displaced.", [("2,000-3,000", 2000, 3000)]),
        ("Between 5-6 million people live in the region.", [("5-6 million", 5e6, 6e6)]),
        ("As many as 60% to 70% of soldiers were refusing to serve.", [("60% to 70%", 60, 70)]),
    ],
)
def test_ranges_keep_both_ends_and_share_their_scale(text, expected):
    assert numbers(text) == expected


def test_a_score_is_no_range():
    assert numbers("The team won 6-4 in the final.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose 0.4 per cent to 13,176.", [("0.4 per cent", 0.4, None), ("13,176", 13176, None)]),
        ("The population fell from 108 to 90.", [("108", 108, None), ("90", 90, None)]),
    ],
)
def test_a_change_and_the_level_it_reached_are_two_numbers(text, expected):
    assert numbers(text) == expected


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("Thousands of people marched through the capital.", "Thousands", 1000),
        ("Tens of thousands of people fled the fighting.", "Tens of thousands", 10_000),
        ("Hundreds of thousands of homes lost power.", "Hundreds of thousands", 100_000),
        ("Hundreds of millions of people were affected.", "Hundreds of millions", 100_000_000),
        ("Dozens of flights were cancelled.", "Dozens", 12),
        ("Millions of people watched the final.", "Millions", 1_000_000),
    ],
)
def test_vague_amounts_are_worth_the_order_of_magnitude_they_name(text, written, value):
    assert numbers(text) == [(written, value, None)]
    assert VAGUE_AMOUNT.fullmatch(written)


def test_a_dozen_is_twelve_and_not_vague():
    assert numbers("About a dozen protesters were detained.") == [("a dozen", 12, None)]
    assert VAGUE_AMOUNT.fullmatch("a dozen") is None


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("Unemployment rose to 4.2 percent in March.", "4.2 percent", 4.2),
        ("Inflation hit 10.1% in July.", "10.1%", 10.1),
        ("Some 40 per cent of voters stayed home.", "40 per cent", 40),
        ("Support for the party fell to 24pc.", "24pc", 24),
    ],
)
def test_percentages(text, written, value):
    start, end, low, high, percent, money = one(text)
    assert (text[start:end], low, high, percent, money) == (written, value, None, True, False)


def test_a_count_is_not_a_percentage():
    assert one("The firm cut 1,200 jobs.")[4] is False


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Temperatures fell to -15 degrees overnight.", -15),
        ("Temperatures fell to −15 degrees overnight.", -15),
        ("The economy shrank by -0.3% in the third quarter.", -0.3),
        ("Temperatures dropped to minus 20 degrees.", -20),
    ],
)
def test_negative_numbers(text, value):
    assert one(text)[2] == value


def test_a_hyphen_after_a_number_is_a_minus_sign_only_when_spaced_apart():
    assert numbers("The Stoxx 50 -1.3% on the day.") == [("50", 50, None), ("-1.3%", -1.3, None)]


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("Two-thirds of respondents said they were worse off.", "Two-thirds", 2 / 3),
        ("One in five children lives in poverty.", "One in five", 0.2),
        ("Half of the staff were laid off.", "Half", 0.5),
    ],
)
def test_shares(text, written, value):
    assert numbers(text) == [(written, pytest.approx(value), None)]


def test_the_first_half_of_a_year_is_a_period_not_a_share():
    assert numbers("The first half of 2017 was difficult.") == [("2017", 2017, None)]


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("two-thirds", 2 / 3), ("a quarter", 0.25), ("half", 0.5), ("1 in 9", 1 / 9), ("50/50", 0.5),
     ("3 in 2", None), ("10 in 2016", None)],
)
def test_fraction_value(phrase, value):
    assert fraction_value(phrase) == (pytest.approx(value) if value is not None else None)


def test_lower_same_length_keeps_offsets():
    text = "İstanbul had 15 million residents."
    low = lower_same_length(text)
    assert len(low) == len(text) and low.index("15") == text.index("15")
