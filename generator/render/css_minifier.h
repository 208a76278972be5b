#pragma once
// Stylesheet minification for the theme's static files: the theme's CSS is
// written to be read (comments, one rule per line) and served without its
// comments and the whitespace a browser does not need. Pure function, no
// state: safe from any thread.

#include <string>
#include <string_view>

namespace vetrina {

// `css` without comments, with runs of whitespace made one space and that
// space dropped where no token needs it (around { } ; , > ~, after : and (,
// before )), and without the ';' before '}'. Quoted strings are copied as
// written; spaces that carry meaning stay: before ':' and '(' ("a :hover",
// "and (min-width...)") and around + and - (calc()). An unterminated comment
// or string runs to the end of the text, as in a browser.
std::string minify_css(std::string_view css);

}  // namespace vetrina
