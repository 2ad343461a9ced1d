// Stand-in for libFuzzer's main where libFuzzer is not available (g++ builds): runs a fuzz
// target over its seed corpus, then over deterministic random mutations of it, bounded in
// count and time. Usage: fuzz_x [--runs N] [--seconds S] [--seed X] CORPUS_DIR_OR_FILE...

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

using Input = std::string;

void runOne(const Input& input) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
}

std::vector<Input> loadCorpus(const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> files;
  for (const auto& p : paths) {
    if (std::filesystem::is_directory(p)) {
      for (const auto& entry : std::filesystem::directory_iterator(p))
        if (entry.is_regular_file()) files.push_back(entry.path());
    } else {
      files.emplace_back(p);
    }
  }
  std::sort(files.begin(), files.end());  // directory order is not deterministic
  std::vector<Input> corpus;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot read %s\n", f.c_str());
      std::exit(2);
    }
    corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return corpus;
}

// Tokens that reach deeper into parsers than random bytes do.
const char* const kTokens[] = {"(",
                               ")",
                               "[",
                               "]",
                               "\"",
                               "'",
                               "`",
                               "$headers.",
                               "$key",
                               "&&",
                               "||",
                               " in ",
                               " not ",
                               "null",
                               "true",
                               "1e308",
                               "9223372036854775807",
                               "lower(",
                               "regex_match(",
                               "coalesce(",
                               "\\u",
                               "\\uD800",
                               ",",
                               ".",
                               "{",
                               "}",
                               ":",
                               "\\",
                               "-",
                               "!",
                               "==",
                               "0",
                               "\xC3\xA9"};

class Mutator {
 public:
  explicit Mutator(uint64_t seed) : rng_(seed) {}

  size_t below(size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng_);
  }

  Input mutate(const std::vector<Input>& corpus) {
    Input s = corpus.empty() ? Input() : corpus[below(corpus.size())];
    size_t steps = 1 + below(4);
    for (size_t k = 0; k < steps; ++k) {
      size_t pos = below(s.size() + 1);
      switch (below(7)) {
        case 0:
          if (!s.empty()) s[below(s.size())] ^= static_cast<char>(1u << below(8));
          break;
        case 1:
          s.insert(pos, 1, static_cast<char>(below(256)));
          break;
        case 2:
          if (!s.empty()) s.erase(below(s.size()), 1 + below(8));
          break;
        case 3:
          s.insert(pos, kTokens[below(std::size(kTokens))]);
          break;
        case 4:
          if (!s.empty()) {
            size_t from = below(s.size());
            s.insert(pos, s.substr(from, 1 + below(16)));
          }
          break;
        case 5:
          if (!corpus.empty()) {
            const Input& other = corpus[below(corpus.size())];
            size_t from = below(other.size() + 1);
            s = s.substr(0, pos) + other.substr(from);
          }
          break;
        default:
          s.resize(pos);
          break;
      }
      if (s.size() > 4096) s.resize(4096);
    }
    return s;
  }

 private:
  std::mt19937_64 rng_;
};

}  // namespace

int main(int argc, char** argv) {
  long runs = 10000;
  double seconds = 10;
  uint64_t seed = 1;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::atol(argv[++i]);
    } else if (arg == "--seconds" && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
    } else if (arg == "--seed" && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (!arg.empty() && arg[0] == '-') {
      std::fprintf(stderr, "usage: %s [--runs N] [--seconds S] [--seed X] CORPUS...\n", argv[0]);
      return 2;
    } else {
      paths.push_back(arg);
    }
  }
  std::vector<Input> corpus = loadCorpus(paths);
  const auto start = std::chrono::steady_clock::now();
  for (const auto& input : corpus)
    runOne(input);
  Mutator mutator(seed);
  long done = 0;
  for (; done < runs; ++done) {
    if (done % 256 == 0) {
      std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
      if (elapsed.count() > seconds) break;
    }
    Input input = mutator.mutate(corpus);
    runOne(input);
    // Inputs that ran cleanly seed later mutations, as libFuzzer's corpus growth would.
    if (done % 64 == 0 && corpus.size() < 4096) corpus.push_back(std::move(input));
  }
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("%s: %zu corpus inputs and %ld mutations without a failure in %.1f s\n", argv[0],
              paths.empty() ? size_t(0) : loadCorpus(paths).size(), done, elapsed.count());
  return 0;
}
