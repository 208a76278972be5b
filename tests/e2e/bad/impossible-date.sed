# A date that does not exist.
stories/orto-in-condotta/index.md	s/^date: 2019-05-10/date: 2019-02-30/
