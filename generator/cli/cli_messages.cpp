#include "generator/cli/cli_messages.h"

#include <charconv>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina::cli {

namespace {

// What follows the first ": " of CLI11's message ("The following argument was
// not expected: --bogus"), or the whole message.
std::string after_colon(const std::string& message) {
  const auto colon = message.find(": ");
  return colon == std::string::npos ? message : message.substr(colon + 2);
}

// The text before `separator` in `message`, and the text after it; nullopt without it.
std::optional<std::pair<std::string, std::string>> split_at(const std::string& message, std::string_view separator) {
  const auto at = message.find(separator);
  if (at == std::string::npos) {
    return std::nullopt;
  }
  return std::pair{message.substr(0, at), message.substr(at + separator.size())};
}

std::string unexpected_arguments(const std::string& message, const CLI::App& app) {
  const std::string arguments = after_colon(message);
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options()) {
    for (const auto& name : option->get_lnames()) {
      names.push_back("--" + name);
    }
  }
  const bool several = arguments.find(' ') != std::string::npos;
  if (several) {
    return tr("these arguments are not expected: {}", arguments);
  }
  return tr("the argument '{}' is not expected", arguments) + util::did_you_mean_suffix(arguments, names);
}

}  // namespace

CLI::Validator whole_number(long min, long max) {
  return {[min, max](std::string& input) -> std::string {
            long value = 0;
            const char* end = input.data() + input.size();
            const auto [stop, error] = std::from_chars(input.data(), end, value);
            if (error != std::errc() || stop != end || value < min || value > max) {
              return tr("'{}' is not a whole number from {} to {}", input, std::to_string(min), std::to_string(max));
            }
            return {};
          },
          tr("from {} to {}", std::to_string(min), std::to_string(max))};
}

CLI::Validator one_of(std::vector<std::string> values) {
  std::string listed;
  for (const auto& value : values) {
    listed += (listed.empty() ? "" : ",") + value;
  }
  return {[values, listed](std::string& input) -> std::string {
            for (const auto& value : values) {
              if (input == value) {
                return {};
              }
            }
            return tr("'{}' is not one of {}", input, listed) + util::did_you_mean_suffix(input, values);
          },
          "{" + listed + "}"};
}

void localize(CLI::App& app) {
  const auto formatter = app.get_formatter();
  formatter->label("Usage", _("Usage"));
  formatter->label("OPTIONS", _("OPTIONS"));
  formatter->label("Positionals", _("Positionals"));
  formatter->label("REQUIRED", _("REQUIRED"));
  formatter->label("Excludes", _("Excludes"));
  formatter->label("Needs", _("Needs"));
  app.set_help_flag("-h,--help", _("print this help and exit"));
  for (CLI::Option* option : app.get_options()) {
    if (option->get_group() == "Options") {
      option->group(_("Options"));
    }
    // CLI11 writes the type of the value, then each check's description after
    // a ':' ("UINT:from 0 to 256"): the type is translated, the checks are ours.
    const std::string full = option->get_type_name();
    const std::string type = full.substr(0, full.find(':'));
    if (type == "TEXT") {
      option->type_name(_("TEXT"));
    } else if (type == "INT" || type == "UINT") {
      option->type_name(_("NUMBER"));
    } else if (type == "FLOAT") {
      option->type_name(_("NUMBER"));
    }
  }
}

std::string usage_error_message(const CLI::ParseError& error, const CLI::App& app) {
  const std::string message = error.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    return unexpected_arguments(message, app);
  }
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
    if (const auto parts = split_at(message, " is required")) {
      return tr("{} is required", parts->first);
    }
  }
  if (dynamic_cast<const CLI::ValidationError*>(&error) != nullptr) {
    // "NAME: what our check said" (the checks are translated already).
    return message;
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
    if (const auto parts = split_at(message, ": ")) {
      return tr("{} needs a value", parts->first);
    }
  }
  if (dynamic_cast<const CLI::ExcludesError*>(&error) != nullptr) {
    if (const auto parts = split_at(message, " excludes ")) {
      return tr("{} cannot be used together with {}", parts->first, parts->second);
    }
  }
  if (dynamic_cast<const CLI::RequiresError*>(&error) != nullptr) {
    if (const auto parts = split_at(message, " requires ")) {
      return tr("{} needs {} too", parts->first, parts->second);
    }
  }
  if (dynamic_cast<const CLI::ConversionError*>(&error) != nullptr) {
    return tr("a value is not valid ({})", message);
  }
  return tr("the command line is not valid ({})", message);
}

}  // namespace vetrina::cli
