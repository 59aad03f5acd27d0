/**
 * A logistic-regression model trained by `natural` (scripts/train-classifier.ts), one-vs-rest,
 * kept as plain data so that classifying needs neither `natural` nor training at start-up.
 * natural scores a class as sigmoid(Σ θ over the features present); so do we, sparsely.
 */
export interface LinearModel {
  labels: string[]
  /** θ per label, for each feature the model knows */
  weights: Record<string, number[]>
}

/** Probabilities per label (one-vs-rest scores, normalised to sum to 1). */
export function posterior(model: LinearModel, feats: readonly string[]): number[] {
  const z = model.labels.map(() => 0)
  for (const f of feats) {
    const w = model.weights[f]
    if (!w) continue
    for (let i = 0; i < z.length; i++) z[i]! += w[i]!
  }
  const s = z.map((v) => 1 / (1 + Math.exp(-v)))
  const sum = s.reduce((a, b) => a + b, 0)
  return s.map((v) => v / sum)
}

/** The features that speak most for `label`, strongest first. */
export function strongestFeatures(
  model: LinearModel,
  feats: readonly string[],
  label: string,
  k: number,
): string[] {
  const i = model.labels.indexOf(label)
  if (i < 0) return []
  return feats
    .map((f) => ({ f, w: model.weights[f]?.[i] ?? 0 }))
    .filter((x) => x.w > 0)
    .sort((a, b) => b.w - a.w)
    .slice(0, k)
    .map((x) => x.f)
}

export function softmax(scores: readonly number[]): number[] {
  const max = Math.max(...scores)
  const exps = scores.map((s) => Math.exp(s - max))
  const sum = exps.reduce((a, b) => a + b, 0)
  return exps.map((e) => e / sum)
}
