/**
 * SVG charts: bars (grouped when there are several series), lines and stacked bars, with a value
 * axis on "nice" ticks (1, 2, 2.5 or 5 × 10ⁿ), gridlines, category labels (turned when they do not
 * fit), a legend, value labels when there are few bars, and a tooltip `<title>` on every mark.
 *
 * Accessible: the `<svg>` has `role="img"` and is labelled by its `<title>` and a `<desc>` that
 * reads the data out (`柱状图，3 个类别，2 个系列。…`). Every text is escaped, so a hostile label
 * cannot break out of its element. Deterministic: coordinates are rounded to 0.01, colours come
 * from a fixed palette (Okabe–Ito, distinguishable with colour-vision deficiencies), and the same
 * chart renders to the same string.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { ValidationError } from "@houqin/core"
import * as Format from "./Format.ts"
import { displayWidth, truncate } from "./internal/width.ts"
import { escape } from "./internal/xml.ts"
import type { Locale } from "./Locale.ts"
import { text } from "./Locale.ts"
import type { Chart, ChartInput } from "./Report.ts"
import { chart as checkChart } from "./Report.ts"

/**
 * The colours of the series, in order (Okabe & Ito, "Color Universal Design").
 *
 * @since 0.1.0
 * @category constants
 */
export const palette: ReadonlyArray<string> = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

/**
 * The font stack of charts and printable pages: Chinese sans-serif faces first (Noto / Source Han,
 * PingFang, Microsoft YaHei, WenQuanYi), then the system's sans-serif.
 *
 * @since 0.1.0
 * @category constants
 */
export const fontStack =
  "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Hiragino Sans GB','Microsoft YaHei','WenQuanYi Micro Hei','Helvetica Neue',Arial,sans-serif"

/**
 * Options of a chart rendering: the locale, and the prefix of the element ids (unique per page when
 * a page holds several charts).
 *
 * @since 0.1.0
 * @category models
 */
export interface SvgOptions {
  readonly locale?: Locale
  readonly id?: string
}

const FONT = 12
const MIN_STEP = 1e-9
const CHAR = 6.6 // px per character cell at 12 px
const n = (x: number): string => {
  const r = Math.round(x * 100) / 100
  return Object.is(r, -0) ? "0" : String(r)
}

/**
 * Ticks from `lo` to `hi`: about `count` steps of 1, 2, 2.5 or 5 × 10ⁿ (never finer than 10⁻⁹, nor
 * than `minStep`; whole steps when `minStep` is 1 or more, for counts and fen), from a multiple of
 * the step at or below `lo` to one at or above `hi`.
 *
 * @since 0.1.0
 * @category math
 */
export const niceTicks = (lo: number, hi: number, count = 5, minStep = 0): { readonly ticks: ReadonlyArray<number>; readonly step: number } => {
  if (!(hi > lo)) hi = lo + Math.max(1, minStep)
  // below a billionth the axis could not print the difference: ticks are at least 10⁻⁹ apart
  const raw = Math.max((hi - lo) / count, MIN_STEP)
  const exp = Math.floor(Math.log10(raw))
  const base = 10 ** exp
  const f = raw / base
  // 2.5 × 10ⁿ is not a whole number below 10: counts and fen step by 5 there instead
  const whole = minStep >= 1
  let step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 && !(whole && base < 10) ? 2.5 : f <= 5 ? 5 : 10) * base
  if (step < minStep) step = minStep
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + (f > 2 && f <= 2.5 ? 1 : 0))
  const fix = (x: number) => Number(x.toFixed(Math.min(20, decimals)))
  const start = fix(Math.floor(lo / step + 1e-9) * step)
  // at least one step, even when the range is below what a step can show
  const end = Math.max(fix(Math.ceil(hi / step - 1e-9) * step), fix(start + step))
  const ticks: Array<number> = []
  for (let i = 0; ; i++) {
    const t = fix(start + i * step)
    ticks.push(t)
    if (t >= end - step * 1e-9 || i > 100) break
  }
  return { ticks, step }
}

