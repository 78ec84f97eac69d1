/**
 * Asset reports: the asset register (资产台账 — one line per asset record with its category,
 * funding, cost, dates, department, custodian, location, condition and state), the depreciation
 * schedule as of a date (固定资产折旧明细 — cost, revaluation, accumulated depreciation and book value
 * per fixed asset, with the totals) and the stocktake result (资产清查结果 — shortages 盘亏, surpluses
 * 盘盈, wrong locations, condition changes).
 *
 * Input is what `@houqin/core/assets` gives: the records of `houqin.assets.register(school)`
 * (`Assets.Asset`), `houqin.assets.valuationReport(school, date)` and
 * `houqin.assets.stocktakeResult(school, stocktake)` (Effect: `Assets.Queries.valuationReport`,
 * `Assets.Queries.stocktakeResult`). Nothing is recomputed: values are the core's.
 *
 * @since 0.1.0
 */
import type { Messages, People, ValidationError } from "@houqin/core"
import { Assets } from "@houqin/core"
import type { Effect, Result } from "effect"
import type { Text } from "../Locale.ts"
import { label, words } from "../Locale.ts"
import type { BlockInput, CellInput, ColumnInput, FieldInput, Report, SectionInput } from "../Report.ts"
import { make } from "../Report.ts"
import type { DocumentOptions } from "./document.ts"
import { documentFields, signatureLines } from "./document.ts"

/**
 * Names of an asset's states.
 *
 * @since 0.1.0
 * @category constants
 */
export const assetStatusLabels: Readonly<Record<Assets.AssetStatus, Messages>> = {
  planned: label("计划购置", "planned"),
  received: label("已验收", "received"),
  inService: label("在用", "in service"),
  underRepair: label("维修中", "under repair"),
  idle: label("闲置", "idle"),
  onLoan: label("借出", "on loan"),
  disposalRequested: label("待处置", "disposal requested"),
  disposed: label("已处置", "disposed"),
  reallocatedOut: label("已调出", "reallocated out")
}

/**
 * Names of an asset's conditions.
 *
 * @since 0.1.0
 * @category constants
 */
export const conditionLabels: Readonly<Record<Assets.Condition, Messages>> = {
  good: label("完好", "good"),
  fair: label("一般", "fair"),
  poor: label("较差", "poor"),
  unusable: label("不能使用", "unusable")
}

/**
 * Names of the funding sources.
 *
 * @since 0.1.0
 * @category constants
 */
export const fundingSourceLabels: Readonly<Record<Assets.FundingSource, Messages>> = {
  fiscal: label("财政拨款", "fiscal"),
  nonFiscal: label("非财政拨款", "non-fiscal"),
  donation: label("捐赠", "donation"),
  selfRaised: label("自筹", "self-raised"),
  other: label("其他", "other")
}

/**
 * Names of the depreciation methods (`none`: not depreciated).
 *
 * @since 0.1.0
 * @category constants
 */
export const methodLabels: Readonly<Record<Assets.MethodId | "none", Messages>> = {
  governmentStraightLine: label("年限平均法", "straight line"),
  governmentUnitsOfProduction: label("工作量法", "units of production"),
  enterpriseStraightLine: label("年限平均法（企业）", "straight line (enterprise)"),
  doubleDecliningBalance: label("双倍余额递减法", "double-declining balance"),
  sumOfYearsDigits: label("年数总和法", "sum of the years' digits"),
  unitsOfProduction: label("工作量法（企业）", "units of production (enterprise)"),
  none: label("不计提折旧", "not depreciated")
}

const accountClassLabels: Readonly<Record<Assets.AccountClass, Messages>> = {
  fixedAsset: label("固定资产", "fixed asset"),
  lowValueConsumable: label("低值易耗品", "low-value consumable")
}

/**
 * Options of the asset reports: the organisation, to name departments and custodians (their ids
 * otherwise).
 *
 * @since 0.1.0
 * @category models
 */
export interface AssetReportOptions extends DocumentOptions {
  readonly org?: People.Organisation
}

