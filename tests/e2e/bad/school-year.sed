# A school year whose years are not consecutive.
stories/orto-in-condotta/index.md	s|^school_year: "2018/2019"|school_year: "2018/2020"|
