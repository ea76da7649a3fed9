import { useDeferredValue, useState } from 'react';
import { importMessages } from '../i18n/messages/import';
import { useMessages } from '../i18n/useMessages';
import { CRS_IDS, CRS_LABEL, type CrsId } from '../io/crs';
import {
  COLUMN_ROLES,
  COLUMN_TYPES,
  type ColumnOverride,
  type ColumnRole,
  type ColumnType,
} from '../io/types';
import { type ImportedDataset, useImportStore } from '../state/importStore';

/** Mapping dialog: detected type and role per column, overridable; re-imports in the worker. */
export function ColumnMapping() {
  const m = useMessages(importMessages);
  const id = useImportStore((s) => s.lastReportId);
  // rendered in a background pass after an import, and the form only while the dialog is open
  const d = useDeferredValue(
    useImportStore(
      (s) => s.datasets.find((x) => x.id === id) ?? (s.lastResult?.id === id ? s.lastResult : null),
    ),
    null,
  );
  const [open, setOpen] = useState(false);
  if (!d || d.columns.length === 0) return null;
  return (
    <details
      className="column-mapping"
      data-testid="column-mapping"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>{m.mappingTitle}</summary>
      {open && (
        // a new key per import result resets the draft
        <MappingForm
          key={`${d.id}|${d.reportCsv.length}|${d.columns.map((c) => c.type + c.role).join()}`}
          d={d}
        />
      )}
    </details>
  );
}

function MappingForm({ d }: { d: ImportedDataset }) {
  const m = useMessages(importMessages);
  const reimport = useImportStore((s) => s.reimport);
  const busy = useImportStore((s) => !!s.progress);
  const [draft, setDraft] = useState<Record<string, ColumnOverride>>({});
  const [crs, setCrs] = useState<CrsId | ''>('');
  const set = (name: string, o: ColumnOverride) => setDraft((x) => ({ ...x, [name]: { ...x[name], ...o } }));
  return (
    <>
      <p className="muted">{m.mappingIntro}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const overrides: Record<string, ColumnOverride> = {};
          for (const c of d.columns) overrides[c.name] = { type: c.type, role: c.role, ...draft[c.name] };
          void reimport(d.id, { overrides, crs: crs || undefined });
        }}
      >
        <div className="import-table-wrap">
          <table className="import-table">
            <caption className="visually-hidden">{m.mappingCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{m.colName}</th>
                <th scope="col">{m.colExamples}</th>
                <th scope="col">{m.colType}</th>
                <th scope="col">{m.colRole}</th>
              </tr>
            </thead>
            <tbody>
              {d.columns.map((c) => (
                <tr key={c.name}>
                  <th scope="row">{c.name}</th>
                  <td className="muted">{c.examples.slice(0, 3).join(' · ')}</td>
                  <td>
                    <select
                      aria-label={m.typeLabel(c.name)}
                      value={draft[c.name]?.type ?? c.type}
                      onChange={(e) => set(c.name, { type: e.target.value as ColumnType })}
                    >
                      {COLUMN_TYPES.map((t) => (
                        <option key={t} value={t}>
                          {m[`type_${t}` as keyof typeof m] as string}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      aria-label={m.roleLabel(c.name)}
                      value={draft[c.name]?.role ?? c.role}
                      onChange={(e) => set(c.name, { role: e.target.value as ColumnRole })}
                    >
                      {COLUMN_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {m[`role_${r}` as keyof typeof m] as string}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <label>
          {m.crsLabel}{' '}
          <select value={crs} onChange={(e) => setCrs(e.target.value as CrsId | '')}>
            <option value="">{m.crsAuto}</option>
            {CRS_IDS.map((c) => (
              <option key={c} value={c}>
                {c} – {CRS_LABEL[c]}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" disabled={busy}>
          {m.apply}
        </button>
      </form>
    </>
  );
}
