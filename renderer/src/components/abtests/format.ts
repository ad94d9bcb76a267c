/** 0.0834 → "8.3%"; `digits` decimals (one by default), so small rates do not all read "0%". */
export function formatRate(rate: number, digits = 1): string {
  return `${(rate * 100).toFixed(digits)}%`;
}

export function formatNumber(n: number): string {
  return n.toLocaleString('en-US');
}

/** Saves text as a file through the browser's download (no Node, no dialog code in the renderer). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
