#include "core/collection_loader.h"

namespace ps {

CollectionLoader::CollectionLoader(std::string bytes, std::string source_name)
    : bytes_(std::move(bytes)), source_name_(std::move(source_name)) {
  if (looks_like_bundle(bytes_)) bundle_ = std::make_unique<BundleReader>(bytes_);
}

bool CollectionLoader::step(size_t max_papers) {
  if (done_) return true;
  if (!bundle_) {
    // Other formats are read in one go for now.
    result_ = import_collection(bytes_, source_name_);
    done_ = true;
  } else if (bundle_->step(max_papers)) {
    result_.format = "Paperscope bundle v1";
    result_.problems = bundle_->problems();
    if (result_.problems.ok()) result_.store = bundle_->take_store();
    done_ = true;
  }
  if (done_) {
    bundle_.reset();
    std::string().swap(bytes_);  // the text is no longer needed
  }
  return done_;
}

double CollectionLoader::progress() const {
  if (done_) return 1.0;
  return bundle_ ? bundle_->progress() : 0.0;
}

size_t CollectionLoader::papers_read() const {
  if (bundle_) return bundle_->papers_read();
  return result_.store.size();
}

}  // namespace ps
