# A summary over 300 characters.
stories/orto-in-condotta/index.md	s/^summary: "\(.*\)"$/summary: "\1 \1 \1 \1"/
