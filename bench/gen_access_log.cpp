// Writes a synthetic nginx access log (combined format) for the report
// benchmark (bench/run-report-bench.sh, docs/performance.md): N lines over
// D days for the stories of a content folder, with the mix a real site sees:
// about 65 % pages by people (stories, lists, home, search with Italian
// words), 15 % assets and media, 18 % crawlers and scripts, a few malformed
// lines, referrers from the site itself (40 %) and from outside, phones. Deterministic for a seed.
// Usage: vetrina-bench-log --content DIR --lines N [--days D] [--seed S] > access.log

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace {

const char* const k_browsers[] = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 "
    "Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 "
    "Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile "
    "Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile "
    "Safari/537.36",
    "Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 "
    "Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
};
const char* const k_bots[] = {
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "curl/8.5.0",
    "-",
};
const char* const k_referrers[] = {
    "-",
    "-",
    "-",
    "https://www.google.com/",
    "https://www.google.it/",
    "https://www.facebook.com/",
    "https://t.co/x1y2z3",
    "https://duckduckgo.com/",
    "https://www.bing.com/",
    "https://etwinning.net/it/pub/index.htm",
};
const char* const k_words[] = {"orto",     "ambiente", "inglese", "coding", "robotica", "musica",     "teatro",
                               "lettere",  "europa",   "mare",    "storia", "clima",    "inclusione", "arte",
                               "primaria", "scienze",  "lingue",  "cibo",   "acqua",    "zanzibarite"};
const char* const k_levels[] = {"infanzia", "primaria", "secondaria-1", "secondaria-2"};
const char* const k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

template <typename T, std::size_t N>
const T& pick(const T (&items)[N], std::mt19937_64& random) {
  return items[random() % N];
}

}  // namespace

int main(int argc, char** argv) {
  std::string content = "content";
  long long lines = 1'000'000;
  int days = 90;
  unsigned long long seed = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--content") {
      content = argv[i + 1];
    } else if (flag == "--lines") {
      lines = std::atoll(argv[i + 1]);
    } else if (flag == "--days") {
      days = std::atoi(argv[i + 1]);
    } else if (flag == "--seed") {
      seed = std::strtoull(argv[i + 1], nullptr, 10);
    } else {
      std::fprintf(stderr, "usage: vetrina-bench-log --content DIR --lines N [--days D] [--seed S]\n");
      return 2;
    }
  }
  std::vector<std::string> slugs;
  for (const auto& entry : std::filesystem::directory_iterator(content + "/stories")) {
    if (entry.is_directory()) {
      slugs.push_back(entry.path().filename().string());
    }
  }
  if (slugs.empty() || days < 1) {
    std::fprintf(stderr, "vetrina-bench-log: no stories in %s/stories\n", content.c_str());
    return 2;
  }
  std::sort(slugs.begin(), slugs.end());
  // The site's own address (internal navigation): base_url of site.yaml.
  std::string own = "https://etwinning.example.it";
  if (std::FILE* site = std::fopen((content + "/site.yaml").c_str(), "r")) {
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, site) != nullptr) {
      std::string text = buffer;
      if (text.rfind("base_url:", 0) == 0) {
        const auto first = text.find('"');
        const auto last = text.rfind('"');
        if (first != std::string::npos && last > first) {
          own = text.substr(first + 1, last - first - 1);
        }
      }
    }
    std::fclose(site);
  }
  std::mt19937_64 random(seed);
  std::string line;
  for (long long n = 0; n < lines; ++n) {
    const int day_index = static_cast<int>(n * days / lines);  // chronological, like a real log
    const int month = day_index / 28;
    const int day = day_index % 28 + 1;
    const int year = 2026 + month / 12;
    char when[64];
    std::snprintf(when, sizeof when, "%02d/%s/%04d:%02d:%02d:%02d +0100", day, k_months[month % 12], year,
                  static_cast<int>(random() % 24), static_cast<int>(random() % 60), static_cast<int>(random() % 60));
    char address[32];
    std::snprintf(address, sizeof address, "%d.%d.%d.%d", 10 + static_cast<int>(random() % 200),
                  static_cast<int>(random() % 256), static_cast<int>(random() % 256), static_cast<int>(random() % 256));
    const auto roll = random() % 1000;
    if (roll < 2) {
      line = std::string(address) + " - - [" + when + "] \"\\x16\\x03\\x01\\x00\\xa5\" 400 157 \"-\" \"-\"";
      std::puts(line.c_str());
      continue;
    }
    const bool bot = roll < 180;
    std::string target;
    int status = 200;
    const auto kind = random() % 100;
    // Stories follow a skewed popularity: a few are read far more.
    const std::size_t story = static_cast<std::size_t>(std::min<double>(
        static_cast<double>(slugs.size() - 1),
        static_cast<double>(slugs.size()) * std::pow(static_cast<double>(random() % 10000) / 10000.0, 3.0)));
    if (kind < 45) {
      target = "/esperienze/" + slugs[story] + "/";
    } else if (kind < 55) {
      target = "/assets/style.css?v=3f2a";
    } else if (kind < 62) {
      target = "/media/" + std::to_string(random() % 100000) + "-480.webp";
    } else if (kind < 70) {
      target = std::string("/esperienze/livello/") + pick(k_levels, random) + "/";
    } else if (kind < 76) {
      target = "/";
    } else if (kind < 88) {
      target = std::string("/cerca/?q=") + pick(k_words, random) + "+" + pick(k_words, random);
      if (random() % 4 == 0) {
        target += std::string("&livello=") + pick(k_levels, random);
      }
    } else if (kind < 92) {
      target = std::string("/api/search?q=") + pick(k_words, random);
    } else if (kind < 96) {
      target = "/esperienze/pagina/" + std::to_string(2 + random() % 20) + "/";
    } else if (kind < 98) {
      target = "/feed.xml";
    } else {
      target = "/wp-login.php";
      status = 404;
    }
    if (status == 200 && random() % 10 == 0) {
      status = 304;
    }
    line = std::string(address) + " - - [" + when + "] \"GET " + target + " HTTP/1.1\" " + std::to_string(status) +
           " " + std::to_string(random() % 20000) + " \"" +
           (random() % 100 < 40 ? own + "/esperienze/" : std::string(pick(k_referrers, random))) + "\" \"" +
           (bot ? pick(k_bots, random) : pick(k_browsers, random)) + "\"";
    std::puts(line.c_str());
  }
  return 0;
}
