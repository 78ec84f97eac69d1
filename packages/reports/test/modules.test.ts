import { Assets, Canteen, Decimal, Health, Time } from "@houqin/core"
import { Option, Result } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { assetDepreciationSchedule, assetRegister, depreciationSchedule, stocktakeReport } from "../src/builders/assets.ts"
import { dailyPurchasePublication, hygieneRegisterReport, mealFeeStatement, monthlySettlementPublication, prepaidItemsStatement, weeklyMenuPublication } from "../src/builders/canteen.ts"
import { dailyCheckSummary, outbreakReport, screeningSummary } from "../src/builders/health.ts"
import * as Csv from "../src/Csv.ts"
import * as Html from "../src/Html.ts"
import type { Report } from "../src/Report.ts"
import * as Xlsx from "../src/Xlsx.ts"
import type { AssetsYear } from "./support/assetsYear.ts"
import { assetsYear } from "./support/assetsYear.ts"
import type { CanteenMonth } from "./support/canteenMonth.ts"
import { canteenMonth } from "./support/canteenMonth.ts"
import { parseCsv } from "./support/csv.ts"
import { healthOrg, healthStudents, morningChecks, screeningRows } from "./support/health.ts"
import { byName, parseXml, textOf } from "./support/xml.ts"
import { readXlsx } from "./support/xlsx.ts"

const renderAll = (report: Report) => {
  for (const locale of ["zh-CN", "en"] as const) {
    parseCsv(Csv.render(report, { locale }))
    parseXml(Html.render(report, { locale }))
    readXlsx(Xlsx.render(report, { locale }))
  }
}

const htmlRows = (report: Report, locale: "zh-CN" | "en" = "zh-CN", table = 0) => {
  const doc = parseXml(Html.render(report, { locale }))
  return byName(byName(doc, "table")[table]!, "tr").map((tr) => tr.children.filter((c) => typeof c !== "string").map((c) => textOf(c as never)))
}

const fieldsOf = (report: Report, locale: "zh-CN" | "en" = "zh-CN") => {
  const doc = parseXml(Html.render(report, { locale }))
  const dds = byName(doc, "dd")
  return Object.fromEntries(byName(doc, "dt").map((dt, i) => [textOf(dt), textOf(dds[i]!)]))
}

let month: CanteenMonth
let assets: AssetsYear
beforeAll(async () => {
  month = await canteenMonth()
  assets = await assetsYear()
}, 60_000)

describe("canteen: daily purchase publication (每日采购公示)", () => {
  it("each accepted line as bought, with its unit price and amount; totals 152630 fen by line and by supplier", () => {
    const report = Result.getOrThrow(dailyPurchasePublication(month.publication, { school: "红旗小学", reviewer: "王主任", publisher: "钱保管" }))
    expect(htmlRows(report)).toEqual([
      ["供货单位", "品名", "类别", "采购数量", "入库数量", "单价(元)", "计价单位", "金额"],
      // rice 100 kg × ¥4.20 = ¥420.00
      ["粮油公司", "大米", "粮食", "100 千克", "100 千克", "4.20", "千克", "¥420.00"],
      // pork 60.5 斤 (= 30.25 kg into stock) × ¥13.50 = ¥816.75
      ["绿源农贸", "猪肉", "畜肉", "60.5 斤", "30.25 千克", "13.50", "斤", "¥816.75"],
      // potatoes 80 斤 (40 kg) × ¥1.35 = ¥108.00
      ["绿源农贸", "土豆", "蔬菜", "80 斤", "40 千克", "1.35", "斤", "¥108.00"],
      // greens 45.5 kg × ¥3.99 = ¥181.545 → ¥181.55
      ["绿源农贸", "小白菜", "蔬菜", "45.5 千克", "45.5 千克", "3.99", "千克", "¥181.55"],
      // 42000 + 81675 + 10800 + 18155 = 152630
      ["合计", "", "", "", "", "", "", "¥1,526.30"]
    ])
    // 绿源农贸 81675 + 10800 + 18155 = 110630, 粮油公司 42000: largest first
    expect(htmlRows(report, "zh-CN", 1)).toEqual([
      ["供货单位", "明细数", "金额"],
      ["绿源农贸", "3", "¥1,106.30"],
      ["粮油公司", "1", "¥420.00"],
      ["合计", "4", "¥1,526.30"]
    ])
    // sent back: 85 − 80 = 5 斤 = 2.5 kg of potatoes (sprouted), all 10 kg of tomatoes (rotten)
    expect(htmlRows(report, "zh-CN", 2).slice(1)).toEqual([["绿源农贸", "土豆", "2.5 千克", "5斤发芽"], ["绿源农贸", "番茄", "10 千克", "腐烂"]])
    expect(fieldsOf(report)).toMatchObject({ "日期": "2026-03-16", "采购明细数": "4", "供货单位数": "2", "采购金额合计": "¥1,526.30" })
    expect(htmlRows(report, "en")[0]).toEqual(["supplier", "ingredient", "category", "quantity bought", "quantity into stock", "unit price (CNY)", "per", "amount"])
    expect(htmlRows(report, "en")[2]).toEqual(["绿源农贸", "猪肉", "meat", "60.5 jin", "30.25 kg", "13.50", "jin", "CNY 816.75"])
    // a bar chart of the two suppliers' amounts, and the three signature lines
    const doc = parseXml(Html.render(report))
    expect(byName(doc, "svg")).toHaveLength(1)
    expect(textOf(doc)).toContain("验收人")
    renderAll(report)
  })

  it("CSV carries money in yuan without grouping, and quantities with their unit", () => {
    const report = Result.getOrThrow(dailyPurchasePublication(month.publication))
    const rows = parseCsv(Csv.table(report, { index: 0, locale: "zh-CN" }))
    expect(rows[0]).toEqual(["供货单位", "品名", "类别", "采购数量", "入库数量", "单价(元)", "计价单位", "金额(元)"])
    expect(rows[2]!.slice(3, 6)).toEqual(["60.5 斤", "30.25 千克", "13.5"])
    expect(rows.at(-1)).toEqual(["合计", "", "", "", "", "", "", "1526.30"])
  })
})

