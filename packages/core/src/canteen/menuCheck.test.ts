import { Result } from "effect"
import { assert, describe, it } from "vitest"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { cn as pack } from "../packs/cn.ts"
import { override } from "../packs/RulePack.ts"
import { highRiskFindings, hotSeasonFindings, inSeason, menuFindings } from "./menuCheck.ts"
import type { Ingredient, MenuMeal, Recipe } from "./model.ts"
import { cn } from "./rules.ts"

const ingredient = (id: string, name: string, hazards: Array<string> = [], tags: Array<string> = []) =>
  ({ schoolId: "s", id, version: 1, name, category: "other", stockUnit: "kg", conversions: [], storage: "ambient", agricultural: false, hazards, tags }) as unknown as Ingredient
const recipe = (id: string, name: string, items: Array<unknown>, extra: { tags?: Array<string>; hazards?: Array<string> } = {}) =>
  ({ schoolId: "s", id, version: 1, name, kind: "main", tags: extra.tags ?? [], hazards: extra.hazards ?? [], items }) as unknown as Recipe
const item = (ingredientId: string) => ({ _tag: "ingredient", ingredientId, gross: { value: "100", unit: "g" }, yield: "1" })

const ingredients = new Map([
  ["rice", ingredient("rice", "大米")],
  ["beans", ingredient("beans", "四季豆", ["greenBeans"])],
  ["mung", ingredient("mung", "绿豆")],
  ["daylily", ingredient("daylily", "鲜黄花菜")]
])
const recipes = new Map([
  ["rice-bowl", recipe("rice-bowl", "米饭", [item("rice")])],
  ["beans", recipe("beans", "干煸豆角", [item("beans")])],
  ["mung-soup", recipe("mung-soup", "绿豆汤", [item("mung")], { tags: ["cooling"] })],
  ["cold-chicken", recipe("cold-chicken", "白切鸡", [item("rice")], { hazards: ["coldMeat"] })],
  ["set-meal", recipe("set-meal", "套餐", [{ _tag: "recipe", recipeId: "beans", servings: "1" }, item("rice")])],
  ["daylily-soup", recipe("daylily-soup", "黄花菜汤", [item("daylily")])]
])
const catalogue = { recipes, ingredients }
const meal = (date: string, dishes: Array<string>): MenuMeal => ({ date: date as LocalDate, kind: "lunch", dishes: dishes as Array<MenuMeal["dishes"][number]> })

