# A photo of minors without the liberatoria.
stories/orto-in-condotta/index.md	s|^quality_labels:|cover: {src: copertina.jpg, alt: "Bambini", minors: true}\nquality_labels:|
