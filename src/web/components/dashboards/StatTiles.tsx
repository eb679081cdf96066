/** A row of key figures: a label, the number large, and a short note under it. */
import type { ReactNode } from "react";

export interface StatTile {
  key: string;
  label: string;
  value: ReactNode;
  note?: ReactNode;
}

export function StatTiles({ tiles }: { tiles: readonly StatTile[] }) {
  return (
    <dl className="stat-tiles">
      {tiles.map((tile) => (
        <div key={tile.key} className="stat-tile">
          <dt className="stat-tile-label">{tile.label}</dt>
          <dd className="stat-tile-value">{tile.value}</dd>
          {tile.note ? <dd className="stat-tile-note">{tile.note}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