describe("canteen: monthly settlement publication (月度结算公示)", () => {
  it("the settlement's numbers: income 169500, food cost 115398, other costs 12000, balance 42102, ¥2.88 a head-meal, 68.08%", () => {
    const report = Result.getOrThrow(monthlySettlementPublication(month.settlement, { org: month.org, school: "红旗小学" }))
    expect(fieldsOf(report)).toMatchObject({
      "月份": "2026-03",
      "期间": "2026-03-01 至 2026-03-31",
      "结账人": "王主任",
      // 9500 meal fees + 160000 subsidy
      "收入合计": "¥1,695.00",
      // 0 + 152630 − 37232
      "食品成本": "¥1,153.98",
      "其他费用": "¥120.00",
      // 169500 − 115398 − 12000
      "结余": "¥421.02",
      "供餐餐次": "1",
      "就餐人次": "400",
      // 115398 ÷ 400 = 288.495 → 288
      "人均每餐食品成本": "¥2.88",
      // 115398 ÷ 169500 = 0.68081… → 0.6808
      "食品成本率": "68.08%"
    })
    // income: meal fees 10000 − 500 = 9500; the subsidy entered at closing; no other income
    expect(htmlRows(report, "zh-CN", 0)).toEqual([
      ["项目", "就餐群体", "金额"],
      ["伙食费（收费减退费）", "", "¥95.00"],
      ["营养改善计划补助", "", "¥1,600.00"],
      ["其他收入", "", "¥0.00"],
      ["收入合计", "", "¥1,695.00"]
    ])
    // 0 + 152630 − 0 − 37232 = 115398
    expect(htmlRows(report, "zh-CN", 1)).toEqual([
      ["项目", "金额"],
      ["期初库存", "¥0.00"],
      ["本月验收入库", "¥1,526.30"],
      ["减：退货", "¥0.00"],
      ["减：期末库存", "-¥372.32"],
      ["食品成本", "¥1,153.98"]
    ])
    // the same cost from what left stock: all of it issued to the lunch
    expect(htmlRows(report, "zh-CN", 2).at(-1)).toEqual(["合计", "¥1,153.98"])
    expect(htmlRows(report, "zh-CN", 3).slice(1)).toEqual([["燃气费", "", "¥120.00"], ["合计", "", "¥120.00"]])
    expect(htmlRows(report, "zh-CN", 4).slice(1)).toEqual([["教职工", "¥100.00", "¥5.00", "¥95.00"], ["合计", "", "", "¥95.00"]])
    // the lunch's cost allocated by diners: 38370 + 38370 + 38658 = 115398
    expect(htmlRows(report, "zh-CN", 5).slice(1).map((r) => r.slice(0, 3))).toEqual([
      ["一二年级", "133", "¥383.70"],
      ["三四年级", "133", "¥383.70"],
      ["五六年级", "134", "¥386.58"],
      ["教职工", "0", "¥0.00"],
      ["合计", "400", ""]
    ])
    expect(fieldsOf(report, "en")).toMatchObject({ "balance": "CNY 421.02", "food cost ratio": "68.08%" })
    renderAll(report)
  })

  it("a month in deficit: the balance is negative money under 结余（亏损）, and the chart still renders", () => {
    const deficit = { ...month.settlement, balance: { amount: -2_345, currency: "CNY" as const } }
    const report = Result.getOrThrow(monthlySettlementPublication(deficit, { preparer: "钱保管" }))
    expect(fieldsOf(report)).toMatchObject({ "结余（亏损）": "-¥23.45", "结账人": "staff-wang" })
    expect(fieldsOf(report, "en")).toMatchObject({ "balance (deficit)": "-CNY 23.45" })
    expect(byName(parseXml(Html.render(report)), "svg")).toHaveLength(1)
    renderAll(report)
  })

  it("law: each money table adds up to its totals row (income, food cost from stock and from issues)", () => {
    const report = Result.getOrThrow(monthlySettlementPublication(month.settlement))
    for (const t of [0, 1, 2, 3]) {
      const rows = parseCsv(Csv.table(report, { index: t, locale: "en" })).slice(1)
      const body = rows.slice(0, -1).map((r) => Math.round(Number(r.at(-1)) * 100))
      expect(body.reduce((a, b) => a + b, 0)).toBe(Math.round(Number(rows.at(-1)!.at(-1)) * 100))
    }
  })
})

