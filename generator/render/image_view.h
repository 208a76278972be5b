#pragma once
// The template data of a published picture: an <img> with srcset, sizes,
// width and height (no layout shift), alt and credit. Used by story cards,
// story pages and galleries. Pure, thread-safe.

#include <string>

#include "generator/media/cover_image.h"
#include "generator/model/site.h"
#include "generator/render/template_data.h"

namespace vetrina {

// `src` is the largest size up to 960 px (what a browser without srcset
// gets); `sizes` is the <img sizes> attribute; `lazy` asks for
// loading="lazy". `published` must have at least one size.
TemplateData image_view(const PublishedImage& published, const std::string& alt, const std::string& credit,
                        const char* sizes, bool lazy);
// The same for an image of the content (its alt and credit).
TemplateData image_view(const ImageRef& image, const char* sizes, bool lazy);

}  // namespace vetrina