const namesOf = (org: People.Organisation | undefined) => {
  const departments = new Map((org?.departments ?? []).map((d) => [d.id as string, d.name]))
  const staff = new Map((org?.staff ?? []).map((s) => [s.id as string, s.name]))
  return {
    department: (id: string | undefined): string | null => (id === undefined ? null : departments.get(id) ?? id),
    staff: (id: string | undefined): string | null => (id === undefined ? null : staff.get(id) ?? id)
  }
}

const byTag = <T extends { readonly tag: string }>(a: T, b: T): number => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0)

/**
 * Options of the register: the date it is as of; the valuation report of that date (its book
 * values join the register's lines; its date is the register's when `asOf` is not given); one
 * department only.
 *
 * @since 0.1.0
 * @category models
 */
export interface AssetRegisterOptions extends AssetReportOptions {
  readonly asOf?: string
  readonly valuation?: ValuationReport
  readonly departmentId?: string
}

/**
 * The asset register (资产台账): one line per record in tag order — tag, name, category, model,
 * funding source, class (fixed asset or low-value consumable), cost, book value (with a valuation
 * report), useful life, acquisition and in-service dates, department, custodian, location,
 * condition, state — with the count and cost of each class and the totals.
 *
 * @since 0.1.0
 * @category builders
 */
export const assetRegister = (
  assets: ReadonlyArray<Assets.Asset>,
  options: AssetRegisterOptions = {}
): Result.Result<Report, ValidationError> => {
  const names = namesOf(options.org)
  const rows = assets.filter((a) => options.departmentId === undefined || a.departmentId === options.departmentId).sort(byTag)
  const book = options.valuation === undefined ? undefined : new Map(options.valuation.lines.map((l) => [l.asset.id as string, l.valuation.bookValue]))
  const asOf = options.asOf ?? options.valuation?.date
  const currency = rows[0]?.cost.currency ?? "CNY"
  const money = { kind: "money", currency } as const
  const sum = (list: ReadonlyArray<Assets.Asset>) => list.reduce((a, r) => a + r.cost.amount, 0)
  const fixed = rows.filter((a) => a.accountClass === "fixedAsset")
  const lowValue = rows.filter((a) => a.accountClass === "lowValueConsumable")
  const fields: Array<FieldInput> = [
    ...(asOf === undefined ? [] : [{ label: label("截至", "as of"), value: asOf, type: { kind: "date" } } as const]),
    ...(options.departmentId === undefined ? [] : [{ label: label("使用部门", "department"), value: names.department(options.departmentId) }]),
    { label: label("资产卡片数", "records"), value: rows.length, type: { kind: "integer" } },
    { label: label("固定资产", "fixed assets"), value: fixed.length, type: { kind: "integer" } },
    { label: label("固定资产原值", "fixed assets at cost"), value: sum(fixed), type: money },
    { label: label("低值易耗品", "low-value consumables"), value: lowValue.length, type: { kind: "integer" } },
    { label: label("低值易耗品原值", "low-value consumables at cost"), value: sum(lowValue), type: money },
    ...(book === undefined ? [] : [{ label: label("固定资产净值", "fixed assets at book value"), value: options.valuation!.totals.bookValue, type: money }])
  ]
  return make({
    title: label("资产台账", "Asset register"),
    ...(asOf === undefined ? {} : { subtitle: asOf }),
    ...documentFields(options),
    orientation: "landscape",
    sections: [{
      blocks: [
        { type: "fields", fields },
        {
          type: "table",
          columns: [
            { label: label("资产编号", "tag"), kind: "text" },
            { label: label("名称", "name"), kind: "text" },
            { label: label("分类", "category"), kind: "text" },
            { label: label("规格型号", "model"), kind: "text" },
            { label: label("经费来源", "funding"), kind: "text" },
            { label: label("类别", "class"), kind: "text" },
            { label: label("原值", "cost"), ...money },
            ...(book === undefined ? [] : [{ label: label("净值", "book value"), ...money }]),
            { label: label("使用年限(月)", "useful life (months)"), kind: "integer" },
            { label: label("取得日期", "acquired"), kind: "date" },
            { label: label("启用日期", "in service"), kind: "date" },
            { label: label("使用部门", "department"), kind: "text" },
            { label: label("保管人", "custodian"), kind: "text" },
            { label: label("存放地点", "location"), kind: "text" },
            { label: label("状况", "condition"), kind: "text" },
            { label: label("状态", "state"), kind: "text" }
          ],
          rows: rows.map((a) => [
            a.tag,
            a.name,
            a.category,
            a.model ?? null,
            fundingSourceLabels[a.fundingSource],
            accountClassLabels[a.accountClass],
            a.cost,
            ...(book === undefined ? [] : [book.get(a.id) ?? null]),
            a.depreciation?.usefulLifeMonths ?? null,
            a.acquisitionDate,
            a.inServiceDate ?? null,
            names.department(a.departmentId),
            names.staff(a.custodianId),
            a.location ?? null,
            conditionLabels[a.condition],
            assetStatusLabels[a.status]
          ]),
          totals: {
            label: label("合计", "total"),
            values: [null, null, null, null, null, null, sum(rows), ...(book === undefined ? [] : [rows.reduce((a, r) => a + (book.get(r.id)?.amount ?? 0), 0)]), null, null, null, null, null, null, null, null]
          },
          empty: label("无资产记录", "no assets recorded")
        },
        ...signatureLines(options, [
          { role: label("资产管理员", "Asset officer"), name: options.reviewer },
          { role: label("部门负责人", "Head of department"), name: options.publisher }
        ])
      ]
    }]
  })
}

