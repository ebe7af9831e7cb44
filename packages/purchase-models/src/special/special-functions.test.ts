import { describe, expect, it } from 'vitest';
import { gaussLegendreRule, integrate, ruleForStrip } from './gauss-legendre.ts';
import { logHypergeometric2F1 } from './hypergeometric.ts';
import { logAddExp } from './log-add-exp.ts';
import { logBeta, logGamma } from './log-gamma.ts';

const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('logGamma', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    let factorial = 1;
    for (let n = 2; n <= 30; n += 1) {
      factorial *= n;
      expect(Math.abs(logGamma(n + 1) - Math.log(factorial))).toBeLessThan(1e-14 * Math.max(1, Math.log(factorial)));
    }
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(relative(logGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
  });

  it('satisfies ln Γ(x+1) = ln Γ(x) + ln x across scales, including across the Stirling threshold', () => {
    for (const x of [1e-8, 0.003, 0.243, 0.793, 1.5, 2.426, 9.99, 14.5, 15, 40.1, 1e4, 1e8]) {
      expect(Math.abs(logGamma(x + 1) - logGamma(x) - Math.log(x))).toBeLessThan(1e-12 * Math.max(1, Math.abs(logGamma(x + 1))));
    }
  });

  it('is NaN outside its domain', () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1.5)).toBeNaN();
    expect(logGamma(Number.NaN)).toBeNaN();
  });

  it('gives B(1, b) = 1/b and a symmetric beta', () => {
    expect(relative(logBeta(1, 3.7), -Math.log(3.7))).toBeLessThan(1e-14);
    expect(logBeta(0.793, 2.426)).toBeCloseTo(logBeta(2.426, 0.793), 14);
  });
});

describe('logAddExp', () => {
  it('adds in log space without overflow', () => {
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 15);
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 12);
    expect(logAddExp(Number.NEGATIVE_INFINITY, -3)).toBe(-3);
  });
});

describe('logHypergeometric2F1', () => {
  it('matches closed forms: ₂F₁(1,1;2;z) = −ln(1−z)/z and ₂F₁(a,b;b;z) = (1−z)^−a', () => {
    for (const z of [0, 0.1, 0.5, 0.9, 0.99, 0.999]) {
      const expected = z === 0 ? 1 : -Math.log1p(-z) / z;
      expect(relative(Math.exp(logHypergeometric2F1(1, 1, 2, z)), expected)).toBeLessThan(1e-12);
      expect(Math.abs(logHypergeometric2F1(2.7, 1.3, 1.3, z) - -2.7 * Math.log1p(-z))).toBeLessThan(1e-12 * Math.max(1, -2.7 * Math.log1p(-z)));
    }
  });

  it('stays finite where ₂F₁ itself overflows a double', () => {
    // ₂F₁(a,b;b;z) = (1−z)^−a = 1e400 here.
    expect(relative(logHypergeometric2F1(200, 3, 3, 0.99), 400 * Math.log(10))).toBeLessThan(1e-12);
  });

  it('rejects arguments outside the positive-series domain', () => {
    expect(() => logHypergeometric2F1(1, 1, 2, 1)).toThrow(/0 <= z < 1/);
    expect(() => logHypergeometric2F1(1, -1, 2, 0.5)).toThrow(/a, b, c > 0/);
  });
});

describe('Gauss–Legendre quadrature', () => {
  it('has weights summing to 2 and integrates polynomials up to degree 2n−1 exactly', () => {
    const rule = gaussLegendreRule(12);
    expect(rule.weights.reduce((total, weight) => total + weight, 0)).toBeCloseTo(2, 14);
    expect(integrate((x) => x ** 23 + 3 * x ** 2, -1, 1, rule, 2)).toBeCloseTo(2, 13);
    expect(integrate((x) => x ** 24, -1, 1, gaussLegendreRule(5), 2)).not.toBeCloseTo(2 / 25, 3);
  });

  it('picks fewer nodes for shorter panels, enough for double precision', () => {
    const long = ruleForStrip(0.75, Math.PI);
    const short = ruleForStrip(0.01, Math.PI);
    expect(short.nodes.length).toBeLessThan(long.nodes.length);
    // 1/(1 + x²) is analytic in |Im x| < 1.
    const exact = Math.atan(0.3) - Math.atan(0.1);
    expect(Math.abs(integrate((x) => 1 / (1 + x * x), 0.1, 0.3, ruleForStrip(0.1, 1), 1) - exact)).toBeLessThan(1e-16);
  });

  it('integrates a smooth function over many panels', () => {
    expect(relative(integrate(Math.exp, 0, 10, gaussLegendreRule(12), 1.5), Math.exp(10) - 1)).toBeLessThan(1e-14);
  });
});
