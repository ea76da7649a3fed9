import { useState } from 'react';
import { formatInteger } from '../i18n/format';
import { importMessages } from '../i18n/messages/import';
import { useMessages } from '../i18n/useMessages';
import { type ImportedDataset, useImportStore } from '../state/importStore';
import { useLocaleStore } from '../state/localeStore';

function Row({ d }: { d: ImportedDataset }) {
  const m = useMessages(importMessages);
  const locale = useLocaleStore((s) => s.locale);
  const { setVisible, rename, remove, showReport } = useImportStore.getState();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(d.name);
  const count = d.featuresTotal || d.keyed?.rows.length || d.report.rowsUsed;
  return (
    <li className="imported-dataset" data-dataset={d.id}>
      {editing ? (
        <form
          className="imported-rename"
          onSubmit={(e) => {
            e.preventDefault();
            rename(d.id, name);
            setEditing(false);
          }}
        >
          <input aria-label={m.renameLabel(d.name)} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit">{m.save}</button>
        </form>
      ) : (
        <label className="imported-name">
          <input type="checkbox" checked={d.visible} onChange={(e) => setVisible(d.id, e.target.checked)} />
          <span className="visually-hidden">{m.visible(d.name)}</span>
          <span aria-hidden="true">{d.name}</span>
        </label>
      )}
      <span className="muted imported-count">{m.featuresCount(formatInteger(count, locale))}</span>
      <span className="imported-actions">
        <button type="button" onClick={() => showReport(d.id)}>
          {m.showReport}
        </button>
        {!editing && (
          <button
            type="button"
            onClick={() => {
              setName(d.name);
              setEditing(true);
            }}
          >
            {m.rename}
          </button>
        )}
        <button type="button" aria-label={m.removeLabel(d.name)} onClick={() => remove(d.id)}>
          {m.remove}
        </button>
      </span>
    </li>
  );
}

/** Imported datasets next to the defaults: show/hide, rename, remove, open the report. */
export function ImportedDatasets() {
  const m = useMessages(importMessages);
  const datasets = useImportStore((s) => s.datasets);
  return (
    <div className="imported-datasets" data-testid="imported-datasets">
      <h3>{m.datasetsTitle}</h3>
      {datasets.length === 0 ? (
        <p className="muted">{m.noDatasets}</p>
      ) : (
        <ul>
          {datasets.map((d) => (
            <Row key={d.id} d={d} />
          ))}
        </ul>
      )}
    </div>
  );
}
