#include "core/collection_loader.h"

#include <algorithm>

#include "core/chunked.h"
#include "core/import_common.h"

namespace ps {

namespace {

// "data/refs.bib" → "refs.bib", "https://host/x/papers.json?v=2" → "papers.json": for titles.
std::string short_name(const std::string& name) {
  std::string_view s = name;
  const size_t query = s.find_first_of("?#");
  if (query != std::string_view::npos && s.find("://") != std::string_view::npos)
    s = s.substr(0, query);
  while (s.size() > 1 && s.back() == '/') s.remove_suffix(1);
  const size_t slash = s.find_last_of("/\\");
  if (slash != std::string_view::npos && slash + 1 < s.size()) s = s.substr(slash + 1);
  return std::string(s);
}

}  // namespace

// One input: its bytes, what format they are, and the reader for it.
class CollectionLoader::Input {
 public:
  Input(LoadInput input, const ImportOptions& options)
      : bytes_(std::move(input.bytes)), name_(std::move(input.name)) {
    problems_.max_errors = options.max_errors;
    detection_ = detect_format(bytes_);
    if (detection_.format == Format::kBundle) {
      bundle_ = std::make_unique<BundleReader>(bytes_);
    } else if (detection_.format != Format::kUnknown) {
      reader_ = make_reader(detection_.format, bytes_);
      if (reader_) reader_->problems.max_errors = options.max_errors;
    }
  }

  const std::string& name() const { return name_; }
  Format format() const { return detection_.format; }
  size_t size() const { return size_; }
  size_t papers() const { return bundle_ ? bundle_->papers_read() : papers_; }
  Problems& problems() { return problems_; }
  CollectionInfo& info() { return info_; }
  bool is_bundle() const { return detection_.format == Format::kBundle; }
  PaperStore& bundle_store() { return store_; }

  double progress() const {
    if (done_) return 1.0;
    if (bundle_) return bundle_->progress();
    if (reader_) return reader_->progress();
    if (is_bundle() && store_.size()) return static_cast<double>(row_) / store_.size();
    return 0.0;
  }

  // Reads up to max_papers more. Imported papers go to merger; a bundle's papers too when
  // merge_bundle (else the bundle's store is kept whole, the fast path for one bundle).
  bool step(size_t max_papers, Merger& merger, bool merge_bundle) {
    if (done_) return true;
    if (detection_.format == Format::kUnknown) {
      unknown_format();
      return finish();
    }
    if (is_bundle()) return step_bundle(max_papers, merger, merge_bundle);
    if (!reader_) {
      problems_.error("", "no reader for this format");
      return finish();
    }
    if (papers_ == 0) merger_size_at_start_ = merger.size();
    // Read in slices of a few hundred records: a slice's records are held whole until the
    // merger takes them, and the merger reserves its store after the first slices.
    bool finished = false;
    for (size_t budget = max_papers; budget > 0 && !finished;) {
      const size_t slice = std::min<size_t>(budget, kSlice);
      budget -= slice;
      batch_.clear();
      finished = reader_->step(slice, batch_);
      for (PaperRecord& paper : batch_) {
        if (!name_.empty()) paper.sources.assign(1, name_);
        merger.add(std::move(paper));
        ++papers_;
      }
      if (!reserved_ && papers_ >= kSamplePapers) reserve_from_sample(merger);
    }
    if (!finished) return false;
    merge_problems(reader_->problems);
    info_ = reader_->info;
    if (papers_ == 0 && problems_.ok()) {
      problems_.error("", reader_->skipped ? "none of its " + std::to_string(reader_->skipped) +
                                                 " records has a title, so there is nothing to show"
                                           : std::string("it holds no papers"));
    }
    reader_.reset();
    return finish();
  }

