// paperscope: the command-line tool for collections, linking the same core as the explorer.
// docs/cli.md describes every command.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace {

const char* kUsage =
    "usage: paperscope <command> [options] [--help]\n"
    "\n"
    "Reads collections in any format Paperscope knows (detected from the contents): Paperscope\n"
    "bundles, Hugging Face papers API JSON, arXiv metadata JSON lines, arXiv API Atom XML,\n"
    "Semantic Scholar Graph API JSON, CSL-JSON and BibTeX.\n"
    "\n"
    "commands:\n"
    "  convert IN... -o OUT.json   read any mix of formats, write one bundle\n"
    "  merge A B... -o OUT.json    merge collections, folding duplicate papers\n"
    "  validate FILE...            check files; exit 0 when all are valid, 1 otherwise\n"
    "  stats FILE...               what a collection holds\n"
    "  feed FILE [--query Q] [--limit N] -o feed.xml\n"
    "                              an Atom feed of the newest papers matching a query\n"
    "\n"
    "  paperscope <command> --help   more about one command\n"
    "\n"
    "Exit status: 0 done, 1 an input has problems (each is printed on stderr as\n"
    "FILE: error: PLACE: MESSAGE), 2 the command line is wrong.\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::fputs(kUsage, stderr);
    return cli::kUsage;
  }
  if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    if (args.size() > 1 && args[0] == "help") {
      const std::string command = args[1];
      args = {"--help"};
      args.insert(args.begin(), command);
    } else {
      std::fputs(kUsage, stdout);
      return cli::kOk;
    }
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "convert") return cli::cmd_convert(args, /*merge=*/false);
  if (command == "merge") return cli::cmd_convert(args, /*merge=*/true);
  if (command == "validate") return cli::cmd_validate(args);
  if (command == "stats") return cli::cmd_stats(args);
  if (command == "feed") return cli::cmd_feed(args);
  std::fprintf(stderr, "paperscope: unknown command \"%s\"\n\n%s", command.c_str(), kUsage);
  return cli::kUsage;
}
