/** A trace id, linked to the tracing UI when `TRACE_URL_TEMPLATE` is set. */
export function TraceLink({ traceId, template }: { traceId: string | null; template?: string }) {
  if (!traceId) return <span>—</span>;
  if (!template) return <code>{traceId}</code>;
  return (
    <a href={template.replace("{traceId}", encodeURIComponent(traceId))} rel="noopener">
      <code>{traceId}</code>
      <span class="visually-hidden">(open the trace)</span>
    </a>
  );
}