 private:
  bool step_bundle(size_t max_papers, Merger& merger, bool merge_bundle) {
    if (bundle_) {
      if (!bundle_->step(max_papers)) return false;
      merge_problems(bundle_->problems());
      if (problems_.ok()) store_ = bundle_->take_store();
      info_ = store_.info;
      papers_ = store_.size();
      bundle_.reset();
      if (!merge_bundle || !problems_.ok()) return finish();
    }
    // Merging: the bundle's papers go to the merger a slice at a time.
    const uint32_t end = static_cast<uint32_t>(std::min<size_t>(store_.size(), row_ + max_papers));
    for (; row_ < end; ++row_) {
      PaperRecord paper = store_.record(row_);
      if (paper.sources.empty() && !name_.empty()) paper.sources.push_back(name_);
      merger.add(std::move(paper));
    }
    if (row_ < store_.size()) return false;
    store_ = PaperStore();
    return finish();
  }

  // After the first papers of a big input that starts a collection, the merger reserves
  // what the whole input will need at their rate (a little more), as BundleReader does: one
  // allocation per column instead of a doubling chain of copies.
  static constexpr size_t kSlice = 256;
  static constexpr size_t kSamplePapers = 1000;
  void reserve_from_sample(Merger& merger) {
    reserved_ = true;
    const double read = reader_->progress();
    if (merger_size_at_start_ != 0 || read <= 0 || read > 1.0 / 8) return;  // small: no need
    merger.reserve_scaled(1.03 / read);
  }

  void unknown_format() {
    // A chunked collection's manifest on its own (a picked or dropped file, bytes handed to
    // the core): the files it names are not reachable from here, so say how to open it.
    if (looks_like_chunked_manifest(bytes_)) {
      problems_.error("", std::string(kChunkedManifestAloneMessage));
      return;
    }
    // JSON that is broken says where; anything else says what it looks like.
    const size_t start = bytes_.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (start != std::string::npos && (bytes_[start] == '{' || bytes_[start] == '[')) {
      JsonTop top;
      Problems structure;
      if (!scan_json_top(bytes_, top, structure)) {
        merge_problems(structure);
        return;
      }
    }
    problems_.error("", "unknown format: " + detection_.why_unknown +
                            ". Paperscope reads: " + supported_formats());
  }

  void merge_problems(const Problems& from) {
    for (const Problem& p : from.errors) problems_.error(p.where, p.message);
    problems_.suppressed += from.suppressed;
    for (const Problem& p : from.warnings) problems_.warning(p.where, p.message);
    problems_.suppressed_warnings += from.suppressed_warnings;
  }

  bool finish() {
    done_ = true;
    std::string().swap(bytes_);  // the text is no longer needed
    return true;
  }

