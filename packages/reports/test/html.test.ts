import { Result } from "effect"
import { describe, expect, it } from "vitest"
import * as Html from "../src/Html.ts"
import { make } from "../src/Report.ts"
import { publication } from "./support/fixtures.ts"
import { byName, parseXml, textOf } from "./support/xml.ts"

const hostile = "<script>alert(\"x\")</script>' onmouseover=\"alert(1)\" & </td></tr></table>"

const hostileReport = () =>
  Result.getOrThrow(make({
    title: hostile,
    subtitle: { zh: hostile, en: hostile },
    school: "\"><img src=x onerror=alert(1)>",
    sections: [{
      title: hostile,
      blocks: [
        { type: "fields", fields: [{ label: hostile, value: hostile }] },
        { type: "table", caption: hostile, columns: [{ label: hostile, kind: "text" }, { label: "n", kind: "integer" }], rows: [[hostile, 1], ["\u0000\u0008bad\uFFFE", 2]] },
        { type: "paragraph", text: hostile },
        { type: "notes", notes: [hostile] },
        { type: "signatures", signatures: [{ role: hostile, name: hostile }] },
        { type: "chart", chart: { kind: "bar", title: hostile, categories: [hostile], series: [{ name: hostile, values: [1] }] } }
      ]
    }]
  }))

describe("HTML: printable and self-contained", () => {
  const html = Html.render(publication())
  const doc = parseXml(html)

  it("is well-formed markup with the locale, a CSP that allows no script, A4 print CSS and a Chinese font stack", () => {
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")).toBe(true)
    expect(doc.attrs["lang"]).toBe("zh-CN")
    const csp = byName(doc, "meta").find((m) => m.attrs["http-equiv"] === "Content-Security-Policy")!
    expect(csp.attrs["content"]).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    const style = textOf(byName(doc, "style")[0]!)
    expect(style).toContain("@page { size: A4 portrait;")
    expect(style).toContain("'Noto Sans CJK SC'")
    expect(style).toContain("thead { display: table-header-group; }")
    expect(byName(doc, "script")).toHaveLength(0)
    expect(html).not.toMatch(/<link|src=|@import|url\(/)
  })

  it("golden cells: ¥1,234.50, 2.5 斤, 50.00 (scale 2), 10:40 in Shanghai, 95.3%, total ¥1,234.55", () => {
    const rows = byName(doc, "tr").map((tr) => tr.children.filter((c) => typeof c !== "string").map((c) => textOf(c as never)))
    expect(rows).toEqual([
      ["品名", "数量", "重量(千克)", "金额", "验收时间", "合格率"],
      ["大米", "2.5 斤", "50.00", "¥1,234.50", "2026-03-16 10:40", "95.3%"],
      ["青菜", "12 千克", "12.35", "¥0.05", "2026-03-15 23:59", "100.0%"],
      ["合计", "", "", "¥1,234.55", "", ""]
    ])
    const amount = byName(doc, "td").find((td) => textOf(td) === "¥1,234.50")!
    expect(amount.attrs["class"]).toBe("num")
  })

  it("signature lines: 审核人 blank to sign, 公示人 王主任 on 2026-03-16", () => {
    const sigs = byName(doc, "p").filter((p) => p.attrs["class"] === "signature").map(textOf)
    expect(sigs).toEqual(["审核人：日期：\u2003\u2003年\u2003月\u2003日", "公示人：王主任日期：2026-03-16"])
  })

  it("en: English labels and lang", () => {
    const en = Html.render(publication(), { locale: "en" })
    expect(parseXml(en).attrs["lang"]).toBe("en")
    expect(en).toContain("<th scope=\"col\">amount</th>")
    expect(en).toContain("CNY 1,234.50")
    expect(en).toContain("Reviewed by:")
  })
})

describe("HTML: injection-safe", () => {
  const html = Html.render(hostileReport())
  const doc = parseXml(html)

  it("hostile text never becomes markup: no script, img or event attribute, only text nodes", () => {
    expect(byName(doc, "script")).toHaveLength(0)
    expect(byName(doc, "img")).toHaveLength(0)
    expect([...byName(doc, "html")[0]!.children].length).toBeGreaterThan(0)
    for (const e of byName(doc, "html")) for (const a of Object.keys(e.attrs)) expect(a.startsWith("on")).toBe(false)
    expect(html).not.toContain("<script")
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&quot;alert(1)&quot; &amp; &lt;/td&gt;")
  })

  it("reads back as the very text it was given, in title, heading, cells, notes and signatures", () => {
    expect(textOf(byName(doc, "title")[0]!)).toBe(hostile)
    expect(textOf(byName(doc, "h1")[0]!)).toBe(hostile)
    expect(textOf(byName(doc, "h2")[0]!)).toBe(hostile)
    expect(textOf(byName(doc, "caption")[0]!)).toBe(hostile)
    expect(byName(doc, "td").map(textOf)).toContain(hostile)
    expect(byName(doc, "li").map(textOf)).toEqual([hostile])
    expect(textOf(byName(doc, "div").find((d) => d.attrs["class"] === "meta")!)).toBe("学校：\"><img src=x onerror=alert(1)>")
  })

  it("characters XML cannot carry become U+FFFD", () => {
    expect(byName(doc, "td").map(textOf)).toContain("\uFFFD\uFFFDbad\uFFFD")
  })
})

describe("HTML: deterministic", () => {
  it("the same string twice", () => {
    expect(Html.render(publication())).toBe(Html.render(publication()))
  })
})
