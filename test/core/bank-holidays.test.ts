// Bank holidays computed from the rules match gov.uk's published England and Wales lists, substitute days
// and one-off proclamations included.
import { describe, expect, it } from "vitest";
import { easterSunday, englandAndWalesBankHolidays } from "../../src/core/time/bank-holidays.ts";
import {
  addWorkingDays,
  isWorkingDay,
  nearestWorkingDay,
  whyNotWorking,
} from "../../src/core/time/working-days.ts";

// From https://www.gov.uk/bank-holidays (england-and-wales).
const GOV_UK: Record<number, string[]> = {
  2020: [
    "2020-01-01",
    "2020-04-10",
    "2020-04-13",
    "2020-05-08",
    "2020-05-25",
    "2020-08-31",
    "2020-12-25",
    "2020-12-28",
  ],
  2021: [
    "2021-01-01",
    "2021-04-02",
    "2021-04-05",
    "2021-05-03",
    "2021-05-31",
    "2021-08-30",
    "2021-12-27",
    "2021-12-28",
  ],
  2022: [
    "2022-01-03",
    "2022-04-15",
    "2022-04-18",
    "2022-05-02",
    "2022-06-02",
    "2022-06-03",
    "2022-08-29",
    "2022-09-19",
    "2022-12-26",
    "2022-12-27",
  ],
  2023: [
    "2023-01-02",
    "2023-04-07",
    "2023-04-10",
    "2023-05-01",
    "2023-05-08",
    "2023-05-29",
    "2023-08-28",
    "2023-12-25",
    "2023-12-26",
  ],
  2024: [
    "2024-01-01",
    "2024-03-29",
    "2024-04-01",
    "2024-05-06",
    "2024-05-27",
    "2024-08-26",
    "2024-12-25",
    "2024-12-26",
  ],
  2025: [
    "2025-01-01",
    "2025-04-18",
    "2025-04-21",
    "2025-05-05",
    "2025-05-26",
    "2025-08-25",
    "2025-12-25",
    "2025-12-26",
  ],
  2026: [
    "2026-01-01",
    "2026-04-03",
    "2026-04-06",
    "2026-05-04",
    "2026-05-25",
    "2026-08-31",
    "2026-12-25",
    "2026-12-28",
  ],
  2027: [
    "2027-01-01",
    "2027-03-26",
    "2027-03-29",
    "2027-05-03",
    "2027-05-31",
    "2027-08-30",
    "2027-12-27",
    "2027-12-28",
  ],
};

describe("England and Wales bank holidays", () => {
  it.each(Object.entries(GOV_UK))("match gov.uk for %s", (year, days) => {
    expect(englandAndWalesBankHolidays(Number(year))).toEqual(days);
  });

  it("puts Easter where the tables do", () => {
    expect([2024, 2025, 2026, 2027, 2028, 2038].map(easterSunday)).toEqual([
      "2024-03-31",
      "2025-04-20",
      "2026-04-05",
      "2027-03-28",
      "2028-04-16",
      "2038-04-25",
    ]);
  });

  it("keeps working without a list to renew: 2032's Christmas on a Saturday moves to Monday and Tuesday", () => {
    expect(isWorkingDay("2032-12-27")).toBe(false);
    expect(isWorkingDay("2032-12-28")).toBe(false);
    expect(addWorkingDays("2032-12-24", 1)).toBe("2032-12-29");
  });

  it("says why a day is not a working day, and finds the nearest one either way", () => {
    expect(whyNotWorking("2027-09-18")).toBe("a Saturday");
    expect(whyNotWorking("2027-08-30")).toBe("a bank holiday");
    expect(whyNotWorking("2027-08-27", ["2027-08-27"])).toBe("a partnership closure day");
    expect(whyNotWorking("2027-08-31")).toBeNull();
    expect(nearestWorkingDay("2027-08-28", 1)).toBe("2027-08-31");
    expect(nearestWorkingDay("2027-08-30", -1)).toBe("2027-08-27");
  });
});
