#include "generator/render/template_data.h"

namespace vetrina {

void set_if(TemplateData& target, const std::string& key, const std::string& value) {
  if (!value.empty()) {
    target.set(key, value);
  }
}

}  // namespace vetrina
