// The units the simulators' answers and the demo's samples count reset times and expiries in.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
