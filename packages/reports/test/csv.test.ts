import { describe, expect, it } from "vitest"
import * as Csv from "../src/Csv.ts"
import { parseCsv } from "./support/csv.ts"
import { publication } from "./support/fixtures.ts"

describe("CSV of one table (data to open, filter and sum)", () => {
  it("golden, zh-CN: BOM, CRLF, money in yuan without symbol, exact decimals, local times, percentages", () => {
    // 2.5 斤 keeps its unit (the column has none); 50 and 12.345 kg are exact (the display scale 2
    // does not apply); 123450 fen = 1234.50; 5 fen = 0.05; total 123455 fen = 1234.55;
    // 02:40Z = 10:40 and 15:59Z on the 15th = 23:59 on the 15th in Shanghai; 0.9525 → 95.3%.
    expect(Csv.table(publication())).toBe(
      "\uFEFF" +
        "品名,数量,重量(千克),金额(元),验收时间,合格率\r\n" +
        "大米,2.5 斤,50,1234.50,2026-03-16 10:40,95.3%\r\n" +
        "青菜,12 千克,12.345,0.05,2026-03-15 23:59,100.0%\r\n" +
        "合计,,,1234.55,,\r\n"
    )
  })
  it("golden, en: the same numbers under English headings", () => {
    expect(Csv.table(publication(), { locale: "en" }).split("\r\n").slice(0, 2)).toEqual([
      "\uFEFFitem,quantity,weight (kg),amount (CNY),accepted,passed",
      "大米,2.5 jin,50,1234.50,2026-03-16 10:40,95.3%"
    ])
  })
  it("the byte-order mark is EF BB BF in UTF-8", () => {
    expect([...Csv.toBytes(Csv.table(publication())).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })
})

describe("CSV of the whole report (as it reads on paper)", () => {
  it("title, school, generation time, section, fields, table, signature lines", () => {
    const rows = parseCsv(Csv.render(publication()))
    expect(rows.slice(0, 8)).toEqual([
      ["每日公示"],
      ["学校", "红旗小学"],
      ["生成时间", "2026-03-16 10:00"],
      [""],
      ["采购明细"],
      ["日期", "2026-03-16"],
      [""],
      ["品名", "数量", "重量(千克)", "金额(元)", "验收时间", "合格率"]
    ])
    expect(rows.slice(-2)).toEqual([
      ["审核人：", "", "日期：", ""],
      ["公示人：", "王主任", "日期：", "2026-03-16"]
    ])
  })
})

describe("CSV fields name the unit their plain value leaves out", () => {
  it("a money field: 合计(元),1234.55 / total (CNY),1234.55", async () => {
    const { make } = await import("../src/Report.ts")
    const { Result } = await import("effect")
    const r = Result.getOrThrow(make({ title: "t", sections: [{ blocks: [{ type: "fields", fields: [{ label: { zh: "合计", en: "total" }, value: 123455, type: { kind: "money" } }] }] }] }))
    expect(parseCsv(Csv.render(r))[2]).toEqual(["合计(元)", "1234.55"])
    expect(parseCsv(Csv.render(r, { locale: "en" }))[2]).toEqual(["total (CNY)", "1234.55"])
  })
})

describe("formula injection: a text cell starting with = + - @ (or tab, CR) is neutralised", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+86 138", "'+86 138"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["a=1", "a=1"],
    ["", ""]
  ])("%j → %j", (input, output) => {
    expect(Csv.neutralise(input)).toBe(output)
  })
  it("a hostile HYPERLINK is quoted and neutralised; a negative amount stays a number", () => {
    expect(Csv.records([[Csv.neutralise("=HYPERLINK(\"http://x\",\"点击\")"), "-0.05"]])).toBe("\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\",-0.05\r\n")
  })
})

describe("RFC 4180 quoting", () => {
  it("commas, quotes, line breaks and edge spaces are quoted; quotes doubled", () => {
    expect(Csv.field("a,b")).toBe("\"a,b\"")
    expect(Csv.field("say \"hi\"")).toBe("\"say \"\"hi\"\"\"")
    expect(Csv.field("two\nlines")).toBe("\"two\nlines\"")
    expect(Csv.field(" pad")).toBe("\" pad\"")
    expect(Csv.field("plain 文本")).toBe("plain 文本")
  })
})
