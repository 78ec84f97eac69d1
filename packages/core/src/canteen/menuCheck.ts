/**
 * Menu checks: no high-risk food that a school canteen must not make or serve (the rule pack's
 * banned list: 冷荤类食品, 生食类食品, 裱花蛋糕, 四季豆, 鲜黄花菜, 野生蘑菇, 发芽土豆 … in `cn`), and
 * menu rules such as "in the hot season, a cooling drink or soup on at least two days a week".
 *
 * A dish is matched against the banned list by the `hazards` its recipe, its nested recipes and
 * their ingredients declare (a `violation`), and — as a prompt to check — by a banned food's
 * Chinese name appearing in a recipe's or an ingredient's name (炒四季豆: a `warning`).
 *
 * @since 0.1.0
 */
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { Zone } from "../kernel/Time.ts"
import * as T from "../kernel/Time.ts"
import type { MenuMeal } from "./model.ts"
import { mealKindLabels } from "./model.ts"
import type { Catalogue } from "./recipeCost.ts"
import { labelsOf } from "./recipeCost.ts"
import type { CanteenRules } from "./rules.ts"

/**
 * Whether a date falls in a season given as `MM-DD` bounds (inclusive; a season may span the new
 * year, `11-01` to `02-28`).
 *
 * @since 0.1.0
 * @category predicates
 */
export const inSeason = (date: LocalDate, from: string, to: string): boolean => {
  const md = date.slice(5)
  return from <= to ? md >= from && md <= to : md >= from || md <= to
}

/**
 * What high-risk findings are about: the meals of a weekly menu (a menu id alone), or a meal as it
 * is planned.
 *
 * @since 0.1.0
 * @category models
 */
export type HighRiskOwner = string | { readonly kind: "menu" | "meal"; readonly id: string }

/**
 * Findings of banned high-risk foods on the meals of a menu (or of any list of meals), or of a
 * planned meal: one per dish, day, meal and banned food, subject `menuDish` (evidence `menuId`) for
 * a menu and `mealDish` (evidence `mealId`) for a meal, in the same shape otherwise.
 *
 * @since 0.1.0
 * @category checks
 */
export const highRiskFindings = (
  owner: HighRiskOwner,
  meals: ReadonlyArray<MenuMeal>,
  catalogue: Catalogue,
  rules: CanteenRules,
  zone: Zone = T.defaultZone
): Array<Finding> => {
  const { kind, id: ownerId } = typeof owner === "string" ? { kind: "menu" as const, id: owner } : owner
  const ownerEvidence = kind === "menu" ? { menuId: ownerId } : { mealId: ownerId }
  const out: Array<Finding> = []
  const banned = new Map(rules.highRiskFoods.map((f) => [f.code, f]))
  for (const meal of meals) {
    for (const recipeId of meal.dishes) {
      const recipe = catalogue.recipes.get(recipeId)
      const name = recipe?.name ?? recipeId
      const labels = labelsOf(recipeId, catalogue)
      const at = T.startOfDay(meal.date, zone)
      const subjectOf = (code: string) => ({ kind: `${kind}Dish`, id: `${ownerId}:${meal.date}:${meal.kind}:${recipeId}:${code}` })
      const seen = new Set<string>()
      for (const h of labels.hazards) {
        const food = banned.get(h.code)
        if (food === undefined || seen.has(food.code)) continue
        seen.add(food.code)
        out.push(F.make({
          rule: "canteen.highRiskFoods",
          severity: "violation",
          subject: subjectOf(food.code),
          at,
          evidence: { ...ownerEvidence, date: meal.date, meal: meal.kind, recipeId, food: food.code, matchedBy: "hazard", source: h.from },
          explanation: {
            zh: `${meal.date} ${mealKindLabels[meal.kind].zh}的“${name}”属于学校食堂不得制售的高风险食品：${food.zh}（${h.name}）`,
            en: `"${name}" on ${meal.date} (${mealKindLabels[meal.kind].en}) is a high-risk food school canteens must not serve: ${food.en} (${h.name})`
          }
        }))
      }
      for (const food of rules.highRiskFoods) {
        if (seen.has(food.code)) continue
        const hit = labels.names.find((n) => n.includes(food.zh))
        if (hit === undefined) continue
        seen.add(food.code)
        out.push(F.make({
          rule: "canteen.highRiskFoods",
          severity: "warning",
          subject: subjectOf(food.code),
          at,
          evidence: { ...ownerEvidence, date: meal.date, meal: meal.kind, recipeId, food: food.code, matchedBy: "name", name: hit },
          explanation: {
            zh: `${meal.date} ${mealKindLabels[meal.kind].zh}的“${name}”名称含“${food.zh}”，请核实是否属于不得制售的高风险食品`,
            en: `"${name}" on ${meal.date} (${mealKindLabels[meal.kind].en}) names "${food.zh}" (${food.en}); check that it is not a banned high-risk food`
          }
        }))
      }
    }
  }
  return F.sort(out)
}


