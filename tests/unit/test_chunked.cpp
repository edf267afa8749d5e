// Chunked collections: the hash, the binary reader, writing and reading the chunked form
// (a round trip gives the bundle's papers and search results), chunks arriving later, and
// hostile manifests, resident parts and chunks giving messages.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "core/bundle_reader.h"
#include "core/bundle_writer.h"
#include "core/chunked.h"
#include "core/explorer.h"

namespace {

using Files = std::map<std::string, std::string>;

ps::PaperRecord paper(std::string id, std::string title, std::string abstract,
                      std::vector<std::string> authors, std::string date = "2024-05-01") {
  ps::PaperRecord p;
  p.id = std::move(id);
  p.title = std::move(title);
  p.abstract = std::move(abstract);
  p.authors = std::move(authors);
  std::string error;
  if (!date.empty()) ps::parse_date(date, p.date, error);
  return p;
}

// A collection with every kind of field, and more authors than the resident part keeps.
ps::PaperStore sample_store() {
  ps::PaperStore store;
  store.info.title = "Sample";
  store.info.description = "For the chunked tests";
  store.info.source_name = "tests";
  store.info.source_url = "https://example.org/";
  std::string error;
  ps::parse_date("2025-01-01", store.info.created, error);
  std::vector<ps::PaperRecord> papers = {
      paper("2101.00001", "Diffusion Models Beat GANs on Image Synthesis",
            "We show that diffusion models achieve image sample quality superior to GANs.",
            {"Prafulla Dhariwal", "Alex Nichol"}),
      paper("2101.00002", "Attention Is All You Need",
            "The dominant sequence transduction models are recurrent. We propose the Transformer.",
            {"Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit", "Llion Jones",
             "Aidan Gomez", "Łukasz Kaiser", "Illia Polosukhin"},
            "2017-06-12"),
      paper("10.1145/3592433", "Graph Neural Networks for Zoë Müller's Benchmarks",
            "Message passing on graphs; a survey of graph neural network benchmarks.",
            {"Zoë Müller", "Søren Ødegaard"}, "2023"),
      paper("t-000000000001", "Undated Notes on Transformers", "", {}, ""),
      paper("2101.00005", "Language Models are Few-Shot Learners",
            "Scaling up language models improves few-shot performance.", {"Tom Brown"}, "2020-05"),
  };
  papers[0].upvotes = 50;
  papers[0].venue = "NeurIPS 2021";
  papers[0].tags = {{ps::TagKind::kCategory, "cs.LG"}, {ps::TagKind::kCategory, "cs.CV"}};
  papers[0].links = {{ps::LinkKind::kCode, "https://github.com/openai/guided-diffusion"},
                     {ps::LinkKind::kPdf, "https://arxiv.org/pdf/2105.05233"}};
  papers[0].external_ids = {{"arxiv", "2105.05233"}, {"doi", "10.5555/diffusion"}};
  papers[0].sources = {"daily.json"};
  papers[1].upvotes = 99;
  papers[1].author_count = 12;  // more than named
  papers[1].tags = {{ps::TagKind::kKeyword, "transformers"}};
  papers[1].links = {{ps::LinkKind::kPaper, "https://arxiv.org/abs/1706.03762"}};
  papers[1].external_ids = {{"arxiv", "1706.03762"}};
  parse_date("2024-06-01", papers[1].featured, error);
  papers[1].sources = {"daily.json", "refs.bib"};
  papers[2].upvotes = -3;
  papers[2].venue = "ICML 2023";
  papers[2].tags = {{ps::TagKind::kFieldOfStudy, "Computer Science"}};
  papers[2].links = {{ps::LinkKind::kProject, "https://zoe.github.io/gnn"}};
  papers[3].author_count = 4;  // a count without names
  papers[4].links = {{ps::LinkKind::kVideo, "https://www.youtube.com/watch?v=abc"}};
  for (const auto& p : papers) store.add(p);
  // Many more, so there are several chunks and words shared between papers.
  for (int i = 0; i < 300; ++i) {
    ps::PaperRecord p =
        paper("2202." + std::to_string(10000 + i),
              "Efficient Transformer Variant " + std::to_string(i) +
                  (i % 3 ? " for Video" : " with Graphs"),
              "We study attention " + std::string(i % 2 ? "sparsity" : "diffusion") +
                  " and report results on benchmark " + std::to_string(i % 17) + ".",
              {"Author " + std::to_string(i % 23), "Coauthor " + std::to_string(i % 5)},
              "2022-0" + std::to_string(1 + i % 9));
    p.upvotes = i % 41;
    if (i % 4 == 0) p.links = {{ps::LinkKind::kCode, "https://github.com/x/y" + std::to_string(i)}};
    if (i % 7 == 0) p.venue = "ICLR 2022";
    p.tags = {{ps::TagKind::kCategory, i % 2 ? "cs.CL" : "cs.LG"}};
    store.add(p);
  }
  return store;
}

Files write(const ps::PaperStore& store, ps::ChunkedOptions options = {}) {
  Files files;
  std::string error;
  const bool ok = ps::write_chunked(
      store, options,
      [&](const std::string& path, std::string_view bytes, std::string&) {
        files[path] = std::string(bytes);
        return true;
      },
      error);
  REQUIRE_MESSAGE(ok, error);
  return files;
}

ps::FileSource source(const Files& files) {
  return [&files](const std::string& path, std::string& bytes, std::string& error) {
    auto it = files.find(path);
    if (it == files.end()) {
      error = "no such file";
      return false;
    }
    bytes = it->second;
    return true;
  };
}

std::string resident_name(const Files& files) {
  for (const auto& [name, bytes] : files) {
    if (name.rfind("resident-", 0) == 0) return name;
  }
  return {};
}

ps::ChunkedManifest manifest_of(const Files& files) {
  ps::ChunkedManifest m;
  ps::Problems problems;
  REQUIRE(ps::read_chunked_manifest(files.at("manifest.json"), m, problems));
  return m;
}

// An explorer over a chunked collection, loaded as the app loads it (a slice at a time).
ps::Explorer open_chunked(const Files& files) {
  ps::IndexingJob job(manifest_of(files), files.at(resident_name(files)));
  while (!job.step(7)) {
  }
  REQUIRE_MESSAGE(job.error().empty(), job.error());
  ps::Explorer e;
  e.set_collection(std::move(job));
  return e;
}

std::vector<std::string> search(ps::Explorer& e, const std::string& query) {
  e.set_query(query);
  std::vector<std::string> out;
  for (uint32_t row : e.results()) out.emplace_back(e.store().id(row));
  return out;
}

const std::vector<std::string> kQueries = {"",
                                           "transformer",
                                           "t",
                                           "tr",
                                           "diffusion",
                                           "graph neural",
                                           "müller",
                                           "łukasz",
                                           "\"attention is\"",
                                           "author:\"zoe muller\"",
                                           "title:variant -video",
                                           "tag:cs.CL",
                                           "venue:iclr",
                                           "has:code",
                                           "has:pdf",
                                           "has:video",
                                           "has:project",
                                           "year:2022",
                                           "upvotes:>40",
                                           "transfromer",
                                           "sparsity",
                                           "abstract:sparsity",
                                           "benchmark 3",
                                           "kaiser",
                                           "polosukhin",
                                           "id:2101.00002"};

void check_same_results(ps::Explorer& a, ps::Explorer& b) {
  for (const std::string& q : kQueries) {
    INFO("query: " << q);
    CHECK(search(a, q) == search(b, q));
  }
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TEST_CASE("XXH64 matches the reference implementation") {
  CHECK(ps::xxh64("", 0) == 0xef46db3751d8e999ull);
  CHECK(ps::xxh64("a", 1) == 0xd24ec4f1a98c6e5bull);
  CHECK(ps::xxh64("abc", 3) == 0x44bc2cf5ad770999ull);
  CHECK(ps::xxh64(std::string_view("Nobody inspects the spammish repetition")) ==
        0xfbcea83c8a378bf1ull);
  std::string long_text;
  for (int r = 0; r < 3; ++r) {
    for (int i = 0; i < 256; ++i) long_text.push_back(static_cast<char>(i));
  }
  long_text += "xyz";
  CHECK(ps::xxh64(long_text) == 0xe921a1b45bd779f8ull);
  // Fed in pieces of any size, the same.
  for (size_t piece : {1u, 3u, 31u, 32u, 33u, 100u}) {
    ps::Xxh64 h;
    for (size_t at = 0; at < long_text.size(); at += piece)
      h.update(long_text.data() + at, std::min(piece, long_text.size() - at));
    CHECK(h.digest() == 0xe921a1b45bd779f8ull);
  }
  uint64_t parsed = 0;
  CHECK(ps::hash_hex(0x00ab00000000cdefull) == "00ab00000000cdef");
  CHECK(ps::parse_hash_hex("00ab00000000cdef", parsed));
  CHECK(parsed == 0x00ab00000000cdefull);
  CHECK_FALSE(ps::parse_hash_hex("00AB00000000CDEF", parsed));
  CHECK_FALSE(ps::parse_hash_hex("abc", parsed));
}

TEST_CASE("the binary reader stops at the end and says where") {
  ps::ByteWriter w;
  w.varint(300);
  w.str("hello");
  w.u32(7);
  const std::string bytes = w.take();
  ps::ByteReader r(bytes.data(), bytes.size(), "TEST", 100);
  uint64_t v = 0;
  std::string_view s;
  uint32_t u = 0;
  CHECK(r.varint(v));
  CHECK(v == 300);
  CHECK(r.str(s));
  CHECK(s == "hello");
  CHECK(r.u32(u));
  CHECK(u == 7);
  CHECK(r.at_end());
  CHECK_FALSE(r.u8(*reinterpret_cast<uint8_t*>(&u)));
  CHECK(r.error() == "TEST at byte 112: the data ends early (1 bytes needed, 0 left)");

  const std::string overlong(11, '\xff');
  ps::ByteReader o(overlong.data(), overlong.size(), "X");
  CHECK_FALSE(o.varint(v));
  CHECK(o.error().find("does not fit in 64 bits") != std::string::npos);
  const std::string cut = "\x85";
  ps::ByteReader c(cut.data(), cut.size(), "X");
  CHECK_FALSE(c.varint(v));
  CHECK(c.error() == "X at byte 1: the data ends inside a number");
  const std::string big_string =
      "\x7f"
      "abc";
  ps::ByteReader b(big_string.data(), big_string.size(), "X");
  CHECK_FALSE(b.str(s));
  CHECK(b.error().find("goes past the end") != std::string::npos);
}

TEST_CASE("a chunked collection holds the same papers as its bundle") {
  const ps::PaperStore store = sample_store();
  ps::ChunkedOptions options;
  options.chunk_bytes = 2048;  // several chunks
  const Files files = write(store, options);
  const ps::ChunkedManifest m = manifest_of(files);
  CHECK(m.papers == store.size());
  CHECK(m.chunks.size() > 3);
  CHECK(m.info.title == "Sample");
  CHECK(m.info.source_url == "https://example.org/");
  CHECK_FALSE(m.abstract_words);
  // Files are named by their content's hash.
  for (const ps::ChunkEntry& c : m.chunks) {
    REQUIRE(files.count(c.file()));
    CHECK(ps::xxh64(files.at(c.file())) == c.hash);
    CHECK(files.at(c.file()).size() == c.bytes);
  }
  CHECK(resident_name(files) == "resident-" + ps::hash_hex(m.resident_hash) + ".bin");

  SUBCASE("with every chunk read, every record is the bundle's") {
    ps::ChunkedRead read = ps::read_chunked(files.at("manifest.json"), source(files), true);
    REQUIRE_MESSAGE(read.ok(), read.problems.summary());
    REQUIRE(read.store.size() == store.size());
    for (uint32_t row = 0; row < store.size(); ++row) {
      const ps::PaperRecord a = store.record(row), b = read.store.record(row);
      INFO("row " << row);
      CHECK(a.id == b.id);
      CHECK(a.title == b.title);
      CHECK(a.abstract == b.abstract);
      CHECK(a.authors == b.authors);
      CHECK(a.author_count == b.author_count);
      CHECK(a.date == b.date);
      CHECK(a.featured == b.featured);
      CHECK(a.upvotes == b.upvotes);
      CHECK(a.tags == b.tags);
      CHECK(a.venue == b.venue);
      CHECK(a.external_ids == b.external_ids);
      CHECK(a.links == b.links);
      CHECK(a.sources == b.sources);
      CHECK(read.store.details_loaded(row));
    }
    CHECK(read.store.info.title == store.info.title);
    CHECK(read.store.find("2101.00002") == 1);
  }

  SUBCASE("before its chunk arrives a paper has what the list needs") {
    ps::ChunkedRead read = ps::read_chunked(files.at("manifest.json"), source(files), false);
    REQUIRE(read.ok());
    const ps::PaperStore& s = read.store;
    CHECK(s.chunked());
    CHECK_FALSE(s.details_loaded(1));
    CHECK(s.title(1) == "Attention Is All You Need");
    CHECK(s.abstract(1).empty());
    CHECK(s.has_abstract(1));
    CHECK_FALSE(s.has_abstract(3));
    CHECK(s.named_author_count(1) == 4);  // the first four of eight
    CHECK(s.author(1, 3) == "Jakob Uszkoreit");
    CHECK(s.author_count(1) == 12);
    CHECK(s.links(0).empty());
    CHECK(s.has_code(0));
    CHECK(s.has_link_kind(0, ps::LinkKind::kPdf));
    CHECK(s.upvotes(2) == -3);
    CHECK(s.featured(1).to_string() == "2024-06-01");
    CHECK(s.venue(2) == "ICML 2023");
    CHECK(s.sources(1).size() == 2);
    CHECK(s.external_ids(0).empty());

    // The chunk arrives: the rest is there, views of earlier text stay valid.
    const std::string_view title = s.title(0);
    ps::ChunkedCollection chunks(read.manifest);
    std::string error;
    const uint32_t chunk = s.chunk_of(1);
    CHECK(chunks.attach(chunk, files.at(read.manifest.chunks[chunk].file()), read.store, error));
    CHECK(error.empty());
    CHECK(s.details_loaded(1));
    CHECK(s.named_author_count(1) == 8);
    CHECK(s.author(1, 6) == "Łukasz Kaiser");
    CHECK(s.abstract(1).find("Transformer") != std::string::npos);
    CHECK(title == "Diffusion Models Beat GANs on Image Synthesis");
    REQUIRE(s.links(0).size() == 2);
    CHECK(s.link_url(s.links(0)[0]) == "https://github.com/openai/guided-diffusion");
    REQUIRE(s.external_ids(0).size() == 2);
    CHECK(s.external_id_scheme(s.external_ids(0)[1]) == "doi");
    CHECK(s.external_id_value(s.external_ids(0)[1]) == "10.5555/diffusion");
    // Another chunk later: both resolve their own links.
    const uint32_t last = static_cast<uint32_t>(read.manifest.chunks.size() - 1);
    CHECK(chunks.attach(last, files.at(read.manifest.chunks[last].file()), read.store, error));
    const uint32_t row = s.size() - 4;  // i = 296: a code link
    REQUIRE(s.links(row).size() == 1);
    CHECK(s.link_url(s.links(row)[0]) == "https://github.com/x/y296");
    CHECK(s.link_url(s.links(0)[1]) == "https://arxiv.org/pdf/2105.05233");
    CHECK(chunks.loaded_chunks() == 2);
  }

  SUBCASE("search gives the bundle's results") {
    // The resident index leaves abstracts out: the same as the bundle without abstracts.
    ps::PaperStore no_abstracts;
    no_abstracts.info = store.info;
    for (uint32_t row = 0; row < store.size(); ++row) {
      ps::PaperRecord r = store.record(row);
      r.abstract.clear();
      no_abstracts.add(r);
    }
    ps::Explorer expected;
    expected.set_collection(std::move(no_abstracts));
    ps::Explorer chunked = open_chunked(files);
    CHECK(chunked.chunks() != nullptr);
    check_same_results(expected, chunked);
    chunked.set_query("abstract:sparsity");
    CHECK(chunked.results().empty());
    CHECK(chunked.query_notice().find("not indexed") != std::string::npos);
    chunked.set_query("sparsity");
    CHECK(chunked.query_notice().empty());
  }

  SUBCASE("with --abstract-words, search gives exactly the bundle's results") {
    ps::ChunkedOptions with_words = options;
    with_words.abstract_words = true;
    const Files full = write(store, with_words);
    CHECK(manifest_of(full).abstract_words);
    ps::PaperStore copy;
    copy.info = store.info;
    for (uint32_t row = 0; row < store.size(); ++row) copy.add(store.record(row));
    ps::Explorer expected;
    expected.set_collection(std::move(copy));
    ps::Explorer chunked = open_chunked(full);
    check_same_results(expected, chunked);
    chunked.set_query("abstract:sparsity");
    CHECK(chunked.results().size() == 150);
    CHECK(chunked.query_notice().empty());
    // Related papers too (they use the papers' words).
    CHECK(expected.related(7, 5) == chunked.related(7, 5));
  }

  SUBCASE("the default collection survives the round trip") {
    ps::BundleLoad bundle = ps::read_bundle(read_text(std::string(PS_ASSETS) + "/papers.json"));
    REQUIRE(bundle.ok());
    const Files f = write(bundle.store);
    ps::ChunkedRead read = ps::read_chunked(f.at("manifest.json"), source(f), true);
    REQUIRE(read.ok());
    for (uint32_t row = 0; row < bundle.store.size(); ++row) {
      CHECK(ps::paper_json(bundle.store.record(row)) == ps::paper_json(read.store.record(row)));
    }
  }
}

TEST_CASE("an explorer fetches details a chunk at a time") {
  ps::ChunkedOptions options;
  options.chunk_bytes = 2048;
  const Files files = write(sample_store(), options);
  ps::Explorer e = open_chunked(files);
  const ps::ChunkedCollection& chunks = *e.chunks();
  CHECK(e.details(1) == ps::Explorer::Details::kLoading);
  CHECK(e.take_chunk_requests().empty());  // nothing asked for yet: nothing fetched
  e.want_details(1);
  e.want_details(0);  // the same chunk
  const std::vector<uint32_t> wanted = e.take_chunk_requests();
  REQUIRE(wanted.size() == 1);
  CHECK(chunks.state(wanted[0]) == ps::ChunkedCollection::State::kFetching);
  e.want_details(1);
  CHECK(e.take_chunk_requests().empty());  // on its way already
  std::string error;
  CHECK(e.attach_chunk(wanted[0], files.at(chunks.manifest().chunks[wanted[0]].file()), error));
  CHECK(e.details(1) == ps::Explorer::Details::kLoaded);
  CHECK(e.store().named_author_count(1) == 8);

  SUBCASE("a chunk that fails says why, and can be asked for again") {
    const uint32_t row = e.store().size() - 1;
    e.want_details(row);
    const uint32_t chunk = e.take_chunk_requests().at(0);
    e.chunk_failed(chunk, "Could not load chunks/x.bin: the server answered 404");
    CHECK(e.details(row) == ps::Explorer::Details::kFailed);
    CHECK(e.details_error(row) == "Could not load chunks/x.bin: the server answered 404");
    e.want_details(row);
    CHECK(e.take_chunk_requests().empty());  // failed stays failed until a retry
    e.retry_details(row);
    CHECK(e.take_chunk_requests() == std::vector<uint32_t>{chunk});
    CHECK(e.details(row) == ps::Explorer::Details::kLoading);
    // Search works all along.
    CHECK_FALSE(search(e, "transformer").empty());
  }

  SUBCASE("a damaged chunk is refused with a message") {
    const uint32_t row = e.store().size() - 1;
    const uint32_t chunk = e.store().chunk_of(row);
    std::string bytes = files.at(chunks.manifest().chunks[chunk].file());
    bytes[bytes.size() / 2] ^= 1;
    CHECK_FALSE(e.attach_chunk(chunk, bytes, error));
    CHECK(error.find("damaged or not the file the manifest names") != std::string::npos);
    CHECK(e.details(row) == ps::Explorer::Details::kFailed);
    CHECK(e.details_error(row) == error);
    CHECK(e.store().abstract(row).empty());
  }

  SUBCASE("an export asks for the chunks it needs, up to a limit") {
    std::vector<uint32_t> rows;
    for (uint32_t r = 0; r < e.store().size(); ++r) rows.push_back(r);
    ps::Explorer::DetailsNeed need = e.need_details(rows, 2);
    CHECK(need.papers > 0);
    CHECK(need.chunks == chunks.chunk_count() - 1);
    CHECK_FALSE(need.requested);  // too many
    CHECK(e.take_chunk_requests().empty());
    need = e.need_details(rows, 1000);
    CHECK(need.requested);
    CHECK(e.take_chunk_requests().size() == chunks.chunk_count() - 1);
  }
}

TEST_CASE("hostile manifests give messages") {
  const Files files = write(sample_store());
  const std::string good = files.at("manifest.json");
  auto problem = [](const std::string& text) {
    ps::ChunkedManifest m;
    ps::Problems problems;
    CHECK_FALSE(ps::read_chunked_manifest(text, m, problems));
    return problems.summary();
  };
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
  };
  CHECK(ps::looks_like_chunked_manifest(good));
  CHECK_FALSE(ps::looks_like_chunked_manifest("{\"format\": \"paperscope-bundle\"}"));
  CHECK(problem("").find("line 1") != std::string::npos);
  CHECK(problem("{\"format\": \"paperscope-chunked\", ").find("line 1") != std::string::npos);
  CHECK(problem(std::string(5000, '[')).find("nest") != std::string::npos);
  CHECK(problem("[1]") == "$: expected an object, found an array");
  CHECK(problem(replaced("\"version\": 1", "\"version\": 2")) ==
        "$.version: version 2 is newer than this Paperscope reads (1)");
  CHECK(problem(replaced("\"paperscope-chunked\"", "\"paperscope-bundle\"")) ==
        "$.format: \"paperscope-bundle\" is not \"paperscope-chunked\"");
  CHECK(problem(replaced("\"file\": \"resident-", "\"file\": \"../resident-"))
            .find("$.resident.file") == 0);
  CHECK(problem(replaced("\"file\": \"resident-", "\"file\": \"https://evil.example/"))
            .find("$.resident.file") == 0);
  CHECK(problem(replaced("\"xxh64\"", "\"md5\"")).find("$.hash") == 0);
  CHECK(problem(replaced("\"papers\": 305", "\"papers\": 306")) ==
        "$.chunks: the chunks hold 305 papers, the manifest says 306");
  CHECK(problem(replaced("[0,", "[1,")).find("$.chunks[0]: starts at paper 1, expected 0") == 0);
  CHECK(problem(replaced("[0,", "[0,0,1,\"0000000000000000\"],[0,"))
            .find("$.chunks[0]: a chunk holds at least one paper") == 0);
  const size_t hash_at = good.find("\"]", good.find("\"chunks\"")) - 16;
  std::string bad_hash = good;
  bad_hash.replace(hash_at, 16, "XYZ");
  CHECK(problem(bad_hash).find("expected 16 lower-case hexadecimal digits") != std::string::npos);
}

TEST_CASE("hostile resident parts give messages, never a crash") {
  const Files files = write(sample_store());
  const ps::ChunkedManifest m = manifest_of(files);
  const std::string resident = files.at(resident_name(files));
  auto decode = [&](const std::string& bytes) {
    ps::ResidentDecoder decoder(m, bytes);
    size_t steps = 0;
    while (!decoder.step(1)) REQUIRE(++steps < 1000000);
    return decoder.error();
  };
  CHECK(decode(resident).empty());

  SUBCASE("checked against the manifest first") {
    ps::PaperStore store;
    ps::SearchIndex index;
    std::string error;
    CHECK_FALSE(ps::read_resident(m, resident.substr(0, resident.size() - 1), store, index, error));
    CHECK(error.find("bytes, the manifest says") != std::string::npos);
    std::string flipped = resident;
    flipped[flipped.size() / 2] ^= 0x20;
    CHECK_FALSE(ps::read_resident(m, flipped, store, index, error));
    CHECK(error.find("damaged or not the file the manifest names") != std::string::npos);
  }
  SUBCASE("wrong magic, wrong version") {
    std::string bad = resident;
    bad[0] = 'X';
    CHECK(decode(bad).find("not a Paperscope resident part") == 0);
    bad = resident;
    bad[8] = 9;
    CHECK(decode(bad) == "resident part version 9 is not one this Paperscope reads (2)");
  }
  SUBCASE("a section outside the file") {
    std::string bad = resident;
    bad[16 + 24 * 11 + 8 + 6] = 0x7f;  // POST's offset, a high byte
    CHECK(decode(bad).find("section POST") == 0);
    CHECK(decode(bad).find("lies outside the file") != std::string::npos);
  }
  SUBCASE("every truncation") {
    for (size_t length = 0; length < resident.size(); length += (length < 600 ? 1 : 7)) {
      INFO("length " << length);
      CHECK_FALSE(decode(resident.substr(0, length)).empty());
    }
  }
  SUBCASE("random damage: a message or a collection, never a crash") {
    std::mt19937 random(7);
    int failures = 0;
    for (int round = 0; round < 400; ++round) {
      std::string bad = resident;
      const int flips = 1 + static_cast<int>(random() % 4);
      for (int i = 0; i < flips; ++i) bad[random() % bad.size()] = static_cast<char>(random());
      ps::ResidentDecoder decoder(m, bad);
      while (!decoder.step(3)) {
      }
      if (!decoder.ok()) {
        ++failures;
        continue;
      }
      // What decodes must be safe to search.
      ps::PaperStore store = std::move(decoder.store());
      ps::SearchIndex index = std::move(decoder.index());
      ps::QueryEvaluator evaluator;
      evaluator.reset(&store, &index);
      for (const char* q :
           {"transformer", "\"attention is\"", "graph OR video", "has:code", "tag:cs.CL"}) {
        ps::QueryMatch match;
        ps::ParsedQuery parsed = ps::parse_query(q);
        evaluator.evaluate(parsed.root.get(), match);
      }
    }
    // Most damage is caught by the decoder itself (the hash catches all of it first): text
    // bytes and compact codes (a word's rank, a count) can change into other valid values.
    CHECK(failures > 250);
  }
}

TEST_CASE("hostile chunks give messages") {
  ps::ChunkedOptions options;
  options.chunk_bytes = 2048;
  const Files files = write(sample_store(), options);
  ps::ChunkedManifest m = manifest_of(files);
  ps::ChunkedRead read = ps::read_chunked(files.at("manifest.json"), source(files), false);
  REQUIRE(read.ok());
  const std::string chunk = files.at(m.chunks[0].file());
  // Decoding a chunk whose manifest entry matches whatever bytes it is given: the hash
  // passes, the decoder itself must find what is wrong.
  auto decode = [&](const std::string& bytes) {
    ps::ChunkedManifest forged = m;
    forged.chunks[0].bytes = bytes.size();
    forged.chunks[0].hash = ps::xxh64(bytes);
    ps::PaperStore::ChunkDetails details;
    std::string error;
    return ps::decode_chunk(forged, 0, bytes, read.store, details, error) ? std::string() : error;
  };
  CHECK(decode(chunk).empty());
  for (size_t length = 0; length < chunk.size(); length += 3) {
    INFO("length " << length);
    CHECK_FALSE(decode(chunk.substr(0, length)).empty());
  }
  std::string bad = chunk;
  bad[1] = 'X';
  CHECK(decode(bad).find("not a Paperscope chunk") != std::string::npos);
  bad = chunk + "x";
  CHECK(decode(bad).find("1 bytes left over") != std::string::npos);
  // A link that is not http(s).
  const size_t at = chunk.find("https://github.com/openai");
  REQUIRE(at != std::string::npos);
  bad = chunk;
  bad.replace(at, 8, "javascr:");
  CHECK(decode(bad).find("only http and https links are allowed") != std::string::npos);
  // Text that is not UTF-8 (a byte of an abstract).
  const size_t word = chunk.find("diffusion models achieve");
  REQUIRE(word != std::string::npos);
  bad = chunk;
  bad[word] = '\xff';
  CHECK(decode(bad).find("its abstract is not valid UTF-8") != std::string::npos);
  // More names than the resident part's author count.
  ps::PaperStore::ChunkDetails details;
  std::string error;
  ps::ChunkedManifest other = m;
  CHECK_FALSE(ps::decode_chunk(other, 99999, chunk, read.store, details, error));
  CHECK(error == "chunk 99999 is not in the manifest");
  CHECK_FALSE(ps::decode_chunk(m, 1, chunk, read.store, details, error));  // another chunk's bytes
  CHECK(error.find("bytes, the manifest says") != std::string::npos);
}

TEST_CASE("the resident index is the index built from the papers, word for word") {
  // 20,000 distinct words (ranks of one, two and three bytes in FWRD), words in several
  // fields at once (postings whose counts are not the word's common ones), separators.
  ps::PaperStore store;
  for (int i = 0; i < 6000; ++i) {
    ps::PaperRecord p = paper("2301." + std::to_string(10000 + i),
                              "Rare" + std::to_string(i) + " and Rarer" + std::to_string(i) +
                                  " words " + std::to_string(i * 7) + " about graphs",
                              "", {"Graphs Smith", "Ann Rare" + std::to_string(i % 97)});
    p.tags = {{ps::TagKind::kKeyword, "graphs"}, {ps::TagKind::kKeyword, "w" + std::to_string(i)}};
    if (i % 3 == 0) p.venue = "Graphs " + std::to_string(i);
    store.add(p);
  }
  ps::SearchIndex built;
  built.build(store, ps::SearchIndex::kAllButAbstracts);
  const Files files = write(store);
  ps::ChunkedRead read = ps::read_chunked(files.at("manifest.json"), source(files), false);
  REQUIRE_MESSAGE(read.ok(), read.problems.summary());
  const ps::SearchIndex& ix = read.index;
  REQUIRE(ix.word_count() == built.word_count());
  CHECK(ix.word_count() > 16384);
  CHECK(ix.posting_count() == built.posting_count());
  for (uint32_t w = 0; w < ix.word_count(); ++w) {
    REQUIRE(ix.word(w) == built.word(w));
    const auto rows = ix.rows(w), want_rows = built.rows(w);
    const auto counts = ix.counts(w), want_counts = built.counts(w);
    REQUIRE(rows.size() == want_rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      REQUIRE(rows[i] == want_rows[i]);
      REQUIRE(counts[i].bits == want_counts[i].bits);
    }
  }
  for (uint32_t r = 0; r < store.size(); ++r) {
    for (size_t f = 0; f < static_cast<size_t>(ps::FieldSlot::kCount); ++f) {
      const ps::WordSpan got = ix.field_words(r, static_cast<ps::FieldSlot>(f));
      const ps::WordSpan want = built.field_words(r, static_cast<ps::FieldSlot>(f));
      REQUIRE(got.size() == want.size());
      for (size_t i = 0; i < got.size(); ++i) REQUIRE(got[i] == want[i]);
    }
  }
  // The first-keystroke sets too.
  for (const char c : std::string("0123456789abcdefghijklmnopqrstuvwxyz")) {
    REQUIRE(ix.initial_rows(c) != nullptr);
    REQUIRE(built.initial_rows(c) != nullptr);
    CHECK(ix.initial_rows(c)->count() == built.initial_rows(c)->count());
  }
  CHECK(ix.initial_rows('r')->count() == store.size());  // "Rare…" in every title
}

TEST_CASE("regression: a chunk with many external-id schemes keeps every one") {
  // fuzz_chunked (tests/data/regressions/chunked/many-id-schemes.bin): the decoder kept its
  // scheme lookup keyed by views into the scheme pool, whose storage moves as it grows, and
  // read freed memory at the next lookup (ASan: heap-use-after-free).
  ps::PaperStore store;
  for (int i = 0; i < 4; ++i) {
    ps::PaperRecord p =
        paper("2301.0000" + std::to_string(i), "Paper " + std::to_string(i), "Abstract", {"Ada"});
    for (int s = 0; s < 40; ++s)
      p.external_ids.push_back({"scheme-with-a-long-name-" + std::to_string(s),
                                std::to_string(i) + "-" + std::to_string(s)});
    store.add(p);
  }
  const Files files = write(store);
  ps::ChunkedRead read = ps::read_chunked(files.at("manifest.json"), source(files), true);
  REQUIRE(read.ok());
  for (uint32_t row = 0; row < read.store.size(); ++row) {
    const auto ids = read.store.external_ids(row);
    REQUIRE(ids.size() == 40);
    for (size_t s = 0; s < ids.size(); ++s) {
      CHECK(read.store.external_id_scheme(ids[s]) ==
            "scheme-with-a-long-name-" + std::to_string(s));
      CHECK(read.store.external_id_value(ids[s]) == std::to_string(row) + "-" + std::to_string(s));
    }
  }
}
