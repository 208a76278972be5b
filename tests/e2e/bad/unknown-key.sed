# A key that is not part of the format.
stories/orto-in-condotta/index.md	s/^teachers:/teacher:/
