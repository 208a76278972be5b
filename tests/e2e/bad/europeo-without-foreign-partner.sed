# A European project whose only partner is Italian.
stories/orto-in-condotta/index.md	s/country: FR/country: IT/
