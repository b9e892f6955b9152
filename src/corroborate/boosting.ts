// Gradient-boosted regression trees with logistic loss, for the same-claim model. Written here
// because no maintained JavaScript package trains boosted trees; it is short: quantile bins per
// feature, depth-limited trees grown greedily on the gradient/hessian sums (second-order, as XGBoost).

export interface TreeNode {
  /** Leaf when `feature` is -1. */
  feature: number;
  threshold: number;
  left: number;
  right: number;
  value: number;
}

export interface BoostedModel {
  bias: number;
  learningRate: number;
  trees: TreeNode[][];
}

export interface BoostingOptions {
  trees: number;
  depth: number;
  learningRate: number;
  /** Least hessian sum in a leaf (XGBoost's min_child_weight). */
  minLeafWeight: number;
  /** L2 penalty on leaf values (XGBoost's lambda). */
  l2: number;
  /** Share of rows each tree sees (stochastic boosting). */
  subsample: number;
  bins: number;
  seed: number;
}

export const DEFAULT_BOOSTING: BoostingOptions = { trees: 300, depth: 3, learningRate: 0.05, minLeafWeight: 3, l2: 1, subsample: 0.8, bins: 64, seed: 1 };

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function rng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/** Bin edges: distinct quantiles of each feature's values. */
function binEdges(rows: number[][], feature: number, bins: number): number[] {
  const values = rows.map((row) => row[feature]).sort((a, b) => a - b);
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const value = values[Math.floor((b * values.length) / bins)];
    if (edges.length === 0 || value > edges[edges.length - 1]) edges.push(value);
  }
  return edges;
}

export function trainBoosted(rows: number[][], labels: number[], options: BoostingOptions = DEFAULT_BOOSTING): BoostedModel {
  const featureCount = rows[0].length;
  const edges = Array.from({ length: featureCount }, (_, f) => binEdges(rows, f, options.bins));
  // binned[f][i]: index of the first edge above the value, so "value < edges[b]" is "bin <= b".
  const binned = edges.map((featureEdges, f) =>
    Uint8Array.from(rows, (row) => {
      let bin = 0;
      while (bin < featureEdges.length && row[f] >= featureEdges[bin]) bin++;
      return bin;
    }),
  );
  const positives = labels.reduce((sum, label) => sum + label, 0);
  const bias = Math.log((positives + 1) / (labels.length - positives + 1));
  const scores = new Float64Array(rows.length).fill(bias);
  const random = rng(options.seed);
  const trees: TreeNode[][] = [];
  for (let t = 0; t < options.trees; t++) {
    const grad = new Float64Array(rows.length);
    const hess = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const p = sigmoid(scores[i]);
      grad[i] = p - labels[i];
      hess[i] = Math.max(p * (1 - p), 1e-6);
    }
    const sample = [...rows.keys()].filter(() => random() < options.subsample);
    const nodes: TreeNode[] = [];
    const grow = (members: number[], depth: number): number => {
      let gSum = 0;
      let hSum = 0;
      for (const i of members) {
        gSum += grad[i];
        hSum += hess[i];
      }
      const index = nodes.length;
      nodes.push({ feature: -1, threshold: 0, left: -1, right: -1, value: (-gSum / (hSum + options.l2)) * options.learningRate });
      if (depth >= options.depth || members.length < 2) return index;
      const parentScore = (gSum * gSum) / (hSum + options.l2);
      let best = { gain: 1e-9, feature: -1, bin: -1 };
      for (let f = 0; f < featureCount; f++) {
        const bins = edges[f].length + 1;
        if (bins < 2) continue;
        const g = new Float64Array(bins);
        const h = new Float64Array(bins);
        const column = binned[f];
        for (const i of members) {
          g[column[i]] += grad[i];
          h[column[i]] += hess[i];
        }
        let gLeft = 0;
        let hLeft = 0;
        for (let b = 0; b < bins - 1; b++) {
          gLeft += g[b];
          hLeft += h[b];
          const hRight = hSum - hLeft;
          if (hLeft < options.minLeafWeight || hRight < options.minLeafWeight) continue;
          const gRight = gSum - gLeft;
          const gain = (gLeft * gLeft) / (hLeft + options.l2) + (gRight * gRight) / (hRight + options.l2) - parentScore;
          if (gain > best.gain) best = { gain, feature: f, bin: b };
        }
      }
      if (best.feature < 0) return index;
      const column = binned[best.feature];
      const leftMembers = members.filter((i) => column[i] <= best.bin);
      const rightMembers = members.filter((i) => column[i] > best.bin);
      const node = nodes[index];
      node.feature = best.feature;
      node.threshold = edges[best.feature][best.bin];
      node.left = grow(leftMembers, depth + 1);
      node.right = grow(rightMembers, depth + 1);
      return index;
    };
    grow(sample, 0);
    trees.push(nodes);
    for (let i = 0; i < rows.length; i++) scores[i] += treeValue(nodes, rows[i]);
  }
  return { bias, learningRate: options.learningRate, trees };
}

function treeValue(nodes: TreeNode[], row: number[]): number {
  let node = nodes[0];
  while (node.feature >= 0) node = nodes[row[node.feature] < node.threshold ? node.left : node.right];
  return node.value;
}

/** Probability of the positive class. */
export function predictBoosted(model: BoostedModel, row: number[]): number {
  let score = model.bias;
  for (const tree of model.trees) score += treeValue(tree, row);
  return sigmoid(score);
}