  std::string bytes_;
  const size_t size_ = bytes_.size();
  std::string name_;
  Detection detection_;
  std::unique_ptr<BundleReader> bundle_;
  std::unique_ptr<PaperReader> reader_;
  std::vector<PaperRecord> batch_;
  PaperStore store_;  // a bundle's papers
  uint32_t row_ = 0;  // next bundle row to merge
  Problems problems_;
  CollectionInfo info_;
  size_t papers_ = 0;
  size_t merger_size_at_start_ = 0;
  bool reserved_ = false;
  bool done_ = false;
};

CollectionLoader::CollectionLoader(std::string bytes, std::string source_name,
                                   ImportOptions options)
    : CollectionLoader(
          [&] {
            std::vector<LoadInput> inputs;
            inputs.push_back(LoadInput{std::move(bytes), std::move(source_name)});
            return inputs;
          }(),
          options) {}

CollectionLoader::CollectionLoader(std::vector<LoadInput> inputs, ImportOptions options)
    : options_(options) {
  result_.problems.max_errors = options.max_errors;
  for (LoadInput& input : inputs) {
    inputs_.push_back(std::make_unique<Input>(std::move(input), options));
    total_bytes_ += inputs_.back()->size();
  }
}

CollectionLoader::~CollectionLoader() = default;

const std::string& CollectionLoader::current_name() const {
  static const std::string none;
  return current_ < inputs_.size() ? inputs_[current_]->name() : none;
}

bool CollectionLoader::step(size_t max_papers) {
  if (done_) return true;
  const bool merge_bundles = inputs_.size() > 1;
  while (current_ < inputs_.size()) {
    Input& input = *inputs_[current_];
    if (!input.step(max_papers, merger_, merge_bundles)) return false;
    InputSummary summary;
    summary.name = input.name();
    summary.format = input.format() == Format::kUnknown ? "" : format_name(input.format());
    summary.papers = input.papers();
    summary.problems = input.problems();
    summaries_.push_back(std::move(summary));
    done_bytes_ += input.size();
    ++current_;
    // One input a step at most: a slice of the next waits for the next call.
    if (current_ < inputs_.size()) return false;
  }
  finish();
  return true;
}

void CollectionLoader::finish() {
  done_ = true;
  const bool single = inputs_.size() == 1;
  bool ok = true;
  std::vector<std::string> formats;
  for (size_t i = 0; i < inputs_.size(); ++i) {
    const InputSummary& summary = summaries_[i];
    Problems& problems = inputs_[i]->problems();
    ok = ok && problems.ok();
    result_.records += summary.papers;
    if (!summary.format.empty() &&
        std::find(formats.begin(), formats.end(), summary.format) == formats.end()) {
      formats.push_back(summary.format);
    }
    if (single) {
      result_.problems = problems;
      continue;
    }
    for (Problem p : problems.errors) {
      p.source = summary.name;
      if (result_.problems.full()) {
        ++result_.problems.suppressed;
      } else {
        result_.problems.errors.push_back(std::move(p));
      }
    }
    result_.problems.suppressed += problems.suppressed;
    for (Problem p : problems.warnings) {
      p.source = summary.name;
      if (result_.problems.warnings.size() < result_.problems.max_errors) {
        result_.problems.warnings.push_back(std::move(p));
      }
    }
  }
  for (size_t i = 0; i < formats.size(); ++i) result_.format += (i ? ", " : "") + formats[i];
  if (inputs_.empty()) result_.problems.error("", "nothing to load");
  if (!ok || inputs_.empty()) {
    inputs_.clear();
    return;
  }

  Input& first = *inputs_[0];
  if (single && first.is_bundle()) {
    result_.store = std::move(first.bundle_store());
  } else {
    result_.folded = merger_.folded();
    result_.store = merger_.take_store(result_.problems);
  }
  if (result_.store.empty() && !options_.allow_empty) {
    result_.problems.error("", "the collection holds no papers");
    inputs_.clear();
    return;
  }
  CollectionInfo& info = result_.store.info;
  if (single) {
    info = first.info();
    if (info.title.empty()) info.title = short_name(first.name());
  } else {
    std::string names;
    for (size_t i = 0; i < inputs_.size(); ++i) {
      names += (i ? " + " : "") + short_name(inputs_[i]->name());
    }
    info.title = inputs_.size() <= 3 ? names
                                     : short_name(inputs_[0]->name()) + " + " +
                                           std::to_string(inputs_.size() - 1) + " more";
    info.description = "Merged from " + std::to_string(inputs_.size()) + " sources: " + names;
  }
  inputs_.clear();
}

double CollectionLoader::progress() const {
  if (done_) return 1.0;
  if (total_bytes_ == 0) return 0.0;
  const double current =
      current_ < inputs_.size() ? inputs_[current_]->progress() * inputs_[current_]->size() : 0.0;
  return std::min(1.0, (static_cast<double>(done_bytes_) + current) / total_bytes_);
}

size_t CollectionLoader::papers_read() const {
  size_t papers = 0;
  for (const InputSummary& summary : summaries_) papers += summary.papers;
  if (current_ < inputs_.size()) papers += inputs_[current_]->papers();
  return papers;
}

}  // namespace ps