const decimalsOf = (x: number): number => {
  const s = String(x)
  const e = s.indexOf("e-")
  if (e >= 0) return Number(s.slice(e + 2))
  const dot = s.indexOf(".")
  return dot < 0 ? 0 : s.length - dot - 1
}

const kindName = {
  bar: { zh: "柱状图", en: "Bar chart" },
  line: { zh: "折线图", en: "Line chart" },
  stackedBar: { zh: "堆积柱状图", en: "Stacked bar chart" }
} as const

const MAX_DESC_VALUES = 200

const describe = (c: Chart, locale: Locale, value: (v: number) => string): string => {
  const zh = locale === "zh-CN"
  const head = zh
    ? `${kindName[c.kind].zh}，${c.categories.length} 个类别，${c.series.length} 个系列。`
    : `${kindName[c.kind].en}, ${c.categories.length} categor${c.categories.length === 1 ? "y" : "ies"}, ${c.series.length} series. `
  const parts: Array<string> = []
  let count = 0
  for (const s of c.series) {
    const values: Array<string> = []
    for (let i = 0; i < c.categories.length && count < MAX_DESC_VALUES; i++, count++) {
      const v = s.values[i]
      values.push(`${text(c.categories[i]!, locale)} ${v === null || v === undefined ? (zh ? "无" : "none") : value(v)}`)
    }
    parts.push(`${text(s.name, locale)}${zh ? "：" : ": "}${values.join(zh ? "，" : ", ")}`)
    if (count >= MAX_DESC_VALUES) break
  }
  const more = count >= MAX_DESC_VALUES && c.categories.length * c.series.length > MAX_DESC_VALUES ? (zh ? "……" : " …") : ""
  const lead = c.description === undefined ? "" : `${text(c.description, locale)}${zh ? "" : " "}`
  return `${lead}${head}${parts.join(zh ? "；" : "; ")}${more}`
}

const safeId = (id: string): string => {
  const s = id.replace(/[^A-Za-z0-9_-]/g, "-")
  return /^[A-Za-z_]/.test(s) ? s : `c-${s}`
}

/**
 * A checked chart as an SVG document (a string; embed it in HTML as it is or save it as `.svg`).
 *
 * @since 0.1.0
 * @category renderers
 */
