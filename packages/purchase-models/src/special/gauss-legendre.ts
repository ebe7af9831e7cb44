/**
 * Composite Gauss–Legendre quadrature. Pure; nodes are computed once at load by Newton's method
 * on the Legendre polynomial (three-term recurrence), to full double precision.
 */

export interface QuadratureRule {
  /** Nodes on [−1, 1], ascending. */
  readonly nodes: readonly number[];
  readonly weights: readonly number[];
}

export function gaussLegendreRule(order: number): QuadratureRule {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let index = 1; index <= order; index += 1) {
    // Tricomi's approximation of the index-th root, from the right, then Newton.
    let x = Math.cos((Math.PI * (index - 0.25)) / (order + 0.5));
    let derivative = 1;
    for (let iteration = 0; iteration < 100; iteration += 1) {
      let previous = 1;
      let current = x;
      for (let degree = 2; degree <= order; degree += 1) {
        const next = ((2 * degree - 1) * x * current - (degree - 1) * previous) / degree;
        previous = current;
        current = next;
      }
      derivative = (order * (x * current - previous)) / (x * x - 1);
      const step = current / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * derivative * derivative));
  }
  nodes.reverse();
  weights.reverse();
  return { nodes, weights };
}

/** ∫ f over [from, to], split into equal panels of at most `maxPanelLength`, each by `rule`. */
export function integrate(f: (x: number) => number, from: number, to: number, rule: QuadratureRule, maxPanelLength: number): number {
  const panels = Math.max(1, Math.ceil((to - from) / maxPanelLength));
  const halfWidth = (to - from) / panels / 2;
  let total = 0;
  for (let panel = 0; panel < panels; panel += 1) {
    const centre = from + (2 * panel + 1) * halfWidth;
    for (let index = 0; index < rule.nodes.length; index += 1) total += rule.weights[index]! * f(centre + halfWidth * rule.nodes[index]!);
  }
  return total * halfWidth;
}

const rulesByOrder = new Map<number, QuadratureRule>();
/** ln(1e16): the error factor aimed for. */
const DOUBLE_PRECISION_DIGITS = 16 * Math.LN10;

/**
 * The smallest rule that integrates, to double precision, a function analytic in the strip
 * |Im x| < stripHalfWidth over a panel of half-length `halfLength`: the error of an n-point rule
 * falls like ρ^(−2n), ρ = s/L + √(1 + (s/L)²) the largest Bernstein ellipse inside the strip. Two
 * nodes are added as a margin; rules are built once per order and kept.
 */
export function ruleForStrip(halfLength: number, stripHalfWidth: number): QuadratureRule {
  const ratio = stripHalfWidth / halfLength;
  const rho = ratio + Math.sqrt(1 + ratio * ratio);
  const order = Math.min(24, Math.max(3, Math.ceil(DOUBLE_PRECISION_DIGITS / (2 * Math.log(rho))) + 2));
  let rule = rulesByOrder.get(order);
  if (!rule) {
    rule = gaussLegendreRule(order);
    rulesByOrder.set(order, rule);
  }
  return rule;
}
