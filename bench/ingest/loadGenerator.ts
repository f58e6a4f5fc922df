// Child process of bench/ingest.ts: fires one autocannon phase per message from its parent and
// answers with the phase's figures, so the load never shares the server's event loop.
import { readFileSync } from 'node:fs';
import autocannon, { type Request } from 'autocannon';
import { targetPaths, type Target } from './targets.ts';

/** One phase of load, as the parent asks for it. */
export interface PhaseRequest {
  url: string;
  target: Target;
  seconds: number;
  connections: number;
  /** Each POST gets the submission id `idPrefix + counter`. */
  idPrefix: string;
  /** Make every other POST a retry: the same id and body as one of the first `count` of an earlier phase. */
  replayOf?: { idPrefix: string; count: number };
}

/** What one phase measured, as autocannon saw it. */
export interface PhaseFigures {
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  latencyP50: number;
  latencyP99: number;
}

const { head, tails } = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as {
  head: string;
  tails: string[];
};

process.on('message', (phase: PhaseRequest) => {
  fire(phase).then(
    (figures) => process.send!(figures),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.on('disconnect', () => process.exit(0));
process.send!('ready');

/** The `n`th submission id of a phase. */
function submissionId(prefix: string, n: number): string {
  return prefix + n.toString(36).padStart(6, '0');
}

/** Runs one phase against `/ping` or `POST /api/v1/responses` (stored or not). */
async function fire(phase: PhaseRequest): Promise<PhaseFigures> {
  let next = 0;
  const request: Request =
    phase.target === 'ping'
      ? { method: 'GET', path: targetPaths.ping }
      : {
          method: 'POST',
          path: targetPaths[phase.target],
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => {
            const n = next++;
            const { replayOf } = phase;
            const [prefix, k] =
              replayOf && n % 2
                ? [replayOf.idPrefix, (n >> 1) % replayOf.count]
                : [phase.idPrefix, n];
            return { ...req, body: head + submissionId(prefix, k) + tails[k % tails.length] };
          },
        };
  const result = await autocannon({
    url: phase.url,
    connections: phase.connections,
    duration: phase.seconds,
    timeout: 30,
    requests: [request],
  });
  return {
    seconds: result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
    ),
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
  };
}
