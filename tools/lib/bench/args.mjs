// Command-line options of the benchmark scripts: `--name value` pairs among other words.
// optionReader(args)('--papers', 100000) is the value after --papers, or the fallback when
// it is absent or last.
export function optionReader(args) {
  return (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
  };
}
