# Two folders that give the same address.
stories/orto-in-condotta	COPY:stories/Orto in condotta
