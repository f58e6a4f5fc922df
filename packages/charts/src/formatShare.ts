/** A share as a percentage with one decimal, e.g. `formatShare(0.8582)` → "85.8%"; missing → "—". */
export function formatShare(share: number | null | undefined): string {
  return share == null || !Number.isFinite(share) ? '—' : `${(share * 100).toFixed(1)}%`;
}

/** A signed change with one decimal, e.g. +2.3 or −1.0 (a true minus sign); missing → "—". */
export function formatChange(change: number | null | undefined): string {
  if (change == null || !Number.isFinite(change)) return '—';
  const rounded = Math.round(change * 10) / 10;
  if (rounded === 0) return '0.0';
  return rounded > 0 ? `+${rounded.toFixed(1)}` : `−${(-rounded).toFixed(1)}`;
}
