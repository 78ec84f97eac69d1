import { describe, expect, it } from "vitest"
import { auditLogExample } from "../src/audit-log.ts"
import { canteenDayExample } from "../src/canteen-day.ts"
import { retentionExample } from "../src/retention.ts"
import { assetsExample } from "../src/assets.ts"
import { growthExample } from "../src/growth.ts"
import { approvalsExample } from "../src/approvals.ts"

describe("examples (against the built packages)", () => {
  it("audit log: the untouched chain verifies and a tampered one does not", async () => {
    const lines: Array<string> = []
    const result = await auditLogExample((l) => lines.push(l))
    expect(result).toEqual({ intact: true, tamperedDetected: true })
    expect(lines[0]).toMatch(/^#1 kernel\.saveOrganisation by staff-wang: insert kernel\.organisation/)
    expect(lines[1]).toMatch(/^#2 kernel\.enrolStudents by staff-li: bulkInsert kernel\.student ×2/)
  })
  it("canteen: a lunch for 400, costed to the fen before and after the meal, and the month settled", async () => {
    const lines: Array<string> = []
    const r = await canteenDayExample((l) => lines.push(l))
    // rice 100 kg × ¥4.20 = 42000 fen; pork 60.5 斤 × ¥13.50 = 81675; potatoes 80 斤 × ¥1.35 = 10800;
    // greens 45.5 kg × ¥3.99 = 181.545 → 18155 (half-up, once); tomatoes rejected: 0
    // 81675 + 10800 + 18155 = 110630
    expect(r.deliveryTotals).toEqual([42000, 110630])
    expect(r.deliveryStatus).toBe("partial")
    // 绿源农贸's food business licence lapsed on 2026-03-01; pork ¥13.50/斤 is 12.5% over the
    // reference ¥12.00/斤 (threshold 10%)
    expect(r.acceptanceFindings).toEqual(["canteen.suppliers.requiredLicences", "canteen.priceCheck.referenceThreshold"])
    // the board: 42000 + 110630 = 152630; sent back 85 − 80 = 5 斤 = 2.5 kg of potatoes and 10 kg of tomatoes
    expect(r.boardTotal).toBe(152630)
    expect(r.boardRejected).toEqual(["土豆 2.5千克", "番茄 10千克"])
    // pre-meal: rice 60 kg of 100: 42000 × 60/100 = 25200; pork 24 kg of 30.25: 81675 × 24/30.25 = 64800;
    // potato 32 of 40: 10800 × 32/40 = 8640; greens 40 of 45.5: 18155 × 40/45.5 = 15960.44 → 15960
    // per serving: 25200/400 = 63; (64800 + 8640)/400 = 183.6 → 184; 15960/400 = 39.9 → 40
    expect(r.plannedPerServing).toEqual({ "rice-bowl": 63, "pork-potato": 184, "greens-stirfry": 40 })
    // 25200 + 73440 + 15960 = 114600; per head 114600/400 = 286.5 → 287 (half-up)
    expect([r.plannedTotal, r.plannedPerHead]).toEqual([114600, 287])
    // issued: greens 42 kg instead of 40: 18155 × 42/45.5 = 16758.46 → 16758;
    // 25200 + 64800 + 8640 + 16758 = 115398; per head 115398/400 = 288.495 → 288
    expect([r.issuedTotal, r.actualCost, r.actualPerHead]).toEqual([115398, 115398, 288])
    // 115398 × 133/400 = 38369.835 (twice), × 134/400 = 38658.33: floors sum to 115396, the two
    // fen left go to the largest remainders (.835, .835)
    expect(r.allocation).toEqual({ lower: 38370, middle: 38370, upper: 38658 })
    // 2 kg of greens over plan at 15960/40 = 399 fen/kg: 798 = 115398 − 114600
    expect([r.variance, r.varianceCauses]).toEqual([798, ["quantity"]])
    // left: rice 42000 − 25200 = 16800; pork 81675 − 64800 = 16875; potato 10800 − 8640 = 2160;
    // greens 18155 − 16758 = 1397; 16800 + 16875 + 2160 + 1397 = 37232
    expect(r.stockValue).toBe(37232)
    // settlement: food cost = 0 + 152630 − 37232 = 115398 (= the meal's cost); income 400 × ¥4.00 =
    // 160000; balance 160000 − 115398 − 12000 = 32602; per head-meal 288; ratio 115398/160000 =
    // 0.7212375 → 0.7212
    expect(r.settlement).toEqual({
      purchases: 152630,
      closing: 37232,
      foodCost: 115398,
      income: 160000,
      otherCosts: 12000,
      balance: 32602,
      costPerHeadMeal: 288,
      foodCostRatio: "0.7212"
    })
    expect([r.settlementVerified, r.auditIntact]).toEqual([true, true])
    expect(lines).toContain("每日公示 2026-03-16: 4 lines, total ¥1,526.30")
  })

  it("retention: a short sample, an early disposal, a breach and a gap are found; the schedule and register agree", async () => {
    const lines: Array<string> = []
    const r = await retentionExample((l) => lines.push(l))
    expect(r.samples).toBe(10)
    // every two hours for 7 days (85 instants) less the 15 of Saturday 10:00 … Sunday 14:00
    expect(r.readingsRecorded).toBe(70)
    // ordered by when each problem began: Monday's breach (20:00), Wednesday's short sample (11:40),
    // Thursday's early disposal (09:00… of the 19th), the weekend gap (Saturday 08:00)
    expect(r.findings).toEqual([
      { rule: "retention.temperature", severity: "violation", subject: "s-03-16-hongshaorou" },
      { rule: "retention.temperature", severity: "violation", subject: "s-03-16-qingcai" },
      { rule: "retention.minGrams", severity: "violation", subject: "s-03-18-xilanhua" },
      { rule: "retention.minHours", severity: "violation", subject: "s-03-17-fanqiejidan" },
      { rule: "retention.readingGap", severity: "warning", subject: "s-03-19-doufu" },
      { rule: "retention.readingGap", severity: "warning", subject: "s-03-19-yuxiangrousi" },
      { rule: "retention.readingGap", severity: "warning", subject: "s-03-20-doujiao" },
      { rule: "retention.readingGap", severity: "warning", subject: "s-03-20-tangcupaigu" }
    ])
    // taken Tuesday 11:40, disposed Thursday 09:00: 45 h 20 min, 48 h − 45 h 20 min = 160 min short
    expect(r.earlyDisposalShortMinutes).toBe(160)
    expect(r.shortSampleGrams).toBe("100")
    // Monday 20:00 (11.5 °C) until the first reading back in range, Tuesday 00:00 (+08:00)
    expect(r.breach).toEqual({ peakCelsius: 11.5, start: "2026-03-16T12:00:00.000Z", end: "2026-03-16T16:00:00.000Z" })
    // Saturday 08:00 to Sunday 16:00 = 32 h = 1920 min (more than 24 h)
    expect(r.gapMinutes).toBe(1920)
    // 2 of 10 samples without findings (Tuesday's and Wednesday's other dish)
    expect(r.compliantShare).toBe(0.2)
    // Saturday 12:00: Thursday's samples (taken 11:40 + 48 h = Saturday 11:40) may go; Friday's stay
    // until Sunday 11:40, 23 h 40 min = 1420 min later
    expect(r.schedule).toEqual({
      mayDispose: ["s-03-19-doufu", "s-03-19-yuxiangrousi"],
      keep: ["s-03-20-doujiao", "s-03-20-tangcupaigu"],
      nextInMinutes: 1420
    })
    expect([r.registerRows, r.registerFlagged]).toEqual([10, 8])
    expect(r.registerFirstRow).toBe("2026-03-16 午餐 红烧肉 150 克 留样 2026-03-16 11:40 张师傅/李师傅 销毁 2026-03-18 12:00 钱保管 ⚠ retention.temperature")
    expect(lines.some((l) => l.startsWith("    zh: 2026-03-18 午餐「清炒西兰花」留样 100 克，少于规定的 125 克"))).toBe(true)
  })

  it("assets: the ¥6,000 computer's schedules and values, a transfer, an overdue loan and a stocktake", async () => {
    const r = await assetsExample(() => undefined)
    // government: 600000 ÷ 72 = 8333.33 → 8333 a month from March 2024; 71 × 8333 = 591643;
    // February 2030 takes 600000 − 591643 = 8357
    expect(r.government).toMatchObject({ months: 72, firstMonth: "2024-03", monthly: 8333, lastMonth: "2030-02", last: 8357, total: 600000 })
    // by year: 2024 10 × 8333 = 83330; 2025–2029 12 × 8333 = 99996; 2030 8333 + 8357 = 16690
    // 83330 + 5 × 99996 + 16690 = 600000
    expect(r.government.byYear).toEqual({ 2024: 83330, 2025: 99996, 2026: 99996, 2027: 99996, 2028: 99996, 2029: 99996, 2030: 16690 })
    // enterprise: residual 5% = 30000; 570000 ÷ 36 = 15833.33 → 15833 from April 2024;
    // the last month 570000 − 35 × 15833 = 15845
    expect(r.enterprise).toEqual({ months: 36, firstMonth: "2024-04", monthly: 15833, last: 15845, residual: 30000 })
    // 2025-12-31: government 22 months × 8333 = 183326 → 416674; enterprise 21 × 15833 = 332493 → 267507
    expect(r.valueOn20251231).toEqual({ government: 416674, enterprise: 267507 })
    // ¥6,000 ≥ ¥1,000: a fixed asset; 计算机设备 at least 6 years under 财会〔2017〕4号
    expect(r.registered).toEqual({ accountClass: "fixedAsset", method: "governmentStraightLine", usefulLifeMonths: 72 })
    expect(r.afterTransfer).toEqual({ custodianId: "staff-zhao", location: "教学楼 203", version: 2 })
    // due back 2025-11-07, checked 2025-11-12: 5 days overdue
    expect(r.overdue).toEqual([{ rule: "assets.loanOverdue", daysOverdue: 5 }])
    expect(r.stocktake).toEqual({ expected: 3, counted: 3, matched: ["JSJ-0001", "TYY-0001"], shortage: ["DYJ-0001"], surplus: ["JSJ-0099"], wrongLocation: [] })
    expect(r.printerAfterStocktake).toBe("disposalRequested")
    // 416674 + projector (450000 − 16 × 6250 = 350000) + printer (280000 ÷ 72 = 3888.89 → 3889;
    // 280000 − 16 × 3889 = 217776) = 984450
    expect(r.registerBookValue).toBe(984450)
  })

  it("health: WHO's reference z-scores, a class screened under WS/T 586 and 456, a prevalence and an outbreak", async () => {
    const r = await growthExample(() => undefined)
    // anthro README (sex 1, 1001 days, 18 kg, 120 cm): zlen 7.31 (flagged), zwei 2.20, zwfl −2.39, zbmi −3.01;
    // zlen = ((120 / 93.9932)^1 − 1) / (1 × 0.03784) = 7.3121 → 7.31
    expect(r.whoBoy).toEqual({ heightForAge: 7.31, heightFlagged: true, weightForAge: 2.2, weightForHeight: -2.39, bmiForAge: -3.01 })
    // anthroplus README (girl, 110 months, 90 cm, 40 kg): height −7.06 (flagged), weight 1.78, BMI 7.37 (flagged)
    expect(r.whoGirl).toEqual({ heightForAge: -7.06, heightFlagged: true, weightForAge: 1.78, bmiForAge: 7.37, bmiFlagged: true })
    expect(r.batch).toMatchObject({ rows: 20, scored: 20 })
    // WS/T 586-2018 (BMI ≥ cut-off of the half-year band) and WS/T 456-2014:
    // stu-03 M 8.0: 33.8 / 1.27² = 20.96 ≥ 19.7 obesity; stu-05 M 8.5: 34.0 / 1.335² = 19.08 ≥ 18.1 (< 20.3) overweight
    // stu-08 F 8.0: 33.0 / 1.302² = 19.47 ≥ 19.4 obesity; stu-19 M 7.5: 31.6 / 1.275² = 19.44 ≥ 19.2 obesity
    // stu-20 F 8.0: 28.9 / 1.269² = 17.95 ≥ 17.6 (< 19.4) overweight; stu-09 M 7.5: 112.5 cm ≤ 112.8 stunted
    // stu-10 F 8.0: 21.0 / 1.255² = 13.33, mild (13.2–13.6); stu-11 M 8.0: 22.8 / 1.32² = 13.09 ≤ 13.6 moderate/severe
    expect(r.screening).toEqual({
      "stu-03": "weight status: obesity (WS/T 586-2018)",
      "stu-05": "weight status: overweight (WS/T 586-2018)",
      "stu-08": "weight status: obesity (WS/T 586-2018)",
      "stu-09": "stunting: stunted (WS/T 456-2014)",
      "stu-10": "wasting: mild (WS/T 456-2014)",
      "stu-11": "wasting: moderateSevere (WS/T 456-2014)",
      "stu-19": "weight status: obesity (WS/T 586-2018)",
      "stu-20": "weight status: overweight (WS/T 586-2018)"
    })
    // Wilson, 5 of 20, z = 1.959964: centre (0.25 + z²/40) / (1 + z²/20) = 0.346037 / 1.192073 = 0.290287;
    // half (z / 1.192073) × √(0.25 × 0.75 / 20 + z²/1600) = 1.644168 × 0.108517 = 0.178420 → 0.1119 to 0.4687
    expect(r.prevalence).toMatchObject({ cases: 5, n: 20, estimate: 0.25 })
    expect(r.prevalence.lower).toBeCloseTo(0.1119, 4)
    expect(r.prevalence.upper).toBeCloseTo(0.4687, 4)
    // the session summary from storage gives the same interval
    expect(r.stored).toEqual({ cases: 5, assessed: 20, lower: r.prevalence.lower, upper: r.prevalence.upper })
    // 38.2 °C ≥ 37.3 °C axillary: fever; the cough adds "observe"
    expect(r.fever).toEqual({ studentId: "stu-07", actions: ["observe", "isolate", "notifyParents", "seeDoctor", "informHealthTeacher"] })
    // S1: the third child vomiting in one class on one day (stu-06, 07:35 +08:00) triggers it; report within 24 h
    expect(r.clusters).toEqual([{ ruleId: "S1", classId: "class-3-2", cases: 3, triggeredAt: "2026-04-20T23:35:00.000Z", reportBy: "2026-04-21T23:35:00.000Z" }])
  })

  it("approvals: ¥1,000.00 is within the committee's band and ¥1,000.01 is not; the workflow and the simulation", async () => {
    const r = await approvalsExample(() => undefined, { replications: 60 })
    // 99,999 and 100,000 fen ≤ 100,000: committee only; 100,001 > 100,000: committee + conditions
    expect(r.routes.map((x) => [x.fen, x.rules, x.conditions])).toEqual([
      [99_999, ["kg.upTo1000"], []],
      [100_000, ["kg.upTo1000"], []],
      [100_001, ["kg.above1000"], ["collectiveDecision", "form", "designatedPurchasingPoint"]]
    ])
    expect(r.routes[1]!.explanation).toContain("金额 ¥1,000.00 ≤ ¥1,000.00")
    expect(r.routes[2]!.explanation).toContain("附加要求：集体决策；填表审批；到指定的政府采购点购置。")
    expect(r.workflow).toEqual([
      { action: "approve", actor: "s-zhou", onBehalfOf: undefined, statusAfter: "pending" },
      { action: "delegate", actor: "s-liu", onBehalfOf: undefined, statusAfter: "pending" },
      { action: "approve", actor: "s-wu", onBehalfOf: "s-liu", statusAfter: "pending" },
      { action: "escalate", actor: "system", onBehalfOf: undefined, statusAfter: "pending" },
      { action: "approve", actor: "s-wang", onBehalfOf: undefined, statusAfter: "approved" }
    ])
    expect(r.finalStatus).toBe("approved")
    expect(r.approvals).toEqual([
      { by: "s-zhou", for: "s-zhou", escalated: false },
      { by: "s-wu", for: "s-liu", escalated: false },
      { by: "s-wang", for: "s-wang", escalated: true }
    ])
    // amounts are log-normal with median ¥600 and σ 1.1: P(amount > ¥1,000) = 1 − Φ(ln(1000/600) / 1.1)
    // = 1 − Φ(0.4644) = 0.3212; P(amount > ¥5,000) = 1 − Φ(ln(5000/600) / 1.1) = 1 − Φ(1.9275) = 0.0270.
    // The simulated shares' 95% intervals cover them, and the paired difference lies below zero.
    const s = r.simulation
    expect(s.shareCollective.at1000.low).toBeLessThan(0.3212)
    expect(s.shareCollective.at1000.high).toBeGreaterThan(0.3212)
    expect(s.shareCollective.at5000.low).toBeLessThan(0.0270)
    expect(s.shareCollective.at5000.high).toBeGreaterThan(0.0270)
    expect(s.shareCollective.difference.high).toBeLessThan(0)
    // common random numbers: both policies see the very same requests
    expect(s.requestsDifference).toMatchObject({ mean: 0, sd: 0 })
    // 1.5 a day × 90 school days = 135 expected requests per term
    expect(s.requests.low).toBeLessThan(135)
    expect(s.requests.high).toBeGreaterThan(135)
  })
})

describe("reports example (against the built packages)", () => {
  it("writes the retention register and the compliance summary in every format", async () => {
    const { readFileSync, rmSync } = await import("node:fs")
    const { join } = await import("node:path")
    const { retentionRegisterExample } = await import("../src/retention-register.ts")
    const lines: Array<string> = []
    const result = await retentionRegisterExample((l) => lines.push(l))
    try {
      expect(result.samples).toBe(3)
      expect(result.findings).toEqual(["retention.minGrams"])
      const csv = readFileSync(join(result.dir, "留样记录表.csv"))
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      expect(csv.toString("utf8")).toContain("2026-03-16,午餐,清炒青菜,100,2026-03-16 11:42,李干事,王主任,留样柜,,2026-03-18 11:42,,,,留样量不足\r\n")
      const xlsx = readFileSync(join(result.dir, "留样记录表.xlsx"))
      expect(xlsx.subarray(0, 2).toString("latin1")).toBe("PK")
      const html = readFileSync(join(result.dir, "留样记录表.html"), "utf8")
      expect(html).toContain("<h1>留样记录表</h1>")
      expect(html).toContain("留样量不足")
      const svg = readFileSync(join(result.dir, "留样合规汇总-图.svg"), "utf8")
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img"/)
      // the fridge's log of 16–18 March: 13 + 24 + 24 hourly readings (11:00 on the 16th onwards),
      // 3.5, 4.0, 4.5 °C in turn: all in range, no breach, no gap
      expect(result.fridgeLog.days.map((d) => [d.date, d.readings, d.lowestCelsius, d.highestCelsius, d.outOfRange])).toEqual([
        ["2026-03-16", 13, 3.5, 4.5, 0],
        ["2026-03-17", 24, 3.5, 4.5, 0],
        ["2026-03-18", 24, 3.5, 4.5, 0]
      ])
      expect([result.fridgeLog.breaches, result.fridgeLog.gaps]).toEqual([[], []])
      const log = readFileSync(join(result.dir, "留样柜温度记录表.html"), "utf8")
      expect(log).toContain("<h1>留样柜温度记录表</h1>")
    } finally {
      rmSync(result.dir, { recursive: true, force: true })
    }
  })

  it("writes the canteen's daily purchase publication and monthly settlement publication (worked in the example's header)", async () => {
    const { readFileSync, rmSync } = await import("node:fs")
    const { join } = await import("node:path")
    const { canteenPublicationsExample } = await import("../src/canteen-publications.ts")
    const lines: Array<string> = []
    const result = await canteenPublicationsExample((l) => lines.push(l))
    try {
      // 21000 + 40500 + 8180 = 69680; food cost 12600 + 32400 + 7980 = 52980; income 60000 + 9500 = 69500;
      // balance 69500 − 52980 − 8000 = 8520; per head-meal 52980 ÷ 200 = 264.9 → 265; ratio 0.76230… → 0.7623
      expect(result).toMatchObject({ purchasesTotal: 69680, foodCost: 52980, income: 69500, balance: 8520, costPerHeadMeal: 265, foodCostRatio: "0.7623" })
      const board = readFileSync(join(result.dir, "每日采购公示-2026-03-16.csv"), "utf8")
      // greens 20.5 kg × ¥3.99 = ¥81.795 → ¥81.80, posted once
      expect(board).toContain("绿源农贸,小白菜,蔬菜,20.5 千克,20.5 千克,3.99,千克,81.80\r\n")
      expect(board).toContain("合计,,,,,,,696.80\r\n")
      const month = readFileSync(join(result.dir, "伙食月度结算公示-2026-03.csv"), "utf8")
      expect(month).toContain("食品成本,529.80")
      expect(month).toContain("收入合计,,695.00")
      expect(readFileSync(join(result.dir, "伙食月度结算公示-2026-03.html"), "utf8")).toContain("<h1>伙食月度结算公示</h1>")
      expect(readFileSync(join(result.dir, "伙食月度结算公示-2026-03.xlsx")).subarray(0, 2).toString("latin1")).toBe("PK")
      expect(lines.some((l) => l.includes("营养改善计划补助"))).toBe(true)
    } finally {
      rmSync(result.dir, { recursive: true, force: true })
    }
  })
})
