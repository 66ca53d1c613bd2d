"""Training the citation-field tagger (not shipped): corpora, held-back split, training."""
