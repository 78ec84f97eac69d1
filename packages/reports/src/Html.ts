/**
 * Printable HTML: one self-contained page (no script, no external file, no web font) laid out for
 * A4 — margins, the page turned for wide tables, table headings repeated on every printed page,
 * rows kept whole across page breaks, numbers right-aligned in tabular figures — with a Chinese
 * font stack, the charts inline as SVG, and signature lines to sign by hand.
 *
 * Injection-safe: every text is escaped (`& < > " '`), characters HTML cannot carry become U+FFFD,
 * and the page declares a Content Security Policy that allows no script, so even a report built
 * from hostile data (a dish named `<script>…`) prints as text. The markup is well-formed XML too
 * (void elements closed), which the tests parse.
 *
 * @since 0.1.0
 */
import * as Format from "./Format.ts"
import { escape } from "./internal/xml.ts"
import type { Locale } from "./Locale.ts"
import { text, words } from "./Locale.ts"
import type { Block, Cell, Column, RenderOptions, Report, Table } from "./Report.ts"
import * as Svg from "./Svg.ts"

const css = (orientation: "portrait" | "landscape") => `
@page { size: A4 ${orientation}; margin: 14mm 12mm 16mm 12mm; }
* { box-sizing: border-box; }
html { font-family: ${Svg.fontStack}; font-size: 10.5pt; color: #111; background: #fff; }
body { margin: 0 auto; max-width: ${orientation === "landscape" ? "273mm" : "186mm"}; padding: 8mm 0; line-height: 1.45; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.05em; }
.subtitle { text-align: center; margin: 0 0 2mm; }
.meta { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 2mm 8mm; margin: 0 0 4mm; font-size: 9.5pt; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 0.6pt solid #333; padding-bottom: 1mm; }
section { margin-bottom: 4mm; }
p.text { white-space: pre-line; margin: 0 0 3mm; }
dl.fields { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 1mm 4mm; margin: 0 0 3mm; }
dl.fields dt { font-weight: bold; }
dl.fields dt::after { content: "${"："}"; }
html[lang="en"] dl.fields dt::after { content: ":"; }
dl.fields dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0 0 3mm; font-size: 9pt; }
caption { text-align: left; font-weight: bold; padding: 0 0 1mm; }
th, td { border: 0.5pt solid #444; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
th { background: #e7e6e6; font-weight: bold; text-align: center; }
thead { display: table-header-group; }
tfoot { display: table-row-group; }
tfoot td { font-weight: bold; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.empty { text-align: center; color: #555; }
.notes { font-size: 9pt; color: #333; margin: 0 0 3mm; }
.notes ol { margin: 0; padding-left: 6mm; }
.signatures { display: flex; flex-wrap: wrap; gap: 4mm 12mm; margin: 6mm 0 2mm; break-inside: avoid; }
.signature { display: flex; gap: 2mm; align-items: baseline; }
.signature .line { display: inline-block; min-width: 32mm; border-bottom: 0.6pt solid #111; padding: 0 1mm; }
.signature .date { min-width: 28mm; }
figure.chart { margin: 2mm 0 4mm; break-inside: avoid; text-align: center; }
figure.chart svg { max-width: 100%; height: auto; }
footer { font-size: 8.5pt; color: #555; margin-top: 6mm; }
@media print { body { max-width: none; padding: 0; } }
`.trim()

const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

const cellClass = (column: Column): string =>
  Format.isNumeric(column) ? " class=\"num\"" : column.kind === "date" || column.kind === "instant" ? " class=\"time\"" : ""

const td = (column: Column, cell: Cell, locale: Locale, zone: Report["zone"]): string =>
  `<td${cellClass(column)}>${escape(Format.display(column, cell, locale, zone))}</td>`

const table = (t: Table, locale: Locale, zone: Report["zone"], out: Array<string>): void => {
  out.push("<table>")
  if (t.caption !== undefined) out.push(`<caption>${escape(text(t.caption, locale))}</caption>`)
  out.push(`<thead><tr>${t.columns.map((c) => `<th scope="col">${escape(Format.heading(c, locale, "display"))}</th>`).join("")}</tr></thead>`)
  out.push("<tbody>")
  if (t.rows.length === 0) {
    out.push(`<tr><td class="empty" colspan="${t.columns.length}">${escape(text(t.empty ?? words.noRows, locale))}</td></tr>`)
  }
  for (const row of t.rows) {
    let tr = "<tr>"
    for (let i = 0; i < row.length; i++) tr += td(t.columns[i]!, row[i]!, locale, zone)
    out.push(`${tr}</tr>`)
  }
  out.push("</tbody>")
  if (t.totals !== undefined) {
    const totals = t.totals
    out.push(
      `<tfoot><tr><td>${escape(text(totals.label, locale))}</td>${t.columns.slice(1).map((c, i) => td(c, totals.values[i + 1]!, locale, zone)).join("")}</tr></tfoot>`
    )
  }
  out.push("</table>")
}

