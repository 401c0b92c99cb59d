// The fixed "now" of every test database: the demo snapshot's due dates are relative to it.

/** Monday 23 November 2026, 09:30 London (GMT). */
export const NOW = new Date("2026-11-23T09:30:00Z");
