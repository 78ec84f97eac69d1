import { Result } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { make } from "../src/Report.ts"
import * as Xlsx from "../src/Xlsx.ts"
import { publication } from "./support/fixtures.ts"
import { byName } from "./support/xml.ts"
import { readXlsx } from "./support/xlsx.ts"

describe("XLSX: typed cells", () => {
  const book = readXlsx(Xlsx.render(publication()))
  const sheet = book.sheets[0]!

  it("one sheet named after the section; every part is well-formed XML (parsed)", () => {
    expect(book.sheets.map((s) => s.name)).toEqual(["采购明细"])
    expect(Object.keys(book.files)).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "docProps/core.xml",
      "docProps/app.xml",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/worksheets/sheet1.xml",
      "xl/styles.xml",
      "xl/sharedStrings.xml"
    ])
  })

  it("the title, the school, the heading row, then the rows: numbers are numbers", () => {
    expect(sheet.rows.get(1)!.get("A")).toMatchObject({ type: "s", value: "每日公示" })
    const heading = [...sheet.rows.entries()].find(([, r]) => r.get("A")?.value === "品名")![0]
    const head = sheet.rows.get(heading)!
    expect([...head.values()].map((c) => c.value)).toEqual(["品名", "数量", "重量(千克)", "金额", "验收时间", "合格率"])
    const rice = sheet.rows.get(heading + 1)!
    // 2.5 斤: the number 2.5 with a format that shows 斤
    expect(rice.get("B")).toMatchObject({ type: "n", value: "2.5", format: "General\" 斤\"" })
    expect(rice.get("C")).toMatchObject({ type: "n", value: "50", format: "#,##0.00" })
    // 123450 fen = 1234.5 yuan, shown ¥1,234.50
    expect(rice.get("D")).toMatchObject({ type: "n", value: "1234.50", format: "\"¥\"#,##0.00;\\-\"¥\"#,##0.00" })
    // 10:40 on 2026-03-16 in Shanghai = 46097 + 640/1440
    expect(rice.get("E")!.format).toBe("yyyy-mm-dd hh:mm")
    expect(Number(rice.get("E")!.value)).toBeCloseTo(46097 + 640 / 1440, 9)
    expect(rice.get("F")).toMatchObject({ type: "n", value: "0.9525", format: "0.0%" })
    const greens = sheet.rows.get(heading + 2)!
    expect(greens.get("D")!.value).toBe("0.05")
    expect(Number(greens.get("E")!.value)).toBeCloseTo(46096 + (23 * 60 + 59) / 1440, 9)
    const total = sheet.rows.get(heading + 3)!
    expect(total.get("A")!.value).toBe("合计")
    expect(total.get("D")!.value).toBe("1234.55")
  })

  it("the date field is a date serial shown yyyy-mm-dd: 2026-03-16 = 46097", () => {
    const dateRow = [...sheet.rows.values()].find((r) => r.get("A")?.value === "日期")!
    expect(dateRow.get("B")).toMatchObject({ type: "n", value: "46097", format: "yyyy-mm-dd" })
  })

  it("prints on A4, fitted to the width, heading frozen, filtered and repeated on every page", () => {
    const ws = sheet.xml
    expect(byName(ws, "pageSetup")[0]!.attrs).toMatchObject({ paperSize: "9", fitToWidth: "1", fitToHeight: "0" })
    const heading = [...sheet.rows.entries()].find(([, r]) => r.get("A")?.value === "品名")![0]
    expect(byName(ws, "pane")[0]!.attrs).toMatchObject({ ySplit: String(heading), state: "frozen" })
    expect(byName(ws, "autoFilter")[0]!.attrs["ref"]).toBe(`A${heading}:F${heading + 3}`)
    expect(book.files["xl/workbook.xml"]).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">&#39;采购明细&#39;!$${heading}:$${heading}</definedName>`)
  })
})

describe("XLSX: text is never a formula", () => {
  it("a cell =1+1 is a shared string, not a formula", () => {
    const r = Result.getOrThrow(make({ title: "t", sections: [{ blocks: [{ type: "table", columns: [{ label: "x", kind: "text" }], rows: [["=1+1"], ["<b>&amp;</b>"]] }] }] }))
    const book = readXlsx(Xlsx.render(r))
    const cells = [...book.sheets[0]!.rows.values()].flatMap((row) => [...row.values()])
    expect(cells.find((c) => c.value === "=1+1")).toMatchObject({ type: "s" })
    expect(cells.find((c) => c.value === "<b>&amp;</b>")).toMatchObject({ type: "s" })
    expect(book.files["xl/worksheets/sheet1.xml"]).not.toContain("<f>")
  })
})

describe("XLSX: sheet names", () => {
  it("forbidden characters replaced, cut to 31 characters, unique regardless of case", () => {
    expect(Xlsx.sheetNames(["a/b:c", undefined, "A/B:C", "x".repeat(40), "X".repeat(40)])).toEqual([
      "a b c",
      "Sheet2",
      "A B C (2)",
      "x".repeat(31),
      `${"X".repeat(27)} (2)`
    ])
  })
})

describe("XLSX: deterministic", () => {
  const original = process.env["TZ"]
  afterEach(() => {
    if (original === undefined) delete process.env["TZ"]
    else process.env["TZ"] = original
  })
  it("the same bytes twice, and in any time zone the machine is in", () => {
    const a = Xlsx.render(publication())
    expect(Xlsx.render(publication())).toEqual(a)
    process.env["TZ"] = "America/New_York"
    const b = Xlsx.render(publication())
    process.env["TZ"] = "Asia/Tokyo"
    const c = Xlsx.render(publication())
    expect(b).toEqual(a)
    expect(c).toEqual(a)
  })
})
