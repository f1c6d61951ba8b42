"""Arabic news analysis toolkit.

    import analysis
    articles = analysis.load_corpus("seeds/")          # one row per article
    tagged = analysis.tag(articles)                    # tidy DataFrames per layer
    tagged.save("data/stores/seeds")                   # a Parquet store
    tagged = analysis.Tagged.open("data/stores/seeds") # read it back
    stream = analysis.CorpusStream("archive/")         # a corpus too large for memory, read in batches
    analysis.tag_store(stream, "data/stores/archive")  # tagged part by part; a rerun tags what changed
    analysis.explore(tagged)                           # the interactive explorer, in JupyterLab

The pipeline: :mod:`analysis.corpus` (loading), :mod:`analysis.view` (one
reading of each article), :mod:`analysis.layers` (one module per table),
:mod:`analysis.lexicons` (the lexicon set), :mod:`analysis.pipeline`
(``tag``), :mod:`analysis.store` (Parquet), then the presentation modules
and :mod:`analysis.report` (the notebook runner).
"""
__version__ = "0.2.0"  # recorded in every store; a store of another version is tagged again

from .corpus import CorpusStream, LoadWarning, load_corpus
from .errors import (AnalysisError, CorpusError, DataFileError, ManifestError, ReportError, SelectionError,
                     StoreError)
from .lexicons import LexiconSet, lexicon_set
from .partitions import tag_store
from .pipeline import Tagged, tag
from .store import open_or_tag


def explore(tagged, lexicons: str = "", labels: str = "ar", interactive: bool = True, outlets=(), date_from: str = "",
            date_to: str = ""):
    """The interactive explorer of ``tagged``, starting from ``outlets`` and
    publication dates ``[date_from, date_to]`` (see :mod:`analysis.explore_view`)."""
    from .explore_view import explore as explorer
    from .explorer import Selection
    return explorer(tagged, lexicons=lexicons, labels=labels, interactive=interactive,
                    selection=Selection(outlets=tuple(outlets), date_from=date_from, date_to=date_to))


__all__ = ["load_corpus", "CorpusStream", "tag", "tag_store", "Tagged", "open_or_tag", "explore", "lexicon_set", "LexiconSet", "AnalysisError", "CorpusError",
           "LoadWarning", "DataFileError", "ManifestError", "ReportError", "SelectionError", "StoreError",
           "__version__"]