/**
 * The value of every fixed asset on the books on a date, as `Assets.Queries.valuationReport`
 * (and `houqin.assets.valuationReport`) returns it.
 *
 * @since 0.1.0
 * @category models
 */
export type ValuationReport = Effect.Success<ReturnType<typeof Assets.Queries.valuationReport>>

/**
 * The depreciation schedule as of a date (固定资产折旧明细表): per fixed asset in tag order its
 * method, months charged, cost, revaluation, accumulated depreciation and book value (cost +
 * revaluation − accumulated depreciation), whether fully depreciated; the totals are the core's.
 *
 * @since 0.1.0
 * @category builders
 */
export const depreciationSchedule = (report: ValuationReport, options: AssetReportOptions = {}): Result.Result<Report, ValidationError> => {
  const names = namesOf(options.org)
  const lines = [...report.lines].sort((a, b) => byTag(a.asset, b.asset))
  const currency = report.totals.cost.currency
  const money = { kind: "money", currency } as const
  const revaluation = lines.reduce((a, l) => a + l.valuation.revaluation.amount, 0)
  return make({
    title: label("固定资产折旧明细表", "Depreciation schedule"),
    subtitle: { zh: `截至 ${report.date}`, en: `as of ${report.date}` },
    ...documentFields(options),
    orientation: "landscape",
    sections: [{
      blocks: [
        {
          type: "fields",
          fields: [
            { label: label("截至", "as of"), value: report.date, type: { kind: "date" } },
            { label: label("固定资产数", "fixed assets"), value: lines.length, type: { kind: "integer" } },
            { label: label("原值合计", "total cost"), value: report.totals.cost, type: money },
            { label: label("累计折旧合计", "total accumulated depreciation"), value: report.totals.accumulatedDepreciation, type: money },
            { label: label("净值合计", "total book value"), value: report.totals.bookValue, type: money }
          ]
        },
        {
          type: "table",
          columns: [
            { label: label("资产编号", "tag"), kind: "text" },
            { label: label("名称", "name"), kind: "text" },
            { label: label("分类", "category"), kind: "text" },
            { label: label("使用部门", "department"), kind: "text" },
            { label: label("折旧方法", "method"), kind: "text" },
            { label: label("已提月数", "months charged"), kind: "integer" },
            { label: label("原值", "cost"), ...money },
            { label: label("价值调整", "revaluation"), ...money },
            { label: label("累计折旧", "accumulated depreciation"), ...money },
            { label: label("净值", "book value"), ...money },
            { label: label("已提足", "fully depreciated"), kind: "text" }
          ],
          rows: lines.map(({ asset, valuation: v }): ReadonlyArray<CellInput> => [
            asset.tag,
            asset.name,
            asset.category,
            names.department(asset.departmentId),
            methodLabels[v.method],
            v.monthsCharged,
            v.cost,
            v.revaluation,
            v.accumulatedDepreciation,
            v.bookValue,
            v.method === "none" ? null : v.fullyDepreciated ? label("是", "yes") : label("否", "no")
          ]),
          totals: {
            label: label("合计", "total"),
            values: [null, null, null, null, null, null, report.totals.cost, revaluation, report.totals.accumulatedDepreciation, report.totals.bookValue, null]
          },
          empty: label("无在账固定资产", "no fixed assets on the books")
        },
        {
          type: "notes",
          notes: [
            label("净值 = 原值 + 价值调整 − 累计折旧。", "Book value = cost + revaluation − accumulated depreciation."),
            label("当月折旧于月末计提：截至日期所在月份尚未结束的，不计入该月折旧。", "A month's depreciation is charged at its end: the month of the date counts only once it has ended.")
          ]
        },
        ...signatureLines(options, [
          { role: label("制表人", "Prepared by"), name: options.reviewer },
          { role: label("财务负责人", "Head of finance"), name: options.publisher }
        ])
      ]
    }]
  })
}

