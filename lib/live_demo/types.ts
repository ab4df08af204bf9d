/**
 * Shapes shared by the server and the LiveDemo island (no server imports here): the agents the
 * demo offers and the events of a run's stream.
 */

/** One input field of an agent's form. */
export interface DemoField {
  name: string;
  label: string;
  /** A one-line input or a multi-line text area. */
  multiline: boolean;
  required: boolean;
  placeholder?: string;
  /** A URL input or a file picker (sent as `{ name, type, contentBase64 }`); text by default. */
  kind?: "url" | "file";
  /** The file types a file field accepts. */
  accept?: string;
}

/** An agent as the demo offers it. */
export interface DemoAgent {
  id: string;
  title: string;
  description: string;
  fields: DemoField[];
  /** One-click inputs (string fields only). */
  samples: { label: string; input: Record<string, string> }[];
}

/** A tool step as the demo shows it. */
export interface DemoStep {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
  status: "running" | "done" | "failed";
  summary: string;
  /** The tool's result (or its error message), once it finished. */
  result?: unknown;
}

/** A recorded run of an agent on one of its samples, as the demo shows it before a live run. */
export interface RecordedRun {
  /** The sample's label. */
  label: string;
  input: Record<string, string>;
  steps: Pick<DemoStep, "name" | "status" | "summary">[];
  output: string;
  tokensIn: number;
  tokensOut: number;
  providerLabel: string;
}