describe("canteen: prepaid-items statement (代办费结算单)", () => {
  it("paid in 50000, items 12800 + 3550 = 16350, balance due 33650", () => {
    const report = Result.getOrThrow(prepaidItemsStatement(month.statement, { holderName: "张师傅", org: month.org }))
    expect(fieldsOf(report)).toMatchObject({
      "姓名": "张师傅",
      "身份": "教职工",
      "就餐群体": "教职工",
      "学期": "2026-spring",
      "已交代办费": "¥500.00",
      "代购支出": "¥163.50",
      "已退还": "¥0.00",
      "结余（应退）": "¥336.50"
    })
    expect(htmlRows(report)).toEqual([
      ["日期", "物品", "数量", "金额"],
      ["2026-03-05", "园服", "2", "¥128.00"],
      ["2026-03-09", "图书", "1", "¥35.50"],
      ["合计", "", "", "¥163.50"]
    ])
    expect(fieldsOf(report, "en")).toMatchObject({ "balance due": "CNY 336.50", "holder": "staff" })
    renderAll(report)
  })
})

describe("canteen: meal-fee statement (伙食费对账单)", () => {
  it("March: nothing brought forward, charged 10000 for 20 days, 1 day refunded 500: the diner owes 9500", () => {
    const report = Result.getOrThrow(mealFeeStatement(month.account, { holderName: "张师傅", org: month.org }))
    expect(fieldsOf(report)).toMatchObject({
      "姓名": "张师傅",
      "就餐群体": "教职工",
      "期初余额": "¥0.00",
      "本期扣费": "¥100.00",
      "本期退费": "¥5.00",
      // 0 − 10000 + 500 = −9500
      "期末余额": "-¥95.00"
    })
    expect(htmlRows(report)).toEqual([
      ["日期", "序号", "类型", "月份", "天数", "说明", "金额", "余额"],
      ["2026-03-01", "", "期初余额", "", "", "", "", "¥0.00"],
      ["2026-03-02", "1", "扣费", "2026-03", "20", "", "-¥100.00", "-¥100.00"],
      ["2026-03-20", "2", "退费", "2026-03", "1", "", "¥5.00", "-¥95.00"]
    ])
    expect(fieldsOf(report, "en")).toMatchObject({ "closing balance": "-CNY 95.00", "charged": "CNY 100.00" })
    renderAll(report)
  })
})

describe("assets: register (资产台账)", () => {
  it("every record in tag order with names from the organisation; fixed assets 1330000, the chair a low-value consumable", () => {
    const report = Result.getOrThrow(assetRegister(assets.register, { org: assets.org, asOf: "2025-12-31" }))
    const rows = htmlRows(report)
    expect(rows.slice(1, -1).map((r) => r[0])).toEqual(["DYJ-0001", "JSJ-0001", "TYY-0001", "YZ-0001"])
    expect(rows[2]).toEqual(["JSJ-0001", "台式计算机", "通用设备/计算机设备", "联想 启天 M450", "财政拨款", "固定资产", "¥6,000.00", "72", "2024-03-15", "2024-03-15", "教务处", "陈老师", "教学楼 101", "完好", "在用"])
    // the chair is not depreciated: no useful life
    expect(rows[4]!.slice(4, 8)).toEqual(["自筹", "低值易耗品", "¥300.00", ""])
    // 280000 + 600000 + 450000 + 30000 = 1360000
    expect(rows.at(-1)![6]).toBe("¥13,600.00")
    expect(fieldsOf(report)).toMatchObject({ "截至": "2025-12-31", "资产卡片数": "4", "固定资产": "3", "固定资产原值": "¥13,300.00", "低值易耗品": "1", "低值易耗品原值": "¥300.00" })
    expect(htmlRows(report, "en")[2]!.slice(13)).toEqual(["good", "in service"])
    renderAll(report)
  })

  it("with the valuation of 2025-12-31: book values joined (984450 in total, the chair has none); one department only", () => {
    const report = Result.getOrThrow(assetRegister(assets.register, { org: assets.org, valuation: assets.valuation }))
    const rows = htmlRows(report)
    expect(rows[0]!.slice(6, 9)).toEqual(["原值", "净值", "使用年限(月)"])
    // 217776, 416674, 350000 (support/assetsYear.ts); 217776 + 416674 + 350000 = 984450
    expect(rows.slice(1).map((r) => r[7])).toEqual(["¥2,177.76", "¥4,166.74", "¥3,500.00", "", "¥9,844.50"])
    expect(fieldsOf(report)).toMatchObject({ "截至": "2025-12-31", "固定资产净值": "¥9,844.50" })
    const general = Result.getOrThrow(assetRegister(assets.register, { org: assets.org, departmentId: "general" }))
    expect(htmlRows(general).slice(1).map((r) => r[0])).toEqual(["DYJ-0001", "YZ-0001", "合计"])
    expect(fieldsOf(general)).toMatchObject({ "使用部门": "总务处", "资产卡片数": "2" })
    renderAll(report)
  })
})

