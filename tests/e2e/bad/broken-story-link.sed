# A link to a story that does not exist.
stories/orto-in-condotta/index.md	s|(../lettere-dal-mare/)|(../lettere-dal-mar/)|
