# A required field missing.
stories/orto-in-condotta/index.md	/^summary:/d
