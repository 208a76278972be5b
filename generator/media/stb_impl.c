/* stb's implementations (stb_truetype draws generated covers with the
   theme's own font, never a file editors upload), compiled once in their own target without our
   warnings (cmake/Dependencies.cmake). Only JPEG and PNG are decoded: the
   fewer formats, the smaller the attack surface for files editors upload. */
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_JPEG
#define STBI_ONLY_PNG
#define STBI_NO_STDIO
#define STBI_FAILURE_USERMSG
#include <stb_image.h>

#define STB_IMAGE_RESIZE_IMPLEMENTATION
#include <stb_image_resize.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#include <stb_image_write.h>

#define STB_TRUETYPE_IMPLEMENTATION
#include <stb_truetype.h>
