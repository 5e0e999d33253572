/**
 * What an operator's Prometheus scrapes from `/metrics` (prom-client, its own registry rather
 * than the global one, so two apps in one process never share counts). Nothing personal: routes
 * are their patterns (`/meetings/:slug`, never a slug), no query strings, no addresses.
 * Capabilities add gauges read at scrape time (the index, jobs, deliveries) through `gauge`.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  /** Counts one answered request and its duration. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /**
   * A gauge whose values are read when scraped: `collect` returns one value, or values by the
   * gauge's one label.
   */
  gauge(
    name: string,
    help: string,
    collect: () => Promise<number | Record<string, number>> | number | Record<string, number>,
    label?: string,
  ): void;
  /** The exposition text and its content type. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

/** Request latency buckets in seconds: from a cached page (1 ms) to a slow import page (5 s). */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics !== false)
    collectDefaultMetrics({ register: registry, prefix: 'porchlight_' });
  const requests = new Counter({
    name: 'porchlight_http_requests_total',
    help: 'Requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'porchlight_http_request_duration_seconds',
    help: 'Time to answer a request, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: BUCKETS,
    registers: [registry],
  });
  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      durations.observe({ method, route }, seconds);
    },
    gauge(name, help, collect, label) {
      new Gauge({
        name,
        help,
        labelNames: label === undefined ? [] : [label],
        registers: [registry],
        async collect() {
          const value = await collect();
          this.reset();
          if (typeof value === 'number') this.set(value);
          else
            for (const [key, n] of Object.entries(value)) this.set({ [label ?? 'kind']: key }, n);
        },
      });
    },
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
