import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { chart } from "../src/Report.ts"
import * as Svg from "../src/Svg.ts"
import { byName, elements, parseXml, textOf } from "./support/xml.ts"

const months = ["一月", "二月", "三月"]

describe("niceTicks: steps of 1, 2, 2.5 or 5 × 10ⁿ covering the data", () => {
  it.each([
    [0, 1234.5, [0, 250, 500, 750, 1000, 1250]],
    [0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [-3, 7, [-4, -2, 0, 2, 4, 6, 8]],
    [0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 9, [0, 2, 4, 6, 8, 10]]
  ])("from %d to %d", (lo, hi, ticks) => {
    expect(Svg.niceTicks(lo, hi).ticks).toEqual(ticks)
  })
  it("counts step by whole numbers: −1.5 to 10 gives −5, 0, 5, 10 (2.5 is not a count), 0 to 1 gives 0, 1", () => {
    expect(Svg.niceTicks(-1.5, 10, 5, 1).ticks).toEqual([-5, 0, 5, 10])
    expect(Svg.niceTicks(0, 1, 5, 1).ticks).toEqual([0, 1])
    expect(Svg.niceTicks(0, 25_000, 5, 1).ticks).toEqual([0, 5000, 10000, 15000, 20000, 25000])
  })
})

describe("SVG charts", () => {
  const bar = Result.getOrThrow(chart({
    kind: "bar",
    title: { zh: "每月采购金额", en: "Purchases by month" },
    categories: months,
    series: [{ name: "蔬菜", values: [123450, 99000, null] }, { name: "肉类", values: [50000, 10, 3] }],
    value: { kind: "money" }
  }))

  it("is well-formed, labelled by its title and a description that reads out the data", () => {
    const svg = parseXml(Svg.render(bar, { id: "c1" }))
    expect(svg.name).toBe("svg")
    expect(svg.attrs).toMatchObject({ role: "img", "aria-labelledby": "c1-title c1-desc", xmlns: "http://www.w3.org/2000/svg" })
    expect(textOf(byName(svg, "title")[0]!)).toBe("每月采购金额")
    // 123450 fen = ¥1,234.50; 99000 fen = ¥990; 3 fen = ¥0.03
    expect(textOf(byName(svg, "desc")[0]!)).toBe(
      "柱状图，3 个类别，2 个系列。蔬菜：一月 ¥1,234.50，二月 ¥990，三月 无；肉类：一月 ¥500，二月 ¥0.10，三月 ¥0.03"
    )
  })

  it("one bar per value (5: one value is null), each with a tooltip; money axis in yuan", () => {
    const svg = parseXml(Svg.render(bar))
    const bars = byName(svg, "g").filter((g) => g.attrs["class"] === "series").flatMap((g) => byName(g, "rect"))
    expect(bars).toHaveLength(5)
    expect(bars.map((b) => textOf(byName(b, "title")[0]!))).toContain("一月 · 蔬菜：¥1,234.50")
    const axis = byName(svg, "g").find((g) => g.attrs["class"] === "y-axis")!
    expect(byName(axis, "text").map(textOf)).toEqual(["¥0", "¥250", "¥500", "¥750", "¥1,000", "¥1,250"])
  })

  it("bars stand on zero: the bar of ¥1,234.50 reaches 1234.5/1250 of the plot's height", () => {
    const svg = parseXml(Svg.render(bar))
    const grid = byName(svg, "g").find((g) => g.attrs["class"] === "grid")!
    const ys = byName(grid, "line").map((l) => Number(l.attrs["y1"]))
    const zero = ys[0]!
    const top = ys[ys.length - 1]!
    const rect = byName(svg, "rect").find((r) => byName(r, "title").some((t) => textOf(t) === "一月 · 蔬菜：¥1,234.50"))!
    const y = Number(rect.attrs["y"])
    const h = Number(rect.attrs["height"])
    expect(y + h).toBeCloseTo(zero, 1)
    expect(h / (zero - top)).toBeCloseTo(123450 / 125000, 3)
  })

  it("a line chart breaks at a missing value: two pieces, one point per value", () => {
    const line = Result.getOrThrow(chart({ kind: "line", title: "t", categories: ["a", "b", "c", "d"], series: [{ name: "s", values: [0.5, null, 0.7, 0.9] }], value: { kind: "percent" } }))
    const svg = parseXml(Svg.render(line))
    const d = byName(svg, "path")[0]!.attrs["d"]!
    expect(d.match(/M/g)).toHaveLength(2)
    expect(byName(svg, "circle")).toHaveLength(3)
    expect(byName(byName(svg, "g").find((g) => g.attrs["class"] === "y-axis")!, "text").map(textOf)).toEqual(["0%", "20%", "40%", "60%", "80%", "100%"])
  })

  it("stacked bars: segments stack, totals above: 3 + 2 = 5 and 5 + 7 = 12", () => {
    const stacked = Result.getOrThrow(chart({
      kind: "stackedBar",
      title: "t",
      categories: ["a", "b"],
      series: [{ name: "x", values: [3, 5] }, { name: "y", values: [2, 7] }],
      value: { kind: "integer" }
    }))
    const svg = parseXml(Svg.render(stacked))
    const totals = byName(svg, "g").find((g) => g.attrs["class"] === "totals")!
    expect(byName(totals, "text").map(textOf)).toEqual(["5", "12"])
    const [a1, b1] = byName(byName(svg, "g").filter((g) => g.attrs["class"] === "series")[0]!, "rect")
    const [a2] = byName(byName(svg, "g").filter((g) => g.attrs["class"] === "series")[1]!, "rect")
    // the second segment of a sits right on top of the first
    expect(Number(a2!.attrs["y"]) + Number(a2!.attrs["height"])).toBeCloseTo(Number(a1!.attrs["y"]), 1)
    expect(b1).toBeDefined()
  })

  it("hostile labels are text: no element but the chart's own", () => {
    const evil = "</text><script>alert(1)</script><text>"
    const c = Result.getOrThrow(chart({ kind: "bar", title: evil, description: evil, categories: [evil], series: [{ name: evil, values: [1] }, { name: "b", values: [2] }], xLabel: evil, yLabel: evil }))
    const svg = parseXml(Svg.render(c, { id: "\"><script>" }))
    expect(byName(svg, "script")).toHaveLength(0)
    const names = new Set([...elements(svg)].map((e) => e.name))
    expect([...names].sort()).toEqual(["desc", "g", "line", "rect", "svg", "text", "title"])
    expect(svg.attrs["aria-labelledby"]).toBe("c----script--title c----script--desc")
    expect(textOf(byName(svg, "title")[0]!)).toBe(evil)
  })

  it("no data: the title and a note, still well-formed", () => {
    const empty = Result.getOrThrow(chart({ kind: "bar", title: "t", categories: [], series: [] }))
    const svg = parseXml(Svg.render(empty, { locale: "en" }))
    expect(byName(svg, "text").map(textOf)).toEqual(["t", "no data"])
  })
})