const block = (b: Block, locale: Locale, zone: Report["zone"], chartId: string, out: Array<string>): void => {
  switch (b.type) {
    case "fields":
      out.push("<dl class=\"fields\">")
      for (const f of b.fields) {
        out.push(`<dt>${escape(text(f.label, locale))}</dt><dd${cellClass(f.column)}>${escape(Format.display(f.column, f.value, locale, zone))}</dd>`)
      }
      out.push("</dl>")
      break
    case "table":
      table(b, locale, zone, out)
      break
    case "paragraph":
      out.push(`<p class="text">${escape(text(b.text, locale))}</p>`)
      break
    case "notes":
      out.push(`<div class="notes"><p>${escape(text(words.notes, locale))}${locale === "zh-CN" ? "：" : ":"}</p><ol>`)
      for (const note of b.notes) out.push(`<li>${escape(text(note, locale))}</li>`)
      out.push("</ol></div>")
      break
    case "signatures": {
      const colon = locale === "zh-CN" ? "：" : ":"
      out.push("<div class=\"signatures\">")
      for (const s of b.signatures) {
        const blankDate = locale === "zh-CN" ? "\u2003\u2003年\u2003月\u2003日" : ""
        out.push(
          `<p class="signature"><span class="role">${escape(text(s.role, locale))}${colon}</span><span class="line">${escape(s.name ?? "")}</span>` +
            `<span class="role">${escape(text(words.date, locale))}${colon}</span><span class="line date">${escape(s.date ?? blankDate)}</span></p>`
        )
      }
      out.push("</div>")
      break
    }
    case "chart":
      out.push(`<figure class="chart">${Svg.render(b.chart, { locale, id: chartId })}</figure>`)
      break
  }
}

/**
 * The report as one printable HTML page (a string of UTF-8 text). Deterministic: the same report
 * and locale give the same string.
 *
 * @since 0.1.0
 * @category renderers
 */
export const render = (report: Report, options: RenderOptions = {}): string => {
  const locale = options.locale ?? "zh-CN"
  const zone = report.zone
  const title = text(report.title, locale)
  const out: Array<string> = []
  out.push("<!DOCTYPE html>")
  out.push(`<html lang="${locale}">`)
  out.push("<head>")
  out.push("<meta charset=\"utf-8\" />")
  out.push(`<meta http-equiv="Content-Security-Policy" content="${csp}" />`)
  out.push("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />")
  out.push(`<title>${escape(title)}</title>`)
  out.push(`<style>\n${css(report.orientation)}\n</style>`)
  out.push("</head>")
  out.push("<body>")
  out.push("<header>")
  out.push(`<h1>${escape(title)}</h1>`)
  if (report.subtitle !== undefined) out.push(`<p class="subtitle">${escape(text(report.subtitle, locale))}</p>`)
  const colon = locale === "zh-CN" ? "：" : ": "
  const meta: Array<string> = []
  if (report.school !== undefined) meta.push(`<span>${escape(text(words.school, locale))}${colon}${escape(report.school)}</span>`)
  if (meta.length > 0) out.push(`<div class="meta">${meta.join("")}</div>`)
  out.push("</header>")
  report.sections.forEach((s, si) => {
    out.push("<section>")
    if (s.title !== undefined) out.push(`<h2>${escape(text(s.title, locale))}</h2>`)
    s.blocks.forEach((b, bi) => block(b, locale, zone, `chart-${si + 1}-${bi + 1}`, out))
    out.push("</section>")
  })
  const foot: Array<string> = [`${escape(text(words.zone, locale))}${colon}${escape(zone)}`]
  if (report.generatedAt !== undefined) {
    foot.push(`${escape(text(words.generatedAt, locale))}${colon}${escape(Format.instantText(report.generatedAt, zone))}`)
  }
  out.push(`<footer>${foot.join(locale === "zh-CN" ? "；" : "; ")}</footer>`)
  out.push("</body>")
  out.push("</html>")
  return `${out.join("\n")}\n`
}
