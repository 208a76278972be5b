-- wrk script: /api/search with a different request every time (two words,
-- a level and a competence, as vetrina-bench-search), so the service's
-- result cache cannot answer: 18 x 18 word pairs x 4 levels x 8 competences
-- = 10,368 distinct requests, the two wrk threads starting half-way apart.
--   wrk -t2 -c32 -d20s -s bench/search-mix.lua http://127.0.0.1:18080
local words = {"scuola", "lingue", "ambiente", "progetto", "musica", "robot", "famiglie", "orto", "energia",
               "teatro", "viaggio", "memoria", "coding", "museo", "ricette", "diritti", "sport", "europa"}
local levels = {"primaria", "secondaria-1", "secondaria-2", "infanzia"}
local competences = {"digitale", "multilinguistica", "stem", "cittadinanza", "alfabetica", "personale-sociale",
                     "culturale", "imprenditoriale"}

local threads = 0
function setup(thread)
  thread:set("offset", threads * 5184)
  threads = threads + 1
end

local n = 0
function request()
  local i = (offset or 0) + n
  n = n + 1
  local w1 = words[i % 18 + 1]
  local w2 = words[math.floor(i / 18) % 18 + 1]
  local level = levels[math.floor(i / 324) % 4 + 1]
  local competence = competences[math.floor(i / 1296) % 8 + 1]
  return wrk.format("GET", "/api/search?q=" .. w1 .. "%20" .. w2 .. "&livello=" .. level .. "&competenza=" .. competence)
end
