"""Compare how outlets covered one news story: quotes, figures, topics and provenance.

    >>> from analysis import load_corpus, analyze
    >>> result = analyze(load_corpus("seeds"))
    >>> result.quotes[["doc", "speaker", "text"]].head()
    >>> broader = with_topics(result, 3)  # three topics instead of the engine's own choice
"""

from .corpus import Corpus, CorpusError, Document, load_corpus
from .model import Analysis
from .pipeline import analyze, with_topics

__all__ = ["Analysis", "Corpus", "CorpusError", "Document", "analyze", "load_corpus", "with_topics"]
__version__ = "0.1.0"
