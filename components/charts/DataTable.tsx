import { formatValue, type ValueFormat } from "./scale.ts";

/** Props of {@link DataTable}. */
export interface DataTableProps {
  caption: string;
  labels: readonly string[];
  series: readonly { name: string; values: readonly (number | null)[] }[];
  format?: ValueFormat;
}

/** The numbers behind a chart as a table, in a disclosure (for screen readers and copying). */
export function DataTable({ caption, labels, series, format }: DataTableProps) {
  return (
    <details class="chart-data">
      <summary>
        Data table<span class="visually-hidden">: {caption}</span>
      </summary>
      <div class="table-scroll" tabindex={0}>
        <table>
          <caption class="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {series.map((s) => <th scope="col" key={s.name}>{s.name}</th>)}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, i) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {series.map((s) => <td key={s.name}>{formatValue(s.values[i] ?? null, format)}
                </td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
