/** The renderer has no file system and needs none: files come in through FileReader and leave through a Blob link. */

/** Saves text as a download. CSV gets a byte-order mark so Excel reads accents (Zoë, Martínez) as UTF-8. */
export function saveText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const bom = type.startsWith('text/csv') && !text.startsWith('\uFEFF') ? ['\uFEFF'] : [];
  const url = URL.createObjectURL(new Blob([...bom, text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A chosen file's bytes as base64 (without the "data:…;base64," prefix), read off the main thread by the browser. */
export function readAsBase64(file: Blob, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () =>
      reject(new Error(`The file "${name}" could not be read: ${reader.error?.message ?? 'unknown error'}.`));
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}