describe("assets: depreciation schedule as of 2025-12-31", () => {
  it("cost, accumulated depreciation and book value per asset (worked in support/assetsYear.ts) and in total", () => {
    const report = Result.getOrThrow(depreciationSchedule(assets.valuation, { org: assets.org }))
    expect(htmlRows(report).map((r) => [r[0], r[5], r[6], r[8], r[9]])).toEqual([
      ["资产编号", "已提月数", "原值", "累计折旧", "净值"],
      ["DYJ-0001", "16", "¥2,800.00", "¥622.24", "¥2,177.76"],
      ["JSJ-0001", "22", "¥6,000.00", "¥1,833.26", "¥4,166.74"],
      ["TYY-0001", "16", "¥4,500.00", "¥1,000.00", "¥3,500.00"],
      ["合计", "", "¥13,300.00", "¥3,455.50", "¥9,844.50"]
    ])
    expect(htmlRows(report)[2]!.slice(3, 5)).toEqual(["教务处", "年限平均法"])
    expect(htmlRows(report, "en")[0]![9]).toBe("book value")
    renderAll(report)
  })

  it("law: per row cost + revaluation − accumulated = book value, and the totals are the sums of the rows (CSV, in fen)", () => {
    const report = Result.getOrThrow(depreciationSchedule(assets.valuation))
    const rows = parseCsv(Csv.table(report, { index: 0, locale: "en" })).slice(1)
    const fen = (s: string) => Math.round(Number(s) * 100)
    const body = rows.slice(0, -1)
    for (const r of body) expect(fen(r[6]!) + fen(r[7]!) - fen(r[8]!)).toBe(fen(r[9]!))
    for (const c of [6, 7, 8, 9]) expect(body.reduce((a, r) => a + fen(r[c]!), 0)).toBe(fen(rows.at(-1)![c]!))
  })
})

describe("assets: one asset's depreciation schedule", () => {
  it("the ¥6,000 computer over 72 months from March 2024: 71 × 8333 + 8357 = 600000; by year 83330, 5 × 99996, 16690", () => {
    const pc = assets.register.find((a) => a.tag === "JSJ-0001")!
    const schedule = Result.getOrThrow(Assets.scheduleOf(pc))!
    const report = Result.getOrThrow(assetDepreciationSchedule(pc, schedule, { org: assets.org }))
    expect(fieldsOf(report)).toMatchObject({ "折旧方法": "年限平均法", "使用年限(月)": "72", "原值": "¥6,000.00", "预计净残值": "¥0.00", "折旧合计": "¥6,000.00", "首个计提月份": "2024-03", "最后计提月份": "2030-02" })
    // March–December 2024: 10 × 8333 = 83330; 2025–2029: 12 × 8333 = 99996; 2030: 8333 + 8357 = 16690
    expect(htmlRows(report).slice(1).map((r) => [r[0], r[2], r[3]])).toEqual([
      ["2024", "¥833.30", "¥5,166.70"],
      ["2025", "¥999.96", "¥4,166.74"],
      ["2026", "¥999.96", "¥3,166.78"],
      ["2027", "¥999.96", "¥2,166.82"],
      ["2028", "¥999.96", "¥1,166.86"],
      ["2029", "¥999.96", "¥166.90"],
      ["2030", "¥166.90", "¥0.00"],
      ["合计", "¥6,000.00", ""]
    ])
    const months = htmlRows(report, "zh-CN", 1)
    expect(months).toHaveLength(1 + 72 + 1)
    expect(months[1]).toEqual(["2024-03", "¥6,000.00", "¥0.00", "¥83.33", "¥83.33", "¥5,916.67"])
    expect(months[72]).toEqual(["2030-02", "¥83.57", "¥0.00", "¥83.57", "¥6,000.00", "¥0.00"])
    expect(byName(parseXml(Html.render(report)), "svg")).toHaveLength(1)
    renderAll(report)
  })
})

