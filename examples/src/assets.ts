/**
 * A ¥6,000 desktop computer, bought on 2024-03-15, through its life in a school's asset register.
 *
 * Part 1 uses the plain functions of `@houqin/core/assets` (no runtime, no storage): the
 * depreciation schedule under government accounting (政府会计准则第3号: 6 years for computers,
 * charged from the month added, no residual value) and under enterprise accounting (企业会计准则
 * 第4号: here 3 years, from the month after it went into service, 5% residual), and the value of
 * each as of a date.
 *
 * Part 2 keeps the register through the Promise front door: the school's organisation is saved
 * (custodians and departments are checked against it), the computer and two other assets are
 * registered, the computer transferred to another teacher and room, the projector lent and
 * returned late (an overdue-loan finding), and the winter stocktake (清查) finds the printer
 * missing (盘亏) and a computer nobody registered (盘盈).
 */
import { createHouqin, Id, LocalDate, Money } from "@houqin/core"
import { enterpriseStraightLine, governmentStraightLine, schedule, summarise, valueAt } from "@houqin/core/assets"
import type { Depreciable } from "@houqin/core/assets"
import { BigDecimal, Result } from "effect"

/** what the example proves, for the test */
export interface AssetsResult {
  readonly government: { readonly months: number; readonly firstMonth: string; readonly monthly: number; readonly lastMonth: string; readonly last: number; readonly total: number; readonly byYear: Readonly<Record<string, number>> }
  readonly enterprise: { readonly months: number; readonly firstMonth: string; readonly monthly: number; readonly last: number; readonly residual: number }
  readonly valueOn20251231: { readonly government: number; readonly enterprise: number }
  readonly registered: { readonly accountClass: string; readonly method: string | undefined; readonly usefulLifeMonths: number | undefined }
  readonly afterTransfer: { readonly custodianId: string | undefined; readonly location: string | undefined; readonly version: number }
  readonly overdue: ReadonlyArray<{ readonly rule: string; readonly daysOverdue: unknown }>
  readonly stocktake: { readonly expected: number; readonly counted: number; readonly matched: ReadonlyArray<string>; readonly shortage: ReadonlyArray<string>; readonly surplus: ReadonlyArray<string>; readonly wrongLocation: ReadonlyArray<string> }
  readonly printerAfterStocktake: string
  readonly registerBookValue: number
}

const schoolId = "school-hongqi"
const office = { schoolId, actor: "staff-li" }
const yuan = (fen: number) => Money.format({ amount: fen, currency: "CNY" })

// The plain functions take the kernel's types: dates are branded `LocalDate`s (checked once, here),
// rates exact decimals. A `Result` is effect's: `Result.getOrThrow` where the input is known good.
const date = (text: string) => Result.getOrThrow(LocalDate.make(text))

