"""Word lists that every stage reads: the gazetteer (``regions``) and jieba's dictionary
words (``words``). Ingest (issuing region), extract (mentions, time phrases) and index
(places in a question) all import them from here, so no stage imports from a later one. ``prefilter`` puts the
look-ahead in front of their regular expressions (cleaning, cues, times, figures)."""