export const render = (c: Chart, options: SvgOptions = {}): string => {
  const locale = options.locale ?? "zh-CN"
  const id = safeId(options.id ?? "chart")
  const W = c.width
  const H = c.height
  const kind = c.value.kind
  const cur = c.value.currency
  const unit = c.value.unit === undefined ? "" : ` ${Format.unitText(c.value.unit, locale)}`
  const label = (v: number, decimals: number) => Format.chartValue(v, kind, cur, locale, decimals) + unit
  const valueText = (v: number) => label(v, kind === "percent" ? 3 : Math.min(4, Math.max(2, decimalsOf(v))))
  const title = text(c.title, locale)
  const out: Array<string> = []
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${fontStack}" font-size="${FONT}">`
  )
  out.push(`<title id="${id}-title">${escape(title)}</title>`)
  out.push(`<desc id="${id}-desc">${escape(describe(c, locale, valueText))}</desc>`)
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`)
  out.push(`<text x="${n(W / 2)}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escape(truncate(title, Math.floor((W - 20) / CHAR)))}</text>`)

  // legend
  let top = 32
  const legendItems = c.series.length > 1 || c.kind === "stackedBar" ? c.series : []
  if (legendItems.length > 0) {
    let x = 12
    let y = top + 4
    legendItems.forEach((s, i) => {
      const name = truncate(text(s.name, locale), 24)
      const w = 14 + displayWidth(name) * CHAR + 16
      if (x + w > W - 8 && x > 12) {
        x = 12
        y += 18
      }
      out.push(`<rect x="${n(x)}" y="${n(y)}" width="10" height="10" fill="${palette[i % palette.length]}"/>`)
      out.push(`<text x="${n(x + 14)}" y="${n(y + 9)}">${escape(name)}</text>`)
      x += w
    })
    top = y + 22
  }

  const values = c.series.flatMap((s) => s.values.filter((v): v is number => v !== null))
  if (c.categories.length === 0 || values.length === 0) {
    out.push(`<text x="${n(W / 2)}" y="${n((top + H) / 2)}" text-anchor="middle" fill="#555555">${escape(locale === "zh-CN" ? "无数据" : "no data")}</text>`)
    out.push("</svg>")
    return out.join("")
  }

  // value range
  let lo = 0
  let hi = 0
  if (c.kind === "stackedBar") {
    for (let i = 0; i < c.categories.length; i++) {
      let pos = 0
      let neg = 0
      for (const s of c.series) {
        const v = s.values[i]
        if (v === null || v === undefined) continue
        if (v >= 0) pos += v
        else neg += v
      }
      hi = Math.max(hi, pos)
      lo = Math.min(lo, neg)
    }
  } else {
    for (const v of values) {
      if (v > hi) hi = v
      if (v < lo) lo = v
    }
  }
  const minStep = kind === "integer" || kind === "money" ? 1 : 0
  const { ticks, step } = niceTicks(lo, hi, 5, minStep)
  const tickDecimals = decimalsOf(step)
  const tickLabels = ticks.map((t) => label(t, tickDecimals))
  const yStart = ticks[0]!
  const yEnd = ticks[ticks.length - 1]!

  // categories
  const catTexts = c.categories.map((t) => truncate(text(t, locale), 16))
  const widest = Math.max(...catTexts.map(displayWidth)) * CHAR
  const left = 12 + (c.yLabel === undefined ? 0 : 18) + Math.max(...tickLabels.map(displayWidth)) * CHAR + 8
  const right = 16
  const plotW = Math.max(10, W - left - right)
  const band = plotW / c.categories.length
  const rotate = widest > band - 4
  const xLabelSpace = rotate ? Math.min(H / 3, widest * 0.77 + 14) : 22
  const bottom = xLabelSpace + (c.xLabel === undefined ? 6 : 24)
  const plotH = Math.max(10, H - top - bottom)
  const y = (v: number) => top + (plotH * (yEnd - v)) / (yEnd - yStart)

  // grid and value axis
  out.push(`<g class="grid" stroke="#dddddd" stroke-width="1">`)
  for (const t of ticks) out.push(`<line x1="${n(left)}" y1="${n(y(t))}" x2="${n(left + plotW)}" y2="${n(y(t))}"/>`)
  out.push(`</g>`)
  out.push(`<g class="y-axis" text-anchor="end" fill="#333333">`)
  ticks.forEach((t, i) => out.push(`<text x="${n(left - 6)}" y="${n(y(t) + 4)}">${escape(tickLabels[i]!)}</text>`))
  out.push(`</g>`)
  if (c.yLabel !== undefined) {
    const yl = truncate(text(c.yLabel, locale), Math.floor(plotH / CHAR))
    out.push(`<text transform="translate(14 ${n(top + plotH / 2)}) rotate(-90)" text-anchor="middle" fill="#333333">${escape(yl)}</text>`)
  }
  const baseline = y(Math.min(Math.max(0, yStart), yEnd))
  out.push(`<line class="baseline" x1="${n(left)}" y1="${n(baseline)}" x2="${n(left + plotW)}" y2="${n(baseline)}" stroke="#333333" stroke-width="1"/>`)
  out.push(`<line class="x-axis" x1="${n(left)}" y1="${n(top)}" x2="${n(left)}" y2="${n(top + plotH)}" stroke="#333333" stroke-width="1"/>`)

  // category axis
  out.push(`<g class="x-axis" fill="#333333" text-anchor="${rotate ? "end" : "middle"}">`)
  catTexts.forEach((t, i) => {
    const cx = left + band * (i + 0.5)
    const ty = top + plotH + 16
    out.push(
      rotate
        ? `<text transform="translate(${n(cx + 4)} ${n(ty - 4)}) rotate(-40)">${escape(t)}</text>`
        : `<text x="${n(cx)}" y="${n(ty)}">${escape(t)}</text>`
    )
  })
  out.push(`</g>`)
  if (c.xLabel !== undefined) {
    out.push(`<text x="${n(left + plotW / 2)}" y="${n(H - 8)}" text-anchor="middle" fill="#333333">${escape(truncate(text(c.xLabel, locale), Math.floor(plotW / CHAR)))}</text>`)
  }

  const tip = (ci: number, si: number, v: number) =>
    `<title>${escape(`${text(c.categories[ci]!, locale)} · ${text(c.series[si]!.name, locale)}${locale === "zh-CN" ? "：" : ": "}${valueText(v)}`)}</title>`
  const fewBars = c.categories.length * (c.kind === "stackedBar" ? 1 : c.series.length) <= 24

  if (c.kind === "bar") {
    const inner = band * 0.72
    const bw = inner / c.series.length
    c.series.forEach((s, si) => {
      out.push(`<g class="series" fill="${palette[si % palette.length]}">`)
      s.values.forEach((v, ci) => {
        if (v === null) return
        const x = left + band * ci + (band - inner) / 2 + bw * si
        const y0 = y(Math.max(v, 0))
        const h = Math.abs(y(Math.min(v, 0)) - y0)
        out.push(`<rect x="${n(x)}" y="${n(y0)}" width="${n(Math.max(bw - 1, 1))}" height="${n(h)}">${tip(ci, si, v)}</rect>`)
      })
      out.push(`</g>`)
    })
    if (fewBars) {
      out.push(`<g class="values" text-anchor="middle" font-size="10" fill="#222222">`)
      c.series.forEach((s, si) =>
        s.values.forEach((v, ci) => {
          if (v === null) return
          const x = left + band * ci + (band - inner) / 2 + bw * si + bw / 2
          out.push(`<text x="${n(x)}" y="${n(v >= 0 ? y(v) - 3 : y(v) + 11)}">${escape(valueText(v))}</text>`)
        })
      )
      out.push(`</g>`)
    }
  } else if (c.kind === "stackedBar") {
    const inner = band * 0.6
    const pos = new Array<number>(c.categories.length).fill(0)
    const neg = new Array<number>(c.categories.length).fill(0)
    c.series.forEach((s, si) => {
      out.push(`<g class="series" fill="${palette[si % palette.length]}">`)
      s.values.forEach((v, ci) => {
        if (v === null || v === 0) return
        const x = left + band * ci + (band - inner) / 2
        const from = v > 0 ? pos[ci]! : neg[ci]!
        const to = from + v
        if (v > 0) pos[ci] = to
        else neg[ci] = to
        const y0 = y(Math.max(from, to))
        out.push(`<rect x="${n(x)}" y="${n(y0)}" width="${n(inner)}" height="${n(Math.abs(y(Math.min(from, to)) - y0))}">${tip(ci, si, v)}</rect>`)
      })
      out.push(`</g>`)
    })
    if (fewBars) {
      out.push(`<g class="totals" text-anchor="middle" font-size="10" fill="#222222">`)
      for (let ci = 0; ci < c.categories.length; ci++) {
        const total = pos[ci]! + neg[ci]!
        out.push(`<text x="${n(left + band * (ci + 0.5))}" y="${n(y(pos[ci]!) - 3)}">${escape(valueText(total))}</text>`)
      }
      out.push(`</g>`)
    }
  } else {
    c.series.forEach((s, si) => {
      const colour = palette[si % palette.length]!
      let d = ""
      let pen = false
      s.values.forEach((v, ci) => {
        if (v === null) {
          pen = false
          return
        }
        d += `${pen ? "L" : "M"}${n(left + band * (ci + 0.5))} ${n(y(v))}`
        pen = true
      })
      out.push(`<g class="series">`)
      if (d.length > 0) out.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`)
      s.values.forEach((v, ci) => {
        if (v === null) return
        out.push(`<circle cx="${n(left + band * (ci + 0.5))}" cy="${n(y(v))}" r="3" fill="${colour}">${tip(ci, si, v)}</circle>`)
      })
      out.push(`</g>`)
    })
  }
  out.push("</svg>")
  return out.join("")
}

/**
 * Checks a chart and renders it, for a chart outside a report.
 *
 * @since 0.1.0
 * @category renderers
 */
export const renderInput = (input: ChartInput, options: SvgOptions = {}): Result.Result<string, ValidationError> =>
  Result.map(checkChart(input), (c) => render(c, options))
