// `vetrina strip-metadata PATH...`: removes the GPS position and personal
// metadata from JPEG photos in place (see generator/media/photo_metadata.h),
// so the originals under content/ are safe to commit. A folder means every
// .jpg/.jpeg inside it. The image data is not re-encoded; each file is
// replaced atomically (temporary file + rename) and only when it changes.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "generator/cli/command.h"
#include "generator/media/photo_metadata.h"
#include "generator/util/i18n.h"

namespace vetrina::cli {

namespace {

bool is_jpeg_name(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".jpg" || ext == ".jpeg";
}

}  // namespace

int run_strip_metadata(const std::vector<std::string>& args) {
  CLI::App app{_("Remove the GPS position and personal metadata from JPEG photos, in place (no re-encoding)."),
               "strip-metadata"};
  std::vector<std::string> paths;
  app.add_option("paths", paths, _("photos, or folders to search for .jpg/.jpeg photos"))->required();
  if (auto code = parse(app, args)) {
    return *code;
  }
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && is_jpeg_name(it->path())) {
          files.push_back(it->path());
        }
      }
    } else {
      files.emplace_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  int code = 0;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "%s: %s: %s\n", file.c_str(), _("error"), _("cannot read the file"));
      code = 1;
      continue;
    }
    std::ostringstream text;
    text << in.rdbuf();
    in.close();
    const std::string bytes = text.str();
    const auto stripped = strip_photo_metadata(bytes);
    if (!stripped) {
      std::fprintf(stderr, "%s: %s: %s\n", file.c_str(), _("error"), stripped.error().c_str());
      code = 1;
      continue;
    }
    if (*stripped == bytes) {
      std::printf("%s\n", tr("{}: nothing to remove", file.string()).c_str());
      continue;
    }
    const fs::path temp = file.string() + ".vetrina-tmp";
    {
      std::ofstream out(temp, std::ios::binary | std::ios::trunc);
      out.write(stripped->data(), static_cast<std::streamsize>(stripped->size()));
      if (!out) {
        std::fprintf(stderr, "%s: %s: %s\n", file.c_str(), _("error"), _("cannot write the file"));
        std::error_code ignored;
        fs::remove(temp, ignored);
        code = 1;
        continue;
      }
    }
    std::error_code ec;
    fs::permissions(temp, fs::status(file, ec).permissions(), ec);
    fs::rename(temp, file, ec);
    if (ec) {
      std::fprintf(stderr, "%s: %s: %s\n", file.c_str(), _("error"), ec.message().c_str());
      fs::remove(temp, ec);
      code = 1;
      continue;
    }
    std::printf("%s\n", tr("{}: metadata removed ({} bytes less)", file.string(),
                           std::to_string(bytes.size() - stripped->size()))
                            .c_str());
  }
  return code;
}

}  // namespace vetrina::cli
