# YAML syntax: an unclosed list.
stories/orto-in-condotta/index.md	s/^levels: \[primaria\]/levels: [primaria/