export const assetsExample = async (log: (line: string) => void = console.log): Promise<AssetsResult> => {
  // ── Part 1: depreciation as pure calculation ─────────────────────────────────────────────
  const computer: Depreciable = { cost: { amount: 600_000, currency: "CNY" }, acquisitionDate: date("2024-03-15"), usefulLifeMonths: 72 }
  // government: 600,000 fen ÷ 72 months = 8,333.33… → ¥83.33 a month (half-up) for 71 months
  // (591,643 fen), and February 2030 takes the rest: 600,000 − 591,643 = 8,357 fen (¥83.57)
  const gov = Result.getOrThrow(schedule(computer, governmentStraightLine))
  const govLast = gov.lines.at(-1)!
  log(`government straight line: ${gov.lines.length} months from ${gov.lines[0]!.month}, ${yuan(gov.lines[0]!.charge.amount)} a month, ${govLast.month} ${yuan(govLast.charge.amount)}; total ${yuan(gov.total.amount)}`)
  // by calendar year: 2024 has 10 months (Mar–Dec) = 83,330; 2025–2029 12 months = 99,996 each;
  // 2030: January 8,333 + February 8,357 = 16,690. 83,330 + 5 × 99,996 + 16,690 = 600,000
  const byYear = summarise(gov, "year")
  log(`  by year: ${byYear.map((p) => `${p.period} ${yuan(p.charge.amount)}`).join(", ")}`)

  // enterprise: residual 5% = ¥300; (600,000 − 30,000) ÷ 36 = 15,833.33… → ¥158.33 a month from
  // April 2024; March 2027 takes 570,000 − 35 × 15,833 = 15,845 fen (¥158.45) and leaves ¥300
  const ent = Result.getOrThrow(schedule({ ...computer, usefulLifeMonths: 36, residualRate: BigDecimal.fromStringUnsafe("0.05") }, enterpriseStraightLine))
  log(`enterprise straight line: ${ent.lines.length} months from ${ent.lines[0]!.month}, ${yuan(ent.lines[0]!.charge.amount)} a month, last ${yuan(ent.lines.at(-1)!.charge.amount)}; residual ${yuan(ent.residual.amount)}`)

  // as of 2025-12-31: government March 2024 … December 2025 = 22 months × 8,333 = 183,326 charged
  // → 416,674 left; enterprise April 2024 … December 2025 = 21 × 15,833 = 332,493 → 267,507 left
  const asOf = date("2025-12-31")
  const govValue = Result.getOrThrow(valueAt(computer, asOf, governmentStraightLine))
  const entValue = Result.getOrThrow(valueAt({ ...computer, usefulLifeMonths: 36, residualRate: BigDecimal.fromStringUnsafe("0.05") }, asOf, enterpriseStraightLine))
  log(`value on ${asOf}: government ${yuan(govValue.bookValue.amount)} (${govValue.monthsCharged} months charged), enterprise ${yuan(entValue.bookValue.amount)} (${entValue.monthsCharged} months)`)

  // ── Part 2: the register, through the Promise front door ────────────────────────────────
  let now = Date.parse("2024-03-15T10:00:00+08:00")
  const houqin = createHouqin({ clock: () => now, ids: Id.layerSequential("as") })
  try {
    // the organisation: custodians and departments an asset names must be in it (an unknown one is
    // a NotFoundError with the field's path), and "today" is in its zone
    await houqin.people.saveOrganisation({
      ...office,
      organisation: {
        schoolId,
        id: schoolId,
        school: { id: schoolId, name: "红旗小学", kind: "primary", zone: "Asia/Shanghai" },
        roles: [{ id: "teacher", name: { zh: "教师", en: "teacher" }, level: 10 }, { id: "officer", name: { zh: "干事", en: "officer" }, level: 20 }],
        departments: [{ id: "teaching", name: "教务处" }, { id: "general", name: "总务处" }],
        staff: [
          { id: "staff-li", name: "李干事", departmentId: "general", roles: ["officer"], active: true },
          { id: "staff-chen", name: "陈老师", departmentId: "teaching", roles: ["teacher"], active: true },
          { id: "staff-zhao", name: "赵老师", departmentId: "teaching", roles: ["teacher"], active: true }
        ],
        grades: [],
        classes: [],
        dinerGroups: [],
        chains: []
      }
    })
    const org = await houqin.people.organisation(schoolId)
    const staffName = (id: string | undefined) => (id === undefined ? "—" : org.staff.find((x) => x.id === id)?.name ?? id)

    // the computer: category from 财会〔2017〕4号 表1; the pack (cn: government accounting) gives the
    // method and the useful life (计算机设备: 6 years); at ¥6,000 it is over the ¥1,000 threshold
    const pc = await houqin.assets.registerAsset({
      ...office,
      asset: {
        tag: "JSJ-0001",
        name: "台式计算机",
        category: "通用设备/计算机设备",
        model: "联想 启天 M450",
        fundingSource: "fiscal",
        cost: { amount: 600_000, currency: "CNY" },
        acquisitionDate: "2024-03-15",
        inServiceDate: "2024-03-15",
        departmentId: "teaching",
        custodianId: "staff-chen",
        location: "教学楼 101"
      }
    })
    log(`registered ${pc.tag} ${pc.name}: ${pc.accountClass}, ${pc.depreciation?.method ?? "not depreciated"}, ${pc.depreciation?.usefulLifeMonths ?? "—"} months`)

    now = Date.parse("2024-09-02T10:00:00+08:00")
    const projector = await houqin.assets.registerAsset({
      ...office,
      asset: { tag: "TYY-0001", name: "投影仪", category: "通用设备/办公设备", fundingSource: "fiscal", cost: { amount: 450_000, currency: "CNY" }, acquisitionDate: "2024-09-02", inServiceDate: "2024-09-02", location: "多功能厅" }
    })
    const printer = await houqin.assets.registerAsset({
      ...office,
      asset: { tag: "DYJ-0001", name: "激光打印机", category: "通用设备/计算机设备", fundingSource: "fiscal", cost: { amount: 280_000, currency: "CNY" }, acquisitionDate: "2024-09-02", inServiceDate: "2024-09-02", location: "行政楼 305" }
    })

    // a transfer (转移) to another teacher and room; commands that change a record take the
    // version the caller read (a stale one is a ConflictError, never a lost update)
    now = Date.parse("2025-09-01T10:00:00+08:00")
    const moved = await houqin.assets.transfer({ ...office, assetId: pc.id, version: pc.version, custodianId: "staff-zhao", location: "教学楼 203" })
    log(`transferred ${moved.tag} to ${staffName(moved.custodianId)} in ${moved.location ?? "—"} (version ${moved.version})`)

    // a loan (借用) for an open lesson, due back on Friday 7 November
    now = Date.parse("2025-11-03T08:00:00+08:00")
    const lent = await houqin.assets.lend({ ...office, assetId: projector.id, version: projector.version, borrower: "赵老师（三年级组）", expectedReturn: "2025-11-07", purpose: "公开课" })
    // the next Wednesday it is still out: overdue from Saturday 8 November (grace 0 days)
    now = Date.parse("2025-11-12T09:00:00+08:00")
    const findings = await houqin.assets.findings(schoolId, "2025-11-12")
    for (const f of findings) log(`  ⚠ ${f.rule}: ${f.explanation.zh}`)
    now = Date.parse("2025-11-14T16:00:00+08:00")
    await houqin.assets.changeStatus({ ...office, assetId: projector.id, version: lent.version, event: "returnLoan" })

    // the winter stocktake (清查): the printer is not found; a computer with tag JSJ-0099 is found
    // in the computer room but was never registered
    now = Date.parse("2026-01-12T09:00:00+08:00")
    const stocktake = await houqin.assets.startStocktake({ ...office, name: "2025—2026 学年第一学期期末清查", startedOn: "2026-01-12" })
    await houqin.assets.recordCounts({
      ...office,
      stocktakeId: stocktake.id,
      counts: [
        { tag: "JSJ-0001", location: "教学楼 203", condition: "good" },
        { tag: "TYY-0001", location: "多功能厅", condition: "good" },
        { tag: "JSJ-0099", location: "微机室", condition: "fair", note: "无资产卡片" }
      ]
    })
    const result = await houqin.assets.stocktakeResult(schoolId, stocktake.id)
    log(`stocktake: expected ${result.expected}, counted ${result.counted}; matched ${result.matched.map((m) => m.tag).join(", ")}`)
    log(`  盘亏 (shortage): ${result.shortage.map((s) => `${s.tag} at ${s.location ?? "?"}`).join(", ")}`)
    log(`  盘盈 (surplus): ${result.surplus.map((s) => `${s.tag} at ${s.location ?? "?"}`).join(", ")}`)
    // applying it requests the disposal of the missing printer as a loss (报损), for approval
    now = Date.parse("2026-01-16T09:00:00+08:00")
    await houqin.assets.applyStocktake({ ...office, stocktakeId: stocktake.id, version: stocktake.version })
    const printerNow = await houqin.assets.asset(schoolId, printer.id)
    log(`  ${printerNow.tag} is now ${printerNow.status}: ${printerNow.disposalRequest?.reason ?? ""}`)

    // the register's value on 2025-12-31 (each asset under the pack's method)
    // computer 416,674 (above); projector 450,000 ÷ 72 = 6,250 a month × 16 (Sep 2024 … Dec 2025)
    // = 100,000 → 350,000; printer 280,000 ÷ 72 = 3,888.89 → 3,889 × 16 = 62,224 → 217,776
    const report = await houqin.assets.valuationReport(schoolId, "2025-12-31")
    for (const l of report.lines) log(`  ${l.asset.tag} cost ${yuan(l.valuation.cost.amount)}, book value ${yuan(l.valuation.bookValue.amount)}`)
    log(`register on 2025-12-31: cost ${yuan(report.totals.cost.amount)}, accumulated ${yuan(report.totals.accumulatedDepreciation.amount)}, book value ${yuan(report.totals.bookValue.amount)}`)

    return {
      government: {
        months: gov.lines.length,
        firstMonth: gov.lines[0]!.month,
        monthly: gov.lines[0]!.charge.amount,
        lastMonth: govLast.month,
        last: govLast.charge.amount,
        total: gov.total.amount,
        byYear: Object.fromEntries(byYear.map((p) => [p.period, p.charge.amount]))
      },
      enterprise: { months: ent.lines.length, firstMonth: ent.lines[0]!.month, monthly: ent.lines[0]!.charge.amount, last: ent.lines.at(-1)!.charge.amount, residual: ent.residual.amount },
      valueOn20251231: { government: govValue.bookValue.amount, enterprise: entValue.bookValue.amount },
      registered: { accountClass: pc.accountClass, method: pc.depreciation?.method, usefulLifeMonths: pc.depreciation?.usefulLifeMonths },
      afterTransfer: { custodianId: moved.custodianId, location: moved.location, version: moved.version },
      overdue: findings.map((f) => ({ rule: f.rule, daysOverdue: f.evidence["daysOverdue"] })),
      stocktake: {
        expected: result.expected,
        counted: result.counted,
        matched: result.matched.map((m) => m.tag),
        shortage: result.shortage.map((s) => s.tag),
        surplus: result.surplus.map((s) => s.tag),
        wrongLocation: result.wrongLocation.map((w) => w.tag)
      },
      printerAfterStocktake: printerNow.status,
      registerBookValue: report.totals.bookValue.amount
    }
  } finally {
    await houqin.dispose()
  }
}
