# An institute project with partners and a Quality Label.
stories/orto-in-condotta/index.md	s/^project_type: europeo/project_type: istituto/
