// The views, drawn headless: a real ImGui context and font atlas, no backend and no GL.
#include <doctest/doctest.h>

#include <imgui.h>
#include <utf8proc.h>
#include "import_fixtures.h"

#include <fstream>
#include <map>
#include <sstream>

#include "core/bundle_reader.h"
#include "core/chunked.h"
#include "core/explorer.h"
#include "ui/explorer_view.h"
#include "ui/fonts.h"
#include "ui/theme.h"

namespace {

// The fonts the build made (regular, semibold, fallbacks), as the page hands them over.
ps::FontFiles font_files() {
  ps::FontFiles files;
  files.regular = fixtures::read(std::string(PS_FONT_DIR) + "/" + ps::kFontFileNames[0]);
  files.semibold = fixtures::read(std::string(PS_FONT_DIR) + "/" + ps::kFontFileNames[1]);
  for (int i = 2; i < ps::kFontFileCount; ++i) {
    files.fallbacks.push_back(
        fixtures::read(std::string(PS_FONT_DIR) + "/" + ps::kFontFileNames[i]));
  }
  return files;
}

struct RecordingHost : ps::ViewHost {
  std::vector<std::string> opened;
  int pickers = 0, defaults = 0;
  void open_url(std::string_view url) override { opened.emplace_back(url); }
  void open_file_picker() override { ++pickers; }
  void load_default_collection() override { ++defaults; }
  void download(const std::string& name, const char*, const std::string& text) override {
    downloads.emplace_back(name, text);
  }
  void copy_text(const std::string& text) override { copied.push_back(text); }
  void import_reading_list() override {}
  void remember_collection() override {}
  void open_remembered(int) override {}
  void forget_remembered(int) override {}
  void retry_load() override { ++retries; }
  void open_collection_url(const std::string& url) override { opened_collections.push_back(url); }
  std::vector<std::string> opened_collections;
  int retries = 0;
  std::vector<std::pair<std::string, std::string>> downloads;
  std::vector<std::string> copied;
};

void frame(ps::ExplorerView& view, ps::Explorer& explorer, const ps::LoadStatus& status,
           const ps::UiFonts& fonts, RecordingHost& host) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(1200, 800);
  io.DeltaTime = 1.0f / 60.0f;
  ImGui::NewFrame();
  view.draw(explorer, status, fonts, host);
  ImGui::Render();
}

}  // namespace

TEST_CASE("the explorer view draws a collection headless") {
  ImGuiContext* context = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  const ps::FontFiles files = font_files();
  ps::UiFonts fonts;
  for (float ratio : {1.0f, 2.0f}) {
    REQUIRE(ps::build_fonts(files, ratio, fonts));
    CHECK(ImGui::GetIO().FontGlobalScale == doctest::Approx(1.0f / ratio));
  }
  ps::apply_theme(true);
  ps::apply_theme(false);

  ps::BundleLoad load = ps::read_bundle(fixtures::read(PS_ASSETS "/papers.json"));
  REQUIRE(load.ok());
  ps::Explorer explorer;
  explorer.set_collection(std::move(load.store));
  ps::ExplorerView view;
  ps::LoadStatus status;
  RecordingHost host;

  for (int i = 0; i < 3; ++i) frame(view, explorer, status, fonts, host);
  ImDrawData* draw = ImGui::GetDrawData();
  REQUIRE(draw != nullptr);
  CHECK(draw->TotalVtxCount > 1000);
  // Rows were drawn, and the first one is on screen.
  ps::ViewRect rect;
  CHECK(view.row_rect(0, rect));
  CHECK(rect.h > 10);

  // A query from outside, a selection, loading and an error all draw.
  view.set_query(explorer, "implicit");
  view.select_row(explorer.results().front());
  status.loading = true;
  status.progress = 0.5f;
  status.error = "Could not open x.json: $.papers[3].title: expected a string";
  status.remembered.push_back(ps::RememberedCollection{1, "x.json", "2026-11-26", 2048, 12});
  explorer.reading_list().set_mark(std::string(explorer.store().id(explorer.results().front())),
                                   ps::Mark::kStarred, true);
  view.set_help_open(true);
  for (int i = 0; i < 3; ++i) frame(view, explorer, status, fonts, host);
  CHECK(explorer.results().size() < explorer.store().size());
  CHECK(host.opened.empty());
  // Exports of the selection and of the results.
  const std::string bib =
      ps::ExplorerView::export_text(explorer, view.selection(explorer), ps::ExportFormat::kBibtex);
  CHECK(bib.rfind("@misc{", 0) == 0);
  ImGui::DestroyContext(context);
}

