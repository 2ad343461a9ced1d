#include "app/designer/AutoLayout.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <vector>

namespace sc::designer {

namespace {

// Edges as index pairs with the back edges of cycles removed (DFS in file order), so the rest
// is acyclic.
std::vector<std::pair<int, int>> acyclicEdges(const Pipeline& p) {
  std::unordered_map<std::string, int> index;
  for (size_t i = 0; i < p.nodes.size(); ++i)
    index.emplace(p.nodes[i].id, static_cast<int>(i));
  const int n = static_cast<int>(p.nodes.size());
  std::vector<std::vector<int>> out(n);
  for (const auto& e : p.edges) {
    auto a = index.find(e.from.node), b = index.find(e.to.node);
    if (a == index.end() || b == index.end() || a->second == b->second) continue;
    out[a->second].push_back(b->second);
  }
  enum : char { White, Grey, Black };
  std::vector<char> colour(n, White);
  std::vector<std::pair<int, int>> kept;
  // Iterative DFS: a stack of (node, next child position).
  std::vector<std::pair<int, size_t>> stack;
  for (int root = 0; root < n; ++root) {
    if (colour[root] != White) continue;
    stack.emplace_back(root, 0);
    colour[root] = Grey;
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      if (next < out[v].size()) {
        int w = out[v][next++];
        if (colour[w] == Grey) continue;  // back edge: dropped
        kept.emplace_back(v, w);
        if (colour[w] == White) {
          colour[w] = Grey;
          stack.emplace_back(w, 0);
        }
      } else {
        colour[v] = Black;
        stack.pop_back();
      }
    }
  }
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  return kept;
}

}  // namespace

std::map<std::string, QPointF> layeredLayout(const Pipeline& p, const LayoutMetrics& metrics) {
  const int n = static_cast<int>(p.nodes.size());
  const auto edges = acyclicEdges(p);
  std::vector<std::vector<int>> preds(n), succs(n);
  for (auto [a, b] : edges) {
    succs[a].push_back(b);
    preds[b].push_back(a);
  }

  // Longest-path layering in topological order (Kahn).
  std::vector<int> layer(n, 0), indegree(n, 0);
  for (auto [a, b] : edges)
    ++indegree[b];
  std::vector<int> queue;
  for (int v = 0; v < n; ++v)
    if (indegree[v] == 0) queue.push_back(v);
  for (size_t head = 0; head < queue.size(); ++head) {
    int v = queue[head];
    for (int w : succs[v]) {
      layer[w] = std::max(layer[w], layer[v] + 1);
      if (--indegree[w] == 0) queue.push_back(w);
    }
  }
  const int layerCount = n == 0 ? 0 : *std::max_element(layer.begin(), layer.end()) + 1;
  std::vector<std::vector<int>> layers(layerCount);
  for (int v = 0; v < n; ++v)
    layers[layer[v]].push_back(v);  // file order as the start

  // Barycentric ordering: sweep down using predecessors, then up using successors.
  std::vector<double> order(n, 0);
  auto renumber = [&](const std::vector<int>& nodes) {
    for (size_t i = 0; i < nodes.size(); ++i)
      order[nodes[i]] = static_cast<double>(i);
  };
  for (auto& l : layers)
    renumber(l);
  auto sweep = [&](std::vector<int>& nodes, const std::vector<std::vector<int>>& neighbours) {
    std::vector<double> key(n);
    for (int v : nodes) {
      if (neighbours[v].empty()) {
        key[v] = order[v];
        continue;
      }
      double sum = 0;
      for (int w : neighbours[v])
        sum += order[w];
      key[v] = sum / static_cast<double>(neighbours[v].size());
    }
    std::stable_sort(nodes.begin(), nodes.end(), [&](int a, int b) { return key[a] < key[b]; });
    renumber(nodes);
  };
  for (int pass = 0; pass < 4; ++pass) {
    for (int l = 1; l < layerCount; ++l)
      sweep(layers[l], preds);
    for (int l = layerCount - 2; l >= 0; --l)
      sweep(layers[l], succs);
  }

  // Columns, each centred vertically around y = 0.
  std::map<std::string, QPointF> positions;
  for (int l = 0; l < layerCount; ++l) {
    double total = 0;
    for (int v : layers[l])
      total += metrics.nodeHeight(p.nodes[v]) + metrics.rowGap;
    double y = -total / 2;
    for (int v : layers[l]) {
      const double x = l * metrics.columnWidth;
      positions[p.nodes[v].id] = QPointF(std::round(x / 10) * 10, std::round(y / 10) * 10);
      y += metrics.nodeHeight(p.nodes[v]) + metrics.rowGap;
    }
  }
  return positions;
}

}  // namespace sc::designer
