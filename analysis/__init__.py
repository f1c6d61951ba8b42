"""Arabic news analysis toolkit.

    import analysis
    articles = analysis.load_corpus("seeds/")   # one row per article
    tagged = analysis.tag(articles)             # tidy DataFrames per layer
"""
from .corpus import CorpusError, LoadWarning, load_corpus
from .datafiles import DataFileError
from .tagging import Tagged, tag

__version__ = "0.1.0"
__all__ = ["load_corpus", "tag", "Tagged", "CorpusError", "LoadWarning", "DataFileError", "__version__"]
