import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Arb from "../testing/arbitraries.ts"
import * as Finding from "./Finding.ts"
import { parseInstant } from "./Time.ts"

const finding = fc.record({
  rule: fc.constantFrom("retention.minGrams", "retention.minHours", "canteen.licence"),
  severity: fc.constantFrom("info" as const, "warning" as const, "violation" as const, "critical" as const),
  id: Arb.id("sample"),
  at: Arb.instant({ min: 1_767_225_600_000, max: 1_767_225_600_000 + 86_400_000 * 3 }),
  period: fc.boolean()
}).map((f) => Finding.make({
  rule: f.rule,
  severity: f.severity,
  subject: { kind: "sample", id: f.id },
  at: f.at,
  evidence: { grams: 100 },
  explanation: { zh: "留样不足", en: "sample too small" },
  period: f.period
}))

describe("Finding", () => {
  it("orders by time, then rule, then subject, whatever order the input came in", () => {
    fc.assert(fc.property(fc.array(finding, { maxLength: 30 }), fc.func(fc.integer()), (fs, shuffle) => {
      const sorted = Finding.sort(fs)
      const other = Finding.sort([...fs].sort((a, b) => shuffle(a, b) - shuffle(b, a)))
      expect(other).toEqual(sorted)
      for (let i = 1; i < sorted.length; i++) expect(Finding.order(sorted[i - 1]!, sorted[i]!)).toBeLessThanOrEqual(0)
    }))
  })

  it("derives ids from rule and subject, and the start of a period", () => {
    const at = parseInstant("2026-03-15T12:00+08:00")!
    const base = { rule: "retention.storageTemperature", severity: "violation" as const, subject: { kind: "sample", id: "s-1" }, at, evidence: {}, explanation: { zh: "", en: "" } }
    expect(Finding.make(base).id).toBe("retention.storageTemperature:sample:s-1")
    expect(Finding.make({ ...base, period: true }).id).toBe("retention.storageTemperature:sample:s-1@2026-03-15T04:00:00.000Z")
    expect(Finding.atLeast([Finding.make(base), Finding.make({ ...base, severity: "info" })], "warning")).toHaveLength(1)
  })
})
