#pragma once
// Messages an editor reads, through GNU gettext (text domain "vetrina").
// Message ids are English in the code; po/it.po holds the Italian text,
// compiled by msgfmt at build time into <build>/locale/it/LC_MESSAGES.
// Italian is the default: English only when LANGUAGE, LC_ALL, LC_MESSAGES
// or LANG (the first one set) asks for it ("en", "en_GB.UTF-8", ...).
// Without init() (unit tests) every message stays in English.
//
// Marking: _("text") for a plain message, tr("text with {} and {}", a, b)
// when values go in. A translation takes them in order with "{}", or in its
// own order of words with "{1}", "{2}", ... (each value used once).
// i18n::plural("{} error", "{} errors", n) when the words follow a count.
// xgettext -k_ -ktr -kplural:1,2 finds them (scripts/update-po.sh).

#include <initializer_list>
#include <string>
#include <string_view>

namespace vetrina::i18n {

// Select the language and bind the catalog. `argv0` locates the catalog next
// to the binary (build tree: <dir>/locale; installed: <dir>/../share/locale);
// VETRINA_LOCALEDIR overrides both.
void init(const char* argv0);
// True when messages are translated into Italian.
bool italian();
// The translation of `msgid` (itself when none).
const char* translate(const char* msgid);
// The singular or plural translation for `count` (Italian and English: one
// form for 1, the other for the rest), with "{}" replaced by the count.
std::string plural(const char* one, const char* many, std::size_t count);
// The translation of `msgid` with each "{}" replaced by the next argument and
// each "{N}" (N = 1..9) by the N-th.
std::string format(const char* msgid, std::initializer_list<std::string_view> args);

}  // namespace vetrina::i18n

namespace vetrina {

inline const char* _(const char* msgid) {
  return i18n::translate(msgid);
}

template <typename... Args>
std::string tr(const char* msgid, const Args&... args) {
  return i18n::format(msgid, {std::string_view(args)...});
}

}  // namespace vetrina
