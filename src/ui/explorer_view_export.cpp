// ExplorerView: exports and a chunked collection's details. A chunked collection's papers
// arrive with their titles, dates and first authors; abstracts, links and the other authors
// come later, a chunk at a time (core/chunked.h). The detail pane says when they are on the
// way or why they could not be loaded, and an export (download or clipboard) first fetches
// the chunks it needs: it never leaves out an abstract silently.
#include <imgui.h>

#include <cstdio>

#include "core/exporters.h"
#include "ui/explorer_view.h"
#include "ui/theme.h"
#include "ui/view_helpers.h"

namespace ps {

namespace {

// An export fetches at most this many chunks (192 KB each by default: 48 MB); more is a
// message saying to narrow the results.
constexpr uint32_t kMaxExportChunks = 256;

std::string megabytes(uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return text;
}

std::string papers_text(uint32_t n) {
  return std::to_string(n) + (n == 1 ? " paper" : " papers");
}

}  // namespace

void ExplorerView::start_export(Explorer& explorer, std::vector<uint32_t> rows, ExportFormat format,
                                ExportTarget target, ViewHost& host) {
  export_ = PendingExport();
  export_.rows = std::move(rows);
  export_.format = format;
  export_.target = target;
  const Explorer::DetailsNeed need = explorer.need_details(export_.rows, kMaxExportChunks);
  if (need.papers > 0 && need.failed == 0 && !need.requested) {
    export_.failed = true;
    export_.message = "Cannot export " + papers_text(static_cast<uint32_t>(export_.rows.size())) +
                      ": the abstracts and links of " + papers_text(need.papers) + " are in " +
                      std::to_string(need.chunks) + " chunks (" + megabytes(need.bytes) +
                      ") not loaded yet, more than an export fetches (" +
                      std::to_string(kMaxExportChunks) + "). Narrow the results first.";
    return;
  }
  export_.waiting = true;
  step_export(explorer, host);
}

// Each frame while an export waits: done when every paper's details are here.
void ExplorerView::step_export(Explorer& explorer, ViewHost& host) {
  if (!export_.waiting) return;
  const Explorer::DetailsNeed need = explorer.need_details(export_.rows, 0);
  if (need.failed > 0) {
    std::string why;
    for (uint32_t row : export_.rows) {
      if (explorer.details(row) == Explorer::Details::kFailed) {
        why = explorer.details_error(row);
        break;
      }
    }
    export_.waiting = false;
    export_.failed = true;
    export_.message = "Cannot export: the abstracts and links of " + papers_text(need.failed) +
                      " could not be loaded (" + why + ").";
    return;
  }
  if (need.papers > 0) {
    export_.message = "Fetching the abstracts and links of " + papers_text(need.papers) +
                      " for the export (" + std::to_string(need.chunks) +
                      (need.chunks == 1 ? " chunk, " : " chunks, ") + megabytes(need.bytes) +
                      ")...";
    return;
  }
  const std::string text = export_papers(explorer.store(), export_.rows, export_.format);
  if (export_.target == ExportTarget::kClipboard) {
    host.copy_text(text);
  } else {
    host.download(
        file_stem(explorer.store().info.title) + "." + export_file_extension(export_.format),
        export_mime_type(export_.format), text);
  }
  export_ = PendingExport();
}

void ExplorerView::draw_export_status(Explorer& explorer, ViewHost& host) {
  step_export(explorer, host);
  if (export_.message.empty()) return;
  const ThemeColors& colors = theme_colors();
  if (export_.failed) {
    // Only a failed chunk is worth another try; too many chunks stays too many.
    const bool retryable = explorer.need_details(export_.rows, 0).failed > 0;
    if (retryable) {
      if (ImGui::SmallButton("Retry export")) {
        for (uint32_t row : export_.rows) explorer.retry_details(row);
        export_.failed = false;
        export_.waiting = true;
        export_.message.clear();
        step_export(explorer, host);
      }
      record_item("retry-export");
      ImGui::SameLine();
    }
  }
  if (ImGui::SmallButton(export_.waiting ? "Cancel" : "Dismiss")) {
    export_ = PendingExport();
    return;
  }
  record_item("dismiss-export");
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, export_.failed ? colors.error_text : colors.notice_text);
  text_wrapped(export_.message);
  ImGui::PopStyleColor();
}

// In the detail pane, where the abstract goes, while a paper's details are not here: asks
// for them and says they are on their way, or why they could not be loaded (with Retry).
void ExplorerView::draw_details_state(Explorer& explorer, uint32_t row) {
  const ThemeColors& colors = theme_colors();
  const Explorer::Details details = explorer.details(row);
  if (details == Explorer::Details::kLoading) {
    explorer.want_details(row);  // nothing happens when it is on its way already
    text_colored(colors.muted_text, explorer.store().has_abstract(row)
                                        ? "Loading abstract..."
                                        : "Loading links and authors...");
    return;
  }
  if (details != Explorer::Details::kFailed) return;
  ImGui::PushStyleColor(ImGuiCol_Text, colors.error_text);
  text_wrapped("Could not load this paper's abstract and links: " + explorer.details_error(row));
  ImGui::PopStyleColor();
  if (ImGui::SmallButton("Retry")) explorer.retry_details(row);
  record_item("retry-details");
}

}  // namespace ps