describe("assets: stocktake result (资产清查结果)", () => {
  it("shortage: the printer (¥2,800.00); surplus: JSJ-0099; wrong location: the computer; condition: the projector", () => {
    const report = Result.getOrThrow(stocktakeReport(assets.result, { stocktake: assets.stocktake, assets: assets.register, org: assets.org }))
    expect(fieldsOf(report)).toMatchObject({
      "清查名称": "2025—2026 学年第一学期期末清查",
      "范围": "全部资产",
      // 4 records on site; 4 tags counted; only the chair as recorded
      "应盘数": "4",
      "实盘数": "4",
      "账实相符": "1",
      "盘亏": "1",
      "盘亏原值": "¥2,800.00",
      "盘盈": "1",
      "位置不符": "1",
      "状况变化": "1"
    })
    expect(htmlRows(report, "zh-CN", 0).slice(1)).toEqual([["DYJ-0001", "激光打印机", "行政楼 305", "¥2,800.00"], ["合计", "", "", "¥2,800.00"]])
    expect(htmlRows(report, "zh-CN", 1).slice(1)).toEqual([["JSJ-0099", "微机室", "一般"]])
    expect(htmlRows(report, "zh-CN", 2).slice(1)).toEqual([["JSJ-0001", "台式计算机", "教学楼 101", "教学楼 203"]])
    expect(htmlRows(report, "zh-CN", 3).slice(1)).toEqual([["TYY-0001", "投影仪", "完好", "一般"]])
    expect(htmlRows(report, "en", 3).slice(1)).toEqual([["TYY-0001", "投影仪", "good", "fair"]])
    renderAll(report)
  })

  it("with the valuation: the printer short at cost ¥2,800.00 and book value ¥2,177.76", () => {
    const report = Result.getOrThrow(stocktakeReport(assets.result, { assets: assets.register, valuation: assets.valuation, approver: "王校长" }))
    expect(htmlRows(report, "zh-CN", 0)).toEqual([
      ["资产编号", "名称", "账面存放地点", "原值", "净值"],
      ["DYJ-0001", "激光打印机", "行政楼 305", "¥2,800.00", "¥2,177.76"],
      ["合计", "", "", "¥2,800.00", "¥2,177.76"]
    ])
    expect(textOf(parseXml(Html.render(report)))).toContain("王校长")
  })

  it("assets away: a loaned laptop not counted (borrower, due back), a projector under repair found in the workshop, a registered tag outside the scope found", () => {
    const result: Assets.Stocktakes.StocktakeResult = {
      ...assets.result,
      away: [
        { assetId: "a-laptop", tag: "BJB-0001", reason: "onLoan", borrower: "李老师", expectedReturn: "2026-01-20" },
        { assetId: "a-printer-2", tag: "DYJ-0002", reason: "underRepair" }
      ],
      foundAway: [{ assetId: "a-projector-2", tag: "TYY-0002", reason: "underRepair", location: "维修间", condition: "poor" }],
      foundUnexpected: [{ assetId: "a-desk", tag: "KZ-0007", status: "inService", reason: "outOfScope", recorded: "教学楼 101", location: "微机室", recordedCondition: "good", condition: "good" }]
    }
    const report = Result.getOrThrow(stocktakeReport(result))
    expect(fieldsOf(report)).toMatchObject({ "维修中未盘": "1", "借出未盘": "1", "借出或维修中盘到": "1", "清单外在册资产盘到": "1" })
    expect(htmlRows(report, "zh-CN", 4).slice(1)).toEqual([["BJB-0001", "", "借出", "李老师", "2026-01-20"], ["DYJ-0002", "", "维修中", "", ""]])
    expect(htmlRows(report, "zh-CN", 5).slice(1)).toEqual([["TYY-0002", "", "维修中", "维修间", "较差"]])
    expect(htmlRows(report, "en", 6).slice(1)).toEqual([["KZ-0007", "", "outside the stocktake's scope", "教学楼 101", "微机室", "good"]])
    renderAll(report)
  })

  it("without the records (the Promise API gives the result alone), tags only and no costs", () => {
    const report = Result.getOrThrow(stocktakeReport(assets.result))
    expect(htmlRows(report, "zh-CN", 0).slice(1)).toEqual([["DYJ-0001", "", "行政楼 305", ""]])
    renderAll(report)
  })
})

