#include "generator/render/image_view.h"

namespace vetrina {

TemplateData image_view(const PublishedImage& published, const std::string& alt, const std::string& credit,
                        const char* sizes, bool lazy) {
  TemplateData view;
  const ImageVariant* fallback = &published.sizes.front();
  std::string srcset;
  for (const auto& size : published.sizes) {
    if (size.width <= 960) {
      fallback = &size;
    }
    srcset += (srcset.empty() ? "" : ", ") + size.url + " " + std::to_string(size.width) + "w";
  }
  view.set("src", fallback->url);
  view.set("srcset", srcset);
  view.set("sizes", std::string(sizes));
  view.set("width", std::to_string(fallback->width));
  view.set("height", std::to_string(fallback->height));
  view.set("alt", alt);
  view.set("lazy", lazy);
  view.set("large", published.sizes.back().url);
  if (!credit.empty()) {
    view.set("credit", credit);
  }
  return view;
}

TemplateData image_view(const ImageRef& image, const char* sizes, bool lazy) {
  return image_view(*image.published, image.alt, image.credit, sizes, lazy);
}

}  // namespace vetrina
