/**
 * A canteen month from the core's own commands (memory backend): the school lunch of
 * examples/src/canteen-day.ts — two deliveries on 16 March 2026, one lunch for 400, the month
 * closed — plus a staff meal-fee account (a ¥100.00 charge, a ¥5.00 refund) and its prepaid items.
 *
 * Worked numbers (fen):
 * - rice 100 kg × ¥4.20 = 42000; pork 60.5 斤 × ¥13.50 = 81675; potatoes 80 斤 × ¥1.35 = 10800;
 *   greens 45.5 kg × ¥3.99 = 181.545 → 18155; tomatoes rejected (10 kg), potatoes 5 斤 sent back.
 *   Day total 42000 + 81675 + 10800 + 18155 = 152630; 粮油公司 42000, 绿源农贸 110630.
 * - issued to the lunch 115398 (the example's arithmetic); closing stock 152630 − 115398 = 37232.
 * - income: meal fees 10000 − 500 = 9500, subsidy 400 × 400 = 160000, total 169500;
 *   food cost 0 + 152630 − 37232 = 115398; other costs (gas) 12000;
 *   balance 169500 − 115398 − 12000 = 42102; per head-meal 115398 ÷ 400 = 288.495 → 288;
 *   food cost ratio 115398 ÷ 169500 = 0.68081… → 0.6808.
 * - prepaid items, term 2026-spring: paid in 50000; 园服 ×2 12800 and 图书 3550 = 16350;
 *   balance 50000 − 16350 = 33650.
 */
import type { Canteen, People } from "@houqin/core"
import { createHouqin, Id } from "@houqin/core"

const schoolId = "school-hongqi"
const director = { schoolId, actor: "staff-wang" }
const keeper = { schoolId, actor: "staff-qian" }
const kg = (value: string) => ({ value, unit: "kg" })
const jin = (value: string) => ({ value, unit: "斤" })
const cny = (amount: string, per: string) => ({ amount, currency: "CNY" as const, per })
const passed = { freshness: "pass", labels: "pass" } as const

export interface CanteenMonth {
  readonly publication: Canteen.Publication.DailyPublication
  readonly settlement: Canteen.Settlement
  readonly statement: Canteen.MealFee.PrepaidStatement
  readonly account: Canteen.MealFee.AccountStatement
  readonly org: People.Organisation
}

