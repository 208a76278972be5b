-- wrk script: /api/search with a different request every time (two words,
-- a level and a competence, as vetrina-bench-search), so the service's
-- result cache cannot answer: 64 words in 90 to 100 % of the synthetic
-- stories (bench/gen_vocabulary.h), 64 x 63 ordered pairs of two different
-- words x 4 levels x 8 competences = 129,024 distinct requests, the two wrk
-- threads starting half-way apart: no request repeats before each thread
-- has sent 64,512 (over 6,000 requests/s for 20 s).
-- MIX_OFFSET=N starts the sequence at N instead (a warm-up run that the
-- measured run does not repeat).
--   wrk -t2 -c32 -d20s -s bench/search-mix.lua http://127.0.0.1:18080
local words = {"progetto", "scuola", "classe", "alunni", "studenti", "docenti", "insegnanti", "partner", "europa",
               "europei", "lingua", "lingue", "inglese", "francese", "lavoro", "gruppo", "gruppi",
               "collaborazione", "comunicazione", "competenze", "conoscenze", "esperienza", "esperienze",
               "percorso", "obiettivi", "risultati", "prodotto", "prodotti", "finale", "digitale", "digitali",
               "strumenti", "piattaforma", "twinspace", "videoconferenza", "incontri", "incontro", "scambio",
               "scambi", "materiali", "testi", "immagini", "video", "presentazione", "racconto", "racconti",
               "storia", "storie", "territorio", "paese", "paesi", "cultura", "culture", "tradizioni", "ambiente",
               "natura", "acqua", "energia", "salute", "benessere", "sport", "musica", "arte", "teatro"}
local levels = {"primaria", "secondaria-1", "secondaria-2", "infanzia"}
local competences = {"digitale", "multilinguistica", "stem", "cittadinanza", "alfabetica", "personale-sociale",
                     "culturale", "imprenditoriale"}

local threads = 0
local start = tonumber(os.getenv("MIX_OFFSET") or "0")
function setup(thread)
  thread:set("offset", start + threads * 64512)
  threads = threads + 1
end

local n = 0
function request()
  local i = ((offset or 0) + n) % 129024
  n = n + 1
  local first = i % 64
  local second = (first + 1 + math.floor(i / 64) % 63) % 64
  local level = levels[math.floor(i / 4032) % 4 + 1]
  local competence = competences[math.floor(i / 16128) % 8 + 1]
  return wrk.format("GET", "/api/search?q=" .. words[first + 1] .. "%20" .. words[second + 1] .. "&livello=" .. level ..
                    "&competenza=" .. competence)
end
