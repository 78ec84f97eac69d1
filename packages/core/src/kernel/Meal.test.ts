import { Result } from "effect"
import { describe, expect, it } from "vitest"
import * as Decode from "./Decode.ts"
import * as Meal from "./Meal.ts"

describe("Meal", () => {
  it("has one set of meal kinds in the order of the day, each named in both languages", () => {
    expect(Meal.MealKind.literals).toEqual(["breakfast", "morningSnack", "lunch", "afternoonSnack", "dinner", "lateNight"])
    expect(Object.keys(Meal.mealKindLabels)).toEqual([...Meal.MealKind.literals])
    expect(Meal.mealKindLabels.afternoonSnack).toEqual({ zh: "午点", en: "afternoon snack" })
  })

  it("decodes a served meal and refuses an unknown kind with its path", () => {
    const decode = Decode.decoder(Meal.ServedMeal)
    const ok = decode({ id: "m-1", serviceDate: "2026-03-16", meal: "lunch", servedAt: "2026-03-16T11:30+08:00", dishes: [{ id: "r-1", name: "红烧肉" }] })
    expect(Result.isSuccess(ok)).toBe(true)
    const bad = decode({ id: "m-1", serviceDate: "2026-03-16", meal: "snack", servedAt: "2026-03-16T11:30+08:00", dishes: [] })
    expect(Result.isFailure(bad) && bad.failure.path).toEqual(["meal"])
  })
})
