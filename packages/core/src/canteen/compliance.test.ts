import { assert, describe, it } from "vitest"
import * as D from "../kernel/Decimal.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { certificateValidUntil, expiryFindings, foodHandlerFindings, supplierFindings } from "./compliance.ts"
import type { FoodHandler, Ingredient, Supplier } from "./model.ts"
import { cn } from "./rules.ts"
import * as Stock from "./stock.ts"

const on = "2026-04-15" as LocalDate
const supplier = (licences: Supplier["licences"]) => ({ schoolId: "s", id: "sup", version: 1, name: "绿源农贸", licences, active: true }) as unknown as Supplier
const lic = (kind: string, validUntil?: string, validFrom?: string) =>
  ({ kind, number: `${kind}-1`, ...(validUntil === undefined ? {} : { validUntil }), ...(validFrom === undefined ? {} : { validFrom }) }) as unknown as Supplier["licences"][number]

describe("supplier licences (索证索票)", () => {
  it("a business licence without an end and a food business licence in force: nothing to report", () => {
    assert.deepStrictEqual(supplierFindings(supplier([lic("business"), lic("foodBusiness", "2027-01-01")]), on, cn), [])
  })

  it("a food production licence stands in for a food business licence", () => {
    assert.deepStrictEqual(supplierFindings(supplier([lic("business"), lic("foodProduction", "2027-01-01")]), on, cn), [])
  })

  it("a lapsed licence is a violation from the day after it ended; a missing one from the day checked", () => {
    const f = supplierFindings(supplier([lic("foodBusiness", "2026-03-31")]), on, cn)
    assert.deepStrictEqual(f.map((x) => [x.subject.id, x.severity, x.at.epochMilliseconds]), [
      ["sup:foodBusiness|foodProduction", "violation", Date.parse("2026-04-01T00:00:00+08:00")],
      ["sup:business", "violation", Date.parse("2026-04-15T00:00:00+08:00")]
    ])
  })

  it("a licence not yet valid does not count; one ending within 30 days is a warning", () => {
    const f = supplierFindings(supplier([lic("business"), lic("foodBusiness", "2027-12-31", "2026-05-01")]), on, cn)
    assert.deepStrictEqual(f.map((x) => x.rule), ["canteen.suppliers.requiredLicences"])
    const soon = supplierFindings(supplier([lic("business"), lic("foodBusiness", "2026-05-10")]), on, cn)
    assert.deepStrictEqual(soon.map((x) => [x.rule, x.severity, x.evidence["daysLeft"]]), [["canteen.suppliers.warnDays", "warning", 25]])
  })
})

describe("food handlers", () => {
  const handler = (certificates: FoodHandler["certificates"], trainings: FoodHandler["trainings"] = [{ date: "2026-03-01" as LocalDate, topic: "培训", hours: D.fromInt(2) }], active = true) =>
    ({ schoolId: "s", id: "cook-1", version: 1, name: "张师傅", duty: "cook", active, certificates, trainings }) as unknown as FoodHandler
  const cert = (issuedOn: string, validUntil?: string) => ({ number: `HC-${issuedOn}`, issuedOn: issuedOn as LocalDate, ...(validUntil === undefined ? {} : { validUntil: validUntil as LocalDate }) })

  it("a certificate is valid 12 months from issue, through the day before: 2025-02-28 → 2026-02-27; 2024-02-29 → 2025-02-27", () => {
    assert.strictEqual(certificateValidUntil(cert("2025-02-28"), cn), "2026-02-27")
    assert.strictEqual(certificateValidUntil(cert("2024-02-29"), cn), "2025-02-27")
    assert.strictEqual(certificateValidUntil(cert("2025-06-01", "2026-01-31"), cn), "2026-01-31")
  })

  it("the newest certificate counts; a renewed certificate clears the lapse", () => {
    assert.deepStrictEqual(foodHandlerFindings([handler([cert("2025-04-01"), cert("2026-04-10")])], on, cn), [])
    const lapsed = foodHandlerFindings([handler([cert("2025-04-01")])], on, cn)
    assert.deepStrictEqual(lapsed.map((x) => [x.rule, x.evidence["validUntil"], x.evidence["daysLapsed"]]), [["canteen.healthCertificate.validityMonths", "2026-03-31", 15]])
  })

  it("no certificate, or no training for more than 12 months; inactive staff are not checked", () => {
    const f = foodHandlerFindings([handler([], [{ date: "2025-03-01" as LocalDate, topic: "培训", hours: D.fromInt(2) }])], on, cn)
    assert.deepStrictEqual(f.map((x) => [x.rule, x.severity]), [
      ["canteen.training.maxIntervalMonths", "warning"],
      ["canteen.healthCertificate.validityMonths", "violation"]
    ])
    assert.deepStrictEqual(foodHandlerFindings([handler([], [], false)], on, cn), [])
    // found again a week later, the same problems have the same ids
    const later = foodHandlerFindings([handler([], [{ date: "2025-03-01" as LocalDate, topic: "培训", hours: D.fromInt(2) }])], "2026-04-22" as LocalDate, cn)
    assert.deepStrictEqual(later.map((x) => x.id).sort(), f.map((x) => x.id).sort())
  })
})

describe("stock past its best-before", () => {
  it("an open lot past its best-before is a violation from the next day; one reaching it today is warned (1 day's notice), one 5 days away not", () => {
    const lot = (id: string, bestBefore: string) =>
      Stock.makeLot({ schoolId: "s", id, ingredientId: "milk", source: "delivery", receivedOn: "2026-04-01" as LocalDate, bestBefore: bestBefore as LocalDate, unit: "bottle", currency: "CNY", quantity: D.fromInt(24), value: 6000, operation: "op" })
    const ingredients = new Map([["milk", { name: "牛奶" } as unknown as Ingredient]])
    const f = expiryFindings([lot("old", "2026-04-14"), lot("today", "2026-04-15"), lot("later", "2026-04-20")], ingredients, on, cn)
    // both at the start of 15 April; ordered by rule id then
    assert.deepStrictEqual(f.map((x) => [x.subject.id, x.rule, x.severity]), [
      ["old", "canteen.stock.expired", "violation"],
      ["today", "canteen.stock.expiryWarnDays", "warning"]
    ])
  })
})
