#include "generator/media/media.h"

#include <numeric>
#include <set>
#include <stdexcept>

#include "generator/media/image_pipeline.h"
#include "generator/util/hash.h"
#include "generator/util/i18n.h"
#include "generator/util/parallel.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

bool inside_folder(const std::string& name) {
  return !name.empty() && name[0] != '/' && name.find("..") == std::string::npos &&
         name.find('\\') == std::string::npos && name.find("://") == std::string::npos;
}

std::string extension_of(const std::string& name) {
  const auto dot = name.rfind('.');
  return dot == std::string::npos ? "" : util::to_lower_ascii(name.substr(dot + 1));
}

}  // namespace

MediaSummary process_media(Site& site, const util::FileSystem& fs, BuildCache& cache, unsigned jobs,
                           DiagnosticBag& diagnostics, BuildStatus& status) {
  std::vector<std::size_t> all(site.stories.size());
  std::iota(all.begin(), all.end(), std::size_t{0});
  return process_media(site, all, fs, cache, jobs, diagnostics, status);
}

MediaSummary process_media(Site& site, const std::vector<std::size_t>& stories, const util::FileSystem& fs,
                           BuildCache& cache, unsigned jobs, DiagnosticBag& diagnostics, BuildStatus& status) {
  // One job per photo, so a story with many photos does not hold up a thread.
  struct Job {
    Story* story;
    ImageRef* image;  // or nullptr for a video poster
    VideoRef* video;
    bool og;
  };
  std::vector<Job> jobs_list;
  for (const std::size_t index : stories) {
    Story& story = site.stories[index];
    if (story.cover) {
      jobs_list.push_back({&story, &*story.cover, nullptr, true});
    }
    for (auto& image : story.gallery) {
      jobs_list.push_back({&story, &image, nullptr, false});
    }
    for (auto& video : story.videos) {
      if (!video.poster.empty()) {
        jobs_list.push_back({&story, nullptr, &video, false});
      }
    }
  }
  status.phase("foto", jobs_list.size());
  ImagePipeline pipeline(fs, cache, site.config.image_widths, site.config.image_limits);
  util::parallel_for(jobs_list.size(), jobs, [&](std::size_t i) {
    const Job& job = jobs_list[i];
    const std::string& name = job.image != nullptr ? job.image->src.value : job.video->poster;
    const Location where = job.image != nullptr ? job.image->src.location : job.video->location;
    const std::string path = util::join_path(job.story->folder, name);
    // Missing files and bad paths were reported by the validator.
    if (inside_folder(name) && fs.check_file(path, {job.story->folder, site.config.image_limits.max_bytes}).ok()) {
      auto published = pipeline.process(path, job.story->folder, where, job.og, diagnostics);
      if (job.image != nullptr) {
        job.image->published = std::move(published);
      } else {
        job.video->poster_image = std::move(published);
      }
    }
    status.step(path);
  });
  // Local videos are published as they are, under a content-addressed name.
  for (const std::size_t index : stories) {
    Story& story = site.stories[index];
    for (auto& video : story.videos) {
      const std::string path = util::join_path(story.folder, video.src);
      const util::FileLimits limits{story.folder, site.config.file_limits.max_file_bytes};
      if (!video.src.empty() && inside_folder(video.src) && fs.check_file(path, limits).ok()) {
        const auto bytes = fs.read_file(path, limits);
        if (!bytes) {
          diagnostics.error(video.location, tr("cannot read video {}: {}", path, bytes.error()));
          continue;
        }
        video.published_url = "/media/" + util::content_hash(*bytes) + "." + extension_of(video.src);
      }
    }
  }
  MediaSummary summary;
  summary.photos = pipeline.stats().images.load();
  summary.decoded = pipeline.stats().decoded.load();
  summary.from_cache = pipeline.stats().cache_hits.load();
  return summary;
}

void write_media(const Site& site, const BuildCache& cache, const util::FileSystem& fs, OutputSink& out) {
  std::set<std::string> written;
  // The inputs of a content-addressed file are its name.
  auto name_inputs = [](const std::string& url) { return util::hash64(url) | 1; };
  auto copy_variant = [&](const ImageVariant& variant) {
    if (!written.insert(variant.url).second || out.reuse(variant.url.substr(1), name_inputs(variant.url))) {
      return;
    }
    const auto bytes = cache.read(variant.cache_name);
    if (!bytes) {
      throw std::runtime_error(tr("the build cache lost {}: build again", cache.path_of(variant.cache_name)));
    }
    out.write(variant.url.substr(1), *bytes, name_inputs(variant.url));
  };
  auto copy_image = [&](const std::optional<PublishedImage>& image) {
    if (!image) {
      return;
    }
    for (const auto& size : image->sizes) {
      copy_variant(size);
    }
    if (image->og) {
      copy_variant(*image->og);
    }
  };
  for (const auto& story : site.stories) {
    if (story.cover) {
      copy_image(story.cover->published);
    }
    for (const auto& image : story.gallery) {
      copy_image(image.published);
    }
    for (const auto& video : story.videos) {
      copy_image(video.poster_image);
      if (!video.published_url.empty() && written.insert(video.published_url).second &&
          !out.reuse(video.published_url.substr(1), name_inputs(video.published_url))) {
        const auto bytes = fs.read_file(util::join_path(story.folder, video.src),
                                        {story.folder, site.config.file_limits.max_file_bytes});
        if (!bytes) {
          throw std::runtime_error(tr("cannot read {}: {}", util::join_path(story.folder, video.src), bytes.error()));
        }
        out.write(video.published_url.substr(1), *bytes, name_inputs(video.published_url));
      }
    }
  }
}

}  // namespace vetrina
