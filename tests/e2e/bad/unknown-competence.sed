# A mistyped competence id: "did you mean".
stories/orto-in-condotta/index.md	s/multilinguistica\]/multilinguistca]/
