import { Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { fromEpochMillis } from "../kernel/Time.ts"
import type { Reservation, ReservationCalendar } from "./model.ts"
import { overlaps, reserve } from "./reservations.ts"

const HOUR = 3_600_000
const empty: ReservationCalendar = { schoolId: "school-a" as ReservationCalendar["schoolId"], id: "asset-1" as ReservationCalendar["id"], version: 0, reservations: [] }
const booking = fc.record({ start: fc.integer({ min: 0, max: 200 }), hours: fc.integer({ min: -1, max: 12 }), cancel: fc.boolean() })

describe("reservations", () => {
  it("never holds two live bookings that overlap, whatever is asked", () => {
    fc.assert(fc.property(fc.array(booking, { maxLength: 40 }), (asks) => {
      let calendar = empty
      asks.forEach((a, i) => {
        const r: Reservation = { id: `r${i}`, from: fromEpochMillis(a.start * HOUR), to: fromEpochMillis((a.start + a.hours) * HOUR), bookedBy: "staff-1", status: "booked" }
        const next = reserve(calendar, r)
        if (Result.isSuccess(next)) {
          calendar = next.success
          if (a.cancel) calendar = { ...calendar, reservations: calendar.reservations.map((x) => (x.id === r.id ? { ...x, status: "cancelled" as const } : x)) }
        } else {
          // refused only for an empty interval or a real overlap with a live booking
          const f = next.failure
          if (f._tag === "ReservationConflictError") {
            expect(calendar.reservations.some((x) => x.status === "booked" && x.id === f.conflictingId && overlaps(x, r))).toBe(true)
          } else {
            expect(a.hours).toBeLessThanOrEqual(0)
          }
        }
      })
      const live = calendar.reservations.filter((x) => x.status === "booked")
      for (let i = 0; i < live.length; i++) for (let j = i + 1; j < live.length; j++) expect(overlaps(live[i]!, live[j]!)).toBe(false)
    }))
  })

  it("accepts back-to-back bookings ([9:00, 10:00) then [10:00, 11:00))", () => {
    const a = Result.getOrThrow(reserve(empty, { id: "a", from: fromEpochMillis(9 * HOUR), to: fromEpochMillis(10 * HOUR), bookedBy: "s", status: "booked" }))
    expect(Result.isSuccess(reserve(a, { id: "b", from: fromEpochMillis(10 * HOUR), to: fromEpochMillis(11 * HOUR), bookedBy: "s", status: "booked" }))).toBe(true)
    const clash = reserve(a, { id: "c", from: fromEpochMillis(9.5 * HOUR), to: fromEpochMillis(10.5 * HOUR), bookedBy: "s", status: "booked" })
    expect(Result.isFailure(clash) && [clash.failure._tag, clash.failure.code]).toEqual(["ReservationConflictError", "assets.reservationConflict"])
  })
})
