import { Decimal, Quantity } from "@houqin/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import * as Report from "../src/Report.ts"

const table = (columns: ReadonlyArray<Report.ColumnInput>, rows: ReadonlyArray<ReadonlyArray<Report.CellInput>>): Report.ReportInput => ({
  title: "t",
  sections: [{ blocks: [{ type: "table", columns, rows }] }]
})

const failure = (input: Report.ReportInput) => {
  const r = Report.make(input)
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}

describe("make checks every cell against its column", () => {
  it("a string in a money column: a ValidationError with the cell's path and messages in both languages", () => {
    const e = failure(table([{ label: "a", kind: "text" }, { label: "b", kind: "money" }], [["x", 100], ["y", "¥1.00"]]))
    expect(e._tag).toBe("ValidationError")
    expect(e.code).toBe("reports.invalid")
    expect(e.path).toEqual(["sections", 0, "blocks", 0, "rows", 1, 1])
    expect(e.en).toBe("expected money (a whole number of fen), got \"¥1.00\"")
    expect(e.zh).toBe("应为金额（分，整数），实际为 \"¥1.00\"")
  })
  it("every bad cell is listed, not only the first", () => {
    const e = failure(table([{ label: "n", kind: "integer" }, { label: "d", kind: "date" }], [[1.5, "2026-02-30"], [2, "2026-02-28"]]))
    expect(e.issues.map((i) => i.path)).toEqual([
      ["sections", 0, "blocks", 0, "rows", 0, 0],
      ["sections", 0, "blocks", 0, "rows", 0, 1]
    ])
  })
  it("a row of the wrong length", () => {
    const e = failure(table([{ label: "a", kind: "text" }, { label: "b", kind: "text" }], [["x"]]))
    expect(e.path).toEqual(["sections", 0, "blocks", 0, "rows", 0])
    expect(e.en).toBe("row 1 must have 2 cells, got 1")
  })
  it("money in another currency than the column's", () => {
    const e = failure(table([{ label: "m", kind: "money", currency: "CNY" }], [[{ amount: 100, currency: "HKD" }]]))
    expect(e.en).toBe("currency HKD differs from the column's CNY")
  })
  it("a quantity that does not convert to the column's unit (ml into g)", () => {
    const e = failure(table([{ label: "g", kind: "decimal", unit: "g" }], [[Result.getOrThrow(Quantity.make("5", "ml"))]]))
    expect(e.en).toBe("ml does not convert to the column's unit g")
  })
  it("an unknown zone and a chart whose series is short", () => {
    const e = failure({
      title: "t",
      zone: "Mars/Olympus",
      sections: [{ blocks: [{ type: "chart", chart: { kind: "bar", title: "c", categories: ["a", "b"], series: [{ name: "s", values: [1] }] } }] }]
    })
    expect(e.issues.map((i) => i.path)).toEqual([["zone"], ["sections", 0, "blocks", 0, "chart", "series", 0, "values"]])
  })
})

describe("make normalises cells", () => {
  it("2.5 斤 in a gram column is 1250 g exactly (斤 = 500 g); 0.3 kg is 300 g", () => {
    const r = Result.getOrThrow(Report.make(table([{ label: "g", kind: "decimal", unit: "g" }], [
      [Result.getOrThrow(Quantity.make("2.5", "jin"))],
      [Result.getOrThrow(Quantity.make("0.3", "kg"))]
    ])))
    const cells = Report.tables(r)[0]!.rows.map((row) => row[0] as Report.Measure)
    expect(cells.map((c) => [Decimal.format(c.value), c.unit])).toEqual([["1250", "g"], ["300", "g"]])
  })
  it("money given as Money or as fen is fen; instants as ISO text, DateTime or epoch ms are epoch ms", () => {
    const r = Result.getOrThrow(Report.make(table([{ label: "m", kind: "money" }, { label: "i", kind: "instant" }], [
      [{ amount: 123450, currency: "CNY" }, "2026-03-16T10:40:00+08:00"],
      [123450, Date.UTC(2026, 2, 16, 2, 40)]
    ])))
    expect(Report.tables(r)[0]!.rows).toEqual([[123450, Date.UTC(2026, 2, 16, 2, 40)], [123450, Date.UTC(2026, 2, 16, 2, 40)]])
    expect(Report.tables(r)[0]!.columns[0]).toEqual({ label: "m", kind: "money", currency: "CNY" })
  })
  it("a table wider than 7 columns turns the page to landscape unless told otherwise", () => {
    const cols = Array.from({ length: 8 }, (_, i) => ({ label: `c${i}`, kind: "text" as const }))
    expect(Result.getOrThrow(Report.make(table(cols, []))).orientation).toBe("landscape")
    expect(Result.getOrThrow(Report.make({ ...table(cols, []), orientation: "portrait" })).orientation).toBe("portrait")
  })
})