TEST_CASE("the fonts cover Latin Extended, Greek, arrows and mathematical operators") {
  ImGuiContext* context = ImGui::CreateContext();
  const ps::FontFiles files = font_files();
  ps::UiFonts fonts;
  REQUIRE(ps::build_fonts(files, 1.0f, fonts));
  const struct {
    const char* block;
    int first, last;
  } kBlocks[] = {{"Latin Extended-A", 0x100, 0x17F},
                 {"Latin Extended-B", 0x180, 0x24F},
                 {"Greek", 0x370, 0x3FF},
                 {"Arrows", 0x2190, 0x21FF},
                 {"Mathematical Operators", 0x2200, 0x22FF}};
  for (ImFont* font : {fonts.body, fonts.title, fonts.heading}) {
    for (const auto& b : kBlocks) {
      int missing = 0;
      for (int cp = b.first; cp <= b.last; ++cp) {
        if (utf8proc_category(cp) == UTF8PROC_CATEGORY_CN) continue;  // unassigned
        if (!font->FindGlyphNoFallback(static_cast<ImWchar>(cp))) ++missing;
      }
      CHECK_MESSAGE(missing == 0, b.block << ": " << missing << " characters without a glyph");
    }
  }
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  MESSAGE("atlas at ratio 1: " << atlas->TexWidth << "x" << atlas->TexHeight);
  ImGui::DestroyContext(context);
}

TEST_CASE("a chunked collection's details arrive while the view waits, and exports wait too") {
  ImGuiContext* context = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ps::UiFonts fonts;
  REQUIRE(ps::build_fonts(font_files(), 1.0f, fonts));
  ps::BundleLoad load = ps::read_bundle(fixtures::read(PS_ASSETS "/papers.json"));
  REQUIRE(load.ok());
  const std::string first_abstract(load.store.abstract(0));
  std::map<std::string, std::string> files;
  ps::ChunkedOptions options;
  options.chunk_bytes = 8 * 1024;
  std::string error;
  REQUIRE(ps::write_chunked(
      load.store, options,
      [&](const std::string& path, std::string_view bytes, std::string&) {
        files[path] = std::string(bytes);
        return true;
      },
      error));
  ps::ChunkedManifest manifest;
  ps::Problems problems;
  REQUIRE(ps::read_chunked_manifest(files.at("manifest.json"), manifest, problems));
  ps::IndexingJob job(manifest, files.at(manifest.resident_file));
  ps::Explorer explorer;
  explorer.set_collection(std::move(job));
  REQUIRE(explorer.chunks() != nullptr);
  ps::ExplorerView view;
  ps::LoadStatus status;
  RecordingHost host;
  auto deliver = [&](uint32_t chunk) {
    std::string why;
    CHECK(explorer.attach_chunk(chunk, files.at(manifest.chunks[chunk].file()), why));
  };

  // Nothing is fetched until a paper is shown; then its chunk, once.
  for (int i = 0; i < 2; ++i) frame(view, explorer, status, fonts, host);
  CHECK(explorer.take_chunk_requests().empty());
  view.select_row(0);
  for (int i = 0; i < 2; ++i) frame(view, explorer, status, fonts, host);
  const std::vector<uint32_t> wanted = explorer.take_chunk_requests();
  REQUIRE(wanted.size() == 1);
  CHECK(explorer.details(0) == ps::Explorer::Details::kLoading);
  frame(view, explorer, status, fonts, host);
  CHECK(explorer.take_chunk_requests().empty());  // on its way: not asked for again
  deliver(wanted[0]);
  frame(view, explorer, status, fonts, host);
  CHECK(explorer.store().abstract(0) == first_abstract);

  // An export of every result asks for the other chunks and waits for them; one fails.
  view.start_export(explorer, explorer.results(), ps::ExportFormat::kJson,
                    ps::ExplorerView::ExportTarget::kDownload, host);
  frame(view, explorer, status, fonts, host);
  CHECK(view.export_message().find("Fetching the abstracts and links of") == 0);
  std::vector<uint32_t> rest = explorer.take_chunk_requests();
  CHECK(rest.size() == manifest.chunks.size() - 1);
  for (size_t i = 1; i < rest.size(); ++i) deliver(rest[i]);
  explorer.chunk_failed(rest[0], "chunks/x.bin: the server answered 404 (no such file)");
  frame(view, explorer, status, fonts, host);
  CHECK(host.downloads.empty());
  CHECK(view.export_message().find("Cannot export") == 0);
  CHECK(view.export_message().find("chunks/x.bin: the server answered 404") != std::string::npos);
  // Asked again, the chunk comes, and the export holds every abstract.
  for (uint32_t row : explorer.results()) explorer.retry_details(row);
  view.start_export(explorer, explorer.results(), ps::ExportFormat::kJson,
                    ps::ExplorerView::ExportTarget::kDownload, host);
  CHECK(explorer.take_chunk_requests() == std::vector<uint32_t>{rest[0]});
  CHECK(host.downloads.empty());
  deliver(rest[0]);
  frame(view, explorer, status, fonts, host);
  REQUIRE(host.downloads.size() == 1);
  CHECK(view.export_message().empty());
  for (uint32_t row = 0; row < load.store.size(); ++row) {
    const std::string abstract(load.store.abstract(row));
    if (abstract.size() > 30) {
      CHECK(host.downloads[0].second.find(abstract.substr(0, 20)) != std::string::npos);
    }
  }
  ImGui::DestroyContext(context);
}