describe("health: screening summary", () => {
  const summary = Health.Summary.summarise(screeningRows, { by: ["all", "grade", "sex"] })
  const outcome = (rows: ReadonlyArray<ReadonlyArray<string>>, name: string) => rows.filter((r) => r[1] === name).map((r) => r.slice(0, 6))

  it("prevalence with its intervals for everyone, by grade and by sex (worked in support/health.ts)", () => {
    const report = Result.getOrThrow(screeningSummary(summary, { org: healthOrg, session: "2026 年春季体检" }))
    const overall = htmlRows(report)
    expect(overall[0]!.slice(0, 6)).toEqual(["范围", "指标", "人数", "检查人数", "检出人数", "检出率"])
    // 5 of 25 = 20.0%; 1 of 25 = 4.0%; 0 of 25; 4 of 22 = 18.2% (grade 3 not assessed)
    expect(overall.slice(1).map((r) => r.slice(1, 6))).toEqual([
      ["超重或肥胖", "25", "25", "5", "20.0%"],
      ["生长迟缓", "25", "25", "1", "4.0%"],
      ["消瘦", "25", "25", "0", "0.0%"],
      ["视力不良", "25", "22", "4", "18.2%"]
    ])
    // Wilson 95% for 5 of 25: (0.2 + 0.0768 ± 1.96·√(0.0064 + 0.0015366)) ÷ 1.1537 = 8.9%–39.1%
    expect(overall[1]!.slice(6, 8)).toEqual(["8.9%", "39.1%"])
    // cluster-robust with 3 classes: an interval and a design effect are given
    expect(overall[1]![8]).not.toBe("")
    expect(overall[1]![10]).not.toBe("")
    // by grade: 3 of 10, 2 of 12, 0 of 3
    expect(outcome(htmlRows(report, "zh-CN", 2), "超重或肥胖")).toEqual([
      ["一年级", "超重或肥胖", "10", "10", "3", "30.0%"],
      ["二年级", "超重或肥胖", "12", "12", "2", "16.7%"],
      ["三年级", "超重或肥胖", "3", "3", "0", "0.0%"]
    ])
    // boys before girls: 3 of 14, 2 of 11
    expect(outcome(htmlRows(report, "zh-CN", 4), "超重或肥胖")).toEqual([["男", "超重或肥胖", "14", "14", "3", "21.4%"], ["女", "超重或肥胖", "11", "11", "2", "18.2%"]])
    expect(htmlRows(report, "en", 4)[1]!.slice(0, 2)).toEqual(["boys", "overweight or obesity"])
    // z-scores: mean 0.40, SD 0.82 over all 25
    expect(htmlRows(report, "zh-CN", 1).slice(1)).toEqual([["全体", "年龄别 BMI Z 评分", "25", "0.40", "0.82"]])
    // one bar chart: 3 grades × 4 outcomes
    const svg = byName(parseXml(Html.render(report)), "svg")
    expect(svg).toHaveLength(1)
    renderAll(report)
  })

  it("published form: grade 3 (3 children) suppressed, and grade 1 with it so that it cannot be recovered; neither in the chart", () => {
    const published = Health.Summary.publish(summary, Health.Rules.publication)
    const report = Result.getOrThrow(screeningSummary(published, { org: healthOrg }))
    const byGrade = htmlRows(report, "zh-CN", 2)
    expect(byGrade.map((r) => [r[0], r[1], r[4], r.at(-1)])).toEqual([
      ["年级", "指标", "检出人数", "备注"],
      ["一年级", "", "", "为防推算，不公布"],
      ["二年级", "超重或肥胖", "2", ""],
      ["二年级", "生长迟缓", "1", ""],
      ["二年级", "消瘦", "0", ""],
      ["二年级", "视力不良", "1", ""],
      ["三年级", "", "", "人数过少，不公布"]
    ])
    expect(htmlRows(report, "en", 2)[6]!.at(-1)).toBe("too few children: not published")
    // the chart's categories are the published grades only
    const svg = Html.render(report)
    expect(svg).toContain("二年级")
    const chart = byName(parseXml(svg), "svg")[0]!
    expect(textOf(chart)).not.toContain("一年级")
    expect(textOf(chart)).not.toContain("三年级")
    // CSV: the suppressed cells carry no numbers
    const csv = parseCsv(Csv.table(report, { index: 2, locale: "zh-CN" }))
    expect(csv[1]!.slice(2, 11).every((c) => c === "")).toBe(true)
    renderAll(report)
  })
})

describe("health: morning check summary (晨检日报)", () => {
  it("each child once (s3 by the recheck): 14 checked, 12 present, 2 absent (1 illness), 3 fever, 4 with symptoms", () => {
    const report = Result.getOrThrow(dailyCheckSummary(morningChecks, { org: healthOrg, students: healthStudents, date: "2026-03-16" }))
    expect(htmlRows(report)).toEqual([
      ["年级", "班级", "在籍", "已检", "出勤", "缺勤", "因病缺勤", "发热", "有症状"],
      ["一年级", "一(1)班", "10", "10", "8", "2", "1", "3", "3"],
      ["二年级", "二(1)班", "4", "4", "4", "0", "0", "0", "1"],
      ["合计", "", "14", "14", "12", "2", "1", "3", "4"]
    ])
    const attention = htmlRows(report, "zh-CN", 1)
    expect(attention.slice(1).map((r) => [r[1], r[3], r[5], r[6]])).toEqual([
      ["学生s1", "37.8", "发热", ""],
      ["学生s2", "38.1", "发热", ""],
      ["学生s4", "", "", "因病"],
      ["学生s3", "38.4", "发热、咳嗽", ""],
      ["学生t1", "", "皮疹", ""]
    ])
    expect(attention[4]![8]).toBe("隔离观察、通知家长、及时就医")
    expect(fieldsOf(report, "en")).toMatchObject({ "checked": "14", "absent due to illness": "1", "fever": "3" })
    renderAll(report)
  })

  it("the noon check is its own summary", () => {
    const report = Result.getOrThrow(dailyCheckSummary(morningChecks, { slot: "noon", date: "2026-03-17" }))
    expect(htmlRows(report).slice(1)).toEqual([["", "c1", "1", "1", "0", "0", "0", "0"], ["合计", "", "1", "1", "0", "0", "0", "0"]])
  })
})

