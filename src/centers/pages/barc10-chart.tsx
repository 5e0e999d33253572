/**
 * A member's BARC-10 totals over time as an inline SVG drawn on the server (no script, no other
 * origin, prints as it shows), with the same numbers in a table for screen readers and for
 * anyone who prefers figures to a line.
 */
import type { PageContext } from '../../web/page-context.js';
import { formatDay } from './center-dates.js';

export interface BarcPoint {
  takenAt: string;
  total: number;
}

const WIDTH = 600;
const HEIGHT = 240;
const LEFT = 44;
const RIGHT = 20;
const TOP = 16;
const BOTTOM = 36;
const MIN = 10;
const MAX = 60;

/** Where each point goes: x by time (evenly when all share one instant), y by total. */
export function chartPositions(points: readonly BarcPoint[]): { x: number; y: number }[] {
  const times = points.map((p) => Date.parse(p.takenAt));
  const first = Math.min(...times);
  const span = Math.max(...times) - first;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  return points.map((p, i) => ({
    x: round(
      LEFT +
        (points.length === 1
          ? plotWidth / 2
          : span === 0
            ? (plotWidth * i) / (points.length - 1)
            : (plotWidth * (times[i]! - first)) / span),
    ),
    y: round(TOP + plotHeight * (1 - (clamp(p.total) - MIN) / (MAX - MIN))),
  }));
}

function clamp(total: number): number {
  return Math.min(MAX, Math.max(MIN, total));
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

const yOf = (total: number) =>
  round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - (total - MIN) / (MAX - MIN)));

export function Barc10Chart({
  ctx,
  points,
  timeZone,
}: {
  ctx: PageContext;
  points: readonly BarcPoint[];
  timeZone: string;
}) {
  const { t } = ctx;
  if (points.length === 0) return <p>{t('center.barc.none')}</p>;
  const sorted = [...points].sort((a, b) => a.takenAt.localeCompare(b.takenAt));
  const at = chartPositions(sorted);
  const day = (iso: string) => formatDay(iso, ctx.locale, timeZone);
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby="barc-title barc-desc"
        data-chart="barc-10"
      >
        <title id="barc-title">{t('center.barc.chartTitle')}</title>
        <desc id="barc-desc">
          {t('center.barc.chartDesc', {
            count: sorted.length,
            first: day(first.takenAt),
            firstTotal: first.total,
            last: day(last.takenAt),
            lastTotal: last.total,
          })}
        </desc>
        <g fill="none" stroke="currentColor" stroke-opacity="0.25" stroke-width="1">
          {[10, 20, 30, 40, 50, 60].map((v) => (
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={yOf(v)} y2={yOf(v)} />
          ))}
        </g>
        <g fill="currentColor" font-size="13" text-anchor="end" aria-hidden="true">
          {[10, 20, 30, 40, 50, 60].map((v) => (
            <text x={LEFT - 8} y={yOf(v) + 4}>
              {v}
            </text>
          ))}
        </g>
        <g fill="currentColor" font-size="13" aria-hidden="true">
          <text x={LEFT} y={HEIGHT - 10} text-anchor="start">
            {day(first.takenAt)}
          </text>
          {sorted.length > 1 && (
            <text x={WIDTH - RIGHT} y={HEIGHT - 10} text-anchor="end">
              {day(last.takenAt)}
            </text>
          )}
        </g>
        {at.length > 1 && (
          <polyline
            fill="none"
            stroke="currentColor"
            stroke-width="2.5"
            points={at.map((p) => `${p.x},${p.y}`).join(' ')}
          />
        )}
        <g fill="currentColor">
          {at.map((p) => (
            <circle cx={p.x} cy={p.y} r="4.5" />
          ))}
        </g>
      </svg>
      <table>
        <caption>{t('center.barc.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('center.barc.date')}</th>
            <th scope="col">{t('center.barc.total')}</th>
            <th scope="col">{t('center.barc.change')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((p, i) => {
            const before = i > 0 ? sorted[i - 1]!.total : undefined;
            const change = before === undefined ? '' : signed(p.total - before);
            return (
              <tr>
                <td>
                  <time dateTime={p.takenAt}>{day(p.takenAt)}</time>
                </td>
                <td>{p.total}</td>
                <td>{change}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </figure>
  );
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}
