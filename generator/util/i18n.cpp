#include "generator/util/i18n.h"

#include <libintl.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace vetrina::i18n {

namespace {

constexpr const char* k_domain = "vetrina";
bool g_italian = false;

// The first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set decides;
// only an English one turns Italian off (C, POSIX or nothing stay Italian:
// the editors' machines and CI runners often have no locale set at all).
bool english_requested() {
  for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') {
      continue;
    }
    const std::string_view v(value);
    if (v == "C" || v == "POSIX" || v.starts_with("C.")) {
      continue;
    }
    return v.starts_with("en");
  }
  return false;
}

std::string locale_dir(const char* argv0) {
  if (const char* dir = std::getenv("VETRINA_LOCALEDIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec && argv0 != nullptr) {
    exe = fs::absolute(argv0, ec);
  }
  const fs::path dir = exe.parent_path();
  for (const fs::path& candidate : {dir / "locale", dir / ".." / "share" / "locale", dir / ".." / "locale"}) {
    if (fs::exists(candidate / "it" / "LC_MESSAGES" / "vetrina.mo", ec)) {
      return candidate.string();
    }
  }
  return (dir / ".." / "share" / "locale").string();
}

}  // namespace

void init(const char* argv0) {
  if (english_requested()) {
    g_italian = false;
    return;
  }
  // gettext translates only under a locale other than "C"; C.UTF-8 is built
  // into glibc, so Italian works even where no it_IT locale is installed.
  // Only LC_MESSAGES changes: numbers and sorting stay as they were.
  if (std::setlocale(LC_MESSAGES, "C.UTF-8") == nullptr) {
    std::setlocale(LC_MESSAGES, "");
  }
  setenv("LANGUAGE", "it", 1);
  bindtextdomain(k_domain, locale_dir(argv0).c_str());
  bind_textdomain_codeset(k_domain, "UTF-8");
  textdomain(k_domain);
  g_italian = true;
}

bool italian() {
  return g_italian;
}

const char* translate(const char* msgid) {
  if (!g_italian) {
    return msgid;
  }
  return dgettext(k_domain, msgid);
}

std::string plural(const char* one, const char* many, std::size_t count) {
  const char* pattern = g_italian ? dngettext(k_domain, one, many, count) : (count == 1 ? one : many);
  // format() translates again: a translated text is not itself a msgid, so
  // gettext hands it back unchanged.
  const std::string n = std::to_string(count);
  std::string out;
  const std::string_view text(pattern);
  const auto at = text.find("{}");
  if (at == std::string_view::npos) {
    return std::string(text);
  }
  out.append(text.substr(0, at)).append(n).append(text.substr(at + 2));
  return out;
}

std::string format(const char* msgid, std::initializer_list<std::string_view> args) {
  const std::string_view pattern(translate(msgid));
  std::string out;
  out.reserve(pattern.size() + 32);
  auto arg = args.begin();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 1 < pattern.size() && pattern[i + 1] == '}' && arg != args.end()) {
      out += *arg++;
      ++i;
      continue;
    }
    // "{2}": the second value, for a translation that puts the words in
    // another order ("{2}: manca il campo '{1}'").
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 1] >= '1' && pattern[i + 1] <= '9' &&
        pattern[i + 2] == '}') {
      const auto n = static_cast<std::size_t>(pattern[i + 1] - '1');
      if (n < args.size()) {
        out += *(args.begin() + n);
        i += 2;
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

}  // namespace vetrina::i18n