describe("health: outbreak report", () => {
  it("S1: three children with fever in 一(1)班 on 16 March; triggered by the 08:10 recheck, to be reported by 08:10 on the 17th", () => {
    const clusters = Health.Outbreak.detect(morningChecks, Health.Rules.outbreak, { className: (id) => healthOrg.classes.find((c) => c.id === id)?.name ?? id })
    const report = Result.getOrThrow(outbreakReport(clusters, { org: healthOrg, students: healthStudents, period: { from: "2026-03-16", to: "2026-03-16" } }))
    const rows = htmlRows(report)
    const s1 = rows.find((r) => r[1] === "S1")!
    expect([s1[3], s1[4], s1[5], s1[6], s1[7], s1[8], s1[9]]).toEqual(["一(1)班", "发热", "3", "2026-03-16", "2026-03-16", "2026-03-16 08:10", "2026-03-17 08:10"])
    const cases = htmlRows(report, "zh-CN", 1).filter((r) => r[0] === s1[0])
    expect(cases.map((r) => [r[2], r[4]])).toEqual([["学生s1", "2026-03-16 07:40"], ["学生s2", "2026-03-16 07:45"], ["学生s3", "2026-03-16 08:10"]])
    expect(fieldsOf(report)["聚集性事件"]).toBe(String(clusters.length))
    expect(htmlRows(report, "en").find((r) => r[1] === "S1")![4]).toBe("fever")
    renderAll(report)
  })

  it("no clusters: an empty report that says so", () => {
    const report = Result.getOrThrow(outbreakReport([]))
    expect(htmlRows(report, "en")).toEqual([["no.", "rule", "source", "where", "shared", "cases", "first", "last", "triggered at", "report by", "explanation"], ["no clusters"]])
  })
})

describe("canteen: the daily food-safety register (食品安全日常记录)", () => {
  const day = "2026-05-11" as never
  const at = (s: string) => Time.parseInstant(s)!
  const dec = (s: string) => Option.getOrThrow(Decimal.parse(s))
  const disinfections = [
    { schoolId: "s", id: "dis-1", version: 1, date: day, meal: "lunch", at: at("2026-05-11T13:00:00+08:00"), method: "dishwasher", celsius: dec("82"), seconds: 45, items: "餐盘 300", operator: "cook-1" }
  ] as unknown as ReadonlyArray<Canteen.Disinfection>
  const accompaniedMeals = [
    { schoolId: "s", id: "acc-1", version: 1, date: day, meal: "lunch", at: at("2026-05-11T12:00:00+08:00"), companions: [{ _tag: "leader", staffId: "director-1", name: "王主任" }, { _tag: "parent", name: "李女士" }], rating: "fair", problems: ["汤偏咸", "米饭偏硬"], recordedBy: "director-1" }
  ] as unknown as ReadonlyArray<Canteen.AccompaniedMeal>
  const handlerChecks = [
    { schoolId: "s", id: "chk-1", version: 1, date: day, handlerId: "cook-1", at: at("2026-05-11T06:30:00+08:00"), symptoms: ["diarrhoea", "cough"], celsius: dec("36.8"), standDown: true, checkedBy: "director-1" }
  ] as unknown as ReadonlyArray<Canteen.HandlerCheck>
  const meals = [{ date: day, kind: "lunch" as const }]
  const findings = Canteen.Hygiene.hygieneFindings({ meals, disinfections, accompaniedMeals, handlerChecks, handlers: [] }, Canteen.Rules.cn)
  const register: Canteen.Hygiene.HygieneRegister = { from: day, to: day, meals, disinfections, accompaniedMeals, handlerChecks, findings }

  it("prints the three records and the findings, in both languages", () => {
    const report = Result.getOrThrow(hygieneRegisterReport(register, { handlerNames: { "cook-1": "张师傅" }, zone: "Asia/Shanghai" }))
    expect(fieldsOf(report)).toMatchObject({ "期间": "2026-05-11 至 2026-05-11", "供餐餐次": "1", "问题": "1" })
    expect(htmlRows(report, "zh-CN", 0)).toEqual([
      ["开始时间", "餐次", "方式", "温度（°C）", "有效氯（mg/L）", "时间（秒）", "消毒物品", "操作人"],
      ["2026-05-11 13:00", "午餐", "洗碗机消毒", "82.0", "", "45", "餐盘 300", "cook-1"]
    ])
    expect(htmlRows(report, "zh-CN", 1)).toEqual([
      ["日期", "餐次", "陪餐人员", "评价", "发现的问题"],
      ["2026-05-11", "午餐", "王主任（学校负责人）、李女士（家长）", "一般", "汤偏咸；米饭偏硬"]
    ])
    expect(htmlRows(report, "en", 2)).toEqual([
      ["date", "handler", "time", "temperature (°C)", "symptoms", "stood down", "checked by"],
      ["2026-05-11", "张师傅", "2026-05-11 06:30", "36.8", "diarrhoea, cough", "yes", "director-1"]
    ])
    // the one finding: the dishwasher at 82 °C, below 85 °C
    const rows = htmlRows(report, "en", 3)
    expect(rows.length).toBe(2)
    expect(rows[1]!.join(" ")).toContain("at least 85 required")
    renderAll(report)
  })
})

