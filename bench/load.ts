/**
 * The load generator, run in a child process so autocannon's own work does not share an event
 * loop with the server it measures. The parent sends a LoadSpec over IPC; the child answers with
 * a LoadResult and exits. Each request takes the next header set and body in turn (many senders' sessions
 * rotated across requests), and every response time is kept so p95 can be computed (autocannon's
 * own summary has p50/p90/p97.5/p99 but no p95).
 */
import autocannon from "autocannon";

export interface LoadSpec {
  url: string;
  method: "GET" | "POST";
  path: string;
  connections: number;
  durationSeconds: number;
  /** Rotated per request (e.g. one Cookie per sender). */
  headerSets: Array<Record<string, string>>;
  /** Rotated per request; absent for GET. */
  bodies?: string[];
  /** Keep `loop.id` of every 2xx answer, to check afterwards that each acknowledged loop is stored. */
  collectLoopIds?: boolean;
}

export interface LoadResult {
  requests: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  durationSeconds: number;
  rps: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** With collectLoopIds: the ids of the loops the server acknowledged. */
  loopIds: string[];
  /** The kinds of connection errors seen (message → count). */
  errorKinds: Record<string, number>;
  /** CPU time the load generator itself used, ms. */
  generatorCpuMs: number;
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const times: number[] = [];
  const codes: Record<string, number> = {};
  const cpuStart = process.cpuUsage();
  const loopIds: string[] = [];
  const errorKinds: Record<string, number> = {};
  const collect = spec.collectLoopIds
    ? {
        onResponse: (status: number, body: string) => {
          if (status < 200 || status >= 300) return;
          const id = (JSON.parse(body) as { loop?: { id?: string } }).loop?.id;
          if (id) loopIds.push(id);
        },
      }
    : {};
  let n = 0;
  const options: autocannon.Options = {
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSeconds,
    timeout: 10,
    requests: [
      {
        method: spec.method,
        path: spec.path,
        ...collect,
        setupRequest: (req) => {
          const i = n++;
          const headers = { ...spec.headerSets[i % spec.headerSets.length], ...(spec.bodies ? { "content-type": "application/json" } : {}) };
          return { ...req, headers, ...(spec.bodies ? { body: spec.bodies[i % spec.bodies.length] } : {}) };
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (err: unknown, res: autocannon.Result) => (err ? reject(err) : resolve(res)));
    instance.on("reqError", (err: Error) => {
      const kind = (err as { code?: string }).code ?? err.message;
      errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    });
    instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      times.push(responseTime);
      codes[statusCode] = (codes[statusCode] ?? 0) + 1;
    });
  });
  const sorted = Float64Array.from(times).sort();
  const mean = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
  const ok2xx = result["2xx"];
  return {
    requests: times.length,
    ok2xx,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: codes,
    durationSeconds: result.duration,
    rps: times.length / result.duration,
    latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN, mean },
    loopIds,
    errorKinds,
    generatorCpuMs: (() => {
      const u = process.cpuUsage(cpuStart);
      return (u.user + u.system) / 1000;
    })(),
  };
}

if (process.send) {
  process.once("message", (spec: LoadSpec) => {
    run(spec).then(
      (result) => process.send!({ ok: true, result }, () => process.exit(0)),
      (err: unknown) => process.send!({ ok: false, error: String(err) }, () => process.exit(1)),
    );
  });
}
