/**
 * The two languages reports speak, and the words every report shares.
 *
 * A report's words are of two kinds: **labels** (column headings, section titles, 审核人 /
 * reviewer) are {@link Messages} with a zh-CN and an en text, chosen by the locale at rendering
 * time; **data** (a dish name, a staff member's name) is a plain string, printed as it is in both
 * languages. {@link Text} is either.
 *
 * @since 0.1.0
 */
import type { Messages } from "@houqin/core"

/**
 * The locales of a rendering: Chinese (mainland, simplified) or English.
 *
 * @since 0.1.0
 * @category models
 */
export type Locale = "zh-CN" | "en"

/**
 * Every locale, zh-CN first.
 *
 * @since 0.1.0
 * @category constants
 */
export const locales: ReadonlyArray<Locale> = ["zh-CN", "en"]

/**
 * A label in both languages, or data printed as it is.
 *
 * @since 0.1.0
 * @category models
 */
export type Text = string | Messages

/**
 * Whether a locale is one Houqin renders.
 *
 * @since 0.1.0
 * @category guards
 */
export const isLocale = (u: unknown): u is Locale => u === "zh-CN" || u === "en"

/**
 * Whether a value is a label in both languages (`{ zh, en }`).
 *
 * @since 0.1.0
 * @category guards
 */
export const isMessages = (u: unknown): u is Messages =>
  typeof u === "object" && u !== null && typeof (u as Messages).zh === "string" && typeof (u as Messages).en === "string"

/**
 * The text of a label in a locale; data strings are returned as they are.
 *
 * @since 0.1.0
 * @category formatting
 */
export const text = (t: Text, locale: Locale): string => (typeof t === "string" ? t : locale === "zh-CN" ? t.zh : t.en)

/**
 * A label from its two texts.
 *
 * @since 0.1.0
 * @category constructors
 */
export const label = (zh: string, en: string): Messages => ({ zh, en })

/**
 * The words reports share: signature roles, field names, result words.
 *
 * @since 0.1.0
 * @category constants
 */
export const words = {
  reviewer: label("审核人", "Reviewed by"),
  publisher: label("公示人", "Published by"),
  preparer: label("制表人", "Prepared by"),
  date: label("日期", "Date"),
  school: label("学校", "School"),
  period: label("期间", "Period"),
  zone: label("时区", "Time zone"),
  generatedAt: label("生成时间", "Generated at"),
  total: label("合计", "Total"),
  notes: label("注", "Notes"),
  none: label("无", "none"),
  noRows: label("（无记录）", "(no records)"),
  yes: label("是", "yes"),
  no: label("否", "no"),
  page: label("第 &P 页，共 &N 页", "Page &P of &N"),
  to: label("至", "to"),
  data: label("数据", "Data"),
  category: label("类别", "Category")
} as const

/**
 * A list of names in both languages: `午餐、晚餐` / `lunch, dinner`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const listText = (parts: ReadonlyArray<Messages>): Messages => ({
  zh: parts.map((p) => p.zh).join("、"),
  en: parts.map((p) => p.en).join(", ")
})

/**
 * A period of local dates as text: `2026-03-01 至 2026-03-31` / `2026-03-01 to 2026-03-31`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const periodText = (from: string, to: string): Messages => ({
  zh: `${from} 至 ${to}`,
  en: `${from} to ${to}`
})
