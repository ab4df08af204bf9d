import type { Ref } from "preact";
import type { DemoAgent, DemoField } from "../../lib/live_demo/types.ts";

/** Props of {@link DemoInputs}. */
export interface DemoInputsProps {
  agents: DemoAgent[];
  agent: DemoAgent;
  values: Record<string, string>;
  /** Index of the sample picked, -1 for "Custom". */
  sample: number;
  hasUpload: boolean;
  busy: boolean;
  /** Prefix of the fields' element ids. */
  idPrefix: string;
  fileInput: Ref<HTMLInputElement>;
  onChoose(agentId: string): void;
  onPick(index: number): void;
  onEdit(field: DemoField, value: string): void;
  onAttach(e: Event): void;
}

/** The demo's inputs: the agent (on Home), its example inputs, and its fields. */
export function DemoInputs(p: DemoInputsProps) {
  const { agent, busy } = p;
  return (
    <>
      {p.agents.length > 1 && (
        <label class="field">
          <span>Agent</span>
          <select
            value={agent.id}
            disabled={busy}
            onChange={(e) => p.onChoose((e.target as HTMLSelectElement).value)}
          >
            {p.agents.map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}
          </select>
        </label>
      )}
      {agent.samples.length > 0 && (
        <div class="demo-samples" role="group" aria-label="Example inputs">
          {[
            ...agent.samples.map((s) =>
              s.label
            ),
            "Custom",
          ].map((label, i, all) => {
            const index = i === all.length - 1 ? -1 : i;
            return (
              <button
                key={label}
                type="button"
                class="chip secondary"
                aria-pressed={p.sample === index}
                disabled={busy}
                onClick={() => p.onPick(index)}
              >
                {label}
              </button>
            );
          })}
        </div>
      )}
      {agent.fields.map((f) => {
        const fid = `${p.idPrefix}-${f.name}`;
        const common = {
          id: fid,
          name: f.name,
          required: f.required && !p.hasUpload,
          placeholder: f.placeholder,
          value: p.values[f.name] ?? "",
          onInput: (e: Event) => p.onEdit(f, (e.target as HTMLInputElement).value),
        };
        return (
          <div class="field" key={`${agent.id}-${f.name}`}>
            <label for={fid}>{f.label}</label>
            {f.kind === "file"
              ? (
                <input
                  type="file"
                  id={fid}
                  name={f.name}
                  accept={f.accept}
                  ref={p.fileInput}
                  disabled={busy}
                  onChange={p.onAttach}
                />
              )
              : f.multiline
              ? <textarea rows={5} {...common} />
              : <input type={f.kind ?? "text"} maxLength={300} {...common} />}
          </div>
        );
      })}
    </>
  );
}
