// A deep copy of plain data (what a row maps to), without structuredClone's serialise-and-parse round trip.

/**
 * Copies objects, arrays and Dates all the way down; anything else that is an object (a Map, a Buffer, a
 * class instance) goes to structuredClone, so nothing is ever shared. The directory cache copies what it
 * serves on every inbound event, and structuredClone cost several µs a row where this costs well under one.
 */
export function cloneData<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(cloneData) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneData((value as Record<string, unknown>)[key]);
  return out as T;
}
