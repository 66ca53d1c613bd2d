"""The tagger's word classes are the lexicon's lists, so a word added there reaches it."""

from citecheck.citations import lexicon
from citecheck.citations.tagger.features import word_features


def test_every_lexicon_month_and_season_is_a_tagger_feature() -> None:
    for word in lexicon.MONTHS:
        assert "lex=month" in word_features(word), word
    for word in lexicon.SEASONS:
        assert "lex=season" in word_features(word), word


def test_name_particles_but_not_saint_are_tagger_particles() -> None:
    for word in (lexicon.NAME_PARTICLES - lexicon.SAINT_WORDS) | lexicon.NAME_PREFIXES:
        assert "lex=particle" in word_features(word), word
    # `21st` tokenizes as `21` `st`: the ordinal ending must not look like a particle.
    assert "lex=particle" not in word_features("st")
    assert "lex=particle" not in word_features("Smith")
