import { describe, expect, it } from "vitest"
import { estimate, percentile, t975 } from "./stats.ts"

describe("statistics", () => {
  it("Student's t 97.5% quantiles match the published table (e.g. NIST/SEMATECH e-Handbook, Table 1.3.6.7.2)", () => {
    const table: ReadonlyArray<readonly [number, number]> = [[1, 12.706], [2, 4.303], [3, 3.182], [5, 2.571], [10, 2.228], [30, 2.042], [100, 1.984], [999, 1.962]]
    for (const [nu, t] of table) expect(Math.abs(t975(nu) - t)).toBeLessThan(0.0006)
  })

  it("a 95% interval: values 1…5 have mean 3, sd √2.5 and half-width t(4)·sd/√5 = 2.776 × 1.5811 / 2.2361 = 1.963", () => {
    const e = estimate([1, 2, 3, 4, 5])
    expect(e.mean).toBe(3)
    expect(e.sd).toBeCloseTo(Math.sqrt(2.5), 12)
    expect(e.high - e.mean).toBeCloseTo(1.963, 3)
    expect(e.mean - e.low).toBeCloseTo(1.963, 3)
    expect(estimate([7])).toEqual({ n: 1, mean: 7, sd: 0, low: 7, high: 7 })
    expect(estimate([Number.NaN, 2, 4]).n).toBe(2)
  })

  it("percentiles interpolate between closest ranks: of 10, 20, 30, 40 the 50th is 25 and the 90th is 37", () => {
    expect(percentile([10, 20, 30, 40], 50)).toBe(25)
    expect(percentile([10, 20, 30, 40], 90)).toBeCloseTo(37, 12)
    expect(percentile([5], 95)).toBe(5)
    expect(Number.isNaN(percentile([], 50))).toBe(true)
  })
})
