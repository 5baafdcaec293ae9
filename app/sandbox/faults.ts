// Injected failures, decided before the handler runs. Every kind but one fails before the handler,
// so the request has no side effect: 429, 500, 503, timeout (held, then dropped) and reset (dropped).
// `lost` is the other case a client must survive: the operation IS applied, then the connection
// drops before the answer, as when DevRev commits and a proxy in between fails. A client that
// resends a write after a lost answer creates it twice.
// Spec: comma-separated `kind:probability[@op|op...]`; e.g. `429:0.1,500:0.05,lost:0.02@works.create`.
// One random draw per request walks the rules in order.
import { type Random, seededRandom } from "./rng.js";

export const FAULT_KINDS = ["429", "500", "503", "timeout", "reset", "lost"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  kind: FaultKind;
  probability: number;
  ops?: string[];
}

export function parseFaults(spec: string | undefined): FaultRule[] {
  if (!spec?.trim()) return [];
  return spec.split(",").map((part) => {
    const m = /^\s*([a-z0-9]+)\s*:\s*([0-9.]+)\s*(?:@\s*(.+?))?\s*$/.exec(part);
    const kind = m?.[1];
    const probability = Number(m?.[2]);
    if (
      !m ||
      !(FAULT_KINDS as readonly string[]).includes(kind ?? "") ||
      !(probability >= 0 && probability <= 1)
    ) {
      throw new Error(`invalid fault '${part.trim()}': expected <${FAULT_KINDS.join("|")}>:<0..1>[@op|op]`);
    }
    const ops = m[3]?.split("|").map((o) => o.trim());
    return { kind: kind as FaultKind, probability, ...(ops ? { ops } : {}) };
  });
}

export class Faults {
  private rules: FaultRule[];
  private readonly random: Random;

  constructor(spec: string | undefined, seed?: number) {
    this.rules = parseFaults(spec);
    this.random = seed === undefined ? Math.random : seededRandom(seed);
  }

  set(spec: string | undefined): void {
    this.rules = parseFaults(spec);
  }

  decide(op: string): FaultKind | undefined {
    const rules = this.rules.filter((r) => !r.ops || r.ops.includes(op));
    if (!rules.length) return undefined;
    const draw = this.random();
    let cumulative = 0;
    for (const r of rules) {
      cumulative += r.probability;
      if (draw < cumulative) return r.kind;
    }
    return undefined;
  }
}
