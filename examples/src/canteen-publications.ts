/**
 * The canteen's two publications from a month of records, through the Promise front door and
 * `@houqin/reports`: the daily purchase publication (每日采购公示) of the day the food came in and
 * the monthly settlement publication (伙食月度结算公示) once the month is closed — written as CSV for
 * Excel, XLSX and printable HTML (A4) into a temporary folder, with the settlement's summary printed.
 *
 * The month is small on purpose (one delivery day, one lunch for 200, a staff meal-fee account),
 * so every number can be worked by hand; examples/test/examples.test.ts checks them:
 *
 * - purchases: rice 50 kg × ¥4.20 = ¥210.00; pork 30 斤 × ¥13.50 = ¥405.00; greens 20.5 kg × ¥3.99
 *   = ¥81.795 → ¥81.80; total 21000 + 40500 + 8180 = 69680 fen;
 * - the lunch: rice 200 × 150 g = 30 kg of 50 kg: 21000 × 30 ÷ 50 = 12600; pork 200 × 60 g = 12 kg
 *   of 15 kg: 40500 × 12 ÷ 15 = 32400; greens 200 × 100 g = 20 kg of 20.5 kg: 8180 × 20 ÷ 20.5 =
 *   7980.49 → 7980; food cost 12600 + 32400 + 7980 = 52980; closing stock 69680 − 52980 = 16700;
 * - income: a subsidy of 200 × ¥3.00 = 60000 and a staff meal fee of ¥100.00 less a ¥5.00 refund:
 *   60000 + 9500 = 69500; gas ¥80.00; balance 69500 − 52980 − 8000 = 8520 (¥85.20);
 *   per head-meal 52980 ÷ 200 = 264.9 → 265 (¥2.65); food cost ratio 52980 ÷ 69500 = 0.76230… → 76.23%.
 */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createHouqin, Decimal, Id } from "@houqin/core"
import { Csv, dailyPurchasePublication, Html, monthlySettlementPublication, Xlsx } from "@houqin/reports"
import { Result } from "effect"

const schoolId = "school-hongqi"
const director = { schoolId, actor: "staff-wang" }
const keeper = { schoolId, actor: "staff-qian" }
const kg = (value: string) => ({ value, unit: "kg" })
const jin = (value: string) => ({ value, unit: "斤" })
const cny = (amount: string, per: string) => ({ amount, currency: "CNY" as const, per })
const passed = { freshness: "pass", labels: "pass" } as const