describe("canteen: weekly menu publication (每周食谱公示)", () => {
  const fen = (amount: number) => ({ amount, currency: "CNY" })
  const recipes = [
    { id: "r-rice", name: "米饭" },
    { id: "r-pork", name: "红烧肉" },
    { id: "r-beef", name: "土豆烧牛肉" },
    { id: "r-soup", name: "紫菜蛋花汤" }
  ] as unknown as ReadonlyArray<Canteen.Recipe>
  // Monday 2026-05-11; lunch on Monday and Tuesday, breakfast on Tuesday (listed out of order)
  const menu = {
    schoolId: "school-1",
    id: "menu-2026-w20",
    version: 1,
    weekStart: "2026-05-11",
    published: true,
    meals: [
      { date: "2026-05-12", kind: "lunch", dishes: ["r-rice", "r-beef", "r-soup"] },
      { date: "2026-05-11", kind: "lunch", dishes: ["r-rice", "r-pork", "r-soup"] },
      { date: "2026-05-12", kind: "breakfast", dishes: ["r-soup"] }
    ],
    findings: []
  } as unknown as Canteen.Menu
  const line = (ingredientId: string, value: number, sources: ReadonlyArray<string>) => ({ ingredientId, quantity: Decimal.fromInt(1), unit: "kg", value: fen(value), sources })
  // Monday's lunch is planned: 400 servings of red-braised pork at ¥3.20 (128,000 fen); Tuesday's
  // beef has no price for the beef — its costing is incomplete; a cancelled meal is left out
  const meals = [
    {
      date: "2026-05-11",
      kind: "lunch",
      status: "planned",
      currency: "CNY",
      dishes: [{ recipeId: "r-pork", plannedServings: 400 }],
      preMealCost: { dishes: [{ recipeId: "r-pork", servings: 400, cost: fen(128000), perServing: fen(320), lines: [line("pork", 128000, ["stock"])] }] }
    },
    {
      date: "2026-05-12",
      kind: "lunch",
      status: "planned",
      currency: "CNY",
      dishes: [{ recipeId: "r-beef", plannedServings: 400 }],
      preMealCost: { dishes: [{ recipeId: "r-beef", servings: 400, cost: fen(12000), perServing: fen(30), lines: [line("potato", 12000, ["stock"]), line("beef", 0, ["none"])] }] }
    },
    { date: "2026-05-12", kind: "dinner", status: "cancelled", currency: "CNY", dishes: [{ recipeId: "r-soup", plannedServings: 50 }], preMealCost: { dishes: [] } }
  ] as unknown as ReadonlyArray<Canteen.Meal>

  it("the week day by day with the dishes named; each planned dish's price per serving, an incomplete costing shown as such, not as ¥0.30", () => {
    const report = Result.getOrThrow(weeklyMenuPublication(menu, { recipes, meals, preparer: "营养员" }))
    expect(htmlRows(report, "zh-CN", 0).slice(1)).toEqual([
      ["2026-05-11", "星期一", "午餐", "米饭、红烧肉、紫菜蛋花汤"],
      ["2026-05-12", "星期二", "早餐", "紫菜蛋花汤"],
      ["2026-05-12", "星期二", "午餐", "米饭、土豆烧牛肉、紫菜蛋花汤"]
    ])
    expect(htmlRows(report, "zh-CN", 1).slice(1)).toEqual([
      ["2026-05-11", "午餐", "红烧肉", "400", "¥3.20", "¥1,280.00", ""],
      ["2026-05-12", "午餐", "土豆烧牛肉", "400", "", "", "缺少价格，未能合算"]
    ])
    expect(htmlRows(report, "en", 0)[1]).toEqual(["2026-05-11", "Monday", "lunch", "米饭, 红烧肉, 紫菜蛋花汤"])
    renderAll(report)
  })
})
