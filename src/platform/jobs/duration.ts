/** Units an operator may write a duration in: `90s`, `15m`, `4h`, `1d`, `2w`. */
const unitSeconds = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 } as const;

/**
 * Reads a duration such as `4h`, `30m`, `1d12h` or `2w` into seconds; a bare number is read in
 * `bareUnit`. Undefined for anything else (the caller names the field in its error).
 */
export function parseDuration(
  text: string,
  bareUnit: keyof typeof unitSeconds = 's',
): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * unitSeconds[bareUnit];
  if (!/^(\d+[smhdw])+$/.test(trimmed)) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([smhdw])/g)) {
    seconds += Number(amount) * unitSeconds[unit as keyof typeof unitSeconds];
  }
  return Number.isSafeInteger(seconds) ? seconds : undefined;
}

/**
 * Writes seconds back in the largest units that divide them: 14400 -> `4h`, 93600 -> `1d2h`;
 * weeks only when whole (a year reads `365d`, not `52w1d`).
 */
export function formatDuration(seconds: number): string {
  if (seconds <= 0) return '0s';
  let rest = Math.round(seconds);
  let text = '';
  const units = rest % unitSeconds.w === 0 ? (['w'] as const) : (['d', 'h', 'm', 's'] as const);
  for (const unit of units) {
    const size = unitSeconds[unit];
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return text;
}
