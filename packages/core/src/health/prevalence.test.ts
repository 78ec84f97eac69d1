import { describe, expect, it } from "vitest"
import * as P from "./prevalence.ts"

describe("quantiles", () => {
  it("standard normal: Φ⁻¹(0.975) = 1.959963984540054", () => {
    expect(P.normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 11)
    expect(P.normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 11)
    expect(P.normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 11)
  })
  it("Student's t, 97.5%: 12.7062 (1 df), 4.3027 (2), 2.5706 (5), 2.2281 (10), 2.0423 (30)", () => {
    const table: ReadonlyArray<readonly [number, number]> = [[1, 12.706204736174703], [2, 4.302652729749464], [5, 2.570581835636314], [10, 2.2281388519862744], [30, 2.0422724563012373]]
    for (const [df, t] of table) expect(P.tQuantile(0.975, df)).toBeCloseTo(t, 9)
  })
})

describe("Wilson score interval", () => {
  it("5 of 10 at 95%: 0.2366 to 0.7634", () => {
    // centre = (0.5 + 1.96²/20) / (1 + 1.96²/10) = 0.5; half = (1.96 / 1.38415) · √(0.025 + 0.009604) = 0.26341
    const i = P.wilson(5, 10)!
    expect(i.estimate).toBe(0.5)
    expect(i.lower).toBeCloseTo(0.236593, 6)
    expect(i.upper).toBeCloseTo(0.763407, 6)
  })
  it("0 of 10 stays within [0, 1] and is not degenerate (upper 0.2775)", () => {
    const i = P.wilson(0, 10)!
    expect(i.lower).toBe(0)
    expect(i.upper).toBeCloseTo(0.277533, 6)
  })
  it("no children: no interval", () => {
    expect(P.wilson(0, 0)).toBeUndefined()
  })
})

describe("cluster-robust interval (linearised ratio variance, logit scale, t with C − 1 df — anthro's svyciprop logit)", () => {
  it("four classes by hand", () => {
    // cases/children: 2/30, 5/28, 0/31, 3/25 → p = 10/114 = 0.0877193
    // residuals yᵢ − p·nᵢ: −0.63158, 2.54386, −2.71930, 0.80702; Σ² = 14.9160
    // Var = 4/3 · 14.9160 / 114² = 0.00153031; SE = 0.039119; t(0.975, 3) = 3.18245
    // logit p = ln(10/104) = −2.34181; SE on the logit scale = 0.039119 / (p(1 − p)) = 0.039119 / 0.080025 = 0.48884
    // lower = expit(−2.34181 − 3.18245 · 0.48884) = expit(−3.89751) = 0.01989
    // upper = expit(−2.34181 + 1.55571) = expit(−0.78610) = 0.31301
    const clusters = [{ cases: 2, n: 30 }, { cases: 5, n: 28 }, { cases: 0, n: 31 }, { cases: 3, n: 25 }]
    const p = 10 / 114
    const sum = clusters.reduce((s, c) => s + (c.cases - p * c.n) ** 2, 0)
    const se = Math.sqrt((4 / 3) * sum / (114 * 114))
    const i = P.clusterRobust(clusters)!
    expect(i.estimate).toBeCloseTo(p, 12)
    expect(i.standardError).toBeCloseTo(se, 12)
    expect(i.degreesOfFreedom).toBe(3)
    const half = 3.182446305284263 * se / (p * (1 - p))
    const expit = (x: number) => 1 / (1 + Math.exp(-x))
    expect(i.lower).toBeCloseTo(expit(Math.log(p / (1 - p)) - half), 12)
    expect(i.upper).toBeCloseTo(expit(Math.log(p / (1 - p)) + half), 12)
    expect(i.lower).toBeCloseTo(0.01989, 4)
    expect(i.upper).toBeCloseTo(0.31301, 4)
    // the classes differ more than chance: a design effect above 1
    expect(i.designEffect!).toBeGreaterThan(1)
  })
  it("with fewer than two clusters, or a prevalence of 0 or 1, there is no interval (the Wilson interval is the one to read)", () => {
    expect(P.clusterRobust([{ cases: 3, n: 40 }])).toBeUndefined()
    expect(P.clusterRobust([{ cases: 0, n: 30 }, { cases: 0, n: 28 }])).toBeUndefined()
    expect(P.clusterRobust([{ cases: 30, n: 30 }, { cases: 28, n: 28 }])).toBeUndefined()
    expect(P.wilson(0, 58)!.upper).toBeGreaterThan(0)
  })
  it("law: the interval holds the estimate, inside (0, 1)", () => {
    for (const clusters of [[{ cases: 1, n: 30 }, { cases: 0, n: 30 }], [{ cases: 29, n: 30 }, { cases: 30, n: 30 }, { cases: 12, n: 25 }]]) {
      const i = P.clusterRobust(clusters)!
      expect(0 < i.lower && i.lower < i.estimate && i.estimate < i.upper && i.upper < 1).toBe(true)
    }
  })
})

describe("z-score statistics", () => {
  it("mean and SD (n − 1), leaving out NaN", () => {
    const s = P.zStatistics([1, 2, 3, Number.NaN, 4])
    expect(s).toEqual({ n: 4, mean: 2.5, sd: Math.sqrt(5 / 3) })
    expect(P.zStatistics([Number.NaN])).toEqual({ n: 0, mean: undefined, sd: undefined })
  })
})