export const canteenMonth = async (): Promise<CanteenMonth> => {
  let now = Date.parse("2026-03-15T16:00:00+08:00")
  const houqin = createHouqin({ clock: () => now, ids: Id.layerSequential("cm") })
  try {
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
          { id: "staff-qian", name: "钱保管", departmentId: "canteen", roles: ["kitchen"], active: true },
          { id: "staff-zhang", name: "张师傅", departmentId: "canteen", roles: ["kitchen"], active: true }
        ],
        grades: [1, 2, 3, 4, 5, 6].map((n) => ({ id: `grade-${n}`, name: `${n}年级`, level: n })),
        classes: [],
        dinerGroups: [
          { id: "lower", name: "一二年级", kind: "students", gradeIds: ["grade-1", "grade-2"] },
          { id: "middle", name: "三四年级", kind: "students", gradeIds: ["grade-3", "grade-4"] },
          { id: "upper", name: "五六年级", kind: "students", gradeIds: ["grade-5", "grade-6"] },
          { id: "staff", name: "教职工", kind: "staff" }
        ],
        chains: []
      }
    })
    for (const [id, name] of [["sup-green", "绿源农贸"], ["sup-grain", "粮油公司"]] as const) {
      await houqin.canteen.saveSupplier({
        ...director,
        id,
        name,
        licences: [{ kind: "business", number: `B-${id}` }, { kind: "foodBusiness", number: `F-${id}`, validUntil: "2027-12-31" }]
      })
    }
    for (const [id, name, category, extra] of [
      ["rice", "大米", "grain", {}],
      ["pork", "猪肉", "meat", { storage: "chilled", agricultural: true }],
      ["potato", "土豆", "vegetable", { agricultural: true }],
      ["greens", "小白菜", "vegetable", { agricultural: true }],
      ["tomato", "番茄", "vegetable", { agricultural: true }]
    ] as const) {
      await houqin.canteen.saveIngredient({ ...director, id, name, category, stockUnit: "kg", ...extra })
    }
    const ingredient = (ingredientId: string, value: string, unit: string, yieldShare: string) =>
      ({ _tag: "ingredient" as const, ingredientId, gross: { value, unit }, yield: yieldShare })
    await houqin.canteen.saveRecipe({ ...director, id: "rice-bowl", name: "米饭", kind: "staple", items: [ingredient("rice", "150", "g", "1")] })
    await houqin.canteen.saveRecipe({
      ...director,
      id: "pork-potato",
      name: "土豆烧肉",
      kind: "main",
      items: [ingredient("pork", "1.2", "两", "0.9"), ingredient("potato", "80", "g", "0.85")]
    })
    await houqin.canteen.saveRecipe({ ...director, id: "greens-stirfry", name: "清炒小白菜", kind: "side", items: [ingredient("greens", "100", "g", "0.8")] })
    await houqin.canteen.createPurchaseOrder({
      ...director,
      id: "po-grain",
      supplierId: "sup-grain",
      orderedOn: "2026-03-15",
      deliverOn: "2026-03-16",
      lines: [{ ingredientId: "rice", quantity: kg("100"), unitPrice: cny("4.20", "kg") }]
    })
    await houqin.canteen.createPurchaseOrder({
      ...director,
      id: "po-green",
      supplierId: "sup-green",
      orderedOn: "2026-03-15",
      deliverOn: "2026-03-16",
      lines: [
        { ingredientId: "pork", quantity: jin("60"), unitPrice: cny("13.50", "斤") },
        { ingredientId: "potato", quantity: jin("85"), unitPrice: cny("1.35", "斤") },
        { ingredientId: "greens", quantity: kg("46"), unitPrice: cny("3.99", "kg") },
        { ingredientId: "tomato", quantity: kg("10"), unitPrice: cny("4.00", "kg") }
      ]
    })
    now = Date.parse("2026-03-16T06:30:00+08:00")
    await houqin.canteen.acceptDelivery({
      ...keeper,
      id: "del-grain",
      orderId: "po-grain",
      receivedAt: "2026-03-16T06:30:00+08:00",
      inspector: "staff-qian",
      lines: [{ orderLine: 1, delivered: kg("100"), weighed: kg("100"), checks: passed, decision: "accepted" }]
    })
    now = Date.parse("2026-03-16T06:45:00+08:00")
    await houqin.canteen.acceptDelivery({
      ...keeper,
      id: "del-green",
      orderId: "po-green",
      receivedAt: "2026-03-16T06:45:00+08:00",
      inspector: "staff-qian",
      lines: [
        { orderLine: 1, delivered: jin("60"), weighed: jin("60.5"), checks: { ...passed, temperatureCelsius: "4" }, decision: "accepted" },
        { orderLine: 2, delivered: jin("85"), weighed: jin("85"), checks: { freshness: "fail", labels: "pass" }, decision: "partial", accepted: jin("80"), reason: "5斤发芽" },
        { orderLine: 3, delivered: kg("46"), weighed: kg("45.5"), checks: passed, decision: "accepted" },
        { orderLine: 4, delivered: kg("10"), weighed: kg("10"), checks: { freshness: "fail", labels: "pass" }, decision: "rejected", reason: "腐烂" }
      ]
    })
    const publication = await houqin.canteen.dailyPublication(schoolId, "2026-03-16")
    now = Date.parse("2026-03-16T08:00:00+08:00")
    const diners = [{ dinerGroupId: "lower", count: 133 }, { dinerGroupId: "middle", count: 133 }, { dinerGroupId: "upper", count: 134 }]
    const meal = await houqin.canteen.planMeal({
      ...director,
      id: "lunch-2026-03-16",
      date: "2026-03-16",
      kind: "lunch",
      dishes: [
        { recipeId: "rice-bowl", plannedServings: 400 },
        { recipeId: "pork-potato", plannedServings: 400 },
        { recipeId: "greens-stirfry", plannedServings: 400 }
      ],
      plannedDiners: diners
    })
    await houqin.canteen.issueStock({
      ...keeper,
      date: "2026-03-16",
      mealId: meal.id,
      lines: [
        { ingredientId: "rice", quantity: jin("120") },
        { ingredientId: "pork", quantity: kg("24") },
        { ingredientId: "potato", quantity: kg("32") },
        { ingredientId: "greens", quantity: kg("42") }
      ]
    })
    now = Date.parse("2026-03-16T13:00:00+08:00")
    await houqin.canteen.recordDiners({ ...director, mealId: meal.id, diners })
    const account = await houqin.canteen.openAccount({ ...director, id: "acc-zhang", holder: { _tag: "staff", id: "staff-zhang" }, dinerGroupId: "staff" })
    await houqin.canteen.postAccountEntries({
      ...director,
      entries: [
        { accountId: account.id, date: "2026-03-02", kind: "charge", amount: { amount: 10_000, currency: "CNY" }, days: 20, month: "2026-03" },
        { accountId: account.id, date: "2026-03-20", kind: "refund", amount: { amount: 500, currency: "CNY" }, days: 1, month: "2026-03" }
      ]
    })
    await houqin.canteen.recordPrepaidItems({
      ...director,
      accountId: account.id,
      entries: [
        { date: "2026-03-02", term: "2026-spring", kind: "deposit", amount: { amount: 50_000, currency: "CNY" } },
        { date: "2026-03-05", term: "2026-spring", kind: "purchase", amount: { amount: 12_800, currency: "CNY" }, item: "园服", quantity: "2" },
        { date: "2026-03-09", term: "2026-spring", kind: "purchase", amount: { amount: 3_550, currency: "CNY" }, item: "图书", quantity: "1" }
      ]
    })
    const statement = await houqin.canteen.prepaidStatement(schoolId, account.id, "2026-spring")
    const accountStatement = await houqin.canteen.accountStatement(schoolId, account.id, "2026-03-01", "2026-03-31")
    now = Date.parse("2026-04-01T09:00:00+08:00")
    const settlement = await houqin.canteen.closeMonth({
      ...director,
      month: "2026-03",
      subsidies: [{ category: "nutrition", label: "营养改善计划补助", amount: { amount: 400 * 400, currency: "CNY" } }],
      otherCosts: [{ category: "fuel", label: "燃气费", amount: { amount: 12_000, currency: "CNY" } }]
    })
    const org = await houqin.people.organisation(schoolId)
    return { publication, settlement, statement, account: accountStatement, org }
  } finally {
    await houqin.dispose()
  }
}
