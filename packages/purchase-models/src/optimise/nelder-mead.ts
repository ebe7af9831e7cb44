/**
 * Derivative-free minimisation by the Nelder–Mead simplex method, restarted from the best point
 * until a restart no longer improves it (a collapsed simplex is the method's known failure; a fresh
 * simplex around the incumbent escapes it). Pure and deterministic.
 *
 * The objective may return NaN or ±∞ for infeasible points: they are treated as +∞.
 */

export interface NelderMeadOptions {
  /** Converged when the simplex's values differ by at most this (absolute). */
  readonly valueTolerance?: number;
  /** …and its vertices lie within this distance of the best one (max-norm). */
  readonly pointTolerance?: number;
  /** Size of each fresh simplex's edges around its starting point. */
  readonly initialStep?: number;
  readonly maxEvaluations?: number;
  readonly maxRestarts?: number;
}

export interface Minimum {
  readonly point: number[];
  readonly value: number;
  readonly evaluations: number;
  readonly restarts: number;
  /** False when the evaluation budget ran out before the tolerances were met. */
  readonly converged: boolean;
}

// Standard coefficients: reflection, expansion, contraction, shrink.
const REFLECT = 1;
const EXPAND = 2;
const CONTRACT = 0.5;
const SHRINK = 0.5;

interface Vertex {
  point: number[];
  value: number;
}

function along(from: number[], to: number[], factor: number): number[] {
  return from.map((value, index) => value + factor * (to[index]! - value));
}

export function minimiseNelderMead(objective: (point: readonly number[]) => number, start: readonly number[], options: NelderMeadOptions = {}): Minimum {
  const valueTolerance = options.valueTolerance ?? 1e-10;
  const pointTolerance = options.pointTolerance ?? 1e-9;
  const initialStep = options.initialStep ?? 0.5;
  const maxEvaluations = options.maxEvaluations ?? 20_000;
  const maxRestarts = options.maxRestarts ?? 20;
  let evaluations = 0;
  const evaluate = (point: number[]): Vertex => {
    evaluations += 1;
    const value = objective(point);
    return { point, value: Number.isFinite(value) ? value : Number.POSITIVE_INFINITY };
  };

  const descend = (origin: number[]): { best: Vertex; converged: boolean } => {
    const simplex: Vertex[] = [evaluate(origin)];
    for (let axis = 0; axis < origin.length; axis += 1) {
      const point = [...origin];
      point[axis]! += initialStep;
      simplex.push(evaluate(point));
    }
    while (evaluations < maxEvaluations) {
      simplex.sort((left, right) => left.value - right.value);
      const best = simplex[0]!;
      const worst = simplex[simplex.length - 1]!;
      const secondWorst = simplex[simplex.length - 2]!;
      const spreadOfValues = worst.value - best.value;
      const spreadOfPoints = Math.max(...simplex.map((vertex) => Math.max(...vertex.point.map((value, index) => Math.abs(value - best.point[index]!)))));
      if (spreadOfValues <= valueTolerance && spreadOfPoints <= pointTolerance) return { best, converged: true };

      const centroid = origin.map((_, index) => simplex.slice(0, -1).reduce((total, vertex) => total + vertex.point[index]!, 0) / (simplex.length - 1));
      const reflected = evaluate(along(centroid, worst.point, -REFLECT));
      if (reflected.value < best.value) {
        const expanded = evaluate(along(centroid, worst.point, -EXPAND));
        simplex[simplex.length - 1] = expanded.value < reflected.value ? expanded : reflected;
      } else if (reflected.value < secondWorst.value) {
        simplex[simplex.length - 1] = reflected;
      } else {
        // Contract towards the better of the worst point and its reflection.
        const outside = reflected.value < worst.value;
        const contracted = evaluate(along(centroid, outside ? reflected.point : worst.point, CONTRACT));
        if (contracted.value < (outside ? reflected.value : worst.value)) {
          simplex[simplex.length - 1] = contracted;
        } else {
          for (let index = 1; index < simplex.length; index += 1) simplex[index] = evaluate(along(best.point, simplex[index]!.point, SHRINK));
        }
      }
    }
    simplex.sort((left, right) => left.value - right.value);
    return { best: simplex[0]!, converged: false };
  };

  let { best, converged } = descend([...start]);
  let restarts = 0;
  while (converged && restarts < maxRestarts) {
    const again = descend([...best.point]);
    restarts += 1;
    const improvement = best.value - again.best.value;
    if (again.best.value < best.value) best = again.best;
    converged = again.converged;
    if (improvement <= valueTolerance) break;
  }
  return { point: best.point, value: best.value, evaluations, restarts, converged };
}
