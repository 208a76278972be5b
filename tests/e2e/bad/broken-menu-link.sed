# A menu entry pointing at a page that does not exist.
site.yaml	s|/chi-siamo/|/chi-siamo-noi/|