/**
 * The depreciation schedule of one asset (固定资产折旧计算表): its card (tag, name, category,
 * method, useful life, cost, residual value), every month from the first charged to the last
 * (book value at the start, revaluation, charge, accumulated depreciation, book value at the end)
 * with the totals, the same by year (`Assets.summarise(schedule, "year")`), and a line chart of the
 * book value at each year's end. The charges add up to the schedule's total, which for a whole
 * schedule is cost + revaluations − residual.
 *
 * @since 0.1.0
 * @category builders
 */
export const assetDepreciationSchedule = (
  asset: Assets.Asset,
  schedule: Assets.Schedule,
  options: AssetReportOptions = {}
): Result.Result<Report, ValidationError> => {
  const money = { kind: "money", currency: schedule.currency } as const
  const names = namesOf(options.org)
  const years = Assets.summarise(schedule, "year")
  const revaluation = schedule.lines.reduce((a, l) => a + l.revaluation.amount, 0)
  const periodTable = (monthly: boolean, caption: Text, period: Text, rows: ReadonlyArray<ReadonlyArray<CellInput>>, totals: ReadonlyArray<CellInput>): BlockInput => ({
    type: "table",
    caption,
    columns: [
      { label: period, kind: "text" },
      ...(monthly ? [{ label: label("期初净值", "opening book value"), ...money }] : []),
      { label: label("价值调整", "revaluation"), ...money },
      { label: label("本期折旧", "charge"), ...money },
      ...(monthly ? [{ label: label("累计折旧", "accumulated"), ...money }] : []),
      { label: label("期末净值", "closing book value"), ...money }
    ],
    rows,
    totals: { label: label("合计", "total"), values: totals },
    empty: label("无折旧", "no depreciation")
  })
  return make({
    title: label("固定资产折旧计算表", "Depreciation schedule of an asset"),
    subtitle: `${asset.tag} ${asset.name}`,
    ...documentFields(options),
    sections: [
      {
        blocks: [{
          type: "fields",
          fields: [
            { label: label("资产编号", "tag"), value: asset.tag },
            { label: label("名称", "name"), value: asset.name },
            { label: label("分类", "category"), value: asset.category },
            { label: label("使用部门", "department"), value: names.department(asset.departmentId) },
            { label: label("折旧方法", "method"), value: methodLabels[schedule.method] },
            { label: label("使用年限(月)", "useful life (months)"), value: asset.depreciation?.usefulLifeMonths ?? null, type: { kind: "integer" } },
            { label: label("原值", "cost"), value: schedule.cost, type: money },
            { label: label("预计净残值", "residual value"), value: schedule.residual, type: money },
            { label: label("折旧合计", "total depreciation"), value: schedule.total, type: money },
            { label: label("首个计提月份", "first month charged"), value: schedule.lines[0]?.month ?? null },
            { label: label("最后计提月份", "last month charged"), value: schedule.lines.at(-1)?.month ?? null }
          ]
        }]
      },
      {
        title: label("按年", "By year"),
        blocks: [
          periodTable(
            false,
            label("各年折旧", "Depreciation by year"),
            label("年度", "year"),
            years.map((y) => [y.period, y.revaluation, y.charge, y.closing]),
            [null, revaluation, schedule.total, null]
          ),
          ...(years.length < 2 ? [] : [{
            type: "chart",
            chart: {
              kind: "line",
              title: label("年末净值", "Book value at the end of each year"),
              categories: years.map((y) => y.period),
              series: [{ name: label("期末净值", "closing book value"), values: years.map((y) => y.closing.amount) }],
              value: { kind: "money", currency: schedule.currency }
            }
          } as const])
        ]
      },
      {
        title: label("按月", "By month"),
        blocks: [
          periodTable(
            true,
            label("各月折旧", "Depreciation by month"),
            label("月份", "month"),
            schedule.lines.map((l) => [l.month, l.opening, l.revaluation, l.charge, l.accumulated, l.closing]),
            [null, null, revaluation, schedule.total, null, null]
          ),
          {
            type: "notes",
            notes: [
              label("每月折旧四舍五入到分，尾差计入最后一个月（或年）；各月折旧之和等于原值加价值调整减预计净残值。", "Each charge is rounded half-up to the fen and the last month (or year) takes the difference; the charges add up to cost + revaluations − residual value.")
            ]
          },
          ...signatureLines(options, [
            { role: label("制表人", "Prepared by"), name: options.reviewer },
            { role: label("财务负责人", "Head of finance"), name: options.publisher }
          ])
        ]
      }
    ]
  })
}

