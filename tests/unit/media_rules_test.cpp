#include "generator/check/media_rules.h"

#include <doctest/doctest.h>

#include "tests/unit/check_support.h"

using vetrina::test::add_story;
using vetrina::test::check;
using vetrina::test::k_p;
using vetrina::test::k_story_folder;
using vetrina::test::run;
using vetrina::test::StoryText;
using vetrina::test::tiny_site;

TEST_SUITE("media_rules") {
  TEST_CASE("photos need alt text, consent for minors, and a file inside the story folder") {
    run({
        {"cover without alt", StoryText().set("cover", "{src: cover.jpg, minors: false}"),
         k_p + "12:8: error: image 'cover.jpg' needs 'alt': a short description of the photo for people who cannot "
               "see it\n"},
        {"gallery image without alt",
         StoryText().set("gallery", "[{src: cover.jpg, alt: \"x\", minors: false}, {src: a.jpg, minors: false}]"),
         k_p + "12:54: error: image 'a.jpg' needs 'alt': a short description of the photo for people who cannot see "
               "it\n"},
        {"minors without consent", StoryText().set("cover", "{src: cover.jpg, alt: \"Alunni\", minors: true}"),
         k_p + "12:8: error: image 'cover.jpg' shows minors (minors: true) but has no consent: add 'consent: true' "
               "only once the families' liberatoria is on file\n"},
        {"minors with consent false",
         StoryText().set("gallery", "[{src: a.jpg, alt: \"Alunni\", minors: true, consent: false}]"),
         k_p + "12:11: error: image 'a.jpg' shows minors (minors: true) but has no consent: add 'consent: true' only "
               "once the families' liberatoria is on file\n"},
        {"missing file", StoryText().set("cover", "{src: manca.jpg, alt: \"x\", minors: false}"),
         k_p + "12:14: error: image 'manca.jpg' not found in content/stories/holidays-in-a-box\n"},
        {"file outside the folder", StoryText().set("cover", "{src: ../altra/foto.jpg, alt: \"x\", minors: false}"),
         k_p + "12:14: error: image '../altra/foto.jpg' must be a file inside the story's folder, e.g. 'foto.jpg'\n"},
        {"absolute path", StoryText().set("cover", "{src: /etc/foto.jpg, alt: \"x\", minors: false}"),
         k_p + "12:14: error: image '/etc/foto.jpg' must be a file inside the story's folder, e.g. 'foto.jpg'\n"},
        {"web address", StoryText().set("cover", "{src: \"https://x.it/a.jpg\", alt: \"x\", minors: false}"),
         k_p + "12:14: error: image 'https://x.it/a.jpg' must be a file inside the story's folder, e.g. 'foto.jpg'\n"},
        {"all problems of one image", StoryText().set("cover", "{src: manca.jpg, minors: true}"),
         k_p +
             "12:8: error: image 'manca.jpg' needs 'alt': a short description of the photo for people who cannot "
             "see it\n" +
             k_p +
             "12:8: error: image 'manca.jpg' shows minors (minors: true) but has no consent: add 'consent: "
             "true' only once the families' liberatoria is on file\n" +
             k_p + "12:14: error: image 'manca.jpg' not found in content/stories/holidays-in-a-box\n"},
    });
  }

  TEST_CASE("files that would be published must be regular files inside the story folder, symlinks resolved") {
    const std::string f = k_story_folder;
    struct Link {
      std::string name;
      std::string field;  // front matter
      std::string expected;
    };
    const std::string outside = "a symbolic link leading outside " + f + ": copy the file itself into " + f;
    const std::vector<Link> cases = {
        {"video to /etc/passwd", "videos", k_p + "12:10: error: video 'v.mp4' cannot be published: " + outside + "\n"},
        {"cover to another story", "cover", k_p + "12:14: error: image 'v.mp4' cannot be published: " + outside + "\n"},
    };
    {
      auto fs = tiny_site();
      fs.add_file("/etc/passwd", "root:x:0:0");
      fs.add_symlink(f + "/v.mp4", "/etc/passwd");
      add_story(fs, "holidays-in-a-box",
                StoryText().set("videos", "[{src: v.mp4, title: \"Il video\", minors: false}]"));
      CHECK(check(fs) == cases[0].expected);
    }
    {
      auto fs = tiny_site();
      fs.add_file("content/archivio/foto.jpg", "jpg");
      fs.add_symlink(f + "/v.mp4", "../../archivio/foto.jpg");
      add_story(fs, "holidays-in-a-box", StoryText().set("cover", "{src: v.mp4, alt: \"x\", minors: false}"));
      CHECK(check(fs) == cases[1].expected);
    }
    {
      // A link that stays inside the folder is fine.
      auto fs = tiny_site();
      fs.add_file(f + "/foto/originale.jpg", "jpg");
      fs.add_symlink(f + "/cover.jpg", "foto/originale.jpg");
      add_story(fs, "holidays-in-a-box", StoryText().set("cover", "{src: cover.jpg, alt: \"x\", minors: false}"));
      CHECK(check(fs) == "");
    }
    {
      // A FIFO or a link to a device is no regular file.
      auto fs = tiny_site();
      fs.add_special(f + "/v.mp4");
      fs.add_special("/dev/zero");
      fs.add_symlink(f + "/zero.jpg", "/dev/zero");
      add_story(fs, "holidays-in-a-box",
                StoryText()
                    .set("videos", "[{src: v.mp4, title: \"Il video\", minors: false}]")
                    .set("cover", "{src: zero.jpg, alt: \"x\", minors: false}"));
      CHECK(check(fs) == k_p +
                             "12:10: error: video 'v.mp4' cannot be published: not a regular file (a folder, a "
                             "device or a pipe): only ordinary files are read\n" +
                             k_p + "13:14: error: image 'zero.jpg' cannot be published: " + outside + "\n");
    }
    {
      // Sizes: image_limits.max_bytes for photos, file_limits.max_file_bytes for videos.
      auto fs = tiny_site();
      fs.add_file("content/site.yaml", std::string(vetrina::test::k_site_yaml) +
                                           "image_limits: {max_bytes: 2048}\nfile_limits: {max_file_bytes: 1024}\n");
      fs.add_file(f + "/big.jpg", std::string(3000, 'x'));
      fs.add_file(f + "/v.mp4", std::string(1025, 'x'));
      add_story(fs, "holidays-in-a-box",
                StoryText()
                    .set("cover", "{src: big.jpg, alt: \"x\", minors: false}")
                    .set("videos", "[{src: v.mp4, title: \"Il video\", minors: false}]"));
      CHECK(check(fs) == k_p +
                             "12:14: error: image 'big.jpg' cannot be published: the file is 3 KB; the limit is 2 KB "
                             "(image_limits.max_bytes in site.yaml)\n" +
                             k_p +
                             "13:10: error: video 'v.mp4' cannot be published: the file is 2 KB; the limit is 1 "
                             "KB (file_limits.max_file_bytes in site.yaml)\n");
    }
  }
}
