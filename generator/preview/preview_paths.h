#pragma once
// The path arithmetic of the live preview: folders named with or without a
// trailing slash, whether a changed path lies in a folder, a path's last
// component. Plain strings ('/'-separated, as the watcher reports them), no
// file system access. Pure functions, thread-safe.

#include <string>

namespace vetrina {

// "content/" -> "content"; "/" stays "/".
std::string without_trailing_slash(std::string path);
// Whether `path` is `folder` or inside it ("content/x" is under "content",
// "contents" is not).
bool is_under(const std::string& path, const std::string& folder);
// "content/stories/a" -> "a"; a path without '/' is returned as it is.
std::string last_component(const std::string& path);

}  // namespace vetrina
