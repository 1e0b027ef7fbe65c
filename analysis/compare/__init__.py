"""Comparison across outlets: shared quotes and figures, same-story groups and who copied whom.

One module per step: :mod:`.features` (what each document contributes),
:mod:`.candidates` (pairs worth comparing), :mod:`.quotes` (the same quote
across documents), :mod:`.figures` (figures about the same thing),
:mod:`.alignment` (sentences that line up) and :mod:`.relations`
(similarity and copies) and :mod:`.stories` (documents grouped by event).
"""

from ..model import DocumentFeatures
from ..numbers import format_value, written_values
from .alignment import CodedNarratives, code_narratives
from .candidates import candidate_pairs
from .features import document_features
from .figures import (
    FigureLinks,
    figure_components,
    figure_interval,
    group_figures,
    group_values,
    link_figures,
)
from .quotes import match_quotes, shared_quote_sentences, speaker_changes
from .relations import (
    DocumentPairs,
    WordPairs,
    align_documents,
    copy_features,
    copy_probability,
    copy_sentences,
    doc_sets,
    document_pairs,
    empty_relations,
    relate_documents,
    word_neighbours,
)
from .stories import name_terms, quote_weights
from .words import normalize_words, word_diff

__all__ = [
    "CodedNarratives",
    "DocumentPairs",
    "FigureLinks",
    "DocumentFeatures",
    "WordPairs",
    "align_documents",
    "candidate_pairs",
    "code_narratives",
    "copy_features",
    "copy_probability",
    "copy_sentences",
    "doc_sets",
    "document_pairs",
    "document_features",
    "empty_relations",
    "figure_components",
    "figure_interval",
    "format_value",
    "group_figures",
    "group_values",
    "link_figures",
    "match_quotes",
    "name_terms",
    "quote_weights",
    "speaker_changes",
    "normalize_words",
    "relate_documents",
    "shared_quote_sentences",
    "word_diff",
    "word_neighbours",
    "written_values",
]
