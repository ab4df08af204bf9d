/** Runs every evaluation case through an engine and totals the checks per agent and field. */
import { DOCS_CASES } from "./cases/docs_cases.ts";
import { LEAD_CASES } from "./cases/lead_cases.ts";
import { TRIAGE_CASES } from "./cases/triage_cases.ts";
import type { Engine } from "./engine.ts";
import { type Check, gradeDocs, gradeLead, gradeTriage } from "./grade.ts";

/** The checks of one case. */
export interface CaseResult {
  agent: string;
  label: string;
  checks: Check[];
}

/** Passed and total checks. */
export interface Tally {
  passed: number;
  total: number;
}

/** Results per agent: every case, and tallies per field and overall. */
export interface AgentScore {
  agent: string;
  cases: CaseResult[];
  fields: Map<string, Tally>;
  overall: Tally;
}

/** The pass mark per agent. */
export const PASS_MARK = 0.9;

function tally(agent: string, cases: CaseResult[]): AgentScore {
  const fields = new Map<string, Tally>();
  const overall = { passed: 0, total: 0 };
  for (const c of cases) {
    for (const k of c.checks) {
      const f = fields.get(k.field) ?? { passed: 0, total: 0 };
      fields.set(k.field, f);
      f.total++;
      overall.total++;
      if (k.ok) f.passed++, overall.passed++;
    }
  }
  return { agent, cases, fields, overall };
}

/** Accuracy of a tally, 0-1. */
export function rate(t: Tally): number {
  return t.total ? t.passed / t.total : 1;
}

async function each<C>(
  agent: string,
  cases: C[],
  engine: Engine,
  input: (c: C) => Record<string, unknown>,
  label: (c: C) => string,
  grade: (c: C, t: Awaited<ReturnType<Engine>>) => Check[],
): Promise<AgentScore> {
  const out: CaseResult[] = [];
  for (const c of cases) {
    out.push({ agent, label: label(c), checks: grade(c, await engine(agent, input(c))) });
  }
  return tally(agent, out);
}

/** Runs the whole evaluation. */
export async function runEval(engine: Engine): Promise<AgentScore[]> {
  const short = (s: string) => s.length > 60 ? `${s.slice(0, 57)}...` : s;
  return [
    await each(
      "docs-assistant",
      DOCS_CASES,
      engine,
      (c) => ({ question: c.question }),
      (c) => short(c.question),
      gradeDocs,
    ),
    await each(
      "lead-qualifier",
      LEAD_CASES,
      engine,
      (c) => ({ ...(c.company ? { company: c.company } : {}), text: c.text }),
      (c) => short(c.text),
      gradeLead,
    ),
    await each(
      "support-triage",
      TRIAGE_CASES,
      engine,
      (c) => {
        const { expect: _, ...input } = c;
        return input;
      },
      (c) => short(c.subject ?? c.body),
      gradeTriage,
    ),
  ];
}

/** The scores as a plain-text table: one line per field, then the agent's overall line. */
export function formatTable(scores: AgentScore[]): string {
  const pct = (t: Tally) => `${(rate(t) * 100).toFixed(1)}%`.padStart(7);
  const rows = ["agent            field                 passed   accuracy"];
  for (const s of scores) {
    for (const [field, t] of s.fields) {
      rows.push(
        `${s.agent.padEnd(16)} ${field.padEnd(20)} ${`${t.passed}/${t.total}`.padStart(7)} ${
          pct(t)
        }`,
      );
    }
    rows.push(
      `${s.agent.padEnd(16)} ${"ALL FIELDS".padEnd(20)} ${
        `${s.overall.passed}/${s.overall.total}`.padStart(7)
      } ${pct(s.overall)}  ${
        rate(s.overall) >= PASS_MARK ? "pass" : "FAIL"
      } (cases: ${s.cases.length})`,
    );
  }
  return rows.join("\n");
}

/** Every failed check, one line each. */
export function formatFailures(scores: AgentScore[]): string {
  return scores.flatMap((s) =>
    s.cases.flatMap((c) =>
      c.checks.filter((k) => !k.ok).map((k) => `${s.agent} | ${c.label} | ${k.field}: ${k.got}`)
    )
  ).join("\n");
}
