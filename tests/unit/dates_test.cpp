#include "generator/content/dates.h"

#include <doctest/doctest.h>

#include "tests/unit/test_support.h"

using vetrina::parse_date;

TEST_SUITE("dates") {
  TEST_CASE("parse_date accepts real calendar dates written YYYY-MM-DD only") {
    struct Case {
      std::string text;
      bool valid;
    };
    const Case cases[] = {
        {"2016-05-10", true},   {"2020-02-29", true},  {"2000-02-29", true},  {"2019-12-31", true},
        {"1900-01-01", true},   {"2019-02-30", false}, {"2019-02-29", false}, {"1900-02-29", false},
        {"2019-04-31", false},  {"2019-13-01", false}, {"2019-00-10", false}, {"2019-05-00", false},
        {"2019-5-10", false},   {"10/05/2016", false}, {"2016-05-1x", false}, {"1899-12-31", false},
        {"2016-05-10 ", false}, {"", false},
    };
    for (const auto& c : cases) {
      CAPTURE(c.text);
      CHECK(parse_date(c.text).has_value() == c.valid);
    }
    const auto date = parse_date("2016-05-10");
    REQUIRE(date.has_value());
    CHECK(date->year == 2016);
    CHECK(date->month == 5);
    CHECK(date->day == 10);
    CHECK(date->iso() == "2016-05-10");
  }
}