/**
 * Findings of the hot-season rule on one week's meals: of the days served in the hot season, at
 * least `minCoolingDaysPerWeek` (or every such day, when fewer are served) must have a dish tagged
 * with one of the rule's tags.
 *
 * @since 0.1.0
 * @category checks
 */
export const hotSeasonFindings = (
  menuId: string,
  weekStart: LocalDate,
  meals: ReadonlyArray<MenuMeal>,
  catalogue: Catalogue,
  rules: CanteenRules,
  zone: Zone = T.defaultZone
): Array<Finding> => {
  const season = rules.hotSeason
  const { served, tagged: cooling, lastServed } = daysWithTags(weekStart, meals, catalogue, season, season.tags)
  const required = Math.min(season.minCoolingDaysPerWeek, served)
  if (cooling >= required) return []
  return [F.make({
    rule: "canteen.hotSeason.minCoolingDaysPerWeek",
    severity: "warning",
    subject: { kind: "menu", id: `${menuId}:${weekStart}` },
    at: T.startOfDay(lastServed, zone),
    evidence: { menuId, weekStart, daysServedInSeason: served, coolingDays: cooling, required, tags: [...season.tags] },
    explanation: {
      zh: `${weekStart} 这一周（高温季节）只有 ${cooling} 天供应清凉饮品或汤类，应不少于 ${required} 天`,
      en: `the week of ${weekStart} (hot season) has a cooling drink or soup on ${cooling} days; at least ${required} are required`
    }
  })]
}

/** of the week's days served (in the season, when there is one), how many, and how many have a dish with one of the tags */
const daysWithTags = (
  weekStart: LocalDate,
  meals: ReadonlyArray<MenuMeal>,
  catalogue: Catalogue,
  season: { readonly from: string; readonly to: string } | undefined,
  tagList: ReadonlyArray<string>
): { readonly served: number; readonly tagged: number; readonly lastServed: LocalDate } => {
  const weekEnd = LD.addDays(weekStart, 6)
  const served = new Set<LocalDate>()
  const tagged = new Set<LocalDate>()
  const tags = new Set(tagList)
  for (const meal of meals) {
    if (meal.date < weekStart || meal.date > weekEnd || (season !== undefined && !inSeason(meal.date, season.from, season.to))) continue
    served.add(meal.date)
    for (const recipeId of meal.dishes) {
      if ([...labelsOf(recipeId, catalogue).tags].some((t) => tags.has(t))) tagged.add(meal.date)
    }
  }
  return { served: served.size, tagged: tagged.size, lastServed: [...served].sort().at(-1) ?? weekStart }
}

/**
 * Findings of the pack's further menu rules (`menuRules`) on one week's meals: for each rule, of
 * the days served (in its season, when it has one), at least `minDaysPerWeek` (or every such day,
 * when fewer are served) must have a dish tagged with one of its tags. Rule
 * `canteen.menuRule.<id>`, a warning, with the same evidence as the hot-season rule's.
 *
 * @since 0.1.0
 * @category checks
 */
export const menuRuleFindings = (
  menuId: string,
  weekStart: LocalDate,
  meals: ReadonlyArray<MenuMeal>,
  catalogue: Catalogue,
  rules: CanteenRules,
  zone: Zone = T.defaultZone
): Array<Finding> => {
  const out: Array<Finding> = []
  for (const rule of rules.menuRules ?? []) {
    const { served, tagged, lastServed } = daysWithTags(weekStart, meals, catalogue, rule.season, rule.tags)
    const required = Math.min(rule.minDaysPerWeek, served)
    if (tagged >= required) continue
    out.push(F.make({
      rule: `canteen.menuRule.${rule.id}`,
      severity: "warning",
      subject: { kind: "menu", id: `${menuId}:${weekStart}` },
      at: T.startOfDay(lastServed, zone),
      evidence: { menuId, weekStart, daysServed: served, daysWithTag: tagged, required, tags: [...rule.tags] },
      explanation: {
        zh: `${weekStart} 这一周有 ${tagged} 天供应${rule.label.zh}，应不少于 ${required} 天`,
        en: `the week of ${weekStart} has ${rule.label.en} on ${tagged} days; at least ${required} are required`
      }
    }))
  }
  return F.sort(out)
}

/**
 * Every check of a weekly menu: banned high-risk foods, the hot-season rule and the pack's further
 * menu rules.
 *
 * @since 0.1.0
 * @category checks
 */
export const menuFindings = (
  menu: { readonly id: string; readonly weekStart: LocalDate; readonly meals: ReadonlyArray<MenuMeal> },
  catalogue: Catalogue,
  rules: CanteenRules,
  zone: Zone = T.defaultZone
): Array<Finding> =>
  F.sort([
    ...highRiskFindings(menu.id, menu.meals, catalogue, rules, zone),
    ...hotSeasonFindings(menu.id, menu.weekStart, menu.meals, catalogue, rules, zone),
    ...menuRuleFindings(menu.id, menu.weekStart, menu.meals, catalogue, rules, zone)
  ])
