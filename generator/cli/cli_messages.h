#pragma once
// CLI11's own words, in the language of the other messages: the type names
// and group labels of --help, the checks of option values (their help text and
// their error), and the usage errors CLI11 throws, translated by kind.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace vetrina::cli {

// A whole number from `min` to `max`: "da 0 a 256" in --help, an Italian error otherwise.
CLI::Validator whole_number(long min, long max);
// One of `values`: "{text,github,json}" in --help, an Italian error otherwise.
CLI::Validator one_of(std::vector<std::string> values);
// The labels, type names and help flag of `app`, translated. Call after adding the options.
void localize(CLI::App& app);
// The message of a usage error `error` of `app`, translated.
std::string usage_error_message(const CLI::ParseError& error, const CLI::App& app);

}  // namespace vetrina::cli
