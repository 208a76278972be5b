# A European label without the national one, and a national label before the school year.
stories/orto-in-condotta/index.md	s/^quality_labels: {national: 2019}/quality_labels: {european: 2019}/
stories/lettere-dal-mare/index.md	s/^school_year: "2019\/2020"/school_year: "2019\/2020"\nquality_labels: {national: 2018}/
