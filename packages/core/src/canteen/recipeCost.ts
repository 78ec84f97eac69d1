/**
 * Recipes: what a number of servings takes from the store, through nested recipes, in each
 * ingredient's stock unit (gross quantities: what leaves the store before trimming), and the net
 * quantities after yield (净料率).
 *
 * @since 0.1.0
 */
import { BigDecimal, Result } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import * as D from "../kernel/Decimal.ts"
import type { ArithmeticError, DimensionMismatchError, Path, ValidationError } from "../kernel/Errors.ts"
import { NotFoundError } from "../kernel/Errors.ts"
import { RecipeCycleError } from "./errors.ts"
import type { Ingredient, Recipe } from "./model.ts"
import { toStockUnit } from "./purchase.ts"

/**
 * The gross and net quantity of one ingredient, in its stock unit.
 *
 * @since 0.1.0
 * @category models
 */
export interface Requirement {
  readonly ingredientId: string
  readonly gross: Decimal
  readonly net: Decimal
}

/**
 * Lookups of recipes and ingredients by id.
 *
 * @since 0.1.0
 * @category models
 */
export interface Catalogue {
  readonly recipes: ReadonlyMap<string, Recipe>
  readonly ingredients: ReadonlyMap<string, Ingredient>
}

/**
 * The errors of expanding a recipe.
 *
 * @since 0.1.0
 * @category models
 */
export type RecipeError = RecipeCycleError | NotFoundError | DimensionMismatchError | ArithmeticError | ValidationError

/**
 * What `servings` of a recipe take, per ingredient, in stock units, in the order ingredients first
 * appear. Nested recipes multiply through; a recipe containing itself is a `RecipeCycleError`; a
 * quantity needing more than the 8 decimal places stock is stored with is a `ValidationError`.
 *
 * @since 0.1.0
 * @category math
 */
export const requirements = (
  recipeId: string,
  servings: Decimal,
  catalogue: Catalogue,
  path: Path = ["recipeId"],
  itemsPath: Path = ["items"]
): Result.Result<Array<Requirement>, RecipeError> => {
  const out = new Map<string, { gross: Decimal; net: Decimal }>()
  // `at` is the path of the top-level item that leads to an error in a nested recipe
  const walk = (id: string, factor: Decimal, stack: ReadonlyArray<string>, at: Path | undefined): RecipeError | undefined => {
    if (stack.includes(id)) return RecipeCycleError.create([...stack.slice(stack.indexOf(id)), id], at ?? path)
    const recipe = catalogue.recipes.get(id)
    if (recipe === undefined) return NotFoundError.create("canteen.recipe", "", id, at ?? path)
    for (let i = 0; i < recipe.items.length; i++) {
      const item = recipe.items[i]!
      const here = (field: string): Path => at ?? [...itemsPath, i, field]
      if (item._tag === "recipe") {
        const e = walk(item.recipeId, BigDecimal.multiply(factor, item.servings), [...stack, id], here("recipeId"))
        if (e !== undefined) return e
        continue
      }
      const ingredient = catalogue.ingredients.get(item.ingredientId)
      if (ingredient === undefined) return NotFoundError.create("canteen.ingredient", recipe.schoolId, item.ingredientId, here("ingredientId"))
      const converted = toStockUnit(ingredient, item.gross, here("gross"))
      if (Result.isFailure(converted)) return converted.failure
      const gross = BigDecimal.normalize(BigDecimal.multiply(converted.success.value, factor))
      const storable = D.checkStorable(gross, here("gross"))
      if (Result.isFailure(storable)) return storable.failure
      const net = BigDecimal.multiply(gross, item.yield)
      const current = out.get(item.ingredientId)
      out.set(item.ingredientId, current === undefined
        ? { gross, net }
        : { gross: BigDecimal.sum(current.gross, gross), net: BigDecimal.sum(current.net, net) })
    }
    return undefined
  }
  const error = walk(recipeId, servings, [], undefined)
  if (error !== undefined) return Result.fail(error)
  return Result.succeed(Array.from(out, ([ingredientId, q]) => ({
    ingredientId,
    gross: BigDecimal.normalize(q.gross),
    net: BigDecimal.normalize(q.net)
  })))
}

/**
 * Checks a recipe against the catalogue (with the recipe itself in it): every ingredient and
 * nested recipe exists, every quantity converts exactly into its ingredient's stock unit, and the
 * recipe does not contain itself.
 *
 * @since 0.1.0
 * @category validation
 */
export const checkRecipe = (recipe: Recipe, catalogue: Catalogue): Result.Result<void, RecipeError> => {
  const recipes = new Map(catalogue.recipes)
  recipes.set(recipe.id, recipe)
  return Result.map(requirements(recipe.id, BigDecimal.make(1n, 0), { recipes, ingredients: catalogue.ingredients }, ["id"], ["items"]), () => undefined)
}

/**
 * Sums requirements of several dishes per ingredient, in first-appearance order.
 *
 * @since 0.1.0
 * @category math
 */
export const sumRequirements = (lists: ReadonlyArray<ReadonlyArray<Requirement>>): Array<Requirement> => {
  const out = new Map<string, { gross: Decimal; net: Decimal }>()
  for (const list of lists) {
    for (const r of list) {
      const c = out.get(r.ingredientId)
      out.set(r.ingredientId, c === undefined ? { gross: r.gross, net: r.net } : { gross: BigDecimal.sum(c.gross, r.gross), net: BigDecimal.sum(c.net, r.net) })
    }
  }
  return Array.from(out, ([ingredientId, q]) => ({ ingredientId, gross: BigDecimal.normalize(q.gross), net: BigDecimal.normalize(q.net) }))
}

/**
 * Every hazard and tag a recipe carries, through its nested recipes and its ingredients (for menu
 * checks). Unknown ids are skipped: the menu check reports them separately.
 *
 * @since 0.1.0
 * @category getters
 */
export const labelsOf = (
  recipeId: string,
  catalogue: Catalogue
): { readonly hazards: ReadonlyArray<{ readonly code: string; readonly from: string; readonly name: string }>; readonly tags: ReadonlySet<string>; readonly names: ReadonlyArray<string> } => {
  const hazards: Array<{ code: string; from: string; name: string }> = []
  const tags = new Set<string>()
  const names: Array<string> = []
  const seen = new Set<string>()
  const walk = (id: string) => {
    if (seen.has(id)) return
    seen.add(id)
    const recipe = catalogue.recipes.get(id)
    if (recipe === undefined) return
    names.push(recipe.name)
    for (const h of recipe.hazards) hazards.push({ code: h, from: recipe.id, name: recipe.name })
    for (const t of recipe.tags) tags.add(t)
    for (const item of recipe.items) {
      if (item._tag === "recipe") walk(item.recipeId)
      else {
        const ingredient = catalogue.ingredients.get(item.ingredientId)
        if (ingredient === undefined) continue
        names.push(ingredient.name)
        for (const h of ingredient.hazards) hazards.push({ code: h, from: ingredient.id, name: ingredient.name })
        for (const t of ingredient.tags) tags.add(t)
      }
    }
  }
  walk(recipeId)
  return { hazards, tags, names }
}
