"""Compare how outlets covered one news story: quotes, figures, topics and provenance.

    >>> from analysis import load_corpus, analyze
    >>> result = analyze(load_corpus("seeds"))
    >>> result.quotes[["doc", "speaker", "text"]].head()
"""

from .corpus import Corpus, CorpusError, Document, load_corpus
from .model import Analysis
from .pipeline import analyze

__all__ = ["Analysis", "Corpus", "CorpusError", "Document", "analyze", "load_corpus"]
__version__ = "0.1.0"
