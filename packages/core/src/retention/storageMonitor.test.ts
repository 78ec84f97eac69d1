import * as fc from "fast-check"
import { assert, describe, it } from "vitest"
import { fromEpochMillis } from "../kernel/Time.ts"
import * as StorageMonitor from "./storageMonitor.ts"

const H = 3_600_000
const r = (fridgeId: string, hours: number, celsius: number) => ({ fridgeId, at: fromEpochMillis(hours * H), celsius })
const range = { minC: 0, maxC: 8 }

describe("storage monitor", () => {
  it("a breach runs from the first reading out of range to the first back in it; its peak is the reading farthest out", () => {
    // 4, 9, 12, 8.5, 6 °C hourly: out at 1 h, 2 h, 3 h; back at 4 h; 12 °C is 4 °C over the top
    const { breaches } = StorageMonitor.scan([r("f", 0, 4), r("f", 1, 9), r("f", 2, 12), r("f", 3, 8.5), r("f", 4, 6)], range, 24 * H)
    assert.deepStrictEqual(breaches, [{
      fridgeId: "f",
      start: 1 * H,
      end: 4 * H,
      peakCelsius: 12,
      peakAt: 2 * H,
      lowestCelsius: 8.5,
      highestCelsius: 12,
      outOfRangeReadings: 3
    }])
  })

  it("a breach below the range peaks at its coldest reading", () => {
    const { breaches } = StorageMonitor.scan([r("f", 0, 4), r("f", 1, -0.5), r("f", 2, -3), r("f", 3, 1)], range, 24 * H)
    assert.strictEqual(breaches[0]!.peakCelsius, -3)
  })

  it("gaps: exactly the consecutive readings further apart than the interval", () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 20 }),
      (steps, maxGapHours) => {
        let t = 0
        const readings = steps.map((s) => r("f", (t += s), 4))
        const { gaps } = StorageMonitor.scan(readings, range, maxGapHours * H)
        const expected: Array<[number, number]> = []
        const times = [...new Set(readings.map((x) => x.at.epochMilliseconds))]
        for (let i = 1; i < times.length; i++) if (times[i]! - times[i - 1]! > maxGapHours * H) expected.push([times[i - 1]!, times[i]!])
        assert.deepStrictEqual(gaps.map((g) => [g.from, g.to]), expected)
      }
    ))
  })

  it("each fridge is watched on its own", () => {
    const { breaches } = StorageMonitor.scan([r("b", 0, 4), r("a", 0, 9), r("b", 1, 9), r("a", 1, 4)], range, 24 * H)
    assert.deepStrictEqual(breaches.map((b) => [b.fridgeId, b.start, b.end]), [["a", 0, H], ["b", H, undefined]])
  })
})
