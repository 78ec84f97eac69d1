/**
 * Houqin reports (后勤报表): a small report model — titled sections of key–value fields, tables
 * with typed columns, notes, signature lines and charts, labelled in zh-CN and en — pure renderers
 * to CSV, XLSX, printable HTML and SVG, and builders from the core's modules.
 *
 * ```ts
 * import { Csv, Html, Xlsx, retentionRegister } from "@houqin/reports"
 *
 * const report = retentionRegister(rows, { school: "红旗小学", period: { from, to } })   // Result<Report, ValidationError>
 * if (Result.isSuccess(report)) writeFileSync("留样记录表.xlsx", Xlsx.render(report.success, { locale: "zh-CN" }))
 * ```
 *
 * @since 0.1.0
 */
export * as Report from "./Report.ts"
export type { Report as ReportDocument } from "./Report.ts"
export * as Locale from "./Locale.ts"
export * as Format from "./Format.ts"
export * as Csv from "./Csv.ts"
export * as Xlsx from "./Xlsx.ts"
export * as Html from "./Html.ts"
export * as Svg from "./Svg.ts"
export type { DocumentOptions } from "./builders/document.ts"
export { findingsReport, findingsTable, severityLabels } from "./builders/findings.ts"
export type { FindingsReportOptions, FindingsTableOptions } from "./builders/findings.ts"
export { retentionRegister, retentionSummary, ruleLabels as retentionRuleLabels, temperatureLogReport } from "./builders/retention.ts"
export type { RegisterReportOptions, SummaryReportOptions, TemperatureLogReportOptions } from "./builders/retention.ts"
export { actionLabels, decisionRecord, routeExplanation, statusLabels } from "./builders/approvals.ts"
export type { ApprovalReportOptions } from "./builders/approvals.ts"
export { replayReport, simulationComparison } from "./builders/simulation.ts"
export type { ComparisonReportOptions } from "./builders/simulation.ts"
export { auditVerification } from "./builders/audit.ts"
export type { AuditReportOptions } from "./builders/audit.ts"
export { staffRoster } from "./builders/people.ts"
export {
  accountEntryLabels,
  dailyPurchasePublication,
  hygieneRegisterReport,
  ingredientCategoryLabels,
  mealFeeStatement,
  monthlySettlementPublication,
  prepaidItemsStatement,
  weeklyMenuPublication
} from "./builders/canteen.ts"
export type { MenuReportOptions, PrepaidStatementOptions, PublicationReportOptions, SettlementReportOptions } from "./builders/canteen.ts"
export {
  assetDepreciationSchedule,
  assetRegister,
  assetStatusLabels,
  conditionLabels as assetConditionLabels,
  depreciationSchedule,
  fundingSourceLabels,
  methodLabels as depreciationMethodLabels,
  stocktakeReport
} from "./builders/assets.ts"
export type { AssetRegisterOptions, AssetReportOptions, StocktakeReportOptions, ValuationReport } from "./builders/assets.ts"
export { dailyCheckSummary, outbreakReport, outcomeLabels as screeningOutcomeLabels, screeningSummary } from "./builders/health.ts"
export type { DailyCheckReportOptions, OutbreakReportOptions, PublishedSummary, ScreeningReportOptions } from "./builders/health.ts"
