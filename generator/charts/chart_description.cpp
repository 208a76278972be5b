#include "generator/charts/chart_description.h"

#include <cstddef>

namespace vetrina {

using charts::label_at;
using charts::quantity;
using charts::value_at;

namespace {

const char* type_label(ChartType type) {
  switch (type) {
    case ChartType::bar:
      return "Grafico a barre";
    case ChartType::line:
      return "Grafico a linee";
    case ChartType::stacked_bar:
      return "Grafico a barre sovrapposte";
    case ChartType::grouped_bar:
      return "Grafico a barre affiancate";
    case ChartType::hbar:
      return "Grafico a barre orizzontali";
    case ChartType::donut:
      return "Grafico ad anello";
    case ChartType::region_map:
      return "Mappa delle regioni italiane";
  }
  return "Grafico";
}

}  // namespace

std::string describe_chart(const ChartData& chart) {
  const std::size_t n = chart.labels.size();
  std::string text = type_label(chart.type);
  if (n == 0 || chart.series.empty()) {
    return text + " senza dati.";
  }
  auto item = [&](std::size_t i, std::size_t s) {
    return label_at(chart, i) + " " + quantity(chart, value_at(chart.series[s], i));
  };
  if (chart.type == ChartType::region_map) {
    std::size_t best = n;
    std::size_t least = n;
    std::size_t missing = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto v = value_at(chart.series[0], i);
      if (!v) {
        ++missing;
        continue;
      }
      best = best == n || *v > *value_at(chart.series[0], best) ? i : best;
      least = least == n || *v < *value_at(chart.series[0], least) ? i : least;
    }
    text += ", a tessere colorate secondo il valore";
    if (best < n) {
      text += ": il più alto è " + item(best, 0) + ", il più basso " + item(least, 0);
    }
    if (missing > 0) {
      text += "; " + std::to_string(missing) + (missing == 1 ? " regione senza dato" : " regioni senza dato");
    }
    return text + ".";
  }
  if (chart.series.size() == 1 && n <= 8) {
    text += ": ";
    for (std::size_t i = 0; i < n; ++i) {
      text += (i > 0 ? ", " : "") + item(i, 0);
    }
    return text + ".";
  }
  if (chart.series.size() == 1) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < n; ++i) {
      const auto v = value_at(chart.series[0], i);
      const auto b = value_at(chart.series[0], best);
      best = v && (!b || *v > *b) ? i : best;
    }
    return text + " con " + std::to_string(n) + " valori, da " + item(0, 0) + " a " + item(n - 1, 0) +
           "; il più alto è " + item(best, 0) + ".";
  }
  std::string names;
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    names += (s == 0 ? "" : s + 1 == chart.series.size() ? " e " : ", ") + chart.series[s].name;
  }
  text += " con " + std::to_string(chart.series.size()) + " serie (" + names + ")";
  if (n * chart.series.size() <= 9) {
    text += ": ";
    for (std::size_t i = 0; i < n; ++i) {
      text += (i > 0 ? "; " : "") + label_at(chart, i) + ": ";
      for (std::size_t s = 0; s < chart.series.size(); ++s) {
        text += (s > 0 ? ", " : "") + chart.series[s].name + " " + quantity(chart, value_at(chart.series[s], i));
      }
    }
    return text + ".";
  }
  return text + " per " + std::to_string(n) + " voci, da " + label_at(chart, 0) + " a " + label_at(chart, n - 1) +
         ". I valori sono nella tabella dei dati.";
}

}  // namespace vetrina
