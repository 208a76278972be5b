# All third-party dependencies come from Debian 12 packages (see scripts/install-deps.sh).
# Header-only libraries are included as SYSTEM so our warnings never fire on them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
pkg_check_modules(CMARK_GFM REQUIRED IMPORTED_TARGET libcmark-gfm)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(XAPIAN REQUIRED IMPORTED_TARGET xapian-core)

find_library(CMARK_GFM_EXTENSIONS_LIB NAMES cmark-gfm-extensions REQUIRED)
find_path(KAINJOW_MUSTACHE_INCLUDE kainjow/mustache.hpp REQUIRED)
find_path(HTTPLIB_INCLUDE httplib.h REQUIRED)
find_path(STB_INCLUDE stb/stb_image.h REQUIRED)

pkg_check_modules(EXIF REQUIRED IMPORTED_TARGET libexif)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)  # util::PackedText
find_package(ZLIB REQUIRED)  # gzip-rotated access logs (vetrina report)

# stb's implementation in its own target, without our warnings.
add_library(vetrina_stb STATIC "${CMAKE_SOURCE_DIR}/generator/media/stb_impl.c")
target_include_directories(vetrina_stb SYSTEM PUBLIC ${STB_INCLUDE}/stb)
set_target_properties(vetrina_stb PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_link_libraries(vetrina_stb PUBLIC m)
if(VETRINA_FUZZ)
  # stb_image_write's JPEG bit writer shifts into the sign bit of an int
  # (defined by every compiler we use, undefined in ISO C): not a finding.
  target_compile_options(vetrina_stb PRIVATE -fno-sanitize=shift-base)
endif()

add_library(vetrina_deps INTERFACE)
add_library(vetrina::deps ALIAS vetrina_deps)
target_include_directories(vetrina_deps SYSTEM INTERFACE
  ${KAINJOW_MUSTACHE_INCLUDE} ${HTTPLIB_INCLUDE} ${STB_INCLUDE}/stb)
target_link_libraries(vetrina_deps INTERFACE
  PkgConfig::CMARK_GFM ${CMARK_GFM_EXTENSIONS_LIB} PkgConfig::HTTPLIB PkgConfig::XAPIAN PkgConfig::EXIF PkgConfig::UTF8PROC PkgConfig::XXHASH PkgConfig::ZSTD ZLIB::ZLIB vetrina_stb
  yaml-cpp CLI11::CLI11 nlohmann_json::nlohmann_json Threads::Threads)
