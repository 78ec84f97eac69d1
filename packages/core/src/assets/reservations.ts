/**
 * Reservations: an asset booked for a half-open interval `[from, to)` of instants. Two bookings of
 * one asset conflict when their intervals overlap (`a.from < b.to && b.from < a.to`); back-to-back
 * bookings do not. A conflict refuses the new booking with a typed error naming the booking it
 * meets.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import { ValidationError } from "../kernel/Errors.ts"
import type { Instant, Zone } from "../kernel/Time.ts"
import { defaultZone, formatInstant, formatLocal } from "../kernel/Time.ts"
import { ReservationConflictError } from "./errors.ts"
import type { Reservation, ReservationCalendar } from "./model.ts"

/**
 * Whether two half-open intervals overlap.
 *
 * @since 0.1.0
 * @category predicates
 */
export const overlaps = (
  a: { readonly from: Instant; readonly to: Instant },
  b: { readonly from: Instant; readonly to: Instant }
): boolean => a.from.epochMilliseconds < b.to.epochMilliseconds && b.from.epochMilliseconds < a.to.epochMilliseconds

/**
 * The first live booking of a calendar that overlaps an interval.
 *
 * @since 0.1.0
 * @category getters
 */
export const conflictWith = (
  calendar: Pick<ReservationCalendar, "reservations">,
  interval: { readonly from: Instant; readonly to: Instant }
): Reservation | undefined => calendar.reservations.find((r) => r.status === "booked" && overlaps(r, interval))

/**
 * Adds a booking to a calendar, or refuses it: an empty or reversed interval, or an overlap.
 *
 * @since 0.1.0
 * @category combinators
 */
export const reserve = <C extends ReservationCalendar>(
  calendar: C,
  reservation: Reservation,
  /** the school's zone, for the times in a conflict's messages (default Asia/Shanghai) */
  zone: Zone = defaultZone
): Result.Result<C, ValidationError | ReservationConflictError> => {
  if (reservation.to.epochMilliseconds <= reservation.from.epochMilliseconds) {
    return Result.fail(ValidationError.at(["to"], { zh: "预约结束时间必须晚于开始时间", en: "a reservation must end after it starts" }, "assets.emptyReservation"))
  }
  const conflict = conflictWith(calendar, reservation)
  if (conflict !== undefined) {
    return Result.fail(ReservationConflictError.create({
      assetId: calendar.id,
      conflictingId: conflict.id,
      from: formatInstant(conflict.from),
      to: formatInstant(conflict.to),
      fromLocal: formatLocal(conflict.from, zone),
      toLocal: formatLocal(conflict.to, zone)
    }))
  }
  return Result.succeed({ ...calendar, reservations: [...calendar.reservations, reservation] })
}