export const canteenPublicationsExample = async (log: (line: string) => void = console.log, dir?: string) => {
  let now = Date.parse("2026-03-15T16:00:00+08:00")
  const houqin = createHouqin({ clock: () => now, ids: Id.layerSequential("cp") })
  try {
    // ── master data ─────────────────────────────────────────────────────────────────────────
    await houqin.people.saveOrganisation({
      ...director,
      organisation: {
        schoolId,
        id: schoolId,
        school: { id: schoolId, name: "红旗小学", kind: "primary", zone: "Asia/Shanghai" },
        roles: [{ id: "kitchen", name: { zh: "食堂员工", en: "kitchen staff" }, level: 10 }],
        departments: [{ id: "canteen", name: "食堂", headId: "staff-wang" }],
        staff: [
          { id: "staff-wang", name: "王主任", departmentId: "canteen", roles: [], active: true },
          { id: "staff-qian", name: "钱保管", departmentId: "canteen", roles: ["kitchen"], active: true }
        ],
        grades: [1, 2].map((n) => ({ id: `grade-${n}`, name: `${n}年级`, level: n })),
        classes: [],
        dinerGroups: [
          { id: "pupils", name: "学生", kind: "students", gradeIds: ["grade-1", "grade-2"] },
          { id: "staff", name: "教职工", kind: "staff" }
        ],
        chains: []
      }
    })
    for (const [id, name] of [["sup-grain", "粮油公司"], ["sup-green", "绿源农贸"]] as const) {
      await houqin.canteen.saveSupplier({
        ...director,
        id,
        name,
        licences: [{ kind: "business", number: `91330100-${id}` }, { kind: "foodBusiness", number: `JY-${id}`, validUntil: "2027-12-31" }]
      })
    }
    for (const [id, name, category, extra] of [
      ["rice", "大米", "grain", {}],
      ["pork", "猪肉", "meat", { storage: "chilled", agricultural: true }],
      ["greens", "小白菜", "vegetable", { agricultural: true }]
    ] as const) {
      await houqin.canteen.saveIngredient({ ...director, id, name, category, stockUnit: "kg", ...extra })
    }
    const item = (ingredientId: string, grams: string) => ({ _tag: "ingredient" as const, ingredientId, gross: { value: grams, unit: "g" }, yield: "1" })
    await houqin.canteen.saveRecipe({ ...director, id: "rice-bowl", name: "米饭", kind: "staple", items: [item("rice", "150")] })
    await houqin.canteen.saveRecipe({ ...director, id: "braised-pork", name: "红烧肉", kind: "main", items: [item("pork", "60")] })
    await houqin.canteen.saveRecipe({ ...director, id: "greens", name: "清炒小白菜", kind: "side", items: [item("greens", "100")] })

    // ── purchases, weighed and accepted on the morning of 16 March ──────────────────────────
    await houqin.canteen.createPurchaseOrder({
      ...director,
      id: "po-grain",
      supplierId: "sup-grain",
      orderedOn: "2026-03-15",
      deliverOn: "2026-03-16",
      lines: [{ ingredientId: "rice", quantity: kg("50"), unitPrice: cny("4.20", "kg") }]
    })
    await houqin.canteen.createPurchaseOrder({
      ...director,
      id: "po-green",
      supplierId: "sup-green",
      orderedOn: "2026-03-15",
      deliverOn: "2026-03-16",
      lines: [
        { ingredientId: "pork", quantity: jin("30"), unitPrice: cny("13.50", "斤") },
        { ingredientId: "greens", quantity: kg("21"), unitPrice: cny("3.99", "kg") }
      ]
    })
    now = Date.parse("2026-03-16T06:30:00+08:00")
    await houqin.canteen.acceptDelivery({
      ...keeper,
      orderId: "po-grain",
      receivedAt: "2026-03-16T06:30:00+08:00",
      inspector: "staff-qian",
      lines: [{ orderLine: 1, delivered: kg("50"), weighed: kg("50"), checks: passed, decision: "accepted" }]
    })
    now = Date.parse("2026-03-16T06:45:00+08:00")
    await houqin.canteen.acceptDelivery({
      ...keeper,
      orderId: "po-green",
      receivedAt: "2026-03-16T06:45:00+08:00",
      inspector: "staff-qian",
      lines: [
        { orderLine: 1, delivered: jin("30"), weighed: jin("30"), checks: { ...passed, temperatureCelsius: "4" }, decision: "accepted" },
        // 21 kg on the invoice, 20.5 kg on the scale: the scale is what is paid
        { orderLine: 2, delivered: kg("21"), weighed: kg("20.5"), checks: passed, decision: "accepted" }
      ]
    })
    const board = await houqin.canteen.dailyPublication(schoolId, "2026-03-16")

    // ── the lunch: planned, issued, diners counted ──────────────────────────────────────────
    now = Date.parse("2026-03-16T08:00:00+08:00")
    const meal = await houqin.canteen.planMeal({
      ...director,
      date: "2026-03-16",
      kind: "lunch",
      dishes: [{ recipeId: "rice-bowl", plannedServings: 200 }, { recipeId: "braised-pork", plannedServings: 200 }, { recipeId: "greens", plannedServings: 200 }],
      plannedDiners: [{ dinerGroupId: "pupils", count: 200 }]
    })
    await houqin.canteen.issueStock({
      ...keeper,
      date: "2026-03-16",
      mealId: meal.id,
      lines: [{ ingredientId: "rice", quantity: kg("30") }, { ingredientId: "pork", quantity: kg("12") }, { ingredientId: "greens", quantity: kg("20") }]
    })
    now = Date.parse("2026-03-16T13:00:00+08:00")
    await houqin.canteen.recordDiners({ ...director, mealId: meal.id, diners: [{ dinerGroupId: "pupils", count: 200 }] })

    // a member of staff pays a monthly meal fee; one day is refunded for absence
    const account = await houqin.canteen.openAccount({ ...director, holder: { _tag: "staff", id: "staff-qian" }, dinerGroupId: "staff" })
    await houqin.canteen.postAccountEntries({
      ...director,
      entries: [
        { accountId: account.id, date: "2026-03-02", kind: "charge", amount: { amount: 10_000, currency: "CNY" }, days: 20, month: "2026-03" },
        { accountId: account.id, date: "2026-03-20", kind: "refund", amount: { amount: 500, currency: "CNY" }, days: 1, month: "2026-03" }
      ]
    })

    // ── the month closed on 1 April ─────────────────────────────────────────────────────────
    now = Date.parse("2026-04-01T09:00:00+08:00")
    const settlement = await houqin.canteen.closeMonth({
      ...director,
      month: "2026-03",
      subsidies: [{ category: "nutrition", label: "营养改善计划补助", amount: { amount: 200 * 300, currency: "CNY" } }],
      otherCosts: [{ category: "fuel", label: "燃气费", amount: { amount: 8_000, currency: "CNY" } }]
    })
    const org = await houqin.people.organisation(schoolId)

    // ── the publications ───────────────────────────────────────────────────────────────────
    const signed = { school: "红旗小学", reviewer: "王主任", publisher: "钱保管" }
    const purchases = Result.getOrThrow(dailyPurchasePublication(board, { ...signed, acceptedBy: "钱保管", signedOn: "2026-03-16" }))
    const month = Result.getOrThrow(monthlySettlementPublication(settlement, { ...signed, org, preparer: "钱保管", signedOn: "2026-04-01" }))

    const out = dir ?? mkdtempSync(join(tmpdir(), "houqin-canteen-"))
    const files = {
      "每日采购公示-2026-03-16.csv": Csv.toBytes(Csv.render(purchases)),
      "每日采购公示-2026-03-16.html": Html.render(purchases),
      "伙食月度结算公示-2026-03.csv": Csv.toBytes(Csv.render(month)),
      "伙食月度结算公示-2026-03.xlsx": Xlsx.render(month),
      "伙食月度结算公示-2026-03.html": Html.render(month),
      "canteen-settlement-2026-03-en.html": Html.render(month, { locale: "en" })
    }
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(join(out, name), content)
      log(`${name.padEnd(36)} ${String(typeof content === "string" ? Buffer.byteLength(content) : content.length).padStart(7)} bytes`)
    }
    log(`written to ${out}`)
    // the settlement's summary, as its CSV table of income reads
    for (const row of Csv.table(month, { index: 0 }).trim().split("\r\n")) log(`  ${row}`)
    return {
      dir: out,
      files: Object.keys(files),
      purchasesTotal: board.total.amount,
      foodCost: settlement.food.cost.amount,
      income: settlement.income.total.amount,
      balance: settlement.balance.amount,
      costPerHeadMeal: settlement.costPerHeadMeal?.amount,
      foodCostRatio: settlement.foodCostRatio === undefined ? undefined : Decimal.format(settlement.foodCostRatio)
    }
  } finally {
    await houqin.dispose()
  }
}
