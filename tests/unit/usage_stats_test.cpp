// The search service's own counts: user agents, the daily usage file, the recorder.
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "generator/util/file_system.h"
#include "generator/util/strings.h"
#include "search/service/usage_file.h"
#include "search/service/usage_recorder.h"
#include "search/service/user_agent.h"
#include "test_support.h"

namespace vetrina::search {

TEST_CASE("device classes from user agents") {
  CHECK(device_class("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36") ==
        DeviceClass::computer);
  CHECK(device_class("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.1 Safari") ==
        DeviceClass::computer);
  CHECK(device_class("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) Mobile/15E148 Safari/604.1") ==
        DeviceClass::telefono);
  CHECK(device_class("Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/120.0 Mobile Safari/537.36") ==
        DeviceClass::telefono);
  CHECK(device_class("Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148") ==
        DeviceClass::tablet);
  CHECK(device_class("Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 Chrome/120.0 Safari/537.36") ==
        DeviceClass::tablet);
  CHECK(device_class("something") == DeviceClass::altro);
  CHECK(parse_device_class("telefono") == DeviceClass::telefono);
  CHECK_FALSE(parse_device_class("phone"));
}

TEST_CASE("bots: the compiled-in list, empty agents, browsers are not bots") {
  CHECK(is_bot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"));
  CHECK(is_bot("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2)"));
  CHECK(is_bot("facebookexternalhit/1.1"));
  CHECK(is_bot("curl/8.5.0"));
  CHECK(is_bot(""));
  CHECK(is_bot("-"));
  CHECK_FALSE(is_bot("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"));
  CHECK_FALSE(is_bot("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) Mobile/15E148 Safari/604.1"));
  CHECK_FALSE(is_bot("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"));
  CHECK_FALSE(
      is_bot("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
             "Version/17.1 Safari/605.1.15"));
  CHECK_FALSE(
      is_bot("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
             "Chrome/120.0.0.0 Mobile Safari/537.36"));
  CHECK_FALSE(
      is_bot("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
             "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0"));
  CHECK(classify_agent("Mozilla/5.0 (compatible; bingbot/2.0)").bot);
  CHECK(classify_agent("Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X)").device == DeviceClass::tablet);
  CHECK(parse_bot_patterns("# comment\n  GoogleBot  \n\nfoo # trailing\n") ==
        std::vector<std::string>{"googlebot", "foo"});
  CHECK(bot_patterns().size() > 50);
}

TEST_CASE("queries are normalised within the documented limits") {
  CHECK(normalise_query("  Orto   SCUOLA\t") == "orto scuola");
  CHECK(normalise_query("CITTÀ Ègalité") == "città ègalité");
  CHECK(normalise_query("scrivimi a mario.rossi@example.org grazie") == "scrivimi a [email] grazie");
  CHECK(normalise_query("tel 3331234567") == "tel [numero]");
  CHECK(normalise_query("progetti 2019") == "progetti 2019");
  CHECK(normalise_query("a\nb\x01"
                        "c") == "a b c");
  CHECK(normalise_query("bad \xff\xfe bytes") == "bad bytes");
  const std::string long_query(200, 'x');
  CHECK(normalise_query(long_query).size() == k_max_recorded_query_chars);
  std::string accents;
  for (int i = 0; i < 100; ++i) {
    accents += "è";
  }
  CHECK(util::utf8_length(normalise_query(accents)) == k_max_recorded_query_chars);
  CHECK(util::is_valid_utf8(normalise_query(accents)));
}

TEST_CASE("filters key lists selected values facet by facet") {
  SearchRequest request;
  CHECK(filters_key(request) == "");
  request.selected[0] = {"primaria", "infanzia"};
  request.selected[1] = {"stem"};
  CHECK(filters_key(request) == "livello=primaria,infanzia;competenza=stem");
}

TEST_CASE("a usage file round-trips, sorted, and rejects bad lines with their number") {
  UsageDay day;
  day.day = "2026-12-06";
  day.counts[search_key(DeviceClass::telefono, 0, "livello=primaria", "robotica")] = 3;
  day.counts[search_key(DeviceClass::computer, 12, "", "orto")] = 5;
  day.counts[click_key(DeviceClass::computer, "/esperienze/orto/", "orto")] = 2;
  const std::string text = format_usage_file(day);
  CHECK(text ==
        "vetrina-usage\t1\t2026-12-06\n"
        "click\t2\tcomputer\t/esperienze/orto/\torto\n"
        "search\t5\tcomputer\t12\t\torto\n"
        "search\t3\ttelefono\t0\tlivello=primaria\trobotica\n");
  const auto back = parse_usage_file(text);
  REQUIRE(back);
  CHECK(back->day == "2026-12-06");
  CHECK(back->counts == day.counts);
  const auto bad_count = parse_usage_file("vetrina-usage\t1\t2026-12-06\nsearch\tx\tcomputer\t1\t\tq\n");
  CHECK_FALSE(bad_count);
  CHECK(bad_count.error() == "line 2: the count is not a positive number");
  const auto bad_version = parse_usage_file("vetrina-usage\t2\t2026-12-06\n");
  CHECK_FALSE(bad_version);
  CHECK(bad_version.error() == "line 1: format version 2 (this vetrina reads 1)");
  const auto bad_record = parse_usage_file("vetrina-usage\t1\t2026-12-06\nclick\t1\tcomputer\tnot-a-path\tq\n");
  CHECK_FALSE(bad_record);
  CHECK(bad_record.error() == "line 2: unknown record");
}

TEST_CASE("a usage file is bounded: the smallest counts become 'other'") {
  UsageDay day;
  day.day = "2026-12-06";
  for (std::size_t i = 0; i < k_max_usage_entries + 10; ++i) {
    day.counts[search_key(DeviceClass::computer, 1, "", "q" + std::to_string(i))] = i < 10 ? 1 : 100;
  }
  const auto back = parse_usage_file(format_usage_file(day));
  REQUIRE(back);
  CHECK(back->counts.size() == k_max_usage_entries + 1);
  CHECK(back->counts.at("other\tsearch") == 10);
}

TEST_CASE("days and file names") {
  CHECK(day_number("1970-01-01") == 0);
  CHECK(day_number("2024-03-01").value() - day_number("2024-02-28").value() == 2);
  CHECK_FALSE(day_number("2023-02-29"));
  CHECK_FALSE(day_number("2023-13-01"));
  CHECK(usage_file_day("usage-2026-12-06.tsv") == "2026-12-06");
  CHECK_FALSE(usage_file_day("usage-2026-12-06.tsv.unreadable"));
  CHECK_FALSE(usage_file_day("notes.txt"));
}

TEST_CASE("the recorder merges into daily files on flush and deletes files past retention") {
  test::TempDir dir;
  std::time_t now = 1'780'000'000;  // a fixed moment
  const std::string today = local_day(now);
  // An old file beyond retention and one within it.
  const std::string old_day = local_day(now - 400 * 86400);
  const std::string recent_day = local_day(now - 10 * 86400);
  util::write_file_atomically(dir / ("usage-" + old_day + ".tsv"), "vetrina-usage\t1\t" + old_day + "\n");
  util::write_file_atomically(dir / ("usage-" + recent_day + ".tsv"), "vetrina-usage\t1\t" + recent_day + "\n");
  {
    UsageOptions options;
    options.dir = dir.path().string();
    options.keep_days = 366;
    options.clock = [&now] { return now; };
    UsageRecorder recorder(options);
    SearchRequest request;
    request.query = "Orto  Botanico";
    recorder.record_search(request, 4, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) Mobile");
    recorder.record_search(request, 4, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) Mobile");
    recorder.record_click("orto botanico", "/esperienze/orto/", "Mozilla/5.0 (Windows NT 10.0)");
    REQUIRE(recorder.flush().ok());
    recorder.record_search(request, 4, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) Mobile");
  }  // the destructor flushes again: counts are added to the file, not replaced
  const auto text = util::read_whole_file(dir / ("usage-" + today + ".tsv"));
  REQUIRE(text);
  CHECK(*text == "vetrina-usage\t1\t" + today +
                     "\n"
                     "click\t1\tcomputer\t/esperienze/orto/\torto botanico\n"
                     "search\t3\ttelefono\t4\t\torto botanico\n");
  CHECK_FALSE(std::filesystem::exists(dir / ("usage-" + old_day + ".tsv")));
  CHECK(std::filesystem::exists(dir / ("usage-" + recent_day + ".tsv")));
}

// What the recorder has to say goes to its log, never to the terminal.
class WarningsKept final : public ServiceLog {
 public:
  void request(std::string_view) override {}
  void warning(std::string_view message) override {
    const std::lock_guard lock(m_mutex);
    m_warnings.emplace_back(message);
  }
  std::vector<std::string> warnings() const {
    const std::lock_guard lock(m_mutex);
    return m_warnings;
  }

 private:
  mutable std::mutex m_mutex;
  std::vector<std::string> m_warnings;
};

TEST_CASE("the recorder tells its log when the counts cannot be saved") {
  test::TempDir dir;
  std::time_t now = 1'780'000'000;  // a fixed moment
  const std::filesystem::path stats = dir / "stats";
  auto log = std::make_shared<WarningsKept>();
  {
    UsageOptions options;
    options.dir = stats.string();
    options.clock = [now] { return now; };
    options.log = log;
    UsageRecorder recorder(options);
    recorder.record_click("orto", "/esperienze/orto/", "Mozilla/5.0 (Windows NT 10.0)");
    // The folder is gone and a file stands in its place: nothing can be written.
    std::filesystem::remove_all(stats);
    util::write_file_atomically(stats.string(), "not a folder");
  }  // the final flush fails
  const auto warnings = log->warnings();
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].starts_with("statistics: "));
  CHECK(warnings[0].find("usage-" + local_day(now) + ".tsv") != std::string::npos);
}

}  // namespace vetrina::search
