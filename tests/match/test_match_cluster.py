"""Versions of a statement: clustered together, the amendment shown; other texts kept apart."""

from __future__ import annotations

from match_texts import AMENDED, SAME_TOPIC, STATEMENT, UNRELATED

from basira.match import cluster_texts, split_sentences, version_diff


def test_statement_and_its_amended_copy_form_one_cluster_with_the_change_shown():
    texts = [UNRELATED, STATEMENT, SAME_TOPIC, AMENDED]
    clusters = cluster_texts(texts)
    assert [c.members for c in clusters] == [(1, 3)]
    assert 0.5 <= clusters[0].jaccard[1] < 1.0
    diff = version_diff(STATEMENT, AMENDED, "v1", "v2")
    assert diff[:2] == ["--- v1", "+++ v2"]
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    assert len(removed) == len(added) == 1
    assert "الثامنة صباحا" in removed[0] and "العاشرة صباحا" in added[0]


def test_clusters_are_transitive_and_sorted_by_size():
    third = AMENDED.replace("خلال الأشهر الماضية", "خلال العام الماضي")
    clusters = cluster_texts([STATEMENT, UNRELATED, AMENDED, third, UNRELATED + " شكرا"])
    assert [c.members for c in clusters] == [(0, 2, 3), (1, 4)]


def test_singletons_appear_only_when_asked():
    assert cluster_texts([STATEMENT, UNRELATED]) == []
    assert len(cluster_texts([STATEMENT, UNRELATED, ""], min_size=1)) == 3


def test_identical_versions_have_an_empty_diff():
    assert version_diff(STATEMENT, STATEMENT) == []


def test_sentences_split_on_arabic_and_latin_punctuation_and_lines():
    assert split_sentences("أولا. ثانيا؟ ثالثا!\nرابعا") == ["أولا.", "ثانيا؟", "ثالثا!", "رابعا"]
