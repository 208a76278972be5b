#pragma once
// A small invented site for the relevance test (tests/relevance/queries.tsv,
// site "fixture"): the real taxonomies with a handful of example stories
// built to trap a search engine: a region whose stem is a first name
// ("Marche" / "Marco" / "marcia" all stem to "marc"), a foreign city known
// in Italian by another name (taxonomies.yaml `cities`), singular and
// plural forms, accents, words that only a label carries. Nothing here is a
// real school or person.

#include <string>
#include <vector>

#include "generator/model/site.h"

namespace vetrina::testing {

struct FixtureStory {
  std::string slug;
  std::string title;
  std::string summary;
  std::string body;
  std::string school_year;
  std::string city;
  std::string region;
  std::vector<std::string> teachers;
  std::vector<Partner> partners;
  std::vector<std::pair<TaxonomyId, std::string>> terms;
};

inline Site relevance_fixture_site(const Site& real) {
  const std::vector<FixtureStory> stories = {
      {"orto-marchigiano",
       "Un orto sui colli",
       "Le classi di una primaria marchigiana coltivano ortaggi di stagione e ne raccontano il ciclo in un diario "
       "illustrato.",
       "Ogni settimana gli alunni annotano semine, raccolti e piogge. Il diario finisce in una mostra per le famiglie.",
       "2021/2022",
       "Macerata",
       "marche",
       {"Ada Esempio"},
       {},
       {{TaxonomyId::livello, "primaria"},
        {TaxonomyId::disciplina, "scienze"},
        {TaxonomyId::tipo, "nazionale"},
        {TaxonomyId::premio, "label-europeo"}}},
      {"giornalino-di-marco",
       "Il giornalino di Marco",
       "Una redazione di classe racconta la settimana di Marco, un alunno immaginario, e disegna il marchio della "
       "testata.",
       "La redazione ha visitato l'università della città e intervistato una giornalista. Il marchio è stato votato da "
       "tutta la scuola.",
       "2021/2022",
       "Lodi",
       "lombardia",
       {"Bruno Esempio"},
       {},
       {{TaxonomyId::livello, "secondaria-1"}, {TaxonomyId::disciplina, "italiano"}, {TaxonomyId::tipo, "istituto"}}},
      {"la-marcia-della-pace",
       "La marcia della pace",
       "Le classi preparano cartelloni e canzoni per una marcia cittadina e discutono di diritti e di pace.",
       "Dopo la marcia gli studenti hanno scritto una lettera al sindaco.",
       "2020/2021",
       "Perugia",
       "umbria",
       {"Carla Esempio"},
       {},
       {{TaxonomyId::livello, "secondaria-1"},
        {TaxonomyId::disciplina, "educazione-civica"},
        {TaxonomyId::tipo, "nazionale"}}},
      {"coro-bavarese",
       "Un coro tra le Alpi",
       "Due scuole cantano insieme canti tedeschi e canzoni popolari italiane in videoconferenza.",
       "Il repertorio comprende canti bavaresi e filastrocche venete. Le prove si sono svolte online ogni due "
       "settimane.",
       "2019/2020",
       "Belluno",
       "veneto",
       {"Dario Esempio"},
       {{"Grundschule", "München", {"de", {}}}},
       {{TaxonomyId::livello, "primaria"},
        {TaxonomyId::disciplina, "musica"},
        {TaxonomyId::disciplina, "tedesco"},
        {TaxonomyId::paese, "de"},
        {TaxonomyId::tipo, "europeo"}}},
      {"torre-di-carta",
       "Torri di carta",
       "Attività di ingegneria per piccoli: a gruppi le classi progettano e costruiscono la struttura più alta con "
       "fogli e nastro.",
       "Si misura, si prova, si ricomincia. Le strutture migliori resistono al ventilatore.",
       "2018/2019",
       "Torre del Greco",
       "campania",
       {"Elena Esempio"},
       {},
       {{TaxonomyId::livello, "primaria"}, {TaxonomyId::disciplina, "tecnologia"}, {TaxonomyId::tipo, "nazionale"}}},
      {"museo-in-classe",
       "Un museo in classe",
       "Gli studenti allestiscono una mostra di oggetti di famiglia e ne scrivono le didascalie.",
       "Ogni oggetto ha una storia: la redazione delle didascalie è diventata un laboratorio di scrittura.",
       "2022/2023",
       "Ancona",
       "marche",
       {"Franco Esempio"},
       {},
       {{TaxonomyId::livello, "secondaria-2"}, {TaxonomyId::disciplina, "storia"}, {TaxonomyId::tipo, "istituto"}}},
  };
  Site site;
  site.config = real.config;
  site.taxonomies = real.taxonomies;
  int day = 1;
  for (const auto& f : stories) {
    Story story;
    story.slug = f.slug;
    story.title.value = f.title;
    story.summary.value = f.summary;
    story.body_text = f.body;
    story.school_year.value = f.school_year;
    story.date.value = Date{2023, 1, day++};
    story.school_name = "Scuola di esempio";
    story.city = f.city;
    story.region.value = f.region;
    story.teachers = f.teachers;
    story.partners = f.partners;
    story.terms[static_cast<std::size_t>(TaxonomyId::regione)].push_back({f.region, {}});
    for (const auto& [taxonomy, id] : f.terms) {
      story.terms[static_cast<std::size_t>(taxonomy)].push_back({id, {}});
      if (taxonomy == TaxonomyId::tipo) {
        story.project_type.value = id;
      }
    }
    site.stories.push_back(std::move(story));
  }
  site.index();
  return site;
}

}  // namespace vetrina::testing
