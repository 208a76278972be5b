// Views of the award and event pages: /premi/, /premi/<year>/, /eventi/.
// Same rules as views.cpp: plain text only, templates lay it out.

#include <algorithm>

#include "generator/charts/charts.h"
#include "generator/model/awards.h"
#include "generator/render/views.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

using kainjow::mustache::data;

std::string number(long long value) {
  return util::format_thousands(value);
}

// A prize's project: its story (linked) or the project named in the file.
data entry_view(const Site& site, const AwardEntry& entry) {
  data view;
  if (const Story* story = site.find_story(entry.story.value)) {
    view.set("url", story->url());
    view.set("title", story->title.value);
    set_if(view, "school", story->school_name);
    set_if(view, "city", story->city);
    view.set("summary", story->summary.value);
  } else if (entry.project) {
    view.set("title", entry.project->title);
    set_if(view, "school", entry.project->school);
    set_if(view, "city", entry.project->city);
  }
  set_if(view, "name", entry.name);
  if (!entry.category.value.empty() && entry.kind != AwardKind::national_prize) {  // prizes sit under their category
    view.set("category", prize_category_label(site, entry.category.value));
  }
  return view;
}

data counts_view(const QualityLabelCounts& counts) {
  data view;
  view.set("applications", number(counts.applications.value));
  view.set("national", number(counts.national.value));
  view.set("european", number(counts.european.value));
  return view;
}

std::size_t count_of(const AwardYear& award, AwardKind kind) {
  return static_cast<std::size_t>(std::count_if(award.entries.begin(), award.entries.end(),
                                                [kind](const AwardEntry& e) { return e.kind == kind; }));
}

std::string event_anchor(const Event& event) {
  return "evento-" + event.start.value.iso();
}

data event_view(const Event& event) {
  data view;
  view.set("dates", Views::event_dates(event));
  view.set("date_iso", event.start.value.iso());
  view.set("type", event.type);
  view.set("title", event.title);
  view.set("place", event.place);
  view.set("anchor", event_anchor(event));
  set_if(view, "description", event.description);
  if (event.award_year) {
    view.set("award_year", std::to_string(event.award_year->value));
    view.set("award_url", "/premi/" + std::to_string(event.award_year->value) + "/");
  }
  return view;
}

}  // namespace

std::string Views::event_dates(const Event& event) {
  const Date& a = event.start.value;
  if (!event.end || event.end->value == a) {
    return italian_date(a);
  }
  const Date& b = event.end->value;
  if (a.year == b.year && a.month == b.month) {
    return std::to_string(a.day) + "–" + italian_date(b);
  }
  if (a.year == b.year) {
    const std::string start = italian_date(a);  // "30 settembre 2014": drop the year
    return start.substr(0, start.rfind(' ')) + " – " + italian_date(b);
  }
  return italian_date(a) + " – " + italian_date(b);
}

data Views::awards_index() const {
  data view;
  data years{data::type::list};
  data rows{data::type::list};
  long long applications = 0;
  long long national = 0;
  long long european = 0;
  std::vector<std::string> sources;
  for (const auto& award : m_site.awards) {
    if (award.quality_labels && !award.source.empty() &&
        std::find(sources.begin(), sources.end(), award.source) == sources.end()) {
      sources.push_back(award.source);
    }
    data year;
    year.set("year", std::to_string(award.year));
    year.set("url", award.url());
    const std::size_t prizes = count_of(award, AwardKind::national_prize);
    const std::size_t mentions = count_of(award, AwardKind::special_mention);
    const std::size_t european_prizes = count_of(award, AwardKind::european_prize);
    std::string summary;
    auto add = [&summary](std::size_t n, const char* one, const char* many) {
      if (n > 0) {
        summary += (summary.empty() ? "" : " · ") + number(static_cast<long long>(n)) + " " + (n == 1 ? one : many);
      }
    };
    add(prizes, "premio nazionale", "premi nazionali");
    add(mentions, "menzione speciale", "menzioni speciali");
    add(european_prizes, "premio europeo", "premi europei");
    if (award.quality_labels) {
      add(static_cast<std::size_t>(award.quality_labels->national.value), "Certificato di Qualità nazionale",
          "Certificati di Qualità nazionali");
    }
    set_if(year, "summary", summary);
    if (award.example.value) {
      year.set("example", std::string("Premi di esempio, inventati"));
    }
    years.push_back(year);
  }
  // The Quality Label chart and table, oldest year first.
  ChartData chart;
  chart.id = "premi-certificati";
  chart.type = ChartType::grouped_bar;
  chart.title = "Certificazione di Qualità dei progetti eTwinning (docenti di scuole italiane)";
  chart.series = {{"Candidature valutate", {}}, {"Certificati nazionali", {}}, {"Certificati europei", {}}};
  for (auto award = m_site.awards.rbegin(); award != m_site.awards.rend(); ++award) {
    if (!award->quality_labels) {
      continue;
    }
    const QualityLabelCounts& counts = *award->quality_labels;
    chart.labels.push_back(std::to_string(award->year));
    chart.series[0].values.emplace_back(static_cast<double>(counts.applications.value));
    chart.series[1].values.emplace_back(static_cast<double>(counts.national.value));
    chart.series[2].values.emplace_back(static_cast<double>(counts.european.value));
    data row = counts_view(*award->quality_labels);
    row.set("year", std::to_string(award->year));
    rows.push_back(row);
    applications += award->quality_labels->applications.value;
    national += award->quality_labels->national.value;
    european += award->quality_labels->european.value;
  }
  view.set("years", years);
  view.set("has_years", !m_site.awards.empty());
  if (!rows.is_empty_list()) {
    view.set("ql_rows", rows);
    data totals;
    totals.set("applications", number(applications));
    totals.set("national", number(national));
    totals.set("european", number(european));
    view.set("ql_totals", totals);
    std::string source;
    for (const auto& text : sources) {
      source += (source.empty() ? "" : "; ") + text;
    }
    set_if(view, "ql_source", source);
    view.set("ql_chart", render_chart(chart));
    if (const Dataset* dataset = m_site.stats.find(k_quality_labels_dataset)) {
      view.set("ql_csv", dataset->csv_url());  // the same figures (validate_awards checks they agree)
    }
  }
  data categories{data::type::list};
  for (const auto& category : prize_categories()) {
    categories.push_back(data{"label", prize_category_label(m_site, category)});
  }
  view.set("categories", categories);
  return view;
}