/**
 * Options of the stocktake result: the stocktake (its name, date and scope), the register's
 * records (to name the assets and price the shortages at cost) and a valuation report (for their
 * book value).
 *
 * @since 0.1.0
 * @category models
 */
export interface StocktakeReportOptions extends AssetReportOptions {
  readonly stocktake?: Assets.Stocktake
  readonly assets?: ReadonlyArray<Assets.Asset>
  /** book values of the shortages, from a valuation report */
  readonly valuation?: ValuationReport
  /** the name on the 审核人 line, after 清查人 (`reviewer`) and 监盘人 (`publisher`) */
  readonly approver?: string
}

const awayLabels: Readonly<Record<Assets.Stocktakes.AwayReason, Messages>> = {
  underRepair: { zh: "维修中", en: "under repair" },
  onLoan: { zh: "借出", en: "on loan" }
}

const notExpectedLabels: Readonly<Record<Assets.Stocktakes.NotExpectedReason, Messages>> = {
  outOfScope: { zh: "不在本次清查范围", en: "outside the stocktake's scope" },
  addedAfterStart: { zh: "清查开始后登记", en: "registered after the start" },
  offBooks: { zh: "不在账（计划中、已处置或已调出）", en: "off the books (planned, disposed or reallocated out)" }
}

/**
 * The stocktake result (资产清查结果): the counts (expected, counted, matched, shortages, surpluses,
 * away under repair or on loan, found while away, registered assets found that were not expected,
 * wrong location, condition changed, counted twice), then a table for each kind of difference —
 * shortages (盘亏) with their cost, surpluses (盘盈: tags the register does not know), wrong
 * locations, condition changes, assets away (with the borrower and return date of a loan), assets
 * found while away, registered assets found outside the expected list (why, where recorded and
 * found), tags counted twice.
 *
 * @since 0.1.0
 * @category builders
 */
