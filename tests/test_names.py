"""The one reading of names (factbrief.text.names) that `check` and the documents share."""

from hypothesis import given
from hypothesis import strategies as st

from factbrief.text.names import capitalised_words, name_runs, names_in, same_people


def test_runs_of_capitalised_words_in_any_script():
    text = "Prime Minister Phạm Minh Chính met Tô Lâm in Hà Nội, à la française, on 27 April."
    assert name_runs(text) == ["Prime Minister Phạm Minh Chính", "Tô Lâm", "Hà Nội", "April"]
    assert names_in(text) == {"Minister Phạm Minh Chính", "Tô Lâm", "Hà Nội", "April"}  # the sentence's own capital
    assert "à" not in " ".join(name_runs(text)).split()  # a lower-case letter with a mark is no capital


def test_a_comma_or_a_line_ends_a_name():
    assert name_runs("Tokyo, Osaka and Kyoto") == ["Tokyo", "Osaka", "Kyoto"]
    assert name_runs("Le Monde. Nikkei Asia") == ["Le Monde", "Nikkei Asia"]


def test_the_parties_are_left_out_without_case():
    assert names_in("Leaders of Japan and VIET NAM met Tô Lâm", ["Japan", "Viet Nam"]) == {"Tô Lâm"}


def test_same_people_needs_a_full_name_or_two_names():
    assert same_people("Talks with Tô Lâm in Tokyo", "A visit by Tô Lâm", [])
    assert same_people("Talks in Tokyo with Ishiba", "A visit: Ishiba, Tokyo", [])
    assert not same_people("Talks in Tokyo", "A fair in Tokyo", [])  # one place is no person
    assert not same_people("Japan and Viet Nam talk", "Japan and Viet Nam sign", ["Japan", "Viet Nam"])


def test_capitalised_words_skip_the_first():
    assert capitalised_words("The Joint Trade Committee met in Hanoi") == ["Joint", "Trade", "Committee", "Hanoi"]


words = st.text(alphabet=st.characters(categories=["L", "Nd", "Zs", "P"]), max_size=60)


@given(words, words, st.lists(st.text(min_size=1, max_size=12), max_size=3))
def test_same_people_is_symmetric_and_leaves_out_the_first_word(a, b, parties):
    assert same_people(a, b, parties) == same_people(b, a, parties)
    for name in names_in(a, parties):
        assert name in " ".join(name_runs(a))
        assert name.casefold() not in {p.casefold() for p in parties}
        assert all(word[0].isupper() for word in name.split())
