/**
 * Fixtures of the tests: a small publication whose every number is worked out by hand, and a
 * retention register from the core's own functions.
 */
import type { LocalDate } from "@houqin/core"
import { Quantity, Retention, Time } from "@houqin/core"
import { Result } from "effect"
import type { Report } from "../../src/Report.ts"
import { make } from "../../src/Report.ts"

/**
 * A day's purchases (每日公示) of 16 March 2026 at a school in Asia/Shanghai:
 *
 * | item | quantity | kg | amount | accepted (UTC → +08:00) | passed |
 * | 大米 rice | 2.5 斤 | 50 | 123450 fen = ¥1,234.50 | 02:40Z → 10:40 | 0.9525 → 95.3% |
 * | 青菜 greens | 12 kg | 12.345 | 5 fen = ¥0.05 | 15:59Z on the 15th → 23:59 on the 15th | 1 → 100.0% |
 *
 * total 123450 + 5 = 123455 fen = ¥1,234.55.
 */
export const publicationInput = {
  title: { zh: "每日公示", en: "Daily publication" },
  school: "红旗小学",
  generatedAt: "2026-03-16T10:00:00+08:00",
  sections: [{
    title: { zh: "采购明细", en: "Purchases" },
    blocks: [
      { type: "fields", fields: [{ label: { zh: "日期", en: "date" }, value: "2026-03-16", type: { kind: "date" } }] },
      {
        type: "table",
        columns: [
          { label: { zh: "品名", en: "item" }, kind: "text" },
          { label: { zh: "数量", en: "quantity" }, kind: "decimal" },
          { label: { zh: "重量", en: "weight" }, kind: "decimal", unit: "kg", scale: 2 },
          { label: { zh: "金额", en: "amount" }, kind: "money" },
          { label: { zh: "验收时间", en: "accepted" }, kind: "instant" },
          { label: { zh: "合格率", en: "passed" }, kind: "percent" }
        ],
        rows: [
          ["大米", Result.getOrThrow(Quantity.make("2.5", "jin")), "50", 123450, "2026-03-16T02:40:00Z", 0.9525],
          ["青菜", Result.getOrThrow(Quantity.make("12", "kg")), "12.345", 5, "2026-03-15T15:59:00Z", 1]
        ],
        totals: { label: { zh: "合计", en: "total" }, values: [null, null, null, 123455, null, null] }
      },
      { type: "signatures", signatures: [{ role: { zh: "审核人", en: "Reviewed by" } }, { role: { zh: "公示人", en: "Published by" }, name: "王主任", date: "2026-03-16" }] }
    ]
  }]
} as const

export const publication = (): Report => Result.getOrThrow(make(publicationInput))

const zone = "Asia/Shanghai" as Time.Zone

/** samples of one lunch and one dinner; the dinner's greens weigh 100 g (under 125 g) */
export const samples = (): Array<Retention.Sample> => {
  const at = (iso: string) => Time.parseInstant(iso)!
  const base = { schoolId: "school-1", version: 1, fridgeId: "fridge-1", takerId: "staff-li", reviewerId: "staff-wang" } as const
  return [
    { ...base, id: "s-2", mealId: "m-dinner", serviceDate: "2026-03-16" as LocalDate.LocalDate, meal: "dinner", dishId: "d-greens", dishName: "清炒<b>青菜</b>", grams: Result.getOrThrow(Quantity.make("100", "g")).value, takenAt: at("2026-03-16T17:40:00+08:00") },
    { ...base, id: "s-1", mealId: "m-lunch", serviceDate: "2026-03-16" as LocalDate.LocalDate, meal: "lunch", dishId: "d-pork", dishName: "红烧肉", grams: Result.getOrThrow(Quantity.make("150", "g")).value, takenAt: at("2026-03-16T11:40:00+08:00"), disposal: { at: at("2026-03-18T12:00:00+08:00"), by: "staff-zhao" } }
  ] as unknown as Array<Retention.Sample>
}

export const fridges = (): Array<Retention.Fridge> => [
  { schoolId: "school-1", id: "fridge-1", version: 1, name: "留样柜一号", dedicated: true, active: true }
] as unknown as Array<Retention.Fridge>

export const staff = new Map([["staff-li", "李干事"], ["staff-wang", "王主任"], ["staff-zhao", "赵师傅"]])

export const evaluation = () =>
  Result.getOrThrow(Retention.evaluate({
    policy: Retention.Rules.cn,
    asOf: Time.parseInstant("2026-03-20T00:00:00+08:00")!,
    zone,
    fridges: fridges(),
    meals: [],
    samples: samples(),
    readings: []
  }))

export const registerRows = () =>
  Retention.registerRows(samples(), { policy: Retention.Rules.cn, zone, fridges: fridges(), staff, findings: evaluation().findings })
