# Warnings and hardening for our own targets only (never on stb, kainjow or doctest,
# which are included as SYSTEM headers).
function(vetrina_standard_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
    -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
  if(VETRINA_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  target_compile_definitions(${target} PRIVATE $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)
  if(VETRINA_SANITIZE)
    # Any report stops the process (UBSan only prints by default).
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=all
                           -fno-omit-frame-pointer)
    # GCC 12 reports false "may be used uninitialized" in <regex> and
    # <functional> when instrumenting (its manual warns about this); the
    # normal build keeps the warning.
    target_compile_options(${target} PRIVATE $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
    # PUBLIC: whatever links vetrina_lib (bench tools too) needs the runtimes.
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
  endif()
  if(VETRINA_CLANG_TIDY)
    set_target_properties(${target} PROPERTIES CXX_CLANG_TIDY "clang-tidy")
  endif()
endfunction()