describe("menu checks", () => {
  it("flags banned high-risk foods by hazard (violation) through nested recipes, and by name (warning)", () => {
    const findings = menuFindings({ id: "m", weekStart: "2026-03-09" as LocalDate, meals: [meal("2026-03-10", ["set-meal", "cold-chicken", "daylily-soup", "rice-bowl"])] }, catalogue, cn)
    assert.deepStrictEqual(findings.map((f) => [f.evidence["recipeId"], f.evidence["food"], f.evidence["matchedBy"], f.severity]), [
      ["cold-chicken", "coldMeat", "hazard", "violation"],
      ["daylily-soup", "freshDaylily", "name", "warning"],
      ["set-meal", "greenBeans", "hazard", "violation"]
    ])
    // each finding is about one dish on one day: two days, two findings with two ids
    const twice = menuFindings({ id: "m", weekStart: "2026-03-09" as LocalDate, meals: [meal("2026-03-10", ["beans"]), meal("2026-03-11", ["beans"])] }, catalogue, cn)
    assert.strictEqual(new Set(twice.map((f) => f.id)).size, 2)
  })

  it("a planned meal gets the menu's findings in the same shape, about the meal's dishes (subject mealDish, evidence mealId)", () => {
    const planned = highRiskFindings({ kind: "meal", id: "meal-7" }, [meal("2026-03-10", ["set-meal", "rice-bowl"])], catalogue, cn)
    const onMenu = highRiskFindings("m", [meal("2026-03-10", ["set-meal", "rice-bowl"])], catalogue, cn)
    assert.deepStrictEqual(planned.map((f) => [f.rule, f.severity, f.subject, f.evidence]), [[
      "canteen.highRiskFoods",
      "violation",
      { kind: "mealDish", id: "meal-7:2026-03-10:lunch:set-meal:greenBeans" },
      { mealId: "meal-7", date: "2026-03-10", meal: "lunch", recipeId: "set-meal", food: "greenBeans", matchedBy: "hazard", source: onMenu[0]!.evidence["source"]! }
    ]])
    assert.deepStrictEqual(onMenu.map((f) => [f.subject.kind, f.evidence["menuId"]]), [["menuDish", "m"]])
    assert.deepStrictEqual(planned.map((f) => [f.at, f.explanation]), onMenu.map((f) => [f.at, f.explanation]))
  })

  it("a food a school adds to the banned list is flagged too", () => {
    const stricter = Result.getOrThrow(override(pack, { sections: { canteen: { highRiskFoods: [...cn.highRiskFoods, { code: "mungBean", zh: "绿豆", en: "mung beans" }] } } })).canteen!
    const findings = menuFindings({ id: "m", weekStart: "2026-03-09" as LocalDate, meals: [meal("2026-03-10", ["mung-soup"])] }, catalogue, stricter)
    assert.deepStrictEqual(findings.map((f) => [f.evidence["food"], f.severity]), [["mungBean", "warning"]])
  })

  it("a school's own menu rule (menuRules): a soup on 2 days a week all year; a seasonal rule counts only its season's days", () => {
    const rules = Result.getOrThrow(override(pack, { sections: { canteen: { menuRules: [
      { id: "soup", label: { zh: "汤类", en: "a soup" }, tags: ["cooling"], minDaysPerWeek: 2 },
      { id: "winterSoup", label: { zh: "冬季热汤", en: "a winter soup" }, season: { from: "12-01", to: "02-28" }, tags: ["cooling"], minDaysPerWeek: 3 }
    ] } } })).canteen!
    const march = ["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"]
    // one soup day of five served: 1 < 2; the winter rule has no March days, so it asks nothing
    const once = march.map((d, i) => meal(d, i === 0 ? ["mung-soup"] : ["rice-bowl"]))
    const f = menuFindings({ id: "m", weekStart: "2026-03-09" as LocalDate, meals: once }, catalogue, rules)
    assert.deepStrictEqual(f.map((x) => [x.rule, x.severity, x.evidence["daysServed"], x.evidence["daysWithTag"], x.evidence["required"]]), [["canteen.menuRule.soup", "warning", 5, 1, 2]])
    assert.strictEqual(f[0]!.explanation.zh, "2026-03-09 这一周有 1 天供应汤类，应不少于 2 天")
    const twice = march.map((d, i) => meal(d, i < 2 ? ["mung-soup"] : ["rice-bowl"]))
    assert.deepStrictEqual(menuFindings({ id: "m", weekStart: "2026-03-09" as LocalDate, meals: twice }, catalogue, rules), [])
    // the cn pack sets no further rule
    assert.deepStrictEqual(menuFindings({ id: "m", weekStart: "2026-03-09" as LocalDate, meals: once }, catalogue, cn), [])
  })

  it("in the hot season (6-01 to 9-30 in cn) a week needs a cooling drink or soup on 2 days", () => {
    const week = "2026-07-06" as LocalDate // a Monday
    const days = ["2026-07-06", "2026-07-07", "2026-07-08", "2026-07-09", "2026-07-10"]
    const once = days.map((d, i) => meal(d, i === 2 ? ["rice-bowl", "mung-soup"] : ["rice-bowl"]))
    const f = hotSeasonFindings("m", week, once, catalogue, cn)
    assert.deepStrictEqual(f.map((x) => [x.rule, x.evidence["coolingDays"], x.evidence["required"]]), [["canteen.hotSeason.minCoolingDaysPerWeek", 1, 2]])
    const twice = days.map((d, i) => meal(d, i % 2 === 0 ? ["rice-bowl", "mung-soup"] : ["rice-bowl"]))
    assert.deepStrictEqual(hotSeasonFindings("m", week, twice, catalogue, cn), [])
    // outside the season nothing is required
    const march = ["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"]
    assert.deepStrictEqual(hotSeasonFindings("m", "2026-03-09" as LocalDate, march.map((d) => meal(d, ["rice-bowl"])), catalogue, cn), [])
    // the week of Monday 28 September: two days served in season (29, 30) need two cooling days;
    // with only 30 September served in season, one is enough
    const edge = [meal("2026-09-29", ["rice-bowl"]), meal("2026-09-30", ["rice-bowl"]), meal("2026-10-01", ["rice-bowl"])]
    assert.deepStrictEqual(hotSeasonFindings("m", "2026-09-28" as LocalDate, edge, catalogue, cn).map((x) => x.evidence["required"]), [2])
    assert.deepStrictEqual(hotSeasonFindings("m", "2026-09-28" as LocalDate, [meal("2026-09-30", ["mung-soup"]), meal("2026-10-01", ["rice-bowl"])], catalogue, cn), [])
  })

  it("seasons may span the new year", () => {
    assert.isTrue(inSeason("2026-12-31" as LocalDate, "11-01", "02-28"))
    assert.isTrue(inSeason("2027-01-15" as LocalDate, "11-01", "02-28"))
    assert.isFalse(inSeason("2027-03-01" as LocalDate, "11-01", "02-28"))
    assert.isTrue(inSeason("2026-06-01" as LocalDate, "06-01", "09-30"))
    assert.isFalse(inSeason("2026-10-01" as LocalDate, "06-01", "09-30"))
  })
})
