import type { Time } from "@houqin/core"
import { Decimal } from "@houqin/core"
import { describe, expect, it } from "vitest"
import * as Format from "../src/Format.ts"
import type { Column } from "../src/Report.ts"
import { dateSerial, instantSerial } from "../src/Xlsx.ts"

const shanghai = "Asia/Shanghai" as Time.Zone
const money: Column = { label: "", kind: "money", currency: "CNY" }
const d = (s: string) => Decimal.parse(s).pipe((o) => (o._tag === "Some" ? o.value : Decimal.fromInt(0)))

describe("money is integer fen, formatted digit by digit", () => {
  it("123450 fen = ¥1,234.50 (zh-CN), CNY 1,234.50 (en), 1234.50 plain", () => {
    expect(Format.display(money, 123450, "zh-CN", shanghai)).toBe("¥1,234.50")
    expect(Format.display(money, 123450, "en", shanghai)).toBe("CNY 1,234.50")
    expect(Format.plain(money, 123450, "zh-CN", shanghai)).toBe("1234.50")
  })
  it("−5 fen = -¥0.05; 0 fen = ¥0.00; 100000000 fen = ¥1,000,000.00", () => {
    expect(Format.display(money, -5, "zh-CN", shanghai)).toBe("-¥0.05")
    expect(Format.plain(money, -5, "zh-CN", shanghai)).toBe("-0.05")
    expect(Format.display(money, 0, "zh-CN", shanghai)).toBe("¥0.00")
    expect(Format.display(money, 100_000_000, "zh-CN", shanghai)).toBe("¥1,000,000.00")
  })
})

describe("instants are shown in the school's zone (Asia/Shanghai = UTC+8, no daylight saving)", () => {
  const instant: Column = { label: "", kind: "instant", seconds: false }
  it("2026-03-16T02:40Z is 10:40 in Shanghai", () => {
    expect(Format.display(instant, Date.UTC(2026, 2, 16, 2, 40), "zh-CN", shanghai)).toBe("2026-03-16 10:40")
  })
  it("2026-03-15T16:20Z is 00:20 of the 16th in Shanghai (the local date moves)", () => {
    expect(Format.display(instant, Date.UTC(2026, 2, 15, 16, 20), "en", shanghai)).toBe("2026-03-16 00:20")
  })
  it("with seconds: 2026-03-16T02:40:05Z → 10:40:05", () => {
    expect(Format.display({ label: "", kind: "instant", seconds: true }, Date.UTC(2026, 2, 16, 2, 40, 5), "zh-CN", shanghai)).toBe("2026-03-16 10:40:05")
  })
  it("the same instant in Berlin (CET, UTC+1) is 03:40", () => {
    expect(Format.instantText(Date.UTC(2026, 2, 16, 2, 40), "Europe/Berlin" as Time.Zone)).toBe("2026-03-16 03:40")
  })
})

describe("decimals and percentages are exact, rounded half-up only for display", () => {
  it("2.345 at scale 2 is 2.35; −2.345 is -2.35 (half away from zero); 2.3 at scale 2 is 2.30", () => {
    expect(Format.decimalText(d("2.345"), 2)).toBe("2.35")
    expect(Format.decimalText(d("-2.345"), 2)).toBe("-2.35")
    expect(Format.decimalText(d("2.3"), 2)).toBe("2.30")
    expect(Format.decimalText(d("0.995"))).toBe("0.995")
  })
  it("a display scale does not touch the plain (CSV) value: 12.345 kg shows 12.35, stays 12.345", () => {
    const kg: Column = { label: "", kind: "decimal", unit: "kg", scale: 2 }
    expect(Format.display(kg, { value: d("12.345"), unit: "kg" }, "zh-CN", shanghai)).toBe("12.35")
    expect(Format.plain(kg, { value: d("12.345"), unit: "kg" }, "zh-CN", shanghai)).toBe("12.345")
  })
  it("minScale pads and never rounds: a unit price 4.2 shows 4.20, 0.995 stays 0.995, 12 shows 12.00; CSV keeps 4.2", () => {
    expect(Format.decimalText(d("4.2"), undefined, 2)).toBe("4.20")
    expect(Format.decimalText(d("0.995"), undefined, 2)).toBe("0.995")
    expect(Format.decimalText(d("12"), undefined, 2)).toBe("12.00")
    expect(Format.decimalText(d("-0.5"), undefined, 2)).toBe("-0.50")
    const price: Column = { label: "", kind: "decimal", unit: undefined, scale: undefined, minScale: 2 }
    expect(Format.display(price, { value: d("1234.5"), unit: undefined }, "zh-CN", shanghai)).toBe("1,234.50")
    expect(Format.plain(price, { value: d("4.2"), unit: undefined }, "zh-CN", shanghai)).toBe("4.2")
  })
  it("a quantity in a column without unit shows its own: 2.5 斤 / 2.5 jin; 1250.5 g groups to 1,250.5", () => {
    const any: Column = { label: "", kind: "decimal", unit: undefined, scale: undefined }
    expect(Format.display(any, { value: d("2.5"), unit: "jin" }, "zh-CN", shanghai)).toBe("2.5 斤")
    expect(Format.display(any, { value: d("2.5"), unit: "jin" }, "en", shanghai)).toBe("2.5 jin")
    expect(Format.display(any, { value: d("1250.5"), unit: undefined }, "en", shanghai)).toBe("1,250.5")
  })
  it("0.9525 = 95.25% → 95.3% at one decimal (half-up); 1/3 → 33.3%; 1 → 100.0%", () => {
    expect(Format.percentText(0.9525, 1)).toBe("95.3%")
    expect(Format.percentText(1 / 3, 1)).toBe("33.3%")
    expect(Format.percentText(1, 1)).toBe("100.0%")
    expect(Format.percentText(0.5, 0)).toBe("50%")
  })
})

describe("headings carry the unit the cells leave out", () => {
  it("留样量(克) / sample (g); money in CSV: 金额(元) / amount (CNY); in print: 金额", () => {
    expect(Format.heading({ label: { zh: "留样量", en: "sample" }, kind: "decimal", unit: "g", scale: undefined }, "zh-CN", "display")).toBe("留样量(克)")
    expect(Format.heading({ label: { zh: "留样量", en: "sample" }, kind: "decimal", unit: "g", scale: undefined }, "en", "display")).toBe("sample (g)")
    expect(Format.heading({ label: { zh: "金额", en: "amount" }, kind: "money", currency: "CNY" }, "zh-CN", "plain")).toBe("金额(元)")
    expect(Format.heading({ label: { zh: "金额", en: "amount" }, kind: "money", currency: "CNY" }, "en", "plain")).toBe("amount (CNY)")
    expect(Format.heading({ label: { zh: "金额", en: "amount" }, kind: "money", currency: "CNY" }, "zh-CN", "display")).toBe("金额")
  })
})

describe("spreadsheet serials (1900 date system, 1970-01-01 = 25569)", () => {
  it("2026-03-16: 56 years of 365 days + 14 leap days (1972…2024) + 31 + 28 + 15 = 20528 days after 1970-01-01 → 46097", () => {
    expect(dateSerial("2026-03-16")).toBe(20528 + 25569)
    expect(dateSerial("2026-03-16")).toBe(46097)
  })
  it("2026-03-16T02:40Z is 10:40 in Shanghai: 46097 + 640/1440", () => {
    expect(instantSerial(Date.UTC(2026, 2, 16, 2, 40), shanghai)).toBeCloseTo(46097 + 640 / 1440, 10)
  })
})
