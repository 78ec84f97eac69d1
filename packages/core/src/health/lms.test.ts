import { describe, expect, it } from "vitest"
import { atSd, measurementAt, roundR, zPlain, zRestricted } from "./lms.ts"

describe("roundR rounds as R ≥ 4.0.0's round(x, digits)", () => {
  it("to the nearer two-decimal number, judged on the double actually stored", () => {
    expect(roundR(7.3121, 2)).toBe(7.31)
    expect(roundR(-3.0112, 2)).toBe(-3.01)
    // 2.675 is stored as 2.67499999999999982236431605997495353221893310546875
    expect(roundR(2.675, 2)).toBe(2.67)
    // 1.005 is stored as 1.00499999999999989341858963598497211933135986328125
    expect(roundR(1.005, 2)).toBe(1)
    expect(roundR(-1.005, 2)).toBe(-1)
  })
  it("an exact tie goes to the even last digit (0.125 → 0.12, 0.375 → 0.38; 2.5 → 2 with 0 digits)", () => {
    expect(roundR(0.125, 2)).toBe(0.12)
    expect(roundR(0.375, 2)).toBe(0.38)
    expect(roundR(-0.125, 2)).toBe(-0.12)
    expect(roundR(2.5, 0)).toBe(2)
    expect(roundR(3.5, 0)).toBe(4)
  })
  it("keeps NaN and infinities, and gives 0 for −0.001 (no negative zero)", () => {
    expect(Number.isNaN(roundR(Number.NaN, 2))).toBe(true)
    expect(roundR(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY)
    expect(Object.is(roundR(-0.001, 2), 0)).toBe(true)
  })
  it("more digits: 3 (anthroplus z_precision = 3L)", () => {
    expect(roundR(0.21249, 3)).toBe(0.212)
    expect(roundR(-0.5754, 3)).toBe(-0.575)
  })
})

describe("the LMS formulas", () => {
  // weianthro.txt, sex 1, age 1001: L = −0.0559, M = 13.8114, S = 0.11946
  const l = -0.0559
  const m = 13.8114
  const s = 0.11946

  it("z = ((y/M)^L − 1) / (S·L): at the median z is 0", () => {
    expect(zPlain(m, l, m, s) === 0).toBe(true)
    expect(zPlain(18, l, m, s)).toBeCloseTo((Math.pow(18 / m, l) - 1) / (s * l), 14)
  })
  it("SD(k) = M·(1 + L·S·k)^(1/L), and the measurement at z inverts z", () => {
    expect(atSd(2, l, m, s)).toBeCloseTo(m * Math.pow(1 + l * s * 2, 1 / l), 12)
    for (const k of [-2.5, -1, 0, 0.5, 2.9]) expect(zPlain(measurementAt(k, l, m, s, false), l, m, s)).toBeCloseTo(k, 12)
  })
  it("beyond +3 SD, z is 3 plus the distance from SD(3) in units of SD(3) − SD(2)", () => {
    const sd3 = atSd(3, l, m, s)
    const sd2 = atSd(2, l, m, s)
    const y = sd3 + 0.5 * (sd3 - sd2)
    expect(zRestricted(y, l, m, s)).toBeCloseTo(3.5, 12)
    // the plain formula would say more (the curve is steeper beyond 3 SD)
    expect(zPlain(y, l, m, s)).not.toBeCloseTo(3.5, 2)
  })
  it("below −3 SD, z is −3 minus the distance from SD(−3) in units of SD(−2) − SD(−3)", () => {
    const sd3 = atSd(-3, l, m, s)
    const sd2 = atSd(-2, l, m, s)
    expect(zRestricted(sd3 - 2 * (sd2 - sd3), l, m, s)).toBeCloseTo(-5, 12)
    expect(measurementAt(-5, l, m, s, true)).toBeCloseTo(sd3 - 2 * (sd2 - sd3), 12)
  })
  it("L = 1 (length, height, head circumference) is the normal case: z = (y/M − 1)/S", () => {
    expect(zPlain(120, 1, 93.9932, 0.03784)).toBe((120 / 93.9932 - 1) / 0.03784)
  })
})
