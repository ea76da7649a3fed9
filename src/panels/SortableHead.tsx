import type { Dispatch, ReactNode, SetStateAction } from 'react';

export interface TableSort<K extends string = string> {
  key: K;
  dir: 1 | -1;
}

export interface SortableColumn<K extends string = string> {
  key: K;
  label: string;
  numeric?: boolean;
}

/**
 * Header cells of a sortable table (institution table, area table): one button per column, `aria-sort` on the
 * active one; a click sorts by that column, a second click reverses the direction.
 */
export function SortableHeadCells<K extends string>({
  columns,
  sort,
  setSort,
}: {
  columns: readonly SortableColumn<K>[];
  sort: TableSort<K>;
  setSort: Dispatch<SetStateAction<TableSort<K>>>;
}): ReactNode {
  return columns.map((c) => {
    const active = sort.key === c.key;
    return (
      <th
        key={c.key}
        scope="col"
        aria-sort={active ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
        className={c.numeric ? 'it-head num' : 'it-head'}
      >
        <button
          type="button"
          className="it-sort"
          data-col={c.key}
          onClick={() =>
            setSort((s) =>
              s.key === c.key ? { key: c.key, dir: s.dir === 1 ? -1 : 1 } : { key: c.key, dir: 1 },
            )
          }
        >
          {c.label}
          <span aria-hidden="true" className="it-sort-mark">
            {active ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
          </span>
        </button>
      </th>
    );
  });
}
