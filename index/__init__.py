"""The semantic index and question answering: what cli.py and pipeline.py call.

    index = Index(settings, store)            # loads the embedder (or falls back to lexical)
    index.update(progress, rebuild=False)     # incremental; returns counts
    index.check()                             # disagreements between database and index
    ask(index, question, today, overrides, k) # → Answer; Answer.to_dict() is the JSON contract
"""

from .embed import Embedder, load_embedder
from .filters import Filters
from .query import Answer, ask, group_by_region, hit_dict, parse_question
from .search import Index

__all__ = ["Answer", "Embedder", "Filters", "Index", "ask", "group_by_region", "hit_dict",
           "load_embedder", "parse_question"]