export const stocktakeReport = (
  result: Assets.Stocktakes.StocktakeResult,
  options: StocktakeReportOptions = {}
): Result.Result<Report, ValidationError> => {
  const records = new Map((options.assets ?? []).map((a) => [a.id as string, a]))
  const names = namesOf(options.org)
  const nameOf = (assetId: string | undefined): string | null => (assetId === undefined ? null : records.get(assetId)?.name ?? null)
  const currency = options.assets?.[0]?.cost.currency ?? "CNY"
  const money = { kind: "money", currency } as const
  const st = options.stocktake
  const shortageCost = result.shortage.reduce((a, s) => a + (records.get(s.assetId)?.cost.amount ?? 0), 0)
  const book = options.valuation === undefined ? undefined : new Map(options.valuation.lines.map((l) => [l.asset.id as string, l.valuation.bookValue]))
  const shortageBook = book === undefined ? 0 : result.shortage.reduce((a, s) => a + (book.get(s.assetId)?.amount ?? 0), 0)
  const count = (l: Text, n: number): FieldInput => ({ label: l, value: n, type: { kind: "integer" } })
  const scope: Text | undefined = st === undefined
    ? undefined
    : st.scope.departmentId === undefined && st.scope.location === undefined
    ? label("全部资产", "the whole register")
    : [
      st.scope.departmentId === undefined ? "" : names.department(st.scope.departmentId),
      st.scope.location ?? ""
    ].filter((x) => x !== "").join(" / ")
  const table = (caption: Text, columns: ReadonlyArray<ColumnInput>, rows: ReadonlyArray<ReadonlyArray<CellInput>>, empty: Text): BlockInput => ({
    type: "table",
    caption,
    columns,
    rows,
    empty
  })
  const text = (zh: string, en: string) => ({ label: label(zh, en), kind: "text" as const })
  const sections: Array<SectionInput> = [
    {
      blocks: [{
        type: "fields",
        fields: [
          ...(st === undefined ? [] : [
            { label: label("清查名称", "stocktake"), value: st.name },
            { label: label("开始日期", "started on"), value: st.startedOn, type: { kind: "date" } } as const,
            { label: label("范围", "scope"), value: scope ?? null }
          ]),
          count(label("应盘数", "expected"), result.expected),
          count(label("实盘数", "counted"), result.counted),
          count(label("账实相符", "matched"), result.matched.length),
          count(label("盘亏", "shortages"), result.shortage.length),
          { label: label("盘亏原值", "shortages at cost"), value: options.assets === undefined ? null : shortageCost, type: money },
          count(label("盘盈", "surpluses"), result.surplus.length),
          count(label("维修中未盘", "away for repair"), result.away.filter((a) => a.reason === "underRepair").length),
          count(label("借出未盘", "away on loan"), result.away.filter((a) => a.reason === "onLoan").length),
          count(label("借出或维修中盘到", "found while away"), result.foundAway.length),
          count(label("清单外在册资产盘到", "registered, found though not expected"), result.foundUnexpected.length),
          count(label("位置不符", "wrong location"), result.wrongLocation.length),
          count(label("状况变化", "condition changed"), result.conditionChanged.length),
          count(label("重复盘点", "counted twice"), result.duplicates.length)
        ]
      }]
    },
    {
      title: label("盘亏", "Shortages"),
      blocks: [{
        type: "table",
        columns: [
          text("资产编号", "tag"),
          text("名称", "name"),
          text("账面存放地点", "recorded location"),
          { label: label("原值", "cost"), ...money },
          ...(book === undefined ? [] : [{ label: label("净值", "book value"), ...money }])
        ],
        rows: [...result.shortage].sort(byTag).map((s) => [
          s.tag,
          nameOf(s.assetId),
          s.location ?? null,
          records.get(s.assetId)?.cost ?? null,
          ...(book === undefined ? [] : [book.get(s.assetId) ?? null])
        ]),
        ...(options.assets === undefined && book === undefined
          ? {}
          : { totals: { label: label("合计", "total"), values: [null, null, null, options.assets === undefined ? null : shortageCost, ...(book === undefined ? [] : [shortageBook])] } }),
        empty: label("无盘亏", "no shortages")
      }]
    },
    {
      title: label("盘盈", "Surpluses"),
      blocks: [table(
        label("盘点到但资产账中没有的编号", "Tags counted that the register does not know"),
        [text("资产编号", "tag"), text("发现地点", "found at"), text("状况", "condition")],
        [...result.surplus].sort(byTag).map((s) => [s.tag, s.location ?? null, conditionLabels[s.condition]]),
        label("无盘盈", "no surpluses")
      )]
    },
    {
      title: label("位置与状况", "Location and condition"),
      blocks: [
        table(
          label("位置不符", "Wrong location"),
          [text("资产编号", "tag"), text("名称", "name"), text("账面存放地点", "recorded location"), text("实际地点", "found at")],
          [...result.wrongLocation].sort(byTag).map((w) => [w.tag, nameOf(w.assetId), w.recorded ?? null, w.found]),
          label("无", "none")
        ),
        table(
          label("状况变化", "Condition changed"),
          [text("资产编号", "tag"), text("名称", "name"), text("账面状况", "recorded"), text("实际状况", "found")],
          [...result.conditionChanged].sort(byTag).map((c) => [c.tag, nameOf(c.assetId), conditionLabels[c.recorded], conditionLabels[c.found]]),
          label("无", "none")
        ),
        table(
          label("维修中或借出未盘点", "Away under repair or on loan, not counted"),
          [text("资产编号", "tag"), text("名称", "name"), text("原因", "why"), text("借用人", "borrower"), { label: label("应还日期", "due back"), kind: "date" }],
          [...result.away].sort(byTag).map((a) => [a.tag, nameOf(a.assetId), awayLabels[a.reason], a.borrower ?? null, a.expectedReturn ?? null]),
          label("无", "none")
        ),
        table(
          label("维修中或借出但已盘到", "Away under repair or on loan, found"),
          [text("资产编号", "tag"), text("名称", "name"), text("原因", "why"), text("发现地点", "found at"), text("状况", "condition")],
          [...result.foundAway].sort(byTag).map((a) => [a.tag, nameOf(a.assetId), awayLabels[a.reason], a.location ?? null, conditionLabels[a.condition]]),
          label("无", "none")
        ),
        table(
          label("不在应盘清单中但已盘到的在册资产", "Registered assets found that were not expected"),
          [text("资产编号", "tag"), text("名称", "name"), text("原因", "why"), text("账面存放地点", "recorded location"), text("发现地点", "found at"), text("状况", "condition")],
          [...result.foundUnexpected].sort(byTag).map((f) => [f.tag, nameOf(f.assetId), notExpectedLabels[f.reason], f.recorded ?? null, f.location ?? null, conditionLabels[f.condition]]),
          label("无", "none")
        ),
        {
          type: "table",
          caption: label("重复盘点的编号（以最后一次为准）", "Tags counted more than once (the last count stands)"),
          columns: [text("资产编号", "tag"), { label: label("次数", "times"), kind: "integer" }],
          rows: [...result.duplicates].sort(byTag).map((d) => [d.tag, d.count]),
          empty: label("无", "none")
        },
        {
          type: "notes",
          notes: [
            label("盘亏：应盘清单中未盘点到的资产（维修中、借出的除外）；盘盈：盘点到但资产账中没有的编号；账中有的资产无论在何处盘到都不是盘盈。", "Shortage: an expected asset not counted (other than one under repair or on loan); surplus: a counted tag the register does not know; a registered asset is never a surplus, wherever it is found."),
            label("清查结果入账后，盘亏资产按报损申请处置，位置与状况按实际更正；盘盈资产按评估价值另行登记入账。", "When the stocktake is applied, shortages are put forward for disposal as losses and locations and conditions corrected; surpluses are registered separately at their valuation.")
          ]
        },
        ...signatureLines(options, [
          { role: label("清查人", "Counted by"), name: options.reviewer },
          { role: label("监盘人", "Witnessed by"), name: options.publisher },
          { role: words.reviewer, name: options.approver }
        ])
      ]
    }
  ]
  return make({
    title: label("资产清查结果", "Asset stocktake result"),
    ...(st === undefined ? {} : { subtitle: `${st.name} ${st.startedOn}` }),
    ...documentFields(options),
    sections
  })
}
