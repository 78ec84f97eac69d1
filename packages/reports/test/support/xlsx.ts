/**
 * Reads the XLSX the renderer writes back, for the tests: unzips it (fflate), parses the parts with
 * the strict XML parser, and gives each sheet's cells with their type, value and number format.
 */
import { strFromU8, unzipSync } from "fflate"
import { byName, parseXml, textOf } from "./xml.ts"
import type { XmlElement } from "./xml.ts"

export interface XlsxCell {
  readonly ref: string
  /** "s" shared string, "n" number */
  readonly type: "s" | "n"
  readonly value: string
  readonly format: string
}

export interface XlsxSheet {
  readonly name: string
  readonly xml: XmlElement
  /** rows by row number, cells by column letter */
  readonly rows: ReadonlyMap<number, ReadonlyMap<string, XlsxCell>>
}

const builtinFormats: Record<string, string> = { "0": "General", "3": "#,##0", "9": "0%", "10": "0.00%" }

export const readXlsx = (bytes: Uint8Array): { readonly files: Record<string, string>; readonly sheets: ReadonlyArray<XlsxSheet> } => {
  const zip = unzipSync(bytes)
  const files: Record<string, string> = {}
  for (const [k, v] of Object.entries(zip)) files[k] = strFromU8(v)
  // every part is well-formed XML
  for (const v of Object.values(files)) parseXml(v)
  const strings = byName(parseXml(files["xl/sharedStrings.xml"]!), "si").map(textOf)
  const styles = parseXml(files["xl/styles.xml"]!)
  const formats = new Map<string, string>(Object.entries(builtinFormats))
  for (const f of byName(styles, "numFmt")) formats.set(f.attrs["numFmtId"]!, f.attrs["formatCode"]!)
  const cellXfs = byName(styles, "cellXfs")[0]!
  const xfFormats = cellXfs.children.filter((c): c is XmlElement => typeof c !== "string").map((xf) => formats.get(xf.attrs["numFmtId"]!) ?? "?")
  const workbook = parseXml(files["xl/workbook.xml"]!)
  const sheets = byName(workbook, "sheet").map((s, i) => {
    const xml = parseXml(files[`xl/worksheets/sheet${i + 1}.xml`]!)
    const rows = new Map<number, Map<string, XlsxCell>>()
    for (const row of byName(xml, "row")) {
      const cells = new Map<string, XlsxCell>()
      for (const c of byName(row, "c")) {
        const ref = c.attrs["r"]!
        const v = byName(c, "v")[0]
        if (v === undefined) continue
        const t = c.attrs["t"] === "s" ? "s" : "n"
        const raw = textOf(v)
        cells.set(ref.replace(/\d+$/, ""), {
          ref,
          type: t,
          value: t === "s" ? strings[Number(raw)]! : raw,
          format: xfFormats[Number(c.attrs["s"] ?? "0")]!
        })
      }
      rows.set(Number(row.attrs["r"]), cells)
    }
    return { name: s.attrs["name"]!, xml, rows }
  })
  return { files, sheets }
}

/** the rows of a sheet as arrays of cell values (empty string for no cell), from row `from` */
export const values = (sheet: XlsxSheet, from: number, to: number, columns: number): Array<Array<string>> => {
  const out: Array<Array<string>> = []
  for (let r = from; r <= to; r++) {
    const row = sheet.rows.get(r)
    out.push(Array.from({ length: columns }, (_, i) => row?.get(String.fromCharCode(65 + i))?.value ?? ""))
  }
  return out
}
