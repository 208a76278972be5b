#pragma once
// The data a Mustache template receives (kainjow's `data`), and the one rule
// every view follows when filling it. Pure, thread-safe.

#include <string>

#include <kainjow/mustache.hpp>

namespace vetrina {

using TemplateData = kainjow::mustache::data;

// Sets `key` only when `value` is not empty: in Mustache an empty string is
// still "true", so optional text must be absent to hide its section.
void set_if(TemplateData& target, const std::string& key, const std::string& value);

}  // namespace vetrina