data Views::award_year(const AwardYear& award) const {
  data view;
  view.set("year", std::to_string(award.year));
  set_if(view, "note", award.note);
  set_if(view, "source", award.source);
  if (award.example.value) {
    view.set("example", std::string("Premi di esempio: progetti, scuole e docenti di questa pagina sono inventati"));
  }
  data categories{data::type::list};
  for (const auto& category : prize_categories()) {
    data prizes{data::type::list};
    for (const auto& entry : award.entries) {
      if (entry.kind == AwardKind::national_prize && entry.category.value == category) {
        prizes.push_back(entry_view(m_site, entry));
      }
    }
    if (!prizes.is_empty_list()) {
      data group;
      group.set("label", prize_category_label(m_site, category));
      group.set("prizes", prizes);
      categories.push_back(group);
    }
  }
  data mentions{data::type::list};
  data european{data::type::list};
  for (const auto& entry : award.entries) {
    if (entry.kind == AwardKind::special_mention) {
      mentions.push_back(entry_view(m_site, entry));
    } else if (entry.kind == AwardKind::european_prize) {
      european.push_back(entry_view(m_site, entry));
    }
  }
  if (!categories.is_empty_list()) {
    view.set("categories", categories);
  }
  if (!mentions.is_empty_list()) {
    view.set("mentions", mentions);
    view.set("has_mentions", true);
  }
  if (!european.is_empty_list()) {
    view.set("european", european);
    view.set("has_european", true);
  }
  view.set("has_prizes", !award.entries.empty());
  if (award.quality_labels) {
    view.set("quality_labels", counts_view(*award.quality_labels));
  }
  data events{data::type::list};
  for (const auto& event : m_site.events) {
    if (event.award_year && event.award_year->value == award.year) {
      events.push_back(event_view(event));
    }
  }
  if (!events.is_empty_list()) {
    view.set("events", events);
  }
  // Neighbouring years (awards are newest first).
  for (std::size_t i = 0; i < m_site.awards.size(); ++i) {
    if (m_site.awards[i].year != award.year) {
      continue;
    }
    if (i + 1 < m_site.awards.size()) {
      view.set("previous", data{"year", std::to_string(m_site.awards[i + 1].year)});
    }
    if (i > 0) {
      view.set("next", data{"year", std::to_string(m_site.awards[i - 1].year)});
    }
  }
  return view;
}

data Views::events() const {
  data view;
  data years{data::type::list};
  int current = 0;
  data year_events{data::type::list};
  auto flush = [&]() {
    if (current != 0) {
      data group;
      group.set("year", std::to_string(current));
      group.set("events", year_events);
      years.push_back(group);
    }
    year_events = data{data::type::list};
  };
  for (const auto& event : m_site.events) {
    if (event.start.value.year != current) {
      flush();
      current = event.start.value.year;
    }
    year_events.push_back(event_view(event));
  }
  flush();
  view.set("years", years);
  view.set("has_events", !m_site.events.empty());
  return view;
}

}  // namespace vetrina
